"""Behaviour on the full shared ESCO bundle (en, fr, de, es), read through the product store."""

import pytest

from benchmarks.everyday import evaluate, single_owner_alt_labels
from matching import MatchIndex, MatchStatus
from matching.colloquial import FIRST_SENSE
from tests.matching.everyday import load

pytestmark = pytest.mark.full_data


def answer_of(index: MatchIndex, title: str) -> str | None:
    """The occupation answered for `title`; None when the matcher asks or finds nothing."""
    result = index.match(title)
    return result.best.label if result.status is MatchStatus.MATCH and result.best else None


FIT_FLOORS = {"first": 0.95, "answered": 0.91, "precision": 0.97, "no_match": 0.92}
"""What the matcher reaches on the everyday fitting half today, less two points of slack.

The fitting half is in-sample for the prior and the confidence model; the issue's targets
(0.95, 0.90, 0.97, 0.90) are read on the held-out half (docs/matching.md). These floors catch
a regression, they do not claim the targets.
"""


@pytest.fixture(scope="module")
def fit_figures(full_index):
    return evaluate(full_index, load("fit"))["all"]


@pytest.mark.parametrize("figure", sorted(FIT_FLOORS))
def test_everyday_fitting_half_holds_its_floor(fit_figures, figure):
    assert fit_figures[figure] >= FIT_FLOORS[figure]


def test_everyday_set_is_large_and_split_in_two():
    fit, held_out = load("fit"), load("held_out")
    assert len(fit) + len(held_out) >= 1000
    assert not {r.title for r in fit} & {r.title for r in held_out}


@pytest.mark.parametrize(
    ("title", "occupation"),
    [
        ("electrician", "electrician"),
        ("nurse", "nurse responsible for general care"),
        ("registered nurse", "nurse responsible for general care"),
        ("sparky", "electrician"),
        ("cop", "police officer"),
        ("uber driver", "taxi driver"),
        ("contador", "accountant"),
    ],
)
def test_plain_titles_find_the_everyday_sense_first(full_index, title, occupation):
    result = full_index.match(title)
    assert result.candidates[0].label == occupation


@pytest.mark.parametrize("title", ["electrician", "plumber", "registered nurse", "Elektriker"])
def test_plain_titles_are_answered(full_index, title):
    assert full_index.match(title).status is MatchStatus.MATCH


SCHOOL_TEACHERS = {"primary school teacher", "secondary school teacher", "early years teacher"}


@pytest.mark.parametrize("title", ["teacher", "TEACHERS", "techer", "Lehrerin"])
def test_teacher_asks_with_school_teachers_first(full_index, title):
    result = full_index.match(title)
    assert result.status is MatchStatus.AMBIGUOUS
    assert result.candidates[0].label in SCHOOL_TEACHERS


GENERIC_FIRST = {
    "teacher": SCHOOL_TEACHERS,
    "teachers": SCHOOL_TEACHERS,
    "nurse": {"nurse responsible for general care", "specialist nurse"},
    "nurses": {"nurse responsible for general care", "specialist nurse"},
    "electrician": {"electrician"},
    "cook": {"cook"},
    "chef": {"chef", "cook"},
    "driver": {"taxi driver", "cargo vehicle driver", "bus driver", "car and van delivery driver"},
    "cleaner": {"building cleaner", "domestic cleaner"},
    "accountant": {"accountant"},
    "baker": {"baker"},
    "plumber": {"plumber"},
    "carpenter": {"carpenter"},
    "librarian": {"librarian"},
    "pharmacist": {"pharmacist"},
    "waiter": {"waiter/waitress"},
    "cashier": {"cashier"},
    "photographer": {"photographer"},
    "Lehrer": SCHOOL_TEACHERS,
    "engineer": {"mechanical engineer", "civil engineer", "electrical engineer"},
    "manager": {"shop manager", "office manager", "project manager"},
    "assistant": {"sales assistant", "administrative assistant", "shop assistant"},
    "designer": {"graphic designer", "interior designer"},
    "developer": {"software developer", "web developer"},
    "programmer": {"software developer", "computer programmer"},
    "consultant": {"business consultant", "management consultant"},
    "analyst": {"data analyst", "business analyst"},
    "clerk": {"office clerk"},
    "doctor": {"general practitioner", "specialised doctor"},
    "mechanic": {"vehicle technician"},
    "mechanics": {"vehicle technician"},
    "coach": {"sports coach"},
}


