"""The command line: a front end beside gui/, over the same core (review/, parser/). Never imports Qt.

    cli.app      the one argparse module: every subcommand, its options and its handler
    cli.extract  extract (and the shared file loading and JSON output)
    cli.check    check, rules
    cli.export   export (files or a workspace) to Excel
    cli.importing  import into a workspace, with a progress bar
"""
from .app import COMMANDS, print_help, run

__all__ = ["COMMANDS", "print_help", "run"]
