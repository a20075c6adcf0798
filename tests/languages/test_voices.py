"""A report said in another language: ESCO's labels in it, English marked where ESCO has none."""

from __future__ import annotations

import dataclasses

import pytest

from languages import ReleaseWords, Voices
from languages.catalogue import translations
from languages.voices import FALLBACK_MARK, CatalogueVoice, fallback
from scoring.bands import Band
from scoring.narrative import ReportFacts, build_report, summary
from scoring.results import FactorPercentiles, OccupationScore, SimilarOccupation, SkillRef
from scoring.voice import ENGLISH

ARCHIVE = SkillRef("s:archive", "manage digital archives", 0.8)
SUPERVISE = SkillRef("s:supervise", "supervise staff", 0.7)
ANATOMY = SkillRef("s:anatomy", "human anatomy", 0.7, knowledge=True)
BRIDGE = SkillRef("s:coding", "perform clinical coding", 0.9)
MOVE = SimilarOccupation("o:coder", "clinical coder", 40, 8, "performing clinical coding", BRIDGE)
WORDS = ReleaseWords(
    skills={"s:archive": "gérer des archives numériques", "s:supervise": "superviser du personnel"},
    occupations={
        "o:records": "responsable des dossiers médicaux/responsable des dossiers médicaux",
        "o:coder": "codeur médical/codeuse médicale",
    },
    descriptions={"o:records": "Les responsables gèrent les dossiers. Ils forment le personnel."},
)
FACTS = ReportFacts(
    label="medical records manager",
    description="Medical records managers manage records.",
    overall=58,
    band=Band.HIGH,
    task_automation=68.0,
    ai_complementarity=61.0,
    skill_vulnerability=60.0,
    manual_share=0.0,
    exposed=(ARCHIVE,),
    resilient=(SUPERVISE, ANATOMY),
    grow=(),
    moves=(MOVE,),
    uri="o:records",
)


def _score() -> OccupationScore:
    report = build_report(FACTS)
    return OccupationScore(
        uri="o:records",
        label="medical records manager",
        code="1349.1",
        isco_group="1349",
        overall=58,
        overall_exact=58.2,
        band=Band.HIGH,
        skill_vulnerability=60.0,
        task_automation=68.0,
        ai_complementarity=61.0,
        percentiles=FactorPercentiles(50, 50, 50, 50),
        exposed_skills=(ARCHIVE,),
        resilient_skills=(SUPERVISE, ANATOMY),
        grow_skills=(),
        factor_drivers={},
        report=report,
        similar_safer=(MOVE,),
        model_version="test",
    )


def french() -> CatalogueVoice:
    return CatalogueVoice("fr", WORDS)


def test_a_skill_reads_as_esco_labels_it_in_the_language() -> None:
    assert french().skill(ARCHIVE) == "gérer des archives numériques"


def test_a_skill_esco_does_not_label_shows_the_english_one_marked() -> None:
    assert french().skill(ANATOMY) == fallback("fr", "human anatomy")
    assert french().skill(ANATOMY).endswith(FALLBACK_MARK)


def test_the_fallback_is_quoted_the_language_s_way() -> None:
    assert fallback("de", "human anatomy") == "„human anatomy“ (EN)"


def test_an_occupation_is_named_in_the_language_with_its_pair_written_once() -> None:
    assert french().occupation("o:coder", "clinical coder") == "Codeur médical/codeuse médicale"


def test_an_occupation_named_alike_in_both_genders_is_named_once() -> None:
    assert french().occupation("o:records", "x") == "Responsable des dossiers médicaux"


def test_an_occupation_without_a_name_in_the_language_is_marked() -> None:
    assert french().occupation("o:other", "clinical coder").endswith(FALLBACK_MARK)


def test_a_message_is_said_from_the_catalogue() -> None:
    message = "Worth growing: {skills}."
    expected = translations("fr").gettext(message).replace(" :", "\u00a0:").format(skills="x")
    assert french().say(message, skills="x") == expected


def test_the_report_is_said_in_the_language() -> None:
    report = build_report(
        dataclasses.replace(FACTS, description=WORDS.descriptions["o:records"]), french()
    )
    assert report.language == "fr"
    assert report.headings[0] == translations("fr").gettext("Near term")
    assert "gérer des archives numériques" in report.near_term
    assert report.summary.startswith("Les responsables gèrent les dossiers.")
    assert report.moves[0].startswith("Codeur médical/codeuse médicale")


def test_the_stored_english_report_is_served_as_it_is() -> None:
    score = _score()
    assert Voices(lambda _: WORDS).report(score, "en") is score.report


def test_another_language_s_report_is_said_once_and_kept() -> None:
    loads: list[str] = []

    def load(language: str) -> ReleaseWords:
        loads.append(language)
        return WORDS

    voices = Voices(load)
    score = _score()
    first = voices.report(score, "fr")
    assert voices.report(score, "fr") is first
    assert loads == ["fr"]


def test_a_missing_description_shows_the_english_summary_marked() -> None:
    voices = Voices(lambda _: ReleaseWords(skills=WORDS.skills, occupations=WORDS.occupations))
    report = voices.report(_score(), "fr")
    assert report.summary == f"{summary(FACTS.description)} {FALLBACK_MARK}"


@pytest.mark.parametrize(
    ("description", "first"),
    [
        (
            "Sie prüfen z. B. Mikrometer und Messlehren. Sie melden Fehler.",
            "Sie prüfen z. B. Mikrometer",
        ),
        ("Ils forment le personnel. Ils gèrent les dossiers.", "Ils forment le personnel."),
    ],
)
def test_a_summary_never_cuts_after_an_abbreviation(description: str, first: str) -> None:
    assert summary(description, french()).startswith(first)


RISK = SkillRef("s:risk", "risk management", 0.6, knowledge=True)


def test_a_list_keeps_to_the_first_item_s_kind_where_skills_are_verbs() -> None:
    assert french().listable([ANATOMY, SUPERVISE, RISK]) == [ANATOMY, RISK]


def test_a_list_that_would_shrink_to_one_item_stays_mixed() -> None:
    assert french().listable([ANATOMY, SUPERVISE, ARCHIVE]) == [ANATOMY, SUPERVISE, ARCHIVE]


def test_english_lists_gerunds_and_nouns_together() -> None:
    assert ENGLISH.listable([ANATOMY, SUPERVISE, RISK]) == [ANATOMY, SUPERVISE, RISK]
