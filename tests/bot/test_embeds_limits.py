"""Pure embed building: Discord's limits hold for anything we build."""

from __future__ import annotations

import discord
import pytest

from bot import embeds, limits
from bot.keys import CHOICE_PREFIX, OccupationKeys, natural_key
from db.store import Store
from languages.choice import SUPPORTED
from scoring import FACTORS
from willai.service import AnswerService


def assert_within_limits(embed: discord.Embed) -> None:
    data = embed.to_dict()
    assert len(embed) <= limits.EMBED_TOTAL
    assert len(data.get("title", "")) <= limits.EMBED_TITLE
    assert len(data.get("description", "")) <= limits.EMBED_DESCRIPTION
    assert len(data.get("footer", {}).get("text", "")) <= limits.EMBED_FOOTER
    assert len(data.get("fields", [])) <= limits.EMBED_FIELDS
    for field in data.get("fields", []):
        assert 1 <= len(field["name"]) <= limits.EMBED_FIELD_NAME
        assert 1 <= len(field["value"]) <= limits.EMBED_FIELD_VALUE


def test_clip():
    assert limits.clip("abc", 3) == "abc"
    assert limits.clip("abcdef", 4) == "abc…"
    assert len(limits.clip("x" * 5000, limits.EMBED_FIELD_VALUE)) == limits.EMBED_FIELD_VALUE
    assert limits.clip("abc", 0) == ""


def test_clip_lines_cuts_between_items():
    lines = ["• " + "a" * 400, "• " + "b" * 400, "• " + "c" * 400]
    text = limits.clip_lines(lines, 1024)
    assert text.count("\n") == 1
    assert len(text) <= 1024


def test_escape_user_text():
    text = limits.escape_user_text("@everyone **bold** <@123456789012345678> @here")
    assert "@everyone" not in text
    assert "@here" not in text
    assert "<@123456789012345678>" not in text
    assert "\\*\\*bold\\*\\*" in text


def test_fit_embed_shrinks_an_oversized_embed():
    embed = discord.Embed(title="t" * 300, description="d" * 5000)
    for _i in range(30):
        embed.add_field(name="n" * 300, value="v" * 2000)
    embed.set_footer(text="f" * 3000)
    assert_within_limits(limits.fit_embed(embed))
    assert len(embed.fields) >= 1 or len(embed.description or "") > 1000


def test_fit_embeds_keeps_a_message_under_the_total():
    many = [discord.Embed(description="d" * 4000) for _ in range(3)]
    fitted = limits.fit_embeds(many)
    assert sum(len(e) for e in fitted) <= limits.EMBED_TOTAL


def test_keys_are_compact_and_round_trip():
    uris = [
        "http://data.europa.eu/esco/occupation/" + "0" * 8 + "-1111-2222-3333-" + "4" * 12,
        "http://example.org/occ/with space",
        "http://example.org/a/x",
        "http://other/b/x",
    ]
    keys = OccupationKeys(uris)
    for uri in uris:
        key = keys.key(uri)
        assert len(key) <= 41
        assert keys.uri(key) == uri
        assert len(keys.choice_value(uri)) <= limits.CHOICE_VALUE
        assert keys.from_choice(CHOICE_PREFIX + key) == uri
        assert keys.from_choice(f"uri:{uri}") == uri
        assert len(f"willai:factor:skill_vulnerability:{key}") <= limits.CUSTOM_ID
    assert keys.key(uris[2]) != keys.key(uris[3])  # same last segment, still distinct
    assert natural_key(uris[0]).startswith("0000")
    assert keys.from_choice("nurse") is None


@pytest.mark.full_data
@pytest.mark.parametrize("language", SUPPORTED)
def test_every_embed_of_every_occupation_fits(full_store: Store, full_cache, language: str):
    service = AnswerService.load(full_store, cache_dir=full_cache)
    release = service.release
    version = embeds.data_version(release)
    voice = service.voice(language)
    long_query = "@everyone " + "very long job title " * 20
    scores = list(service.scores.values())
    assert len(scores) > 2900
    for i, score in enumerate(scores):
        answer = service.answer_for(score.uri, long_query, language)
        assert answer is not None
        assert_within_limits(embeds.answer_embed(answer))
        for factor in FACTORS:
            assert_within_limits(embeds.factor_embed(answer, factor))
        assert_within_limits(embeds.resilient_embed(answer))
        assert_within_limits(embeds.paths_embed(answer))
        other = service.answer_for(scores[(i + 1) % len(scores)].uri, language=language)
        assert other is not None
        assert_within_limits(embeds.compare_embed(answer, other))
    assert_within_limits(embeds.methodology_embed(version, voice))
    assert_within_limits(embeds.about_embed(release, len(scores), voice))
    keys = OccupationKeys(service.scores)
    assert len(keys) == len(scores)
    assert all(len(keys.key(s.uri)) <= 40 for s in scores)
