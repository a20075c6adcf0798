"""`python -m willai` is the `willai` command."""

from willai.cli import main

main()
