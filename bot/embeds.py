"""Pure functions from domain results to Discord embeds: no I/O, no bot, easy to test.

Every embed leaves through :func:`bot.limits.fit_embed`, so no occupation, however long its
labels or skill lists, can produce a message Discord would reject. Text that came from a user
(or from data we do not control, such as ESCO labels) is escaped before it is shown.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

import discord

from bot import limits
from bot.limits import clip, clip_lines, escape_user_text, fit_embed
from db.store import ReleaseInfo
from matching import Candidate
from scoring import FACTORS, MODEL_VERSION, OccupationScore, SkillRef
from scoring.phrases import title_case
from willai import texts
from willai.service import Answer

TAKEAWAYS_SHOWN = 4
SIMILAR_SHOWN = 3
SKILLS_SHOWN = 8
NEUTRAL_COLOUR = 0x5865F2


def _same_text(a: str, b: str) -> bool:
    return " ".join(a.casefold().split()) == " ".join(b.casefold().split())


def _pct(value: float) -> str:
    return f"{round(value)}%"


def score_line(overall: int) -> str:
    """``**62/100**`` and the bar, the first thing anyone reads."""
    return f"**{overall}/100** `{texts.score_bar(overall)}`"


def factor_value(score: OccupationScore, name: str) -> str:
    """A factor's value and where it stands among all occupations, in one short line."""
    value = round(score.factor(name))
    percentile = score.percentiles.get(name)
    return f"**{value}**/100\nhigher than {_pct(percentile)} of jobs"


def _skill_lines(skills: Sequence[SkillRef], limit: int = SKILLS_SHOWN) -> list[str]:
    out = []
    for skill in skills[:limit]:
        optional = "" if skill.essential else " (optional)"
        out.append(f"• {escape_user_text(skill.label)}{optional}")
    return out


def _footer(embed: discord.Embed, data_version: str, model_version: str) -> discord.Embed:
    embed.set_footer(text=texts.footer(data_version, model_version))
    return embed


def data_version(release: ReleaseInfo) -> str:
    """How the footer names a release, e.g. ``ESCO v1.2.0``."""
    return f"ESCO {release.version}"


def answer_embed(answer: Answer, picture: str | None = None) -> discord.Embed:
    """The report card: verdict, what the job is, how AI changes it, takeaways, moves.

    The same parts in the same order as the terminal card. The factor values are on the
    score card picture (``picture``, an attachment file name) and behind the buttons.
    """
    score = answer.score
    report = score.report
    lines = []
    if not _same_text(answer.query, score.label):
        lines.append(f"You asked: *{clip(escape_user_text(answer.query), 200)}*")
    lines.append(score_line(score.overall))
    lines.append(f"**{escape_user_text(report.verdict)}**")
    lines.append(f"\n**{escape_user_text(report.question)}**")
    lines.append(escape_user_text(report.summary))
    lines.append("\n**How AI is changing this role**")
    embed = discord.Embed(
        title=title_case(escape_user_text(score.label)),
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
            name="Key takeaways",
            value=clip_lines(takeaways, limits.EMBED_FIELD_VALUE),
            inline=False,
        )
    embed.add_field(
        name="Where your skills could take you", value=_moves_value(score), inline=False
    )
    if picture is not None:
        embed.set_image(url=f"attachment://{picture}")
    _footer(embed, answer.data_version, score.model_version)
    return fit_embed(embed)


def _moves_value(score: OccupationScore, limit: int = SIMILAR_SHOWN) -> str:
    lines = [f"• {escape_user_text(line)}" for line in score.report.moves[:limit]]
    if not lines:
        return texts.NO_MOVES
    return clip_lines(lines, limits.EMBED_FIELD_VALUE)


def factor_embed(score: OccupationScore, factor: str, data_version: str) -> discord.Embed:
    """A factor button's answer: what it measures, the value, its drivers, its percentile."""
    info = FACTORS[factor]
    embed = _follow_up(info.title, score, info.explanation)
    embed.add_field(
        name="This occupation", value=f"**{round(score.factor(factor))}**/100", inline=True
    )
    embed.add_field(
        name="Among all occupations",
        value=f"higher than {_pct(score.percentiles.get(factor))} of them",
        inline=True,
    )
    drivers = _skill_lines(score.factor_drivers.get(factor, ()))
    embed.add_field(
        name="Skills that drive it",
        value=clip_lines(drivers, limits.EMBED_FIELD_VALUE) or "No single skill stands out.",
        inline=False,
    )
    return fit_embed(_footer(embed, data_version, score.model_version))


