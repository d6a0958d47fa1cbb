"""The office's part of a workspace: the roster, aliases, links of reports to agencies, removal and
resubmission of reports, all recorded in the append-only office log (schema v3).

Office works through the workspace's storage seam (the part of review.workspace.store.Store it needs, declared
below, so that the workspace, which composes the office, and the office do not import each other) and keeps the
identity the replay uses to find an agency's previous year; any change to names marks the summaries
of the reports it affects stale, so their cross-year rules run again.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

from ..state import now
from .identity import Identity, fold
from .roster import RosterEntry
from .search import LIMIT as SEARCH_LIMIT
from .search import Hit, SearchIndex
from .status import REPORT_COLUMNS, YearStatus, year_status

if TYPE_CHECKING:
    import pandas as pd


class Row(Protocol):
    """A result row by column name (review.workspace.store.Row)."""

    def __getitem__(self, key: str, /) -> Any:
        """The value of a column."""

    def keys(self) -> Iterable[str]:
        """The column names."""


class Transaction(Protocol):
    """One write transaction of the workspace's store (review.workspace.store.Transaction)."""

    def execute(self, sql: str, params: Sequence[Any] = ()) -> None:
        """Run one statement."""


class Store(Protocol):
    """What the office needs of the workspace's store (review.workspace.store.Store has it)."""

    @property
    def lock(self) -> AbstractContextManager[Any]:
        """A re-entrant lock held across calls that must see one consistent state."""

    def query(self, sql: str, params: Iterable[Any] = ()) -> Sequence[Row]:
        """The rows of a SELECT."""

    def query_in(self, sql: str, ids: Sequence[int]) -> Sequence[Row]:
        """The rows of a SELECT with one `IN ({})` list filled with `ids`."""

    def transaction(self) -> AbstractContextManager[Transaction]:
        """A write transaction, committed when the `with` block ends."""


# office log kinds
ROSTER_ADD, ROSTER_CHANGE, ROSTER_REMOVE = "roster_add", "roster_change", "roster_remove"
ALIAS_ADD, ALIAS_REMOVE, LINK = "alias_add", "alias_remove", "link"
REMOVE, RESTORE, RESUBMIT, REPLACED = "remove", "restore", "resubmit", "replaced"
TAKE_OVER = "take_over"  # a reviewer took over a report another was editing (shared workspace)
ASSIGN = "assign"  # a report assigned to a reviewer in advance (detail: the name; '' ends the assignment)
LOG_LABELS = {ROSTER_ADD: "名单新增机关", ROSTER_CHANGE: "名单修改机关", ROSTER_REMOVE: "名单删除机关",
              ALIAS_ADD: "新增别名", ALIAS_REMOVE: "删除别名", LINK: "报告关联到机关", REMOVE: "移出工作区",
              RESTORE: "恢复到工作区", RESUBMIT: "重新报送（替换旧版本）", REPLACED: "被新版本替换",
              TAKE_OVER: "接手审核", ASSIGN: "分配审核人"}
AUTO_RESUBMISSION = "导入时识别：同一机关同一年度、内容不同的报告"


class OfficeError(Exception):
    """A request the office part refuses; str(e) is one line of Chinese."""


@dataclass(frozen=True)
class LogEntry:
    id: int
    kind: str
    report_id: int | None
    agency: str
    detail: str
    reviewer: str
    reason: str
    time: str

    @property
    def label(self) -> str:
        return LOG_LABELS.get(self.kind, self.kind)


@dataclass(frozen=True)
class RosterChange:
    added: int
    changed: int
    removed: int
    aliases: int

    def summary(self) -> str:
        return f"名单新增 {self.added} 个机关，修改 {self.changed} 个，删除 {self.removed} 个；别名 {self.aliases} 个"


