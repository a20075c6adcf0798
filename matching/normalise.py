"""Turn job titles, as typed and as ESCO spells them, into comparable token sequences.

The same pipeline runs over every ESCO label at build time and over every query, so the two
sides meet on equal terms: one case, one Unicode form, no accents, singular nouns, abbreviations
spelled out, and gendered pairs ("Krankenpfleger/Krankenpflegerin") split into their two forms.
Queries get one extra pass: words that say nothing about the occupation ("urgent", "(m/w/d)",
"internship") are dropped, and seniority words ("senior", "lead") are kept but marked soft so
they barely count.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from matching.abbreviations import ABBREVIATIONS
from matching.colloquial import WHOLE_TITLE, spell_out

MAX_QUERY_CHARS = 200
"""Longer input is cut: no real job title is longer, and it bounds the work per query."""

# Words that carry no meaning in a title, in any of the imported languages.
STOPWORDS: frozenset[str] = frozenset(
    [
        "of",
        "and",
        "the",
        "for",
        "in",
        "at",
        "on",
        "with",
        "to",
        "a",
        "an",
        "or",
        "as",
        "by",
        "from",
        "into",
        "de",
        "du",
        "des",
        "la",
        "le",
        "les",
        "l",
        "d",
        "et",
        "en",
        "au",
        "aux",
        "sur",
        "pour",
        "dans",
        "par",
        "un",
        "une",
        "y",
        "el",
        "los",
        "las",
        "del",
        "e",
        "o",
        "con",
        "por",
        "para",
        "al",
        "un",
        "una",
        "der",
        "die",
        "das",
        "den",
        "dem",
        "des",
        "und",
        "fur",
        "im",
        "in",
        "von",
        "zur",
        "zum",
        "mit",
        "als",
        "bei",
        "am",
        "an",
        "auf",
        "im",
    ]
)

# Words that say the person is learning the job, in job ads and in speech: noise to the
# ranker, but together they say the title does not name the field's manager
# (`LEARNER_WORDS`, `QueryTerms.learner`).
_LEARNING: tuple[str, ...] = (
    "intern",
    "internship",
    "trainee",
    "traineeship",
    "apprentice",
    "apprenticeship",
    "graduate",
    "grad",
    "azubi",
    "ausbildung",
    "praktikum",
    "praktikant",
    "praktikantin",
    "werkstudent",
    "werkstudentin",
    "stagiaire",
    "alternant",
    "becario",
    "becaria",
)

# Query words that say nothing about the occupation: dropped from queries (never from labels).
NOISE_WORDS: frozenset[str] = frozenset(
    [
        *_LEARNING,
        "hiring",
        "urgent",
        "urgently",
        "wanted",
        "needed",
        "required",
        "require",
        "job",
        "jobs",
        "vacancy",
        "vacancies",
        "position",
        "positions",
        "opening",
        "openings",
        "opportunity",
        "opportunities",
        "role",
        "career",
        "careers",
        "interns",
        "internships",
        "trainees",
        "apprentices",
        "graduates",
        "fresh",
        "fresher",
        "freshers",
        "experienced",
        "experience",
        "exp",
        "remote",
        "hybrid",
        "immediate",
        "immediately",
        "asap",
        "start",
        "contract",
        "temporary",
        "temp",
        "permanent",
        "perm",
        "freelance",
        "fulltime",
        "parttime",
        "ft",
        "pt",
        "mwd",
        "wmd",
        "mfd",
        "fmd",
        "gn",
        "m",
        "w",
        "f",
        "h",
        "x",
        "minijob",
        "teilzeit",
        "vollzeit",
        "befristet",
        "unbefristet",
        "alternance",
        "cdi",
        "cdd",
        "interim",
        "practicas",
        "cum",
        "new",
        "now",
        "join",
        "our",
        "team",
        "we",
        "are",
        "looking",
        "based",
        "location",
        "salary",
        "bonus",
        "month",
        "year",
        "years",
        "my",
        "your",
        "his",
        "her",
        "their",
        "im",
        "am",
        "is",
        "was",
        "be",
        "being",
        "currently",
    ]
)

PLACE_CODES: frozenset[str] = frozenset(
    [
        # Regions and countries job ads append in brackets or after a dash ("Full Stack
        # Developer - Remote (EU)"): dropped there, kept in the title itself ("EU funds
        # manager" is an ESCO occupation). ISO 3166 codes and the usual sales regions.
        "eu",
        "uk",
        "us",
        "usa",
        "emea",
        "apac",
        "latam",
        "dach",
        "nordics",
        "benelux",
        "europe",
        "worldwide",
        "global",
        "international",
        "nationwide",
    ]
)
LIFE_ROLES: frozenset[str] = frozenset(
    [
        # People by their family, their life or a story, never by their work: a title headed by
        # one is no job even with words before it ("dog mother", "trophy wife", "tooth fairy",
        # "retired teacher wife"). Words that head real job titles after a modifier ("care
        # worker", "shop owner", "drag queen", "marketing ninja") are left out on purpose.
        "mother",
        "father",
        "mum",
        "mom",
        "mummy",
        "mommy",
        "dad",
        "daddy",
        "parent",
        "wife",
        "husband",
        "son",
        "daughter",
        "child",
        "kid",
        "baby",
        "toddler",
        "teenager",
        "friend",
        "boyfriend",
        "girlfriend",
        "neighbour",
        "neighbor",
        "grandma",
        "grandpa",
        "grandmother",
        "grandfather",
        "housewife",
        "househusband",
        "homemaker",
        "hausfrau",
        "hausmann",
        "retiree",
        "pensioner",
        "prisoner",
        "inmate",
        "tourist",
        "gamer",
        "citizen",
        "taxpayer",
        "vampire",
        "zombie",
        "ghost",
        "alien",
        "dragon",
        "unicorn",
        "superhero",
        "santa",
        "elf",
        "fairy",
        "witch",
        "hobbit",
        "jedi",
        "millionaire",
        "billionaire",
    ]
)
NOT_A_JOB_PHRASES = re.compile(
    r"\b(?:(?:femme|homme|mere|pere) au foyer|amo de casa|ama de casa|stay at home"
    r"|out of work|between jobs|on benefits|couch potato)\b"
)
"""What people say instead of a job in several words (French and Spanish "at home" too)."""

NOT_JOBS: frozenset[str] = LIFE_ROLES | frozenset(
    [
        # What people say instead of an occupation: the ILO's labour-force statuses outside
        # employment (student, unemployed, retired, homemaker) and the words around them. A
        # title made only of these answers "no match", though ESCO has "student adviser" and
        # "pit boss": the words alone name a situation or a relation, not a job.
        "student",
        "pupil",
        "schoolboy",
        "schoolgirl",
        "unemployed",
        "jobless",
        "jobseeker",
        "retired",
        "stay",
        "home",
        "boss",
        "employee",
        "employer",
        "worker",
        "volunteer",
        "nothing",
        "none",
        "nobody",
        "unknown",
        "test",
        "testing",
        "hello",
        "help",
        "idk",
        "lol",
        "hi",
        "hey",
        "thanks",
        "thank",
        "work",
        "person",
        "people",
        "human",
        "owner",
        "sleeping",
        "estudiante",
        "etudiant",
        "arbeitslos",
        "arbeitslose",
        "rentner",
        "rentnerin",
        "schuler",
        "schulerin",
        "jubilado",
        "jubilada",
        "parado",
        "parada",
        "desempleado",
        "desempleada",
        "chomeur",
        "chomeuse",
        "retraite",
        "retraitee",
        # People by their place in a family or a life (with `LIFE_ROLES`, which also answer
        # "no match" when they head a title): "my wife", "adult"; "house mother" stays a job.
        "adult",
        "man",
        "woman",
        "boy",
        "girl",
        "homeless",
        "nobody",
        "somebody",
        "someone",
        "anyone",
        "everyone",
        # Beings of stories and games, and chat that is not a title: what people type to test a
        # bot. Sources: the everyday set's kinds (tests/matching/everyday/README.md) and common
        # sense; none is a word of an ESCO label on its own.
        "wizard",
        "princess",
        "prince",
        "queen",
        "king",
        "god",
        "minecraft",
        "fortnite",
        "roblox",
        "pokemon",
        "yes",
        "no",
        "ok",
        "okay",
        "bye",
        "goodbye",
        "morning",
        "dunno",
        "nah",
        "null",
        "undefined",
        "nil",
        "blah",
        "bored",
        "lazy",
        "rich",
    ]
)

LEARNER_WORDS: frozenset[str] = frozenset(
    [
        *_LEARNING,
        "junior",
        "jr",
        "jnr",
        "lehrling",
        "alternante",
        "apprenti",
        "apprentie",
        "aprendiz",
        "practicante",
    ]
)
"""Words that say the person is learning the job: `_LEARNING`, rank words and a few more."""
SENIOR_HEADS: frozenset[str] = frozenset(["manager", "director", "chief", "head"])
"""Words of the English names of the jobs that run a field ("marketing manager")."""
TEACHER_WORDS: frozenset[str] = frozenset(["teacher", "lehrer", "lehrerin"])
"""Words for a school teacher: in everyday speech a lecturer teaches in higher education."""
ACADEMIC_WORDS: frozenset[str] = frozenset(
    ["lecturer", "university", "college", "higher", "academic", "professor", "faculty", "tutor"]
)
"""Words that put a teacher's title in higher education ("college teacher")."""

