"""`willai data …`: importing ESCO, looking at what is serving, exporting the scores."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict
from pathlib import Path
from typing import Annotated, Any, TextIO

import typer
from rich.console import Console

from willai.cli.core import LoggedCommand, frozen_heap

app = typer.Typer(no_args_is_help=True)

EXPORT_COLUMNS = (
    "uri",
    "code",
    "isco_group",
    "label",
    "overall",
    "band",
    "skill_vulnerability",
    "task_automation",
    "ai_complementarity",
)


@app.command("import", cls=LoggedCommand, short_help="Import ESCO as a new release.")
def import_(
    sources: list[str] | None = typer.Argument(  # noqa: B008 - typer's idiom
        None, help="Bundle directories, .zip files, http(s) URLs of zips, or esco-api[:VERSION]."
    ),
    version: str | None = typer.Option(None, help="ESCO version to record (default: detected)."),
    force: bool = typer.Option(False, help="Re-import even when the same data is serving."),
    json_out: bool = typer.Option(False, "--json", help="Print the import report as JSON."),
) -> None:
    """Load ESCO as a new release, switched in atomically; ESCO_SOURCE when no source given."""
    from willai.importing import run_import
    from willai.progress import import_progress
    from willai.runtime import opened_store
    from willai.settings import get_settings

    settings = get_settings()
    with opened_store(settings) as store, frozen_heap(), import_progress() as progress:
        report = run_import(
            store, settings, sources or [], version=version, force=force, progress=progress
        )
    if json_out:
        typer.echo(json.dumps(asdict(report), indent=2))
        return
    out = Console(highlight=False)
    if report.status == "unchanged":
        out.print(
            f"ESCO {report.version} is already serving (same data, same model): nothing to do."
        )
        return
    counts = report.counts
    labels = ", ".join(f"{lang} {n:,}" for lang, n in counts.get("labels", {}).items())
    skill_labels = _skill_labels_line(counts.get("skill_labels", {}), counts["skills"])
    out.print(
        f"[green]imported[/green] ESCO {report.version} in {report.seconds:.1f} s: "
        f"{counts['occupations']:,} occupations, {counts['skills']:,} skills, "
        f"{counts['relations']:,} relations, labels {labels}, "
        + (f"skill labels {skill_labels}, " if skill_labels else "")
        + f"{counts.get('scores', 0):,} scores"
    )
    for warning in report.warnings:
        out.print(f"  [yellow]skipped/noted:[/yellow] {warning}")


def _skill_labels_line(per_language: dict[str, dict[str, int]], skills: int) -> str:
    """`fr 13,379 (96%), es …`: skills labelled per language, and their share of all skills."""
    return ", ".join(
        f"{language} {n['skills']:,} ({n['skills'] / max(skills, 1):.0%})"
        for language, n in per_language.items()
    )


@app.command(cls=LoggedCommand, short_help="The serving release, its counts and the database.")
def status(json_out: bool = typer.Option(False, "--json", help="Machine-readable output.")) -> None:
    """Show the serving release, its counts and the database (password masked)."""
    from willai.runtime import opened_store
    from willai.settings import get_settings

    with opened_store(get_settings()) as store:
        doc = store.status()
    if json_out:
        typer.echo(json.dumps(doc, indent=2))
        return
    from rich.markup import escape
    from rich.table import Table

    table = Table(show_header=False, box=None)
    release = doc["release"]
    if release is None:
        table.add_row("release", "[yellow]none[/yellow]: run `willai data import SOURCE`")
    else:
        table.add_row("release", f"ESCO {release['version']} (model {release['model_version']})")
        table.add_row("source", release["source"])
        table.add_row("imported", release["imported_at"])
    counts = doc["counts"]
    for key in ("occupations", "skills", "relations", "scores"):
        table.add_row(key, f"{counts[key]:,}")
    table.add_row("labels", ", ".join(f"{k} {v:,}" for k, v in counts["labels"].items()) or "-")
    table.add_row(
        "skill labels", _skill_labels_line(counts["skill_labels"], counts["skills"]) or "-"
    )
    for number, warning in enumerate(doc.get("warnings") or []):
        table.add_row("import notes" if number == 0 else "", f"[yellow]{escape(warning)}[/yellow]")
    if doc["last_import"] and doc["last_import"]["status"] == "failed":
        table.add_row(
            "last import",
            f"[red]failed[/red] {doc['last_import']['at']}: {doc['last_import']['error']}",
        )
    table.add_row("database", doc["database_url"])
    Console(highlight=False).print(table)


@contextmanager
def _written_whole(target: Path, **open_args: Any) -> Iterator[TextIO]:
    """Write ``target`` through a ``.part`` file, renamed only once complete.

    An export cut short (a full disk, Ctrl-C) never leaves a truncated file that looks whole.
    """
    partial = target.with_name(target.name + ".part")
    try:
        with partial.open("w", encoding="utf-8", **open_args) as stream:
            yield stream
        partial.replace(target)
    except OSError as exc:
        Console(stderr=True).print(f"[red]error:[/red] cannot write {target}: {exc.strerror}")
        raise typer.Exit(1) from None
    finally:
        partial.unlink(missing_ok=True)


@app.command("export-scores", cls=LoggedCommand)
def export_scores(
    target: Annotated[Path, typer.Argument(help="CSV file to write.")],
) -> None:
    """Write one row per occupation with its score and factors."""
    import csv

    from willai.runtime import opened_store
    from willai.settings import get_settings

    rows = 0
    with opened_store(get_settings()) as store:
        store.require_release()
        with _written_whole(target, newline="") as stream:
            writer = csv.writer(stream)
            writer.writerow(EXPORT_COLUMNS)
            for summary in store.score_summaries():
                writer.writerow([getattr(summary, column) for column in EXPORT_COLUMNS])
                rows += 1
    Console(highlight=False).print(f"wrote {rows:,} occupations to {target}")


@app.command(
    "export-answers", cls=LoggedCommand, short_help="Write every occupation's whole answer."
)
def export_answers(
    target: Annotated[Path, typer.Argument(help="JSON Lines file to write.")],
    lang: Annotated[
        str | None,
        typer.Option("--lang", help="Language of the answers: en (default), de, fr or es."),
    ] = None,
) -> None:
    """Write every occupation's whole answer, one `willai ask --json` document per line.

    The text a reader sees (verdict, sections, takeaways, moves) is all there, in the language
    asked for, as the bot and the terminal say it, so the wording can be read, diffed and
    checked across every occupation at once. English unless `--lang` says otherwise: an
    export is a file for checking, so the locale does not choose it.
    """
    from willai.cli.answers import answer_document
    from willai.cli.language import option_language
    from willai.runtime import opened_store
    from willai.service import Answer, release_voices
    from willai.settings import get_settings

    language = option_language(lang) or "en"
    rows = 0
    with opened_store(get_settings()) as store:
        release = store.require_release()
        voices = release_voices(store, release)
        voice = voices.voice(language)
        with _written_whole(target) as stream:
            for score in sorted(store.all_scores().values(), key=lambda s: (s.label, s.uri)):
                answer = Answer(
                    score.label,
                    score,
                    None,
                    release,
                    name=voice.occupation(score.uri, score.label),
                    report=voices.report(score, language),
                    voice=voice,
                )
                stream.write(json.dumps(answer_document(answer), ensure_ascii=False) + "\n")
                rows += 1
    Console(highlight=False).print(f"wrote {rows:,} answers in {language} to {target}")
