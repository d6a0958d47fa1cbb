# ruff: noqa: E501  (data file: long Chinese label literals)
"""Write the fourth holdout (tests/data/holdout4/NNN_*.txt + .json): 2019-format reports (2019/2020),
OCR'd scans, cells a careful reader must leave empty, and table 二 with extra rows or other headings.

Usage: .venv/bin/python tests/data/holdout4/make_holdout4.py
Deterministic; the parser is never imported. Each truth holds what a careful reader reads off the text.
"""
from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from holdout4_base import (  # noqa: E402
    APPLICANTS,
    Printed,
    active_rows,
    appeals_rows,
    change_text,
    num,
    per_line,
    report_text,
    requests_rows,
    spaced,
    spread,
    tabbed,
    truth,
    values,
)

Made = tuple[str, dict]


def _report(agency: str, year: int, template: str, p: Printed, t2: str, t3: str, t4: str, seed: int,
            *, title: str | None = None, signature: str = "", heading2: str = "二、主动公开政府信息情况") -> Made:
    title = title or f"{agency}{year}年政府信息公开工作年度报告"
    text = report_text(title, year, agency, p.v, t2, t3, t4, seed, signature=signature, heading2=heading2)
    return text, truth(agency, year, template, p)


def r401() -> Made:
    """2019 county bureau, one cell per line; 本年增/减 as -3/+2/0; amount 万元 with unit; 2019 wording."""
    p = Printed(values(401, "2019", 26), change="sign", amount="wan")
    return _report("临泽县人力资源和社会保障局", 2019, "2019", p, per_line(active_rows(p, "2019")),
                   per_line(requests_rows(p, "2019")), per_line(appeals_rows(p)), 401)


def r402() -> Made:
    """2020 township, tab-separated rows; 增2/减3; 采购总金额 printed in 元 with the unit."""
    p = Printed(values(402, "2019", 9, appeals=2), change="zeng", amount="yuan")
    return _report("宁陵县逻岗镇人民政府", 2020, "2019", p, tabbed(active_rows(p, "2019")),
                   tabbed(requests_rows(p, "2019")), tabbed(appeals_rows(p)), 402)


def r403() -> Made:
    """2019 district finance bureau, PDF-like single spaces; header 采购总金额（万元）, bare amount."""
    p = Printed(values(403, "2019", 41), change="sign", amount="bare")
    t2 = spaced(active_rows(p, "2019", amount_head="采购总金额（万元）"))
    return _report("西安市雁塔区财政局", 2019, "2019", p, t2, spaced(requests_rows(p, "2019")),
                   spaced(appeals_rows(p)), 403)


def r404() -> Made:
    """2020 city bureau, header 采购总金额（元） and a bare amount in 元 (→ 万元)."""
    p = Printed(values(404, "2019", 57, appeals=6), change="zeng", amount="yuan_bare")
    t2 = tabbed(active_rows(p, "2019", amount_head="采购总金额（元）"))
    return _report("株洲市自然资源和规划局", 2020, "2019", p, t2, tabbed(requests_rows(p, "2019")),
                   tabbed(appeals_rows(p)), 404)


def _ocr_digits(p: Printed, edits: dict[str, str]) -> None:
    """OCR misreads a careful reader still reads as the true number (l/I→1, O/o→0, S→5)."""
    for key, printed in edits.items():
        p.damage(key, printed)


