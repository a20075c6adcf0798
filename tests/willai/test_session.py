"""The terminal session: each command, piped input end to end, and prompt_toolkit input."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from prompt_toolkit import PromptSession
from prompt_toolkit.completion import CompleteEvent
from prompt_toolkit.document import Document
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput
from rich.console import Console

from db.store import Store
from languages.voices import FALLBACK_MARK, interface_voice
from scoring import FACTORS
from tests.bundle_factory import write_bundle
from tests.conftest import Cli, run_cli
from tests.willai.conftest import FRENCH
from willai import texts
from willai.cli.session import (
    INTRO,
    MOVES,
    NEED_A_JOB,
    QUIT,
    SKILLS,
    WHY,
    Session,
    TitleCompleter,
    intro,
    run_session,
)
from willai.runtime import ensure_release
from willai.service import AnswerService
from willai.settings import load_settings


@pytest.fixture(scope="module")
def small_bundle(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_bundle(tmp_path_factory.mktemp("bundle"))


@pytest.fixture(scope="module")
def service(small_bundle: Path, tmp_path_factory: pytest.TempPathFactory) -> AnswerService:
    root = tmp_path_factory.mktemp("store")
    url = f"sqlite:///{root / 's.sqlite'}"
    settings = load_settings(
        database_url=url, esco_source=str(small_bundle), cache_dir=root / "cache"
    )
    store = Store.from_url(url)
    ensure_release(store, settings, interactive=False)
    return AnswerService.load(store, cache_dir=settings.cache_dir)


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
    assert "Higher exposure: Data entry clerk" in text


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
def full_service(full_store: Store, full_env: dict[str, str]) -> AnswerService:
    return AnswerService.load(full_store, cache_dir=Path(full_env["CACHE_DIR"]))  # shared index


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
    first = re.search(r"1\. (Primary|Secondary) school teacher", text)  # school teachers first
    assert first is not None
    assert f"What does a {first[1].lower()} school teacher do?" in text


@pytest.mark.full_data
def test_a_number_out_of_range_asks_again(full_service: AnswerService) -> None:
    session = Session(full_service)
    session.handle("teacher")
    assert "Pick a number from 1 to" in printed(session.handle("9").output)


# --- the session in another language --------------------------------------------------------


@pytest.fixture(scope="module")
def multilingual_service(multilingual_url: str, multilingual_cache: str) -> AnswerService:
    return AnswerService.load(Store.from_url(multilingual_url), cache_dir=Path(multilingual_cache))


def said(language: str, message: str, **values: object) -> str:
    """``message`` as the catalogue of ``language`` says it now (English until translated)."""
    return interface_voice(language).say(message, **values)


def flat(text: str) -> str:
    return " ".join(text.replace("│", " ").split())


def test_a_french_session_answers_in_french(multilingual_service: AnswerService) -> None:
    text = flat(printed(Session(multilingual_service, "fr").handle("couvreur").output))
    assert "Couvreur/couvreuse" in text
    assert flat(FRENCH["roofer"][1]) in text
    assert flat(said("fr", FACTORS["task_automation"].title)) in text


def test_follow_ups_answer_in_the_sessions_language(multilingual_service: AnswerService) -> None:
    session = Session(multilingual_service, "fr")
    session.handle("couvreur")
    why = flat(printed(session.handle("why").output))
    assert why.count(flat(said("fr", "Skills that drive it:"))) == 3
    assert (
        flat(
            said(
                "fr",
                "Why {score}/100: {name}",
                score=session.current.score.overall,
                name="Couvreur/couvreuse",
            )
        )
        in why
    )
    skills = flat(printed(session.handle("skills").output))
    assert "Couvreur/couvreuse" in skills
    assert flat(said("fr", "Most exposed to automation")) in skills
    moves = flat(printed(session.handle("moves").output))
    assert flat(said("fr", "Skills worth growing")) in moves


def test_skill_lists_show_escos_labels_in_the_language(
    multilingual_service: AnswerService,
) -> None:
    session = Session(multilingual_service, "fr")
    session.handle("employé de saisie")
    text = flat(printed(session.handle("why").output))
    assert "traiter des données" in text
    assert FALLBACK_MARK in text  # "perform backups" has no French label
    assert flat(said("fr", texts.FALLBACK_NOTE)) in text


def test_commands_work_in_english_and_as_the_language_says_them(
    multilingual_service: AnswerService,
) -> None:
    session = Session(multilingual_service, "de")
    session.handle("Dachdecker")
    english = printed(session.handle("why").output)
    translated = printed(session.handle(said("de", WHY)).output)
    assert english == translated
    factor = said("de", FACTORS["task_automation"].title)
    only = flat(printed(session.handle(factor.upper()).output))
    assert flat(factor) in only
    assert flat(said("de", FACTORS["skill_vulnerability"].title)) not in only


def test_help_lists_the_commands_as_the_language_says_them(
    multilingual_service: AnswerService,
) -> None:
    text = printed(Session(multilingual_service, "es").handle("help").output)
    for command in (WHY, SKILLS, MOVES, QUIT):
        assert said("es", command) in text
    assert said("es", FACTORS["ai_complementarity"].title) in text


def test_compare_names_both_jobs_in_the_language(multilingual_service: AnswerService) -> None:
    session = Session(multilingual_service, "fr")
    session.handle("couvreur")
    text = flat(printed(session.handle("compare employé de saisie").output))
    assert "Couvreur/couvreuse" in text
    assert "Employé/employée de saisie" in text
    clerk, roofer = (multilingual_service.ask(t) for t in ("data entry clerk", "roofer"))
    gap = abs(clerk.score.overall - roofer.score.overall)
    verdict = said(
        "fr",
        "Higher exposure: {name}, by {points} points.",
        name="Employé/employée de saisie",
        points=gap,
    )
    assert flat(verdict) in text


def test_the_intro_is_in_the_sessions_language(multilingual_service: AnswerService) -> None:
    console = Console(file=io.StringIO(), width=120, highlight=False)
    run_session(
        multilingual_service,
        console=console,
        stdin=io.StringIO("quit\n"),
        interactive=False,
        language="fr",
    )
    assert flat(console.file.getvalue()) == flat(intro(interface_voice("fr")))


def test_completion_offers_the_languages_command_words(
    multilingual_service: AnswerService,
) -> None:
    word = said("fr", SKILLS)
    typed = word[:1]
    completions = TitleCompleter(multilingual_service, "fr").get_completions(
        Document(typed), CompleteEvent()
    )
    assert word in [c.text for c in completions]


@pytest.mark.parametrize(
    "case",
    [
        (["--lang", "fr"], {}, "Couvreur/couvreuse"),
        ([], {"WILLAI_LANG": "es"}, "Techador/techadora"),
        ([], {"LANG": "de_DE.UTF-8"}, "Dachdecker/Dachdeckerin"),
    ],
)
def test_run_without_a_token_talks_in_the_chosen_language(
    cli: Cli, multilingual_url: str, tmp_path: Path, case: tuple[list[str], dict, str]
) -> None:
    args, chosen, name = case
    env = {"DATABASE_URL": multilingual_url, "DISCORD_TOKEN": ""} | chosen
    result = cli("run", *args, env=env, cwd=tmp_path, stdin="roofer\nwhy\nquit\n")
    assert result.returncode == 0, result.stderr
    assert name in result.stdout


def test_run_refuses_an_unsupported_language_in_one_line(cli: Cli, tmp_path: Path) -> None:
    result = cli("run", "--lang", "pt", env={"DISCORD_TOKEN": ""}, cwd=tmp_path)
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1
    assert "en, de, fr, es" in result.stderr


@pytest.mark.full_data
def test_did_you_mean_in_german_lists_and_answers_in_german(full_service: AnswerService) -> None:
    session = Session(full_service, "de")
    choices = printed(session.handle("teacher").output)
    first = re.search(r"1\. (Lehrkraft im Primarbereich|Lehrkraft Sekundarstufe)", choices)
    assert first is not None
    card = flat(printed(session.handle("1").output))
    assert first[1] in card
    assert session.current is not None
    assert session.current.language == "de"
