import pytest

from scoring.phrases import (
    PREPOSITIONS,
    indefinite_article,
    is_base_verb,
    join_words,
    sentence,
    skill_phrase,
    with_article,
)

# --- indefinite_article / with_article ---------------------------------------------------


@pytest.mark.parametrize(
    ("phrase", "article"),
    [("accountant", "an"), ("university lecturer", "a"), ("teacher", "a"), ("engineer", "an")],
)
def test_article_follows_the_first_letter_sound_of_plain_words(phrase: str, article: str) -> None:
    assert indefinite_article(phrase) == article


@pytest.mark.parametrize(
    ("phrase", "article"),
    [
        ("MRI technician", "an"),
        ("SQL developer", "an"),
        ("ICT technician", "an"),
        ("HR manager", "an"),
        ("NGO worker", "an"),
        ("MSc graduate", "an"),
        ("UX designer", "a"),
        ("UN officer", "a"),
        ("URL", "a"),
        ("CNC operator", "a"),
        ("X-ray", "an"),
        ("U-turn", "a"),
    ],
)
def test_acronyms_are_read_letter_by_letter(phrase: str, article: str) -> None:
    assert indefinite_article(phrase) == article


@pytest.mark.parametrize(("phrase", "article"), [("NATO post", "a"), ("HACCP plan", "a")])
def test_acronyms_said_as_words_follow_the_word(phrase: str, article: str) -> None:
    assert indefinite_article(phrase) == article


@pytest.mark.parametrize("phrase", ["hour", "honest broker", "honorary member", "heir"])
def test_silent_h_takes_an(phrase: str) -> None:
    assert indefinite_article(phrase) == "an"


@pytest.mark.parametrize("phrase", ["hotel", "historian", "herb"])
def test_sounded_h_takes_a(phrase: str) -> None:
    assert indefinite_article(phrase) == "a"


@pytest.mark.parametrize(
    "phrase", ["university", "unit manager", "user", "usual", "utility", "European", "one-off"]
)
def test_vowel_letters_sounding_like_you_or_w_take_a(phrase: str) -> None:
    assert indefinite_article(phrase) == "a"


@pytest.mark.parametrize("phrase", ["uninstall", "urban planner", "usher", "onerous task"])
def test_vowel_letters_with_a_vowel_sound_take_an(phrase: str) -> None:
    assert indefinite_article(phrase) == "an"


@pytest.mark.parametrize(
    ("phrase", "article"),
    [
        ("8-hour shift", "an"),
        ("11", "an"),
        ("18", "an"),
        ("18,000", "an"),
        ("80", "an"),
        ("1", "a"),
        ("110", "a"),
        ("3D printer", "a"),
    ],
)
def test_numbers_take_the_article_of_how_they_are_said(phrase: str, article: str) -> None:
    assert indefinite_article(phrase) == article


def test_leading_punctuation_is_skipped() -> None:
    assert indefinite_article('"honest" answer') == "an"


def test_accents_are_ignored_when_choosing_the_article() -> None:
    assert indefinite_article("école") == "an"


def test_with_article_puts_the_article_before_the_phrase() -> None:
    assert with_article("accountant") == "an accountant"
    assert with_article("MRI technician") == "an MRI technician"


def test_with_article_of_a_blank_phrase_is_empty() -> None:
    assert with_article("  ") == ""


# --- skill_phrase ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("label", "phrase"),
    [
        ("analyse large-scale data", "analysing large-scale data"),
        ("manage digital archives", "managing digital archives"),
        ("use word processing software", "using word processing software"),
        ("ride horses", "riding horses"),
        ("prepare reports", "preparing reports"),
        ("liaise with managers", "liaising with managers"),
        ("operate forklift", "operating forklift"),
    ],
)
def test_final_e_is_dropped(label: str, phrase: str) -> None:
    assert skill_phrase(label) == phrase


@pytest.mark.parametrize(
    ("label", "phrase"),
    [
        ("run tests", "running tests"),
        ("plan budgets", "planning budgets"),
        ("cut hair", "cutting hair"),
    ],
)
def test_short_verbs_double_their_last_consonant(label: str, phrase: str) -> None:
    assert skill_phrase(label) == phrase


