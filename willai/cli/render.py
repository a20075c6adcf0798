"""What the terminal shows: the report card and the follow-ups the Discord buttons give.

Everything here builds Rich renderables from domain results, so `willai ask` and the
interactive session print the same card, in the answer's language: the report comes said in it
(``Answer.words``), the occupation's name is ESCO's in it (``Answer.title``), and every fixed
word is said through the answer's voice. Text that came from a user or from ESCO is wrapped in
``Text`` objects, never parsed as Rich markup.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from rich.console import Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from scoring import FACTORS, OccupationScore, SkillRef
from scoring.messages import N_
from scoring.voice import Voice
from willai import texts
from willai.cli.answers import skill_name
from willai.service import Answer

#: Moves listed on the card under "Where your skills could take you".
MOVES_SHOWN = 3
#: The card's width: readable in an 80-column terminal with room to spare on wider ones.
CARD_WIDTH = 100
#: A heading run into the text after it ("Near term: …"), the language's way.
RUN_IN_HEADING = N_("{heading}:")
#: After "No occupation matches that title." when the matcher gives no hint of its own.
NO_MATCH_HINT = N_("Try a plainer job title.")


def _colour(score: OccupationScore) -> str:
    return f"#{score.band.colour:06x}"


def _section(heading: str, body: str) -> list[RenderableType]:
    return [Text(""), Text(heading, style="bold"), Text(body)]


def _bullets(lines: Iterable[str]) -> str:
    return "\n".join(f"• {line}" for line in lines)


def _panel(title: str, parts: Sequence[RenderableType], colour: str) -> Panel:
    return Panel(
        Group(*parts),
        title=Text(title, style="bold"),
        title_align="left",
        border_style=colour,
        expand=False,
        width=CARD_WIDTH,
    )


def fallback_note(voice: Voice, *shown: str) -> list[RenderableType]:
    """The line that explains "(EN)", when anything shown has an English label marked so."""
    if not texts.has_fallback(*shown):
        return []
    return [Text(""), Text(voice.say(texts.FALLBACK_NOTE), style="dim")]


def _heading_text(answer: Answer) -> str:
    """The occupation's name, and what was typed when that reads differently."""
    typed = answer.query.strip().casefold()
    if typed in {answer.score.label.casefold(), answer.title.casefold()}:
        return answer.title
    return answer.voice.say(
        "{name}  (you typed: {query})", name=answer.title, query=answer.query[:60]
    )


def render_card(answer: Answer) -> Panel:
    """The report card in the terminal: the same parts, in the same order, as in Discord."""
    score, report, voice = answer.score, answer.words, answer.voice
    colour = _colour(score)
    head = Text()
    head.append(f"{score.overall}/100 ", style=f"bold {colour}")
    head.append(texts.score_bar(score.overall), style=colour)
    head.append(f"\n{report.verdict}", style=f"italic {colour}")
    factors = Table(show_header=False, box=None, pad_edge=False)
    for name, info in FACTORS.items():  # Text: a plain string in a cell is read as markup
        factors.add_row(
            Text(voice.say(info.title)), Text(texts.decimal(score.factor(name), 2, voice))
        )
    parts: list[RenderableType] = [head, Text(""), factors]
    parts += _section(report.question, report.summary)
    changing = Text()
    for heading, body in report.sections():
        changing.append(f"\n{voice.say(RUN_IN_HEADING, heading=heading)} ", style="bold")
        changing.append(body)
    parts += [
        Text(""),
        Text(voice.say("How AI is changing this role"), style="bold", end=""),
        changing,
    ]
    parts += _section(voice.say("Key takeaways"), _bullets(report.takeaways))
    moves = _bullets(report.moves[:MOVES_SHOWN])
    if moves:
        parts += _section(voice.say("Where your skills could take you"), moves)
    body = [report.summary, *(text for _, text in report.sections()), *report.takeaways, moves]
    parts += fallback_note(voice, answer.title, *body)
    parts += [
        Text(""),
        Text(texts.footer(answer.data_version, score.model_version, voice), style="dim"),
    ]
    return _panel(_heading_text(answer), parts, colour)


def _skill_lines(voice: Voice, skills: Sequence[SkillRef]) -> str:
    lines = []
    for skill in skills:
        name, _ = skill_name(voice, skill.uri, skill.label)
        lines.append(name if skill.essential else voice.say("{skill} (optional)", skill=name))
    return _bullets(lines) or _bullets([voice.say("none stands out")])


