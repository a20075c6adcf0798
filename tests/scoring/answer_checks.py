"""Checks a reader would make of an answer's text, as functions a test can run on all of them.

Each check takes one sentence-bearing text (or one whole answer document, for the checks that
need the band) and returns what is wrong with it. They are written so they can fail: every
rule has a test that feeds it a bad sentence (tests/scoring/test_answer_checks.py), and the
full-data test runs them over every exported answer.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

from scoring.phrases import NOUN_VERBS, PREPOSITIONS, indefinite_article, is_base_verb

_ARTICLE = re.compile(r"\b(an?|An?)\s+([A-Za-z0-9][\w'\u2019-]*)")
_AFTER_PREPOSITION = re.compile(r"(?<![\w-])(" + "|".join(sorted(PREPOSITIONS)) + r")\s+([a-z]+)\b")
_SPACE_BEFORE_PUNCTUATION = re.compile(r"\s[,.;:!?]")
_DOUBLED_PUNCTUATION = re.compile(
    r"[,;:][,.;:]|\.\.|(?<!\betc)(?<!\be\.g)(?<!\bi\.e)[.!?][,;:]|\.[.!?]"
)
_CERTAINTY = re.compile(
    r"\bwill (?:take over|replace|disappear|be (?:automated|replaced|taken over))\b",
    re.IGNORECASE,
)
_SENTENCE = re.compile(r"(?<=[.!?])\s+")


def article_errors(text: str) -> list[str]:
    """ "a accountant", "an university": the article does not fit the next word's sound."""
    out = []
    for match in _ARTICLE.finditer(text):
        article, word = match.group(1).lower(), match.group(2)
        if indefinite_article(word) != article:
            out.append(f"a/an: {match.group(0)!r}")
    return out


def bare_verb_errors(text: str) -> list[str]:
    """ "moving towards analyse data": an ESCO verb pasted after a preposition.

    Words that are nouns too (``scoring.phrases.NOUN_VERBS``: "on risk", "by telephone") are
    read as nouns; every other base verb after a preposition is an error.
    """
    return [
        f"bare verb: {match.group(0)!r}"
        for match in _AFTER_PREPOSITION.finditer(text)
        if is_base_verb(match.group(2)) and match.group(2) not in NOUN_VERBS
    ]


def punctuation_errors(text: str) -> list[str]:
    """Stray spaces before punctuation, doubled marks, double spaces, two colons a sentence."""
    out = [f"space before mark: {m.group(0)!r}" for m in _SPACE_BEFORE_PUNCTUATION.finditer(text)]
    out += [f"doubled marks: {m.group(0)!r}" for m in _DOUBLED_PUNCTUATION.finditer(text)]
    if "  " in text:
        out.append("double space")
    out += [f"two colons in one sentence: {s!r}" for s in _SENTENCE.split(text) if s.count(":") > 1]
    return out


def certainty_errors(text: str) -> list[str]:
    """ "will take over": the model estimates exposure; it cannot promise an outcome."""
    return [f"certainty: {m.group(0)!r}" for m in _CERTAINTY.finditer(text)]


def text_errors(text: str) -> list[str]:
    """Every sentence-level check on one text."""
    return (
        article_errors(text)
        + bare_verb_errors(text)
        + punctuation_errors(text)
        + certainty_errors(text)
    )


def generated_texts(answer: Mapping[str, Any]) -> Iterator[str]:
    """The texts willai writes (every one but ESCO's own description)."""
    report = answer["report"]
    for field in ("verdict", "question", "near_term", "stays_human", "long_term"):
        yield report[field]
    yield from report["takeaways"]
    yield from report["moves"]


def answer_texts(answer: Mapping[str, Any]) -> Iterator[str]:
    """Every text an answer document (``willai ask --json``) shows a reader."""
    yield answer["report"]["summary"]
    yield from generated_texts(answer)


def band_errors(answer: Mapping[str, Any]) -> list[str]:
    """Sentences the band contradicts.

    Only a very high score is "replacement-level", and then nothing softens it; a low score is
    never "routine information work" and never "exposed to automation" as a whole.
    """
    band = answer["score"]["band"]
    text = " ".join(answer_texts(answer))
    out = []
    if band == "very high":
        for soft in ("not a replacement-level", "more likely to change than to disappear"):
            if soft in text:
                out.append(f"very high band says {soft!r}")
    elif "replacement-level threat" in text.replace("not a replacement-level threat", ""):
        out.append(f"{band} band says 'replacement-level threat'")
    if band == "low":
        for claim in ("routine information work", "which makes it exposed to automation"):
            if claim in text:
                out.append(f"low band says {claim!r}")
    if f"({answer['score']['overall']}/100)" not in answer["report"]["verdict"]:
        out.append("verdict does not show the score")
    return out


def answer_errors(answer: Mapping[str, Any]) -> list[str]:
    """Everything wrong with one exported answer, or nothing.

    ESCO's description is ESCO's prose, not a template: it is held to the article,
    punctuation and certainty checks, but its nouns ("bonded with mortar") are not read as
    pasted verbs.
    """
    summary = answer["report"]["summary"]
    out = band_errors(answer)
    out += article_errors(summary) + punctuation_errors(summary) + certainty_errors(summary)
    for text in generated_texts(answer):
        out += text_errors(text)
    return out
