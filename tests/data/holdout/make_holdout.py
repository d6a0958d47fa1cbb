"""Write the holdout reports (tests/data/holdout/NNN_*.txt + .json) deterministically.

Usage: .venv/bin/python tests/data/holdout/make_holdout.py
The reports are built from the printed formats and layouts seen in real copies, NOT from the
parser (which is never imported here). Each truth file holds what a careful reader reads off
the text: agency, year, format, every cell (null where nothing is printed), findings.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import holdout_more  # noqa: E402
import holdout_pdf_word  # noqa: E402
import holdout_web  # noqa: E402

ENCODINGS = {"102_pypdfium_cells_crlf": "utf-8"}


def build_all() -> dict[str, tuple[bytes, str]]:
    """name → (text bytes, truth JSON text)."""
    out = {}
    for name, make in {**holdout_pdf_word.REPORTS, **holdout_web.REPORTS, **holdout_more.REPORTS}.items():
        text, truth = make()
        values = truth["values"]
        truth["values"] = {k: values[k] for k in _keys(truth["template"])}
        missing = set(values) - set(truth["values"])
        assert not missing, f"{name}: keys outside the format {sorted(missing)[:3]}"
        out[name] = (text.encode(ENCODINGS.get(name, "utf-8")), json.dumps(truth, ensure_ascii=False, indent=1) + "\n")
    return out


def _keys(template: str) -> list[str]:
    """Cell keys in template order, from resources/template.json (read as data, not via the parser)."""
    spec = json.loads((HERE.parents[2] / "resources" / "template.json").read_text(encoding="utf-8"))
    return [f"{table['key']}/{row['key']}/{col['key']}" for table in spec["versions"][template]["tables"]
            for block in table["blocks"] for row in block["rows"] for col in block["columns"]]


def main() -> None:
    for name, (data, truth) in build_all().items():
        (HERE / f"{name}.txt").write_bytes(data)
        (HERE / f"{name}.json").write_text(truth, encoding="utf-8")
        print(name)


if __name__ == "__main__":
    main()
