"""The small grammar each answer language needs at the seams between a template and ESCO text.

Templates are written so that they never put an article or an agreement next to an occupation
name (the name stands as a heading or after a colon). What is left are the seams where a skill
label or a list meets a template word: French elides ("de analyser" is wrong, "d'analyser" is
right) and contracts ("de le" is "du"), Spanish contracts ("de el" is "del") and changes "y" to
"e" before an /i/ sound, and every language joins a list with its own "and".
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

#: The word each language joins the last item of a list with.
AND = {"en": "and", "de": "und", "fr": "et", "es": "y"}
#: French spacing before high punctuation: a no-break space before the colon and a narrow one
#: before ; ! ? (Imprimerie nationale). Discord and the terminal keep both on one line.
NBSP = "\u00a0"
NNBSP = "\u202f"
_CLOSERS = "\"')]\u201d\u2019\u00bb"
#: The elision mark: the typographic apostrophe, as ESCO's newer French labels write it.
APOSTROPHE = "\u2019"

# French words beginning with an aspirated h: no elision before them ("de hacher").
_ASPIRATED_H = (
    "hach",
    "hais",
    "hal",
    "hamac",
    "hamp",
    "hanch",
    "handi",
    "hang",
    "hant",
    "harc",
    "hard",
    "hareng",
    "haric",
    "harn",
    "harp",
    "hasard",
    "hât",
    "haus",
    "haut",
    "heurt",
    "hibou",
    "hiss",
    "hock",
    "homard",
    "hont",
    "hors",
    "houb",
    "hous",
    "hu",
)
_FR_VOWEL = "aeiouyàâäéèêëîïôöùûüœæ"
#: Marks where an inserted value begins: elision and contraction happen only at that seam, so
#: a template's own words ("que de le faire") are never touched.
SEAM = "\x00"
_FR_ELIDED = re.compile(
    rf"\b(de|que|le|la|ne|se|je|jusque|lorsque|puisque) {SEAM}(?=([{_FR_VOWEL}]|h)(\w*))",
    re.IGNORECASE,
)
#: How every French word that elides or contracts before a value ends (de, que, la, à …),
#: with the space and the seam after it.
_FR_SEAMS = tuple(f"{end} {SEAM}" for end in ("e", "a", "à"))
_FR_CONTRACTED = re.compile(rf"\b([Dd]e|[Àà]) {SEAM}(les?) ")
_ES_CONTRACTED = re.compile(rf"\b([Dd]e|[Aa]) {SEAM}el ")
# Spanish "y" becomes "e" before a word that starts with the sound /i/ ("i-", "hi-"), but not
# before a diphthong ("y hielo", "y hierro").
_ES_Y_BEFORE_I = re.compile(rf"\by {SEAM}?(?=(?:[iíIÍ]|[hH][iíIÍ](?![aeoAEO])))")


def _french_elision(match: re.Match[str]) -> str:
    word, first, rest = match.group(1), match.group(2), match.group(3)
    if first.lower() == "h" and (first + rest).lower().startswith(_ASPIRATED_H):
        return match.group(0)
    return word[:-1] + APOSTROPHE


def _french_contraction(match: re.Match[str]) -> str:
    word, article = match.group(1), match.group(2)
    merged = {("de", "le"): "du", ("de", "les"): "des", ("à", "le"): "au", ("à", "les"): "aux"}
    out = merged[word.lower(), article]
    return (out.capitalize() if word[0].isupper() else out) + " "


def _spanish_contraction(match: re.Match[str]) -> str:
    return "del " if match.group(1).lower() == "de" else "al "


def contract(language: str, text: str) -> str:
    """The language's obligatory elisions and contractions where a value meets the template.

    ``text`` carries :data:`SEAM` before each inserted value (:func:`fill` puts it there); the
    marks are gone from what this returns.
    """
    # The searches are skipped when no seam can match: most seams follow a colon.
    if language == "fr" and any(seam in text for seam in _FR_SEAMS):
        text = _FR_CONTRACTED.sub(_french_contraction, text)
        text = _FR_ELIDED.sub(_french_elision, text)
    elif language == "es":
        if f" {SEAM}el " in text:
            text = _ES_CONTRACTED.sub(_spanish_contraction, text)
        if "y " in text:
            text = _ES_Y_BEFORE_I.sub("e ", text)
    return text.replace(SEAM, "")


def fill(language: str, template: str, values: dict[str, object]) -> str:
    """``template`` with its placeholders filled, elided and contracted at each seam."""
    return contract(language, template.format(**{k: f"{SEAM}{v}" for k, v in values.items()}))


def join(language: str, items: Sequence[str]) -> str:
    """Items as a list in running text: "a, b et c", "a, b y c" ("a e italiano")."""
    words = [item for item in items if item.strip()]
    if len(words) <= 1:
        return "".join(words)
    joined = f"{', '.join(words[:-1])} {AND.get(language, 'and')} {SEAM}{words[-1]}"
    return contract(language, joined)


def french_spacing(text: str) -> str:
    """French typography: a no-break space before ":" and a narrow one before ";", "!", "?".

    Skips a colon inside a number or a link ("10:30", "https://") and keeps spaces that are
    already there.
    """
    text = re.sub(r"[ \u00a0\u202f]*:(?=\s|$)", f"{NBSP}:", text)
    return re.sub(r"[ \u00a0\u202f]*([;!?])(?=\s|$|[\u00bb\"'])", rf"{NNBSP}\1", text)


_BLANKS = re.compile(r"[ \t\r\n]+")


def sentence(text: str) -> str:
    """One tidy sentence in any of the answer languages: a capital and one final stop.

    Unlike the English helper, it keeps no-break spaces (French needs them before ":" and
    "?") and lets a sentence end in "?", "!", "…" or a closing quote.
    """
    if "  " in text or "\n" in text or "\t" in text or "\r" in text:
        text = _BLANKS.sub(" ", text)
    text = text.strip()
    if not text:
        return ""
    first = next((i for i, char in enumerate(text) if char.isalnum()), None)
    if first is not None and text[first].isalpha():
        text = text[:first] + text[first].upper() + text[first + 1 :]
    closed = text.rstrip(_CLOSERS)
    if closed.endswith(("?", "!", "…")) or (closed != text and closed.endswith(".")):
        return text
    return text.rstrip(".,;: \u00a0\u202f") + "."


def capitalised(text: str) -> str:
    """First letter upper case, the rest as ESCO wrote it (German nouns are capitals already)."""
    return text[:1].upper() + text[1:]


@lru_cache(maxsize=8192)
def paired_name(label: str) -> str:
    """ESCO's "m/f" pair of a name, written once with only the differing words paired.

    "infirmier responsable de soins généraux/infirmière responsable de soins généraux" reads as
    "infirmier/infirmière responsable de soins généraux"; "Technischer Leiter für Bühne/
    Technische Leiterin für Bühne" as "Technischer Leiter/Technische Leiterin für Bühne". A
    label that is not one pair of two halves comes back as it is.
    """
    label = " ".join(label.split())
    halves = label.split("/")
    if len(halves) != 2 or not all(h.strip() for h in halves):
        return label
    a, b = halves[0].split(), halves[1].split()
    if [w.casefold() for w in a] == [w.casefold() for w in b]:
        return halves[0].strip()  # one name for both ("responsable …/responsable …")
    if len(a) < 2 and len(b) < 2:
        return label
    head = 0
    while head < min(len(a), len(b)) - 1 and a[head].casefold() == b[head].casefold():
        head += 1
    tail = 0
    while (
        tail < min(len(a), len(b)) - head - 1
        and a[len(a) - 1 - tail].casefold() == b[len(b) - 1 - tail].casefold()
    ):
        tail += 1
    if head == 0 and tail == 0:
        return label
    middle = f"{' '.join(a[head : len(a) - tail])}/{' '.join(b[head : len(b) - tail])}"
    return " ".join([*a[:head], middle, *a[len(a) - tail :]])
