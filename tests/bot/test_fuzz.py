"""Arbitrary Unicode through the matcher, the answer service and the embed builders.

Property: nothing raises, and every string stays within Discord's limits, whatever is typed.
"""

from __future__ import annotations

from pathlib import Path

import discord
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot import embeds, limits
from bot.cogs.ask import build_reply
from bot.keys import OccupationKeys
from bot.pictures import ScoreCards
from bot.serving import Serving
from db.store import Store
from languages.choice import SUPPORTED
from tests.bundle_factory import write_bundle
from willai.runtime import ensure_release
from willai.service import Answer, AnswerService
from willai.settings import load_settings

#: Typed text: anything, and near-misses of real titles with odd characters around them.
TEXT = st.one_of(
    st.text(max_size=300),
    st.builds(
        lambda title, noise: f"{title}{noise}",
        st.sampled_from(["roofer", "data entry clerk", "nurse", "occ:roofer", "uri:x"]),
        st.text(max_size=40),
    ),
)
FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@pytest.fixture(scope="module")
def serving(tmp_path_factory: pytest.TempPathFactory) -> Serving:
    root: Path = tmp_path_factory.mktemp("fuzz")
    url = f"sqlite:///{root / 's.sqlite'}"
    store = Store.from_url(url)
    settings = load_settings(
        database_url=url, esco_source=str(write_bundle(root)), cache_dir=root / "cache"
    )
    ensure_release(store, settings)
    service = AnswerService.load(store, cache_dir=settings.cache_dir)
    return Serving(service, OccupationKeys(service.scores), ScoreCards())


def assert_within_limits(embed: discord.Embed) -> None:
    assert len(embed) <= limits.EMBED_TOTAL
    assert len(embed.title or "") <= limits.EMBED_TITLE
    assert len(embed.description or "") <= limits.EMBED_DESCRIPTION
    assert len(embed.fields) <= limits.EMBED_FIELDS
    for field in embed.fields:
        assert 0 < len(field.name or "") <= limits.EMBED_FIELD_NAME
        assert 0 < len(field.value or "") <= limits.EMBED_FIELD_VALUE
    assert len(embed.footer.text or "") <= limits.EMBED_FOOTER


def assert_view_within_limits(view: discord.ui.View) -> None:
    for item in view.children:
        assert len(getattr(item, "custom_id", "") or "") <= limits.CUSTOM_ID
        assert 0 < len(getattr(item, "label", "x") or "") <= limits.BUTTON_LABEL
        assert len(getattr(item, "placeholder", "") or "") <= limits.SELECT_PLACEHOLDER
        for option in getattr(item, "options", []):
            assert 0 < len(option.label) <= limits.SELECT_OPTION_LABEL
            assert 0 < len(option.value) <= limits.SELECT_OPTION_VALUE
            assert len(option.description or "") <= limits.SELECT_OPTION_DESCRIPTION


@FUZZ
@given(text=TEXT, language=st.sampled_from(SUPPORTED))
def test_any_text_gets_an_answer_within_discords_limits(
    serving: Serving, text: str, language: str
) -> None:
    built = build_reply(serving, text, language)
    reply = built.message
    if "embed" in reply:
        assert_within_limits(reply["embed"])
        assert_view_within_limits(reply["view"])
    else:
        assert 0 < len(reply["content"]) <= limits.CONTENT
    if built.late is not None:  # the embed the card is attached with, and the card itself
        assert_within_limits(built.late.embed)
        assert built.late.cards.draw(built.late.answer).startswith(b"\x89PNG")
    result = serving.service.ask(text, language)
    if isinstance(result, Answer):
        assert result.language == language
        assert_within_limits(embeds.compare_embed(result, result))


@FUZZ
@given(text=TEXT)
def test_any_prefix_gets_suggestions_that_fit_a_choice(serving: Serving, text: str) -> None:
    for suggestion in serving.service.suggest(text):
        assert suggestion.name
        assert len(limits.clip(suggestion.name, limits.CHOICE_NAME)) <= limits.CHOICE_NAME