class Office:
    def __init__(self, store: Store, on_identity_change: Callable[[], None] | None = None) -> None:
        self.store = store
        self._identity: Identity | None = None
        self._on_identity_change = on_identity_change
        self._search: SearchIndex | None = None

    # -- reading -------------------------------------------------------------------------------------

    def roster(self) -> list[RosterEntry]:
        with self.store.lock:
            rows = self.store.query("SELECT agency, region, level FROM roster ORDER BY position, agency")
            aliases: dict[str, list[str]] = {}
            for a in self.store.query("SELECT alias, agency FROM aliases ORDER BY rowid"):
                aliases.setdefault(a["agency"], []).append(a["alias"])
        return [RosterEntry(r["agency"], aliases.get(r["agency"], []), r["region"], r["level"]) for r in rows]

    def aliases(self) -> list[tuple[str, str, str]]:
        """(alias, agency, source) with source 'roster' or 'link'."""
        return [(r["alias"], r["agency"], r["source"])
                for r in self.store.query("SELECT alias, agency, source FROM aliases ORDER BY rowid")]

    def identity(self) -> Identity:
        if self._identity is None:
            with self.store.lock:
                agencies = [r["agency"] for r in self.store.query("SELECT agency FROM roster ORDER BY position")]
                self._identity = Identity.of(agencies, [(a, agency) for a, agency, _s in self.aliases()])
        return self._identity

    def log(self, report_id: int | None = None) -> list[LogEntry]:
        """The office log, oldest first (of one report, when given)."""
        cols = "id, kind, report_id, agency, detail, reviewer, reason, time"
        if report_id is None:
            rows = self.store.query(f"SELECT {cols} FROM office_log ORDER BY id")
        else:
            rows = self.store.query(f"SELECT {cols} FROM office_log WHERE report_id = ? ORDER BY id", (report_id,))
        return [LogEntry(*(r[c] for c in cols.split(", "))) for r in rows]

    def report_rows(self, *, include_figures: bool = False) -> list[dict[str, Any]]:
        """The current reports (not removed, not replaced by a resubmission) as REPORT_COLUMNS (+ figures)."""
        extra = ", figures" if include_figures else ""
        rows = self.store.query(
            "SELECT id AS report, file_name, agency, year, status, open_errors, open_warnings, imported_at" + extra +
            " FROM reports r WHERE removed_at IS NULL AND NOT EXISTS"
            " (SELECT 1 FROM reports n WHERE n.replaces = r.id AND n.removed_at IS NULL) ORDER BY id")
        columns = REPORT_COLUMNS + (["figures"] if include_figures else [])
        return [{c: r[c] for c in columns} for r in rows]

    def report_frame(self, *, include_figures: bool = False) -> pd.DataFrame:
        """report_rows as a DataFrame."""
        import pandas as pd

        columns = REPORT_COLUMNS + (["figures"] if include_figures else [])
        return pd.DataFrame(self.report_rows(include_figures=include_figures), columns=columns)

    def search(self, query: str, descriptions: dict[str, str], limit: int = SEARCH_LIMIT) -> list[Hit]:
        """Agency, text and findings of every current report (review.office.search; the index is kept)."""
        if self._search is None:
            self._search = SearchIndex(self.store)
        with self.store.lock:
            return self._search.search(query, descriptions, limit)

    def year_status(self, year: int | None = None) -> YearStatus:
        with self.store.lock:
            return year_status(self.roster(), self.identity(), self.report_rows(), year)

    # -- roster and aliases --------------------------------------------------------------------------

    def set_roster(self, entries: list[RosterEntry], reviewer: str = "", reason: str = "") -> RosterChange:
        """Replace the roster by `entries` (from a roster file); the reviewers' links stay (if their agency
        stays). Every difference is logged."""
        with self.store.lock:
            before = {e.agency: e for e in self.roster()}
            links = [(a, agency) for a, agency, source in self.aliases() if source == "link"]
            new_names = {e.agency for e in entries}
            added = changed = 0
            stamp = now()
            with self.store.transaction() as tx:
                for e in before.values():
                    if e.agency not in new_names:
                        self._log(tx, ROSTER_REMOVE, None, e.agency, f"{e.region} {e.level}".strip(), reviewer, reason,
                                  stamp)
                tx.execute("DELETE FROM roster")
                old_aliases = {(a, agency) for a, agency, s in self.aliases() if s == "roster"}
                tx.execute("DELETE FROM aliases WHERE source = 'roster'")
                for position, e in enumerate(entries):
                    tx.execute("INSERT INTO roster (agency, region, level, position) VALUES (?, ?, ?, ?)",
                               (e.agency, e.region, e.level, position))
                    old = before.get(e.agency)
                    if old is None:
                        added += 1
                        self._log(tx, ROSTER_ADD, None, e.agency, f"{e.region} {e.level}".strip(), reviewer, reason,
                                  stamp)
                    elif (old.region, old.level) != (e.region, e.level):
                        changed += 1
                        self._log(tx, ROSTER_CHANGE, None, e.agency, f"{old.region} {old.level} → {e.region} {e.level}",
                                  reviewer, reason, stamp)
                new_aliases = set()
                for e in entries:
                    for a in e.aliases:
                        if fold(a) == fold(e.agency) or (a, e.agency) in new_aliases:
                            continue
                        tx.execute("INSERT INTO aliases (alias, agency, source) VALUES (?, ?, 'roster')"
                                   " ON CONFLICT(alias) DO NOTHING", (a, e.agency))
                        new_aliases.add((a, e.agency))
                for a, agency in links:
                    if agency not in new_names:
                        tx.execute("DELETE FROM aliases WHERE alias = ?", (a,))
                        self._log(tx, ALIAS_REMOVE, None, agency, a, reviewer, "机关已不在名单中", stamp)
                for a, agency in sorted(new_aliases - old_aliases):
                    self._log(tx, ALIAS_ADD, None, agency, a, reviewer, reason, stamp)
                for a, agency in sorted(old_aliases - new_aliases):
                    self._log(tx, ALIAS_REMOVE, None, agency, a, reviewer, reason, stamp)
                self._identity_changed(tx)
        return RosterChange(added, changed, len(set(before) - new_names), len(new_aliases))

    def link(self, report_id: int, agency: str, reviewer: str = "", reason: str = "") -> None:
        """The reviewer says this report comes from `agency`: its printed name becomes an alias (logged)."""
        with self.store.lock:
            rows = self.store.query("SELECT agency FROM reports WHERE id = ?", (report_id,))
            if not rows:
                raise OfficeError(f"工作区中没有编号为 {report_id} 的报告")
            name = rows[0]["agency"]
            if not name:
                raise OfficeError("该报告未识别出机关名称，请先在报告中更正机关名称")
            if not self.store.query("SELECT 1 FROM roster WHERE agency = ?", (agency,)):
                raise OfficeError(f"名单中没有该机关：{agency}")
            current = self.identity().exact(name)
            if current == agency:
                return
            if current is not None:
                raise OfficeError(f"“{name}”已是名单中“{current}”的名称或别名，不能再关联到“{agency}”")
            with self.store.transaction() as tx:
                tx.execute("INSERT INTO aliases (alias, agency, source) VALUES (?, ?, 'link')"
                           " ON CONFLICT(alias) DO UPDATE SET agency = excluded.agency, source = 'link'",
                           (name, agency))
                self._log(tx, LINK, report_id, agency, name, reviewer, reason, now())
                self._identity_changed(tx)

    # -- reports -----------------------------------------------------------------------------------

    def remove_report(self, report_id: int, reviewer: str = "", reason: str = "") -> None:
        """Take a report out of the workspace (wrong file): kept with its log, shown nowhere, restorable."""
        with self.store.lock:
            row = self._report(report_id)
            if row["removed_at"]:
                raise OfficeError(f"报告 {report_id} 已移出工作区")
            stamp = now()
            with self.store.transaction() as tx:
                tx.execute("UPDATE reports SET removed_at = ? WHERE id = ?", (stamp, report_id))
                self._log(tx, REMOVE, report_id, row["agency"] or "", row["file_name"], reviewer, reason, stamp)
                self._stale_around(tx, row["agency"], row["year"])

    def take_over(self, report_id: int, reviewer: str, holder: str) -> None:
        """Log that `reviewer` took over a report `holder` was editing in another program."""
        with self.store.lock:
            row = self._report(report_id)
            stamp = now()
            with self.store.transaction() as tx:
                self._log(tx, TAKE_OVER, report_id, row["agency"] or "", f"{holder} 正在审核时接手", reviewer, "",
                          stamp)

    def assign(self, report_ids: list[int], assignee: str, reviewer: str = "", reason: str = "") -> int:
        """Assign reports to a reviewer in advance (`assignee` '' ends their assignment), in one transaction,
        each logged in its report's office log; returns how many changed (one already theirs is skipped)."""
        assignee = assignee.strip()
        with self.store.lock:
            rows = [self._report(rid) for rid in dict.fromkeys(report_ids)]
            current = self.assignments()
            changed = [r for r in rows if current.get(r["id"], "") != assignee]
            if changed:
                stamp = now()
                with self.store.transaction() as tx:
                    for r in changed:
                        self._log(tx, ASSIGN, r["id"], r["agency"] or "", assignee, reviewer, reason, stamp)
            return len(changed)

    def assignments(self) -> dict[int, str]:
        """The reviewer each report is assigned to (the latest assignment; reports without one left out)."""
        out: dict[int, str] = {}
        for r in self.store.query("SELECT report_id, detail FROM office_log WHERE kind = ? ORDER BY id", (ASSIGN,)):
            out[r["report_id"]] = r["detail"]
        return {rid: name for rid, name in out.items() if name}

    def restore_report(self, report_id: int, reviewer: str = "", reason: str = "") -> None:
        with self.store.lock:
            row = self._report(report_id)
            if not row["removed_at"]:
                raise OfficeError(f"报告 {report_id} 并未移出工作区")
            with self.store.transaction() as tx:
                tx.execute("UPDATE reports SET removed_at = NULL WHERE id = ?", (report_id,))
                self._log(tx, RESTORE, report_id, row["agency"] or "", row["file_name"], reviewer, reason, now())
                self._stale_around(tx, row["agency"], row["year"])

    def removed_reports(self) -> list[dict[str, Any]]:
        rows = self.store.query("SELECT id, file_name, agency, year, removed_at FROM reports"
                                " WHERE removed_at IS NOT NULL ORDER BY id")
        return [dict(zip(("report", "file_name", "agency", "year", "removed_at"), tuple(r[c] for c in (
            "id", "file_name", "agency", "year", "removed_at")), strict=True)) for r in rows]

    def mark_resubmission(self, new_id: int, old_id: int, reviewer: str = "", reason: str = "") -> None:
        """`new_id` is the agency's corrected report replacing `old_id` (same agency and year); nothing
        happens when it already does (an import linked them)."""
        with self.store.lock:
            new, old = self._report(new_id), self._report(old_id)
            if new["replaces"] == old_id:
                return
            if new_id == old_id or new["replaces"] is not None:
                raise OfficeError("该报告已是另一份报告的新版本" if new["replaces"] is not None else "不能替换自身")
            ident = self.identity()
            if new["year"] != old["year"] or not ident.same_agency(new["agency"], old["agency"]):
                raise OfficeError(f"新旧版本应是同一机关同一年度的报告：{new['agency']} {new['year']} 年度与"
                                  f"{old['agency']} {old['year']} 年度")
            with self.store.transaction() as tx:
                self.record_resubmission(tx, new_id, new["file_name"], old_id, old["file_name"], new["agency"] or "",
                                         reviewer, reason)
                self._stale_around(tx, new["agency"], new["year"])

    def current_version(self, same_agency_ids: list[int]) -> int | None:
        """Of these reports of one agency-year (review.workspace.replay.Replay.same_agency_ids), the latest one
        no other report in the workspace replaces: the version a newly imported copy replaces."""
        if not same_agency_ids:
            return None
        replaced = {r["replaces"] for r in self.store.query_in(
            "SELECT replaces FROM reports WHERE removed_at IS NULL AND replaces IN ({})", same_agency_ids)}
        current = [i for i in same_agency_ids if i not in replaced]
        return max(current) if current else None

    def link_new_version(self, tx: Transaction, new_id: int, new_file: str, agency: str,
                         same_agency_ids: list[int]) -> int | None:
        """On import (review.workspace.importer): the new report of an agency-year already in the workspace
        replaces its current version (logged as found on import); the id replaced, or None."""
        old = self.current_version(same_agency_ids)
        if old is None:
            return None
        old_file = self._report(old)["file_name"]
        self.record_resubmission(tx, new_id, new_file, old, old_file, agency, "", AUTO_RESUBMISSION)
        return old

    def record_resubmission(self, tx: Transaction, new_id: int, new_file: str, old_id: int, old_file: str,
                            agency: str, reviewer: str = "", reason: str = "") -> None:
        """Link `new_id` as the new version of `old_id` inside a transaction; logged on both reports."""
        stamp = now()
        tx.execute("UPDATE reports SET replaces = ? WHERE id = ?", (old_id, new_id))
        self._log(tx, RESUBMIT, new_id, agency, f"替换报告 {old_id}（{old_file}）", reviewer, reason, stamp)
        self._log(tx, REPLACED, old_id, agency, f"新版本为报告 {new_id}（{new_file}）", reviewer, reason, stamp)

    def versions(self, report_id: int) -> list[int]:
        """Every version of this report's agency-year, oldest first (following the replaces links)."""
        with self.store.lock:
            chain = [report_id]
            while (r := self._report(chain[0]))["replaces"] is not None and r["replaces"] not in chain:
                chain.insert(0, r["replaces"])
            while True:
                nxt = self.store.query("SELECT id FROM reports WHERE replaces = ? ORDER BY id", (chain[-1],))
                if not nxt or nxt[0]["id"] in chain:
                    return chain
                chain.append(nxt[0]["id"])

    # -- internals -----------------------------------------------------------------------------------

    def _report(self, report_id: int) -> Any:
        rows = self.store.query("SELECT id, file_name, agency, year, replaces, removed_at FROM reports WHERE id = ?",
                                (report_id,))
        if not rows:
            raise OfficeError(f"工作区中没有编号为 {report_id} 的报告")
        return rows[0]

    @staticmethod
    def _log(tx: Transaction, kind: str, report_id: int | None, agency: str, detail: str, reviewer: str, reason: str,
             time: str) -> None:
        tx.execute("INSERT INTO office_log (kind, report_id, agency, detail, reviewer, reason, time)"
                   " VALUES (?, ?, ?, ?, ?, ?, ?)", (kind, report_id, agency, detail, reviewer, reason, time))

    def _identity_changed(self, tx: Transaction) -> None:
        """Names now match other agencies: mark stale the reports whose agency key changed and the
        reports sharing an old or new key with them (their previous or next year may differ now)."""
        old = self.identity()
        self._identity = None
        if self._on_identity_change is not None:
            self._on_identity_change()
        new = self.identity()
        names = [r["agency"] for r in self.store.query("SELECT DISTINCT agency FROM reports WHERE agency IS NOT NULL")]
        keys_old = {n: old.key(n) for n in names}
        keys_new = {n: new.key(n) for n in names}
        touched = {keys_old[n] for n in names if keys_old[n] != keys_new[n]}
        touched |= {keys_new[n] for n in names if keys_old[n] != keys_new[n]}
        stale = [n for n in names if keys_old[n] in touched or keys_new[n] in touched]
        for i in range(0, len(stale), 500):
            chunk = stale[i:i + 500]
            tx.execute(f"UPDATE reports SET status = NULL WHERE agency IN ({','.join('?' * len(chunk))})", chunk)

    def _stale_around(self, tx: Transaction, agency: str | None, year: int | None) -> None:
        """The same agency's reports of the year and the next: their versions or previous year changed."""
        if not agency or year is None:
            return
        key = self.identity().key(agency)
        rows = self.store.query("SELECT id, agency FROM reports WHERE year IN (?, ?)", (year, year + 1))
        ids = [r["id"] for r in rows if r["agency"] and self.identity().key(r["agency"]) == key]
        for i in range(0, len(ids), 500):
            chunk = ids[i:i + 500]
            tx.execute(f"UPDATE reports SET status = NULL WHERE id IN ({','.join('?' * len(chunk))})", chunk)
