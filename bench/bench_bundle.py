"""The desktop bundle (packaging/build.sh → dist/nianbao/): its size, its start times, and a smoke run that
shows it works without Python or the venv.

Run: bash packaging/build.sh --no-deb && .venv/bin/python bench/bench_bundle.py [--bundle dist/nianbao] [-n 3]

Every run is in a folder outside the checkout, with an environment that has no venv, no PYTHONPATH and
no display (HOME and the data folders in a temporary directory):
1. size of the folder (and of the .deb, if built);
2. `nianbao rules` (start-up and the rule catalogue), `nianbao extract SAMPLE --json` and
   `nianbao check SAMPLES --json`: median wall time of n runs; their output must equal the checkout's;
3. `nianbao SAMPLE --screenshot OUT.png` (the window, offscreen): wall time, and the PNG's size;
4. with --scan: `nianbao extract SCAN.pdf --json` on an image-only PDF of sample 000 (tests/scangen.py),
   read by OCR with the models packed in the bundle; output compared with the checkout's.
"""
from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = sorted((ROOT / "resources" / "samples").glob("*.txt"))


def _folder_size(path: Path) -> tuple[float, int]:
    files = [p for p in path.rglob("*") if p.is_file() and not p.is_symlink()]
    return sum(p.stat().st_size for p in files) / 1048576, len(files)


def _clean_env(home: Path) -> dict[str, str]:
    """What a desktop session without this project's Python would have."""
    env = {"PATH": "/usr/local/bin:/usr/bin:/bin", "HOME": str(home), "LANG": "C.UTF-8",
           "XDG_DATA_HOME": str(home / "data"), "XDG_CONFIG_HOME": str(home / "config")}
    return env


def _timed(command: list[str], cwd: Path, env: dict[str, str], n: int) -> tuple[float, subprocess.CompletedProcess]:
    times, result = [], None
    for _ in range(n):
        t = time.perf_counter()
        result = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, timeout=600)
        times.append(time.perf_counter() - t)
    assert result is not None
    return statistics.median(times), result


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--bundle", default=str(ROOT / "dist" / "nianbao"))
    ap.add_argument("-n", type=int, default=3, help="runs per timed command")
    ap.add_argument("--scan", action="store_true", help="also read a scanned report (OCR; minutes on a busy machine)")
    args = ap.parse_args()
    bundle = Path(args.bundle).resolve()
    exe = bundle / ("nianbao.exe" if sys.platform == "win32" else "nianbao")
    if not exe.is_file():
        print(f"没有找到桌面程序：{exe}（先运行 bash packaging/build.sh）", file=sys.stderr)
        return 2
    mb, count = _folder_size(bundle)
    print(f"bundle: {bundle}  {mb:.0f} MB in {count} files")
    for deb in sorted((bundle.parent).glob("*.deb")):
        print(f"deb:    {deb.name}  {deb.stat().st_size / 1048576:.0f} MB")

    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp) / "office"
        (work / "报告").mkdir(parents=True)
        for p in SAMPLES:
            shutil.copy2(p, work / "报告" / p.name)
        env = _clean_env(Path(tmp) / "home")
        files = [f"报告/{p.name}" for p in SAMPLES]
        failed = False
        for label, argv in (("rules", ["rules"]), ("extract 1 sample --json", ["extract", files[2], "--json"]),
                            (f"check {len(files)} samples --json", ["check", *files, "--json"])):
            seconds, got = _timed([str(exe), *argv], work, env, args.n)
            want = subprocess.run([sys.executable, str(ROOT / "main.py"), *argv], cwd=work, capture_output=True,
                                  text=True, timeout=600)
            same = (got.returncode, got.stdout) == (want.returncode, want.stdout)
            failed = failed or not same or "Traceback" in got.stderr
            print(f"{label:<28} {seconds * 1000:7.0f} ms (median of {args.n})  exit {got.returncode}  "
                  f"{'same output as the checkout' if same else 'DIFFERENT from the checkout: ' + got.stderr[-300:]}")
        out = Path(tmp) / "window.png"
        seconds, shot = _timed([str(exe), files[2], "--screenshot", str(out)], work, env, 1)
        ok = shot.returncode == 0 and out.is_file() and out.stat().st_size > 10_000
        failed = failed or not ok
        print(f"{'window --screenshot':<28} {seconds * 1000:7.0f} ms  exit {shot.returncode}  "
              + (f"PNG {out.stat().st_size // 1024} KB" if ok else "FAILED: " + shot.stderr[-500:]))
        if ok and os.environ.get("KEEP_SCREENSHOT"):
            shutil.copy2(out, os.environ["KEEP_SCREENSHOT"])
        if args.scan:
            failed = _scan(exe, work, env) or failed
    return 1 if failed else 0


def _scan(exe: Path, work: Path, env: dict[str, str]) -> bool:
    """OCR inside the bundle; True when it failed."""
    import json

    sys.path.insert(0, str(ROOT / "tests"))
    import scangen

    truth = json.loads((ROOT / "resources" / "samples" / "truth" / (SAMPLES[0].stem + ".json")).read_text("utf-8"))
    (work / "scan.pdf").write_bytes(scangen.to_pdf(scangen.report_pages(truth)))
    seconds, got = _timed([str(exe), "extract", "scan.pdf", "--json"], work, env, 1)
    want = subprocess.run([sys.executable, str(ROOT / "main.py"), "extract", "scan.pdf", "--json"], cwd=work,
                          capture_output=True, text=True, timeout=1200)
    same = (got.returncode, got.stdout) == (want.returncode, want.stdout)
    print(f"{'extract scan (OCR) --json':<28} {seconds * 1000:7.0f} ms  exit {got.returncode}  "
          f"{'same output as the checkout' if same else 'DIFFERENT from the checkout: ' + got.stderr[-300:]}")
    return not same


if __name__ == "__main__":
    sys.exit(main())
