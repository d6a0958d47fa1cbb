"""Where the reports of an export come from: a list in memory, or a workspace read in batches.

A source knows its size and the format versions present without loading the reports (the summary's
columns come first in a streamed sheet), then gives the reviewed reports batch by batch, each with its
group (the 地区 from a roster, else the agency), ordered so that each group's reports come together.
"""
from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Protocol

from ..state import ReviewedReport

if TYPE_CHECKING:
    from ..office.overview import Overview
    from ..workspace import Workspace

RegionOf = Callable[[str | None], str | None]  # agency → its region (None: not known)
Batch = list[tuple[ReviewedReport, str | None]]


class ExportSource(Protocol):
    def __len__(self) -> int: ...

    def formats(self) -> set[str | None]:
        """The format versions (templates) of the reports."""

    def batches(self, grouped: bool) -> Iterator[Batch]:
        """(report, group) in export order: as given, or (grouped) group by group."""

    def overview(self) -> Overview | None:
        """The year's overview for the 概览 sheet (a workspace with a roster), else None."""


def _group_key(group: str | None) -> tuple[bool, str]:
    return group is None, group or ""


def roster_regions(workspace: Workspace) -> RegionOf | None:
    """agency as printed → its 地区 in the workspace's roster (by name or alias); None without a roster."""
    roster = workspace.office.roster()
    if not roster:
        return None
    regions = {e.agency: e.region or None for e in roster}
    identity = workspace.office.identity()

    def region_of(agency: str | None) -> str | None:
        found = identity.exact(agency)
        return regions.get(found) if found else None

    return region_of


class ListSource:
    """Reports already in memory (an export of files, or of the reports open in the window)."""

    def __init__(self, items: list[ReviewedReport], region_of: RegionOf | None = None) -> None:
        self.items = list(items)
        self.region_of = region_of

    def __len__(self) -> int:
        return len(self.items)

    def overview(self) -> Overview | None:
        return None  # files, not a workspace: no roster, no year to summarise

    def formats(self) -> set[str | None]:
        return {item.report.template for item in self.items}

    def group(self, item: ReviewedReport) -> str | None:
        agency = item.report.agency
        region = self.region_of(agency) if self.region_of is not None else None
        return region or agency

    def batches(self, grouped: bool) -> Iterator[Batch]:
        pairs = [(item, self.group(item)) for item in self.items]
        if grouped:
            pairs.sort(key=lambda p: _group_key(p[1]))  # stable: the given order within a group
        yield pairs


class WorkspaceSource:
    """A workspace's reports in their reviewed state, read `batch` at a time (never all at once), ordered
    by agency, year and import (grouped: by region first)."""

    def __init__(self, workspace: Workspace, region_of: RegionOf | None = None, batch: int = 100) -> None:
        self.workspace = workspace
        self.region_of = region_of
        self.batch = batch
        self.rows = [(r["id"], r["agency"], r["year"], r["template"]) for r in
                     workspace.store.query("SELECT id, agency, year, template FROM reports WHERE removed_at IS NULL")]

    def __len__(self) -> int:
        return len(self.rows)

    def formats(self) -> set[str | None]:
        return {template for *_, template in self.rows}

    def overview(self) -> Overview | None:
        from ..office.overview import overview

        if not self.workspace.office.roster():
            return None
        return overview(self.workspace.office)

    def group(self, agency: str | None) -> str | None:
        region = self.region_of(agency) if self.region_of is not None else None
        return region or agency

    def batches(self, grouped: bool) -> Iterator[Batch]:
        def order(row: tuple) -> tuple:
            rid, agency, year, _ = row
            return agency is None, agency or "", year is None, year or 0, rid

        rows = sorted(self.rows, key=order)
        if grouped:
            rows.sort(key=lambda row: _group_key(self.group(row[1])))
        ids = [row[0] for row in rows]
        for i in range(0, len(ids), self.batch):
            items = self.workspace.reviewed_of(ids[i:i + self.batch])
            yield [(item, self.group(item.report.agency)) for item in items]