def r405() -> Made:
    """2019 scan OCR'd: table lines lost (single spaces), digits misread as l/I/O/o, labels spaced out."""
    v = values(405, "2019", 14, appeals=3)
    p = Printed(v, change="sign", amount="wan")
    edits: dict[str, str] = {}
    multi = [k for k in v if len(p(k)) >= 2 and ("1" in p(k) or "0" in p(k)) and not k.endswith("/change")]
    for i, key in enumerate(multi[::3][:9]):
        s = p(key)
        edits[key] = s.replace("1", "lI"[i % 2], 1) if "1" in s else s.replace("0", "O", 1)
    zeros = [k for k in v if k.startswith("requests/") and p(k) == "0"]
    for i, key in enumerate(zeros[5::11][:4]):
        edits[key] = "Oo"[i % 2]
    _ocr_digits(p, edits)
    labels = {"punishment": spread("行政处罚"), "other_services": "其 他对外管理服务 事项", "procurement": "政府集中 采购"}
    rlabels = {"granted": "（一）予 以 公 开", "unable.not_held": "1.本机关不掌握相关 政府信息", "total": "（七） 总计"}
    return _report("岳西县交通运输局", 2019, "2019", p, spaced(active_rows(p, "2019", labels=labels)),
                   spaced(requests_rows(p, "2019", labels=rlabels)), spaced(appeals_rows(p)), 405)


def r406() -> Made:
    """2021 scan OCR'd one cell per line: spaces inside numbers (1 28), S read for 5 in a digit cell."""
    v = values(406, "2021", 33)
    p = Printed(v, amount="bare")
    lic = p("active/licensing/decisions")
    p.damage("active/licensing/decisions", lic[0] + " " + lic[1:])
    nd = p("active/normative_documents/in_force")
    p.damage("active/normative_documents/in_force", nd[0] + " " + nd[1:])
    pun = str(v["active/punishment/decisions"])
    if "5" in pun:
        p.damage("active/punishment/decisions", pun.replace("5", "S", 1))
    tot = p("requests/total/total")
    p.damage("requests/total/total", " ".join(tot))
    gr = p("requests/granted/natural_person")
    p.damage("requests/granted/natural_person", gr.replace("5", "S") if "5" in gr else gr + " ")
    return _report("南京市江宁区市场监督管理局", 2021, "2021", p, per_line(active_rows(p, "2021")),
                   per_line(requests_rows(p, "2021")), per_line(appeals_rows(p)), 406)


def r407() -> Made:
    """2020 OCR: line breaks inside labels (其他对外管理服\\n务事项, （二）部分公开（区分处理的，只计这一\\n情形…），
    numbers on the line after the label."""
    p = Printed(values(407, "2019", 21), change="zeng", amount="wan")
    labels = {"other_services": "其他对外管理服\n务事项", "procurement": "政府集中\n采购", "fees": "行政事业性\n收费"}
    rl = {"partially_granted": "（二）部分公开（区分处理的，只计这一\n情形，不计其他情形）",
          "not_processed.confirm": "5.要求行政机关确认或重新出\n具已获取信息",
          "carried_forward": "四、结转下年度继\n续办理"}
    rows2 = active_rows(p, "2019", labels=labels)
    rows3 = requests_rows(p, "2019", labels=rl)
    t2 = "\n".join(r[0] + ("\n" + " ".join(r[1:]) if len(r) > 1 else "") for r in rows2)
    t3 = "\n".join(" ".join(r[:-7]) + "\n" + " ".join(r[-7:]) if len(r) >= 8 else " ".join(r) for r in rows3)
    return _report("怀化市鹤城区卫生健康局", 2020, "2019", p, t2, t3, spaced(appeals_rows(p)), 407)


def r408() -> Made:
    """2019 scan, one cell per line: some cells unreadable (#, ?, ■) → null; the rest as printed."""
    p = Printed(values(408, "2019", 18), change="sign", amount="wan")
    for key, mark in (("active/other_services/decisions", "#"), ("active/fees/change", "?"),
                      ("requests/unable.not_held/commercial", "■"), ("requests/granted/total", "#"),
                      ("appeals/review/upheld", "?")):
        p.damage(key, mark, readable=False)
    return _report("瑞金市教育局", 2019, "2019", p, per_line(active_rows(p, "2019")),
                   per_line(requests_rows(p, "2019")), per_line(appeals_rows(p)), 408)