@pytest.mark.parametrize("title", sorted(GENERIC_FIRST))
def test_prior_puts_the_everyday_sense_first(full_index, title):
    assert full_index.match(title).candidates[0].label in GENERIC_FIRST[title]


@pytest.mark.parametrize(
    "title",
    [
        "student",
        "unemployed",
        "my boss",
        "asdf",
        "retired",
        "asdfghjkl",
        "😀",
        "@everyone",
        "wizard",
        "girlfriend",
        "will AI take my job?",
        "coffee",
        "football",
        "trophy wife",
        "stay at home dad",
        "Hausfrau",
        "femme au foyer",
        "ama de casa",
        "im unemployed",
    ],
)
def test_non_jobs_are_no_match(full_index, title):
    assert full_index.match(title).status is MatchStatus.NO_MATCH


def test_the_german_im_inside_a_title_is_not_an_english_im(full_index):
    assert full_index.match("Kauffrau im Einzelhandel").candidates[0].label == "shop assistant"


def test_preferred_labels_answer_their_own_occupation(full_index):
    data = full_index._data
    misses = [
        label
        for uri, label in zip(data.occ_uris, data.occ_labels, strict=True)
        for result in [full_index.match(label)]
        if result.status is not MatchStatus.MATCH or result.candidates[0].uri != uri
    ]
    assert len(misses) <= 25, misses  # 3,007 labels; the benchmark lists the exceptions


@pytest.mark.parametrize(
    ("title", "occupation"),
    [("dentist", "dental practitioner"), ("restorer", "art restorer"), ("blaster", "shotfirer")],
)
def test_a_generic_word_one_occupation_is_named_by_answers_when_the_prior_agrees(
    full_index, title, occupation
):
    assert answer_of(full_index, title) == occupation


