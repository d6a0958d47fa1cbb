"""Generate the test reports in tests/data/reports/ with their truth files.

Each fixture draws one consistent set of values (fixed seed, so the output is deterministic) and
renders it in one layout; the truth is the drawn values, so it is right by construction. Where the
fixture's point is a damage (dropped cells, a missing half-table, blank sub-row totals) the truth
records what a careful reader can read: null where nothing is printed.

Run from the repository root:  .venv/bin/python tests/data/make_reports.py
Hand-written fixtures (04x_hand_*) are not produced here; the script leaves them alone.
"""
from __future__ import annotations

import json
import random
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
sys.path[:0] = [str(ROOT), str(HERE)]

from report_fixtures import FIXTURES  # noqa: E402

OUT = HERE / "reports"
SEED = 20240131


def build_all() -> dict[str, tuple[bytes, str]]:
    """Every generated fixture: name → (report bytes, truth JSON text). Deterministic."""
    out: dict[str, tuple[bytes, str]] = {}
    for make in FIXTURES:
        rng = random.Random(f"{SEED}-{make.__name__}")
        name, text, t, encoding = make(rng)
        out[name] = (text.encode(encoding), json.dumps(t, ensure_ascii=False, indent=1) + "\n")
    return out


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    for name, (data, js) in build_all().items():
        (OUT / f"{name}.txt").write_bytes(data)
        (OUT / f"{name}.json").write_text(js, encoding="utf-8")
        print(f"wrote {name}")


if __name__ == "__main__":
    main()
