"""The store's tables.

Every ESCO table carries `release_id`: a new release is loaded beside the one serving and
becomes visible by flipping one row in `release`, so readers never see a half-loaded release
and a killed import leaves the old one untouched.
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import BigInteger, Column, Index, Text
from sqlmodel import Field, SQLModel


def _now() -> datetime:
    return datetime.now(UTC)


class ReleaseStatus:
    """Life cycle of a release row; plain strings keep the column portable."""

    LOADING = "loading"
    SERVING = "serving"
    RETIRED = "retired"
    FAILED = "failed"


class Release(SQLModel, table=True):
    """One import attempt: the serving release, retired ones, and failed attempts."""

    __tablename__ = "release"

    id: int | None = Field(default=None, primary_key=True)
    version: str = Field(max_length=64)
    source: str = Field(sa_column=Column(Text, nullable=False))
    checksum: str = Field(default="", max_length=64, index=True)
    status: str = Field(max_length=16, index=True)
    imported_at: datetime = Field(default_factory=_now)
    seconds: float = 0.0
    counts_json: str = Field(default="{}", sa_column=Column(Text, nullable=False, default="{}"))
    warnings_json: str = Field(default="[]", sa_column=Column(Text, nullable=False, default="[]"))
    error: str | None = Field(default=None, sa_column=Column(Text))
    model_version: str = Field(default="", max_length=32)


class Occupation(SQLModel, table=True):
    """An ESCO occupation in the language the release was imported in (English by default)."""

    __tablename__ = "occupation"

    release_id: int = Field(primary_key=True)
    uri: str = Field(primary_key=True, max_length=200)
    code: str = Field(max_length=64)
    isco_group: str = Field(max_length=8)
    preferred_label: str = Field(sa_column=Column(Text, nullable=False))
    description: str = Field(sa_column=Column(Text, nullable=False))
    regulated_note: str = Field(default="", sa_column=Column(Text, nullable=False))


class OccupationLabel(SQLModel, table=True):
    """Every preferred, alternative and hidden label, in every imported language."""

    __tablename__ = "occupation_label"
    __table_args__ = (Index("ix_occupation_label_release_lang", "release_id", "language"),)

    id: int | None = Field(default=None, primary_key=True)
    release_id: int
    occupation_uri: str = Field(max_length=200)
    label: str = Field(sa_column=Column(Text, nullable=False))
    kind: str = Field(max_length=10)  # preferred | alt | hidden
    language: str = Field(max_length=8)


class OccupationDescription(SQLModel, table=True):
    """ESCO's description of an occupation in a language other than the release's own."""

    __tablename__ = "occupation_description"
    __table_args__ = (Index("ix_occupation_description_release_lang", "release_id", "language"),)

    release_id: int = Field(primary_key=True)
    occupation_uri: str = Field(primary_key=True, max_length=200)
    language: str = Field(primary_key=True, max_length=8)
    description: str = Field(sa_column=Column(Text, nullable=False))


class Skill(SQLModel, table=True):
    """An ESCO skill or knowledge item."""

    __tablename__ = "skill"

    release_id: int = Field(primary_key=True)
    uri: str = Field(primary_key=True, max_length=200)
    skill_type: str = Field(max_length=32)
    reuse_level: str = Field(max_length=32)
    preferred_label: str = Field(sa_column=Column(Text, nullable=False))
    alt_labels: str = Field(default="", sa_column=Column(Text, nullable=False))
    description: str = Field(sa_column=Column(Text, nullable=False))


class SkillLabel(SQLModel, table=True):
    """Skill labels in languages other than the release's own (from skills_XX.csv)."""

    __tablename__ = "skill_label"
    __table_args__ = (Index("ix_skill_label_release_lang", "release_id", "language"),)

    id: int | None = Field(default=None, primary_key=True)
    release_id: int
    skill_uri: str = Field(max_length=200)
    label: str = Field(sa_column=Column(Text, nullable=False))
    kind: str = Field(max_length=10)
    language: str = Field(max_length=8)


class SkillGroup(SQLModel, table=True):
    """A node of the skills pillar (S, S2, S2.2, S2.2.1; K06 …), as the hierarchy file names it."""

    __tablename__ = "skill_group"

    release_id: int = Field(primary_key=True)
    uri: str = Field(primary_key=True, max_length=200)
    code: str = Field(max_length=32, index=True)
    level: int
    label: str = Field(sa_column=Column(Text, nullable=False))


class SkillGroupMembership(SQLModel, table=True):
    """A skill's ancestor groups at levels 0-3: the scoring model reads these."""

    __tablename__ = "skill_group_membership"
    __table_args__ = {"sqlite_with_rowid": False}

    release_id: int = Field(primary_key=True)
    skill_uri: str = Field(primary_key=True, max_length=200)
    group_code: str = Field(primary_key=True, max_length=32)
    level: int


class SkillCollection(SQLModel, table=True):
    """Membership of ESCO's thematic collections (digital, transversal, green, language …)."""

    __tablename__ = "skill_collection"
    __table_args__ = (Index("ix_skill_collection_skill", "release_id", "skill_uri"),)

    id: int | None = Field(default=None, primary_key=True)
    release_id: int
    skill_uri: str = Field(max_length=200)
    collection: str = Field(max_length=32)


class OccupationSkill(SQLModel, table=True):
    """Essential and optional skills of an occupation."""

    __tablename__ = "occupation_skill"
    # Clustered on its key in SQLite: one B-tree instead of a table plus an index.
    __table_args__ = {"sqlite_with_rowid": False}

    release_id: int = Field(primary_key=True)
    occupation_uri: str = Field(primary_key=True, max_length=200)
    skill_uri: str = Field(primary_key=True, max_length=200)
    relation_type: str = Field(max_length=16)  # essential | optional
    skill_type: str = Field(max_length=32)


class IscoGroup(SQLModel, table=True):
    """ISCO-08 groups, levels 1-4."""

    __tablename__ = "isco_group"

    release_id: int = Field(primary_key=True)
    code: str = Field(primary_key=True, max_length=8)
    uri: str = Field(max_length=200)
    label: str = Field(sa_column=Column(Text, nullable=False))
    description: str = Field(default="", sa_column=Column(Text, nullable=False))


class OccupationScore(SQLModel, table=True):
    """The scoring model's answer for an occupation, computed at import, read at answer time."""

    __tablename__ = "occupation_score"

    release_id: int = Field(primary_key=True)
    occupation_uri: str = Field(primary_key=True, max_length=200)
    model_version: str = Field(max_length=32)
    overall: int
    band: str = Field(max_length=16)
    skill_vulnerability: float
    task_automation: float
    ai_complementarity: float
    detail_json: str = Field(sa_column=Column(Text, nullable=False))


class GuildSetting(SQLModel, table=True):
    """Per-server preferences of the bot; not tied to a release."""

    __tablename__ = "guild_setting"

    guild_id: int = Field(sa_column=Column(BigInteger, primary_key=True, autoincrement=False))
    ephemeral: bool = False
    #: The answer language for members whose Discord language willai does not speak; "" is
    #: English. Added after the first schema: db.engine adds the column to older stores.
    language: str = Field(default="", max_length=8)
    updated_at: datetime = Field(default_factory=_now)


RELEASE_TABLES = (
    Occupation,
    OccupationLabel,
    OccupationDescription,
    Skill,
    SkillLabel,
    SkillGroup,
    SkillGroupMembership,
    SkillCollection,
    OccupationSkill,
    IscoGroup,
    OccupationScore,
)