def test_single_owner_alt_labels_answer_their_own_occupation(full_store, full_index):
    # 27,976 of 28,194 today; the exceptions (generic words such as "agent", and names the
    # abbreviation table spells out) are listed by benchmarks/match_quality.py.
    single = single_owner_alt_labels(full_store.match_inputs()[1])
    sample = single[:: max(1, len(single) // 1500)]
    answered = sum(
        1
        for text, uri in sample
        for result in [full_index.match(text)]
        if result.status is MatchStatus.MATCH and result.candidates[0].uri == uri
    )
    assert answered / len(sample) >= 0.98


@pytest.mark.parametrize(
    ("title", "occupation"),
    [
        ("farmacist", "pharmacist"),
        ("statistican", "statistician"),
        ("kiropractor", "chiropractor"),
        ("upholstrer", "upholsterer"),
        ("costumer service representative", "customer service representative"),
        ("vetinary nurse", "veterinary nurse"),
        ("nures", "nurse responsible for general care"),
    ],
)
def test_names_typed_with_a_slip_are_answered(full_index, title, occupation):
    assert answer_of(full_index, title) == occupation


@pytest.mark.parametrize(
    ("title", "occupation"),
    [
        ("cuisinier", "cook"),
        ("Full Stack Developer - Remote (EU)", "software developer"),
        ("UX", "user interface designer"),
        ("pharma rep", "medical sales representative"),
    ],
)
def test_everyday_titles_that_once_asked_or_went_astray_are_answered(full_index, title, occupation):
    assert answer_of(full_index, title) == occupation


@pytest.mark.parametrize("subject", ["history", "physics", "biology"])
def test_a_subject_teacher_is_a_school_teacher_not_a_lecturer(full_index, subject):
    # ESCO also names the lecturers "history teacher" and so on.
    first = full_index.match(f"{subject} teacher").candidates[0].label
    assert first == f"{subject} teacher secondary school"


@pytest.mark.parametrize(
    "title", ["Marketing Trainee", "Intern (Marketing)", "Apprentice Marketing"]
)
def test_a_trainee_is_not_offered_the_managers_job_first(full_index, title):
    assert full_index.match(title).candidates[0].label == "marketing assistant"


@pytest.mark.parametrize("title", ["manager", "assistant", "Manager", "assistant (m/f/d)"])
def test_generic_titles_abstain_on_full_data(full_index, title):
    result = full_index.match(title)
    assert result.status is MatchStatus.AMBIGUOUS
    assert 3 <= len(result.candidates[:5]) <= 5


def test_index_covers_every_occupation(full_index):
    assert len(full_index) >= 3000


def test_suggest_nur_offers_nurses(full_index):
    names = [s.name for s in full_index.suggest("nur")]
    assert 0 < len(names) <= 25
    assert any("nurse" in n for n in names)
    assert all(len(n) <= 100 for n in names)


@pytest.mark.parametrize(
    ("title", "occupation"),
    [
        ("Psychiaterin", "specialised doctor"),
        ("Psychiaterinnen", "specialised doctor"),
        ("Krankenpflegehelferin", "nurse assistant"),  # through the whole-string search
    ],
)
def test_a_feminine_form_esco_lacks_finds_the_masculine_occupation(full_index, title, occupation):
    assert full_index.match(title).candidates[0].label == occupation


@pytest.mark.parametrize(
    ("title", "occupation"),
    [
        ("night nurse", "nurse responsible for general care"),
        ("agency nurse", "nurse responsible for general care"),
        ("bank nurse", "nurse responsible for general care"),
        ("relief chef", "chef"),
        ("locum pharmacist", "pharmacist"),
        ("seasonal warehouse worker", "warehouse worker"),
    ],
)
def test_a_shift_or_contract_word_does_not_divert_the_job(full_index, title, occupation):
    assert full_index.match(title).candidates[0].label == occupation


@pytest.mark.parametrize(
    ("title", "occupation"),
    [
        ("night auditor", "night auditor"),
        ("bank teller", "bank teller"),
        ("travel agency manager", "travel agency manager"),
        ("relief worker", "victim support officer"),  # ESCO's own name for it
    ],
)
def test_a_name_holding_a_shift_or_contract_word_still_answers_itself(
    full_index, title, occupation
):
    assert answer_of(full_index, title) == occupation


@pytest.mark.parametrize("title", ["German teacher", "Russian teacher", "Chinese teacher"])
def test_a_language_before_teacher_is_the_subject_taught(full_index, title):
    assert full_index.match(title).best.label == "modern languages teacher secondary school"


@pytest.mark.parametrize(
    ("title", "occupation"),
    [
        ("gerente de ventas", "sales manager"),
        ("gerente de marketing", "marketing manager"),
        ("gerente de recursos humanos", "human resources manager"),
        ("gerente general", "chief executive officer"),
        ("gerente de tienda", "shop manager"),  # ESCO's own Spanish name
    ],
)
def test_a_latin_american_gerente_runs_the_department(full_index, title, occupation):
    assert answer_of(full_index, title) == occupation


@pytest.mark.parametrize(
    ("title", "occupation"),
    [
        ("careers advisor", "career guidance advisor"),
        ("careers officer", "career guidance advisor"),
        ("news presenter", "news anchor"),
    ],
)
def test_a_name_holding_a_job_ad_noise_word_is_still_a_name(full_index, title, occupation):
    assert answer_of(full_index, title) == occupation


@pytest.mark.parametrize(("word", "occupation"), sorted(FIRST_SENSE.items()))
def test_every_dictionary_sense_leads_its_words_question(full_index, word, occupation):
    result = full_index.match(word)
    assert result.status is MatchStatus.AMBIGUOUS
    assert result.candidates[0].label == occupation
