"""`willai ask "TITLE"`: the product's answer, in the terminal."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

import typer
from rich.console import Console
from rich.text import Text

from willai.cli.core import OneShotCommand
from willai.cli.language import LANG_HELP, option_language, terminal_language

if TYPE_CHECKING:
    from willai.service import Answer, AnswerService, Unresolved


def _err() -> Console:
    """Standard error as the command runs (made per call, so it follows the streams in use)."""
    return Console(stderr=True, highlight=False)


def _error(message: str) -> Text:
    """One red line; the message is never read as Rich markup."""
    return Text(message, style="red")


def ask(
    title: str = typer.Argument(..., help="A job title, as you would say it."),
    json_out: bool = typer.Option(False, "--json", help="Machine-readable output."),
    card: Path | None = typer.Option(  # noqa: B008 - typer's idiom
        None, "--card", help="Also write the score card picture (PNG) to this file."
    ),
    lang: str | None = typer.Option(None, "--lang", help=LANG_HELP),
) -> None:
    """Will AI replace this job? Match the title and show its AI-exposure score."""
    chosen = option_language(lang)
    from languages.voices import interface_voice
    from willai.settings import get_settings

    settings = get_settings()
    language = terminal_language(chosen, settings)
    if not title.strip():
        voice = interface_voice(language)
        message = voice.say("error: give a job title, e.g. {example}", example='willai ask "nurse"')
        _err().print(_error(message))
        raise typer.Exit(2)
    from willai.runtime import close_reads, open_reads

    reads = open_reads(settings)
    try:
        from willai.caches import check_index_ahead

        check_index_ahead(reads, settings.cache_dir)  # checksummed while the rest imports
        from willai.cli.answers import answer_document
        from willai.cli.render import render_card
        from willai.service import AnswerService, Unresolved

        service = AnswerService.load(reads, preload_scores=False, cache_dir=settings.cache_dir)
        answer = service.ask(title, language)
        if isinstance(answer, Unresolved):
            _unresolved(answer, json_out, service, language)
            raise typer.Exit(1)
        if json_out:
            typer.echo(json.dumps(answer_document(answer), indent=2, ensure_ascii=False))
        else:
            Console(highlight=False).print(render_card(answer))
    finally:
        close_reads(reads)
    if card is not None:
        _write_picture(answer, card)


def _write_picture(answer: Answer, target: Path) -> None:
    """Save the shareable score card in the answer's language; a bad path is one clear line."""
    from willai.card import render_card as render_picture

    err, voice = _err(), answer.voice
    png = render_picture(answer.score, answer.data_version, voice=answer.voice, name=answer.title)
    try:
        target.write_bytes(png)
    except OSError as exc:
        message = voice.say(
            "error: cannot write {path}: {reason}", path=str(target), reason=exc.strerror or exc
        )
        err.print(_error(message))
        raise typer.Exit(1) from None
    err.print(Text(voice.say("score card written to {path}", path=str(target))))


def _unresolved(answer: Unresolved, json_out: bool, service: AnswerService, language: str) -> None:
    """Did-you-mean or no-match: on stderr for a person, as a JSON document for a program."""
    candidates = [
        {
            "uri": c.uri,
            "label": c.label,
            "name": service.occupation_name(c.uri, c.label, language),
            "confidence": round(c.confidence, 3),
        }
        for c in answer.match.candidates[:5]
    ]
    if json_out:
        typer.echo(
            json.dumps(
                {
                    "query": answer.query,
                    "language": language,
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
    from willai.cli.render import render_choices, render_no_match

    voice = service.voice(language)
    if answer.ambiguous:
        names = [str(c["name"]) for c in candidates]
        _err().print(render_choices(voice, answer.query, names, numbered=False))
    else:
        _err().print(render_no_match(voice, answer.match.hint))


def register(app: typer.Typer) -> None:
    """Add `ask` to the main app."""
    app.command("ask", cls=OneShotCommand, short_help="The AI-exposure answer for a job title.")(
        ask
    )