TYPO_MIN_CHARS = 5
"""Shorter words are never corrected (`reach`): one edit from them reaches too many words."""

# Seniority, rank, shift and contract words: kept in queries with a small weight.
SOFT_WORDS: frozenset[str] = frozenset(
    [
        "senior",
        "sr",
        "snr",
        "junior",
        "jr",
        "jnr",
        "lead",
        "head",
        "principal",
        "associate",
        "licensed",
        "certified",
        "chartered",
        "qualified",
        "registered",
        "staff",
        "level",
        "mid",
        "entry",
        "i",
        "ii",
        "iii",
        "iv",
        # Shift and contract words weigh as rank words do: "night nurse", "agency nurse",
        # "bank nurse" (the NHS's staff bank), "relief chef", "locum pharmacist" are the job
        # itself; ESCO's names that hold them ("night auditor", "bank teller") still match
        # whole.
        "night",
        "overnight",
        "weekend",
        "seasonal",
        "relief",
        "locum",
        "agency",
        "bank",
    ]
)

# Words after which an English or German title names its head before the preposition.
_HEAD_BREAKERS: frozenset[str] = frozenset({"of", "for", "fur", "von", "with"})

_MULTIWORD_NOISE = re.compile(
    r"\b(?:full|part)[\s-]*time\b|\b(?:entry|mid)[\s-]*level\b|\bwork from home\b"
    r"|\ball genders?\b|\btemp to perm\b|\bno experience\b"
    # Pay: "£12/hr", "$15 per hour", "12.50 an hour" ("hr" would read as human resources).
    r"|\d[\d.,]*\s*(?:/|per\b|an?\b)?\s*(?:hrs?|hours?)\b|\bper\s+(?:hr|hour)\b",
)
_GENDER_MARKER = re.compile(r"\(?\b[mwfdhx](?:\s*[/|,]\s*[mwfdhx]){1,3}\b\)?")
_CAMEL_FEMININE = re.compile(r"(?<=[a-zäöüß])In(?:nen)?\b")
_FEMININE_SUFFIX = re.compile(r"(?:[*:_/]\s*|\()(?:in|innen|e|a|ne|se)\b\)?")
_SLASH = re.compile(r"\s*/\s*")
_NON_WORD = re.compile(r"[^\w+#]+|_")
_MINOR_PART = re.compile(r"\([^)]*\)?|\[[^\]]*\]?|(?:\s(?:cum|-|\u2013|\u2014|at)\s|[|@]).*")
_WORD_HYPHEN = re.compile(r"(?<=\w)-(?=\w)")
_CODE_TOKEN = re.compile(r"[a-z]\+\+|[a-z]#")
_COMBINING = re.compile(r"[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")


