"""A local fake of the ESCO web service (aiohttp on a real socket), for tests and benchmarks.

It serves the response shapes of /work/shared/docs/esco-web-service.md: HAL ``_links`` /
``_embedded``, ``offset`` as a page number, bulk by ``uris`` and by ``isInScheme`` (``_embedded``
keyed by URI), ``/resource/taxonomy``, ``/resource/related``, ``/search`` and the documented error
body. Its content is built at test time from a slice of a real ESCO CSV bundle, and faults can
be injected: HTTP errors, 429 with ``Retry-After``, delays (for timeouts), malformed JSON, each
for the next N matching requests. Unknown ``selectedVersion`` values get a 400
``BadInputException`` (the real behaviour is unconfirmed; the fake picks this one).
"""

from __future__ import annotations

import asyncio
import copy
import csv
import json
import math
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from aiohttp import web

ESCO = "http://data.europa.eu/esco/"
SCHEME = ESCO + "concept-scheme/"
BASE = "{BASE}"  # replaced by the server's base URL when a response is sent
SKILL_TYPE_URIS = {
    "skill/competence": ESCO + "skill-type/skill",
    "knowledge": ESCO + "skill-type/knowledge",
}
REUSE_TITLES = {
    "transversal": "transversal skills and competences",
    "cross-sector": "cross-sector skills and competences",
    "sector-specific": "sector specific skills and competences",
    "occupation-specific": "occupation specific skills and competences",
}
KIND_PATH = {"Occupation": "occupation", "Skill": "skill", "Concept": "concept"}

Resource = dict[str, Any]


def read_csv(path: Path) -> list[dict[str, str]]:
    """Rows with ``None`` (short official rows) turned into empty strings."""
    with path.open(encoding="utf-8", newline="") as handle:
        return [{k: v or "" for k, v in row.items()} for row in csv.DictReader(handle)]


def split_multi(value: str) -> list[str]:
    """Multi-valued cell → values (newline-separated; inScheme also has trailing commas)."""
    return [part.strip().rstrip(",").strip() for part in value.split("\n") if part.strip()]


def link(kind: str, uri: str, title: str, **extra: str) -> dict[str, str]:
    return {
        "href": f"{BASE}/resource/{kind}?uri={uri}&language=en",
        "uri": uri,
        "title": title,
        **extra,
    }


@dataclass
class FakeData:
    """Resources by URI plus scheme membership, all languages inline (as the real service)."""

    resources: dict[str, Resource] = field(default_factory=dict)
    schemes: dict[str, list[str]] = field(default_factory=dict)
    top_concepts: dict[str, list[str]] = field(default_factory=dict)

    def of_kind(self, kind: str, uri: str) -> Resource | None:
        resource = self.resources.get(uri)
        if resource is None:
            return None
        if kind == "concept" or KIND_PATH.get(resource["className"]) == kind:
            return resource
        return None


def _label_fields(rows_by_lang: dict[str, dict[str, str]], resource: Resource) -> None:
    for lang, row in rows_by_lang.items():
        if row.get("preferredLabel"):
            resource.setdefault("preferredLabel", {})[lang] = row["preferredLabel"]
        for column, key in (("altLabels", "alternativeLabel"), ("hiddenLabels", "hiddenLabel")):
            values = split_multi(row.get(column, ""))
            if values:
                resource.setdefault(key, {})[lang] = values
        for column in ("description", "definition", "scopeNote"):
            if row.get(column):
                resource.setdefault(column, {})[lang] = {
                    "literal": row[column],
                    "mimetype": "plain/text",
                }


def _base_resource(
    class_name: str, uri: str, row: dict[str, str], langs: dict[str, dict[str, str]]
) -> Resource:
    resource: Resource = {
        "className": class_name,
        "classId": f"{ESCO}model#{class_name}",
        "uri": uri,
        "referenceLanguage": ["en"],
    }
    _label_fields(langs, resource)
    for key in ("status", "code", "modifiedDate"):
        if row.get(key):
            resource[key] = row[key]
    kind = KIND_PATH[class_name]
    resource["_links"] = {"self": link(kind, uri, row.get("preferredLabel", ""))}
    schemes = split_multi(row.get("inScheme", ""))
    if schemes:
        resource["_links"]["isInScheme"] = [link("taxonomy", s, s) for s in schemes]
    return resource


def _add_links(resource: Resource, rel: str, items: Iterable[dict[str, str]]) -> None:
    items = list(items)
    if items:
        resource["_links"].setdefault(rel, []).extend(items)


