"""Buttons and menus under answers, persistent across restarts.

Every component is a :class:`discord.ui.DynamicItem`: its custom_id carries all the state it
needs (``willai:<kind>:...:<occupation key>``), and the classes are registered at start-up
with ``bot.add_dynamic_items``. A click on a message sent by a previous process, or before a
data refresh, is therefore parsed from the custom_id alone; nothing is kept in memory per
message. Follow-up answers are ephemeral: the question is the clicker's, not the channel's.

Labels are said in the asker's language when the answer is sent; a click is answered in the
language of whoever clicks (``bot/language.py``), since the follow-up is theirs alone. The
custom_ids never depend on the language, so buttons sent before this existed keep working.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import re
from collections.abc import Callable
from typing import Any, NamedTuple, cast

import discord
from discord.ui import Button, DynamicItem, Select

from bot import embeds, errors, limits
from bot.keys import KEY_PATTERN
from bot.language import error_voice, language_of
from bot.limits import clip
from bot.pictures import PICTURE_NAME, LateCard, as_file, attach_when_drawn, showing_picture
from bot.serving import ServesRelease, Serving
from matching import Candidate
from scoring import FACTORS
from scoring.messages import N_
from scoring.voice import ENGLISH, Voice
from willai import texts
from willai.service import Answer

log = logging.getLogger("willai.bot.views")

NAMESPACE = "willai"
STALE = N_(
    "This occupation is not in the current data any more. "
    "Ask again with `/willai` to get a fresh answer."
)
METHODOLOGY = N_("Methodology")


def _bot(interaction: discord.Interaction) -> ServesRelease:
    return cast("ServesRelease", interaction.client)


class _SafeItem:
    """Routes a component callback's failures to the shared error handler.

    discord.py only logs exceptions raised in dynamic item callbacks, which would leave the
    user with "This interaction failed"; this answers them instead.
    """

    async def callback(self, interaction: discord.Interaction) -> None:
        try:
            await self.respond(interaction)
        except Exception as exc:  # noqa: BLE001 - every failure gets an answer and a log
            await errors.report(interaction, exc)

    async def respond(self, interaction: discord.Interaction) -> None:
        raise NotImplementedError


async def _answer_or_stale(interaction: discord.Interaction, key: str) -> Answer | None:
    """The occupation behind ``key`` in the clicker's language; None (and said) when gone."""
    serving = _bot(interaction).serving
    language = await language_of(interaction)
    uri = serving.keys.uri(key)
    answer = None if uri is None else serving.service.answer_for(uri, language=language)
    if answer is None:
        await send_stale(interaction, serving.service.voice(language))
    return answer


async def send_stale(interaction: discord.Interaction, voice: Voice) -> None:
    """Privately: the occupation a component names is not in the serving release."""
    await interaction.response.send_message(voice.say(STALE), ephemeral=True)


class FactorButton(
    _SafeItem,
    DynamicItem[Button[Any]],
    template=rf"{NAMESPACE}:factor:(?P<factor>[a-z_]{{1,30}}):(?P<key>{KEY_PATTERN})",
):
    """One factor of one occupation: what it measures, the value, drivers, percentile."""

    def __init__(self, factor: str, key: str, voice: Voice = ENGLISH) -> None:
        info = FACTORS.get(factor)
        label = voice.say(info.title) if info else factor.replace("_", " ").capitalize()
        super().__init__(
            Button(
                label=clip(label, limits.BUTTON_LABEL),
                style=discord.ButtonStyle.primary,
                custom_id=f"{NAMESPACE}:factor:{factor}:{key}",
            ),
            row=0,
        )
        self.factor, self.key = factor, key

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Item[Any], match: re.Match[str], /
    ) -> FactorButton:
        return cls(match["factor"], match["key"])

    async def respond(self, interaction: discord.Interaction) -> None:
        if self.factor not in FACTORS:
            await send_stale(interaction, await error_voice(interaction))
            return
        answer = await _answer_or_stale(interaction, self.key)
        if answer is not None:
            embed = embeds.factor_embed(answer, self.factor)
            await interaction.response.send_message(embed=embed, ephemeral=True)


# The two per-occupation follow-ups that only differ in wording and embed. The embed builders
# are looked up when clicked, not bound here, so the module stays the one place that owns them.
DETAIL_BUTTONS: dict[str, tuple[str, Callable[[Answer], discord.Embed]]] = {
    "resilient": (
        embeds.RESILIENT_SKILLS,
        lambda answer: embeds.resilient_embed(answer),  # noqa: PLW0108
    ),
    "paths": (
        embeds.WHERE_SKILLS_TAKE_YOU,
        lambda answer: embeds.paths_embed(answer),  # noqa: PLW0108
    ),
}