@dataclass(frozen=True, slots=True)
class QueryTerms:
    """A query reduced to what the ranker needs."""

    text: str  # the cleaned query, tokens joined by spaces
    tokens: tuple[str, ...]  # distinct tokens in order, soft ones included
    soft: frozenset[str]  # the subset of tokens that only weigh a little
    minor: frozenset[str]  # tokens only seen in brackets or after "cum", " - ", "|", "@"
    head: str | None  # the token that most likely names the job (English/German order)
    stems: frozenset[str] = frozenset()  # stems of the non-soft tokens
    typed: str = ""  # the cleaned title as typed, before any rewrite: a whole name to look up
    spelled: str = ""  # the same through the everyday-words table ("erzieher": early years...)
    learner: bool = False  # says "trainee", "intern"... and no manager, director, chief or head
    school: bool = False  # says "teacher" and nothing of higher education
    as_typed: tuple[tuple[str, str], ...] = ()  # (token, word typed) where the plural fold cut


def _is_dropped_char(ch: str) -> bool:
    """Control, format (zero-width, bidi) and private-use characters hide in pasted text."""
    return unicodedata.category(ch) in {"Cc", "Cf", "Co", "Cs", "Cn"}


def _drop_hidden(text: str) -> str:
    """Replace invisible characters by spaces; the isprintable() test skips clean text fast.

    Text that fails it (a description's line breaks, a no-break space) is tested once per
    distinct character, not once per character, and rewritten by one `str.translate`.
    """
    if text.isprintable():
        return text
    hidden = {ord(ch): " " for ch in set(text) if _is_dropped_char(ch)}
    return text.translate(hidden) if hidden else text


