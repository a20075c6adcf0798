import pytest

from matching import LabelRecord, OccupationRecord
from matching.index import build_index
from matching.normalise import query_terms
from matching.rank import MINOR_WEIGHT, SOFT_WEIGHT, _credits, rank
from matching.reach import reach, resolve
from tests.matching.conftest import small_inputs

QUERIES = [
    "sales manager",
    "assistant manager",
    "shop assistant",
    "office manager assistant",
    "senior sales",
    "manager",
    "teaching dental assistant",
    "managers of sales shops",  # plural and same-stem variants of one token
]


@pytest.fixture(scope="module")
def data():
    return build_index(*small_inputs())


def token_weight(idf: float, token: str, terms) -> float:
    """A query word's weight, as rank() gives it: seniority words and bracketed ones count less."""
    return (
        idf
        * (SOFT_WEIGHT if token in terms.soft else 1.0)
        * (MINOR_WEIGHT if token in terms.minor else 1.0)
    )


def reference_credits(data, query: str) -> dict[int, tuple[float, float]]:
    """The credits as defined, label by label: each token adds its best variant's credit."""
    terms = query_terms(query)
    per_token = []
    for token in terms.tokens:
        variants = resolve(data, token)
        if not variants:
            continue
        idf = max(data.idf[w] for w, q in variants if q == variants[0][1])
        weight = token_weight(idf, token, terms)
        best: dict[int, tuple[float, float]] = {}
        for word, quality in variants:
            for label_id in data.postings[word].tolist():
                if label_id not in best or best[label_id][0] < weight * quality:
                    best[label_id] = (weight * quality, data.idf[word] * quality)
        per_token.append(best)
    out: dict[int, tuple[float, float]] = {}
    for best in per_token:
        for label_id, (q, lab) in best.items():
            q_sum, l_sum = out.get(label_id, (0.0, 0.0))
            out[label_id] = (q_sum + q, l_sum + lab)
    return out


def vectorised_credits(data, query: str) -> dict[int, tuple[float, float]]:
    terms = query_terms(query)
    resolved = []
    for token in terms.tokens:
        found = reach(data, token)
        if found is not None:
            resolved.append((token_weight(found.idf, token, terms), found))
    reached, query_credit, label_credit = _credits(data, resolved)
    return {
        label_id: (q, lab)
        for label_id, q, lab in zip(
            reached.tolist(), query_credit.tolist(), label_credit.tolist(), strict=True
        )
    }


@pytest.mark.parametrize("query", QUERIES)
def test_credits_add_up_each_tokens_best_variant(data, query):
    expected = reference_credits(data, query)
    got = vectorised_credits(data, query)
    assert got.keys() == expected.keys()
    for label_id, (q, lab) in expected.items():
        assert got[label_id] == pytest.approx((q, lab), rel=1e-12)


def test_a_label_holding_two_variants_of_a_token_takes_the_better_one():
    uri = "http://data.europa.eu/esco/occupation/x"
    other = "http://data.europa.eu/esco/occupation/y"
    data = build_index(
        [
            OccupationRecord(uri, "officer of the office", "1.1", "1234", ""),
            OccupationRecord(other, "police officer", "1.2", "5412", ""),
        ],
        [
            LabelRecord(uri, "officer of the office", "preferred", "en"),
            LabelRecord(other, "police officer", "preferred", "en"),
        ],
    )
    assert [w for w, _ in resolve(data, "office")] == ["office", "officer"]
    assert vectorised_credits(data, "office") == reference_credits(data, "office")


def test_a_query_leaves_nothing_behind_for_the_next(data):
    alone = [(s.occ, s.score) for s in rank(data, query_terms("shop assistant"), 10).scored]
    rank(data, query_terms("office manager assistant"), 10)
    after = [(s.occ, s.score) for s in rank(data, query_terms("shop assistant"), 10).scored]
    assert after == alone


def test_an_occupation_is_scored_by_its_best_label(data):
    scored = rank(data, query_terms("shop assistant"), 10).scored
    occs = [s.occ for s in scored]
    assert len(occs) == len(set(occs))
    assert data.occ_labels[scored[0].occ] == "sales assistant"
    assert data.lab_text[scored[0].label_id] == "shop assistant"


def test_a_trainee_ranks_below_the_manager_of_the_field(data):
    ranked = rank(data, query_terms("Sales Intern"), depth=5).scored
    assert data.occ_labels[ranked[0].occ] == "sales assistant"


def test_the_managers_own_title_keeps_the_manager_first(data):
    ranked = rank(data, query_terms("Sales Manager Trainee"), depth=5).scored
    assert data.occ_labels[ranked[0].occ] == "sales manager"
