"""The office's year: who must report (roster), who each report is from (identity), the status of
the year, the overview figures and charts, and the documents the office sends out (memo, bulletin).

Pure Python (pandas, rapidfuzz, opencc, matplotlib Agg, python-docx); never imports Qt.
"""
