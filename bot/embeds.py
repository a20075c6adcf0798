"""Pure functions from domain results to Discord embeds: no I/O, no bot, easy to test.

Every embed leaves through :func:`bot.limits.fit_embed`, so no occupation, however long its
labels or skill lists, can produce a message Discord would reject. Text that came from a user
(or from data we do not control, such as ESCO labels) is escaped before it is shown.

Answers and their follow-ups are said in the language of the :class:`~willai.service.Answer`
they are given (its voice, its report, its occupation name); the other embeds take a voice.
The occupation's name only ever stands alone, as a title or after a colon, so no language has
to agree an article or adjective with it. The admin status is in bot/status.py.
"""

from __future__ import annotations

from collections.abc import Sequence

import discord

from bot import limits
from bot.limits import clip, clip_lines, escape_user_text, fit_embed
from db.store import ReleaseInfo
from scoring import FACTORS, MODEL_VERSION, SkillRef
from scoring.bands import HIGH_FROM, MODERATE_FROM, VERY_HIGH_FROM, Band
from scoring.messages import N_
from scoring.voice import ENGLISH, Voice
from willai import texts
from willai.service import Answer

TAKEAWAYS_SHOWN = 4
SIMILAR_SHOWN = 3
SKILLS_SHOWN = 8
NEUTRAL_COLOUR = 0x5865F2

#: Headings and labels shared by the answer, its buttons and the follow-ups.
HOW_AI_CHANGES = N_("How AI is changing this role")
KEY_TAKEAWAYS = N_("Key takeaways")
WHERE_SKILLS_TAKE_YOU = N_("Where your skills could take you")
RESILIENT_SKILLS = N_("Resilient skills")
DID_YOU_MEAN = N_("Did you mean…")
#: A follow-up's title: what it explains, then the occupation's name on its own.
FOLLOW_UP_TITLE = N_("{heading}: {name}")


def _same_text(a: str, b: str) -> bool:
    return " ".join(a.casefold().split()) == " ".join(b.casefold().split())


def score_line(overall: int) -> str:
    """``**62/100**`` and the bar, the first thing anyone reads."""
    return f"**{overall}/100** `{texts.score_bar(overall)}`"


def _skill_name(answer: Answer, skill: SkillRef) -> str:
    """A skill as a list names it: ESCO's label in the answer's language.

    The stored label is already in the release's own language; another voice looks up ESCO's
    label in its language, or marks the English one (its ``skill`` does exactly that).
    """
    if answer.language == answer.score.report.language:
        return skill.label
    return answer.voice.skill(skill)


def _skill_lines(answer: Answer, skills: Sequence[SkillRef], limit: int = SKILLS_SHOWN) -> str:
    voice = answer.voice
    lines = []
    for skill in skills[:limit]:
        name = escape_user_text(_skill_name(answer, skill))
        if not skill.essential:
            name = voice.say("{skill} (optional)", skill=name)
        lines.append(f"• {name}")
    return clip_lines(lines, limits.EMBED_FIELD_VALUE)


def _shown(embed: discord.Embed) -> list[str]:
    """Every text of an embed a reader sees, to look for marked English fallbacks."""
    fields = [text for f in embed.fields for text in (f.name or "", f.value or "")]
    return [embed.title or "", embed.description or "", *fields]


def _footer(
    embed: discord.Embed, data_version: str, model_version: str, voice: Voice = ENGLISH
) -> discord.Embed:
    """Source, versions, what the score is not; and why some words are English, if any are."""
    text = texts.footer(data_version, model_version, voice)
    if texts.has_fallback(*_shown(embed)):
        text = f"{text}\n{voice.say(texts.FALLBACK_NOTE)}"
    embed.set_footer(text=text)
    return embed


def data_version(release: ReleaseInfo) -> str:
    """How the footer names a release, e.g. ``ESCO v1.2.0``."""
    return f"ESCO {release.version}"


def answer_embed(answer: Answer, picture: str | None = None) -> discord.Embed:
    """The report card: verdict, what the job is, how AI changes it, takeaways, moves.

    The same parts in the same order as the terminal card, in the answer's language. The
    factor values are on the score card picture (``picture``, an attachment file name) and
    behind the buttons.
    """
    score, report, voice = answer.score, answer.words, answer.voice
    lines = []
    if not _same_text(answer.query, score.label) and not _same_text(answer.query, answer.title):
        asked = f"*{clip(escape_user_text(answer.query), 200)}*"
        lines.append(voice.say("You asked: {query}", query=asked))
    lines.append(score_line(score.overall))
    lines.append(f"**{escape_user_text(report.verdict)}**")
    lines.append(f"\n**{escape_user_text(report.question)}**")
    lines.append(escape_user_text(report.summary))
    lines.append(f"\n**{voice.say(HOW_AI_CHANGES)}**")
    embed = discord.Embed(
        title=escape_user_text(answer.title),
        description="\n".join(lines),
        colour=score.band.colour,
    )
    for heading, body in report.sections():
        embed.add_field(
            name=heading, value=clip(escape_user_text(body), limits.EMBED_FIELD_VALUE), inline=False
        )
    takeaways = [f"• {escape_user_text(t)}" for t in report.takeaways[:TAKEAWAYS_SHOWN]]
    if takeaways:
        embed.add_field(
            name=voice.say(KEY_TAKEAWAYS),
            value=clip_lines(takeaways, limits.EMBED_FIELD_VALUE),
            inline=False,
        )
    embed.add_field(name=voice.say(WHERE_SKILLS_TAKE_YOU), value=_moves_value(answer), inline=False)
    if picture is not None:
        embed.set_image(url=f"attachment://{picture}")
    _footer(embed, answer.data_version, score.model_version, voice)
    return fit_embed(embed)