class DetailButton(
    _SafeItem,
    DynamicItem[Button[Any]],
    template=rf"{NAMESPACE}:(?P<kind>resilient|paths):(?P<key>{KEY_PATTERN})",
):
    """Resilient skills, or lower-risk occupations that share this one's skills."""

    def __init__(self, kind: str, key: str, voice: Voice = ENGLISH) -> None:
        label, _ = DETAIL_BUTTONS[kind]
        super().__init__(
            Button(
                label=clip(voice.say(label), limits.BUTTON_LABEL),
                style=discord.ButtonStyle.secondary,
                custom_id=f"{NAMESPACE}:{kind}:{key}",
            ),
            row=1,
        )
        self.kind, self.key = kind, key

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Item[Any], match: re.Match[str], /
    ) -> DetailButton:
        return cls(match["kind"], match["key"])

    async def respond(self, interaction: discord.Interaction) -> None:
        answer = await _answer_or_stale(interaction, self.key)
        if answer is not None:
            _, render = DETAIL_BUTTONS[self.kind]
            await interaction.response.send_message(embed=render(answer), ephemeral=True)


class MethodologyButton(
    _SafeItem,
    DynamicItem[Button[Any]],
    template=rf"{NAMESPACE}:method",
):
    """How the score is made; the same for every occupation, so it carries no key."""

    def __init__(self, voice: Voice = ENGLISH) -> None:
        super().__init__(
            Button(
                label=clip(voice.say(METHODOLOGY), limits.BUTTON_LABEL),
                style=discord.ButtonStyle.secondary,
                custom_id=f"{NAMESPACE}:method",
            ),
            row=1,
        )

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Item[Any], match: re.Match[str], /
    ) -> MethodologyButton:
        return cls()

    async def respond(self, interaction: discord.Interaction) -> None:
        service = _bot(interaction).serving.service
        voice = service.voice(await language_of(interaction))
        embed = embeds.methodology_embed(embeds.data_version(service.release), voice)
        await interaction.response.send_message(embed=embed, ephemeral=True)


PICK_PREFIX = f"{NAMESPACE}:pick:"
PICK_QUERY_CHARS = limits.CUSTOM_ID - len(PICK_PREFIX)


class PickSelect(
    _SafeItem,
    DynamicItem[Select[Any]],
    template=re.compile(rf"{NAMESPACE}:pick:(?P<query>.*)", re.DOTALL),
):
    """The did-you-mean menu; values are occupation keys, the custom_id keeps the question.

    The asker's choice turns the menu message into the answer; anyone else who picks gets
    the answer privately, so nobody can hijack someone else's question.
    """

    def __init__(
        self, query: str, options: list[discord.SelectOption] | None = None, voice: Voice = ENGLISH
    ) -> None:
        select: Select[Any] = Select(
            custom_id=PICK_PREFIX + query[:PICK_QUERY_CHARS],
            placeholder=clip(voice.say(embeds.DID_YOU_MEAN), limits.SELECT_PLACEHOLDER),
            options=options or [discord.SelectOption(label="-", value="-")],
            min_values=1,
            max_values=1,
        )
        super().__init__(select, row=0)
        self.query = query

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Item[Any], match: re.Match[str], /
    ) -> PickSelect:
        made = cls(match["query"])
        made.item.options = list(getattr(item, "options", None) or [])
        return made

    async def respond(self, interaction: discord.Interaction) -> None:
        serving = _bot(interaction).serving
        language = await language_of(interaction)
        values = self.item.values
        uri = serving.keys.uri(values[0]) if values else None
        answer = (
            None
            if uri is None
            else serving.service.answer_for(uri, self.query or None, language=language)
        )
        if answer is None:
            await send_stale(interaction, serving.service.voice(language))
            return
        message = answer_message(serving, answer)
        pictures = [] if message.picture is None else [message.picture]
        metadata = interaction.message.interaction_metadata if interaction.message else None
        if metadata is not None and metadata.user.id == interaction.user.id:
            await interaction.response.edit_message(
                embed=message.embed, view=message.view, attachments=pictures
            )
        else:
            picture: dict[str, Any] = {} if message.picture is None else {"file": message.picture}
            await interaction.response.send_message(
                embed=message.embed, view=message.view, ephemeral=True, **picture
            )
        if message.late is not None:
            await attach_when_drawn(interaction, message.late)


def _option_description(candidate: Candidate, name: str, voice: Voice) -> str:
    """Why the candidate is offered: the label the title matched, or how likely it is."""
    matched = candidate.matched_label
    if matched and matched.casefold() not in {candidate.label.casefold(), name.casefold()}:
        return voice.say("matched “{label}”", label=matched)
    if candidate.confidence:
        return voice.say(
            "{percent} likely", percent=texts.percent(candidate.confidence * 100, voice)
        )
    return voice.say("ESCO occupation")


DYNAMIC_ITEMS: tuple[type[DynamicItem[Any]], ...] = (
    FactorButton,
    DetailButton,
    MethodologyButton,
    PickSelect,
)
"""Registered with ``bot.add_dynamic_items`` at start-up."""

