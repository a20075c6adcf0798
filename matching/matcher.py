"""The matcher's public face: build once per release, then match and suggest."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import replace
from pathlib import Path

from matching import colloquial
from matching.build import build_arrays
from matching.confidence import SOFTMAX_DEPTH, decide, plausible
from matching.heads import names_a_job
from matching.index import IndexData, build_index
from matching.names import NameEvidence, exact_label, exact_name, name_evidence, near_name
from matching.normalise import (
    LIFE_ROLES,
    MAX_QUERY_CHARS,
    NOT_A_JOB_PHRASES,
    NOT_JOBS,
    QueryTerms,
    query_terms,
)
from matching.prior import PriorModel, packaged_prior
from matching.rank import Ranking, rank
from matching.results import Candidate, MatchResult, MatchStatus, Suggestion
from matching.stored import index_identity, load_or_build
from matching.suggest import suggest
from matching.tables import Arrays
from matching.types import LabelRecord, OccupationRecord

NO_MATCH_HINT = (
    "Try the plain job name without company, place or contract details, e.g. "
    '"nurse", "software developer" or "Elektriker".'
)
AMBIGUOUS_LIMIT = 5
"""Candidates a "did you mean" answer needs at least (the ranking is cut no shorter)."""
MAX_TOP = 50
NAMED_FIRST = 5
"""Occupations of a typed name listed before the ranker's (see `MatchIndex._named`)."""
FALLBACK_MIN_CHARS = 5
"""Autocomplete retries a prefix as a typo-tolerant match only once it is this long."""


class MatchIndex:
    """Every label of every occupation, searchable by messy job titles in any indexed language."""

    def __init__(self, data: IndexData, prior: PriorModel | None = None) -> None:
        self._data = data
        self._prior = prior or packaged_prior()  # the model whose everyday counts `data` holds

    @classmethod
    def build(
        cls,
        occupations: Sequence[OccupationRecord],
        labels: Iterable[LabelRecord],
        prior: PriorModel | None = None,
    ) -> MatchIndex:
        """Index once per ESCO release; labels of unknown occupations are ignored.

        `prior` replaces the shipped commonness prior (the refit starts from a blank one).
        """
        prior = prior or packaged_prior()
        return cls(build_index(occupations, labels, prior.everyday), prior)

    @classmethod
    def from_arrays(cls, arrays: Arrays) -> MatchIndex:
        """The index over arrays `build_arrays` laid out with the shipped prior (the cache's)."""
        return cls(IndexData(arrays))

    @classmethod
    def cached(
        cls,
        root: Path | None,
        release: Mapping[str, str],
        inputs: Callable[[], tuple[Sequence[OccupationRecord], Iterable[LabelRecord]]],
    ) -> MatchIndex:
        """The index of `release`, mapped from the cache under `root` or built (and cached).

        `release` names the data (e.g. its id and checksum); the matcher's own version is
        added, so a changed matcher rebuilds. `inputs` is read only when building.
        """
        return load_or_build(
            root, index_identity(release), lambda: build_arrays(*inputs()), cls.from_arrays
        )

    @property
    def arrays(self) -> Arrays:
        """What the index is made of, as the cache stores it (`stored.save`)."""
        return self._data.arrays

    def __len__(self) -> int:
        return len(self._data.occ_uris)

    def label_of(self, uri: str) -> str:
        """English preferred label of an occupation; KeyError for an unknown URI."""
        return self._data.occ_labels[self._data.uri_index[uri]]

    def match(self, query: str, top: int = 10) -> MatchResult:
        """Rank occupations for a title and decide whether to answer, ask or give up.

        Never raises on user input: anything unusable becomes a no-match result with a hint.
        """
        text = query if isinstance(query, str) else ""
        top = max(1, min(int(top), MAX_TOP))
        title, terms = _read(text)
        named = self._by_rules(title, terms)
        if named is MatchStatus.NO_MATCH:
            return MatchResult(text, (), True, MatchStatus.NO_MATCH, NO_MATCH_HINT)
        data = self._data
        ranking = rank(data, terms, depth=max(top, AMBIGUOUS_LIMIT + 1, SOFTMAX_DEPTH))
        if isinstance(named, NameEvidence):
            return self._named(text, named, ranking, top)
        decision = decide(ranking)
        if decision.status is MatchStatus.NO_MATCH:
            return MatchResult(text, (), True, MatchStatus.NO_MATCH, NO_MATCH_HINT)
        candidates = tuple(
            Candidate(
                uri=data.occ_uris[s.occ],
                label=data.occ_labels[s.occ],
                confidence=conf,
                matched_label=data.lab_text[s.label_id],
            )
            for s, conf in zip(ranking.scored[:top], decision.confidences, strict=False)
        )
        status = decision.status
        return MatchResult(text, candidates, status is not MatchStatus.MATCH, status, None)

    def settled_by_rules(self, query: str) -> bool:
        """Whether the name and no-job rules decide this title, before any learned confidence.

        The confidence model is fitted on the titles this is False for: the ones it decides.
        """
        return self._by_rules(*_read(query)) is not None

    def _by_rules(self, title: str, terms: QueryTerms) -> NameEvidence | MatchStatus | None:
        """The answer or question a typed name calls for, `NO_MATCH`, or None for the ranker.

        An ESCO name typed as it is names a job, whatever its words; anything else must not be
        a question, a situation or a person, and must hold a word that can head a job's name.
        """
        data = self._data
        if _is_a_sentence(title):
            return MatchStatus.NO_MATCH
        named = exact_name(data, terms) or exact_label(data, terms)
        if named is None:
            if _not_a_job(terms):
                return MatchStatus.NO_MATCH
            named = near_name(data, terms, self._prior)
        if named is None:
            if not names_a_job(data, terms):
                return MatchStatus.NO_MATCH
            named = name_evidence(data, terms, self._prior)
        return named

    def _named(self, text: str, named: NameEvidence, ranking: Ranking, top: int) -> MatchResult:
        """The answer or question for a typed name.

        The name's first `NAMED_FIRST` occupations lead; the ranker's best follow, so a list
        cut at ten still holds what word overlap found beyond the name.
        """
        data = self._data
        from_name = [
            Candidate(data.occ_uris[occ], data.occ_labels[occ], conf, data.lab_text[label_id])
            for occ, label_id, conf in zip(
                named.occs, named.label_ids, named.confidences, strict=True
            )
        ]
        seen = set(named.occs)
        from_ranking = [
            Candidate(data.occ_uris[s.occ], data.occ_labels[s.occ], 0.0, data.lab_text[s.label_id])
            for s in ranking.scored
            if s.occ not in seen
        ]
        ordered = from_name[:NAMED_FIRST] + from_ranking + from_name[NAMED_FIRST:]
        candidates: list[Candidate] = []
        for candidate in ordered[:top]:  # confidences never rise down the list
            ceiling = candidates[-1].confidence if candidates else 1.0
            candidates.append(replace(candidate, confidence=min(candidate.confidence, ceiling)))
        status = MatchStatus.MATCH if named.answer else MatchStatus.AMBIGUOUS
        return MatchResult(text, tuple(candidates), not named.answer, status, None)

    def warm_up(self) -> None:
        """Make now what is otherwise made on the first query that needs it.

        The typo search's table and the everyday-words pattern are left for first use, so a
        one-shot `willai ask` of a plain title never pays for them; a process about to fork
        its shard processes makes them once, and the children share the pages.
        """
        self._data.warm_up()
        colloquial.pattern()

    def suggest(self, prefix: str, limit: int = 25) -> list[Suggestion]:
        """Autocomplete choices for a partly typed title; at most 25, as Discord allows."""
        text = prefix if isinstance(prefix, str) else ""
        limit = max(0, min(int(limit), 25))
        found = suggest(self._data, text[:MAX_QUERY_CHARS], limit)
        if found or len(text.strip()) < FALLBACK_MIN_CHARS:
            return found
        terms = query_terms(text[:MAX_QUERY_CHARS])
        ranking = rank(self._data, terms, max(limit, 1), whole_string=False)
        if not plausible(ranking):
            return []
        data = self._data
        return [
            Suggestion(data.occ_uris[s.occ], data.occ_labels[s.occ][:100])
            for s in ranking.scored[:limit]
        ]


