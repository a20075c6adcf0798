import pytest

from matching import LabelRecord, OccupationRecord
from matching.index import build_index
from matching.normalise import query_terms
from matching.rank import rank
from matching.reach import in_context, masculine_forms, reach, reach_token, resolve
from tests.matching.conftest import small_inputs


@pytest.fixture
def data():
    return build_index(*small_inputs())


def test_a_word_resolves_to_itself_and_its_same_stem_relatives(data):
    found = reach(data, "office")
    assert found is not None
    assert [word for word, _ in found.variants] == ["office", "officer"]


def test_a_token_reached_again_comes_from_the_cache(data):
    first = reach(data, "manager")
    assert reach(data, "manager") is first


def test_an_unknown_token_is_remembered_as_unknown(data):
    assert reach(data, "zzqxv") is None
    assert "zzqxv" in data.reach_cache


def test_the_cache_stays_within_its_bound(data, monkeypatch):
    monkeypatch.setattr("matching.reach.REACH_CACHE", 2)
    for token in ("nurse", "manager", "sales", "office"):
        reach(data, token)
    assert len(data.reach_cache) <= 2


def test_a_slip_in_the_first_letter_is_corrected(data):
    assert resolve(data, "xccountant") == [("accountant", pytest.approx(0.85 * 0.9))]


def test_a_four_letter_word_is_not_corrected(data):
    assert resolve(data, "sles") == []


def test_the_far_more_common_of_two_equal_fixes_wins():
    labels = [
        LabelRecord("u:1", "driver", "preferred", "en"),
        LabelRecord("u:2", "bus driver", "preferred", "en"),
        LabelRecord("u:3", "taxi driver", "preferred", "en"),
        LabelRecord("u:4", "drier operator", "preferred", "en"),
    ]
    occupations = [OccupationRecord(f"u:{i}", "x", "1.1", "1111", "") for i in range(1, 5)]
    index = build_index(occupations, labels)
    assert [word for word, _ in resolve(index, "drvier")] == ["driver"]


def _index_of(*labels: str):
    """One occupation per label, English preferred labels only."""
    occupations = [
        OccupationRecord(f"occ:{i}", label, f"{i}.1", "9412", "") for i, label in enumerate(labels)
    ]
    records = [LabelRecord(o.uri, o.label, "preferred", "en") for o in occupations]
    return build_index(occupations, records, {})


KITCHEN = ("kitchen porter", "power plant operator", "power line worker", "kitchen hand")


def test_a_short_typo_with_several_fixes_is_not_guessed_alone():
    assert resolve(_index_of(*KITCHEN), "poter") == []


def test_a_typo_fix_sharing_a_label_with_the_other_words_wins():
    data = _index_of(*KITCHEN)
    context = data.postings["kitchen"]
    fixed = in_context(data, "poter", context)
    assert fixed is not None
    assert fixed.variants[0][0] == "porter"


def test_the_query_reads_its_typo_in_context():
    data = _index_of(*KITCHEN)
    ranking = rank(data, query_terms("kitchen poter"), depth=3)
    assert data.occ_labels[ranking.scored[0].occ] == "kitchen porter"


def test_no_fix_in_context_leaves_the_word_alone():
    data = _index_of(*KITCHEN)
    assert in_context(data, "poter", data.postings["plant"]) is not None  # power plant
    assert in_context(data, "qqqqq", data.postings["kitchen"]) is None


def test_a_word_written_as_one_finds_the_label_written_as_two():
    data = _index_of("bus driver", "taxi driver", "bus mechanic")
    ranking = rank(data, query_terms("busdriver"), depth=3)
    assert data.occ_labels[ranking.scored[0].occ] == "bus driver"
    assert ranking.scored[0].query_cover == pytest.approx(1.0)


def test_a_plural_folded_below_five_letters_is_corrected_as_typed(data):
    terms = query_terms("nures")  # "nure" to the index, one transposition from "nurse" typed
    assert reach(data, "nure") is None
    found = reach_token(data, "nure", terms)
    assert found is not None
    assert found.variants[0][0] == "nurse"


def test_a_four_letter_word_typed_so_is_still_not_corrected(data):
    assert reach_token(data, "nure", query_terms("nure")) is None


def test_a_feminine_form_no_label_spells_reads_as_its_masculine():
    data = _index_of("psychiater", "psychiatrie assistent")
    assert resolve(data, "psychiaterin") == [("psychiater", 1.0)]


def test_a_feminine_plural_reads_as_its_masculine():
    data = _index_of("psychiater")
    assert resolve(data, "psychiaterinnen") == [("psychiater", 1.0)]


@pytest.mark.parametrize(
    ("feminine", "masculine"),
    [
        ("vendeuse", "vendeur"),
        ("conductrice", "conducteur"),
        ("mecanicienne", "mecanicien"),
        ("ouvriere", "ouvrier"),
        ("ingenieure", "ingenieur"),
        ("assistante", "assistant"),
        ("programadora", "programador"),
        ("camarera", "camarero"),
    ],
)
def test_french_and_spanish_feminine_endings_give_the_masculine(feminine, masculine):
    assert masculine_forms(feminine) == [masculine]


def test_a_short_word_is_not_read_as_a_feminine():
    assert masculine_forms("cabin") == []


def test_a_feminine_whose_masculine_is_one_slip_from_a_label_is_corrected():
    # As typed, two edits from "psychiatrie"; its masculine one transposition from "psychiatre".
    data = _index_of("psychiatre", "psychiatrie nurse")
    assert [word for word, _ in resolve(data, "psychiaterin")] == ["psychiatre"]


def test_a_feminine_no_word_is_near_is_left_to_the_whole_string_search():
    data = _index_of("personale manager")  # one slip from "personaler", none from "personalerin"
    assert resolve(data, "personalerin") == []


def test_a_word_a_label_spells_is_not_folded():
    data = _index_of("designerin", "designer")
    assert resolve(data, "designerin")[0] == ("designerin", 1.0)
