"""The Excel archive of a review (openpyxl, no Qt), streamed in bounded memory.

    archive       export_archive / export_workbook: one workbook, or a summary workbook + per-region volumes
    source        where reports come from: a list, or a workspace read in batches
    workbook      the summary workbook: 汇总, 问题清单, 修改记录, 签发, 分册目录
    report_sheet  one report's sheet in the printed layout (tables two, three, four; marks and comments)
    style         cell looks and safe writing (no formulas, no illegal characters)
    stream        write-only sheets and deterministic saving
"""
from .archive import SPLIT_ABOVE, ExportCancelled, ExportResult, export_archive, export_workbook
from .source import ExportSource, ListSource, WorkspaceSource
from .workbook import CORRECTIONS, FINDINGS, SIGNOFFS, SUMMARY, VOLUMES, sheet_names, summary_columns

__all__ = ["export_archive", "export_workbook", "ExportCancelled", "ExportResult", "SPLIT_ABOVE", "ExportSource",
           "ListSource", "WorkspaceSource", "SUMMARY", "FINDINGS", "CORRECTIONS", "SIGNOFFS", "VOLUMES",
           "sheet_names", "summary_columns"]
