"""Property tests: the parser never raises, and re-flowing whitespace does not change values."""
import random
import re

from conftest import SAMPLE_FILES, truth
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from parser.extract import parse_text

SAMPLE_TEXTS = [p.read_text(encoding="utf-8") for p in SAMPLE_FILES]
REPORT_CHARS = ("0123456789 \t\n/-—.,OlI一二三四五六七（）()、."
                "规章总计合计自然人本年新收上年结转予以公开行政复议诉讼年度报告")
ALPHABET = st.sampled_from(list(REPORT_CHARS)) | st.characters()


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=ALPHABET, max_size=400))
def test_never_raises_on_any_text(text):
    report = parse_text(text)
    assert len(report.cells) in (198, 200)


@settings(max_examples=60, deadline=None)
@given(st.integers(0, len(SAMPLE_TEXTS) - 1), st.randoms(use_true_random=False), st.integers(1, 30))
def test_never_raises_on_mutated_samples(i, rnd, n):
    lines = SAMPLE_TEXTS[i].split("\n")
    for _ in range(n):
        op = rnd.randrange(4)
        j = rnd.randrange(len(lines))
        if op == 0:
            del lines[j]
        elif op == 1:
            lines.insert(j, lines[rnd.randrange(len(lines))])
        elif op == 2:
            k = rnd.randrange(len(lines))
            lines[j], lines[k] = lines[k], lines[j]
        elif lines[j]:
            p = rnd.randrange(len(lines[j]))
            lines[j] = lines[j][:p] + lines[j][p + 1:]
    parse_text("\n".join(lines))


def _reflow(text: str, rnd: random.Random) -> str:
    """Change only layout whitespace: blank lines, indentation, trailing spaces, CRLF."""
    out = []
    for line in text.split("\n"):
        if not line.strip():
            out.extend([""] * rnd.choice([1, 1, 2]))
            continue
        line = re.sub(r"^[ \u3000]*", lambda m: rnd.choice(["", " ", "  "]), line)
        out.append(line + rnd.choice(["", " ", "  "]))
    return rnd.choice(["\n", "\r\n"]).join(out)


@settings(max_examples=40, deadline=None)
@given(st.integers(0, len(SAMPLE_TEXTS) - 1), st.randoms(use_true_random=False))
def test_reflowing_whitespace_keeps_values(i, rnd):
    want = truth(SAMPLE_FILES[i])["values"]
    report = parse_text(_reflow(SAMPLE_TEXTS[i], rnd))
    assert {k: c.value for k, c in report.cells.items()} == want
