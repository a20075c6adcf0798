"""The answer's words: a report card built from the numbers by written rules.

Each sentence is picked by a rule on the band and the three factors, and filled with the
occupation's own ESCO skills through ``scoring.phrases``. The rules are listed in
docs/methodology.md ("How the answer is worded"); the text-check suite runs them over every
occupation. No free text and no language model: what the card says, the numbers support.

The score is an exposure estimate, so the words are too: tasks are "exposed to automation" or
"likely to be automated first", never "will be taken over".

Every sentence is said through a :class:`scoring.voice.Voice`: the English text here is the
message id of the translation catalogues (``languages/``), and the rules stay the same in
every language. A rule decides on the numbers and on ESCO's English labels, so an answer
says the same thing in French as in English.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from scoring.bands import Band
from scoring.messages import N_
from scoring.phrases import indefinite_article, with_article
from scoring.results import OccupationScore, Report, SimilarOccupation, SkillRef
from scoring.voice import ENGLISH, Voice

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
NOTHING_EXPOSED = N_("No single task stands out as exposed to automation.")
#: Section headings of "How AI is changing this role", in reading order.
HEADINGS = (N_("Near term"), N_("Stays human"), N_("Long term"))
#: A sentence ends at a stop before a capital (or Spanish's opening marks), unless the word
#: before the stop is an abbreviation: German writes "z. B. Mikrometer".
_SENTENCE_END = re.compile(r"[.!?]\s+(?=[A-ZÀ-ÖØ-Þ¿¡])")
_ABBREVIATION = re.compile(
    r"(?:^|[\s(])(?:[^\W\d_]|bzw|ca|etc|usw|sog|ggf|vgl|inkl|evtl|Nr|Dr|St|Sr|Sra|Mme|approx|"
    r"e\.g|i\.e|p\.\s?ej|z\.\s?B|u\.\s?a|d\.\s?h)\.$"
)
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
    uri: str = ""


def facts_of(score: OccupationScore, label: str, description: str) -> ReportFacts:
    """The facts of a stored score, to say it again in another language."""
    return ReportFacts(
        label=label,
        description=description,
        overall=score.overall,
        band=score.band,
        task_automation=score.task_automation,
        ai_complementarity=score.ai_complementarity,
        skill_vulnerability=score.skill_vulnerability,
        manual_share=score.manual_share,
        exposed=score.exposed_skills,
        resilient=score.resilient_skills,
        grow=score.grow_skills,
        moves=score.similar_safer,
        uri=score.uri,
    )


def phrase(ref: SkillRef, voice: Voice = ENGLISH) -> str:
    """A skill as it reads inside a sentence: "processing data", "human anatomy"."""
    return voice.skill(ref)


def _phrases(refs: Sequence[SkillRef], n: int, voice: Voice) -> str:
    return voice.join([voice.skill(r) for r in voice.listable(refs)[:n]])


def _fix_article(match: re.Match[str]) -> str:
    return f"{indefinite_article(match.group(2))} {match.group(2)}"


def _sentences(text: str) -> list[str]:
    """``text`` cut into sentences, never after an abbreviation."""
    out, start = [], 0
    for end in _SENTENCE_END.finditer(text):
        if _ABBREVIATION.search(text[start : end.start() + 1]):
            continue
        out.append(text[start : end.start() + 1])
        start = end.end()
    out.append(text[start:])
    return out


def summary(description: str, voice: Voice = ENGLISH) -> str:
    """ESCO's description cut to one or two whole sentences (SUMMARY_CHARS at most).

    ESCO's few English article slips ("a educational counsellor") are put right on the way.
    """
    text = " ".join(description.split())
    if voice.language == "en":
        text = _ARTICLE.sub(_fix_article, text)
    if not text:
        return voice.say("ESCO gives no description of this occupation.")
    parts = _sentences(text)
    out = parts[0]
    if len(parts) > 1 and len(out) + 1 + len(parts[1]) <= SUMMARY_CHARS:
        out = f"{out} {parts[1]}"
    if len(out) > SUMMARY_CHARS:
        return clip(out, SUMMARY_CHARS)
    return voice.sentence(out)


def verdict(f: ReportFacts, voice: Voice = ENGLISH) -> str:
    """The one-line verdict: the band's headline and the score."""
    return voice.sentence(
        voice.say("{headline} ({score}/100)", headline=voice.say(f.band.headline), score=f.overall)
    )


