"""The one argparse module of the command line (spec/cli.md): subcommands, options, handlers.

Adding a command: a subparser in `_parser` and a line in `COMMANDS` naming its handler
("module:function" below cli/, imported only when that command runs, so `--help` stays fast)."""
from __future__ import annotations

import argparse
import sys
from importlib import import_module

# command → "module:function"; the handler takes the parsed arguments and returns the exit status
COMMANDS: dict[str, str] = {
    "extract": "extract:cmd_extract",
    "check": "check:cmd_check",
    "export": "export:cmd_export",
    "import": "importing:cmd_import",
    "rules": "check:cmd_rules",
}


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(description="年报审核台：政府信息公开工作年度报告审核")
    p.add_argument("--workspace", help="工作区文件（SQLite）")
    sub = p.add_subparsers(dest="command", required=True)
    e = sub.add_parser("extract", help="解析报告并输出提取的表格数值")
    e.add_argument("files", nargs="+")
    e.add_argument("--json", action="store_true", help="输出 JSON")
    c = sub.add_parser("check", help="解析报告并运行审核规则，输出问题")
    c.add_argument("files", nargs="+")
    c.add_argument("--json", action="store_true", help="输出 JSON")
    c.add_argument("--previous", help="同一机关上一年度的报告")
    x = sub.add_parser("export", help="解析、审核并导出 Excel 工作簿")
    x.add_argument("files", nargs="*")
    x.add_argument("-o", "--output", required=True, help="输出的 .xlsx 文件")
    i = sub.add_parser("import", help="把报告加入工作区")
    i.add_argument("files", nargs="+")
    sub.add_parser("rules", help="列出全部审核规则")
    for s in (e, c, x, i):
        s.add_argument("--workspace", help="工作区文件（SQLite）", default=argparse.SUPPRESS)
    return p


def print_help() -> None:
    _parser().print_help()


def run(argv: list[str]) -> int:
    """Parse the arguments and run the command; the exit status of spec/cli.md (2 for bad usage)."""
    try:
        args = _parser().parse_args(argv)
    except SystemExit as e:
        return 2 if e.code else 0
    target = COMMANDS.get(args.command)
    if target is None:
        print(f"命令 {args.command} 尚未实现", file=sys.stderr)
        return 2
    module, function = target.split(":")
    handler = getattr(import_module(f"{__package__}.{module}"), function)
    return handler(args)