def _moves_value(answer: Answer, limit: int = SIMILAR_SHOWN) -> str:
    lines = [f"• {escape_user_text(line)}" for line in answer.words.moves[:limit]]
    if not lines:
        return answer.voice.say(texts.NO_MOVES)
    return clip_lines(lines, limits.EMBED_FIELD_VALUE)


def _follow_up(heading: str, answer: Answer, description: str) -> discord.Embed:
    """A follow-up answer: headed with what it explains and the occupation, in the band's colour."""
    title = answer.voice.say(FOLLOW_UP_TITLE, heading=heading, name=escape_user_text(answer.title))
    return discord.Embed(title=title, description=description, colour=answer.score.band.colour)


def factor_embed(answer: Answer, factor: str) -> discord.Embed:
    """A factor button's answer: what it measures, the value, its drivers, its percentile."""
    score, voice = answer.score, answer.voice
    info = FACTORS[factor]
    embed = _follow_up(voice.say(info.title), answer, voice.say(info.explanation))
    embed.add_field(
        name=voice.say("This occupation"),
        value=f"**{round(score.factor(factor))}**/100",
        inline=True,
    )
    embed.add_field(
        name=voice.say("Among all occupations"),
        value=voice.say(
            "higher than {percent} of them",
            percent=texts.percent(score.percentiles.get(factor), voice),
        ),
        inline=True,
    )
    embed.add_field(
        name=voice.say("Skills that drive it"),
        value=_skill_lines(answer, score.factor_drivers.get(factor, ()))
        or voice.say("No single skill stands out."),
        inline=False,
    )
    return fit_embed(_footer(embed, answer.data_version, score.model_version, voice))


def resilient_embed(answer: Answer) -> discord.Embed:
    """The "Resilient skills" button: what in this job AI is least likely to take over."""
    score, voice = answer.score, answer.voice
    embed = _follow_up(
        voice.say(RESILIENT_SKILLS),
        answer,
        voice.say(
            "The skills of this job that today's AI is least able to do on its own. They are "
            "the part of the job to lean into."
        ),
    )
    embed.add_field(
        name=voice.say("Resilient"),
        value=_skill_lines(answer, score.resilient_skills)
        or voice.say("ESCO lists no clearly resilient skill for this job."),
        inline=False,
    )
    if score.exposed_skills:
        embed.add_field(
            name=voice.say("Most exposed"),
            value=_skill_lines(answer, score.exposed_skills, 5),
            inline=False,
        )
    return fit_embed(_footer(embed, answer.data_version, score.model_version, voice))


def paths_embed(answer: Answer) -> discord.Embed:
    """The "Where your skills could take you" button: lower-risk moves and skills to grow."""
    score, voice = answer.score, answer.voice
    embed = _follow_up(
        voice.say(WHERE_SKILLS_TAKE_YOU),
        answer,
        voice.say(
            "Related occupations at least 5 points lower, at the same ISCO skill level or "
            "above, ranked by the essential skills they share with this one; and skills worth "
            "growing."
        ),
    )
    moves = [
        "• "
        + voice.say(
            "{move} ({count} shared essential skills)",
            move=escape_user_text(line),
            count=similar.shared_skills,
        )
        for line, similar in zip(answer.words.moves, score.similar_safer, strict=True)
    ]
    embed.add_field(
        name=voice.say("Lower-risk occupations"),
        value=clip_lines(moves, limits.EMBED_FIELD_VALUE) or voice.say(texts.NO_MOVES),
        inline=False,
    )
    embed.add_field(
        name=voice.say("Skills worth growing"),
        value=_skill_lines(answer, score.grow_skills)
        or voice.say("No particular skill stands out."),
        inline=False,
    )
    return fit_embed(_footer(embed, answer.data_version, score.model_version, voice))


def methodology_embed(
    data_version: str, voice: Voice = ENGLISH, model_version: str = MODEL_VERSION
) -> discord.Embed:
    """The "Methodology" button: how the number is made, in a few paragraphs."""
    embed = discord.Embed(
        title=voice.say(texts.METHOD_TITLE),
        description=voice.say(texts.METHOD),
        colour=NEUTRAL_COLOUR,
    )
    for info in FACTORS.values():
        embed.add_field(name=voice.say(info.title), value=voice.say(info.explanation), inline=False)
    return fit_embed(_footer(embed, data_version, model_version, voice))


