"""Checks a reader of German, French or Spanish would make of an answer, runnable on all of them.

Each rule takes one text of an answer and returns what is wrong with it; every rule has a
test that feeds it a bad sentence (test_language_checks.py), and the full-data test runs them
over every exported answer in each language (test_answers_full_data.py).

English labels ESCO lacks in a language are shown quoted and marked "(EN)" on purpose; the
leak check looks at the text with those taken out.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from functools import cache
from typing import Any

from languages.catalogue import translations
from languages.voices import FALLBACK_MARK

#: An English label marked as a fallback: quoted the language's way, then "(EN)".
FALLBACK = re.compile(r"(?:„[^“]*“|«\s?[^»]*?\s?»|“[^”]*”) \(EN\)")
#: Words of English that are not words of German, French or Spanish: two different ones in one
#: sentence make it English.
ENGLISH_ONLY = frozenset(
    [
        "the",
        "and",
        "of",
        "with",
        "which",
        "this",
        "that",
        "is",
        "are",
        "for",
        "to",
        "be",
        "it",
        "its",
        "than",
        "from",
        "by",
        "or",
        "would",
        "could",
        "should",
        "their",
        "there",
        "these",
        "those",
        "what",
        "how",
    ]
)
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
_SENTENCE = re.compile(r"(?<=[.!?])\s+")
_PLACEHOLDER = re.compile(r"\{[A-Za-z_][\w.]*\}|%\(\w+\)[sd]|%[sd]\b|\$\{?\w+\}?")
_DOUBLE_SPACE = re.compile(r"[ \u00a0\u202f]{2,}")
_DOUBLED_MARK = re.compile(r"[,;:][,.;:]|(?<!\.)\.\.(?!\.)|[.!?][,;:]")

_FR_CONTRACTION = re.compile(r"\b(?:de|à) (?:le|les) ", re.IGNORECASE)
_FR_VOWEL = "aeiouyàâäéèêëîïôöùûüœæAEIOUYÀÂÄÉÈÊËÎÏÔÖÙÛÜŒÆ"
_FR_NO_ELISION = re.compile(rf"\b(?:[dD]e|[qQ]ue|[jJ]e|[nN]e|[sS]e) (?=[{_FR_VOWEL}])")
_FR_SPACE_BEFORE_MARK = re.compile(r"(?<=[^\s\u00a0\u202f])[:;!?](?=\s|$)| [:;!?](?=\s|$)")
_ES_CONTRACTION = re.compile(r"\b(?:[dD]e|[aA]) el\b")
_ES_Y_BEFORE_I = re.compile(r"\by (?=[iíIÍ]|[hH][iíIÍ](?![aeoAEO]))")
_DE_CONTRACTION = re.compile(r"\b(?:in|an|von|zu) dem\b|\bzu der\b|\bin das\b")
_SPACE_BEFORE_MARK = re.compile(r" [,.;:!?]")


def without_fallbacks(text: str) -> str:
    """``text`` with the marked English labels taken out."""
    return FALLBACK.sub(" ", text)


def english_leaks(text: str) -> list[str]:
    """Sentences that read as English once the marked fallbacks are taken out."""
    out = []
    for part in _SENTENCE.split(without_fallbacks(text)):
        words = {w.casefold() for w in _WORD.findall(part)}
        if len(words & ENGLISH_ONLY) >= 2:
            out.append(f"English: {part[:80]!r}")
    return out


def placeholder_errors(text: str) -> list[str]:
    """A template placeholder nobody filled: "{skills}", "%(name)s"."""
    return [f"placeholder: {m.group(0)!r}" for m in _PLACEHOLDER.finditer(text)]


@cache
def _untranslated(language: str) -> tuple[str, ...]:
    """Message ids whose translation differs from them: seeing one means a key was not said."""
    catalogue = translations(language)
    ids = catalogue._catalog.keys()
    out = []
    for message in ids:
        if not isinstance(message, str) or not message:
            continue
        text = _PLACEHOLDER.split(message)[0].strip()
        if len(text) >= 8 and catalogue.gettext(message) != message:
            out.append(text)
    return tuple(out)


def untranslated_errors(text: str, language: str) -> list[str]:
    """A catalogue message shown in English: the code said it outside the catalogue."""
    plain = without_fallbacks(text)
    return [f"untranslated: {key[:60]!r}" for key in _untranslated(language) if key in plain]


def spacing_errors(text: str, language: str) -> list[str]:
    """Doubled spaces or marks; a space before a mark (French wants a no-break one)."""
    out = [f"spaces: {m.group(0)!r}" for m in _DOUBLE_SPACE.finditer(text)]
    out += [f"doubled mark: {m.group(0)!r}" for m in _DOUBLED_MARK.finditer(text)]
    if language == "fr":
        out += [
            f"French spacing: {text[max(0, m.start() - 12) : m.end()]!r}"
            for m in _FR_SPACE_BEFORE_MARK.finditer(text)
        ]
    else:
        out += [f"space before a mark: {m.group(0)!r}" for m in _SPACE_BEFORE_MARK.finditer(text)]
    return out


def grammar_errors(text: str, language: str) -> list[str]:
    """The language's own obligatory contractions and elisions (its a/an rules)."""
    checks: dict[str, Iterable[re.Pattern[str]]] = {
        "fr": (_FR_CONTRACTION, _FR_NO_ELISION),
        "es": (_ES_CONTRACTION, _ES_Y_BEFORE_I),
        "de": (_DE_CONTRACTION,),
    }
    plain = without_fallbacks(text)
    return [
        f"{language} grammar: {plain[max(0, m.start() - 15) : m.end() + 10]!r}"
        for pattern in checks.get(language, ())
        for m in pattern.finditer(plain)
    ]


def text_errors(text: str, language: str) -> list[str]:
    """Every rule on one text of an answer written by willai (not ESCO's description)."""
    return [
        *english_leaks(text),
        *placeholder_errors(text),
        *untranslated_errors(text, language),
        *spacing_errors(text, language),
        *grammar_errors(text, language),
    ]


def generated_texts(report: Mapping[str, Any]) -> Iterator[str]:
    """The texts willai writes (every field but ESCO's own description)."""
    for key in ("verdict", "question", "near_term", "stays_human", "long_term"):
        yield str(report[key])
    yield from (str(t) for t in report["takeaways"])
    yield from (str(m) for m in report["moves"])
    yield from (str(h) for h in report.get("headings", ()))


def answer_errors(answer: Mapping[str, Any], language: str) -> list[str]:
    """What is wrong with one exported answer in ``language``.

    ESCO's description is checked only for leaks and leftovers: its grammar is ESCO's.
    """
    report = answer["report"]
    out = [e for text in generated_texts(report) for e in text_errors(text, language)]
    summary = str(report["summary"])
    if not summary.endswith(FALLBACK_MARK):  # ESCO has no description in the language
        out += english_leaks(summary)
    return out + placeholder_errors(summary)


def fallback_count(answer: Mapping[str, Any]) -> int:
    """How many English labels the answer shows marked as fallbacks."""
    report = answer["report"]
    marked = sum(len(FALLBACK.findall(text)) for text in generated_texts(report))
    return marked + str(report["summary"]).endswith(FALLBACK_MARK)
