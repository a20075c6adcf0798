"""The share card: a PNG of the right size that shows the score, never fails on odd labels."""

from __future__ import annotations

import dataclasses
import io
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

from languages import ReleaseWords
from languages.voices import CatalogueVoice
from scoring import FACTORS, Band, OccupationScore, SkillRef, band_for
from willai import card
from willai.card import CardCache, clean_text, render_card

DATA_VERSION = "ESCO v1.1.1"


def make_score(
    *,
    overall: int = 58,
    label: str = "medical records manager",
    uri: str = "o:medical-records-manager",
    skill_vulnerability: float = 57.7,
    task_automation: float = 68.1,
    ai_complementarity: float = 60.9,
    model_version: str = "test",
) -> OccupationScore:
    """A score with the fields the card reads; the rest (explanations, report) stay None.

    The card never looks at the explanations, so they are left out rather than faked: a card
    that started to depend on them would fail here loudly.
    """
    fields: dict[str, Any] = {f.name: None for f in dataclasses.fields(OccupationScore)}
    fields.update(
        uri=uri,
        label=label,
        overall=overall,
        overall_exact=float(overall),
        band=band_for(overall),
        skill_vulnerability=skill_vulnerability,
        task_automation=task_automation,
        ai_complementarity=ai_complementarity,
        model_version=model_version,
    )
    return OccupationScore(**fields)


def open_png(data: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(data))
    image.load()
    return image


def rgb(colour: int) -> tuple[int, int, int]:
    return (colour >> 16) & 0xFF, (colour >> 8) & 0xFF, colour & 0xFF


#: The 64-colour palette may move a colour by a few steps per channel.
PALETTE_TOLERANCE = 12


def test_card_is_a_png_of_the_share_card_size() -> None:
    image = open_png(render_card(make_score(), DATA_VERSION))
    assert image.format == "PNG"
    assert image.size == (card.WIDTH, card.HEIGHT)
    assert round(image.width / image.height, 2) == 1.91


def test_card_is_opaque() -> None:
    image = open_png(render_card(make_score(), DATA_VERSION))
    assert "transparency" not in image.info
    assert image.convert("RGBA").getextrema()[3] == (255, 255)


def test_gauge_is_filled_in_the_band_colour() -> None:
    score = make_score(overall=84)
    assert score.band is Band.VERY_HIGH
    image = open_png(render_card(score, DATA_VERSION))
    cx, cy = card.GAUGE_CENTRE
    r = card.GAUGE_RADIUS
    gauge = image.convert("RGB").crop((cx - r, cy - r, cx + r, cy))
    band = rgb(Band.VERY_HIGH.colour)
    near = [
        count
        for count, colour in gauge.getcolors(maxcolors=100_000)
        if max(abs(a - b) for a, b in zip(colour, band, strict=True)) <= PALETTE_TOLERANCE
    ]
    assert sum(near) > 1000  # a real arc of it, not a stray pixel


def test_card_is_not_blank() -> None:
    image = open_png(render_card(make_score(), DATA_VERSION)).convert("RGB")
    colours = image.getcolors(maxcolors=100_000)
    assert colours is not None
    assert len(colours) > 20  # text, bars and gauge, drawn in the 64-colour palette
    assert max(count for count, _ in colours) < 0.9 * card.WIDTH * card.HEIGHT


def test_different_scores_give_different_cards() -> None:
    assert render_card(make_score(overall=20), DATA_VERSION) != render_card(
        make_score(overall=80), DATA_VERSION
    )


def test_same_score_gives_the_same_bytes() -> None:
    assert render_card(make_score(), DATA_VERSION) == render_card(make_score(), DATA_VERSION)


def test_very_long_label_renders() -> None:
    label = ("import export specialist in textiles and raw materials " * 3)[:150]
    assert len(label) == 150
    image = open_png(render_card(make_score(label=label), DATA_VERSION))
    assert image.size == (card.WIDTH, card.HEIGHT)


def test_very_long_label_is_shortened_within_two_lines() -> None:
    label = ("import export specialist in textiles and raw materials " * 3)[:150]
    size = card.LABEL_SIZES[-1]
    width = card.WIDTH - 2 * card.MARGIN
    lines, fitted = card.wrap(label, size, width, card.LABEL_LINES)
    assert not fitted
    assert len(lines) == card.LABEL_LINES
    assert lines[-1].endswith("…")
    assert all(card._font(size).getlength(line) <= width for line in lines)


