"""Reading the serving release: what the CLI, the matcher and the bot ask of the store."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, case, delete, distinct, func, insert, select
from sqlalchemy.engine import Engine

import scoring
from db import schema
from db.bulk import bulk_insert
from db.changes import announce, guild_payload
from db.engine import is_read_only, make_engine
from db.importer import serving_release
from db.releases import NoReleaseError, ReleaseInfo, aware, own_language, release_info
from db.scores import SCORE_COLUMNS, ScoredRelease, ScoreRows, compute_scores
from scoring.types import Occupation, Skill

if TYPE_CHECKING:
    from matching.types import LabelRecord, OccupationRecord


@dataclass(frozen=True, slots=True)
class ImportAttempt:
    """The latest import attempt, successful or not, for the admin status."""

    status: str
    imported_at: datetime
    error: str | None


@dataclass(frozen=True, slots=True)
class ScoreSummary:
    """One line of the score export."""

    uri: str
    code: str
    isco_group: str
    label: str
    overall: int
    band: str
    skill_vulnerability: float
    task_automation: float
    ai_complementarity: float


@dataclass(frozen=True, slots=True)
class GuildSettings:
    """A server's preferences: private answers, and the answer language ("" is English)."""

    ephemeral: bool = False
    language: str = ""


class Store:
    """One engine, and the questions answered from the serving release."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    @classmethod
    def from_url(cls, database_url: str, *, connect_timeout: float | None = None) -> Store:
        if connect_timeout is None:
            return cls(make_engine(database_url))
        return cls(make_engine(database_url, connect_timeout=connect_timeout))

    @property
    def read_only(self) -> bool:
        """A store this process may read but not write (see ``db.engine.make_engine``)."""
        return is_read_only(self.engine)

    def release(self) -> ReleaseInfo | None:
        with self.engine.connect() as conn:
            row = serving_release(conn)
        if row is None or row.id is None:
            return None
        return release_info(row.model_dump())

    def require_release(self) -> ReleaseInfo:
        release = self.release()
        if release is None:
            raise NoReleaseError
        return release

    def last_attempt(self) -> ImportAttempt | None:
        table = schema.Release.__table__
        with self.engine.connect() as conn:
            row = conn.execute(
                select(table.c.status, table.c.imported_at, table.c.error)
                .order_by(table.c.id.desc())
                .limit(1)
            ).first()
        return ImportAttempt(row.status, aware(row.imported_at), row.error) if row else None

    def status(self) -> dict[str, Any]:
        """The `data status --json` document."""
        release = self.release()
        attempt = self.last_attempt()
        counts = release.counts if release else {}
        return {
            "release": None
            if release is None
            else {
                "version": release.version,
                "source": release.source,
                "imported_at": release.imported_at.isoformat(),
                "checksum": release.checksum,
                "model_version": release.model_version,
                "seconds": release.seconds,
            },
            "counts": {
                "occupations": counts.get("occupations", 0),
                "skills": counts.get("skills", 0),
                "relations": counts.get("relations", 0),
                "scores": counts.get("scores", 0),
                "labels": counts.get("labels", {}),
                "skill_labels": self._skill_label_counts(release),
            },
            "warnings": release.warnings if release else [],
            "last_import": None
            if attempt is None
            else {
                "status": attempt.status,
                "at": attempt.imported_at.isoformat(),
                "error": attempt.error,
            },
            "database_url": self.engine.url.render_as_string(hide_password=True),
        }

    def _skill_label_counts(self, release: ReleaseInfo | None) -> dict[str, dict[str, int]]:
        """Per language: skills labelled and labels stored, as the import counted them.

        A release imported before willai counted them has the rows but not the counts, so they
        are counted from the table instead.
        """
        if release is None:
            return {}
        if "skill_labels" in release.counts:
            return release.counts["skill_labels"]
        table = schema.SkillLabel.__table__
        query = (
            select(
                table.c.language,
                func.count(distinct(case((table.c.kind == "preferred", table.c.skill_uri)))),
                func.count(),
            )
            .where(table.c.release_id == release.id)
            .group_by(table.c.language)
            .order_by(table.c.language)
        )
        with self.engine.connect() as conn:
            return {
                language: {"skills": skills, "labels": labels}
                for language, skills, labels in conn.execute(query)
            }

    # --- skill labels in the asker's language ------------------------------------------------

    def skill_labels(self, language: str, *, release_id: int | None = None) -> dict[str, str]:
        """Each skill's preferred label in `language`, as skill URI -> label.

        For the serving release unless `release_id` names another. The release's own language
        (English unless a bundle without English was imported) reads the skills themselves; any
        other language reads the labels imported from skills_XX.csv files or the ESCO web
        service. A skill ESCO does not label in that language is absent from the mapping, so the
        caller can show the English label and say why.
        """
        if release_id is None:
            release_id = self.require_release().id
        with self.engine.connect() as conn:
            if language == self._own_language(conn, release_id):
                skills = schema.Skill.__table__
                query = select(skills.c.uri, skills.c.preferred_label).where(
                    skills.c.release_id == release_id
                )
            else:
                labels = schema.SkillLabel.__table__
                query = select(labels.c.skill_uri, labels.c.label).where(
                    labels.c.release_id == release_id,
                    labels.c.language == language,
                    labels.c.kind == "preferred",
                )
            return dict(conn.execute(query).all())

    def occupation_words(
        self, language: str, *, release_id: int | None = None
    ) -> tuple[dict[str, str], dict[str, str]]:
        """Occupation URI -> preferred label, and URI -> description, in ``language``.

        The release's own language reads the occupations themselves; another reads the labels
        and descriptions imported from occupations_XX.csv. An occupation missing from either
        mapping has no ESCO text in that language (older imports kept no descriptions).
        """
        if release_id is None:
            release_id = self.require_release().id
        with self.engine.connect() as conn:
            if language == self._own_language(conn, release_id):
                table = schema.Occupation.__table__
                rows = conn.execute(
                    select(table.c.uri, table.c.preferred_label, table.c.description).where(
                        table.c.release_id == release_id
                    )
                ).all()
                return {r[0]: r[1] for r in rows}, {r[0]: r[2] for r in rows if r[2]}
            labels = schema.OccupationLabel.__table__
            texts = schema.OccupationDescription.__table__
            names = dict(
                conn.execute(
                    select(labels.c.occupation_uri, labels.c.label).where(
                        labels.c.release_id == release_id,
                        labels.c.language == language,
                        labels.c.kind == "preferred",
                    )
                ).all()
            )
            descriptions = dict(
                conn.execute(
                    select(texts.c.occupation_uri, texts.c.description).where(
                        texts.c.release_id == release_id, texts.c.language == language
                    )
                ).all()
            )
        return names, descriptions

    @staticmethod
    def _own_language(conn: Connection, release_id: int) -> str:
        release_table = schema.Release.__table__
        counts_json = conn.execute(
            select(release_table.c.counts_json).where(release_table.c.id == release_id)
        ).scalar()
        return own_language(counts_json)

    # --- inputs of the model and the matcher -------------------------------------------------

    def score_rows(self, conn: Connection, release_id: int) -> ScoreRows:
        def where(table: Any) -> Any:
            return table.c.release_id == release_id

        occ, skl = schema.Occupation.__table__, schema.Skill.__table__
        occupations = {
            r.uri: {
                "label": r.preferred_label,
                "code": r.code,
                "isco_group": r.isco_group,
                "description": r.description,
            }
            for r in conn.execute(select(occ).where(where(occ)))
        }
        skills = {
            r.uri: {
                "label": r.preferred_label,
                "description": r.description,
                "skill_type": r.skill_type,
                "reuse_level": r.reuse_level,
            }
            for r in conn.execute(select(skl).where(where(skl)))
        }
        codes: dict[str, list[str]] = defaultdict(list)
        mem = schema.SkillGroupMembership.__table__
        for r in conn.execute(
            select(mem.c.skill_uri, mem.c.group_code)
            .where(where(mem))
            .order_by(mem.c.skill_uri, mem.c.level, mem.c.group_code)
        ):
            codes[r.skill_uri].append(r.group_code)
        collections: dict[str, set[str]] = defaultdict(set)
        col = schema.SkillCollection.__table__
        for r in conn.execute(select(col.c.skill_uri, col.c.collection).where(where(col))):
            collections[r.skill_uri].add(r.collection)
        relations: dict[str, tuple[list[str], list[str]]] = {}
        rel = schema.OccupationSkill.__table__
        for r in conn.execute(
            select(rel.c.occupation_uri, rel.c.skill_uri, rel.c.relation_type).where(where(rel))
        ):
            essential, optional = relations.setdefault(r.occupation_uri, ([], []))
            (essential if r.relation_type == "essential" else optional).append(r.skill_uri)
        return ScoreRows(
            occupations, skills, {k: tuple(v) for k, v in codes.items()}, collections, relations
        )

    def scoring_inputs(self) -> tuple[list[Occupation], dict[str, Skill]]:
        release = self.require_release()
        with self.engine.connect() as conn:
            return self.score_rows(conn, release.id).scoring_inputs()

    def match_inputs(self) -> tuple[list[OccupationRecord], list[LabelRecord]]:
        # Here, not at the top: the matcher's package loads the matcher, which an import,
        # `status` or an export never uses.
        from matching.types import LabelRecord, OccupationRecord  # noqa: PLC0415

        release = self.require_release()
        occ, lab = schema.Occupation.__table__, schema.OccupationLabel.__table__
        with self.engine.connect() as conn:
            occupations = [
                OccupationRecord(r.uri, r.preferred_label, r.code, r.isco_group, r.description)
                for r in conn.execute(
                    select(occ).where(occ.c.release_id == release.id).order_by(occ.c.uri)
                )
            ]
            labels = [
                LabelRecord(r.occupation_uri, r.label, r.kind, r.language)
                for r in conn.execute(
                    select(lab.c.occupation_uri, lab.c.label, lab.c.kind, lab.c.language)
                    .where(lab.c.release_id == release.id)
                    .order_by(lab.c.id)
                )
            ]
        return occupations, labels

    # --- scores ------------------------------------------------------------------------------

    def score(self, occupation_uri: str) -> scoring.OccupationScore | None:
        release = self.require_release()
        table = schema.OccupationScore.__table__
        with self.engine.connect() as conn:
            detail = conn.execute(
                select(table.c.detail_json).where(
                    table.c.release_id == release.id,
                    table.c.occupation_uri == occupation_uri,
                )
            ).scalar()
        return None if detail is None else scoring.OccupationScore.from_dict(json.loads(detail))

    def all_scores(self) -> dict[str, scoring.OccupationScore]:
        """Every score of the serving release, for a process that answers from memory."""
        release = self.require_release()
        table = schema.OccupationScore.__table__
        with self.engine.connect() as conn:
            return {
                r.occupation_uri: scoring.OccupationScore.from_dict(json.loads(r.detail_json))
                for r in conn.execute(
                    select(table.c.occupation_uri, table.c.detail_json).where(
                        table.c.release_id == release.id
                    )
                )
            }

    def score_details(self) -> Iterator[tuple[str, str]]:
        """(occupation URI, stored score document) of the serving release, as stored.

        For a process that keeps the scores compact (willai.caches): no document is decoded.
        """
        release = self.require_release()
        table = schema.OccupationScore.__table__
        with self.engine.connect() as conn:
            for row in conn.execute(
                select(table.c.occupation_uri, table.c.detail_json)
                .where(table.c.release_id == release.id)
                .order_by(table.c.occupation_uri)
            ):
                yield row.occupation_uri, row.detail_json

    def score_summaries(self) -> Iterator[ScoreSummary]:
        release = self.require_release()
        occ, sc = schema.Occupation.__table__, schema.OccupationScore.__table__
        query = (
            select(
                occ.c.uri,
                occ.c.code,
                occ.c.isco_group,
                occ.c.preferred_label,
                sc.c.overall,
                sc.c.band,
                sc.c.skill_vulnerability,
                sc.c.task_automation,
                sc.c.ai_complementarity,
            )
            .join(sc, (sc.c.occupation_uri == occ.c.uri) & (sc.c.release_id == occ.c.release_id))
            .where(occ.c.release_id == release.id)
            .order_by(occ.c.code, occ.c.uri)
        )
        with self.engine.connect() as conn:
            for r in conn.execute(query):
                yield ScoreSummary(
                    r.uri,
                    r.code,
                    r.isco_group,
                    r.preferred_label,
                    r.overall,
                    r.band,
                    r.skill_vulnerability,
                    r.task_automation,
                    r.ai_complementarity,
                )

    def rescore_if_stale(self) -> bool:
        """Recompute scores when the model changed since the release was imported."""
        release = self.release()
        if release is None or release.model_version == scoring.MODEL_VERSION:
            return False
        table, release_table = schema.OccupationScore.__table__, schema.Release.__table__
        with self.engine.begin() as conn:
            scored: ScoredRelease = compute_scores(self.score_rows(conn, release.id))
            conn.execute(delete(table).where(table.c.release_id == release.id))
            bulk_insert(conn, table, SCORE_COLUMNS, scored.rows(release.id))
            conn.execute(
                release_table.update()
                .where(release_table.c.id == release.id)
                .values(model_version=scoring.MODEL_VERSION)
            )
        return True

    # --- per-server preferences --------------------------------------------------------------

    def guild_ephemeral(self, guild_id: int) -> bool:
        return self.guild_settings(guild_id).ephemeral

    def guild_language(self, guild_id: int) -> str:
        """The answer language an admin chose for the server ("" when none was chosen)."""
        return self.guild_settings(guild_id).language

    def guild_settings(self, guild_id: int) -> GuildSettings:
        table = schema.GuildSetting.__table__
        with self.engine.connect() as conn:
            row = conn.execute(
                select(table.c.ephemeral, table.c.language).where(table.c.guild_id == guild_id)
            ).first()
        if row is None:
            return GuildSettings()
        return GuildSettings(bool(row.ephemeral), str(row.language or ""))

    def set_guild_ephemeral(self, guild_id: int, ephemeral: bool) -> None:
        self._set_guild(guild_id, ephemeral=ephemeral)

    def set_guild_language(self, guild_id: int, language: str) -> None:
        """Store the server's answer language ("" to go back to English)."""
        self._set_guild(guild_id, language=language)

    def _set_guild(self, guild_id: int, **changes: object) -> None:
        """Change some of a guild's settings and keep the others, in one transaction."""
        table = schema.GuildSetting.__table__
        with self.engine.begin() as conn:
            row = conn.execute(
                select(table.c.ephemeral, table.c.language)
                .where(table.c.guild_id == guild_id)
                .with_for_update()
            ).first()
            values: dict[str, object] = (
                {"ephemeral": False, "language": ""}
                if row is None
                else {"ephemeral": bool(row.ephemeral), "language": str(row.language or "")}
            )
            values.update(changes)
            conn.execute(delete(table).where(table.c.guild_id == guild_id))
            conn.execute(
                insert(table).values(guild_id=guild_id, updated_at=datetime.now(UTC), **values)
            )
            announce(conn, guild_payload(guild_id))

    def occupation_count(self) -> int:
        release = self.require_release()
        table = schema.Occupation.__table__
        with self.engine.connect() as conn:
            return int(
                conn.execute(
                    select(func.count()).select_from(table).where(table.c.release_id == release.id)
                ).scalar_one()
            )