def r409() -> Made:
    """2020, tab rows: half-printed rows (cut at the scan's right edge): the printed leading cells are read,
    the lost trailing cells are null."""
    p = Printed(values(409, "2019", 24), change="sign", amount="wan")
    rows2 = active_rows(p, "2019")
    for r in rows2:
        if r[0] == "行政强制":
            del r[2:]
    for c in ("change", "decisions"):
        p.truth[f"active/coercion/{c}"] = None
    rows3 = requests_rows(p, "2019")
    for r in rows3:
        if r[0] == "3.补正后申请内容仍不明确":
            del r[5:]
    for c in [*APPLICANTS[4:], "total"]:
        p.truth[f"requests/unable.unclear/{c}"] = None
    return _report("襄阳市襄州区民政局", 2020, "2019", p, tabbed(rows2), tabbed(rows3), tabbed(appeals_rows(p)), 409)


def r410() -> Made:
    """2019: table 二 with extra explanatory rows: 其他主动公开文件 and 合计 after 规范性文件."""
    v = values(410, "2019", 35)
    p = Printed(v, change="zeng", amount="wan")
    made = v["active/regulations/made"] + v["active/normative_documents/made"] + 42
    total = v["active/regulations/total"] + v["active/normative_documents/total"] + 318
    extra = {"normative_documents": [["其他主动公开文件", "42", "42", "318"], ["合计", str(made), str(made), str(total)]]}
    return _report("绍兴市柯桥区住房和城乡建设局", 2019, "2019", p, tabbed(active_rows(p, "2019", extra=extra)),
                   tabbed(requests_rows(p, "2019")), tabbed(appeals_rows(p)), 410)


def r411() -> Made:
    """2020: 第二十条 headings as 第二十条第一项 / 第二十条第（五）、（六）项 merged / 第二十条第八、九项."""
    p = Printed(values(411, "2019", 16), change="sign", amount="wan")
    heads = {"一": "第二十条第一项", "五": "第二十条第（五）、（六）项", "六": "", "八": "第二十条第八、九项", "九": ""}
    rows2 = active_rows(p, "2019", heads=heads)
    # the merged block prints one column heading row only
    seen = 0
    out = []
    for r in rows2:
        if r[0] == "信息内容" and r[1] == "上一年项目数量":
            seen += 1
            if seen == 2:
                continue
        out.append(r)
    return _report("湘潭县农业农村局", 2020, "2019", p, tabbed(out), tabbed(requests_rows(p, "2019")),
                   tabbed(appeals_rows(p)), 411)


def r412() -> Made:
    """2021 format with 其他主动公开文件 + 合计 rows in the (一) block and headings 第二十条第一项 …"""
    v = values(412, "2021", 48)
    p = Printed(v, amount="wan")
    extra = {"normative_documents": [["其他文件", "56", "—", "56"],
                                     ["合计", str(v["active/regulations/issued"] + v["active/normative_documents/issued"] + 56),
                                      str(v["active/regulations/repealed"] + v["active/normative_documents/repealed"]),
                                      str(v["active/regulations/in_force"] + v["active/normative_documents/in_force"] + 56)]]}
    heads = {"一": "第二十条第一项", "五": "第二十条第五项", "六": "第二十条第六项", "八": "第二十条第八项"}
    return _report("佛山市顺德区教育局", 2021, "2021", p, per_line(active_rows(p, "2021", heads=heads, extra=extra)),
                   per_line(requests_rows(p, "2021")), per_line(appeals_rows(p)), 412)


def r413() -> Made:
    """2019 OCR with punctuation noise around cells (・12，  。3  |) in tab rows."""
    p = Printed(values(413, "2019", 29), change="sign", amount="wan")
    noise = ["・{}", "{}，", "{}。", "|{}", "{} |"]
    for i, key in enumerate(("active/regulations/made", "active/licensing/previous", "active/punishment/decisions",
                             "active/procurement/count", "requests/new_received/natural_person",
                             "requests/unable.not_held/natural_person", "requests/total/total",
                             "requests/carried_forward/commercial", "appeals/review/total")):
        p.damage(key, noise[i % len(noise)].format(p(key)))
    rows3 = requests_rows(p, "2019")
    return _report("赣州市章贡区司法局", 2019, "2019", p, tabbed(active_rows(p, "2019")),
                   "\n".join("|" + "|".join(r) + "|" for r in rows3), tabbed(appeals_rows(p)), 413)


