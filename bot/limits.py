"""Discord's size limits, and helpers that keep every string inside them.

Discord rejects a whole message (HTTP 400) when a single field is one character too long, so
every string the bot builds goes through :func:`clip`, and every embed through
:func:`fit_embed` before it is sent.
"""

from __future__ import annotations

import discord

EMBED_TOTAL = 6000
EMBED_TITLE = 256
EMBED_DESCRIPTION = 4096
EMBED_FIELD_NAME = 256
EMBED_FIELD_VALUE = 1024
EMBED_FOOTER = 2048
EMBED_AUTHOR = 256
EMBED_FIELDS = 25
CONTENT = 2000
CHOICE_NAME = 100
CHOICE_VALUE = 100
CHOICES = 25
SELECT_OPTION_LABEL = 100
SELECT_OPTION_DESCRIPTION = 100
SELECT_OPTION_VALUE = 100
SELECT_PLACEHOLDER = 150
BUTTON_LABEL = 80
CUSTOM_ID = 100
COMMAND_NAME = 32
COMMAND_DESCRIPTION = 100

ELLIPSIS = "…"


def clip(text: str, limit: int) -> str:
    """``text`` cut to ``limit`` characters, ending in an ellipsis when it was cut."""
    if len(text) <= limit:
        return text
    if limit <= 0:
        return ""
    return text[: limit - 1].rstrip() + ELLIPSIS


def escape_user_text(text: str) -> str:
    """What someone typed, safe to show: no markdown tricks, no mentions that could ping."""
    return discord.utils.escape_mentions(discord.utils.escape_markdown(text))


def clip_lines(lines: list[str], limit: int, *, separator: str = "\n") -> str:
    """Join whole lines while they fit; a list is better cut between items than inside one."""
    out: list[str] = []
    used = 0
    for line in lines:
        cost = len(line) + (len(separator) if out else 0)
        if used + cost > limit:
            if not out:
                return clip(line, limit)
            break
        out.append(line)
        used += cost
    return separator.join(out)


def fit_embed(embed: discord.Embed, *, keep_fields: int = 3) -> discord.Embed:
    """Clip each part of ``embed`` to its limit, then shrink it under the 6,000 total.

    Trailing fields go first (the least important come last), then the description is
    shortened, and only then the first ``keep_fields`` fields (the factors of an answer) and
    the footer: the score and the attribution survive anything short of absurd input.
    """
    if embed.title:
        embed.title = clip(embed.title, EMBED_TITLE)
    if embed.description:
        embed.description = clip(embed.description, EMBED_DESCRIPTION)
    if embed.author.name:
        embed.set_author(
            name=clip(embed.author.name, EMBED_AUTHOR),
            url=embed.author.url,
            icon_url=embed.author.icon_url,
        )
    fields = embed.fields[:EMBED_FIELDS]
    embed.clear_fields()
    for field in fields:
        embed.add_field(
            name=clip(field.name or "\u200b", EMBED_FIELD_NAME) or "\u200b",
            value=clip(field.value or "\u200b", EMBED_FIELD_VALUE) or "\u200b",
            inline=bool(field.inline),
        )
    footer = clip(embed.footer.text or "", EMBED_FOOTER)
    if embed.footer.text:
        embed.set_footer(text=footer, icon_url=embed.footer.icon_url)
    while len(embed) > EMBED_TOTAL and len(embed.fields) > keep_fields:
        embed.remove_field(len(embed.fields) - 1)
    if len(embed) > EMBED_TOTAL and embed.description:
        excess = len(embed) - EMBED_TOTAL
        embed.description = clip(embed.description, max(0, len(embed.description) - excess))
    while len(embed) > EMBED_TOTAL and embed.fields:
        embed.remove_field(len(embed.fields) - 1)
    if len(embed) > EMBED_TOTAL and footer:
        excess = len(embed) - EMBED_TOTAL
        embed.set_footer(text=clip(footer, max(0, len(footer) - excess)))
    return embed


def fit_embeds(embeds: list[discord.Embed]) -> list[discord.Embed]:
    """Fit each embed, then keep the message's embeds together under the 6,000 total."""
    fitted = [fit_embed(e) for e in embeds[:10]]
    while len(fitted) > 1 and sum(len(e) for e in fitted) > EMBED_TOTAL:
        fitted.pop()
    return fitted
