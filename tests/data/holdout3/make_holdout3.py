"""Write the third holdout (tests/data/holdout3/NNN_*.txt + .json): reports as COPIED TEXT.

Usage: .venv/bin/python tests/data/holdout3/make_holdout3.py
Deterministic; the parser is never imported. Each truth holds what a careful reader reads off the text.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from holdout3_reports import REPORTS  # noqa: E402


def build_all() -> dict[str, tuple[str, str]]:
    """name → (copied text, truth JSON text)."""
    out = {}
    for name, make in REPORTS.items():
        text, truth = make()
        out[name] = (text.rstrip("\n") + "\n", json.dumps(truth, ensure_ascii=False, indent=1) + "\n")
    return out


def main() -> None:
    for name, (text, truth) in build_all().items():
        (HERE / f"{name}.txt").write_text(text, encoding="utf-8")
        (HERE / f"{name}.json").write_text(truth, encoding="utf-8")
        print(name)


if __name__ == "__main__":
    main()
