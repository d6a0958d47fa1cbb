"""Agency and year from the many forms a title takes in received copies."""
import re

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from parser.extract import parse_text
from parser.header import _one_char_off


@pytest.mark.parametrize("text,agency,year", [
    ("北京市海淀区人民政府2023年政府信息公开工作年度报告\n\n本报告…", "北京市海淀区人民政府", 2023),
    ("2023年北京市海淀区人民政府政府信息公开工作年度报告\n", "北京市海淀区人民政府", 2023),
    ("上海市人民政府办公厅\n2019年政府信息公开工作年度报告\n", "上海市人民政府办公厅", 2019),
    ("广州市教育局关于2021年度政府信息公开工作的报告\n", "广州市教育局", 2021),
    ("南京市生态环境局 2020年政府信息公开工作年度报告\n", "南京市生态环境局", 2020),
    ("深圳市人力资源和社会保障局（深圳市公务员局）2023年政府信息公开工作年度报告\n",
     "深圳市人力资源和社会保障局（深圳市公务员局）", 2023),
    ("2024年度政府信息公开工作年度报告\n（成都市武侯区卫生健康局）\n", "成都市武侯区卫生健康局", 2024),
    ("首页 > 政府信息公开 > 政府信息公开年报\n成都市公安局2023年政府信息公开工作年度报告\n发布时间：2024-01-20\n",
     "成都市公安局", 2023),
    ("乌苏市教科局2024年政府信息公开工作\n\n报告\n一、总体情况\n", "乌苏市教科局", 2024),
    ("某某县水利局二〇二二年度政府信息公开工作年度报告\n2023年1月20日", "某某县水利局", 2022),
    ("本年度报告所列数据统计期限自2023年1月1日起至2023年12月31日止。\n一、总体情况\n成立了某某旗教育局政府信息公开工作领导小组。",
     "某某旗教育局", 2023),
])
def test_agency_and_year(text, agency, year):
    report = parse_text(text)
    assert (report.agency, report.year) == (agency, year)
    assert report.text[report.agency_span[0]:report.agency_span[1]] == agency
    assert report.text[report.year_span[0]:report.year_span[1]].translate(_CN_DIGITS) == str(year)


_CN_DIGITS = str.maketrans("〇一二三四五六七八九", "0123456789")


@pytest.mark.parametrize("text,agency,year,printed_agency,printed_year", [
    # a PDF's title in wide letter spacing, its last word wrapped: the agency and year as they read, their
    # spans on the letter-spaced text (the window marks them there)
    ("乌 苏 市 教 科 局 2 0 2 4 年 政 府 信 息 公 开 工 作\n\n报 告\n一、总体情况\n", "乌苏市教科局", 2024,
     "乌 苏 市 教 科 局", "2 0 2 4"),
    ("水 利 部\n2 0 2 3 年 政 府 信 息 公 开 工 作 年 度 报 告\n", "水利部", 2023, "水 利 部", "2 0 2 3"),
    # a converter's heading: the year's span after the markup (it pointed three characters early)
    ("## 乌苏市教科局2024年政府信息公开工作年度报告\n", "乌苏市教科局", 2024, "乌苏市教科局", "2024"),
])
def test_letter_spaced_and_marked_up_titles(text, agency, year, printed_agency, printed_year):
    report = parse_text(text)
    assert (report.agency, report.year) == (agency, year)
    assert report.text[report.agency_span[0]:report.agency_span[1]] == printed_agency
    assert report.text[report.year_span[0]:report.year_span[1]] == printed_year


@pytest.mark.parametrize("body,agency", [
    ("2022年，沭阳县农业农村局坚持公开。沭阳县农业农村局负责。", "沭阳县农业农村局"),  # the body's spelling, twice
    ("2022年，沭阳县农业农村局坚持公开。", "沐阳县农业农村局"),  # once is no evidence: the title as printed
    ("沭阳县农业农村局、沭阳县农业农村局；泗阳县农业农村局、泗阳县农业农村局", "沐阳县农业农村局"),  # two rivals
])
def test_agency_spelt_as_the_report_spells_it_elsewhere(body, agency):
    assert parse_text(f"沐阳县农业农村局2022年政府信息公开工作年度报告\n一、总体情况\n{body}\n").agency == agency


@settings(max_examples=300, deadline=None)
@given(st.text("沭沐阳县局a\n", max_size=40), st.text("沭沐阳县局a", min_size=1, max_size=6), st.data())
def test_one_character_variants_found_as_a_regex_would(text, name, data):
    """The str.find search for one-character variants finds what the regex it replaced found, left to right
    without overlaps (the name itself consumes its text too)."""
    i = data.draw(st.integers(0, len(name) - 1))
    assume("\u3400" <= name[i] <= "\u9fff")  # only a CJK character is looked for in other spellings
    pattern = re.escape(name[:i]) + r"([\u3400-\u9fff])" + re.escape(name[i + 1:])
    assert list(_one_char_off(text, name, i)) == [m.group(0) for m in re.finditer(pattern, text)
                                                   if m.group(1) != name[i]]
