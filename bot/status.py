"""What ``/willai-admin`` reports, in the admin's language: status, refresh progress, outcome.

The refresh coordinator (bot/refresh.py) and the store hand over facts and English message
ids; this module says them in the voice of whoever asked. Times are Discord timestamps, which
each reader's client shows in their own language and time zone; decimals and percentages go
through :mod:`willai.texts`, so they read "1,5 s" and "25 %" in French. What comes from outside
the bot in its own words stays English, as the log has it: an import's error, and the scheduled
check's reason (``willai.refresh_policy``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

import discord

from bot import embeds, limits
from bot.limits import clip, fit_embed
from bot.refresh import ProgressStep, RefreshOutcome
from db.store import ImportAttempt, ReleaseInfo
from scoring.messages import N_
from scoring.voice import ENGLISH, Voice
from willai import texts

ERROR_SHOWN = 300

#: A refresh's or a check's status, and the store's release states (``db.schema``) for the
#: last import attempt; a word missing here is shown as the code has it.
STATES = {
    "imported": N_("imported"),
    "unchanged": N_("unchanged"),
    "up to date": N_("up to date"),
    "failed": N_("failed"),
    "skipped": N_("skipped"),
    "serving": N_("serving"),
    "retired": N_("retired"),
    "loading": N_("loading"),
}
TRIGGERS = {"admin": N_("admin"), "scheduled": N_("scheduled")}
#: The admin's final reply starts with one of these, in bold.
HEADINGS = {
    "imported": N_("Done"),
    "unchanged": N_("Nothing to do"),
    "failed": N_("Refresh failed"),
}
#: An import's phases (``db.importer``, then ``willai.caches``); a CSV file is read under its
#: own name, and the ESCO web service's stages come as "ESCO API: <stage>"
#: (``willai.importing``). tests/bot/test_status.py checks an import reports no other.
PHASES = {
    "starting": N_("starting"),
    "scoring occupations": N_("scoring occupations"),
    "storing scores": N_("storing scores"),
    "committing": N_("committing"),
    "removing older releases": N_("removing older releases"),
    "building the match index": N_("building the match index"),
    "caching scores": N_("caching scores"),
}
READING = N_("reading {file}")
API_PREFIX = "ESCO API: "
API_STAGES = {
    "occupations": N_("ESCO web service: occupations"),
    "skills": N_("ESCO web service: skills"),
    "skill groups": N_("ESCO web service: skill groups"),
    "ISCO groups": N_("ESCO web service: ISCO groups"),
}
API_STAGE = N_("ESCO web service: {stage}")
REFRESHING = N_(
    "Refreshing ESCO from {source}; answers keep using ESCO {version} until the new data is ready."
)


def _word(voice: Voice, words: Mapping[str, str], key: str) -> str:
    """``key``'s word in ``voice``, or ``key`` itself when it has none."""
    return voice.say(words[key]) if key in words else key


def phase_text(phase: str, voice: Voice = ENGLISH) -> str:
    """An importer phase as the admin reads it."""
    if phase.startswith(API_PREFIX):
        stage = phase.removeprefix(API_PREFIX)
        if stage in API_STAGES:
            return voice.say(API_STAGES[stage])
        return voice.say(API_STAGE, stage=stage)
    if phase.endswith(".csv"):
        return voice.say(READING, file=phase)
    return _word(voice, PHASES, phase)


def progress_text(step: ProgressStep, voice: Voice = ENGLISH) -> str:
    """The phase, and its share done when the importer knows it: "storing scores (40%)"."""
    phase = phase_text(step.phase, voice)
    if not step.total:
        return phase
    return f"{phase} ({texts.percent(step.done / step.total * 100, voice)})"


def refreshing_text(source: str, version: str, voice: Voice = ENGLISH) -> str:
    """The admin's first reply; ``source`` is shown as code, already made safe."""
    return voice.say(REFRESHING, source=f"`{source}`", version=version)


def outcome_detail(outcome: RefreshOutcome, voice: Voice = ENGLISH) -> str:
    """What happened, in ``voice``; the importer's own error text stays as it is."""
    return voice.say(outcome.message, **outcome.values)


def outcome_text(outcome: RefreshOutcome, voice: Voice = ENGLISH) -> str:
    """The admin's final reply: "**Done**: ESCO v1.2.0 now serving, 3007 occupations (4.2 s)"."""
    heading = _word(voice, HEADINGS, outcome.status)
    text = voice.say(
        "{outcome}: {detail} ({seconds} s)",
        outcome=f"**{heading}**",
        detail=outcome_detail(outcome, voice),
        seconds=texts.decimal(outcome.seconds, 1, voice),
    )
    return clip(text, limits.CONTENT)


def outcome_line(outcome: RefreshOutcome, voice: Voice = ENGLISH) -> str:
    """One line of the status: "failed (admin, <when>): …"."""
    return voice.say(
        "{status} ({trigger}, {when}): {detail}",
        status=_word(voice, STATES, outcome.status),
        trigger=_word(voice, TRIGGERS, outcome.trigger),
        when=discord.utils.format_dt(outcome.at, "f"),
        detail=outcome_detail(outcome, voice),
    )


