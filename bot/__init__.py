"""The willai Discord bot: thin cogs over the domain packages.

``create_bot(settings=None)`` returns the configured, unconnected bot; ``python -m bot`` and
``willai run`` start it (see :mod:`bot.launcher`).
"""

from bot.client import ShardedWillaiBot, WillaiBot, create_bot

__all__ = ["ShardedWillaiBot", "WillaiBot", "create_bot"]
