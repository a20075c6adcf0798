"""What the terminal shows: the report card and the follow-ups the Discord buttons give.

Everything here builds Rich renderables from domain results, so `willai ask` and the
interactive session print the same card. Text that came from a user or from ESCO is wrapped in
``Text`` objects, never parsed as Rich markup.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from matching import Candidate
from scoring import FACTORS, OccupationScore, SkillRef
from scoring.phrases import title_case
from willai.service import Answer
from willai.texts import METHOD, METHOD_TITLE, NO_MOVES, footer, score_bar

#: Moves listed on the card under "Where your skills could take you".
MOVES_SHOWN = 3
#: The card's width: readable in an 80-column terminal with room to spare on wider ones.
CARD_WIDTH = 100


def _colour(score: OccupationScore) -> str:
    return f"#{score.band.colour:06x}"


def _section(heading: str, body: str) -> list[RenderableType]:
    return [Text(""), Text(heading, style="bold"), Text(body)]


def _panel(title: str, parts: Sequence[RenderableType], colour: str) -> Panel:
    return Panel(
        Group(*parts),
        title=Text(title, style="bold"),
        title_align="left",
        border_style=colour,
        expand=False,
        width=CARD_WIDTH,
    )


def render_card(answer: Answer) -> Panel:
    """The report card in the terminal: the same parts, in the same order, as in Discord."""
    score = answer.score
    report = score.report
    colour = _colour(score)
    head = Text()
    head.append(f"{score.overall}/100 ", style=f"bold {colour}")
    head.append(score_bar(score.overall), style=colour)
    head.append(f"\n{report.verdict}", style=f"italic {colour}")
    factors = Table(show_header=False, box=None, pad_edge=False)
    for name, info in FACTORS.items():
        factors.add_row(info.title, f"{score.factor(name):.2f}")
    parts: list[RenderableType] = [head, Text(""), factors]
    parts += _section(report.question, report.summary)
    changing = Text()
    for heading, body in report.sections():
        changing.append(f"\n{heading}: ", style="bold")
        changing.append(body)
    parts += [Text(""), Text("How AI is changing this role", style="bold", end=""), changing]
    parts += _section("Key takeaways", "\n".join(f"• {line}" for line in report.takeaways))
    if report.moves:
        moves = "\n".join(f"• {line}" for line in report.moves[:MOVES_SHOWN])
        parts += _section("Where your skills could take you", moves)
    parts += [Text(""), Text(footer(answer.data_version, score.model_version), style="dim")]
    title = score.label
    if answer.query.strip().casefold() != score.label.casefold():
        title += f"  (you typed: {answer.query[:60]})"
    return _panel(title, parts, colour)


def _skill_lines(skills: Sequence[SkillRef]) -> str:
    return (
        "\n".join(f"• {s.label}{'' if s.essential else ' (optional)'}" for s in skills)
        or "• none stands out"
    )


def render_factors(score: OccupationScore, only: str | None = None) -> Panel:
    """The factor details: what each measures, its value and rank, and the skills behind it.

    ``only`` names one factor (a key of ``scoring.FACTORS``); all three by default.
    """
    parts: list[RenderableType] = []
    for name, info in FACTORS.items():
        if only is not None and name != only:
            continue
        value = round(score.factor(name))
        rank = round(score.percentiles.get(name))
        parts += [
            Text(f"{info.title}: {value}/100, higher than {rank}% of jobs", style="bold"),
            Text(info.explanation),
            Text("Skills that drive it:", style="italic"),
            Text(_skill_lines(score.factor_drivers.get(name, ()))),
            Text(""),
        ]
    return _panel(f"Why {score.overall}/100: {title_case(score.label)}", parts[:-1], _colour(score))


def render_skills(score: OccupationScore) -> Panel:
    """Resilient skills first (what to lean into), then the most exposed ones."""
    parts: list[RenderableType] = [
        Text("Resilient: what today's AI is least able to do on its own", style="bold"),
        Text(_skill_lines(score.resilient_skills)),
        Text(""),
        Text("Most exposed to automation", style="bold"),
        Text(_skill_lines(score.exposed_skills)),
    ]
    return _panel(f"Skills: {title_case(score.label)}", parts, _colour(score))


def render_moves(score: OccupationScore) -> Panel:
    """Lower-risk moves with the gap and a shared skill, then skills worth growing."""
    moves = "\n".join(f"• {line}" for line in score.report.moves) or f"• {NO_MOVES}"
    parts: list[RenderableType] = [
        Text("Lower-risk occupations", style="bold"),
        Text(moves),
        Text(""),
        Text("Skills worth growing", style="bold"),
        Text(_skill_lines(score.grow_skills)),
    ]
    return _panel(
        f"Where your skills could take you: {title_case(score.label)}", parts, _colour(score)
    )


def render_method() -> Panel:
    """How the score is made, as the Methodology button says it."""
    parts: list[RenderableType] = [Text(METHOD), Text("")]
    for info in FACTORS.values():
        parts += [Text(info.title, style="bold"), Text(info.explanation)]
    return _panel(METHOD_TITLE, parts, "blue")


def render_compare(left: Answer, right: Answer) -> Panel:
    """Two occupations side by side, and which is more exposed by how much."""
    table = Table(box=None, pad_edge=False)
    table.add_column("")
    for answer in (left, right):
        table.add_column(title_case(answer.score.label), style=_colour(answer.score))
    table.add_row("Score", *(f"{a.score.overall}/100" for a in (left, right)))
    table.add_row("Band", *(a.score.band.label for a in (left, right)))
    for name, info in FACTORS.items():
        table.add_row(info.title, *(f"{a.score.factor(name):.0f}" for a in (left, right)))
    gap = left.score.overall - right.score.overall
    if gap == 0:
        verdict = "Both score the same."
    else:
        higher = left.score if gap > 0 else right.score
        verdict = f"{title_case(higher.label)} is more exposed, by {abs(gap)} points."
    return _panel("Compare", [table, Text(""), Text(verdict)], "blue")


def render_choices(query: str, candidates: Sequence[Candidate]) -> Text:
    """A numbered did-you-mean list: the user answers with the number."""
    out = Text()
    out.append(f'"{query[:80]}" could be several jobs. Did you mean:\n', style="yellow")
    for number, candidate in enumerate(candidates, 1):
        out.append(f"  {number}. {candidate.label}\n")
    out.append("Type a number to pick one, or another title.")
    return out
