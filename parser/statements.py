"""Counts the narrative states for table cells (本年制发行政规范性文件88件，废止55件，现行有效698件; 上年结转14件).

The parser uses them only to choose among the splits of a row whose cells a crawler glued together (see
glued.py); a cell placed that way stays uncertain, since a narrative can be wrong. The rules compare the
narrative with the tables on their own (review/rules/narrative.py).
"""
from __future__ import annotations

import re

_N = r"(\d{1,7})\s*(?:件|部|个|份|项)"
_KIND = r"(?:行政)?(?P<kind>规章|规范性文件)"
_ISSUED = re.compile(rf"(?:制发|制定|出台|印发|发布)了?{_KIND}(?:共计|共|合计)?\s*{_N}"
                     rf"(?:[，,、；;]\s*(?:其中)?废止(?:{_KIND.replace('kind', 'kind2')})?\s*{_N})?"
                     rf"(?:[，,、；;]\s*(?:其中)?现行有效(?:的)?(?:{_KIND.replace('kind', 'kind3')})?(?:共)?\s*{_N})?")
_IN_FORCE = re.compile(rf"现行有效(?:的)?{_KIND}(?:共计|共|合计)?\s*{_N}")
_REPEALED = re.compile(rf"废止(?:了)?{_KIND}(?:共计|共|合计)?\s*{_N}")
_REQUESTS = {"carried_over": re.compile(r"上年(?:度)?结转(?:政府信息公开)?(?:申请)?\s*(\d{1,7})\s*件"),
             "carried_forward": re.compile(r"结转下(?:一)?年度?(?:继续办理)?\s*(\d{1,7})\s*件"),
             "granted": re.compile(r"予以公开\s*(\d{1,7})\s*件")}


def stated_counts(text: str, template: str) -> dict[str, int]:
    """Cell key → the count the narrative states for it, where it states one count only."""
    found: dict[str, set[int]] = {}

    def add(key: str, n: str | None) -> None:
        if n is not None:
            found.setdefault(key, set()).add(int(n))
    if template == "2021":
        for m in _ISSUED.finditer(text):
            row = "regulations" if m.group("kind") == "规章" else "normative_documents"
            add(f"active/{row}/issued", m.group(2))
            if m.group("kind2") in (None, m.group("kind")):  # 废止 of the same kind (or unnamed: the same)
                add(f"active/{row}/repealed", m.group(4))
            if m.group("kind3") in (None, m.group("kind")):
                add(f"active/{row}/in_force", m.group(6))
        for pattern, col in ((_IN_FORCE, "in_force"), (_REPEALED, "repealed")):
            for m in pattern.finditer(text):
                add(f"active/{'regulations' if m.group('kind') == '规章' else 'normative_documents'}/{col}", m.group(2))
    for row, pattern in _REQUESTS.items():
        for m in pattern.finditer(text):
            add(f"requests/{row}/total", m.group(1))
    return {k: next(iter(v)) for k, v in found.items() if len(v) == 1}
