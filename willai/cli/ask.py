"""`willai ask "TITLE"`: the product's answer, in the terminal."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

import typer
from rich.console import Console
from rich.text import Text

from willai.cli.core import LoggedCommand
from willai.texts import NO_MATCH

if TYPE_CHECKING:
    from willai.service import Answer, Unresolved


def _err() -> Console:
    """Standard error as the command runs (made per call, so it follows the streams in use)."""
    return Console(stderr=True, highlight=False)


def ask(
    title: str = typer.Argument(..., help="A job title, as you would say it."),
    json_out: bool = typer.Option(False, "--json", help="Machine-readable output."),
    card: Path | None = typer.Option(  # noqa: B008 - typer's idiom
        None, "--card", help="Also write the score card picture (PNG) to this file."
    ),
) -> None:
    """Will AI replace this job? Match the title and show its AI-exposure score."""
    if not title.strip():
        _err().print('[red]error:[/red] give a job title, e.g. willai ask "nurse"')
        raise typer.Exit(2)
    from willai.cli.render import render_card
    from willai.runtime import ensure_release, open_store
    from willai.service import AnswerService, Unresolved
    from willai.settings import get_settings

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
        Console(highlight=False).print(render_card(answer))
    if card is not None:
        _write_picture(answer, card)


def _write_picture(answer: Answer, target: Path) -> None:
    """Save the shareable score card; a path that cannot be written is one clear line."""
    from willai.card import render_card as render_picture

    err = _err()
    try:
        target.write_bytes(render_picture(answer.score, answer.data_version))
    except OSError as exc:
        err.print(f"[red]error:[/red] cannot write {target}: {exc.strerror}")
        raise typer.Exit(1) from None
    err.print(f"score card written to {target}")


def _unresolved(answer: Unresolved, json_out: bool) -> None:
    """Did-you-mean or no-match: on stderr for a person, as a JSON document for a program."""
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
    err = _err()
    if answer.ambiguous:
        line = Text()
        line.append(f'"{answer.query[:80]}" could be several jobs.', style="yellow")
        line.append(" Did you mean:")
        err.print(line)
        for candidate in candidates:
            err.print(Text(f"  • {candidate['label']}"))
        err.print("Ask again with one of these.")
    else:
        line = Text(NO_MATCH, style="red")
        line.append(f" {answer.match.hint or 'Try a plainer job title.'}", style="default")
        err.print(line)


def register(app: typer.Typer) -> None:
    """Add `ask` to the main app."""
    app.command("ask", cls=LoggedCommand)(ask)