def test_long_word_without_spaces_is_cut_to_fit() -> None:
    size = card.LABEL_SIZES[0]
    lines, _ = card.wrap("x" * 400, size, 300, 2)
    assert all(card._font(size).getlength(line) <= 300 for line in lines)


def test_label_that_fits_is_kept_whole() -> None:
    lines, fitted = card.wrap("medical records manager", card.LABEL_SIZES[0], 720, 2)
    assert (lines, fitted) == (["medical records manager"], True)


@pytest.mark.parametrize("size", [14, 19, 28, 40])
def test_summed_advances_match_pillows_measure(size: int) -> None:
    # Wrapping sums cached advances; that is only right while the font has no kerning.
    text = "Import export specialist in textiles, WAVE AVAL Ty To 1/100 - willai · ESCO v1.1.1"
    assert card.text_width(text, size) == pytest.approx(card._font(size).getlength(text))


@pytest.mark.parametrize(
    "label",
    [
        "Ärztin",
        "医生 and 护士",
        "nurse 👩\u200d⚕️🏥",
        "",
        "   \n\t ",
        "line one\nline two\r\nthree",
        "\x00\x1b[31m control",
        "\ud800 lone surrogate",
        "\u202eright-to-left override",
        "e\u0301\u0301\u0301 stacked marks",
        "Ωμέγα кириллица עברית العربية",
    ],
)
def test_odd_unicode_labels_render(label: str) -> None:
    image = open_png(render_card(make_score(label=label), DATA_VERSION))
    assert image.size == (card.WIDTH, card.HEIGHT)


def test_odd_data_version_renders() -> None:
    data = render_card(make_score(), "ESCO 🙂 " + "v1.2.0-" * 40)
    assert open_png(data).size == (card.WIDTH, card.HEIGHT)


@pytest.mark.parametrize("value", [0, 100, -5, 250, float("nan"), float("inf")])
def test_out_of_range_values_render(value: float) -> None:
    score = make_score(
        overall=0, skill_vulnerability=value, task_automation=value, ai_complementarity=value
    )
    assert open_png(render_card(score, DATA_VERSION)).size == (card.WIDTH, card.HEIGHT)


#: What German, French and Spanish answers put on a card: Latin-1 and Latin Extended-A letters,
#: their quotation marks, and the no-break spaces of French typography.
ANSWER_CHARACTERS = (
    "éèêëàâçôöüäßñíóúáïîûùÿœŒæÆÉÈÊÀÂÇÔÖÜÄÑÍÓÚÁ"
    "ąćęłńśźżčďěňřšťůžőű"  # the rest of Latin Extended-A that ESCO's own names use
    "«»„“”\u2018\u2019\u2013—…·¿¡€\u00a0\u202f"
)


@pytest.mark.parametrize("char", ANSWER_CHARACTERS)
def test_the_font_draws_every_character_of_the_answer_languages(char: str) -> None:
    assert card._has_glyph(char)
    assert clean_text(f"a{char}b") == f"a{char}b"


def test_the_font_is_the_packaged_one_not_pillows_ascii_default() -> None:
    assert isinstance(card._typeface(), str)
    assert card._font(20).getname()[0] == "Inter"
    assert card._has_weights()


def test_accents_are_kept() -> None:
    assert clean_text("répétiteur Ärztin Straße œuvre") == "répétiteur Ärztin Straße œuvre"


def test_decomposed_accents_are_composed() -> None:
    assert clean_text("re\u0301pe\u0301titeur") == "répétiteur"


def test_letters_the_font_lacks_fold_to_ones_it_has() -> None:
    assert clean_text("\ufb00 \u210c 5\u338f") == "ff H 5kg"


def test_line_breaks_tabs_and_runs_of_spaces_become_one_space() -> None:
    assert clean_text(" green  coffee\n\tcoordinator ") == "green coffee coordinator"


def test_no_break_spaces_are_kept_inside_but_not_at_the_ends() -> None:
    assert clean_text("\u00a0métier\u202f?\u00a0") == "métier\u202f?"