#: The component type each dynamic item answers: a forged id of the wrong type is not ours.
COMPONENT_TYPES: dict[type[DynamicItem[Any]], discord.ComponentType] = {
    FactorButton: discord.ComponentType.button,
    DetailButton: discord.ComponentType.button,
    MethodologyButton: discord.ComponentType.button,
    PickSelect: discord.ComponentType.string_select,
}
EXPIRED = N_("This menu has expired. Ask again with `/willai`.")
#: A click one of our items claimed but has not answered by then gets EXPIRED: whatever
#: happened (an item that could not be rebuilt, a crash before the callback), Discord's 3 s
#: deadline must not pass in silence.
WATCHDOG_SECONDS = 2.5


def _message_has(message: discord.Message | None, custom_id: str, kind: int) -> bool:
    if message is None:
        return False
    for row in message.components:
        for child in getattr(row, "children", [row]):
            if getattr(child, "custom_id", None) == custom_id and child.type.value == kind:
                return True
    return False


def claimed(interaction: discord.Interaction) -> bool:
    """Whether one of our items will answer this click: its id and type fit, and it is there.

    discord.py drops, silently, a click whose id fits no item, whose item is not on the
    message, or whose item cannot be rebuilt; those are the ones :func:`answer_unclaimed` takes.
    """
    data: dict[str, Any] = cast("dict[str, Any]", interaction.data or {})
    custom_id = str(data.get("custom_id", ""))
    kind = int(data.get("component_type", 0))
    fits = any(
        item.__discord_ui_compiled_template__.fullmatch(custom_id)
        and COMPONENT_TYPES[item].value == kind
        for item in DYNAMIC_ITEMS
    )
    return fits and _message_has(interaction.message, custom_id, kind)


async def answer_unclaimed(interaction: discord.Interaction) -> None:
    """Every click gets an answer: ours, or a private "this menu has expired"."""
    if interaction.type is not discord.InteractionType.component:
        return
    if claimed(interaction):
        await asyncio.sleep(WATCHDOG_SECONDS)
        if interaction.response.is_done():
            return
    data: dict[str, Any] = cast("dict[str, Any]", interaction.data or {})
    log.info("answered an unclaimed component %r", str(data.get("custom_id", ""))[:100])
    voice = await error_voice(interaction)
    with contextlib.suppress(discord.HTTPException):
        await interaction.response.send_message(voice.say(EXPIRED), ephemeral=True)


def answer_view(key: str, voice: Voice = ENGLISH) -> discord.ui.View:
    """The follow-up buttons under an answer: one per factor, then three more."""
    view = discord.ui.View(timeout=None)
    for name in FACTORS:
        view.add_item(FactorButton(name, key, voice))
    view.add_item(DetailButton("resilient", key, voice))
    view.add_item(DetailButton("paths", key, voice))
    view.add_item(MethodologyButton(voice))
    return view


class AnswerMessage(NamedTuple):
    """What one answer sends: the report card, its buttons, and the score card picture.

    The picture goes with the first reply when it was drawn before (``picture``); otherwise
    the reply goes without it and ``late`` attaches it once drawn (bot/pictures.py).
    """

    embed: discord.Embed
    view: discord.ui.View
    picture: discord.File | None
    late: LateCard | None = None


def answer_message(serving: Serving, answer: Answer, *, draw: bool = False) -> AnswerMessage:
    """Embed, buttons and, when already drawn (or ``draw``: drawn here), picture of one answer.

    ``draw`` is for an answer whose acknowledgement already went out (a burst's deferred
    reply): drawing now puts the card in the one edit that answers.
    """
    view = answer_view(serving.keys.key(answer.score.uri), answer.voice)
    png = serving.cards.draw(answer) if draw else serving.cards.drawn(answer)
    if png is not None:
        return AnswerMessage(embeds.answer_embed(answer, PICTURE_NAME), view, as_file(png))
    embed = embeds.answer_embed(answer)
    return AnswerMessage(embed, view, None, LateCard(serving.cards, answer, showing_picture(embed)))


def offered(serving: Serving, candidates: list[Candidate]) -> list[Candidate]:
    """The candidates a did-you-mean menu offers: scored ones, at most five."""
    return [c for c in candidates if c.uri in serving.service.scores][:5]


def did_you_mean_view(
    serving: Serving, query: str, candidates: list[Candidate], language: str = "en"
) -> discord.ui.View:
    """The menu offering ``candidates`` (see :func:`offered`), named in ``language``."""
    service = serving.service
    voice = service.voice(language)
    options = []
    for candidate in candidates:
        name = service.occupation_name(candidate.uri, candidate.label, language)
        options.append(
            discord.SelectOption(
                label=clip(name, limits.SELECT_OPTION_LABEL),
                value=serving.keys.key(candidate.uri),
                description=clip(
                    _option_description(candidate, name, voice), limits.SELECT_OPTION_DESCRIPTION
                ),
            )
        )
    view = discord.ui.View(timeout=None)
    view.add_item(PickSelect(query, options, voice))
    return view
