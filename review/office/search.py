"""Search across every report of a workspace: the agency, the report's text, and its open findings
(by the rule's description), insensitive to Traditional/Simplified characters and to case."""
from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from .identity import fold

if TYPE_CHECKING:
    from .store import Store

AGENCY, TEXT, FINDING = "机关", "原文", "问题"
EXCERPT = 30  # characters either side of a hit in the text
LIMIT = 500


@dataclass(frozen=True)
class Hit:
    report: int
    agency: str | None
    year: int | None
    where: str  # AGENCY, TEXT or FINDING
    excerpt: str
    offset: int | None = None  # in the report's text, for TEXT hits


@cache
def _converter(config: str):
    import opencc

    return opencc.OpenCC(config)


def variants(query: str) -> list[str]:
    """The query as typed, in Simplified and in Traditional characters (each once)."""
    q = query.strip()
    out = []
    for v in (q, _converter("t2s").convert(q), _converter("s2t").convert(q)):
        if v and v not in out:
            out.append(v)
    return out


def search(store: Store, query: str, descriptions: dict[str, str], limit: int = LIMIT) -> list[Hit]:
    """Hits in the current reports (not removed), agency hits first, then text, then findings."""
    forms = variants(query)
    if not forms:
        return []
    key = fold(query).lower()
    hits: list[Hit] = []
    rows = store.query("SELECT id, agency, year, figures FROM reports WHERE removed_at IS NULL ORDER BY id")
    for r in rows:
        if r["agency"] and key and key in fold(r["agency"]).lower():
            hits.append(Hit(r["id"], r["agency"], r["year"], AGENCY, r["agency"]))
    like = " OR ".join("instr(lower(text), lower(?)) > 0" for _ in forms)
    for r in store.query(f"SELECT id, agency, year, text FROM reports WHERE removed_at IS NULL AND ({like})"
                         " ORDER BY id", forms):
        text: str = r["text"]
        lowered = text.lower()
        at = min((i for i in (lowered.find(f.lower()) for f in forms) if i >= 0), default=-1)
        if at >= 0:
            excerpt = text[max(0, at - EXCERPT):at + len(query) + EXCERPT].replace("\n", " ")
            hits.append(Hit(r["id"], r["agency"], r["year"], TEXT, excerpt, at))
        if len(hits) >= limit:
            return hits
    matching = {rule for rule, d in descriptions.items()
                if any(f.lower() in (d + rule).lower() for f in forms)}
    if matching:
        for r in rows:
            rules = set(json.loads(r["figures"]).get("rules", [])) if r["figures"] else set()
            for rule in sorted(rules & matching):
                hits.append(Hit(r["id"], r["agency"], r["year"], FINDING, descriptions[rule]))
                if len(hits) >= limit:
                    return hits
    return hits