def build_data(
    bundle_dir: Path,
    occupation_count: int,
    *,
    extra_languages: dict[str, Path] | None = None,
    extra_skill_languages: dict[str, Path] | None = None,
    hide_every_nth_skill: int = 10,
) -> FakeData:
    """Fake content: the first ``occupation_count`` occupations (by URI) that have skills.

    Includes their skills and the broader-skill closure, every ISCO group and every skills
    hierarchy group. Every ``hide_every_nth_skill``-th skill is left out of the
    ``member-skills`` listing (still served by URI), as the real listing reportedly misses
    some, so harvests must fill gaps. ``extra_languages`` maps a language to its
    occupations_<lang>.csv, ``extra_skill_languages`` to its skills_<lang>.csv (a file of
    another ESCO version works: skills it lacks simply have no label in that language).
    """
    en = bundle_dir / "en"
    rel = bundle_dir / "relations"
    occupations = {r["conceptUri"]: r for r in read_csv(en / "occupations_en.csv")}
    relations = read_csv(rel / "occupationSkillRelations.csv")
    by_occ: dict[str, list[dict[str, str]]] = defaultdict(list)
    for row in relations:
        by_occ[row["occupationUri"]].append(row)
    chosen = [u for u in sorted(occupations) if by_occ.get(u)][:occupation_count]
    other_langs = {
        lang: {r["conceptUri"]: r for r in read_csv(p)}
        for lang, p in (extra_languages or {}).items()
    }
    other_skill_langs = {
        lang: {r["conceptUri"]: r for r in read_csv(p)}
        for lang, p in (extra_skill_languages or {}).items()
    }
    skills_rows = {r["conceptUri"]: r for r in read_csv(en / "skills_en.csv")}
    groups_rows = {r["conceptUri"]: r for r in read_csv(en / "skillGroups_en.csv")}
    isco_rows = {r["conceptUri"]: r for r in read_csv(en / "ISCOGroups_en.csv")}
    hierarchy = read_csv(en / "skillsHierarchy_en.csv")
    skill_pillar = read_csv(rel / "broaderRelationsSkillPillar.csv")
    occ_pillar = read_csv(rel / "broaderRelationsOccPillar.csv")

    def title(uri: str) -> str:
        for table in (occupations, skills_rows, groups_rows, isco_rows):
            if uri in table:
                return table[uri]["preferredLabel"]
        return ""

    data = FakeData()
    res = data.resources
    # Skills hierarchy groups (level-0 nodes are not in skillGroups_en.csv: build from the tree).
    group_parent: dict[str, str] = {}
    tops: list[str] = []
    for row in hierarchy:
        path = [
            (row[f"Level {i} URI"], row[f"Level {i} preferred term"], row[f"Level {i} code"])
            for i in range(4)
            if row[f"Level {i} URI"]
        ]
        uri, term, code = path[-1]
        base = groups_rows.get(uri) or {
            "preferredLabel": term,
            "status": "released",
            "description": row["Description"],
            "scopeNote": row["Scope note"],
        }
        base = {**base, "code": base.get("code") or code}
        res[uri] = _base_resource("Concept", uri, base, {"en": base})
        if len(path) == 1:
            tops.append(uri)
        else:
            group_parent[uri] = path[-2][0]
    for child, parent in group_parent.items():
        _add_links(
            res[child],
            "broaderConcept",
            [link("concept", parent, title(parent) or res[parent]["preferredLabel"]["en"])],
        )
        _add_links(
            res[parent],
            "narrowerConcept",
            [link("concept", child, res[child]["preferredLabel"]["en"])],
        )
    data.top_concepts[SCHEME + "skills-hierarchy"] = tops
    # ISCO groups.
    for uri, row in isco_rows.items():
        res[uri] = _base_resource("Concept", uri, row, {"en": row})
    for row in occ_pillar:
        if row["conceptType"] == "ISCOGroup" and row["conceptUri"] in res:
            child, parent = row["conceptUri"], row["broaderUri"]
            _add_links(res[child], "broaderConcept", [link("concept", parent, title(parent))])
            _add_links(res[parent], "narrowerConcept", [link("concept", child, title(child))])
    majors = sorted(u for u, r in isco_rows.items() if len(r["code"]) == 1)
    data.top_concepts[SCHEME + "isco"] = majors
    data.top_concepts[SCHEME + "occupations"] = majors
    # Skills: related to the chosen occupations, plus the broader-skill closure.
    broader: dict[str, list[dict[str, str]]] = defaultdict(list)
    for row in skill_pillar:
        if row["conceptType"] == "KnowledgeSkillCompetence":
            broader[row["conceptUri"]].append(row)
    wanted = {r["skillUri"] for occ in chosen for r in by_occ[occ]}
    todo = list(wanted)
    while todo:
        uri = todo.pop()
        for row in broader.get(uri, []):
            if row["broaderType"] == "KnowledgeSkillCompetence" and row["broaderUri"] not in wanted:
                wanted.add(row["broaderUri"])
                todo.append(row["broaderUri"])
    skill_uris = sorted(u for u in wanted if u in skills_rows)
    for uri in skill_uris:
        row = skills_rows[uri]
        skill_langs = {"en": row} | {
            lang: table[uri] for lang, table in other_skill_langs.items() if uri in table
        }
        skill = _base_resource("Skill", uri, row, skill_langs)
        if row["skillType"]:
            _add_links(
                skill,
                "hasSkillType",
                [
                    link(
                        "concept", SKILL_TYPE_URIS[row["skillType"]], row["skillType"].split("/")[0]
                    )
                ],
            )
        if row["reuseLevel"]:
            _add_links(
                skill,
                "hasReuseLevel",
                [
                    link(
                        "concept",
                        ESCO + "skill-reuse-level/" + row["reuseLevel"],
                        REUSE_TITLES[row["reuseLevel"]],
                    )
                ],
            )
        for b in broader.get(uri, []):
            rel_name = (
                "broaderSkill"
                if b["broaderType"] == "KnowledgeSkillCompetence"
                else "broaderHierarchyConcept"
            )
            kind = "skill" if rel_name == "broaderSkill" else "concept"
            _add_links(skill, rel_name, [link(kind, b["broaderUri"], title(b["broaderUri"]))])
        res[uri] = skill
    # Occupations.
    for uri in chosen:
        row = occupations[uri]
        langs = {"en": row} | {
            lang: table[uri] for lang, table in other_langs.items() if uri in table
        }
        occ = _base_resource("Occupation", uri, row, langs)
        for b in occ_pillar:
            if b["conceptUri"] != uri:
                continue
            if b["broaderType"] == "ISCOGroup":
                code = isco_rows[b["broaderUri"]]["code"]
                _add_links(
                    occ,
                    "broaderIscoGroup",
                    [link("concept", b["broaderUri"], title(b["broaderUri"]), code=code)],
                )
                _add_links(
                    res[b["broaderUri"]],
                    "narrowerOccupation",
                    [link("occupation", uri, row["preferredLabel"])],
                )
            else:
                _add_links(
                    occ,
                    "broaderOccupation",
                    [link("occupation", b["broaderUri"], title(b["broaderUri"]))],
                )
        for r in by_occ[uri]:
            extra = {"skillType": SKILL_TYPE_URIS[r["skillType"]]} if r["skillType"] else {}
            rel_name = (
                "hasEssentialSkill" if r["relationType"] == "essential" else "hasOptionalSkill"
            )
            _add_links(occ, rel_name, [link("skill", r["skillUri"], title(r["skillUri"]), **extra)])
        if row["regulatedProfessionNote"]:
            occ["_links"]["regulatedProfessionNote"] = [
                {
                    "href": row["regulatedProfessionNote"],
                    "uri": row["regulatedProfessionNote"],
                    "title": "",
                }
            ]
        res[uri] = occ
    data.schemes[SCHEME + "member-occupations"] = list(chosen)
    step = hide_every_nth_skill
    data.schemes[SCHEME + "member-skills"] = [
        u for i, u in enumerate(skill_uris) if not step or i % step != step - 1
    ]
    data.schemes[SCHEME + "isco"] = sorted(isco_rows)
    for scheme, members in data.top_concepts.items():
        tops = [(u, title(u) or res[u].get("preferredLabel", {}).get("en", "")) for u in members]
        res.setdefault(scheme, _taxonomy(scheme, tops))
    return data


