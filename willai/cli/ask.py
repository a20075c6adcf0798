"""`willai ask "TITLE"`: the product's answer, in the terminal."""

from __future__ import annotations

import json
from pathlib import Path

import typer
from rich.console import Console, Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from scoring import FACTORS
from willai.card import render_card as render_picture
from willai.runtime import ensure_release, open_store
from willai.service import Answer, AnswerService, Unresolved
from willai.settings import get_settings
from willai.texts import footer, score_bar

#: Moves listed under "Where your skills could take you".
MOVES_SHOWN = 3

out = Console(highlight=False)
err = Console(stderr=True, highlight=False)


def ask(
    title: str = typer.Argument(..., help="A job title, as you would say it."),
    json_out: bool = typer.Option(False, "--json", help="Machine-readable output."),
    card: Path | None = typer.Option(  # noqa: B008 - typer's idiom
        None, "--card", help="Also write the score card picture (PNG) to this file."
    ),
) -> None:
    """Will AI replace this job? Match the title and show its AI-exposure score."""
    if not title.strip():
        err.print('[red]error:[/red] give a job title, e.g. willai ask "nurse"')
        raise typer.Exit(2)
    settings = get_settings()
    store = open_store(settings)
    ensure_release(store, settings)
    answer = AnswerService.load(store, preload_scores=False).ask(title)
    if isinstance(answer, Unresolved):
        _unresolved(answer, json_out)
        raise typer.Exit(1)
    if json_out:
        typer.echo(json.dumps(answer.to_dict(), indent=2, ensure_ascii=False))
    else:
        out.print(render_card(answer))
    if card is not None:
        _write_picture(answer, card)


def _write_picture(answer: Answer, target: Path) -> None:
    """Save the shareable score card; a path that cannot be written is one clear line."""
    try:
        target.write_bytes(render_picture(answer.score, answer.data_version))
    except OSError as exc:
        err.print(f"[red]error:[/red] cannot write {target}: {exc.strerror}")
        raise typer.Exit(1) from None
    err.print(f"score card written to {target}")


def _unresolved(answer: Unresolved, json_out: bool) -> None:
    candidates = [
        {"uri": c.uri, "label": c.label, "confidence": round(c.confidence, 3)}
        for c in answer.match.candidates[:5]
    ]
    if json_out:
        typer.echo(
            json.dumps(
                {
                    "query": answer.query,
                    "abstain": True,
                    "status": str(answer.match.status),
                    "did_you_mean": candidates if answer.ambiguous else [],
                    "hint": answer.match.hint,
                },
                indent=2,
                ensure_ascii=False,
            )
        )
        return
    if answer.ambiguous:
        err.print(
            f'[yellow]"{Text(answer.query[:80]).plain}" could be several jobs.[/yellow] '
            "Did you mean:"
        )
        for candidate in candidates:
            err.print(f"  • {candidate['label']}")
        err.print("Ask again with one of these.")
    else:
        err.print(f"[red]No occupation matches that title.[/red] {answer.match.hint or ''}")


def _section(heading: str, body: str) -> list[Text]:
    return [Text(""), Text(heading, style="bold"), Text(body)]


def render_card(answer: Answer) -> Panel:
    """The report card in the terminal: the same parts, in the same order, as in Discord."""
    score = answer.score
    report = score.report
    colour = f"#{score.band.colour:06x}"
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
    return Panel(
        Group(*parts),
        title=Text(title, style="bold"),
        title_align="left",
        border_style=colour,
        expand=False,
        width=100,
    )


def register(app: typer.Typer) -> None:
    """Add `ask` to the main app."""
    app.command("ask")(ask)