@dataclass(frozen=True, slots=True)
class StatusFacts:
    """What ``/willai-admin status`` reports; gathered by the cog, said here."""

    release: ReleaseInfo | None
    attempt: ImportAttempt | None
    refreshing: bool
    last_refresh: RefreshOutcome | None
    last_check: RefreshOutcome | None
    next_check: datetime | None
    latency_ms: float | None
    started_at: datetime
    now: datetime
    guilds: int
    shards_running: int
    shard_count: int


def duration(seconds: float, voice: Voice = ENGLISH) -> str:
    """An uptime in its two largest units: "2d 3h 4m", "3h 4m", "4m 5s"."""
    seconds = int(seconds)
    days, rest = divmod(seconds, 86400)
    hours, rest = divmod(rest, 3600)
    minutes, secs = divmod(rest, 60)
    if days:
        return voice.say("{days}d {hours}h {minutes}m", days=days, hours=hours, minutes=minutes)
    if hours:
        return voice.say("{hours}h {minutes}m", hours=hours, minutes=minutes)
    return voice.say("{minutes}m {seconds}s", minutes=minutes, seconds=secs)


def _release_fields(embed: discord.Embed, release: ReleaseInfo | None, voice: Voice) -> None:
    if release is None:
        embed.add_field(
            name=voice.say("Release"), value=voice.say("none: the store is empty"), inline=False
        )
        return
    counts = release.counts
    labels = counts.get("labels") or {}
    languages = ", ".join(f"{k} {v}" for k, v in sorted(labels.items())) or "-"
    version = voice.say(
        "{version} (model {model})",
        version=embeds.data_version(release),
        model=release.model_version,
    )
    imported = voice.say("imported {when}", when=discord.utils.format_dt(release.imported_at, "R"))
    embed.add_field(name=voice.say("Release"), value=f"{version}\n{imported}", inline=False)
    sizes = voice.say(
        "{occupations} occupations · {skills} skills · {relations} relations",
        occupations=counts.get("occupations", 0),
        skills=counts.get("skills", 0),
        relations=counts.get("relations", 0),
    )
    named = voice.say("labels: {languages}", languages=languages)
    embed.add_field(name=voice.say("Counts"), value=f"{sizes}\n{named}", inline=False)


def _attempt_text(attempt: ImportAttempt | None, voice: Voice) -> str:
    if attempt is None:
        return voice.say("none")
    text = voice.say(
        "{status} {when}",
        status=_word(voice, STATES, attempt.status),
        when=discord.utils.format_dt(attempt.imported_at, "R"),
    )
    if attempt.error:
        text = voice.say("{attempt}: {error}", attempt=text, error=clip(attempt.error, ERROR_SHOWN))
    return text


def _refresh_text(facts: StatusFacts, voice: Voice) -> str:
    if facts.refreshing:
        return voice.say("running now")
    if facts.last_refresh is not None:
        return outcome_line(facts.last_refresh, voice)
    return voice.say("none since start")


def _check_text(facts: StatusFacts, voice: Voice) -> str:
    last = (
        voice.say("none yet") if facts.last_check is None else outcome_line(facts.last_check, voice)
    )
    when = (
        voice.say("disabled")
        if facts.next_check is None
        else discord.utils.format_dt(facts.next_check, "R")
    )
    upcoming = voice.say("next: {when}", when=when)
    return f"{last}\n{upcoming}"


def status_embed(facts: StatusFacts, voice: Voice = ENGLISH) -> discord.Embed:
    """The admin status: release, counts, refreshes, gateway, uptime."""
    embed = discord.Embed(title=voice.say("willai status"), colour=embeds.NEUTRAL_COLOUR)
    _release_fields(embed, facts.release, voice)
    embed.add_field(
        name=voice.say("Last import attempt"),
        value=_attempt_text(facts.attempt, voice),
        inline=False,
    )
    embed.add_field(name=voice.say("Last refresh"), value=_refresh_text(facts, voice), inline=False)
    embed.add_field(
        name=voice.say("Scheduled check"), value=_check_text(facts, voice), inline=False
    )
    latency = (
        voice.say("n/a")
        if facts.latency_ms is None
        else f"{texts.decimal(facts.latency_ms, 0, voice)} ms"
    )
    embed.add_field(name=voice.say("Gateway latency"), value=latency, inline=True)
    uptime = duration((facts.now - facts.started_at).total_seconds(), voice)
    embed.add_field(name=voice.say("Uptime"), value=uptime, inline=True)
    embed.add_field(name=voice.say("Guilds"), value=str(facts.guilds), inline=True)
    embed.add_field(
        name=voice.say("Shards"),
        value=voice.say(
            "{running} of {count}", running=facts.shards_running, count=facts.shard_count
        ),
        inline=True,
    )
    return fit_embed(embed)
