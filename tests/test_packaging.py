"""The product installs from its wheel: built, installed into a fresh venv (not editable) and run as the
`nianbao` console script from a folder outside the checkout, it reads the samples as the checkout does.

Offline and fast: the wheel is built with the test venv's setuptools (no build isolation) from a copy of
the sources, and the fresh venv finds the dependencies (PySide6, openpyxl, …) through a path file pointing
at the test venv's site-packages; the project itself comes only from the wheel."""
import json
import shutil
import site
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest
from conftest import ROOT, SAMPLE_FILES, truth

PACKAGES = ("cli", "gui", "parser", "resources", "review")


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    """The wheel built from a clean copy of the sources (a build/ folder in the checkout could hold stale files)."""
    src = tmp_path_factory.mktemp("src")
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    for name in PACKAGES:
        shutil.copytree(ROOT / name, src / name, ignore=ignore)
    for name in ("pyproject.toml", "main.py", "README.md"):
        shutil.copy2(ROOT / name, src / name)
    out = tmp_path_factory.mktemp("dist")
    r = subprocess.run([sys.executable, "-m", "pip", "wheel", str(src), "--no-deps", "--no-build-isolation",
                        "--no-index", "-q", "-w", str(out)], capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr
    (built,) = out.glob("*.whl")
    return built


@pytest.fixture(scope="module")
def installed(wheel, tmp_path_factory) -> Path:
    """A fresh venv with the wheel installed; returns its bin folder."""
    venv = tmp_path_factory.mktemp("venv")
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True, timeout=120)
    python = venv / "bin" / "python"
    r = subprocess.run([sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps", "--no-index",
                        "-q", str(wheel)], capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr
    purelib = subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                             capture_output=True, text=True, check=True).stdout.strip()
    # the dependencies from the test venv, after the venv's own site-packages (a plain path line: the editable
    # install's finder there is not activated, so the project can only come from the wheel)
    deps = [p for p in site.getsitepackages() if Path(p).is_dir()] or [sysconfig.get_paths()["purelib"]]
    (Path(purelib) / "zz_test_dependencies.pth").write_text("\n".join(deps) + "\n", encoding="utf-8")
    return venv / "bin"


def test_wheel_holds_every_package_and_the_data(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    packages = {str(p.parent.relative_to(ROOT)).replace("\\", "/") for name in PACKAGES
                for p in (ROOT / name).rglob("__init__.py")}
    missing = [p for p in sorted(packages) if f"{p}/__init__.py" not in names]
    assert missing == []
    data = ["resources/template.json", "resources/style.qss", "resources/icons/nianbao.png", "main.py",
            *(f"resources/samples/{p.name}" for p in SAMPLE_FILES),
            *(f"resources/samples/truth/{p.stem}.json" for p in SAMPLE_FILES)]
    assert [d for d in data if d not in names] == []
    assert not any(n.startswith("tests/") or "__pycache__" in n for n in names)


def _run(command: list[str], cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(command, cwd=cwd, capture_output=True, text=True, timeout=300)


def test_installed_command_reads_the_samples_as_the_checkout_does(installed, tmp_path):
    work = tmp_path / "office"
    shutil.copytree(ROOT / "resources" / "samples", work / "报告", ignore=shutil.ignore_patterns("truth", "*.md"))
    files = [f"报告/{p.name}" for p in SAMPLE_FILES]
    where = _run([str(installed / "python"), "-c", "import cli, parser.template, review.rules, resources; "
                  "print(cli.__file__, parser.template.__file__, review.rules.__file__, resources.__file__)"], work)
    assert where.returncode == 0, where.stderr
    assert str(ROOT) not in where.stdout and all(str(installed.parent) in p for p in where.stdout.split())

    extract = _run([str(installed / "nianbao"), "extract", *files, "--json"], work)
    assert extract.returncode == 0, extract.stderr
    for got, path in zip(json.loads(extract.stdout), SAMPLE_FILES, strict=True):
        want = truth(path)
        assert (got["agency"], got["year"], got["template"]) == (want["agency"], want["year"], want["template"])
        assert {k: c["value"] for k, c in got["cells"].items()} == want["values"]
    checkout = _run([sys.executable, str(ROOT / "main.py"), "extract", *files, "--json"], work)
    assert extract.stdout == checkout.stdout

    check = _run([str(installed / "nianbao"), "check", *files, "--json"], work)
    checkout = _run([sys.executable, str(ROOT / "main.py"), "check", *files, "--json"], work)
    assert (check.returncode, check.stdout) == (checkout.returncode, checkout.stdout) and check.returncode == 1
    assert "text.no_requests" in {f["rule"] for f in json.loads(check.stdout)[2]["findings"]}

    rules = _run([str(installed / "nianbao"), "rules"], work)
    assert rules.returncode == 0 and "requests.row_total" in rules.stdout


def test_installed_window_finds_its_samples_stylesheet_and_icon(installed, tmp_path):
    code = ("import resources; from gui.app import application, default_paths; app = application(); "
            "print(len(default_paths()), bool(app.styleSheet()), app.windowIcon().isNull())")
    r = _run([str(installed / "python"), "-c", code], tmp_path)
    assert r.returncode == 0, r.stderr
    assert r.stdout.split() == [str(len(SAMPLE_FILES)), "True", "False"]


def test_desktop_bundle_files_agree():
    """The bundle's spec collects every top-level package; the menu entry starts what the .deb installs,
    with an icon the .deb installs (the bundle itself is built by packaging/build.sh, not in the suite)."""
    import configparser
    import re

    spec = (ROOT / "packaging" / "nianbao.spec").read_text(encoding="utf-8")
    collected = re.search(r'for pkg in \(([^)]*)\)', spec).group(1)
    assert sorted(re.findall(r'"(\w+)"', collected)) == sorted(p.parent.name for p in ROOT.glob("*/__init__.py"))
    entry = configparser.ConfigParser(interpolation=None)
    entry.read(ROOT / "packaging" / "nianbao.desktop", encoding="utf-8")
    desktop = entry["Desktop Entry"]
    deb = (ROOT / "packaging" / "build-deb.sh").read_text(encoding="utf-8")
    folder = re.search(r'cp -a dist/nianbao "\$root(/opt/[\w-]+)"', deb).group(1)
    assert desktop["Exec"].split()[0] == f"{folder}/nianbao"
    assert f'/apps/{desktop["Icon"]}.png' in deb and (ROOT / "resources" / "icons" / f'{desktop["Icon"]}.png').is_file()
    assert desktop["Name"] == "年报审核台" and desktop["Terminal"] == "false"