@pytest.mark.parametrize(
    ("label", "phrase"),
    [
        ("refer patients", "referring patients"),
        ("transfer funds", "transferring funds"),
        ("occur", "occurring"),
        ("submit reports", "submitting reports"),
    ],
)
def test_verbs_stressed_on_the_last_syllable_double(label: str, phrase: str) -> None:
    assert skill_phrase(label) == phrase


@pytest.mark.parametrize(
    ("label", "phrase"),
    [
        ("visit clients", "visiting clients"),
        ("edit texts", "editing texts"),
        ("offer advice", "offering advice"),
        ("develop policies", "developing policies"),
        ("budget costs", "budgeting costs"),
        ("enter data", "entering data"),
        ("monitor patients", "monitoring patients"),
        ("open accounts", "opening accounts"),
    ],
)
def test_verbs_stressed_before_the_last_syllable_do_not_double(label: str, phrase: str) -> None:
    assert skill_phrase(label) == phrase


@pytest.mark.parametrize(
    ("label", "phrase"),
    [
        ("travel abroad", "travelling abroad"),
        ("control costs", "controlling costs"),
        ("label products", "labelling products"),
        ("model data", "modelling data"),
        ("fuel vehicles", "fuelling vehicles"),
        ("dial numbers", "dialling numbers"),
    ],
)
def test_final_l_doubles_in_british_spelling(label: str, phrase: str) -> None:
    assert skill_phrase(label) == phrase


def test_final_l_after_two_vowels_does_not_double() -> None:
    assert skill_phrase("seal containers") == "sealing containers"


@pytest.mark.parametrize(
    ("label", "phrase"),
    [("lie", "lying"), ("tie knots", "tying knots"), ("die fabric", "dying fabric")],
)
def test_ie_becomes_ying(label: str, phrase: str) -> None:
    assert skill_phrase(label) == phrase


@pytest.mark.parametrize(
    ("label", "phrase"),
    [
        ("dye hair", "dyeing hair"),
        ("see patients", "seeing patients"),
        ("agree terms", "agreeing terms"),
        ("oversee staff", "overseeing staff"),
        ("shoe horses", "shoeing horses"),
        ("age wine", "ageing wine"),
    ],
)
def test_ee_ye_oe_and_age_keep_their_e(label: str, phrase: str) -> None:
    assert skill_phrase(label) == phrase


def test_be_becomes_being() -> None:
    assert (
        skill_phrase("be at ease in unsafe environments") == "being at ease in unsafe environments"
    )


@pytest.mark.parametrize(
    ("label", "phrase"),
    [
        ("plan and organise events", "planning and organising events"),
        ("develop and implement policies", "developing and implementing policies"),
        ("repair or replace parts", "repairing or replacing parts"),
    ],
)
def test_verbs_joined_by_and_or_are_all_turned(label: str, phrase: str) -> None:
    assert skill_phrase(label) == phrase


def test_verbs_listed_with_commas_are_all_turned() -> None:
    assert (
        skill_phrase("browse, search and filter data, information and content")
        == "browsing, searching and filtering data, information and content"
    )


def test_verbs_joined_by_a_slash_are_all_turned() -> None:
    assert skill_phrase("maintain/repair equipment") == "maintaining/repairing equipment"


@pytest.mark.parametrize(
    ("label", "phrase"),
    [
        ("set up equipment", "setting up equipment"),
        ("carry out inspections", "carrying out inspections"),
        ("set up and maintain machines", "setting up and maintaining machines"),
        ("adhere to safety rules", "adhering to safety rules"),
    ],
)
def test_phrasal_verbs_keep_their_particle(label: str, phrase: str) -> None:
    assert skill_phrase(label) == phrase


def test_closed_compound_reads_as_the_phrasal_verb() -> None:
    assert skill_phrase("setup the bar area") == "setting up the bar area"


def test_hyphenated_verb_turns_its_last_part() -> None:
    assert skill_phrase("re-assemble engines") == "re-assembling engines"