def _taxonomy(scheme: str, tops: list[tuple[str, str]]) -> Resource:
    return {
        "className": "ConceptScheme",
        "uri": scheme,
        "title": scheme,
        "_links": {
            "self": link("taxonomy", scheme, scheme),
            "hasTopConcept": [link("concept", uri, title) for uri, title in tops],
        },
    }


@dataclass
class Fault:
    """Misbehave for the next ``times`` requests whose path+query contains ``match``."""

    kind: str  # "status" | "retry_after" | "delay" | "malformed"
    times: int = 1
    match: str = ""
    status: int = 500
    retry_after: str = "1"
    delay: float = 0.0


class FakeEscoApi:
    """The server. ``async with FakeEscoApi(data) as fake: fake.base_url``."""

    def __init__(
        self,
        data: FakeData | None = None,
        *,
        prefix: str = "/esco/api",
        versions: Iterable[str] = ("v1.1.1",),
        delay: float = 0.0,
        max_limit: int = 100,
    ) -> None:
        self.data = data or FakeData()
        for name in ("occupations", "isco", "skills-hierarchy"):  # probes need these to exist
            scheme = SCHEME + name
            if scheme not in self.data.top_concepts:
                self.data.top_concepts[scheme] = []
                self.data.resources[scheme] = _taxonomy(scheme, [])
        self.prefix = prefix.rstrip("/")
        self.versions = list(versions)
        self.delay = delay
        self.max_limit = max_limit
        self.faults: list[Fault] = []
        self.requests: list[str] = []
        self.params: list[list[tuple[str, str]]] = []
        self.base_url = ""
        self._runner: web.AppRunner | None = None

    # -- lifecycle ---------------------------------------------------------------
    async def start(self) -> str:
        app = web.Application(middlewares=[self._middleware])
        p = self.prefix
        app.router.add_get(p + "/resource/related", self._related)
        app.router.add_get(p + "/resource/{kind}", self._resource)
        app.router.add_get(p + "/search", self._search)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        port = self._runner.addresses[0][1]
        self.base_url = f"http://127.0.0.1:{port}{self.prefix}"
        return self.base_url

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def __aenter__(self) -> FakeEscoApi:
        await self.start()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.stop()

    def inject(self, kind: str, times: int = 1, match: str = "", **kwargs: Any) -> Fault:
        fault = Fault(kind, times, match, **kwargs)
        self.faults.append(fault)
        return fault

    # -- plumbing ------------------------------------------------------------------
    @web.middleware
    async def _middleware(self, request: web.Request, handler: Any) -> web.StreamResponse:
        self.requests.append(request.path_qs)
        self.params.append(list(request.query.items()))
        if self.delay:
            await asyncio.sleep(self.delay)
        for fault in self.faults:
            if fault.times > 0 and fault.match in request.rel_url.human_repr():
                fault.times -= 1
                if fault.kind == "delay":
                    await asyncio.sleep(fault.delay)
                    break
                if fault.kind == "malformed":
                    return web.Response(
                        text='{"total": 3, "_embedded": {', content_type="application/json"
                    )
                if fault.kind == "retry_after":
                    return self._error(
                        429,
                        "TooManyRequests",
                        "slow down",
                        headers={"Retry-After": fault.retry_after},
                    )
                return self._error(fault.status, "InternalServerError", "injected failure")
        version = request.query.get("selectedVersion")
        if version is not None and version not in self.versions:
            return self._error(400, "BadInputException", f"Unknown selectedVersion: ('{version}')")
        return await handler(request)

    def _json(self, body: Any) -> web.Response:
        text = json.dumps(body, ensure_ascii=False).replace(BASE, self.base_url)
        return web.Response(text=text, content_type="application/json", charset="utf-8")

    def _error(
        self, status: int, logref: str, message: str, headers: dict[str, str] | None = None
    ) -> web.Response:
        body = json.dumps({"logref": logref, "status": status, "message": message, "_links": None})
        return web.Response(
            status=status, text=body, content_type="application/json", headers=headers
        )

    def _localize(self, resource: Resource, language: str) -> Resource:
        out = copy.copy(resource)
        labels = resource.get("preferredLabel", {})
        out["title"] = labels.get(language) or labels.get("en") or resource.get("title", "")
        return out

    def _paging(self, request: web.Request) -> tuple[int, int]:
        try:
            page = int(request.query.get("offset", "0"))
            limit = min(int(request.query.get("limit", "20")), self.max_limit)
        except ValueError as exc:
            raise web.HTTPBadRequest(text="bad offset/limit") from exc
        return page, max(1, limit)

    def _next(self, request: web.Request, page: int, pages: int) -> dict[str, Any]:
        links: dict[str, Any] = {"self": {"href": str(request.url)}}
        if page + 1 < pages:
            links["next"] = {"href": str(request.url.update_query(offset=str(page + 1)))}
        if page > 0:
            links["prev"] = {"href": str(request.url.update_query(offset=str(page - 1)))}
        return links

    # -- endpoints -------------------------------------------------------------------
    async def _resource(self, request: web.Request) -> web.Response:
        kind = request.match_info["kind"]
        if kind not in ("occupation", "skill", "concept", "taxonomy"):
            return self._error(
                400, "BadInputException", f"Illegal/Unknown type parameter values: ('{kind}')"
            )
        language = request.query.get("language", "en")
        if kind == "taxonomy":

            def kind_of(uri):
                return self.data.resources.get(uri) if uri in self.data.top_concepts else None
        else:
            kind_of = lambda uri: self.data.of_kind(kind, uri)  # noqa: E731
        if "uri" in request.query:
            found = kind_of(request.query["uri"])
            if found is None:
                return self._error(
                    404, "NotFoundException", f"Resource {request.query['uri']} not found"
                )
            return self._json(self._localize(found, language))
        if "uris" in request.query:
            uris = request.query.getall("uris")
            items = [r for r in (kind_of(u) for u in uris) if r is not None]
            return self._json(self._bulk(items, len(items), 0, language, {}))
        if "isInScheme" in request.query and kind != "taxonomy":
            members = [
                u for s in request.query.getall("isInScheme") for u in self.data.schemes.get(s, [])
            ]
            members = [u for u in members if kind_of(u) is not None]
            page, limit = self._paging(request)
            items = [kind_of(u) for u in members[page * limit : (page + 1) * limit]]
            pages = math.ceil(len(members) / limit)
            return self._json(
                self._bulk(items, len(members), page, language, self._next(request, page, pages))
            )
        return self._error(400, "BadInputException", "one of uri, uris or isInScheme is required")

    def _bulk(
        self, items: list[Resource], total: int, page: int, language: str, links: dict[str, Any]
    ) -> dict[str, Any]:
        return {
            "total": total,
            "offset": page,
            "count": len(items),
            "language": language,
            "concepts": [{"uri": r["uri"], "href": r["_links"]["self"]["href"]} for r in items],
            "_links": links,
            "_embedded": {r["uri"]: self._localize(r, language) for r in items},
        }

    async def _related(self, request: web.Request) -> web.Response:
        uri, relation = request.query.get("uri"), request.query.get("relation")
        if not uri or not relation:
            return self._error(400, "BadInputException", "uri and relation are required")
        resource = self.data.resources.get(uri)
        if resource is None:
            return self._error(404, "NotFoundException", f"Resource {uri} not found")
        targets = resource.get("_links", {}).get(relation, [])
        page, limit = self._paging(request)
        chunk = targets[page * limit : (page + 1) * limit]
        items = []
        for item in chunk:
            target = self.data.resources.get(item["uri"], {})
            items.append(
                {
                    "className": target.get("className", ""),
                    "uri": item["uri"],
                    "title": item["title"],
                    "_links": {"self": item},
                }
            )
        pages = math.ceil(len(targets) / limit)
        return self._json(
            {
                "total": len(targets),
                "offset": page,
                "limit": limit,
                "language": request.query.get("language", "en"),
                "uri": uri,
                "relation": relation,
                "_links": self._next(request, page, pages),
                "_embedded": {relation: items},
            }
        )

    async def _search(self, request: web.Request) -> web.Response:
        language = request.query.get("language", "en")
        text = request.query.get("text", "").lower()
        types = {t.lower() for t in request.query.getall("type", [])}
        schemes = request.query.getall("isInScheme", [])
        pool = (
            [u for s in schemes for u in self.data.schemes.get(s, [])]
            if schemes
            else list(self.data.resources)
        )
        hits: list[tuple[str, Resource, str]] = []
        for uri in pool:
            r = self.data.resources[uri]
            if r["className"] == "ConceptScheme" or (types and r["className"].lower() not in types):
                continue
            labels = [
                r.get("preferredLabel", {}).get(language, ""),
                *r.get("alternativeLabel", {}).get(language, []),
            ]
            hit = next((lab for lab in labels if text in lab.lower()), None) if text else labels[0]
            if hit is not None:
                hits.append((labels[0], r, hit))
        hits.sort(key=lambda h: h[0])
        page, limit = self._paging(request)
        chunk = hits[page * limit : (page + 1) * limit]
        results = [
            {
                "className": r["className"],
                "uri": r["uri"],
                "title": name,
                "searchHit": hit,
                "_links": {"self": r["_links"]["self"]},
            }
            for name, r, hit in chunk
        ]
        pages = math.ceil(len(hits) / limit)
        return self._json(
            {
                "total": len(hits),
                "offset": page,
                "limit": limit,
                "text": text,
                "language": language,
                "type": sorted(types),
                "_links": self._next(request, page, pages),
                "_embedded": {"results": results},
            }
        )
