"""Reading one printed cell: numbers, OCR damage, blanks, units."""
import pytest

from parser.values import looks_like_value, read_value


@pytest.mark.parametrize("text,kind,value,status", [
    ("0", "count", 0, "extracted"),
    ("12", "count", 12, "extracted"),
    ("l0", "count", 10, "repaired"),
    ("O", "count", 0, "repaired"),
    ("l", "count", 1, "repaired"),
    ("1,234", "count", 1234, "repaired"),
    ("1 234", "count", 1234, "repaired"),
    ("63.6773", "money", 63.6773, "extracted"),
    ("797.58万元", "money", 797.58, "extracted"),
    ("251000元", "money", 25.1, "repaired"),
    ("-4", "signed", -4, "extracted"),
    ("+3", "signed", 3, "extracted"),
    ("减4", "signed", -4, "repaired"),
    ("增3", "signed", 3, "repaired"),
    ("- 2", "signed", -2, "repaired"),
    ("减少2", "signed", -2, "repaired"),
    ("・4", "count", 4, "repaired"),
    ("228。", "count", 228, "repaired"),
    ("1S6", "count", 156, "repaired"),
    ("/", "count", None, "blank"),
    ("-", "count", None, "blank"),
    ("—", "count", None, "blank"),
    ("无", "count", None, "blank"),
])
def test_read_value(text, kind, value, status):
    cv = read_value(text, kind)
    assert cv is not None and cv.value == value and cv.status == status


@pytest.mark.parametrize("text", ["规章", "1.", "（一）", "第二十条第（一）项", "Il", "ok", "总计", ""])
def test_labels_are_not_values(text):
    assert not looks_like_value(text)