def _follow_up(heading: str, score: OccupationScore, description: str) -> discord.Embed:
    """A follow-up answer: headed with what it explains and the occupation, in the band's colour."""
    return discord.Embed(
        title=f"{heading}: {title_case(escape_user_text(score.label))}",
        description=description,
        colour=score.band.colour,
    )


def resilient_embed(score: OccupationScore, data_version: str) -> discord.Embed:
    """The "Resilient skills" button: what in this job AI is least likely to take over."""
    embed = _follow_up(
        "Resilient skills",
        score,
        "The skills of this job that today's AI is least able "
        "to do on its own. They are the part of the job to lean into.",
    )
    embed.add_field(
        name="Resilient",
        value=clip_lines(_skill_lines(score.resilient_skills), limits.EMBED_FIELD_VALUE)
        or "ESCO lists no clearly resilient skill for this job.",
        inline=False,
    )
    if score.exposed_skills:
        embed.add_field(
            name="Most exposed",
            value=clip_lines(_skill_lines(score.exposed_skills, 5), limits.EMBED_FIELD_VALUE),
            inline=False,
        )
    return fit_embed(_footer(embed, data_version, score.model_version))


def paths_embed(score: OccupationScore, data_version: str) -> discord.Embed:
    """The "Where your skills could take you" button: lower-risk moves and skills to grow."""
    embed = _follow_up(
        "Where your skills could take you",
        score,
        "Related occupations at least 5 points lower, at the same ISCO skill level or "
        "above, ranked by the essential skills they share with this one; and skills worth "
        "growing.",
    )
    moves = [
        f"• {escape_user_text(line)} ({s.shared_skills} shared essential skills)"
        for line, s in zip(score.report.moves, score.similar_safer, strict=True)
    ]
    embed.add_field(
        name="Lower-risk occupations",
        value=clip_lines(moves, limits.EMBED_FIELD_VALUE) or texts.NO_MOVES,
        inline=False,
    )
    embed.add_field(
        name="Skills worth growing",
        value=clip_lines(_skill_lines(score.grow_skills), limits.EMBED_FIELD_VALUE)
        or "No particular skill stands out.",
        inline=False,
    )
    return fit_embed(_footer(embed, data_version, score.model_version))


def methodology_embed(data_version: str, model_version: str = MODEL_VERSION) -> discord.Embed:
    """The "Methodology" button: how the number is made, in a few paragraphs."""
    embed = discord.Embed(
        title=texts.METHOD_TITLE,
        description=texts.METHOD,
        colour=NEUTRAL_COLOUR,
    )
    for info in FACTORS.values():
        embed.add_field(name=info.title, value=info.explanation, inline=False)
    return fit_embed(_footer(embed, data_version, model_version))


def did_you_mean_embed(query: str, candidates: Sequence[Candidate]) -> discord.Embed:
    """Shown above the did-you-mean menu when the title fits several occupations."""
    names = [f"• {escape_user_text(title_case(c.label))}" for c in candidates]
    embed = discord.Embed(
        title="Did you mean…",
        description=f"*{clip(escape_user_text(query), 200)}* fits several occupations. "
        "Pick one below.\n" + "\n".join(names),
        colour=NEUTRAL_COLOUR,
    )
    return fit_embed(embed)


def no_match_text(query: str, hint: str | None) -> str:
    """The ephemeral reply when nothing plausible matches."""
    head = f"No ESCO occupation matches *{clip(escape_user_text(query), 200)}*."
    return clip(f"{head} {hint or 'Try a plainer job title.'}", limits.CONTENT)


def compare_embed(a: Answer, b: Answer) -> discord.Embed:
    """``/willai-compare``: two occupations side by side, one inline column each."""
    left, right = a.score, b.score
    embed = discord.Embed(
        title=clip(
            f"{title_case(escape_user_text(left.label))} vs {escape_user_text(right.label)}",
            limits.EMBED_TITLE,
        ),
        colour=left.band.colour if left.overall >= right.overall else right.band.colour,
    )
    for score in (left, right):
        lines = [score_line(score.overall), f"Band: **{score.band.label}**"]
        lines += [
            f"{info.title}: **{round(score.factor(name))}**" for name, info in FACTORS.items()
        ]
        if score.takeaways:
            lines.append(f"\n{score.takeaways[0]}")
        embed.add_field(
            name=title_case(escape_user_text(score.label)),
            value=clip_lines(lines, limits.EMBED_FIELD_VALUE),
            inline=True,
        )
    gap = left.overall - right.overall
    if gap == 0:
        verdict = "Both score the same."
    else:
        higher = left if gap > 0 else right
        verdict = (
            f"**{title_case(escape_user_text(higher.label))}** is more exposed, "
            f"by {abs(gap)} points."
        )
    embed.add_field(name="In short", value=verdict, inline=False)
    return fit_embed(_footer(embed, a.data_version, left.model_version))


