"""The equalities the format implies (its 勾稽关系): defined once in parser/equations.py (the parser needs them
too, and sits below review), used here by the rules."""
from __future__ import annotations

from parser.equations import (
    APPEAL_PARTS,
    REQUEST_FRAME_ROWS,
    TOTAL,
    equations,
    result_rows,
    rule_equations,
)

__all__ = ["APPEAL_PARTS", "REQUEST_FRAME_ROWS", "TOTAL", "equations", "result_rows", "rule_equations"]