def test_wrapping_never_breaks_at_a_no_break_space() -> None:
    text = "Quel est ce métier\u202f? " * 3
    lines, _ = card.wrap(text.strip(), 28, 260, 4)
    assert all(not line.startswith("?") for line in lines)


def test_unknown_letters_become_question_marks_and_emoji_go() -> None:
    assert clean_text("医生 nurse 👩\u200d⚕️") == "?? nurse"


def test_controls_and_format_marks_are_dropped() -> None:
    assert clean_text("\x00\x1b[31m nurse\u202e\u200b") == "[31m nurse"


class RecordingVoice:
    """A voice that says each message as a marked English text and records what it said."""

    language = "xx"

    def __init__(self) -> None:
        self.said: list[str] = []

    def say(self, message: str, /, **values: object) -> str:
        self.said.append(message)
        return "~" + (message.format(**values) if values else message)

    def skill(self, ref: SkillRef) -> str:
        return ref.label

    def join(self, items: Sequence[str]) -> str:
        return ", ".join(items)

    def listable(self, refs: Sequence[SkillRef]) -> Sequence[SkillRef]:
        return refs

    def occupation(self, uri: str, label: str) -> str:
        return label

    def sentence(self, text: str) -> str:
        return text


def test_every_word_on_the_card_is_said_by_the_voice() -> None:
    voice = RecordingVoice()
    score = make_score(overall=84)
    english = render_card(score, DATA_VERSION)
    assert render_card(score, DATA_VERSION, voice=voice) != english
    assert set(voice.said) == {
        card.KICKER,
        Band.VERY_HIGH.title,
        *(FACTORS[name].title for name in card.CARD_FACTORS),
        card.PROTECTIVE_NOTE,
        card.FOOTER_DISCLAIMER,
    }


def test_a_card_without_a_name_is_headed_in_the_voices_words() -> None:
    voice = RecordingVoice()
    render_card(make_score(label=""), DATA_VERSION, voice=voice)
    assert card.FALLBACK_LABEL in voice.said


def test_a_french_card_differs_from_the_english_one() -> None:
    french = CatalogueVoice("fr", ReleaseWords())
    score = make_score()
    english_card = render_card(score, DATA_VERSION)
    french_card = render_card(score, DATA_VERSION, voice=french, name="Gestionnaire de dossiers")
    assert open_png(french_card).size == (card.WIDTH, card.HEIGHT)
    assert french_card != english_card
    assert french_card == render_card(
        score, DATA_VERSION, voice=french, name="Gestionnaire de dossiers"
    )


def test_accents_in_the_name_are_drawn_not_folded() -> None:
    score = make_score()
    accented = render_card(score, DATA_VERSION, name="Infirmière répétitrice à l\u2019œuvre")
    folded = render_card(score, DATA_VERSION, name="Infirmiere repetitrice a l\u2019oeuvre")
    assert accented != folded


def test_a_marked_english_fallback_name_renders() -> None:
    name = "\u00ab\u00a0Medical records manager\u00a0\u00bb (EN)"
    image = open_png(render_card(make_score(), DATA_VERSION, name=name))
    assert image.size == (card.WIDTH, card.HEIGHT)


@pytest.mark.parametrize("size", [14, 19, 28, 40])
def test_summed_bold_advances_match_pillows_measure(size: int) -> None:
    text = "Infirmier/infirmière de soins généraux « répétiteur » Straße"
    bold = card._font(size, bold=True)
    assert card.text_width(text, size, bold=True) == pytest.approx(bold.getlength(text))
    assert bold.getlength(text) > card._font(size).getlength(text)


def test_a_long_translation_still_fits_its_place() -> None:
    class Wordy(RecordingVoice):
        def say(self, message: str, /, **values: object) -> str:
            return "Überlange Übersetzung " * 12

    image = open_png(render_card(make_score(), DATA_VERSION, voice=Wordy()))
    assert image.size == (card.WIDTH, card.HEIGHT)
    assert card.wrap("Überlange Übersetzung " * 12, card.FACTOR_SIZE, 300, 1)[0][0].endswith("…")


