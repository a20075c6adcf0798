"""Point discord.py at a fake Discord and put it back afterwards.

discord.py builds every REST URL (bot HTTP client *and* the interaction/webhook
adapter in ``webhook/async_.py``) from the class attribute ``Route.BASE`` at request
time, and opens the first gateway connection at ``DiscordWebSocket.DEFAULT_GATEWAY``
(later connections use READY's ``resume_gateway_url``, which the fake points at
itself). Those two class attributes are therefore all that needs patching; the only
other hard-coded ``discord.com`` strings are the display-only ``Webhook.url``.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

import yarl
from discord.gateway import DiscordWebSocket
from discord.http import Route


@contextlib.contextmanager
def patch_discord(api_base: str, gateway_url: str) -> Iterator[None]:
    """Redirect discord.py's REST base and default gateway, restoring on exit."""
    old_base = Route.BASE
    old_gateway = DiscordWebSocket.DEFAULT_GATEWAY
    Route.BASE = api_base
    DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(gateway_url)
    try:
        yield
    finally:
        Route.BASE = old_base
        DiscordWebSocket.DEFAULT_GATEWAY = old_gateway
