"""A province's year for the benchmarks: thousands of distinct reports, a roster, and a workspace.

Reports are made from the bundled samples and the layout fixtures (tests/data/reports) by giving each
one another agency, region and year: about 2,000 agencies in the counties of eleven cities, each
reporting for several years (2019-format layouts for 2019–2020, 2021-format ones from 2021), every
agency keeping its layout across years; some reports print the agency's short name (an alias in the
roster) and the roster also lists agencies that sent nothing. The workspace gets a reviewer's
activity too: corrections, accepted findings, sign-offs and returns, at fixed times.

Used by bench/bench_province.py and by other benchmarks (import `build` or `make_reports`):

    .venv/bin/python bench/province.py /tmp/province -n 10000     # reports/, roster.csv, workspace.sqlite

A folder already built with the same parameters is reused (see `build`).
"""
from __future__ import annotations

import argparse
import csv
import hashlib
import json
import math
import re
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

SAMPLES = ROOT / "resources" / "samples"
FIXTURES = ROOT / "tests" / "data" / "reports"
YEARS = (2020, 2021, 2022, 2023, 2024)

# city → its counties (county-level 地区 of one province)
CITIES = {
    "太原市": "小店区 迎泽区 杏花岭区 尖草坪区 万柏林区 晋源区 清徐县 阳曲县 娄烦县 古交市",
    "大同市": "平城区 云冈区 新荣区 云州区 阳高县 天镇县 广灵县 灵丘县 浑源县 左云县",
    "朔州市": "朔城区 平鲁区 山阴县 应县 右玉县 怀仁市",
    "忻州市": "忻府区 定襄县 五台县 代县 繁峙县 宁武县 静乐县 神池县 五寨县 岢岚县 河曲县 保德县 偏关县 原平市",
    "阳泉市": "城区 矿区 郊区 平定县 盂县",
    "吕梁市": "离石区 文水县 交城县 兴县 临县 柳林县 石楼县 岚县 方山县 中阳县 交口县 孝义市 汾阳市",
    "晋中市": "榆次区 太谷区 榆社县 左权县 和顺县 昔阳县 寿阳县 祁县 平遥县 灵石县 介休市",
    "长治市": "潞州区 上党区 屯留区 潞城区 襄垣县 平顺县 黎城县 壶关县 长子县 武乡县 沁县 沁源县",
    "晋城市": "城区 沁水县 阳城县 陵川县 泽州县 高平市",
    "临汾市": "尧都区 曲沃县 翼城县 襄汾县 洪洞县 古县 安泽县 浮山县 吉县 乡宁县 大宁县 隰县 永和县 蒲县 汾西县"
              " 侯马市 霍州市",
    "运城市": "盐湖区 临猗县 万荣县 闻喜县 稷山县 新绛县 绛县 垣曲县 夏县 平陆县 芮城县 永济市 河津市",
}
# department → its usual short name (listed as an alias in the roster), or None
DEPARTMENTS = {
    "人民政府": None, "人民政府办公室": "政府办", "发展和改革局": "发改局", "教育科技局": "教科局", "公安局": None,
    "民政局": None, "司法局": None, "财政局": None, "人力资源和社会保障局": "人社局", "自然资源局": None,
    "住房和城乡建设局": "住建局", "交通运输局": "交通局", "水利局": None, "农业农村局": "农业局", "商务局": None,
    "文化和旅游局": "文旅局", "卫生健康局": "卫健局", "退役军人事务局": "退役军人局", "应急管理局": "应急局",
    "审计局": None, "市场监督管理局": "市场监管局", "统计局": None, "医疗保障局": "医保局",
    "行政审批服务管理局": "行政审批局",
}
TOWNS = ("城关镇", "东关镇", "西关镇", "新城镇", "古城镇", "杜村乡", "李家庄乡", "王村镇", "南关镇", "北关镇")


@dataclass(frozen=True)
class Agency:
    name: str
    region: str  # 地区: the county (or city) it belongs to
    level: str  # 层级
    alias: str | None = None


@dataclass(frozen=True)
class Layout:
    """A report text to derive others from: its agency and year as printed, its format."""

    name: str
    text: str
    agency: str
    year: int
    template: str


def regions() -> list[tuple[str, str]]:
    """(city, county) pairs; a county's 地区 is written city + county (阳泉市城区 and 晋城市城区 differ)."""
    return [(city, county) for city, counties in CITIES.items() for county in counties.split()]


def _prefix(city: str, county: str) -> str:
    """How an agency of the county is named: 安泽县…, but 阳泉市城区… (several cities have a 城区)."""
    return city + county if county in ("城区", "矿区", "郊区") else county