def fold(text: str) -> str:
    """Case-fold and strip accents, so "Ingénieur" and "ingenieur" are one word."""
    if text.isascii():
        return _drop_hidden(text).lower()
    text = _drop_hidden(unicodedata.normalize("NFKC", text))
    return _COMBINING.sub("", unicodedata.normalize("NFKD", text.casefold()))


def _similar_stem(a: str, b: str) -> bool:
    """Gendered pairs share their start: pfleger/pflegerin, directeur/directrice, koch/kochin."""
    n = min(4, len(a), len(b))
    return n >= 2 and a[:n] == b[:n]


def split_gendered(text: str) -> list[str]:
    """Split "A/B" when it is a gendered pair; otherwise read the slash as a space.

    "leiter/leiterin marketing" gives "leiter marketing" and "leiterin marketing";
    "directeur technique/directrice technique" gives both halves; "ict/network engineer"
    stays one text, since splitting it would invent an occupation called "ict".
    """
    if "/" not in text:  # most labels and queries: nothing to split
        return [text]
    parts = [p.strip() for p in text.split("/")]
    if len(parts) != 2 or not all(parts):
        return [text.replace("/", " ")]
    left, right = parts[0].split(), parts[1].split()
    if len(left) == len(right) >= 2 and _similar_stem(left[0], right[0]):
        return [parts[0], parts[1]]
    if _similar_stem(left[-1], right[0]):
        return [" ".join(left + right[1:]), " ".join(left[:-1] + right)]
    return [text.replace("/", " ")]


def clean(text: str) -> str:
    """Unicode, case, gender markers and feminine suffixes; keeps slashes for the caller.

    Each pattern runs only if the text holds a character or word every match needs: the
    build cleans ~85,000 labels, most of which none of them touches, and a substring test is
    several times cheaper than a regex pass that finds nothing. The result is the same.
    """
    text = _drop_hidden(unicodedata.normalize("NFKC", text[:MAX_QUERY_CHARS]))
    if "In" in text:
        text = _CAMEL_FEMININE.sub("", text)
    text = fold(text)
    if (  # a word every match of `_MULTIWORD_NOISE` holds
        "time" in text
        or "level" in text
        or "home" in text
        or "gender" in text
        or "perm" in text
        or "experience" in text
        or "hr" in text
        or "hour" in text
    ):
        text = _MULTIWORD_NOISE.sub(" ", text)
    if "/" in text or "|" in text or "," in text:
        text = _GENDER_MARKER.sub(" ", text)
    if "/" in text or "(" in text or "*" in text or ":" in text or "_" in text:
        text = _FEMININE_SUFFIX.sub("", text)
    if "/" in text:
        text = _SLASH.sub("/", text)
    return text.strip()