def r414() -> Made:
    """2020: 本年增/减 as 增加2/减少3; some cells printed — or / (left blank → null)."""
    p = Printed(values(414, "2019", 12, appeals=2), change="zengjia", amount="wan")
    for key, mark in (("active/regulations/made", "—"), ("active/regulations/published", "—"),
                      ("active/regulations/total", "/"), ("active/fees/change", "—")):
        p.damage(key, mark, readable=False)
    return _report("昆明市盘龙区城市管理局", 2020, "2019", p, per_line(active_rows(p, "2019")),
                   per_line(requests_rows(p, "2019")), per_line(appeals_rows(p)), 414)


def r415() -> Made:
    """2019 OCR: characters swapped or misread in labels (行政可许, 政府采中购, 予公以开, 信坊举报, 第二十条第（一）顶)."""
    p = Printed(values(415, "2019", 22), change="zeng", amount="bare")
    labels = {"licensing": "行政可许", "procurement": "政府采中购", "other_services": "其他对外服务管理事项",
              "normative_documents": "规范件性文"}
    heads = {n: f"第二十条第（{n}）顶" for n in "一五六八九"}
    rl = {"granted": "（一）予公以开", "not_processed.petition": "1.信坊举报投诉类申请", "unable.not_held": "1.本机关不掌捤相关政府信息",
          "（四）无法提供": "（四）无价提供"}
    return _report("遵义市汇川区水务局", 2019, "2019", p, tabbed(active_rows(p, "2019", labels=labels, heads=heads)),
                   tabbed(requests_rows(p, "2019", labels=rl)), tabbed(appeals_rows(p)), 415)


def r416() -> Made:
    """2020 OCR with the whole report's tables run together by single spaces, 合计 for 总计, label spaces."""
    p = Printed(values(416, "2019", 63, appeals=5), change="zeng", amount="yuan")
    rl = {"total": "（七）合计", "carried_over": "二、上年结转政府信息 公开申请数量", "denied.third_party": "4.保护第三方 合法权益"}
    return _report("淄博市张店区应急管理局", 2020, "2019", p, spaced(active_rows(p, "2019")),
                   spaced(requests_rows(p, "2019", labels=rl, total_head="合计")), spaced(appeals_rows(p)), 416,
                   signature="淄博市张店区应急管理局")


def r417() -> Made:
    """2020 per-line with a unit on the procurement amount after a space (125.6 万元) and 0 changes."""
    v = values(417, "2019", 19)
    for row in ("licensing", "other_services", "punishment", "coercion"):
        v[f"active/{row}/change"] = 0 if row != "licensing" else 5
    p = Printed(v, change="sign", amount="wan")
    p.damage("active/procurement/amount", p("active/procurement/amount").replace("万元", " 万元"))
    return _report("黔东南州生态环境局", 2020, "2019", p, per_line(active_rows(p, "2019")),
                   per_line(requests_rows(p, "2019")), per_line(appeals_rows(p)), 417)


def r418() -> Made:
    """2021 OCR, single spaces, 不再受理 for 不再处理 in （六）其他处理, l/O misreads, spaced labels."""
    p = Printed(values(418, "2021", 27), amount="wan")
    rl = {"other.no_correction": "1.申请人无正当理由逾期不补正、行政机关不再受理其政府信息公开申请",
          "other.no_fee": "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再受理其政府信息公开申请",
          "denied.process_info": "6.属于四类过程 性信息"}
    for key in ("requests/granted/total", "active/licensing/decisions"):
        s = p(key)
        p.damage(key, s.replace("1", "l", 1) if "1" in s else s.replace("0", "O", 1) if "0" in s else s)
    return _report("乐山市市中区统计局", 2021, "2021", p, spaced(active_rows(p, "2021")),
                   spaced(requests_rows(p, "2021", labels=rl)), spaced(appeals_rows(p)), 418)