def render_factors(answer: Answer, only: str | None = None) -> Panel:
    """The factor details: what each measures, its value and rank, and the skills behind it.

    ``only`` names one factor (a key of ``scoring.FACTORS``); all three by default.
    """
    score, voice = answer.score, answer.voice
    parts: list[RenderableType] = []
    shown: list[str] = []
    for name, info in FACTORS.items():
        if only is not None and name != only:
            continue
        drivers = _skill_lines(voice, score.factor_drivers.get(name, ()))
        shown.append(drivers)
        line = voice.say(
            "{factor}: {value}/100, higher than {rank} of jobs",
            factor=voice.say(info.title),
            value=round(score.factor(name)),
            rank=texts.percent(score.percentiles.get(name), voice),
        )
        parts += [
            Text(line, style="bold"),
            Text(voice.say(info.explanation)),
            Text(voice.say("Skills that drive it:"), style="italic"),
            Text(drivers),
            Text(""),
        ]
    parts = parts[:-1] + fallback_note(voice, *shown)
    title = voice.say("Why {score}/100: {name}", score=score.overall, name=answer.title)
    return _panel(title, parts, _colour(score))


def render_skills(answer: Answer) -> Panel:
    """Resilient skills first (what to lean into), then the most exposed ones."""
    score, voice = answer.score, answer.voice
    resilient = _skill_lines(voice, score.resilient_skills)
    exposed = _skill_lines(voice, score.exposed_skills)
    parts: list[RenderableType] = [
        Text(voice.say("Resilient: what today's AI is least able to do on its own"), style="bold"),
        Text(resilient),
        Text(""),
        Text(voice.say("Most exposed to automation"), style="bold"),
        Text(exposed),
        *fallback_note(voice, resilient, exposed),
    ]
    return _panel(voice.say("Skills: {name}", name=answer.title), parts, _colour(score))


def render_moves(answer: Answer) -> Panel:
    """Lower-risk moves with the gap and a shared skill, then skills worth growing."""
    score, voice = answer.score, answer.voice
    moves = _bullets(answer.words.moves) or _bullets([voice.say(texts.NO_MOVES)])
    grow = _skill_lines(voice, score.grow_skills)
    parts: list[RenderableType] = [
        Text(voice.say("Lower-risk occupations"), style="bold"),
        Text(moves),
        Text(""),
        Text(voice.say("Skills worth growing"), style="bold"),
        Text(grow),
        *fallback_note(voice, moves, grow),
    ]
    title = voice.say("Where your skills could take you: {name}", name=answer.title)
    return _panel(title, parts, _colour(score))


def render_method(voice: Voice) -> Panel:
    """How the score is made, as the Methodology button says it."""
    parts: list[RenderableType] = [Text(voice.say(texts.METHOD)), Text("")]
    for info in FACTORS.values():
        parts += [Text(voice.say(info.title), style="bold"), Text(voice.say(info.explanation))]
    return _panel(voice.say(texts.METHOD_TITLE), parts, "blue")


def render_compare(left: Answer, right: Answer) -> Panel:
    """Two occupations side by side, and which is more exposed by how much.

    In the language of ``left`` (the session's); the names stand alone, as column heads and
    after a colon, so no language has to agree an adjective with them.
    """
    voice = left.voice
    table = Table(box=None, pad_edge=False)
    table.add_column("")
    for answer in (left, right):
        table.add_column(answer.title, style=_colour(answer.score))
    table.add_row(voice.say("Score"), *(f"{a.score.overall}/100" for a in (left, right)))
    table.add_row(voice.say("Band"), *(voice.say(a.score.band.title) for a in (left, right)))
    for name, info in FACTORS.items():
        table.add_row(
            voice.say(info.title), *(f"{a.score.factor(name):.0f}" for a in (left, right))
        )
    gap = left.score.overall - right.score.overall
    if gap == 0:
        verdict = voice.say("Both score the same.")
    else:
        higher = left if gap > 0 else right
        verdict = voice.say(
            "Higher exposure: {name}, by {points} points.", name=higher.title, points=abs(gap)
        )
    return _panel(voice.say("Compare"), [table, Text(""), Text(verdict)], "blue")


def render_choices(
    voice: Voice, query: str, names: Sequence[str], *, numbered: bool = True
) -> Text:
    """A did-you-mean list of occupation names.

    Numbered for the session, which takes the number as the answer; bulleted for a one-off
    `willai ask`, which is asked again.
    """
    out = Text()
    out.append(
        voice.say('"{query}" could be several jobs. Did you mean:', query=query[:80]) + "\n",
        style="yellow",
    )
    for number, name in enumerate(names, 1):
        out.append(f"  {number}. {name}\n" if numbered else f"  • {name}\n")
    if numbered:
        out.append(voice.say("Type a number to pick one, or another title."))
    else:
        out.append(voice.say("Ask again with one of these."))
    return out


def render_no_match(voice: Voice, hint: str | None) -> Text:
    """No occupation fits: one line, with the matcher's hint when it has one."""
    line = Text(voice.say(texts.NO_MATCH), style="red")
    line.append(f" {voice.say(hint or NO_MATCH_HINT)}", style="default")
    return line
