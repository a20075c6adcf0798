r"""willai in the terminal, without Discord: type a title, read the card, ask what the buttons ask.

`make run` lands here when no bot token is set, so the first evening shows the product instead
of a missing-token error. A terminal gets a prompt_toolkit prompt (history, and completion
from the matcher's autocomplete); a pipe gets one command per line and no prompt, so
``printf 'nurse\nwhy\nquit\n' | willai run`` prints exactly the answers.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import TextIO

from prompt_toolkit import PromptSession
from prompt_toolkit.completion import CompleteEvent, Completer, Completion
from prompt_toolkit.document import Document
from prompt_toolkit.history import InMemoryHistory
from rich.console import Console, RenderableType
from rich.text import Text

from matching import Candidate
from scoring import FACTORS
from willai.cli.render import (
    render_card,
    render_choices,
    render_compare,
    render_factors,
    render_method,
    render_moves,
    render_skills,
)
from willai.service import Answer, AnswerService, Unresolved
from willai.texts import NO_MATCH

#: The first screen: what this is, how to use it, and how to get willai into Discord.
INTRO = (
    "willai runs here in the terminal: no DISCORD_TOKEN is set yet.\n"
    "Type a job title (for example: nurse), help for the follow-ups, quit to leave.\n"
    "To put willai in Discord, run: .venv/bin/willai setup"
)
HELP = (
    "A job title            the card: score, verdict, how AI is changing the job\n"
    "why                    the three factors behind the score, with their skills\n"
    "skill vulnerability    one factor (also: task automation, ai complementarity)\n"
    "skills                 the skills that keep the job human, and the most exposed\n"
    "moves                  lower-risk jobs your skills could take you to\n"
    "compare OTHER TITLE    this job and another side by side\n"
    "method                 how the score is made\n"
    "1, 2, ...              pick from a did-you-mean list\n"
    "quit                   leave"
)
NEED_A_JOB = "Ask about a job first, for example: nurse"
QUIT = frozenset({"quit", "exit", "q", ":q", "bye"})
FOLLOW_UPS = ("why", "skills", "moves", "compare ", "method", "help", "quit")
#: Completions offered from the matcher's autocomplete per keystroke.
SUGGESTIONS = 10
_FACTOR_NAMES = {info.title.casefold(): name for name, info in FACTORS.items()}
_COMPARE = re.compile(r"compare\s+(?P<other>.+)", re.IGNORECASE)


@dataclass(slots=True)
class Step:
    """What one line produced: things to print, and whether the session is over."""

    output: list[RenderableType] = field(default_factory=list)
    done: bool = False


@dataclass(slots=True)
class Session:
    """The conversation state: the job being discussed and the last did-you-mean list."""

    service: AnswerService
    current: Answer | None = None
    choices: list[Candidate] = field(default_factory=list)
    comparing: bool = False

    def handle(self, line: str) -> Step:
        """Answer one line: a command, a number from the last list, or a job title."""
        text = " ".join(line.split())
        word = text.casefold()
        if not text:
            return Step()
        if word in QUIT:
            return Step(done=True)
        if word == "help":
            return Step([Text(HELP)])
        if word == "method":
            return Step([render_method()])
        if word.isdigit() and self.choices:
            return self._pick(int(word))
        compare = _COMPARE.fullmatch(text)
        if compare:
            return self._compare(compare["other"])
        if word in {"why", "skills", "moves", *_FACTOR_NAMES}:
            return self._follow_up(word)
        return self._ask(text)

    def _follow_up(self, word: str) -> Step:
        if self.current is None:
            return Step([Text(NEED_A_JOB)])
        score = self.current.score
        if word == "skills":
            return Step([render_skills(score)])
        if word == "moves":
            return Step([render_moves(score)])
        return Step([render_factors(score, only=_FACTOR_NAMES.get(word))])

    def _ask(self, title: str) -> Step:
        result = self.service.ask(title)
        if isinstance(result, Unresolved):
            return self._unresolved(result, comparing=False)
        self.current, self.choices = result, []
        return Step([render_card(result)])

    def _compare(self, other: str) -> Step:
        if self.current is None:
            return Step([Text(NEED_A_JOB)])
        result = self.service.ask(other)
        if isinstance(result, Unresolved):
            return self._unresolved(result, comparing=True)
        self.choices = []
        return Step([render_compare(self.current, result)])

    def _unresolved(self, result: Unresolved, *, comparing: bool) -> Step:
        if not result.ambiguous:
            self.choices = []
            hint = result.match.hint or "Try a plainer job title."
            return Step([Text(f"{NO_MATCH} {hint}", style="red")])
        self.choices = [c for c in result.match.candidates if c.uri in self.service.scores][:5]
        self.comparing = comparing
        return Step([render_choices(result.query, self.choices)])

    def _pick(self, number: int) -> Step:
        if not 1 <= number <= len(self.choices):
            return Step([Text(f"Pick a number from 1 to {len(self.choices)}.")])
        chosen = self.choices[number - 1]
        answer = self.service.answer_for(chosen.uri)
        self.choices = []
        if answer is None:
            return Step([Text("That choice is no longer available; ask again.")])
        if self.comparing and self.current is not None:
            return Step([render_compare(self.current, answer)])
        self.current = answer
        return Step([render_card(answer)])


class TitleCompleter(Completer):
    """Completion from the matcher's autocomplete, and the follow-up commands by name."""

    def __init__(self, service: AnswerService) -> None:
        self.service = service

    def get_completions(
        self, document: Document, complete_event: CompleteEvent
    ) -> Iterator[Completion]:
        """Commands that start with what is typed, then occupations that fit it."""
        typed = document.text_before_cursor
        if typed.casefold().startswith("compare "):
            title = typed[len("compare ") :]
        else:
            title = typed
            for command in FOLLOW_UPS:
                if typed and command.startswith(typed.casefold()) and command != typed:
                    yield Completion(command, start_position=-len(typed))
        if len(title.strip()) < 2:
            return
        for suggestion in self.service.suggest(title, limit=SUGGESTIONS):
            yield Completion(suggestion.name, start_position=-len(title))


def _lines(stdin: TextIO) -> Iterable[str]:
    """Lines of a pipe; bytes that are not UTF-8 become U+FFFD rather than an error."""
    buffer = getattr(stdin, "buffer", None)
    if buffer is None:
        yield from stdin
        return
    for raw in buffer:
        yield raw.decode("utf-8", errors="replace")


def run_session(
    service: AnswerService,
    *,
    console: Console,
    stdin: TextIO,
    interactive: bool,
    prompt: PromptSession[str] | None = None,
) -> int:
    """Talk until quit or end of input; exit status 0.

    ``prompt`` is for tests that drive prompt_toolkit with their own input and output.
    """
    console.print(Text(INTRO, style="dim"))
    session = Session(service)
    if interactive:
        prompt = prompt or PromptSession(
            history=InMemoryHistory(),
            completer=TitleCompleter(service),
            complete_while_typing=True,
        )
        lines = _prompted(prompt)
    else:
        lines = iter(_lines(stdin))
    for line in lines:
        step = session.handle(line)
        for renderable in step.output:
            console.print(renderable)
        if step.done:
            break
    return 0


def _prompted(prompt: PromptSession[str]) -> Iterator[str]:
    """Lines typed at the prompt; Ctrl-D or Ctrl-C ends the session like quit."""
    while True:
        try:
            yield prompt.prompt("willai> ")
        except (EOFError, KeyboardInterrupt):
            return
