"""A read-only Qt table model over a pandas DataFrame (the office's status, comparison and search tables)."""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pandas as pd
from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QHeaderView, QTableView

Index = QModelIndex | QPersistentModelIndex
Colour = Callable[[pd.Series], str | None]  # a row → its background colour (#rrggbb) or None


class FrameModel(QAbstractTableModel):
    """Shows `columns` (frame column → header) of a DataFrame; numbers right-aligned, NaN as empty."""

    def __init__(self, columns: dict[str, str], colour: Colour | None = None, parent: Any = None) -> None:
        super().__init__(parent)
        self.columns = columns
        self.keys = list(columns)
        self.colour = colour
        self.frame = pd.DataFrame(columns=self.keys)

    def set_frame(self, frame: pd.DataFrame) -> None:
        self.beginResetModel()
        self.frame = frame.reset_index(drop=True)
        self.endResetModel()

    def row(self, r: int) -> pd.Series:
        return self.frame.iloc[r]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.frame)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.keys)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.columns[self.keys[section]]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        value = self.frame.iat[index.row(), self.frame.columns.get_loc(self.keys[index.column()])]
        if role == Qt.ItemDataRole.DisplayRole:
            return format_value(value)
        if role == Qt.ItemDataRole.TextAlignmentRole and _is_number(value):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.BackgroundRole and self.colour is not None:
            colour = self.colour(self.frame.iloc[index.row()])
            return QBrush(QColor(colour)) if colour else None
        return None


def _is_number(v: Any) -> bool:
    return isinstance(v, int | float) and not isinstance(v, bool)


def format_value(v: Any) -> str:
    if v is None or v is pd.NA or (isinstance(v, float) and v != v):
        return ""
    if isinstance(v, float):
        return f"{v:g}"
    return str(v)


def frame_view(model: FrameModel, stretch: int, fit: bool = False) -> QTableView:
    """A table of whole rows, one selected at a time, the column `stretch` taking the spare width (fit: the
    other columns sized to their contents)."""
    view = QTableView()
    view.setModel(model)
    view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QTableView.SelectionMode.SingleSelection)
    view.verticalHeader().hide()
    header = view.horizontalHeader()
    if fit:
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    return view
