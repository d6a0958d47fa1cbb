"""What to highlight in the text when cells or a finding are revealed, and which cell a click hits.

Pure functions over the core report (no widgets), used by MainWindow.reveal, the one path through
which a finding, a cell or a click in the text is shown in every pane.
"""

from __future__ import annotations

from parser.model import Report
from review.findings import Finding

Span = tuple[int, int]
MAX_WEAK = 6  # more addends than this (a whole column) would bury the cells that matter in highlights
# findings about the report's header: where the agency or the year is printed is what the reviewer checks
HEADER_RULES = {"form.template_version": "year", "form.stats_period": "year", "active.regulations_level": "agency"}


def reveal_spans(
    report: Report, keys: list[str], primary: list[str], finding: Finding | None
) -> tuple[list[Span], list[Span]]:
    """(strong, weak) spans: the subject cells and the finding's sentence; the other cells involved.
    Cells the parser did not find have no span: then the first line of their table's section is shown."""
    cells = report.cells
    strong: list[Span] = [span for k in primary if k in cells and (span := cells[k].span)]
    weak: list[Span] = [span for k in keys if k not in primary and k in cells and (span := cells[k].span)]
    if len(weak) > MAX_WEAK:
        weak = []
    if finding is not None and finding.sentence_span:
        strong.append(finding.sentence_span)
    header = HEADER_RULES.get(finding.rule) if finding is not None else None
    header_span = report.agency_span if header == "agency" else report.year_span if header == "year" else None
    if header_span:
        strong.insert(0, header_span)
    section = report.sections.get(keys[0].split("/")[0]) if keys else None
    if not strong and not weak and section:
        body = report.text[section[0] : section[1]]
        start = section[0] + len(body) - len(body.lstrip())
        end = report.text.find("\n", start, section[1])
        weak = [(start, end if end > start else min(section[1], start + 40))]
    return strong, weak


def cell_at(report: Report, offset: int) -> str | None:
    """The cell printed at this text offset; a caret just after a number (a click on the right half of
    its last digit) counts as on it."""
    cells = report.cells
    key = next((k for k, c in cells.items() if c.span and c.span[0] <= offset < c.span[1]), None)
    if key is None:
        key = next((k for k, c in cells.items() if c.span and c.span[1] == offset), None)
    return key
