"""The audit log of a report: every import, correction, undo, decision, sign-off and reopening, in order.

Entries are read from the workspace's append-only tables; nothing here ever rewrites them.
"""
from __future__ import annotations

from dataclasses import dataclass, replace

from parser.model import Number

from .state import ACCEPTED, POSTPONED, RETURNED, Action

# Entry kinds (stable identifiers) and how a reviewer reads them.
IMPORT, CORRECTION, UNDO, DECISION, SIGNOFF, REOPEN = "import", "correction", "undo", "decision", "signoff", "reopen"
KIND_LABELS = {
    IMPORT: "导入",
    CORRECTION: "更正",
    UNDO: "撤销更正",
    DECISION: "问题处理",
    SIGNOFF: "签发",
    REOPEN: "重新打开",
    # the office's events on one report (review.office.store): a link to a roster agency, a resubmission,
    # removal from the workspace and restoring
    "link": "关联到名单机关",
    "resubmit": "重新报送",
    "replaced": "被新版本替换",
    "remove": "移出工作区",
    "restore": "恢复到工作区",
    "take_over": "接手审核",
    "assign": "分配审核人",  # the report assigned to a reviewer in advance (action: the name, '' when ended)
}
WITHDRAWN: str = Action.WITHDRAWN  # decision action: an earlier decision on the finding is withdrawn (it is open again)
ACTION_LABELS = {ACCEPTED: "接受（说明理由）", POSTPONED: "暂缓", WITHDRAWN: "撤回决定"}
# Corrections of the report's header are logged like cell corrections under these pseudo cell keys.
HEADER_CELLS = {"@agency": "agency", "@year": "year", "@template": "template"}
HEADER_LABELS = {"@agency": "机关名称", "@year": "报告年度", "@template": "格式版本"}
_KIND_ORDER = {IMPORT: 0, CORRECTION: 1, UNDO: 1, DECISION: 2, SIGNOFF: 3, REOPEN: 3}


@dataclass(frozen=True)
class CellChange:
    """One cell of a correction step that changed several cells (AuditEntry.batch)."""

    cell: str
    old: Number | None
    new: Number | None
    entry_id: int
    reverts: int | None = None


@dataclass(frozen=True)
class AuditEntry:
    time: str
    kind: str  # IMPORT, CORRECTION, UNDO, DECISION, SIGNOFF, REOPEN
    reviewer: str = ""
    cell: str = ""  # cell key, for corrections
    old: Number | str | None = None  # str only for the agency of a header correction
    new: Number | str | None = None
    reason: str = ""
    finding_id: str = ""  # for decisions
    action: str = ""  # decision action, or sign-off outcome
    entry_id: int = 0  # event number in the workspace journal (orders all entries; an undo names it)
    reverts: int | None = None  # the entry this one undoes (UNDO of a correction; a decision, sign-off, reopening)
    # a step that changed several cells at once (a fill, a paste, 全部置 0): every cell, in order; the entry's
    # cell, old, new, entry_id and reverts are its first cell's. Empty for a step of one cell.
    batch: tuple[CellChange, ...] = ()

    @property
    def entry_ids(self) -> tuple[int, ...]:
        """The ids of every correction this entry stands for (one, or each cell of a batch)."""
        return tuple(c.entry_id for c in self.batch) or (self.entry_id,)

    @property
    def changes(self) -> tuple[CellChange, ...]:
        """Each cell this correction changed (one, or each cell of a batch)."""
        return self.batch or (CellChange(self.cell, self.old, self.new, self.entry_id, self.reverts),)  # type: ignore[arg-type]

    @property
    def kind_label(self) -> str:
        if self.kind == SIGNOFF and self.action == RETURNED:
            return "退回"
        return KIND_LABELS.get(self.kind, self.kind)

    def summary(self) -> str:
        """One line of Chinese describing what happened (without time and reviewer)."""
        undoing = f"（撤销第 {self.reverts} 条）" if self.reverts else ""
        if self.kind in (CORRECTION, UNDO):
            what = "；".join(f"{HEADER_LABELS.get(c.cell, c.cell)}：{format_value(c.old)} → {format_value(c.new)}"
                            for c in self.changes)
            return (f"{len(self.batch)} 格　" if self.batch else "") + what + undoing
        if self.kind == DECISION:
            return f"{ACTION_LABELS.get(self.action, self.action)}：{self.finding_id}{undoing}"
        if self.kind == SIGNOFF:
            return f"结论：{self.action}{undoing}"
        if self.kind == IMPORT:
            return self.reason
        if self.kind in ("link", "resubmit", "replaced", "remove", "restore") and self.action:
            return f"{self.kind_label}：{self.action}"
        if self.kind == "assign":
            return f"{self.kind_label}：{self.action or '取消分配'}"
        return self.kind_label + undoing

    def sort_key(self) -> tuple:
        return (self.entry_id, _KIND_ORDER.get(self.kind, 9), self.time)


def batched(entries: list[AuditEntry], batches: dict[int, int | None]) -> list[AuditEntry]:
    """Corrections as the log shows them: the cells of one step (`batches`: entry id → the step's first
    entry id, None for a one-cell step) merged into one entry, at the place of the step's first cell."""
    out: list[AuditEntry] = []
    steps: dict[int, list[AuditEntry]] = {}
    for e in entries:
        step = batches.get(e.entry_id)
        if step is None:
            out.append(e)
            continue
        if step not in steps:
            steps[step] = []
            out.append(e)  # replaced below by the whole step
        steps[step].append(e)
    merged = {cells[0].entry_id: cells for cells in steps.values()}
    return [replace(e, batch=tuple(CellChange(c.cell, c.old, c.new, c.entry_id, c.reverts)  # type: ignore[arg-type]
                                   for c in merged[e.entry_id]))
            if e.entry_id in merged and len(merged[e.entry_id]) > 1 else e for e in out]


def format_value(v: Number | str | None) -> str:
    """A cell value as shown in the log: 12, 63.6773, or （空） for none (header values: as they are)."""
    if v is None:
        return "（空）"
    if isinstance(v, str):
        return v
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v)
