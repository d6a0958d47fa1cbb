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
    "roster": "office:cmd_roster",
    "status": "office:cmd_status",
    "link": "office:cmd_link",
    "resubmit": "office:cmd_resubmit",
    "remove": "office:cmd_remove",
    "memo": "documents:cmd_memo",
    "bulletin": "documents:cmd_bulletin",
    "workspace-copy": "moving:cmd_workspace_copy",
    "assign": "assigning:cmd_assign",
}

WORKSPACE_HELP = "工作区：文件（SQLite）或共享工作区 postgresql://用户[:密码]@主机[:端口]/数据库"


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(description="年报审核台：政府信息公开工作年度报告审核")
    p.add_argument("--workspace", help=WORKSPACE_HELP)
    sub = p.add_subparsers(dest="command", required=True)
    e = sub.add_parser("extract", help="解析报告并输出提取的表格数值")
    e.add_argument("files", nargs="+")
    e.add_argument("--json", action="store_true", help="输出 JSON")
    c = sub.add_parser("check", help="解析报告并运行审核规则，输出问题（给出 --workspace 时与工作区中"
                                     "上一年度的报告比对；不给文件时审核工作区中的全部报告）")
    c.add_argument("files", nargs="*")
    c.add_argument("--json", action="store_true", help="输出 JSON")
    c.add_argument("--previous", help="同一机关上一年度的报告")
    x = sub.add_parser("export", help="解析、审核并导出 Excel 工作簿")
    x.add_argument("files", nargs="*")
    x.add_argument("-o", "--output", required=True,
                   help="输出的 .xlsx 文件（超过 200 份报告时另有同名文件夹，内含各地区的分册工作簿）或 .zip 文件")
    i = sub.add_parser("import", help="把报告加入工作区")
    i.add_argument("files", nargs="+")
    sub.add_parser("rules", help="列出全部审核规则")
    r = sub.add_parser("roster", help="导入工作区的报送名单（Excel 或 CSV，列：机关、别名、地区、层级）")
    r.add_argument("file")
    st = sub.add_parser("status", help="本年度报送与审核情况：名单中每个机关的报告或“未报送”")
    st.add_argument("--year", type=int, help="年度（默认：工作区中最新的年度）")
    st.add_argument("--region", help="只列出该地区")
    st.add_argument("--level", help="只列出该层级")
    st.add_argument("--status", help="只列出该状态（未报送、待审、有错误、已处理、已签发、已退回）")
    st.add_argument("--json", action="store_true", help="输出 JSON")
    ln = sub.add_parser("link", help="把报告关联到名单中的机关（报告上的名称记为别名）")
    ln.add_argument("report", help="报告编号或文件名")
    ln.add_argument("agency", help="名单中的机关")
    rs = sub.add_parser("resubmit", help="记录重新报送：新报告替换同一机关同一年度的旧报告，并列出数值变化")
    rs.add_argument("new", help="新报告的编号或文件名")
    rs.add_argument("old", help="被替换的旧报告的编号或文件名")
    rv = sub.add_parser("remove", help="把误导入的报告移出工作区（保留原文件和记录，可恢复）")
    rv.add_argument("report", help="报告编号或文件名")
    rv.add_argument("--restore", action="store_true", help="恢复已移出的报告（用编号）")
    m = sub.add_parser("memo", help="一份报告的审核意见书（退回通知），Word 文档")
    m.add_argument("report", help="报告编号（status --json 中的 report）或文件名")
    m.add_argument("-o", "--output", required=True, help="输出的 .docx 文件")
    m.add_argument("--deadline", default="", help="整改期限，如 2025年3月31日")
    m.add_argument("--contact", default="", help="联系人及电话")
    b = sub.add_parser("bulletin", help="本年度年报审核情况通报，Word 文档")
    b.add_argument("--year", type=int, help="年度（默认：工作区中最新的年度）")
    b.add_argument("-o", "--output", required=True, help="输出的 .docx 文件")
    wc = sub.add_parser("workspace-copy", help="把工作区复制到另一处（SQLite 文件与 PostgreSQL 服务器之间，"
                                                 "修改记录与签发一并复制）；目标须为新的空工作区")
    wc.add_argument("source", help="源工作区：文件路径或 postgresql://用户[:密码]@主机[:端口]/数据库")
    wc.add_argument("target", help="目标工作区：文件路径或 postgresql://…")
    a = sub.add_parser("assign", help="预先把报告分配给一位审核人（记入各报告的修改记录；"
                                      "窗口中“我的”只列出分配给自己的）")
    a.add_argument("reports", nargs="*", help="报告编号或文件名")
    a.add_argument("--to", help="分配给的审核人姓名")
    a.add_argument("--clear", action="store_true", help="取消这些报告的分配")
    a.add_argument("--list", action="store_true", help="列出全部分配（编号、审核人、机关、文件）")
    for sp in (rs, rv, a):
        sp.add_argument("--reason", default="", help="理由")
    for sp in (i, r, ln, rs, rv, m, b, a):
        sp.add_argument("--reviewer", default="", help="审核人")
    for sp in (m, b):
        sp.add_argument("--office", default="", help="发文机关（默认：上次使用的，或“政务公开办公室”）")
    for s in (e, c, x, i, r, st, ln, rs, rv, m, b, a):
        s.add_argument("--workspace", help=WORKSPACE_HELP, default=argparse.SUPPRESS)
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
