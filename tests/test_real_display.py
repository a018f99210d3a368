"""Keel on a real X display (Xvfb, the ``xcb`` plugin a Linux desktop uses), started as a
user starts it, and the one line it prints where Qt could not open a window.

Every other window test runs offscreen. These start a real X server; on a machine
without Xvfb they are skipped, except in CI (``CI=true``), which installs it
(``.ci/run``), so a missing platform library fails there instead of passing unseen.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from teamkeel.core.demo import create_demo
from teamkeel.ui.platform_check import debian_package, explain_load_failure

DRIVER = Path(__file__).with_name("real_display_driver.py")
SCREEN = (1024, 768)


def keel_env(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("QT_", "WAYLAND"))}
    env.pop("DISPLAY", None)
    env["TEAMKEEL_CONFIG_DIR"] = str(tmp_path / "config")
    env["TEAMKEEL_DATA_DIR"] = str(tmp_path / "data")
    env["PYTHONPATH"] = os.pathsep.join(p for p in sys.path if p)
    env.update(extra)
    return env


@pytest.fixture(scope="module")
def display() -> Iterator[str]:
    """A fresh Xvfb screen of 1024×768; yields its DISPLAY value."""
    xvfb = shutil.which("Xvfb")
    if xvfb is None:
        if os.environ.get("CI"):
            pytest.fail("Xvfb is missing: .ci/run installs it (Debian package xvfb)")
        pytest.skip("Xvfb is not installed")
    read_end, write_end = os.pipe()
    size = f"{SCREEN[0]}x{SCREEN[1]}x24"
    server = subprocess.Popen(
        [xvfb, "-displayfd", str(write_end), "-screen", "0", size, "-nolisten", "tcp"],
        pass_fds=(write_end,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write_end)
    with os.fdopen(read_end) as ready:  # Xvfb writes its display number once it listens
        number = ready.readline().strip()
    try:
        assert number.isdigit(), "Xvfb did not start"
        yield f":{number}"
    finally:
        server.terminate()
        server.wait(timeout=30)


def drive(tmp_path: Path, display: str, *team: Path) -> tuple[dict, dict[str, dict]]:
    """Run the window through every tab on ``display``; the window's report and each
    tab's, by key."""
    out = tmp_path / "shots"
    out.mkdir()
    env = keel_env(tmp_path, DISPLAY=display, QT_QPA_PLATFORM="xcb")
    done = subprocess.run(
        [sys.executable, str(DRIVER), str(out), *map(str, team)],
        env=env, capture_output=True, text=True, timeout=180,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-2000:]
    assert "qt.qpa" not in done.stderr, done.stderr  # Qt said nothing about its platform
    lines = [json.loads(line) for line in done.stdout.splitlines() if line.startswith("{")]
    window = next(line for line in lines if "window" in line)
    tabs = {line["tab"]: line for line in lines if "tab" in line}
    return window, tabs


def assert_every_tab_painted(window: dict, tabs: dict[str, dict]) -> None:
    assert window["platform"] == "xcb"
    assert list(tabs) == window["tabs"] and len(tabs) >= 6
    for key, tab in tabs.items():
        assert tab["current"], key
        # The grab comes from the X server: a window that never painted is one colour.
        assert tab["colours"] > 40, (key, tab["colours"])
        assert Path(tab["png"]).stat().st_size > 10_000, key


def test_the_real_window_shows_every_tab_of_the_demo(tmp_path: Path, display: str) -> None:
    demo = tmp_path / "demo.keel"
    create_demo(demo, "small").close()
    window, tabs = drive(tmp_path, display, demo)
    assert window["team"] == str(demo)
    assert_every_tab_painted(window, tabs)


def test_a_first_start_creates_the_team_file_and_fits_the_screen(
    tmp_path: Path, display: str
) -> None:
    window, tabs = drive(tmp_path, display)
    assert window["team"] is not None
    assert Path(window["team"]).is_file()
    assert Path(window["team"]).is_relative_to(tmp_path / "data")
    assert_every_tab_painted(window, tabs)
    x, y, width, height = window["window"]
    # Not 1280×800 on a 1024×768 screen, and not in the corner: centred on the screen.
    assert height <= SCREEN[1] and y > 0
    assert x > 0 and width < SCREEN[0]


def test_a_missing_display_library_is_one_line_not_an_abort(tmp_path: Path) -> None:
    # A library the xcb plugin links against, damaged: the loader takes this one
    # before the system's (the same failure as a missing one, without removing it).
    broken = tmp_path / "lib"
    broken.mkdir()
    (broken / "libxcb-cursor.so.0").write_bytes(b"")
    demo = tmp_path / "team.keel"
    env = keel_env(tmp_path, DISPLAY=":99", LD_LIBRARY_PATH=str(broken))
    done = subprocess.run(
        [sys.executable, "-m", "teamkeel", "--db", str(demo)],
        env=env, capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert done.returncode == 2, done.stderr  # not -6 (SIGABRT) as Qt's abort gives
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    assert "libxcb-cursor.so.0" in lines[0]
    assert "apt-get install libxcb-cursor0" in lines[0]
    assert not demo.exists()  # nothing was created for a window that cannot open


def test_no_display_at_all_is_one_line(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "teamkeel", "--db", str(tmp_path / "team.keel")],
        env=keel_env(tmp_path), capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert done.returncode == 2, done.stderr
    assert done.stderr.strip().splitlines() == [
        "teamkeel: error: Keel cannot open its window: no display was found (DISPLAY is "
        "not set). Start it from a desktop session, or use the command line: teamkeel --help"
    ]


@pytest.mark.parametrize(
    ("library", "package"),
    [
        ("libxcb-cursor.so.0", "libxcb-cursor0"),
        ("libxcb-icccm.so.4", "libxcb-icccm4"),
        ("libxkbcommon-x11.so.0", "libxkbcommon-x11-0"),
        ("libX11-xcb.so.1", "libx11-xcb1"),
        ("libGL.so.1", "libgl1"),
    ],
)
def test_a_library_is_named_by_its_debian_package(library: str, package: str) -> None:
    assert debian_package(library) == package
    message = explain_load_failure(
        f"{library}: cannot open shared object file: No such file or directory"
    )
    assert f"{library} is missing" in message
    assert f"apt-get install {package} " in message