def r419() -> Made:
    """2020 OCR one cell per line: signs split from digits (+ 2, - 3), amount with a space inside (1 256.8万元),
    characters swapped in 行政制强."""
    v = values(419, "2019", 31)
    v["active/procurement/amount"] = 1256.8
    p = Printed(v, change="sign", amount="wan")
    for row in ("licensing", "other_services", "punishment", "coercion", "fees"):
        s = p(f"active/{row}/change")
        if s[0] in "+-":
            p.damage(f"active/{row}/change", s[0] + " " + s[1:])
    p.damage("active/procurement/amount", "1 256.8万元")
    return _report("张家口市宣化区审计局", 2020, "2019", p, per_line(active_rows(p, "2019", labels={"coercion": "行政制强"})),
                   per_line(requests_rows(p, "2019")), per_line(appeals_rows(p)), 419)


def r420() -> Made:
    """2019: table 二 blocks followed by 小计/合计 rows summing the block (第五项 and 第六项)."""
    v = values(420, "2019", 17)
    p = Printed(v, change="sign", amount="wan")

    def sub(label: str, rows: tuple[str, ...]) -> list[list[str]]:
        return [[label, *(num(sum(v[f"active/{r}/{c}"] for r in rows)) if c != "change"
                          else change_text(sum(v[f"active/{r}/change"] for r in rows), "sign")
                          for c in ("previous", "change", "decisions"))]]
    extra = {"other_services": sub("小计", ("licensing", "other_services")),
             "coercion": sub("合计", ("punishment", "coercion"))}
    return _report("六安市裕安区退役军人事务局", 2019, "2019", p, per_line(active_rows(p, "2019", extra=extra)),
                   per_line(requests_rows(p, "2019")), per_line(appeals_rows(p)), 420)


REPORTS: dict[str, Callable[[], Made]] = {
    "401_2019_county_cells_per_line_sign_changes": r401,
    "402_2020_township_tabs_zeng_jian_amount_yuan": r402,
    "403_2019_spaced_amount_head_wanyuan_bare": r403,
    "404_2020_amount_head_yuan_bare_number": r404,
    "405_2019_ocr_spaced_l_o_misreads_spread_labels": r405,
    "406_2021_ocr_spaces_inside_numbers_s_for_5": r406,
    "407_2020_ocr_breaks_inside_labels": r407,
    "408_2019_unreadable_cells_hash_question": r408,
    "409_2020_half_printed_rows": r409,
    "410_2019_active_extra_other_docs_and_heji_rows": r410,
    "411_2020_article20_headings_merged_forms": r411,
    "412_2021_active_extra_rows_article20_plain_items": r412,
    "413_2019_ocr_punctuation_noise_around_cells": r413,
    "414_2020_zengjia_jianshao_and_blank_dashes": r414,
    "415_2019_ocr_swapped_label_characters": r415,
    "416_2020_ocr_run_together_heji_yuan_amount": r416,
    "417_2020_amount_unit_after_space_zero_changes": r417,
    "418_2021_ocr_buzai_shouli_misreads": r418,
    "419_2020_ocr_split_signs_spaced_amount": r419,
    "420_2019_active_subtotal_and_heji_rows": r420,
}


def build_all() -> dict[str, tuple[str, str]]:
    """name → (report text, truth JSON text)."""
    out = {}
    for name, make in REPORTS.items():
        text, t = make()
        out[name] = (text.rstrip("\n") + "\n", json.dumps(t, ensure_ascii=False, indent=1) + "\n")
    return out


def main() -> None:
    for name, (text, t) in build_all().items():
        (HERE / f"{name}.txt").write_text(text, encoding="utf-8")
        (HERE / f"{name}.json").write_text(t, encoding="utf-8")
        print(name)


if __name__ == "__main__":
    main()
