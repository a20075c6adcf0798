"""`willai match`: the title matcher alone, for checking titles by hand or in bulk.

`willai match "RN" --top 3` shows the ranked occupations; `willai match --batch titles.txt
--json` reads one title per line and writes one JSON object per line, in input order, so the
output can be joined back to the input line by line.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from willai.cli.core import LoggedCommand

if TYPE_CHECKING:
    from matching import MatchIndex, MatchResult


def _max_title_chars() -> int:
    """Longer input is not a job title; saying so beats a meaningless no-match.

    The matcher's own limit, read when a title is checked: importing the matcher loads numpy.
    """
    from matching.normalise import MAX_QUERY_CHARS

    return MAX_QUERY_CHARS


def _fail(message: str, code: int = 2) -> typer.Exit:
    """One clear line on stderr and a non-zero exit, never a traceback."""
    typer.echo(f"error: {message}", err=True)
    return typer.Exit(code)


def _as_dict(result: MatchResult, top: int) -> dict[str, object]:
    """The batch/JSON record: query, ranked candidates, abstain (plus status and hint)."""
    return {
        "query": result.query,
        "candidates": [
            {"uri": c.uri, "label": c.label, "confidence": round(c.confidence, 4)}
            for c in result.candidates[:top]
        ],
        "abstain": result.abstain,
        "status": str(result.status),
        "hint": result.hint,
    }


def _print_human(result: MatchResult, top: int) -> None:
    """Ranked list for a person; the first line says whether the matcher commits."""
    status = str(result.status)
    if status == "no_match":
        typer.echo(f"no match: {result.hint}")
        return
    typer.echo("match:" if status == "match" else "ambiguous, did you mean:")
    for rank, cand in enumerate(result.candidates[:top], start=1):
        via = "" if cand.matched_label == cand.label else f"  (via {cand.matched_label!r})"
        typer.echo(f"{rank:>2}. {cand.label}  {cand.confidence:.2f}{via}")


def _load_index() -> MatchIndex:
    """The serving release's index, built by the runtime from the store."""
    from willai.runtime import load_match_index

    return load_match_index()


def _run_batch(path: Path, top: int) -> None:
    """One JSON line per input line; blank lines give an abstaining, empty record."""
    try:
        lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError as exc:
        raise _fail(f"cannot read {path}: {exc.strerror or exc}") from None
    index = _load_index()
    longest = _max_title_chars() * 2
    write = sys.stdout.write
    for line in lines:
        result = index.match(line[:longest], top=top)
        write(json.dumps(_as_dict(result, top), ensure_ascii=False) + "\n")
    sys.stdout.flush()


def match(
    title: Annotated[str | None, typer.Argument(help="A job title, as people say it.")] = None,
    top: Annotated[
        int, typer.Option("--top", min=1, max=50, help="How many occupations to list.")
    ] = 5,
    json_out: Annotated[bool, typer.Option("--json", help="Machine-readable output.")] = False,
    batch: Annotated[
        Path | None,
        typer.Option("--batch", help="File with one title per line; writes JSON lines."),
    ] = None,
) -> None:
    """Match a job title to ESCO occupations, with calibrated confidences."""
    if batch is not None:
        if title is not None:
            raise _fail("give either a TITLE or --batch FILE, not both")
        _run_batch(batch, top)
        return
    if title is None or not title.strip():
        raise _fail('give a job title, e.g. willai match "nurse", or --batch FILE')
    from willai.texts import readable

    title = readable(title)
    longest = _max_title_chars()
    if len(title) > longest:
        raise _fail(f"that is not a job title ({len(title)} characters; at most {longest})")
    result = _load_index().match(title, top=top)
    if json_out:
        typer.echo(json.dumps(_as_dict(result, top), ensure_ascii=False, indent=2))
    else:
        _print_human(result, top)
    if str(result.status) == "no_match":
        raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    """Attach `willai match` to the main app."""
    app.command("match", cls=LoggedCommand, short_help="Match a job title to ESCO occupations.")(
        match
    )
