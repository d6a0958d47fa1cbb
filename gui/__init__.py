"""PySide6 only: the review window over the core report model.

    app.py            run(argv): the window, --screenshot, --workspace
    main_window.py    MainWindow: composes the panes, the review loop, the one reveal() path;
                      open_reports.py (opening, showing, closing reports) and pane_layout.py (splitters,
                      docks, remembered sizes) are its mixins
    menus.py          menu bar and actions; every key from shortcuts.py (listed in Help)
    session.py        ReportSession: one report under review (its review.commands.EditContext + undo stack
                      + re-check)
    commands.py       QUndoCommand wrappers of the core's edit commands (review/commands.py), nothing more
    table_layout.py   the printed layout of a table, from the template (no Qt)
    table_model.py    ReportTableModel: thin Qt model over the cells
    tables_view.py    the three tables as tabs; grouped_header.py, cell_delegate.py, marks.py paint them
    findings_*.py     the findings list, its filter and the selected finding's actions
    text_pane.py      the report text: line numbers, find, highlights
    header_fields.py  agency, year, format; report_list.py the open reports (hidden behind a workspace's queue)
    demo.py           the demo workspace of the bundled samples
    reveal.py, loading.py, window_settings.py, i18n.py (tr)
"""