def near_term(f: ReportFacts, voice: Voice = ENGLISH) -> str:
    """What gets automated first, and how much of the work follows fixed rules."""
    t = round(f.task_automation)
    if f.task_automation >= ROUTINE_FROM and f.manual_share >= MANUAL_FROM:
        intro = voice.say(
            "Much of the work follows set procedures (task automation {value}/100), but it is "
            "hands-on work that software cannot do by itself.",
            value=t,
        )
    elif f.task_automation >= ROUTINE_FROM and f.band is Band.LOW:
        intro = voice.say(
            "Much of the work follows set procedures (task automation {value}/100), but little "
            "of it is work today's AI can do on its own.",
            value=t,
        )
    elif f.task_automation >= ROUTINE_FROM:
        intro = voice.say(
            "Much of the work follows fixed rules (task automation {value}/100), which makes it "
            "exposed to automation.",
            value=t,
        )
    else:
        intro = voice.say(
            "Only part of the work follows fixed rules (task automation {value}/100).", value=t
        )
    if not f.exposed:
        return f"{intro} {voice.say(NOTHING_EXPOSED)}"
    tasks = _phrases(f.exposed, SECTION_SKILLS, voice)
    first = voice.say("The tasks likely to be automated first are {skills}.", skills=tasks)
    return f"{intro} {voice.sentence(first)}"


def responsible_skill(refs: Sequence[SkillRef]) -> SkillRef | None:
    """The first skill whose label carries responsibility for people, safety or the law."""
    return next((r for r in refs if not r.knowledge and RESPONSIBILITY.search(r.label)), None)


def stays_human(f: ReportFacts, voice: Voice = ENGLISH) -> str:
    """The work AI is least able to do, and why, only as far as the numbers say."""
    skills = [r for r in f.resilient if not r.knowledge]
    knowledge = [r for r in f.resilient if r.knowledge]
    out = []
    if skills:
        listed = _phrases(skills, SECTION_SKILLS, voice)
        out.append(
            voice.sentence(voice.say("The work that needs a person is {skills}.", skills=listed))
        )
    if knowledge:
        listed = _phrases(knowledge, SECTION_KNOWLEDGE, voice)
        out.append(voice.sentence(voice.say("It draws on {knowledge}.", knowledge=listed)))
    accountable = responsible_skill(skills[:SECTION_SKILLS])
    if accountable is not None:
        out.append(
            voice.sentence(
                voice.say(
                    "AI cannot take responsibility for {skill}.", skill=voice.skill(accountable)
                )
            )
        )
    c = round(f.ai_complementarity)
    if f.ai_complementarity >= AUGMENTED_FROM:
        out.append(
            voice.say(
                "AI is more likely to assist with this work than to do it "
                "(AI complementarity {value}/100).",
                value=c,
            )
        )
    elif f.ai_complementarity < UNAIDED_BELOW:
        out.append(
            voice.say(
                "AI complements little of this work (AI complementarity {value}/100).", value=c
            )
        )
    return " ".join(out) or voice.say("ESCO lists no clearly resilient skill for this job.")


def long_term(f: ReportFacts, voice: Voice = ENGLISH) -> str:
    """Where the role moves: skills AI augments, worded by the band."""
    if f.grow:
        grow = _phrases(f.grow, SECTION_SKILLS, voice)
        if f.band is Band.LOW:
            return voice.sentence(
                voice.say(
                    "The job itself is likely to change little. "
                    "The skills that gain value beside it are {skills}.",
                    skills=grow,
                )
            )
        if f.band is Band.VERY_HIGH:
            return voice.sentence(
                voice.say(
                    "The safest direction is towards {skills}, where AI assists the person "
                    "instead of replacing them.",
                    skills=grow,
                )
            )
        return voice.sentence(
            voice.say(
                "The role is likely to move towards {skills}, where AI assists the person "
                "instead of replacing them.",
                skills=grow,
            )
        )
    if f.moves:
        move = f.moves[0]
        return voice.sentence(
            voice.say(
                "The nearest lower-risk move is {occupation}.",
                occupation=voice.occupation(move.uri, move.label),
            )
        )
    return voice.say(
        "ESCO's data shows no clear direction for this role beyond its current skills."
    )


