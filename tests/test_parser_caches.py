"""The parser's caches (labels, lines, cells, row matches) stay bounded however many reports a process reads:
a reviewer's window or an import of a province's 10,000 reports runs for hours."""
from __future__ import annotations

import inspect
import sys

import parser.extract  # noqa: F401  (imports every module the parse uses)

# caches keyed by the template alone (its rows, versions, equations), not by any report's text
FIXED_DOMAIN = {"_row_keys", "_t2s", "_markers", "versions", "sections", "_equations", "_rule_equations"}


def test_every_cache_keyed_by_report_text_is_bounded() -> None:
    caches = {f"{name}.{attr}": f for name, mod in list(sys.modules.items()) if name.startswith("parser.")
              for attr, f in vars(mod).items()
              if callable(getattr(f, "cache_info", None)) and getattr(f, "__module__", None) == name}
    assert len(caches) >= 10
    unbounded = [name for name, f in caches.items()
                 if f.cache_parameters()["maxsize"] is None and name.rsplit(".", 1)[1] not in FIXED_DOMAIN
                 and inspect.signature(f).parameters]  # a cache without arguments holds one value
    assert not unbounded, f"unbounded caches: {unbounded}"
