r"""willai in the terminal, without Discord: type a title, read the card, ask what the buttons ask.

`make run` lands here when no bot token is set, so the first evening shows the product instead
of a missing-token error. A terminal gets a prompt_toolkit prompt (history, and completion
from the matcher's autocomplete); a pipe gets one command per line and no prompt, so
``printf 'nurse\nwhy\nquit\n' | willai run`` prints exactly the answers.

The session speaks one language (``willai run --lang fr``, WILLAI_LANG or the locale): the
cards, follow-ups, did-you-mean lists and messages are in it, and its command words may be
typed in it as well as in English, so a script written for one language runs in any.
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
from scoring.messages import N_
from scoring.voice import Voice
from willai.cli.render import (
    render_card,
    render_choices,
    render_compare,
    render_factors,
    render_method,
    render_moves,
    render_no_match,
    render_skills,
)
from willai.service import Answer, AnswerService, Unresolved

#: The first screen: what this is, how to use it, and how to get willai into Discord.
INTRO = N_(
    "willai runs here in the terminal: no DISCORD_TOKEN is set yet.\n"
    "Type a job title (for example: nurse), {help} for the follow-ups, {quit} to leave.\n"
    "To put willai in Discord, run: .venv/bin/willai setup"
)
NEED_A_JOB = N_("Ask about a job first, for example: nurse")

#: The follow-up commands, by what they do. Each is typed in English or in the session's
#: language (its translation, which the help lists); both always work.
WHY = N_("why")
SKILLS = N_("skills")
MOVES = N_("moves")
COMPARE = N_("compare")
METHOD = N_("method")
HELP = N_("help")
QUIT = N_("quit")
#: Other ways to leave, in any language.
LEAVE = frozenset({"exit", "q", ":q", "bye"})
#: The help screen: (what to type, what it shows). ``{factor}`` is a factor's name.
HELP_LINES = (
    (N_("A job title"), N_("the card: score, verdict, how AI is changing the job")),
    (WHY, N_("the three factors behind the score, with their skills")),
    (
        "{factor}",
        N_("one factor (also: {others})"),
    ),
    (SKILLS, N_("the skills that keep the job human, and the most exposed")),
    (MOVES, N_("lower-risk jobs your skills could take you to")),
    (N_("{compare} OTHER TITLE"), N_("this job and another side by side")),
    (METHOD, N_("how the score is made")),
    ("1, 2, ...", N_("pick from a did-you-mean list")),
    (QUIT, N_("leave")),
)
#: Completions offered from the matcher's autocomplete per keystroke.
SUGGESTIONS = 10
#: Did-you-mean choices offered at most.
CHOICES = 5
_COMPARE = re.compile(r"(?P<word>\S+)\s+(?P<other>.+)")


def command_words(voice: Voice, command: str) -> frozenset[str]:
    """What may be typed for ``command``: its English word and the language's, folded."""
    return frozenset({command.casefold(), voice.say(command).casefold()})


def factor_names(voice: Voice) -> dict[str, str]:
    """Typed factor name (English or the language's, folded) -> the factor's key."""
    names = {}
    for name, info in FACTORS.items():
        names[info.title.casefold()] = name
        names[voice.say(info.title).casefold()] = name
    return names


def help_text(voice: Voice) -> str:
    """The help screen in the session's language, its commands as they may be typed there."""
    titles = [voice.say(info.title) for info in FACTORS.values()]
    rows = []
    for typed, meaning in HELP_LINES:
        if typed == "{factor}":
            rows.append((titles[0], voice.say(meaning, others=", ".join(titles[1:]))))
            continue
        said = voice.say(typed, compare=voice.say(COMPARE)) if "{" in typed else voice.say(typed)
        rows.append((said, voice.say(meaning)))
    width = max(len(typed) for typed, _ in rows) + 3
    return "\n".join(f"{typed:<{width}}{meaning}" for typed, meaning in rows)


def intro(voice: Voice) -> str:
    """The first screen in the session's language."""
    return voice.say(INTRO, help=voice.say(HELP), quit=voice.say(QUIT))


@dataclass(slots=True)
class Step:
    """What one line produced: things to print, and whether the session is over."""

    output: list[RenderableType] = field(default_factory=list)
    done: bool = False


