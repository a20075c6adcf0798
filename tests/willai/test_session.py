"""The terminal session: each command, piped input end to end, and prompt_toolkit input."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from prompt_toolkit import PromptSession
from prompt_toolkit.completion import CompleteEvent
from prompt_toolkit.document import Document
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput
from rich.console import Console

from db.store import Store
from tests.bundle_factory import write_bundle
from tests.conftest import run_cli
from willai.cli.session import INTRO, NEED_A_JOB, Session, TitleCompleter, run_session
from willai.runtime import ensure_release
from willai.service import AnswerService
from willai.settings import load_settings


@pytest.fixture(scope="module")
def small_bundle(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_bundle(tmp_path_factory.mktemp("bundle"))


@pytest.fixture(scope="module")
def service(small_bundle: Path, tmp_path_factory: pytest.TempPathFactory) -> AnswerService:
    url = f"sqlite:///{tmp_path_factory.mktemp('store') / 's.sqlite'}"
    settings = load_settings(database_url=url, esco_source=str(small_bundle))
    store = Store.from_url(url)
    ensure_release(store, settings, interactive=False)
    return AnswerService.load(store)


def printed(step_output: list) -> str:
    console = Console(file=io.StringIO(), width=120, highlight=False)
    for renderable in step_output:
        console.print(renderable)
    return console.file.getvalue()


def test_a_title_shows_the_card(service: AnswerService) -> None:
    text = printed(Session(service).handle("roofer").output)
    assert "/100" in text
    assert "What does a roofer do?" in text


def test_why_shows_the_three_factor_details(service: AnswerService) -> None:
    session = Session(service)
    session.handle("roofer")
    text = printed(session.handle("why").output)
    assert text.count("higher than") == 3
    assert "Skills that drive it" in text


def test_a_factor_name_shows_that_factor_only(service: AnswerService) -> None:
    session = Session(service)
    session.handle("roofer")
    text = printed(session.handle("Task automation").output)
    assert "Task automation:" in text
    assert "Skill vulnerability:" not in text


def test_follow_ups_before_a_job_ask_for_one(service: AnswerService) -> None:
    assert NEED_A_JOB in printed(Session(service).handle("moves").output)


def test_compare_shows_both_jobs(service: AnswerService) -> None:
    session = Session(service)
    session.handle("roofer")
    text = printed(session.handle("compare data entry clerk").output)
    assert "Data entry clerk is more exposed" in text


@pytest.mark.parametrize("word", ["skills", "moves", "method", "help"])
def test_each_follow_up_answers(service: AnswerService, word: str) -> None:
    session = Session(service)
    session.handle("roofer")
    assert printed(session.handle(word).output).strip()


def test_no_match_is_said_once(service: AnswerService) -> None:
    text = printed(Session(service).handle("qwxz zzvq").output)
    assert text.count("No occupation") == 1


def test_quit_ends_the_session(service: AnswerService) -> None:
    assert Session(service).handle("quit").done


def test_completion_offers_occupations(service: AnswerService) -> None:
    completions = TitleCompleter(service).get_completions(Document("roo"), CompleteEvent())
    assert "roofer" in [c.text for c in completions]


def test_completion_offers_commands(service: AnswerService) -> None:
    completions = TitleCompleter(service).get_completions(Document("wh"), CompleteEvent())
    assert "why" in [c.text for c in completions]


def test_completion_after_compare_completes_the_other_title(service: AnswerService) -> None:
    document = Document("compare data en")
    completions = list(TitleCompleter(service).get_completions(document, CompleteEvent()))
    assert "data entry clerk" in [c.text for c in completions]


def test_typed_lines_through_prompt_toolkit(service: AnswerService) -> None:
    console = Console(file=io.StringIO(), width=120, highlight=False)
    with create_pipe_input() as pipe:
        pipe.send_text("roofer\rwhy\rquit\r")
        prompt: PromptSession[str] = PromptSession(input=pipe, output=DummyOutput())
        status = run_session(
            service, console=console, stdin=io.StringIO(), interactive=True, prompt=prompt
        )
    text = console.file.getvalue()
    assert status == 0
    assert "Roofers cover buildings" in text
    assert text.count("higher than") == 3


def test_piped_run_without_a_token_imports_answers_and_stops_at_quit(
    small_bundle: Path, tmp_path: Path
) -> None:
    env = {
        "DATABASE_URL": f"sqlite:///{tmp_path / 'fresh.sqlite'}",
        "ESCO_SOURCE": str(small_bundle),
        "DISCORD_TOKEN": "",
    }
    result = run_cli("run", env=env, cwd=tmp_path, stdin="roofer\nwhy\nquit\nroofer\n")
    assert result.returncode == 0, result.stderr
    assert "import: " in result.stderr
    out = result.stdout
    assert out.startswith(INTRO.splitlines()[0])
    assert "no DISCORD_TOKEN is set yet" in out
    assert "willai setup" in out  # how to go on to the Discord bot
    assert out.count("/100") >= 2  # the card's score line and the factor details
    assert "Skills that drive it" in out
    after_quit = out.rsplit("╯", 1)[1]
    assert after_quit.strip() == ""


@pytest.fixture(scope="module")
def full_service(full_store: Store) -> AnswerService:
    return AnswerService.load(full_store)


@pytest.mark.full_data
def test_a_number_picks_from_the_did_you_mean_list(full_service: AnswerService) -> None:
    console = Console(file=io.StringIO(), width=120, highlight=False)
    with create_pipe_input() as pipe:
        pipe.send_text("teacher\r1\rquit\r")
        prompt: PromptSession[str] = PromptSession(input=pipe, output=DummyOutput())
        run_session(
            full_service, console=console, stdin=io.StringIO(), interactive=True, prompt=prompt
        )
    text = console.file.getvalue()
    assert "1. primary school teacher" in text
    assert "What does a primary school teacher do?" in text


@pytest.mark.full_data
def test_a_number_out_of_range_asks_again(full_service: AnswerService) -> None:
    session = Session(full_service)
    session.handle("teacher")
    assert "Pick a number from 1 to" in printed(session.handle("9").output)