def about_embed(release: ReleaseInfo | None, occupations: int) -> discord.Embed:
    """``/willai-about``: what the score means, where the data comes from, how to self-host."""
    version = data_version(release) if release else "no data loaded"
    embed = discord.Embed(
        title="About willai",
        description=(
            "**Will AI replace my job?** Type `/willai` and a job title. willai matches it to "
            "one of the ESCO occupations and shows its AI disruption score (0-100): how "
            "exposed the work is to what today's AI can do, from the skills ESCO lists for it. "
            f"{texts.DISCLAIMER}"
        ),
        colour=NEUTRAL_COLOUR,
    )
    embed.add_field(
        name="Bands",
        value=("0-24 low · 25-44 moderate · 45-69 high · 70-100 very high"),
        inline=False,
    )
    embed.add_field(
        name="Sources",
        value=(
            f"{texts.ESCO_ATTRIBUTION} The ILO generative-AI exposure index (2025) is used to "
            "validate the model, not to compute it."
        ),
        inline=False,
    )
    embed.add_field(
        name="Data",
        value=f"{version}, {occupations} occupations, model {MODEL_VERSION}",
        inline=False,
    )
    embed.add_field(
        name="Self-host",
        value=(
            "The bot is open source: clone it, put your bot token in `.env` and run `make run`; "
            "the first start imports ESCO. See the README and docs/bot.md."
        ),
        inline=False,
    )
    embed.set_footer(text=texts.ESCO_ATTRIBUTION)
    return fit_embed(embed)


@dataclass(frozen=True, slots=True)
class StatusFacts:
    """What ``/willai-admin status`` reports; gathered by the cog, formatted here."""

    release: ReleaseInfo | None
    last_attempt: str
    last_refresh: str
    last_check: str
    next_check: str
    latency_ms: float | None
    started_at: datetime
    now: datetime
    guilds: int
    shards: str


def _duration(seconds: float) -> str:
    seconds = int(seconds)
    days, rest = divmod(seconds, 86400)
    hours, rest = divmod(rest, 3600)
    minutes, secs = divmod(rest, 60)
    if days:
        return f"{days}d {hours}h {minutes}m"
    if hours:
        return f"{hours}h {minutes}m"
    return f"{minutes}m {secs}s"


def status_embed(facts: StatusFacts) -> discord.Embed:
    """The admin status: release, counts, refreshes, gateway, uptime."""
    embed = discord.Embed(title="willai status", colour=NEUTRAL_COLOUR)
    release = facts.release
    if release is None:
        embed.add_field(name="Release", value="none: the store is empty", inline=False)
    else:
        counts = release.counts
        labels = counts.get("labels") or {}
        languages = ", ".join(f"{k} {v}" for k, v in sorted(labels.items())) or "-"
        embed.add_field(
            name="Release",
            value=(
                f"{data_version(release)} (model {release.model_version})\n"
                f"imported {discord.utils.format_dt(release.imported_at, 'R')}"
            ),
            inline=False,
        )
        embed.add_field(
            name="Counts",
            value=(
                f"{counts.get('occupations', 0)} occupations · {counts.get('skills', 0)} skills · "
                f"{counts.get('relations', 0)} relations\nlabels: {languages}"
            ),
            inline=False,
        )
    embed.add_field(name="Last import attempt", value=facts.last_attempt, inline=False)
    embed.add_field(name="Last refresh", value=facts.last_refresh, inline=False)
    embed.add_field(
        name="Scheduled check",
        value=(f"{facts.last_check}\nnext: {facts.next_check}"),
        inline=False,
    )
    latency = "n/a" if facts.latency_ms is None else f"{facts.latency_ms:.0f} ms"
    embed.add_field(name="Gateway latency", value=latency, inline=True)
    embed.add_field(
        name="Uptime", value=_duration((facts.now - facts.started_at).total_seconds()), inline=True
    )
    embed.add_field(name="Guilds", value=str(facts.guilds), inline=True)
    embed.add_field(name="Shards", value=facts.shards, inline=True)
    return fit_embed(embed)
