"""Search across every report of a workspace: the agency, the report's text, and its open findings
(by the rule's description), insensitive to Traditional/Simplified characters and to case."""
from __future__ import annotations

import json
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any, Protocol

from .identity import fold


class Store(Protocol):
    """What search needs of the workspace's store (review.office.store.Store has it)."""

    def query(self, sql: str, params: Iterable[Any] = ()) -> Sequence[Any]:
        """The rows of a SELECT."""


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


class SearchIndex:
    """The workspace's current reports held for searching: each report's agency folded, its failing rules,
    and all texts in one string converted to Simplified characters once (so a query is one str.find per
    report it hits, one pass over the texts at most, in whatever characters either is written; SQL scanned
    every row's text for each of the query's forms at each query). Built at the first query and rebuilt
    when the workspace changed (its change stamp); the texts, which never change for a report, are read
    again only when the set of reports changed."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self._stamp: tuple[int, int] | None = None
        self._reports: list[tuple[int, str | None, int | None, str, frozenset[str]]] = []
        self._text_ids: list[int] = []
        self._blob = ""  # the texts in Simplified characters joined by NUL, in report id order
        self._originals: dict[int, str] = {}  # report index → its text as printed, where the conversion changed it
        self._lowered: str | None = None  # the blob lower-cased (for queries with Latin letters), when needed
        self._starts: list[int] = []  # where each report's text starts in the blob (plus the end)

    def refresh(self) -> None:
        row = self.store.query("SELECT (SELECT coalesce(max(id), 0) FROM journal) AS j,"
                               " (SELECT coalesce(max(id), 0) FROM office_log) AS o")[0]
        stamp = (int(row["j"]), int(row["o"]))
        if stamp == self._stamp:
            return
        rows = self.store.query("SELECT id, agency, year, figures FROM reports WHERE removed_at IS NULL ORDER BY id")
        self._reports = [(r["id"], r["agency"], r["year"], fold(r["agency"]).lower() if r["agency"] else "",
                          frozenset(json.loads(r["figures"]).get("rules", [])) if r["figures"] else frozenset())
                         for r in rows]
        ids = [r[0] for r in self._reports]
        if ids != self._text_ids:
            self._read_texts()
        self._stamp = stamp

    def _read_texts(self) -> None:
        texts = self.store.query("SELECT id, text FROM reports WHERE removed_at IS NULL ORDER BY id")
        t2s = _converter("t2s")
        self._text_ids, self._originals, self._starts, parts, at = [], {}, [], [], 0
        for i, t in enumerate(texts):
            text = t["text"] or ""
            simple = t2s.convert(text)
            if len(simple) != len(text):  # a phrase converted to another length: offsets would move
                simple = text
            elif simple != text:
                self._originals[i] = text
            self._text_ids.append(t["id"])
            self._starts.append(at)
            parts.append(simple)
            at += len(simple) + 1
        self._starts.append(at)
        self._blob = "\0".join(parts) + "\0"
        self._lowered = None

    def search(self, query: str, descriptions: dict[str, str], limit: int = LIMIT) -> list[Hit]:
        """Hits in the current reports (not removed), agency hits first, then text, then findings."""
        forms = variants(query)
        if not forms:
            return []
        self.refresh()
        key = fold(query).lower()
        hits: list[Hit] = []
        if key:
            hits = [Hit(rid, agency, year, AGENCY, agency or "") for rid, agency, year, folded, _r in self._reports
                    if key in folded]
        by_id = {r[0]: r for r in self._reports}
        for i, at in self._text_hits(_converter("t2s").convert(query.strip()), limit - len(hits)):
            rid = self._text_ids[i]
            start, end = self._starts[i], self._starts[i + 1] - 1
            text = self._originals.get(i)
            lo, hi = max(0, at - EXCERPT), min(end - start, at + len(query) + EXCERPT)
            excerpt = text[lo:hi] if text is not None else self._blob[start + lo:start + hi]
            hits.append(Hit(rid, by_id[rid][1], by_id[rid][2], TEXT, excerpt.replace("\n", " "), at))
        if len(hits) >= limit:
            return hits
        matching = {rule for rule, d in descriptions.items() if any(f.lower() in (d + rule).lower() for f in forms)}
        if matching:
            for rid, agency, year, _folded, rules in self._reports:
                for rule in sorted(rules & matching):
                    hits.append(Hit(rid, agency, year, FINDING, descriptions[rule]))
                    if len(hits) >= limit:
                        return hits
        return hits

    def _text_hits(self, needle: str, wanted: int) -> list[tuple[int, int]]:
        """(index of the report, offset of the first hit in its text) for the first `wanted` reports, in order."""
        if wanted <= 0 or not needle:
            return []
        blob = self._blob
        if needle.lower() != needle.upper():  # Latin letters: case-insensitive
            blob, needle = self._lowered_blob(), needle.lower()
        found: list[tuple[int, int]] = []
        i = blob.find(needle)
        while i >= 0 and len(found) < wanted:
            r = bisect_right(self._starts, i) - 1
            found.append((r, i - self._starts[r]))
            i = blob.find(needle, self._starts[r + 1])
        return found

    def _lowered_blob(self) -> str:
        if self._lowered is None:
            lowered = self._blob.lower()
            if len(lowered) != len(self._blob):  # a character whose lower case is longer: keep the offsets
                lowered = "".join(c if len(c.lower()) != 1 else c.lower() for c in self._blob)
            self._lowered = lowered
        return self._lowered


def search(store: Store, query: str, descriptions: dict[str, str], limit: int = LIMIT) -> list[Hit]:
    """One search without keeping the index (Office.search keeps it between queries)."""
    return SearchIndex(store).search(query, descriptions, limit)