def agencies(count: int) -> list[Agency]:
    """`count` agencies spread over every county, of every level: county departments and governments,
    townships and city departments, in rounds so that a small count still has all of them."""
    places = regions()
    depts = list(DEPARTMENTS.items())

    def county_round(dept: str, short: str | None) -> list[Agency]:
        level = "县级政府" if dept.startswith("人民政府") else "县级部门"
        return [Agency(_prefix(c, k) + dept, c + k, level, _prefix(c, k) + short if short else None) for c, k in places]

    def town_round(town: str) -> list[Agency]:
        return [Agency(f"{_prefix(c, k)}{town}人民政府", c + k, "乡镇") for c, k in places]

    city_round = [Agency(city + dept, city, "市级政府" if dept.startswith("人民政府") else "市级部门",
                         city + short if short else None) for dept, short in depts for city in CITIES]
    pool: list[Agency] = []
    for d in depts[:8]:
        pool += county_round(*d)
    pool += town_round(TOWNS[0]) + city_round
    for d in depts[8:16]:
        pool += county_round(*d)
    pool += town_round(TOWNS[1])
    for d in depts[16:]:
        pool += county_round(*d)
    for town in TOWNS[2:]:
        pool += town_round(town)
    if count > len(pool):
        raise ValueError(f"at most {len(pool)} agencies")
    return pool[:count]


def layouts() -> list[Layout]:
    """The samples and every UTF-8 layout fixture whose agency and year are printed literally."""
    out = []
    for folder, truth_dir in ((SAMPLES, SAMPLES / "truth"), (FIXTURES, FIXTURES)):
        for p in sorted(folder.glob("*.txt")):
            truth_file = truth_dir / (p.stem + ".json")
            if not truth_file.is_file():
                continue
            truth = json.loads(truth_file.read_text(encoding="utf-8"))
            try:
                text = p.read_bytes().decode("utf-8")
            except UnicodeDecodeError:
                continue
            agency, year, template = truth.get("agency"), truth.get("year"), truth.get("template")
            if not agency or not year or template not in ("2019", "2021") or agency not in text:
                continue
            if str(year) not in text or (template == "2019") != (year <= 2020):
                continue  # the year must be replaceable, and the format right for the year
            out.append(Layout(p.name, text, agency, year, template))
    return out


def _pick(items: list, key: str) -> object:
    """A stable choice by a name (the same agency keeps its layout across years, whatever the run)."""
    return items[int(hashlib.sha256(key.encode()).hexdigest()[:8], 16) % len(items)]


def report_text(layout: Layout, agency: Agency, year: int, serial: int, printed_name: str | None = None) -> str:
    text = layout.text.replace(layout.agency, printed_name or agency.name)
    if year != layout.year:  # the year and the year before, at once (2023→2022 must not become 2021)
        years = {str(layout.year): str(year), str(layout.year - 1): str(year - 1)}
        text = re.sub(r"(?<!\d)(\d{4})(?!\d)", lambda m: years.get(m[1], m[1]), text)
    return text + f"\n（{agency.region}　编号 {serial:05d}）\n"


