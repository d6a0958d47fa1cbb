"""OCR of scanned reports: page images → report text with page geometry (parser.layout.PageText)."""
from __future__ import annotations

from .scan import read_scan

__all__ = ["read_scan"]
