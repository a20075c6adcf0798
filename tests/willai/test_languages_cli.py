"""`willai ask --lang`, its defaults, and the answer, JSON and export in German, French, Spanish.

The catalogues are still being translated, so nothing here expects a particular translation:
what must be in the language is checked through ESCO's own words in it (the occupation's name
and description, skill labels), and every fixed message is compared with what the catalogue
says for it at test time (``said``), which is the English text until its translation lands.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from db.store import Store
from languages.voices import FALLBACK_MARK, interface_voice
from scoring import FACTORS
from scoring.bands import Band
from tests.conftest import Cli
from tests.willai.conftest import FRENCH, SPANISH
from willai import texts
from willai.cli.language import posix_locale, terminal_language
from willai.settings import load_settings


def said(language: str, message: str, **values: object) -> str:
    """``message`` as the catalogue of ``language`` says it now."""
    return interface_voice(language).say(message, **values)


def flat(text: str) -> str:
    """Terminal output (or an expected line) with the card's borders and line breaks undone.

    No-break spaces count as spaces: Rich may break a line at one, and the words are what is
    checked here.
    """
    return " ".join(text.replace("│", " ").split())


def ask_json(cli: Cli, env: dict[str, str], tmp_path: Path, *args: str) -> dict:
    result = cli("ask", *args, "--json", env=env, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


# --- which language ------------------------------------------------------------------------


def test_lang_option_chooses_the_answer_language(
    cli: Cli, multilingual_env: dict[str, str], tmp_path: Path
) -> None:
    doc = ask_json(cli, multilingual_env, tmp_path, "roofer", "--lang", "fr")
    assert doc["language"] == "fr"
    assert doc["report"]["language"] == "fr"
    assert doc["occupation"]["name"] == "Couvreur/couvreuse"
    assert doc["occupation"]["label"] == "roofer"  # the release's own label is kept


def test_without_lang_or_locale_the_answer_is_english(
    cli: Cli, multilingual_env: dict[str, str], tmp_path: Path
) -> None:
    doc = ask_json(cli, multilingual_env, tmp_path, "roofer")
    assert doc["language"] == "en"
    assert doc["occupation"]["name"] == "Roofer"


def test_willai_lang_is_the_default(
    cli: Cli, multilingual_env: dict[str, str], tmp_path: Path
) -> None:
    env = multilingual_env | {"WILLAI_LANG": "de", "LANG": "fr_FR.UTF-8"}
    doc = ask_json(cli, env, tmp_path, "roofer")
    assert doc["language"] == "de"
    assert doc["occupation"]["name"] == "Dachdecker/Dachdeckerin"


def test_willai_lang_may_live_in_dot_env(
    cli: Cli, multilingual_env: dict[str, str], tmp_path: Path
) -> None:
    (tmp_path / ".env").write_text("WILLAI_LANG=es\n", encoding="utf-8")
    assert ask_json(cli, multilingual_env, tmp_path, "roofer")["language"] == "es"


def test_lang_option_wins_over_willai_lang(
    cli: Cli, multilingual_env: dict[str, str], tmp_path: Path
) -> None:
    env = multilingual_env | {"WILLAI_LANG": "de"}
    assert ask_json(cli, env, tmp_path, "roofer", "--lang", "es")["language"] == "es"


@pytest.mark.parametrize(
    ("locale", "language"),
    [
        ({"LANG": "fr_FR.UTF-8"}, "fr"),
        ({"LANG": "es_ES.UTF-8"}, "es"),
        ({"LANG": "de_AT"}, "de"),
        ({"LANG": "C.UTF-8"}, "en"),
        ({"LANG": "POSIX"}, "en"),
        ({"LANG": "pt_BR.UTF-8"}, "en"),
        ({"LANG": "C.UTF-8", "LC_MESSAGES": "fr_CA.UTF-8"}, "fr"),
        ({"LANG": "fr_FR.UTF-8", "LC_ALL": "C"}, "en"),  # LC_ALL overrides, as in POSIX
        ({"LANG": "fr_FR.UTF-8", "LC_ALL": "de_DE.UTF-8"}, "de"),
    ],
)
def test_the_locale_is_the_default_without_willai_lang(
    cli: Cli,
    multilingual_env: dict[str, str],
    tmp_path: Path,
    locale: dict[str, str],
    language: str,
) -> None:
    doc = ask_json(cli, multilingual_env | locale, tmp_path, "roofer")
    assert doc["language"] == language


def test_posix_locale_takes_the_first_variable_set() -> None:
    assert posix_locale({"LANG": "fr_FR.UTF-8", "LC_MESSAGES": " "}) == "fr_FR.UTF-8"
    assert posix_locale({"LC_ALL": "C", "LANG": "fr_FR.UTF-8"}) == "C"
    assert posix_locale({}) is None


def test_terminal_language_without_anything_is_english(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("LANG")
    assert terminal_language(None, load_settings()) == "en"
    assert terminal_language("fr", load_settings(willai_lang="de")) == "fr"


@pytest.mark.parametrize("code", ["pt", "xx-YY", "english", ""])
def test_an_unsupported_lang_is_one_line_naming_the_supported_ones(
    cli: Cli, multilingual_env: dict[str, str], tmp_path: Path, code: str
) -> None:
    result = cli("ask", "roofer", "--lang", code, env=multilingual_env, cwd=tmp_path)
    assert result.returncode == 2
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert "Traceback" not in result.stderr
    assert "en, de, fr, es" in lines[0]


def test_an_unsupported_willai_lang_is_a_settings_error(
    cli: Cli, multilingual_env: dict[str, str], tmp_path: Path
) -> None:
    result = cli("ask", "roofer", env=multilingual_env | {"WILLAI_LANG": "pt"}, cwd=tmp_path)
    assert result.returncode == 1
    assert "WILLAI_LANG" in result.stderr
    assert "en, de, fr, es" in result.stderr
    assert "Traceback" not in result.stderr


# --- what the answer says -----------------------------------------------------------------


@pytest.mark.parametrize(
    "case",
    [
        ("fr", "couvreur", "Couvreur/couvreuse", FRENCH["roofer"][1]),
        ("es", "roofer", "Techador/techadora", SPANISH["roofer"][1]),
        ("fr", "infirmière spécialisée", "Infirmier spécialisé/infirmière spécialisée", None),
    ],
)
def test_the_json_answer_carries_the_name_and_description_in_the_language(
    cli: Cli, multilingual_env: dict[str, str], tmp_path: Path, case: tuple[str, ...]
) -> None:
    language, title, name, description = case
    doc = ask_json(cli, multilingual_env, tmp_path, title, "--lang", language)
    assert doc["occupation"]["name"] == name
    assert doc["report"]["question"].startswith(name)
    if description is not None:
        assert doc["report"]["summary"] == description
    headline = said(language, Band.from_label(doc["score"]["band"]).headline)
    assert doc["report"]["verdict"].casefold().startswith(headline.casefold())


def test_json_names_each_skill_in_the_language_and_marks_fallbacks(
    cli: Cli, multilingual_env: dict[str, str], tmp_path: Path
) -> None:
    doc = ask_json(cli, multilingual_env, tmp_path, "data entry clerk", "--lang", "fr")
    skills = {
        item["uri"].rsplit("/", 1)[1]: item
        for key in ("exposed_skills", "resilient_skills", "grow_skills")
        for item in doc[key]
    }
    assert skills["process-data"]["name"] == "traiter des données"
    assert skills["process-data"]["fallback"] is False
    assert skills["process-data"]["label"] == "process data"  # existing keys stay
    backup = skills["back-up"]  # the French file has no preferred label for it
    assert backup["fallback"] is True
    assert "perform backups" in backup["name"]
    assert backup["name"].endswith(FALLBACK_MARK)


def test_english_json_names_skills_by_their_labels(
    cli: Cli, multilingual_env: dict[str, str], tmp_path: Path
) -> None:
    doc = ask_json(cli, multilingual_env, tmp_path, "data entry clerk")
    items = [i for k in ("exposed_skills", "resilient_skills") for i in doc[k]]
    assert items
    assert all(i["name"] == i["label"] and i["fallback"] is False for i in items)


def test_the_terminal_card_is_in_the_language(
    cli: Cli, multilingual_env: dict[str, str], tmp_path: Path
) -> None:
    result = cli("ask", "couvreur", "--lang", "fr", env=multilingual_env, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    shown = flat(result.stdout)
    assert "Couvreur/couvreuse" in shown
    assert flat(FRENCH["roofer"][1]) in shown
    for message in (
        "How AI is changing this role",
        "Key takeaways",
        *(info.title for info in FACTORS.values()),
    ):
        assert flat(said("fr", message)) in shown, message
    assert flat(said("fr", texts.DISCLAIMER)) in shown
    assert flat(said("fr", texts.ESCO_ATTRIBUTION)) in shown


def test_an_english_fallback_on_the_card_is_explained(
    cli: Cli, multilingual_env: dict[str, str], tmp_path: Path
) -> None:
    result = cli("ask", "data entry clerk", "--lang", "fr", env=multilingual_env, cwd=tmp_path)
    shown = flat(result.stdout)
    assert FALLBACK_MARK in shown  # "perform backups" has no French label
    assert flat(said("fr", texts.FALLBACK_NOTE)) in shown


def test_a_card_without_fallbacks_has_no_fallback_note(
    cli: Cli, multilingual_env: dict[str, str], tmp_path: Path
) -> None:
    result = cli("ask", "roofer", env=multilingual_env, cwd=tmp_path)
    assert flat(texts.FALLBACK_NOTE) not in flat(result.stdout)


def test_no_match_is_said_in_the_language(
    cli: Cli, multilingual_env: dict[str, str], tmp_path: Path
) -> None:
    result = cli("ask", "qwxzv plokijuh", "--lang", "es", env=multilingual_env, cwd=tmp_path)
    assert result.returncode == 1
    assert flat(said("es", texts.NO_MATCH)) in flat(result.stderr)


def test_an_empty_title_is_refused_in_the_language(
    cli: Cli, multilingual_env: dict[str, str], tmp_path: Path
) -> None:
    result = cli("ask", " ", "--lang", "de", env=multilingual_env, cwd=tmp_path)
    assert result.returncode == 2
    expected = said("de", "error: give a job title, e.g. {example}", example='willai ask "nurse"')
    assert flat(expected) in flat(result.stderr)


def test_the_picture_is_drawn_in_the_language(
    cli: Cli, multilingual_env: dict[str, str], tmp_path: Path
) -> None:
    english, french = tmp_path / "en.png", tmp_path / "fr.png"
    for target, language in ((english, "en"), (french, "fr")):
        args = ("ask", "roofer", "--card", str(target), "--lang", language)
        result = cli(*args, env=multilingual_env, cwd=tmp_path)
        assert result.returncode == 0, result.stderr
        assert flat(said(language, "score card written to {path}", path=str(target))) in flat(
            result.stderr
        )
    assert french.read_bytes().startswith(b"\x89PNG")
    assert french.read_bytes() != english.read_bytes()


# --- the export ---------------------------------------------------------------------------


def read_export(cli: Cli, env: dict[str, str], tmp_path: Path, *args: str) -> list[dict]:
    target = tmp_path / "answers.jsonl"
    result = cli("data", "export-answers", str(target), *args, env=env, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    return [json.loads(line) for line in target.read_text(encoding="utf-8").splitlines()]


def test_export_answers_in_french_has_every_answer_in_french(
    cli: Cli, multilingual_env: dict[str, str], tmp_path: Path
) -> None:
    docs = read_export(cli, multilingual_env, tmp_path, "--lang", "fr")
    assert len(docs) == 3
    assert {d["language"] for d in docs} == {"fr"}
    assert {d["report"]["language"] for d in docs} == {"fr"}
    by_label = {d["occupation"]["label"]: d for d in docs}
    roofer = by_label["roofer"]
    assert roofer["occupation"]["name"] == "Couvreur/couvreuse"
    assert roofer["report"]["summary"] == FRENCH["roofer"][1]
    clerk_skills = [s for k in ("exposed_skills",) for s in by_label["data entry clerk"][k]]
    assert "traiter des données" in [s["name"] for s in clerk_skills]


def test_export_answers_in_french_says_what_ask_says(
    cli: Cli, multilingual_env: dict[str, str], tmp_path: Path
) -> None:
    exported = {
        d["occupation"]["uri"]: d
        for d in read_export(cli, multilingual_env, tmp_path, "--lang", "fr")
    }
    asked = ask_json(cli, multilingual_env, tmp_path, "roofer", "--lang", "fr")
    mine = exported[asked["occupation"]["uri"]]
    assert mine["report"] == asked["report"]
    assert mine["exposed_skills"] == asked["exposed_skills"]
    assert mine["occupation"] == asked["occupation"]


def test_export_answers_stays_english_by_default_whatever_the_locale(
    cli: Cli, multilingual_env: dict[str, str], tmp_path: Path
) -> None:
    env = multilingual_env | {"LANG": "fr_FR.UTF-8"}
    docs = read_export(cli, env, tmp_path)
    assert {d["language"] for d in docs} == {"en"}
    assert {d["occupation"]["name"] for d in docs} == {
        "Data entry clerk",
        "Specialist nurse",
        "Roofer",
    }


def test_export_answers_refuses_an_unsupported_language(
    cli: Cli, multilingual_env: dict[str, str], tmp_path: Path
) -> None:
    target = tmp_path / "answers.jsonl"
    result = cli(
        "data", "export-answers", str(target), "--lang", "pt", env=multilingual_env, cwd=tmp_path
    )
    assert result.returncode == 2
    assert "en, de, fr, es" in result.stderr
    assert not target.exists()


# --- the full data ------------------------------------------------------------------------


@pytest.mark.full_data
def test_infirmiere_in_french_json_is_french(
    cli: Cli, full_env: dict[str, str], full_store: Store, tmp_path: Path
) -> None:
    env = full_env
    doc = ask_json(cli, env, tmp_path, "infirmière", "--lang", "fr")
    uri = doc["occupation"]["uri"]
    _, descriptions = full_store.occupation_words("fr")
    assert doc["language"] == "fr"
    assert doc["occupation"]["name"].startswith("Infirmier/infirmière")
    first_sentence = " ".join(descriptions[uri].split()).split(". ")[0]
    assert first_sentence in doc["report"]["summary"]
    labels = full_store.skill_labels("fr")
    shown = [i for k in ("exposed_skills", "resilient_skills", "grow_skills") for i in doc[k]]
    assert len(shown) >= 5
    french = [i for i in shown if not i["fallback"]]
    assert all(i["name"] == labels[i["uri"]] for i in french)
    assert len(french) / len(shown) >= 0.95


@pytest.mark.full_data
@pytest.mark.parametrize(
    "case",
    [("de", "Krankenpfleger", "Krankenpfleger/Krankenschwester"), ("es", "enfermero", "Enfermero")],
)
def test_the_answer_shows_escos_name_and_description_in_the_language(
    cli: Cli,
    full_env: dict[str, str],
    full_store: Store,
    tmp_path: Path,
    case: tuple[str, str, str],
) -> None:
    language, title, name_start = case
    doc = ask_json(cli, full_env, tmp_path, title, "--lang", language)
    _, descriptions = full_store.occupation_words(language)
    uri = doc["occupation"]["uri"]
    assert doc["occupation"]["name"].startswith(name_start)
    assert " ".join(descriptions[uri].split()).split(". ")[0] in doc["report"]["summary"]


@pytest.mark.full_data
def test_did_you_mean_names_the_occupations_in_the_language(
    cli: Cli, full_env: dict[str, str], tmp_path: Path
) -> None:
    env = full_env
    result = cli("ask", "teacher", "--lang", "de", env=env, cwd=tmp_path)
    assert result.returncode == 1
    assert "Lehrkraft" in result.stderr
    doc = json.loads(cli("ask", "teacher", "--lang", "de", "--json", env=env).stdout)
    assert doc["language"] == "de"
    assert any(c["name"].startswith("Lehrkraft") for c in doc["did_you_mean"])
