"""The answer's words: a report card built from the numbers by written rules.

Each sentence is picked by a rule on the band and the three factors, and filled with the
occupation's own ESCO skills through ``scoring.phrases``. The rules are listed in
docs/methodology.md ("How the answer is worded"); the text-check suite runs them over every
occupation. No free text and no language model: what the card says, the numbers support.

The score is an exposure estimate, so the words are too: tasks are "exposed to automation" or
"likely to be automated first", never "will be taken over".
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from scoring.bands import Band
from scoring.phrases import (
    indefinite_article,
    join_words,
    sentence,
    skill_phrase,
    title_case,
    with_article,
)
from scoring.results import Report, SimilarOccupation, SkillRef

#: At or above this task automation, much of the work "follows fixed rules".
ROUTINE_FROM = 60.0
#: At or above this AI complementarity, AI is "more likely to assist than to do" the work.
AUGMENTED_FROM = 55.0
#: Below this AI complementarity, AI "complements little" of the work.
UNAIDED_BELOW = 40.0
#: At or above this share of hands-on essential tasks, the routine is manual, not paperwork.
MANUAL_FROM = 0.5
#: Skills named in one sentence of a section, and in one takeaway.
SECTION_SKILLS = 3
TAKEAWAY_SKILLS = 2
#: Knowledge items named beside the human skills.
SECTION_KNOWLEDGE = 2
#: A takeaway must read in one glance on a phone.
TAKEAWAY_CHARS = 200
#: ESCO's description, cut to what fits under "What does ... do?".
SUMMARY_CHARS = 320
#: Skills whose label says the worker answers for people, safety or the law. Only these earn
#: "AI cannot take responsibility for ...": "use word processing software" carries none.
RESPONSIBILITY = re.compile(
    r"\b(supervis\w*|manag\w* (?:\w+ )?(?:staff|employees|personnel|teams?)|lead\w* (?:a )?teams?"
    r"|delegat\w*|patients?|nursing care|care for|provide care|treat\w*|diagnos\w*|prescrib\w*"
    r"|first (?:aid|response)|life[- ]preserving|safeguard\w*|emergenc\w*|rescue\w*"
    r"|detain\w*|use-of-force|law enforcement|court\w*|legal|accountab\w*|responsib\w*"
    r"|ethic\w*|safety of|public safety|protect\w* (?:the )?(?:public|people|children|patients)"
    r"|welfare|child protection)\b",
    re.IGNORECASE,
)
#: Said when every essential task leans towards the human side.
NOTHING_EXPOSED = "No single task stands out as exposed to automation."
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")
_ARTICLE = re.compile(r"\b(an?) ([a-z][\w'-]*)")


@dataclass(frozen=True, slots=True)
class ReportFacts:
    """Everything the report is built from: the numbers and the skill lists beside them."""

    label: str
    description: str
    overall: int
    band: Band
    task_automation: float
    ai_complementarity: float
    skill_vulnerability: float
    #: Share of the essential tasks (by weight) that are hands-on, physical work.
    manual_share: float
    exposed: tuple[SkillRef, ...]
    resilient: tuple[SkillRef, ...]
    grow: tuple[SkillRef, ...]
    moves: tuple[SimilarOccupation, ...]


def phrase(ref: SkillRef) -> str:
    """A skill as it reads inside a sentence: "processing data", "human anatomy"."""
    return skill_phrase(ref.label, knowledge=ref.knowledge)


def _phrases(refs: Sequence[SkillRef], n: int) -> str:
    return join_words([phrase(r) for r in refs[:n]])


def _fix_article(match: re.Match[str]) -> str:
    return f"{indefinite_article(match.group(2))} {match.group(2)}"


def summary(description: str) -> str:
    """ESCO's description cut to one or two whole sentences (SUMMARY_CHARS at most).

    ESCO's few article slips ("a educational counsellor") are put right on the way.
    """
    text = _ARTICLE.sub(_fix_article, " ".join(description.split()))
    if not text:
        return "ESCO gives no description of this occupation."
    parts = _SENTENCE_END.split(text)
    out = parts[0]
    if len(parts) > 1 and len(out) + 1 + len(parts[1]) <= SUMMARY_CHARS:
        out = f"{out} {parts[1]}"
    if len(out) > SUMMARY_CHARS:
        return clip(out, SUMMARY_CHARS)
    return sentence(out)


def verdict(f: ReportFacts) -> str:
    """The one-line verdict: the band's headline and the score."""
    return sentence(f"{f.band.headline} ({f.overall}/100)")


def near_term(f: ReportFacts) -> str:
    """What gets automated first, and how much of the work follows fixed rules."""
    t = round(f.task_automation)
    if f.task_automation >= ROUTINE_FROM and f.manual_share >= MANUAL_FROM:
        intro = (
            f"Much of the work follows set procedures (task automation {t}/100), but it is "
            "hands-on work that software cannot do by itself."
        )
    elif f.task_automation >= ROUTINE_FROM and f.band is Band.LOW:
        intro = (
            f"Much of the work follows set procedures (task automation {t}/100), but little "
            "of it is work today's AI can do on its own."
        )
    elif f.task_automation >= ROUTINE_FROM:
        intro = (
            f"Much of the work follows fixed rules (task automation {t}/100), which makes it "
            "exposed to automation."
        )
    else:
        intro = f"Only part of the work follows fixed rules (task automation {t}/100)."
    if not f.exposed:
        return f"{intro} {NOTHING_EXPOSED}"
    tasks = _phrases(f.exposed, SECTION_SKILLS)
    return f"{intro} {sentence(f'The tasks likely to be automated first are {tasks}')}"


