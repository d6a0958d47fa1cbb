"""The one translation path for user-facing strings.

Source strings are Simplified Chinese; an installed QTranslator (context "nianbao") can map them to
another language. Everything the reviewer reads goes through `tr`.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from review.findings import SEVERITY_NAMES

CONTEXT = "nianbao"


def tr(source: str, /, **values: object) -> str:
    """Translate `source` and fill its {placeholders} from `values`."""
    translated = QCoreApplication.translate(CONTEXT, source)
    return translated.format(**values) if values else translated


def severity_name(severity: str) -> str:
    return tr(SEVERITY_NAMES.get(severity, severity))
