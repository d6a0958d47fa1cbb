"""Files and folders the reviewer asks for → parsed reports, with a one-line Chinese reason for each
file that cannot be read (no Qt here; the window decides how to show them)."""

from __future__ import annotations

from pathlib import Path

from parser.model import Report

from .i18n import tr


def report_files(paths: list[str]) -> tuple[list[Path], list[str]]:
    """The files to open: files as given, report files inside folders; a folder without any is an error."""
    from parser.reader import expand

    files, errors = [], []
    for p in paths:
        found = expand([str(p)])
        if not found:
            errors.append(tr("文件夹中没有可识别的报告文件：{p}", p=p))
        files.extend(found)
    return files, errors


def load_report(path: Path) -> tuple[Report | None, str]:
    """(report, "") or (None, reason)."""
    from parser.extract import load
    from parser.reader import ReadError

    try:
        return load(path), ""
    except ReadError as e:
        return None, str(e)
    except Exception as e:  # noqa: BLE001 - a parser bug must not lose the other files
        return None, tr("无法解析：{p}（{e}）", p=path, e=type(e).__name__)
