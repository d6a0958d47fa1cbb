"""The layers hold: gui and cli above review, review above parser, Qt only in gui/, no import cycles
(the import-linter contracts of pyproject.toml); the CLI starts without Qt."""
import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_core_does_not_import_qt():
    offenders = []
    for pkg in ("parser", "review"):
        for f in (ROOT / pkg).rglob("*.py"):
            for node in ast.walk(ast.parse(f.read_text(encoding="utf-8"))):
                names = []
                if isinstance(node, ast.Import):
                    names = [a.name for a in node.names]
                elif isinstance(node, ast.ImportFrom) and node.module:
                    names = [node.module]
                qt = [n for n in names if n.split(".")[0] in ("PySide6", "shiboken6", "gui")]
                offenders += [f"{f.relative_to(ROOT)}: {n}" for n in qt]
    assert offenders == []


def test_cli_extract_does_not_load_qt():
    code = ("import sys, main; main.main(['extract', 'resources/samples/000_da2a12a5ef8cdc3f.txt', '--json']); "
            "assert not any(m.startswith('PySide6') for m in sys.modules), 'Qt imported'")
    r = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert r.returncode == 0, r.stderr


def test_one_translation_path():
    """Every user-facing string of the window goes through gui.i18n.tr."""
    others = [f.name for f in (ROOT / "gui").glob("*.py")
              if f.name != "i18n.py" and "QCoreApplication.translate" in f.read_text(encoding="utf-8")]
    assert others == []


def test_window_without_a_display_says_so():
    import os

    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    r = subprocess.run([sys.executable, "main.py", "resources/samples"], cwd=ROOT, capture_output=True, text=True,
                       env=env, timeout=60)
    assert r.returncode == 2 and "没有图形显示" in r.stderr and "Traceback" not in r.stderr


def test_import_contracts_are_kept():
    """pyproject.toml [tool.importlinter]: layers, Qt only in gui/, acyclic siblings (type-checking imports too)."""
    from importlinter.cli import lint_imports

    assert lint_imports(config_filename=str(ROOT / "pyproject.toml"), no_cache=True) == 0


def test_contracts_cover_every_package():
    """A new top-level package must be placed in the layers (and so be checked for Qt and cycles)."""
    import tomllib

    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["importlinter"]
    packages = sorted(p.parent.name for p in ROOT.glob("*/__init__.py"))
    assert sorted(config["root_packages"]) == packages
    layered = {name.strip() for layer in config["contracts"][0]["layers"] for name in layer.split("|")}
    assert layered == set(packages)


def test_no_module_imports_itself_through_others():
    """Stricter than the contract's siblings: no cycle between any two modules, a package's __init__ included
    (imports inside functions and under TYPE_CHECKING count too)."""
    import grimp

    graph = grimp.build_graph("cli", "gui", "parser", "resources", "review", cache_dir=None)
    modules = set(graph.modules)
    cycles = []
    for module in sorted(modules):
        for imported in sorted(graph.find_modules_directly_imported_by(module) & modules):
            back = graph.find_shortest_chain(importer=imported, imported=module)
            if back:
                cycles.append(" → ".join((module, *back)))
    assert cycles == []