@dataclass(slots=True)
class Session:
    """The conversation state: the job being discussed and the last did-you-mean list.

    ``language`` is the one every answer, follow-up and message of the session is in.
    """

    service: AnswerService
    language: str = "en"
    current: Answer | None = None
    choices: list[Candidate] = field(default_factory=list)
    comparing: bool = False

    @property
    def voice(self) -> Voice:
        return self.service.voice(self.language)

    def handle(self, line: str) -> Step:
        """Answer one line: a command, a number from the last list, or a job title."""
        text = " ".join(line.split())
        word = text.casefold()
        voice = self.voice
        if not text:
            return Step()
        if word in LEAVE or word in command_words(voice, QUIT):
            return Step(done=True)
        if word in command_words(voice, HELP):
            return Step([Text(help_text(voice))])
        if word in command_words(voice, METHOD):
            return Step([render_method(voice)])
        if word.isdigit() and self.choices:
            return self._pick(int(word))
        compare = _COMPARE.fullmatch(text)
        if compare and compare["word"].casefold() in command_words(voice, COMPARE):
            return self._compare(compare["other"])
        factors = factor_names(voice)
        if word in factors:
            return self._follow_up(factors[word])
        for command in (WHY, SKILLS, MOVES):
            if word in command_words(voice, command):
                return self._follow_up(command)
        return self._ask(text)

    def _follow_up(self, what: str) -> Step:
        """``what`` is a command (why, skills, moves) or a factor's key."""
        if self.current is None:
            return Step([Text(self.voice.say(NEED_A_JOB))])
        if what == SKILLS:
            return Step([render_skills(self.current)])
        if what == MOVES:
            return Step([render_moves(self.current)])
        return Step([render_factors(self.current, only=what if what in FACTORS else None)])

    def _ask(self, title: str) -> Step:
        result = self.service.ask(title, self.language)
        if isinstance(result, Unresolved):
            return self._unresolved(result, comparing=False)
        self.current, self.choices = result, []
        return Step([render_card(result)])

    def _compare(self, other: str) -> Step:
        if self.current is None:
            return Step([Text(self.voice.say(NEED_A_JOB))])
        result = self.service.ask(other, self.language)
        if isinstance(result, Unresolved):
            return self._unresolved(result, comparing=True)
        self.choices = []
        return Step([render_compare(self.current, result)])

    def _unresolved(self, result: Unresolved, *, comparing: bool) -> Step:
        voice = self.voice
        if not result.ambiguous:
            self.choices = []
            return Step([render_no_match(voice, result.match.hint)])
        scored = [c for c in result.match.candidates if c.uri in self.service.scores]
        self.choices = scored[:CHOICES]
        self.comparing = comparing
        names = [self.service.occupation_name(c.uri, c.label, self.language) for c in self.choices]
        return Step([render_choices(voice, result.query, names)])

    def _pick(self, number: int) -> Step:
        if not 1 <= number <= len(self.choices):
            line = self.voice.say("Pick a number from 1 to {count}.", count=len(self.choices))
            return Step([Text(line)])
        chosen = self.choices[number - 1]
        answer = self.service.answer_for(chosen.uri, language=self.language)
        self.choices = []
        if answer is None:
            return Step([Text(self.voice.say("That choice is no longer available; ask again."))])
        if self.comparing and self.current is not None:
            return Step([render_compare(self.current, answer)])
        self.current = answer
        return Step([render_card(answer)])


class TitleCompleter(Completer):
    """Completion from the matcher's autocomplete, and the follow-up commands by name."""

    def __init__(self, service: AnswerService, language: str = "en") -> None:
        self.service = service
        voice = service.voice(language)
        commands = (WHY, SKILLS, MOVES, METHOD, HELP, QUIT)
        said = [voice.say(command) for command in commands]
        #: Commands offered, the session's language first ("compare" with its space).
        self.commands = list(dict.fromkeys([*said, *commands]))
        self.compare_words = sorted({voice.say(COMPARE).casefold(), COMPARE}, key=len, reverse=True)
        self.commands += [f"{word} " for word in self.compare_words]

    def get_completions(
        self, document: Document, complete_event: CompleteEvent
    ) -> Iterator[Completion]:
        """Commands that start with what is typed, then occupations that fit it."""
        typed = document.text_before_cursor
        folded = typed.casefold()
        title = typed
        for word in self.compare_words:
            if folded.startswith(f"{word} "):
                title = typed[len(word) + 1 :]
                break
        else:
            for command in self.commands:
                if typed and command.casefold().startswith(folded) and command != typed:
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
    language: str = "en",
) -> int:
    """Talk in ``language`` until quit or end of input; exit status 0.

    ``prompt`` is for tests that drive prompt_toolkit with their own input and output.
    """
    session = Session(service, language)
    console.print(Text(intro(session.voice), style="dim"))
    if interactive:
        prompt = prompt or PromptSession(
            history=InMemoryHistory(),
            completer=TitleCompleter(service, language),
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