def responsible_skill(refs: Sequence[SkillRef]) -> SkillRef | None:
    """The first skill whose label carries responsibility for people, safety or the law."""
    return next((r for r in refs if not r.knowledge and RESPONSIBILITY.search(r.label)), None)


def stays_human(f: ReportFacts) -> str:
    """The work AI is least able to do, and why, only as far as the numbers say."""
    skills = [r for r in f.resilient if not r.knowledge]
    knowledge = [r for r in f.resilient if r.knowledge]
    out = []
    if skills:
        out.append(sentence(f"The work that needs a person is {_phrases(skills, SECTION_SKILLS)}"))
    if knowledge:
        out.append(sentence(f"It draws on {_phrases(knowledge, SECTION_KNOWLEDGE)}"))
    accountable = responsible_skill(skills[:SECTION_SKILLS])
    if accountable is not None:
        out.append(sentence(f"AI cannot take responsibility for {phrase(accountable)}"))
    c = round(f.ai_complementarity)
    if f.ai_complementarity >= AUGMENTED_FROM:
        out.append(
            "AI is more likely to assist with this work than to do it "
            f"(AI complementarity {c}/100)."
        )
    elif f.ai_complementarity < UNAIDED_BELOW:
        out.append(f"AI complements little of this work (AI complementarity {c}/100).")
    return " ".join(out) or "ESCO lists no clearly resilient skill for this job."


def long_term(f: ReportFacts) -> str:
    """Where the role moves: skills AI augments, worded by the band."""
    if f.grow:
        grow = _phrases(f.grow, SECTION_SKILLS)
        if f.band is Band.LOW:
            return "The job itself is likely to change little. " + sentence(
                f"The skills that gain value beside it are {grow}"
            )
        if f.band is Band.VERY_HIGH:
            return sentence(
                f"The safest direction is towards {grow}, where AI assists the person "
                "instead of replacing them"
            )
        return sentence(
            f"In the long term, the role is likely to move towards {grow}, where AI assists "
            "the person instead of replacing them"
        )
    if f.moves:
        return sentence(f"The nearest lower-risk move is {title_case(f.moves[0].label)}")
    return "ESCO's data shows no clear direction for this role beyond its current skills."


def why(f: ReportFacts) -> str:
    """The first takeaway: why the score is what it is, from the factors."""
    if f.band is Band.VERY_HIGH:
        return "Most of the essential work is information work that AI can already do or speed up."
    if f.task_automation >= ROUTINE_FROM and f.manual_share >= MANUAL_FROM:
        return "The routine in this job is mostly hands-on, which software cannot do by itself."
    if f.task_automation >= ROUTINE_FROM and f.band is Band.LOW:
        return "Much of the work follows set procedures, but little of it is work AI can do alone."
    if f.task_automation >= ROUTINE_FROM and f.ai_complementarity >= AUGMENTED_FROM:
        return (
            "Much of the work is routine, but AI mostly assists with the rest, so the job is "
            "more likely to change than to disappear."
        )
    if f.ai_complementarity >= AUGMENTED_FROM:
        return (
            "Most of the work needs judgement, people or hands-on context, so AI is likelier "
            "to assist than to replace."
        )
    if f.task_automation >= ROUTINE_FROM:
        return "Much of the work is routine information work, the kind AI is best at."
    return "Only part of the work is routine, and AI assists with a limited share of it."


def _fitted(lead: str, refs: Sequence[SkillRef]) -> str | None:
    """``lead`` and as many skills as fit in TAKEAWAY_CHARS (at least one), or None."""
    for n in range(min(TAKEAWAY_SKILLS, len(refs)), 0, -1):
        text = sentence(f"{lead} {_phrases(refs, n)}")
        if len(text) <= TAKEAWAY_CHARS:
            return text
    if not refs:
        return None
    return clip(sentence(f"{lead} {phrase(refs[0])}"), TAKEAWAY_CHARS)


def clip(text: str, limit: int) -> str:
    """Cut at a word boundary with an ellipsis: ESCO labels can be very long."""
    if len(text) <= limit:
        return text
    return text[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:") + "…"


def takeaways(f: ReportFacts) -> tuple[str, ...]:
    """Three or four short lines, each at most TAKEAWAY_CHARS: the answer at a glance."""
    out = [why(f)]
    if not f.exposed:
        out.append(NOTHING_EXPOSED)
    for lead, refs in (
        ("Most exposed to automation:", f.exposed),
        ("Hardest to automate:", f.resilient),
        ("Worth growing:", f.grow),
    ):
        line = _fitted(lead, refs)
        if line is not None:
            out.append(line)
    if len(out) < 4 and f.moves:
        move = f.moves[0]
        out.append(
            clip(
                sentence(f"A lower-risk move: {title_case(move.label)} ({move.overall}/100)"),
                TAKEAWAY_CHARS,
            )
        )
    return tuple(out[:4])


def move_line(move: SimilarOccupation, overall: int) -> str:
    """One move: its score, the gap, and the skill that bridges the two jobs."""
    line = f"{title_case(move.label)}: {move.overall}/100, {overall - move.overall} points lower"
    if move.shared_example:
        line += f"; both involve {move.shared_example}"
    return sentence(line)


def build_report(f: ReportFacts) -> Report:
    """The whole report card for one occupation."""
    return Report(
        verdict=verdict(f),
        question=f"What does {with_article(' '.join(f.label.split()))} do?",
        summary=summary(f.description),
        near_term=near_term(f),
        stays_human=stays_human(f),
        long_term=long_term(f),
        takeaways=takeaways(f),
        moves=tuple(move_line(m, f.overall) for m in f.moves),
    )
