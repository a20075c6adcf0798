import pytest

from matching.colloquial import COLLOQUIAL, WHOLE_TITLE, pattern, spell_out
from matching.normalise import query_terms


@pytest.mark.parametrize(
    ("typed", "spelled"),
    [
        ("sparky", "electrician"),
        ("uber driver", "taxi driver"),
        ("registered nurse", "nurse responsible for general care"),
        ("senior cop", "senior police officer"),
    ],
)
def test_everyday_words_become_esco_words(typed, spelled):
    assert spell_out(typed) == spelled


def test_whole_title_words_change_only_alone():
    assert spell_out("coder") == "programmer"
    assert spell_out("clinical coder") == "clinical coder"


def test_words_inside_other_words_are_left_alone():
    assert spell_out("copywriter") == "copywriter"


def test_query_terms_read_the_spelled_out_words():
    assert query_terms("Sparky (m/w/d)").tokens == ("electrician",)


def test_tables_are_lower_case_and_distinct():
    for table in (COLLOQUIAL, WHOLE_TITLE):
        assert all(key == key.lower().strip() and key != value for key, value in table.items())
    assert not set(COLLOQUIAL) & set(WHOLE_TITLE)


@pytest.mark.parametrize(
    ("typed", "spelled"),
    [
        ("rent-a-cop", "security guard"),  # the longer key wins over "cop"
        ("mall cop", "security guard"),
        ("ob gyn", "gynaecologist"),  # "OB/GYN" reaches the table with its slash read as a space
        ("senior x-ray technician", "senior radiographer"),
        ("nurse's aide", "nursing assistant"),
    ],
)
def test_longer_and_punctuated_keys(typed, spelled):
    assert spell_out(typed) == spelled


@pytest.mark.parametrize(
    ("alone", "inside"),
    [
        ("copper", "copper enameller"),
        ("solicitor", "corporate solicitor"),
        ("salt", "salt processing operator"),
        ("school principal", "high school principal"),
    ],
)
def test_esco_words_change_only_as_the_whole_title(alone, inside):
    assert spell_out(alone) == WHOLE_TITLE[alone]
    assert spell_out(inside) == inside


def test_typed_abbreviations_reach_the_tables():
    assert query_terms("OB/GYN").tokens == ("gynaecologist",)
    assert query_terms("SALT").tokens == ("speech", "language", "therapist")
    assert query_terms("HLTA").tokens == ("school", "teaching", "assistant")


@pytest.mark.parametrize(
    ("typed", "spelled"),
    [
        ("senior busfahrer", "senior bus driver"),  # a word in no ESCO label: changed anywhere
        ("lokfuhrerin", "train driver"),
        ("peon de obra", "building construction worker"),
        ("r&d manager", "research and development manager"),  # "&" stays inside the key
        ("ios developer", "mobile application developer"),
    ],
)
def test_probe_words_are_spelled_out_inside_longer_titles(typed, spelled):
    assert spell_out(typed) == spelled


@pytest.mark.parametrize(
    ("alone", "inside"),
    [
        ("kinesitherapeute", "masseur kinesitherapeute"),  # ESCO's massage therapist keeps it
        ("auxiliaire de vie", "auxiliaire de vie sociale"),
        ("berufsschullehrer", "berufsschullehrer fur gartenbau"),
        ("guardia civil", "agente de la guardia civil"),
        ("orderly", "orderly room clerk"),
    ],
)
def test_esco_words_of_other_languages_change_only_as_the_whole_title(alone, inside):
    assert spell_out(alone) == WHOLE_TITLE[alone]
    assert spell_out(inside) == inside


def test_new_abbreviations_reach_esco_words():
    assert query_terms("RMN").tokens == ("mental", "health", "nurse")
    assert query_terms("TAFE teacher").tokens == ("vocational", "teacher")
    assert query_terms("LGV driver").tokens == query_terms("HGV driver").tokens


@pytest.mark.parametrize(
    ("typed", "spelled"),
    [
        ("senior busser", "senior waiter"),  # a word in no ESCO label: changed anywhere
        ("millwright apprentice", "industrial machinery mechanic apprentice"),
        ("webentwicklerin teilzeit", "web developer teilzeit"),
        ("yesera", "plasterer"),
        ("senior mountie", "senior police officer"),
        ("jillaroo", "livestock worker"),
        ("kinderarztin", "specialised doctor"),
        ("douaniere", "customs officer"),
        ("partera", "midwife"),
        ("mecanicien aeronautique", "aircraft maintenance technician"),  # over "mecanicien"
        ("h&s advisor", "health and safety officer"),  # over "h&s"
    ],
)
def test_plain_titles_in_no_label_are_spelled_out_anywhere(typed, spelled):
    assert spell_out(typed) == spelled


@pytest.mark.parametrize(
    ("alone", "inside"),
    [
        ("stock clerk", "livestock clerk"),  # ESCO words: only the whole title changes
        ("support worker", "disability support worker"),
        ("head teacher", "deputy head teacher"),
        ("projektleiter", "projektleiter bau"),
        ("chef de projet", "chef de projet informatique"),
        ("jefe de obra", "jefe de obra civil"),
        ("chauffeur", "private chauffeur"),
        ("laboratory technician", "asphalt laboratory technician"),
        ("maintenance worker", "road maintenance worker"),
        ("ophthalmologist", "veterinary ophthalmologist"),
        ("vertriebsleiter", "vertriebsleiter einzelhandel"),
        ("anestesista", "tecnico anestesista"),
    ],
)
def test_plain_titles_made_of_esco_words_change_only_as_the_whole_title(alone, inside):
    assert spell_out(alone) == WHOLE_TITLE[alone]
    assert spell_out(inside) == inside


def test_key_stage_abbreviations_reach_school_words():
    assert query_terms("KS2 teacher").tokens == query_terms("primary school teacher").tokens
    assert query_terms("LSA").tokens == query_terms("special educational needs assistant").tokens


def test_every_key_inside_a_title_is_spelled_out_as_the_whole_table_would():
    for key in COLLOQUIAL:
        title = f"senior {key} (london)"
        assert spell_out(title) == pattern().sub(lambda m: COLLOQUIAL[m.group(0)], title)


def test_a_title_without_everyday_words_is_left_as_typed():
    assert spell_out("senior software engineer") == "senior software engineer"