def plan(n: int, years: tuple[int, ...] = YEARS) -> tuple[list[Agency], list[tuple[Agency, int]]]:
    """The roster (with about 3% agencies that send nothing) and the (agency, year) of each of n reports."""
    reporting = math.ceil(n / len(years))
    roster = agencies(reporting + max(1, reporting * 3 // 100))
    reports = [(roster[k // len(years)], years[k % len(years)]) for k in range(n)]
    return roster, reports


def make_reports(folder: Path, n: int, years: tuple[int, ...] = YEARS) -> list[Path]:
    """Write n report files with distinct bytes; returns their paths (file names sort in report order)."""
    folder.mkdir(parents=True, exist_ok=True)
    pool = layouts()
    by_format = {t: [lay for lay in pool if lay.template == t] for t in ("2019", "2021")}
    _, reports = plan(n, years)
    out = []
    for k, (agency, year) in enumerate(reports):
        layout = _pick(by_format["2019" if year <= 2020 else "2021"], agency.name)
        printed = agency.alias if agency.alias and k % 17 == 5 else None  # some print the short name
        p = folder / f"{k:05d}_{agency.name}_{year}.txt"
        p.write_text(report_text(layout, agency, year, k, printed), encoding="utf-8")
        out.append(p)
    return out


def write_roster(path: Path, roster: list[Agency]) -> Path:
    """The roster as an office keeps it: 机关, 别名, 地区, 层级 (CSV, UTF-8 with BOM so Excel reads it)."""
    with path.open("w", encoding="utf-8-sig", newline="") as f:
        w = csv.writer(f)
        w.writerow(["机关", "别名", "地区", "层级"])
        for a in roster:
            w.writerow([a.name, a.alias or "", a.region, a.level])
    return path


def set_roster(workspace_path: Path, roster: Path) -> bool:
    """Give the workspace the roster (its 地区 group the archive's volumes), if it has none and the
    workspace keeps one; True when set."""
    from review.workspace import Workspace

    with Workspace(workspace_path) as ws:
        office = getattr(ws, "office", None)
        if office is None or office.roster():
            return False
        from review.office.roster import read_roster

        office.set_roster(read_roster(roster), "基准", "省级名单")
        return True


def add_activity(workspace_path: Path, every: int = 20) -> dict[str, int]:
    """A reviewer's year: of every `every` reports one corrected, one returned, one signed off (with its
    open errors accepted first). Times are fixed, so the same build gives the same workspace content."""
    from parser.model import Correction
    from review.state import ACCEPTED, PASSED, PASSED_AFTER_CORRECTION, RETURNED, Decision, SignOff
    from review.workspace import Workspace

    done = {"corrections": 0, "decisions": 0, "returned": 0, "signed": 0}
    key = "requests/new_received/natural_person"
    with Workspace(workspace_path) as ws:
        for i, rid in enumerate(ws.report_ids()):
            slot, day = i % every, f"2025-03-{i % 28 + 1:02d}"
            if slot not in (1, 2, 3):
                continue
            item = ws.load(rid)
            if slot == 2:
                ws.sign_off(rid, SignOff(RETURNED, "王审核", "表三（七）总计与各项之和不符，请核实后重新报送",
                                         time=f"{day}T10:00:00+00:00"))
                done["returned"] += 1
                continue
            cell = item.report.cells.get(key)
            if slot == 1 and cell is not None and isinstance(cell.value, int | float):
                ws.record_correction(rid, Correction(key, cell.value, cell.value + 1, "核对原件，按原件更正",
                                                     "李审核", f"{day}T09:00:00+00:00"))
                done["corrections"] += 1
                item = ws.load(rid)
            for f in item.open_findings("error"):
                ws.record_decision(rid, Decision(f.id, ACCEPTED, "经电话核实，报送数据无误", "李审核",
                                                 f"{day}T09:30:00+00:00"))
                done["decisions"] += 1
            outcome = PASSED_AFTER_CORRECTION if item.report.corrections() else PASSED
            ws.sign_off(rid, SignOff(outcome, "李审核", time=f"{day}T11:00:00+00:00"))
            done["signed"] += 1
    return done


def build(folder: str | Path, n: int = 10_000, years: tuple[int, ...] = YEARS, *, activity: bool = True,
          workers: int | None = None, quiet: bool = False) -> Path:
    """Build (or reuse) folder/reports/, folder/roster.csv and folder/workspace.sqlite; returns the workspace.

    A folder holding a finished build with the same parameters is reused as it is.
    """
    from review.workspace import Workspace

    folder = Path(folder)
    marker = folder / "built.json"
    params = {"n": n, "years": list(years), "activity": activity, "version": 1}
    workspace = folder / "workspace.sqlite"
    if marker.is_file() and json.loads(marker.read_text()) == params and workspace.is_file():
        set_roster(workspace, folder / "roster.csv")
        return workspace
    folder.mkdir(parents=True, exist_ok=True)
    for stale in (marker, workspace, folder / "workspace.sqlite-wal", folder / "workspace.sqlite-shm"):
        stale.unlink(missing_ok=True)
    reports = folder / "reports"
    if reports.is_dir():
        for p in reports.glob("*.txt"):
            p.unlink()
    t = time.perf_counter()
    files = make_reports(reports, n, years)
    roster, _ = plan(n, years)
    write_roster(folder / "roster.csv", roster)
    say = (lambda *a: None) if quiet else print
    say(f"{len(files)} reports of {len(roster)} roster agencies written in {time.perf_counter() - t:.1f} s")
    t = time.perf_counter()
    with Workspace(workspace) as ws:
        result = ws.import_paths([reports], workers=workers)
    say(f"imported in {time.perf_counter() - t:.1f} s: {result.summary()}")
    if result.failed:
        raise RuntimeError(f"{len(result.failed)} generated reports could not be read: {result.failed[:3]}")
    set_roster(workspace, folder / "roster.csv")
    if activity:
        t = time.perf_counter()
        done = add_activity(workspace)
        say(f"review activity in {time.perf_counter() - t:.1f} s: {done}")
    marker.write_text(json.dumps(params))
    return workspace


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("folder")
    ap.add_argument("-n", type=int, default=10_000)
    ap.add_argument("--years", default=",".join(map(str, YEARS)), help="comma-separated, e.g. 2023,2024")
    ap.add_argument("--no-activity", action="store_true", help="no corrections, decisions or sign-offs")
    ap.add_argument("--workers", type=int, default=None, help="parse processes (default: as the import command)")
    args = ap.parse_args()
    years = tuple(int(y) for y in args.years.split(","))
    print(build(args.folder, args.n, years, activity=not args.no_activity, workers=args.workers))


if __name__ == "__main__":
    main()
