"""Keel's version is written in one place, ``teamkeel.__version__``; the window's About,
``--version``, the Python package, the Debian package, its AppStream release and the
Windows and macOS bundles all take it from there."""

from __future__ import annotations

import ast
import importlib.util
import os
import re
import subprocess
import sys
import tomllib
import xml.etree.ElementTree as ET
from pathlib import Path
from types import ModuleType

import pytest

from teamkeel import __version__

ROOT = Path(__file__).resolve().parents[1]
PACKAGING = ROOT / "packaging"
TEMPLATES = [
    PACKAGING / "linux" / "control",
    PACKAGING / "linux" / "changelog",
    PACKAGING / "linux" / "io.github.teamkeel.metainfo.xml",
    PACKAGING / "linux" / "teamkeel.1",
]


def version_info() -> ModuleType:
    spec = importlib.util.spec_from_file_location("version_info", PACKAGING / "version_info.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def substituted(path: Path) -> str:
    """A template as build-linux.sh fills it in (``sed s/@VERSION@/…/``)."""
    text = path.read_text(encoding="utf-8")
    return text.replace("@VERSION@", __version__).replace("@DATE@", "2026-12-06")


def test_the_python_package_reads_the_version_from_the_module() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert "version" not in project["project"]
    assert "version" in project["project"]["dynamic"]
    dynamic = project["tool"]["setuptools"]["dynamic"]["version"]
    assert dynamic == {"attr": "teamkeel.__version__"}


def test_version_and_about_say_the_same(window, prompts, capsys) -> None:  # type: ignore[no-untyped-def]
    from teamkeel.cli import main

    with pytest.raises(SystemExit):
        main(["--version"])
    assert capsys.readouterr().out.strip() == f"teamkeel {__version__}"
    window.about()
    assert f"Keel {__version__}" in prompts.infos[-1][1]


def test_the_linux_package_takes_the_version_from_the_module() -> None:
    script = (PACKAGING / "build-linux.sh").read_text(encoding="utf-8")
    assert re.search(r"^VERSION=\$\(.*teamkeel\.__version__.*\)$", script, re.M)
    commands = script.replace("\\\n", " ").splitlines()  # continued lines joined
    for template in TEMPLATES:
        text = template.read_text(encoding="utf-8")
        assert "@VERSION@" in text, template.name
        assert __version__ not in text, template.name  # none written by hand beside it
        # build-linux.sh fills it in where it copies it into the package.
        uses = [c for c in commands if f"packaging/linux/{template.name}" in c]
        assert uses and all("s/@VERSION@/$VERSION/" in c for c in uses), template.name
    control = substituted(PACKAGING / "linux" / "control")
    assert re.search(rf"^Version: {re.escape(__version__)}$", control, re.M)
    assert "DEB=$DIST/teamkeel_${VERSION}_amd64.deb" in script


def test_the_appstream_release_is_this_version() -> None:
    metainfo = ET.fromstring(substituted(PACKAGING / "linux" / "io.github.teamkeel.metainfo.xml"))
    releases = metainfo.findall("./releases/release")
    assert releases and releases[0].get("version") == __version__  # the newest first


def test_the_bundles_take_the_version_from_the_module() -> None:
    spec = (PACKAGING / "teamkeel.spec").read_text(encoding="utf-8")
    ast.parse(spec)  # a spec is Python
    assert "version=teamkeel.__version__" in spec  # macOS: CFBundleShortVersionString
    assert '"CFBundleVersion": teamkeel.__version__' in spec
    assert "version_info.write(" in spec and "version=version_file" in spec  # Windows


@pytest.mark.parametrize(
    ("version", "numbers"),
    [("0.1.0", (0, 1, 0, 0)), ("1.2", (1, 2, 0, 0)), ("2.0.1rc1", (2, 0, 1, 0))],
)
def test_the_windows_version_resource(
    version: str, numbers: tuple[int, ...], tmp_path: Path
) -> None:
    out = version_info().write(tmp_path / "version_info.txt", version)
    text = out.read_text(encoding="utf-8")
    call = ast.parse(text, mode="eval").body  # PyInstaller evaluates it as Python
    assert isinstance(call, ast.Call) and ast.unparse(call.func) == "VSVersionInfo"
    assert f"filevers={numbers}" in text and f"prodvers={numbers}" in text
    assert f"StringStruct('ProductVersion', '{version}')" in text
    assert f"StringStruct('FileVersion', '{version}')" in text


def test_the_default_windows_version_resource_is_this_version(tmp_path: Path) -> None:
    text = version_info().write(tmp_path / "v.txt").read_text(encoding="utf-8")
    assert f"StringStruct('ProductVersion', '{__version__}')" in text


def test_icons_for_windows_and_macos_are_rendered_from_the_svg(tmp_path: Path) -> None:
    from PIL import Image

    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    subprocess.run(
        [
            sys.executable,
            str(PACKAGING / "render_icons.py"),
            str(ROOT / "resources" / "icons" / "keel.svg"),
            str(tmp_path),
        ],
        check=True,
        env=env,
        timeout=120,
    )
    with Image.open(tmp_path / "teamkeel.ico") as ico:
        assert {16, 32, 48, 256} <= {w for w, _ in ico.info["sizes"]}
    with Image.open(tmp_path / "teamkeel.icns") as icns:
        assert icns.size == (1024, 1024)  # 512 px at 2x, the largest macOS asks for
    assert (tmp_path / "hicolor" / "512x512" / "apps" / "teamkeel.png").exists()