@lru_cache(maxsize=1 << 17)
def singular(token: str) -> str:
    """Crude plural folding that only has to be consistent between labels and queries."""
    if len(token) <= 3 or not token.isalpha():
        return token
    if token.endswith("ies") and len(token) > 4:
        return token[:-3] + "y"
    if token.endswith(("sses", "ches", "shes", "xes")):
        return token[:-2]
    if token.endswith("men") and len(token) > 5:
        return token[:-3] + "man"
    if token.endswith("s") and not token.endswith(("ss", "us", "is")):
        return token[:-1]
    return token


_STEM_SUFFIXES: tuple[str, ...] = tuple(
    sorted(
        [
            "ation",
            "ement",
            "ment",
            "ing",
            "ist",
            "ian",
            "ant",
            "ent",
            "ance",
            "ence",
            "ive",
            "ical",
            "ics",
            "ic",
            "al",
            "er",
            "or",
            "ry",
            "y",
            "e",
            "eur",
            "euse",
            "rice",
            "ero",
            "era",
            "ora",
            "a",
            "o",
            "in",
            "ure",
        ],
        key=len,
        reverse=True,
    )
)
_STEM_ENDINGS: tuple[tuple[int, frozenset[str]], ...] = tuple(
    (length, frozenset(s for s in _STEM_SUFFIXES if len(s) == length))
    for length in sorted({len(s) for s in _STEM_SUFFIXES}, reverse=True)
)
"""`_STEM_SUFFIXES` grouped by length, longest first: one set lookup per length, not ~30 tests."""


@lru_cache(maxsize=1 << 17)
def stem(token: str) -> str:
    """Cut derivational endings so marketer/marketing and developer/development meet.

    Used only for partial credit, never for an exact hit, so over-stemming costs little.
    """
    for _ in range(2):
        # The longest listed ending that leaves 4 letters, looked up by length: as testing
        # every ending in turn, longest first (two endings of one length cannot both match).
        for length, endings in _STEM_ENDINGS:
            if len(token) - length >= 4 and token[-length:] in endings:
                token = token[:-length]
                break
        else:
            break
    return token


def _raw_tokens(text: str) -> list[str]:
    """Split on anything but letters, digits and the "+"/"#" of c++ and c#."""
    out: list[str] = []
    for raw in _NON_WORD.sub(" ", text).split():
        tok = raw if _CODE_TOKEN.fullmatch(raw) else raw.strip("+#")
        if tok:
            out.append(tok)
    return out


def _expand(tokens: list[str]) -> list[str]:
    """Spell out abbreviations, then fold plurals of every resulting word."""
    out: list[str] = []
    for tok in tokens:
        expansion = ABBREVIATIONS.get(tok) or ABBREVIATIONS.get(singular(tok))
        if expansion is None:
            out.append(singular(tok))
        else:
            out.extend(singular(word) for word in expansion.split())
    return out


def _head_of(tokens: list[str], content: list[str]) -> str | None:
    """The last content word before "of"/"for", else the last content word."""
    for i, tok in enumerate(tokens):
        if tok in _HEAD_BREAKERS and i > 0:
            before = [t for t in tokens[:i] if t in content]
            if before:
                return before[-1]
            break
    return content[-1] if content else None


def label_pieces(variant: str) -> list[str]:
    """The space-separated pieces of a label variant that `label_words` turns into words.

    Nine labels in ten are ASCII letters, digits and spaces, which `_NON_WORD` would only
    turn into the spaces they already are: a plain split gives the same pieces, faster.
    """
    if variant.isascii() and variant.replace(" ", "").isalnum():
        return variant.split()
    return _NON_WORD.sub(" ", variant).split()


def label_words(piece: str) -> list[str]:
    """Content tokens of one piece of a label variant, as `label_tokens` gives them.

    Every piece is read on its own, so the build can read each distinct piece once (~26,000)
    instead of every piece of every label (~316,000).
    """
    tok = piece if _CODE_TOKEN.fullmatch(piece) else piece.strip("+#")
    if not tok:
        return []
    return [t for t in _expand([tok]) if t not in STOPWORDS and not t.isdigit()]


def label_tokens(variant: str) -> list[str]:
    """Content tokens of one label variant (already split by gender)."""
    return [word for piece in label_pieces(variant) for word in label_words(piece)]


