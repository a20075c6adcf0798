"""Failures outside our own code that every entry point reports as one line."""

from __future__ import annotations


class DiscordUnavailableError(Exception):
    """Discord refused the token or could not be reached; the message says which."""
