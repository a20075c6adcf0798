"""What the `willai` command may ask of the Discord front end, registered as an entry point.

`willai run`, `sync`, `setup` and `invite` reach these through the ``willai.frontends`` entry
point (see `willai/frontend.py`), so `willai/` never imports `bot/`: the layers stay one-way.
"""

from __future__ import annotations

from bot.launcher import run_bot, sync_commands
from bot.setup import identify, invite_url, sync_to_guild

__all__ = ["identify", "invite_url", "run_bot", "sync_commands", "sync_to_guild"]
