"""Data, not code: the report template, the stylesheet, the application icon and the bundled sample reports.

Read through importlib.resources, so the same calls work from the checkout, an installed wheel and the
desktop bundle; nothing here depends on the current directory."""
from __future__ import annotations

from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path


def resource(name: str) -> Traversable:
    """A bundled data file by its path below resources/ (e.g. 'template.json', 'icons/nianbao.png')."""
    return files(__name__).joinpath(*name.split("/"))


def read_text(name: str) -> str:
    return resource(name).read_text(encoding="utf-8")


def path(name: str) -> Path | None:
    """The file on disk (Qt loads icons and the like by path), or None when it is not an ordinary file."""
    found = resource(name)
    return found if isinstance(found, Path) and found.is_file() else None


def sample_reports() -> list[Path]:
    """The bundled sample reports (opened the first time the window starts), in name order."""
    folder = resource("samples")
    if not isinstance(folder, Path):  # only ever installed as plain files; a zip import has no paths to open
        return []
    return sorted(folder.glob("*.txt"))
