import pytest

from matching import MatchIndex, MatchResult, MatchStatus, OccupationRecord


def first_uri(result: MatchResult) -> str | None:
    return result.candidates[0].uri if result.candidates else None


def test_exact_preferred_label_is_a_match(small_index, uri):
    result = small_index.match("accountant")
    assert result.status is MatchStatus.MATCH
    assert result.best is not None
    assert result.best.uri == uri("acc")


def test_alt_label_finds_its_occupation(small_index, uri):
    assert first_uri(small_index.match("programmer")) == uri("dev")


def test_plural_title(small_index, uri):
    assert first_uri(small_index.match("plumbers")) == uri("plumb")


def test_abbreviation(small_index, uri):
    assert first_uri(small_index.match("CTO")) == uri("cto")


def test_abbreviation_inside_title(small_index, uri):
    assert first_uri(small_index.match("HR manager")) == uri("hrm")


def test_typo(small_index, uri):
    assert first_uri(small_index.match("acountant")) == uri("acc")


def test_seniority_noise(small_index, uri):
    assert first_uri(small_index.match("Senior Software Engineer (m/f/d)")) == uri("dev")


def test_german_gendered_label_feminine_form(small_index, uri):
    assert first_uri(small_index.match("Krankenpflegerin")) == uri("nurse")


def test_german_title_with_gender_marker(small_index, uri):
    assert first_uri(small_index.match("Softwareentwickler (m/w/d)")) == uri("dev")


def test_spanish_feminine_form(small_index, uri):
    assert first_uri(small_index.match("camarera")) == uri("wait")


def test_candidates_are_ranked_and_confidences_in_unit_interval(small_index):
    result = small_index.match("sales manager", top=5)
    confidences = [c.confidence for c in result.candidates]
    assert all(0.0 <= c <= 1.0 for c in confidences)
    assert confidences == sorted(confidences, reverse=True)


def test_top_limits_candidates(small_index):
    assert len(small_index.match("manager", top=2).candidates) <= 2


@pytest.mark.parametrize("title", ["manager", "assistant"])
def test_generic_titles_abstain(small_index, title):
    result = small_index.match(title)
    assert result.status is MatchStatus.AMBIGUOUS
    assert result.abstain
    assert result.best is None
    assert len(result.candidates) >= 3


def test_gibberish_is_no_match_with_hint(small_index):
    result = small_index.match("qwxzvbnmk plfgh")
    assert result.status is MatchStatus.NO_MATCH
    assert result.abstain
    assert not result.candidates
    assert result.hint


@pytest.mark.parametrize(
    "title",
    [
        "",
        "   ",
        "x" * 5000,
        "nurse " * 1000,
        "😀😀😀",
        "@everyone",
        "<@&123456789>",
        "'; DROP TABLE occupation; --",
        "\x00\x01\x02",
        "\u200b\u200b",
        "\u0295\u2022\u1d25\u2022\u0294",
        "a/b/c/d",
        "(m/w/d)",
        "////",
        "((((",
    ],
)
def test_hostile_input_returns_cleanly(small_index, title):
    result = small_index.match(title)
    assert isinstance(result, MatchResult)
    assert result.status in set(MatchStatus)


def test_empty_query_is_no_match(small_index):
    assert small_index.match("").status is MatchStatus.NO_MATCH


def test_non_string_query_does_not_raise(small_index):
    assert small_index.match(None).status is MatchStatus.NO_MATCH  # type: ignore[arg-type]


def test_matched_label_names_the_hit(small_index):
    assert small_index.match("Kellnerin").candidates[0].matched_label == "Kellner/Kellnerin"


def test_label_of_and_len(small_index, uri):
    assert small_index.label_of(uri("plumb")) == "plumber"
    assert len(small_index) == 15


def test_build_ignores_labels_of_unknown_occupations():
    from matching import LabelRecord, OccupationRecord

    occ = OccupationRecord("u:1", "baker", "1", "7512", "Bakes bread.")
    index = MatchIndex.build(
        [occ],
        [
            LabelRecord("u:2", "butcher", "preferred", "en"),
            LabelRecord("u:1", "baker", "preferred", "en"),
        ],
    )
    assert index.match("butcher").status is MatchStatus.NO_MATCH
    assert index.match("baker").candidates[0].uri == "u:1"


def test_empty_index_returns_no_match():
    assert MatchIndex.build([], []).match("nurse").status is MatchStatus.NO_MATCH


def test_occupations_without_labels_index_and_match_nothing():
    index = MatchIndex.build([OccupationRecord("u", "nurse", "1", "2221", "")], [])
    assert index.match("nurse").status is MatchStatus.NO_MATCH


def test_title_naming_two_jobs_asks_which(small_index, uri):
    result = small_index.match("accountant plumber")
    assert result.status is MatchStatus.AMBIGUOUS
    assert {c.uri for c in result.candidates[:2]} == {uri("acc"), uri("plumb")}


@pytest.mark.parametrize("question", ["will AI replace me", "will ai take my job?", "what?"])
def test_a_question_instead_of_a_title_is_no_match(small_index, question):
    assert small_index.match(question).status is MatchStatus.NO_MATCH


def test_a_title_said_as_a_sentence_is_matched_as_the_title(small_index):
    said = small_index.match("I'm an accountant")
    typed = small_index.match("accountant")
    assert said.candidates[:1] == typed.candidates[:1]
    assert said.query == "I'm an accountant"


def test_warm_up_makes_the_tables_first_use_would_make(small_index):
    small_index.warm_up()
    assert "vocab_by_len" in vars(small_index._data)
    assert small_index.match("Project Manger").candidates  # the typo search reads it as made
