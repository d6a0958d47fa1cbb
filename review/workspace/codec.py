"""Reports to and from JSON (the `parsed` column), and the file type shown in the queue."""
from __future__ import annotations

import json
from dataclasses import fields
from pathlib import Path
from typing import Any

from parser.model import Cell, Report


def file_format(name: str) -> str:
    """The file type shown in the queue: the suffix without the dot, upper case ('TXT', 'DOCX')."""
    suffix = Path(name).suffix.lstrip(".").upper()
    return suffix or "TXT"


_CELL_FIELDS = ("value", "text", "span", "status", "unit", "page", "box", "confidence")


def report_to_json(report: Report) -> str:
    """The parsed report without its text (stored beside it); corrections are kept elsewhere."""
    d: dict[str, Any] = {f.name: getattr(report, f.name) for f in fields(report) if f.name not in ("text", "cells")}
    d["cell_fields"] = list(_CELL_FIELDS)
    d["cells"] = {k: [getattr(c, f) for f in _CELL_FIELDS] for k, c in report.cells.items()}
    return json.dumps(d, ensure_ascii=False, separators=(",", ":"), default=str)


def report_from_json(parsed: str, text: str) -> Report:
    d = json.loads(parsed)
    names = d.pop("cell_fields", list(_CELL_FIELDS))
    cell_names = {f.name for f in fields(Cell)}
    cells = {}
    for key, values in d.pop("cells", {}).items():
        kw = {n: v for n, v in zip(names, values, strict=False) if n in cell_names}
        for name in ("span", "box"):
            if kw.get(name) is not None:
                kw[name] = tuple(kw[name])
        cells[key] = Cell(key, **kw)
    known = {f.name for f in fields(Report)} - {"text", "cells"}
    kw = {k: _restore(k, v) for k, v in d.items() if k in known}
    return Report(text=text, cells=cells, **kw)


def _restore(name: str, v: Any) -> Any:
    if name.endswith("span") and isinstance(v, list):
        return tuple(v)
    if name == "sections" and isinstance(v, dict):
        return {k: tuple(s) for k, s in v.items()}
    return v