def did_you_mean_embed(query: str, names: Sequence[str], voice: Voice = ENGLISH) -> discord.Embed:
    """Shown above the did-you-mean menu; ``names`` are the candidates' names in ``voice``."""
    lines = [f"• {escape_user_text(name)}" for name in names]
    asked = f"*{clip(escape_user_text(query), 200)}*"
    head = voice.say("{query} fits several occupations. Pick one below.", query=asked)
    embed = discord.Embed(
        title=voice.say(DID_YOU_MEAN),
        description="\n".join([head, *lines]),
        colour=NEUTRAL_COLOUR,
    )
    if texts.has_fallback(*names):
        embed.set_footer(text=voice.say(texts.FALLBACK_NOTE))
    return fit_embed(embed)


def no_match_text(query: str, hint: str | None, voice: Voice = ENGLISH) -> str:
    """The ephemeral reply when nothing plausible matches.

    The matcher's hint is English; it is said through the voice so that a catalogue holding
    it translates it, and shown as it is otherwise.
    """
    asked = f"*{clip(escape_user_text(query), 200)}*"
    head = voice.say("No ESCO occupation matches {query}.", query=asked)
    tail = voice.say(hint) if hint else voice.say("Try a plainer job title.")
    return clip(f"{head} {tail}", limits.CONTENT)


def compare_embed(a: Answer, b: Answer) -> discord.Embed:
    """``/willai-compare``: two occupations side by side, one inline column each.

    In the language of ``a``; both answers are asked in the same one.
    """
    voice = a.voice
    left, right = a.score, b.score
    embed = discord.Embed(
        title=clip(
            voice.say(
                "{first} vs {second}",
                first=escape_user_text(a.title),
                second=escape_user_text(b.title),
            ),
            limits.EMBED_TITLE,
        ),
        colour=left.band.colour if left.overall >= right.overall else right.band.colour,
    )
    for answer in (a, b):
        score = answer.score
        band = f"**{voice.say(score.band.title)}**"
        lines = [score_line(score.overall), voice.say("Band: {band}", band=band)]
        lines += [
            voice.say(
                "{factor}: {value}",
                factor=voice.say(info.title),
                value=f"**{round(score.factor(name))}**",
            )
            for name, info in FACTORS.items()
        ]
        if answer.words.takeaways:
            lines.append(f"\n{escape_user_text(answer.words.takeaways[0])}")
        embed.add_field(
            name=escape_user_text(answer.title),
            value=clip_lines(lines, limits.EMBED_FIELD_VALUE),
            inline=True,
        )
    gap = left.overall - right.overall
    if gap == 0:
        verdict = voice.say("Both score the same.")
    else:
        higher = a if gap > 0 else b
        verdict = voice.say(
            "Higher exposure: {name}, by {points} points.",
            name=f"**{escape_user_text(higher.title)}**",
            points=abs(gap),
        )
    embed.add_field(name=voice.say("In short"), value=verdict, inline=False)
    return fit_embed(_footer(embed, a.data_version, left.model_version, voice))


#: The bands with the scores each covers, lowest first, for the about text.
BAND_RANGES = (
    (0, MODERATE_FROM - 1, Band.LOW),
    (MODERATE_FROM, HIGH_FROM - 1, Band.MODERATE),
    (HIGH_FROM, VERY_HIGH_FROM - 1, Band.HIGH),
    (VERY_HIGH_FROM, 100, Band.VERY_HIGH),
)


def about_embed(
    release: ReleaseInfo | None, occupations: int, voice: Voice = ENGLISH
) -> discord.Embed:
    """``/willai-about``: what the score means, where the data comes from, how to self-host."""
    embed = discord.Embed(
        title=voice.say("About willai"),
        description=voice.say(
            "**Will AI replace my job?** Type `/willai` and a job title. willai matches it to "
            "one of the ESCO occupations and shows its AI disruption score (0-100): how "
            "exposed the work is to what today's AI can do, from the skills ESCO lists for it. "
            "{disclaimer}",
            disclaimer=voice.say(texts.DISCLAIMER),
        ),
        colour=NEUTRAL_COLOUR,
    )
    bands = [f"{low}-{high} {voice.say(band.title)}" for low, high, band in BAND_RANGES]
    embed.add_field(name=voice.say("Bands"), value=" · ".join(bands), inline=False)
    embed.add_field(
        name=voice.say("Sources"),
        value=voice.say(
            "{attribution} The ILO generative-AI exposure index (2025) is used to validate "
            "the model, not to compute it.",
            attribution=voice.say(texts.ESCO_ATTRIBUTION),
        ),
        inline=False,
    )
    if release is None:
        data = voice.say("No data loaded.")
    else:
        data = voice.say(
            "{version}, {count} occupations, model {model}",
            version=data_version(release),
            count=occupations,
            model=MODEL_VERSION,
        )
    embed.add_field(name=voice.say("Data"), value=data, inline=False)
    embed.add_field(
        name=voice.say("Self-host"),
        value=voice.say(
            "The bot is open source: clone it, put your bot token in `.env` and run `make run`; "
            "the first start imports ESCO. See the README and docs/bot.md."
        ),
        inline=False,
    )
    embed.set_footer(text=voice.say(texts.ESCO_ATTRIBUTION))
    return fit_embed(embed)