def _read(query: str) -> tuple[str, QueryTerms]:
    """The title without a lead-in ("I'm a nurse": "nurse"), and its terms."""
    title = _LEAD_IN.sub("", query[: MAX_QUERY_CHARS * 2], count=1)
    return title, query_terms(title)


def _not_a_job(terms: QueryTerms) -> bool:
    """Words that name a situation or a person, not a job ("student", "my boss", "trophy wife").

    A title of such words alone, a phrase for having no job ("stay at home"), or a title
    headed by a person's place in a family or a story.
    """
    content = [t for t in terms.tokens if t not in terms.soft]
    return (
        (bool(content) and all(t in NOT_JOBS for t in content))
        or NOT_A_JOB_PHRASES.search(terms.typed) is not None
        or terms.head in LIFE_ROLES
    )


_PERSONAL = frozenset(["me", "my", "myself", "we", "our", "you", "your", "i'm"])
"""Pronouns no job title holds ("I" and "mine" are left out: "Engineer I", "mine surveyor")."""
_OPENING_PERSONAL = frozenset(["im"])
""""I'm" typed without its apostrophe, a pronoun only where a sentence starts: the German "im"
("in dem") is inside many titles ("Kaufmann im Einzelhandel")."""
_QUESTION_OPENERS = frozenset(
    ["will", "would", "should", "could", "is", "am", "are", "do", "does", "how", "what", "why"]
)
"""Words a question opens with and a job title never does ("can" is left out: "can maker")."""
_LEAD_IN = re.compile(
    r"^\s*(?:i\s*['\N{RIGHT SINGLE QUOTATION MARK}]?\s*m|i\s+am|i\s+work\s+as|my\s+job\s+is)"
    r"\s+(?:an?\s+)?",
    re.IGNORECASE,
)
"""How people start a title in a sentence ("I'm a nurse"): the job is what follows."""
_APOSTROPHES = str.maketrans({"\N{RIGHT SINGLE QUOTATION MARK}": "'"})


def _is_a_sentence(text: str) -> bool:
    """A question, or words about the person typing, rather than the name of a job."""
    if "?" in text:
        return True
    words = [w.strip(".,!:;\"'()") for w in text.casefold().translate(_APOSTROPHES).split()]
    return bool(words) and (
        words[0] in _QUESTION_OPENERS
        or words[0] in _OPENING_PERSONAL
        or any(w in _PERSONAL for w in words)
    )
