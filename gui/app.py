"""gui.app.run(argv): the review window.

python main.py                       the last workspace (the first time: the demo workspace of the
                                     bundled samples, gui/demo.py, never the reviewer's workspace)
python main.py --demo                the demo workspace
python main.py FILE_OR_DIR…          these reports, imported into the workspace
--workspace W                        that workspace instead of the default one in the user's data directory
python main.py FILE --screenshot OUT.png
                                     open FILE at 1366×768, select its first finding, save the window, exit
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QSettings, QTimer
from PySide6.QtGui import QFont, QIcon
from PySide6.QtWidgets import QApplication

import resources

from .collector import collect_on_gui_thread


def arguments(argv: list[str]) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="main.py", add_help=False)
    p.add_argument("paths", nargs="*")
    p.add_argument("--screenshot", metavar="OUT.png")
    p.add_argument("--workspace", metavar="W")
    p.add_argument("--demo", action="store_true")  # the demo workspace of the bundled samples
    p.add_argument("--size", default="1366x768", help=argparse.SUPPRESS)
    p.add_argument("--verify", action="store_true", help=argparse.SUPPRESS)  # screenshot: F4 pressed
    return p.parse_known_args(argv)[0]


def application() -> QApplication:
    """The QApplication with our names (for QSettings), the stylesheet and a CJK-capable font."""
    app = QApplication.instance()
    if app is None:
        app = QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    collect_on_gui_thread()  # background threads (import, export, page rendering) never collect Qt objects
    QCoreApplication.setOrganizationName("nianbao")
    QCoreApplication.setApplicationName("年报审核台")
    font = app.font()
    font.setFamilies([font.family(), "Microsoft YaHei UI", "PingFang SC", "Noto Sans CJK SC", "WenQuanYi Micro Hei"])
    font.setStyleStrategy(QFont.StyleStrategy.PreferAntialias)
    app.setFont(font)
    app.setStyleSheet(resources.read_text("style.qss"))
    icon = resources.path("icons/nianbao.png")
    if icon is not None:
        app.setWindowIcon(QIcon(str(icon)))
    return app


def default_paths() -> list[str]:
    return [str(p) for p in resources.sample_reports()]


def run(argv: list[str]) -> int:
    args = arguments(argv)
    if args.screenshot:
        # a screenshot needs no display: render offscreen unless a platform was chosen explicitly
        if QApplication.instance() is None:
            os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        return screenshot(args.paths, args.screenshot, args.size, verify=args.verify)
    app = application()
    open_window(args)
    return app.exec()


def open_window(args: argparse.Namespace):
    """The review window as `python main.py` shows it: on the workspace (the default one unless
    --workspace is given), with these files, or the last report; the first time (the default workspace
    empty) and with --demo: the demo workspace of the bundled samples (gui/demo.py), never the real one."""
    from .demo import demo_path, offer_sample_removal, open_demo
    from .main_window import MainWindow
    from .workspace_binding import WorkspaceBinding, open_workspace
    from .workspace_switch import recent_menu, remember_workspace, update_title

    window = MainWindow(QSettings())
    window.show()
    # the workspace keeps every correction, decision and sign-off; refused (e.g. open in another
    # window) → the window works without it and says why
    workspace = None if args.demo else open_workspace(args.workspace, window)
    first_start = not args.paths and not args.workspace and workspace is not None and not workspace.queue()
    if args.demo or first_start:
        if workspace is not None:
            workspace.close()
        workspace = open_workspace(str(demo_path()), window, opener=open_demo)
        binding = WorkspaceBinding(window, workspace, demo=True) if workspace is not None else None
    else:
        binding = WorkspaceBinding(window, workspace) if workspace is not None else None
    window.workspace_binding = binding
    recent_menu(window)  # File → 最近的工作区
    if workspace is not None:
        remember_workspace(window, workspace.path)
        update_title(window)
    if args.paths:
        QTimer.singleShot(0, lambda: window.open_paths(args.paths))
    elif binding is not None:
        binding.reopen_last()
    if binding is not None and not binding.demo:  # samples an older version imported: offered for removal
        QTimer.singleShot(0, lambda: offer_sample_removal(window, binding.workspace) and binding.queue.refresh())
    return window


def screenshot(paths: list[str], out: str, size: str = "1366x768", verify: bool = False) -> int:
    """Render the window with these reports, the first one's first finding selected (with `verify`, its
    first uncertain cell in the verification loop instead), to a PNG."""
    from .i18n import tr
    from .main_window import MainWindow

    app = application()
    try:
        w, h = (int(x) for x in size.lower().split("x"))
    except ValueError:
        w, h = 1366, 768
    with tempfile.TemporaryDirectory() as tmp:  # never reads or changes the user's window layout
        window = MainWindow(QSettings(str(Path(tmp) / "screenshot.ini"), QSettings.Format.IniFormat))
        window.setProperty("headless", True)
        window.resize(w, h)
        window.show()
        opened = window.open_paths(paths or default_paths())
        if not opened:
            window.close()
            print(tr("无法打开报告：{p}", p="、".join(paths)), file=sys.stderr)
            return 2
        window.report_list.select(opened[0])
        app.processEvents()
        window.step_finding(True)
        window.page_view.settle()
        if verify:
            window.verification.start()
        for _ in range(3):
            app.processEvents()
        ok = window.grab().save(out)
        window.close()
    if not ok:
        print(tr("无法保存截图：{p}", p=out), file=sys.stderr)
        return 2
    return 0