def test_leading_adverb_is_kept_before_the_gerund() -> None:
    assert skill_phrase("safely handle chemicals") == "safely handling chemicals"


def test_american_spelling_is_recognised() -> None:
    assert skill_phrase("organize events") == "organizing events"


@pytest.mark.parametrize("label", ["design principles", "process engineering", "anatomy"])
def test_knowledge_labels_are_unchanged(label: str) -> None:
    assert skill_phrase(label, knowledge=True) == label


@pytest.mark.parametrize(
    "label",
    [
        "customer service",
        "teamwork principles",
        "health legislation",
        "data protection",
        "Python (computer programming)",
    ],
)
def test_labels_not_starting_with_a_verb_are_unchanged(label: str) -> None:
    assert skill_phrase(label) == label


@pytest.mark.parametrize("label", ["research and development", "use of specialised instruments"])
def test_verb_shaped_nouns_in_noun_phrases_are_unchanged(label: str) -> None:
    assert skill_phrase(label) == label


def test_dispose_of_is_still_a_verb() -> None:
    assert skill_phrase("dispose of hazardous waste") == "disposing of hazardous waste"


def test_capitalised_words_and_acronyms_after_the_verb_are_kept() -> None:
    assert (
        skill_phrase("use Microsoft Office and ICT tools") == "using Microsoft Office and ICT tools"
    )


def test_capitalised_first_word_is_not_read_as_a_verb() -> None:
    assert skill_phrase("Excel spreadsheets") == "Excel spreadsheets"


def test_rest_of_the_label_is_kept_byte_for_byte() -> None:
    assert skill_phrase("apply  first aid ") == "applying  first aid "


def test_skill_phrase_of_an_empty_label_is_empty() -> None:
    assert skill_phrase("") == ""


# --- is_base_verb / PREPOSITIONS ------------------------------------------------------------


@pytest.mark.parametrize("word", ["analyse", "manage", "set", "be", "pre-blend"])
def test_base_verbs_are_recognised(word: str) -> None:
    assert is_base_verb(word)


@pytest.mark.parametrize("word", ["analysis", "analysing", "data", "Excel", "real-time", ""])
def test_other_words_are_not_base_verbs(word: str) -> None:
    assert not is_base_verb(word)


def test_prepositions_include_towards_but_not_to() -> None:
    assert {"towards", "in", "on", "at", "of", "for", "with", "including"} <= PREPOSITIONS
    assert "to" not in PREPOSITIONS


# --- join_words -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("items", "joined"),
    [([], ""), (["a"], "a"), (["a", "b"], "a and b"), (["a", "b", "c"], "a, b and c")],
)
def test_join_words_has_no_oxford_comma(items: list[str], joined: str) -> None:
    assert join_words(items) == joined


def test_join_words_takes_another_conjunction() -> None:
    assert join_words(["a", "b", "c"], "or") == "a, b or c"


def test_join_words_skips_blank_items() -> None:
    assert join_words(["a", " ", "c"]) == "a and c"


# --- sentence -------------------------------------------------------------------------------


def test_sentence_capitalises_only_the_first_letter() -> None:
    assert sentence("the role uses SQL") == "The role uses SQL."


def test_sentence_removes_spaces_before_punctuation() -> None:
    assert sentence("data , skills ; tools : all .") == "Data, skills; tools: all."


def test_sentence_collapses_runs_of_whitespace() -> None:
    assert sentence("  a   long\n gap ") == "A long gap."


@pytest.mark.parametrize("text", ["done..", "done.:", "done,", "done . ."])
def test_sentence_ends_with_exactly_one_full_stop(text: str) -> None:
    assert sentence(text) == "Done."


@pytest.mark.parametrize("text", ["is it?", "wow!"])
def test_sentence_keeps_question_and_exclamation_marks(text: str) -> None:
    assert sentence(text) == text[0].upper() + text[1:]


def test_sentence_does_not_capitalise_after_a_leading_number() -> None:
    assert sentence("3 skills match") == "3 skills match."


def test_sentence_of_blank_text_is_empty() -> None:
    assert sentence("   ") == ""