def label_variants(label: str) -> list[str]:
    """The cleaned forms under which one ESCO label is indexed."""
    return [v for v in split_gendered(clean(label)) if v]


_HEAD_OF = re.compile(r"^\s*head of (?:the )?(\S.*)$")
""""Head of Marketing" is what ESCO calls a marketing manager; its own "head of" names (head of
department secondary school) are found whole before this rewrite (`names.exact_name`)."""


def _spell_core(typed: str) -> str:
    """The everyday-words table on a title, reading a whole-title word through rank and extras.

    "solicitor" alone means a lawyer (a whole-title entry: inside longer names it is ESCO's
    word for other jobs); so does "senior solicitor - family law", whose rank words before it
    and trailing part after it leave the same word at its core.
    """
    cut = _MINOR_PART.search(typed)
    main, tail = (typed[: cut.start()], typed[cut.start() :]) if cut else (typed, "")
    words = main.split()
    rank = 0
    while rank < len(words) - 1 and words[rank] in SOFT_WORDS:
        rank += 1
    core = " ".join(words[rank:])
    if (rank or tail) and core in WHOLE_TITLE:
        return " ".join([*words[:rank], WHOLE_TITLE[core]]) + main[len(main.rstrip()) :] + tail
    spelled = spell_out(typed)
    if spelled == typed and "-" in typed:
        # "IT-Support-Mitarbeiter": the table's words are written apart ("it support").
        apart = _WORD_HYPHEN.sub(" ", typed)
        if (spelled_apart := spell_out(apart)) != apart:
            return spelled_apart
    return spelled


def query_terms(query: str) -> QueryTerms:
    """Reduce a user's title to content tokens, soft tokens and its likely head noun.

    Job ads put the job first and qualifiers after it: "Engineer (Contract)", "Driver cum
    Storekeeper", "Sales Executive - Penang". Words only found in such trailing parts are
    marked minor and weigh less, unless nothing else is left.
    """
    typed = split_gendered(clean(query))[0]
    spelled = _spell_core(typed)
    variant = _HEAD_OF.sub(r"\1 manager", spelled, count=1)
    raw = _raw_tokens(variant)
    tokens = _expand(raw)
    said = set(tokens)
    main = set(_expand(_raw_tokens(_MINOR_PART.sub(" ", variant))))
    kept: list[str] = []
    for tok in tokens:
        if tok in STOPWORDS or tok in NOISE_WORDS or tok.isdigit() or len(tok) > 40:
            continue
        if len(tok) == 1 and tok != "c":
            continue
        if tok not in kept:
            kept.append(tok)
    soft = frozenset(t for t in kept if t in SOFT_WORDS)
    kept = [t for t in kept if t in main or t not in PLACE_CODES]
    minor = frozenset(t for t in kept if t not in main)
    if minor and not any(t in main and t not in soft for t in kept):
        minor = frozenset()
    content = [t for t in kept if t not in soft]
    main_content = [t for t in content if t not in minor] or content
    head = _head_of([t for t in tokens if t in kept or t in _HEAD_BREAKERS], main_content)
    return QueryTerms(
        text=" ".join(kept),
        tokens=tuple(kept),
        soft=soft,
        minor=minor,
        head=head,
        stems=frozenset(stem(t) for t in content),
        typed=typed,
        spelled=spelled,
        learner=not said.isdisjoint(LEARNER_WORDS) and said.isdisjoint(SENIOR_HEADS),
        school=not said.isdisjoint(TEACHER_WORDS) and said.isdisjoint(ACADEMIC_WORDS),
        as_typed=_short_folds(raw, kept),
    )


def _short_folds(raw: list[str], kept: list[str]) -> tuple[tuple[str, str], ...]:
    """Tokens the plural fold cut below the typo search's five letters, with the word typed.

    "nures" folds to "nure", four letters, which no typo search corrects ("asdf" taught that
    one edit reaches too much at four); the word typed has five, one transposition from
    "nurse" (`reach.reach_token`).
    """
    folds = {}
    for word in raw:
        token = singular(word)
        if token != word and len(token) < TYPO_MIN_CHARS <= len(word) and token in kept:
            folds.setdefault(token, word)
    return tuple(folds.items())
