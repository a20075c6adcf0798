"""``python -m bot``: start the bot, or stop with one line saying what is missing."""

from __future__ import annotations

import sys

from bot.launcher import main

if __name__ == "__main__":
    sys.exit(main())