def why(f: ReportFacts, voice: Voice = ENGLISH) -> str:
    """The first takeaway: why the score is what it is, from the factors."""
    if f.band is Band.VERY_HIGH:
        return voice.say(
            "Most of the essential work is information work that AI can already do or speed up."
        )
    if f.task_automation >= ROUTINE_FROM and f.manual_share >= MANUAL_FROM:
        return voice.say(
            "The routine in this job is mostly hands-on, which software cannot do by itself."
        )
    if f.task_automation >= ROUTINE_FROM and f.band is Band.LOW:
        return voice.say(
            "Much of the work follows set procedures, but little of it is work AI can do alone."
        )
    if f.task_automation >= ROUTINE_FROM and f.ai_complementarity >= AUGMENTED_FROM:
        return voice.say(
            "Much of the work is routine, but AI mostly assists with the rest, so the job is "
            "more likely to change than to disappear."
        )
    if f.ai_complementarity >= AUGMENTED_FROM:
        return voice.say(
            "Most of the work needs judgement, people or hands-on context, so AI is likelier "
            "to assist than to replace."
        )
    if f.task_automation >= ROUTINE_FROM:
        return voice.say("Much of the work is routine information work, the kind AI is best at.")
    return voice.say("Only part of the work is routine, and AI assists with a limited share of it.")


def _fitted(lead: str, refs: Sequence[SkillRef], voice: Voice) -> str | None:
    """``lead`` and as many skills as fit in TAKEAWAY_CHARS (at least one), or None."""
    refs = voice.listable(refs)
    for n in range(min(TAKEAWAY_SKILLS, len(refs)), 0, -1):
        text = voice.sentence(voice.say(lead, skills=_phrases(refs, n, voice)))
        if len(text) <= TAKEAWAY_CHARS:
            return text
    if not refs:
        return None
    return clip(voice.sentence(voice.say(lead, skills=voice.skill(refs[0]))), TAKEAWAY_CHARS)


def clip(text: str, limit: int) -> str:
    """Cut at a word boundary with an ellipsis: ESCO labels can be very long."""
    if len(text) <= limit:
        return text
    return text[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:") + "…"


def takeaways(f: ReportFacts, voice: Voice = ENGLISH) -> tuple[str, ...]:
    """Three or four short lines, each at most TAKEAWAY_CHARS: the answer at a glance."""
    out = [why(f, voice)]
    if not f.exposed:
        out.append(voice.say(NOTHING_EXPOSED))
    for lead, refs in (
        (N_("Most exposed to automation: {skills}."), f.exposed),
        (N_("Hardest to automate: {skills}."), f.resilient),
        (N_("Worth growing: {skills}."), f.grow),
    ):
        line = _fitted(lead, refs, voice)
        if line is not None:
            out.append(line)
    if len(out) < 4 and f.moves:
        move = f.moves[0]
        out.append(
            clip(
                voice.sentence(
                    voice.say(
                        "A lower-risk move: {occupation} ({score}/100).",
                        occupation=voice.occupation(move.uri, move.label),
                        score=move.overall,
                    )
                ),
                TAKEAWAY_CHARS,
            )
        )
    return tuple(out[:4])


def move_line(move: SimilarOccupation, overall: int, voice: Voice = ENGLISH) -> str:
    """One move: its score, the gap, and the skill that bridges the two jobs."""
    name = voice.occupation(move.uri, move.label)
    gap = overall - move.overall
    bridge = voice.skill(move.bridge) if move.bridge is not None else move.shared_example
    if bridge:
        line = voice.say(
            "{occupation}: {score}/100, {gap} points lower; both involve {skill}.",
            occupation=name,
            score=move.overall,
            gap=gap,
            skill=bridge,
        )
    else:
        line = voice.say(
            "{occupation}: {score}/100, {gap} points lower.",
            occupation=name,
            score=move.overall,
            gap=gap,
        )
    return voice.sentence(line)


def question(label: str, uri: str = "", voice: Voice = ENGLISH) -> str:
    """The heading over ESCO's description: "What does a medical records manager do?".

    ``{a_job}`` is the English name behind its article; other languages head with the name
    alone (``{job}``) and need no article or agreement with it.
    """
    plain = " ".join(label.split())
    return voice.say(
        "What does {a_job} do?", a_job=with_article(plain), job=voice.occupation(uri, plain)
    )


def build_report(f: ReportFacts, voice: Voice = ENGLISH) -> Report:
    """The whole report card for one occupation, in ``voice``'s language."""
    return Report(
        verdict=verdict(f, voice),
        question=question(f.label, f.uri, voice),
        summary=summary(f.description, voice),
        near_term=near_term(f, voice),
        stays_human=stays_human(f, voice),
        long_term=long_term(f, voice),
        takeaways=takeaways(f, voice),
        moves=tuple(move_line(m, f.overall, voice) for m in f.moves),
        headings=tuple(voice.say(h) for h in HEADINGS),
        language=voice.language,
    )
