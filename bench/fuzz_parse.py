"""Mutation fuzzing of the text parser: damaged copies of the committed corpora, each parsed and checked,
every exception and every slow parse reported.

Seeds are resources/samples, tests/data/damaged and tests/data/damaged_tools (tests/textmutations.py:
lines deleted, duplicated, swapped, glued; the text cut mid-table; digits garbled to O/D/l/了; box characters,
pipes, tabs, form feeds inserted; a laid-out line's spaces shifted; huge numbers; very long lines).
Each case goes through parse_bytes (the path a file takes: parse_text, then another tool's OCR weighed) and
review.rules.check; the case's CPU time (parse + check) is measured. A case over --stall ms is a stall.
Failing cases are written to --out (one file each) for a minimal reproduction.

Run: .venv/bin/python bench/fuzz_parse.py --cases 3000 --seed 1
Prints cases run, exceptions, stalls, CPU per case (median, p99, max), wall time and the load average.
"""
from __future__ import annotations

import argparse
import faulthandler
import os
import random
import statistics
import sys
import time
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from textmutations import mutated, seeds  # noqa: E402

from parser.extract import parse_bytes  # noqa: E402
from parser.reader import ReadError  # noqa: E402
from review.rules import check  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cases", type=int, default=2000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--stall", type=float, default=200.0, help="ms of CPU for parse + check counted a stall")
    ap.add_argument("--out", type=Path, default=Path("/tmp/fuzz_parse"), help="where failing cases are written")
    args = ap.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    n_seeds = len(seeds())
    for text in seeds()[:3]:  # warm imports and caches
        check(parse_bytes(text.encode("utf-8"), "warm.txt"))
    times: list[tuple[float, int]] = []
    errors: dict[str, int] = {}
    stalls = 0
    wall0, load0 = time.perf_counter(), os.getloadavg()[0]
    for case in range(args.cases):
        rnd = random.Random(args.seed * 1_000_003 + case)
        text = mutated(rnd.randrange(n_seeds), rnd, rnd.randint(1, 12))
        (args.out / "current.txt").write_text(text, encoding="utf-8")  # the case a hang is stuck on
        faulthandler.dump_traceback_later(30, exit=True)  # a hang: where it is stuck, then stop
        t0 = time.process_time()
        try:
            check(parse_bytes(text.encode("utf-8"), "fuzz.txt"), strict=True)  # a rule that raises counts too
        except ReadError:
            pass  # not a report any more (its title and tables cut away): the one-line reason is the contract
        except Exception as e:  # noqa: BLE001 - the point is to find any
            where = traceback.extract_tb(e.__traceback__)[-1]
            key = f"{type(e).__name__} at {Path(where.filename).name}:{where.lineno}"
            if key not in errors:
                (args.out / f"error_{case}.txt").write_text(text, encoding="utf-8")
                print(f"case {case}: {key}: {e}", flush=True)
            errors[key] = errors.get(key, 0) + 1
        ms = (time.process_time() - t0) * 1000
        faulthandler.cancel_dump_traceback_later()
        times.append((ms, case))
        if ms > args.stall:
            stalls += 1
            (args.out / f"stall_{case}.txt").write_text(text, encoding="utf-8")
            print(f"case {case}: stall {ms:.0f} ms CPU ({len(text)} chars)", flush=True)
    wall = time.perf_counter() - wall0
    ms = sorted(t for t, _ in times)
    worst = max(times)
    print(f"cases {len(ms)} from {n_seeds} seeds (seed {args.seed}); exceptions {sum(errors.values())} "
          f"({len(errors)} distinct); stalls over {args.stall:.0f} ms: {stalls}")
    print(f"CPU per case (parse + check): median {statistics.median(ms):.2f} ms, p99 {ms[int(len(ms) * .99)]:.1f} ms, "
          f"max {worst[0]:.1f} ms (case {worst[1]}); wall {wall:.1f} s; load {load0:.2f} → {os.getloadavg()[0]:.2f}")
    for key, n in sorted(errors.items(), key=lambda kv: -kv[1]):
        print(f"  {n:5d}  {key}")


if __name__ == "__main__":
    main()