def test_the_cache_keeps_one_card_per_language() -> None:
    cache = CardCache()
    score = make_score()
    english = cache.get_or_render(score, DATA_VERSION)
    french = cache.get_or_render(score, DATA_VERSION, voice=CatalogueVoice("fr", ReleaseWords()))
    assert english != french
    assert len(cache) == 2
    assert CardCache.key(score, DATA_VERSION, "fr") in cache


def test_cache_returns_the_same_bytes_object_for_the_same_key() -> None:
    cache = CardCache()
    first = cache.get_or_render(make_score(), DATA_VERSION)
    assert cache.get_or_render(make_score(), DATA_VERSION) is first


def test_cache_renders_again_for_a_new_data_version(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []

    def counting_render(score: OccupationScore, data_version: str, **_: object) -> bytes:
        calls.append(data_version)
        return data_version.encode()

    monkeypatch.setattr(card, "render_card", counting_render)
    cache = CardCache()
    cache.get_or_render(make_score(), "ESCO v1.1.1")
    cache.get_or_render(make_score(), "ESCO v1.1.1")
    cache.get_or_render(make_score(), "ESCO v1.2.0")
    assert calls == ["ESCO v1.1.1", "ESCO v1.2.0"]


def test_cache_renders_again_for_a_new_model_version() -> None:
    cache = CardCache()
    cache.get_or_render(make_score(model_version="1"), DATA_VERSION)
    cache.get_or_render(make_score(model_version="2"), DATA_VERSION)
    assert len(cache) == 2


def test_cache_evicts_the_least_recently_used_beyond_its_size() -> None:
    cache = CardCache(maxsize=2)
    a, b, c = (make_score(uri=f"o:{name}") for name in "abc")
    cache.get_or_render(a, DATA_VERSION)
    cache.get_or_render(b, DATA_VERSION)
    cache.get_or_render(a, DATA_VERSION)  # a is now the most recent
    cache.get_or_render(c, DATA_VERSION)
    assert len(cache) == 2
    assert CardCache.key(b, DATA_VERSION) not in cache
    assert CardCache.key(a, DATA_VERSION) in cache


def test_cache_gives_every_thread_the_same_card() -> None:
    cache = CardCache()
    score = make_score()
    with ThreadPoolExecutor(max_workers=8) as pool:
        cards = list(pool.map(lambda _: cache.get_or_render(score, DATA_VERSION), range(16)))
    assert all(c is cards[0] for c in cards)
    assert len(cache) == 1


def test_cache_rejects_a_size_below_one() -> None:
    with pytest.raises(ValueError, match="maxsize"):
        CardCache(maxsize=0)


def test_a_card_rendered_once_is_read_back_from_the_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = CardCache(directory=tmp_path).get_or_render(make_score(), DATA_VERSION)
    assert len(list(tmp_path.glob("*.png"))) == 1

    def no_render(*_args: object, **_kwargs: object) -> bytes:
        raise AssertionError("rendered again")

    monkeypatch.setattr(card, "render_card", no_render)
    assert CardCache(directory=tmp_path).get_or_render(make_score(), DATA_VERSION) == first


def test_a_damaged_card_file_is_rendered_again(tmp_path: Path) -> None:
    cache = CardCache(directory=tmp_path)
    good = cache.get_or_render(make_score(), DATA_VERSION)
    (path,) = tmp_path.glob("*.png")
    path.write_bytes(b"not a png")
    assert CardCache(directory=tmp_path).get_or_render(make_score(), DATA_VERSION) == good


def test_an_unwritable_card_folder_still_gives_the_card(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("a file where the folder should be", encoding="utf-8")
    png = CardCache(directory=blocker / "cards").get_or_render(make_score(), DATA_VERSION)
    assert png.startswith(b"\x89PNG")


def test_cached_never_draws_a_card() -> None:
    cache = CardCache()
    assert cache.cached(make_score(), DATA_VERSION) is None


def test_cached_gives_a_card_drawn_before() -> None:
    cache = CardCache()
    png = cache.get_or_render(make_score(), DATA_VERSION)
    assert cache.cached(make_score(), DATA_VERSION) is png


def test_cached_reads_a_card_another_process_left_in_the_folder(tmp_path: Path) -> None:
    png = CardCache(directory=tmp_path).get_or_render(make_score(), DATA_VERSION)
    assert CardCache(directory=tmp_path).cached(make_score(), DATA_VERSION) == png
