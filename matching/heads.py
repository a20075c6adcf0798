"""Whether a title names a job at all: some word of it must be able to head a job's name.

A job's name is headed by the word for the person or the job: the last word in English ("dog
*trainer*"), the first in French and Spanish ("*femme* de chambre", "*maestro* de primaria"),
and in German mostly one compound ("Krankenpfleger"), or the first word before "für".
"pizza", "coffee", "football" or "banana" head no ESCO name in any language; they reach jobs
only as what the job is about ("pizza delivery driver"). A title made only of such words is a
topic, a thing or a joke, and gets "no match" rather than a confident *car and van delivery
driver*.

The test reads the index's own label words, so it needs no word list and holds in every
indexed language: a word heads a name when some English label ends with it, or some label in
another language starts with it.
"""

from __future__ import annotations

import re

import numpy as np

from matching.abbreviations import ABBREVIATIONS
from matching.index import IndexData
from matching.normalise import QueryTerms
from matching.reach import reach_token

PERSONNEL = frozenset(["staff", "crew", "team", "personnel", "help", "helper", "hand", "member"])
"""Words for the people of a workplace, which head everyday titles ESCO words otherwise ("bar
staff", "kitchen help", "cabin crew")."""


_WORDS = re.compile(r"\w+")


def heads_a_name(data: IndexData, word: str) -> bool:
    """Some English label ends with `word`, or some label in another language starts with it.

    Other languages are read from the front only: French labels end with what the job is
    about as often as English ones begin with it ("cuisinier spécialisé en pizzas").
    """
    if word in PERSONNEL:
        return True
    ids = data.postings.get(word)
    word_id = data.words.ids.get(word)
    if ids is None or word_id is None or not len(ids):
        return False
    rows = data.lab_token_ids
    foreign = data.lab_foreign_arr[ids]
    last = rows.values[rows.values_at[ids + 1] - 1]
    first = rows.values[rows.values_at[ids]]
    return bool((np.where(foreign, first, last) == word_id).any())


def names_a_job(data: IndexData, terms: QueryTerms) -> bool:
    """Some word of the title, or one of its typo fixes, can head a job's name.

    A word's same-stem relatives count: people name their field ("accounting intern",
    "telemarketing"), and "accountant" heads names. Every word counts, also a rank word
    ("associate") or one after "cum" ("despatch cum driver"); a title with a word the index
    does not know at all is given the benefit of the doubt (the ranker's cut-off judges it).
    """
    typed = _WORDS.findall(terms.typed)
    if any(word in PERSONNEL or word in ABBREVIATIONS for word in typed):
        return True  # "bar staff": "staff" is noise to the ranker; "admin" spells an adjective
    for token in terms.tokens:
        found = reach_token(data, token, terms)
        if found is None:
            return True
        if any(heads_a_name(data, word) for word, _ in found.variants):
            return True
    return not terms.tokens
