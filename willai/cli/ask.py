"""`willai ask "TITLE"`: the product's answer, in the terminal."""

from __future__ import annotations

import json

import typer
from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from willai.runtime import ensure_release, open_store
from willai.service import Answer, AnswerService, Unresolved
from willai.settings import get_settings
from willai.texts import footer, score_bar

out = Console(highlight=False)
err = Console(stderr=True, highlight=False)


def ask(
    title: str = typer.Argument(..., help="A job title, as you would say it."),
    json_out: bool = typer.Option(False, "--json", help="Machine-readable output."),
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


def render_card(answer: Answer) -> Panel:
    """A terminal card with what the Discord embed shows."""
    score = answer.score
    colour = f"#{score.band.colour:06x}"
    head = Text()
    head.append(f"{score.overall}/100 ", style=f"bold {colour}")
    head.append(score_bar(score.overall), style=colour)
    head.append(f"\n{score.band.headline}", style=f"italic {colour}")
    factors = Table(show_header=False, box=None, pad_edge=False)
    factors.add_row("Skill vulnerability", f"{score.skill_vulnerability:.2f}")
    factors.add_row("Task automation", f"{score.task_automation:.2f}")
    factors.add_row("AI complementarity", f"{score.ai_complementarity:.2f}")
    takeaways = Text("\n".join(f"• {line}" for line in score.takeaways))
    safer = ", ".join(f"{s.label} ({s.overall})" for s in score.similar_safer[:3])
    parts = [head, Text(""), factors, Text(""), Text("Key takeaways", style="bold"), takeaways]
    if safer:
        parts += [Text(""), Text("Where your skills could take you", style="bold"), Text(safer)]
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
