"""Shared test set-up: offscreen Qt, throwaway settings and data folders, team files."""

from __future__ import annotations

import os
import sys

# Set once, before anything imports Qt.
os.environ["QT_QPA_PLATFORM"] = "offscreen"
# Tests read Keel's English texts whatever the machine's locale (subprocesses too);
# tests of other languages set their own (tests/test_i18n.py).
os.environ["TEAMKEEL_LANGUAGE"] = "en"

from collections.abc import Callable, Iterator  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402

from teamkeel.core.safety import hooks  # noqa: E402
from teamkeel.core.storage.teamfile import TeamFile  # noqa: E402
from teamkeel.core.team_info import create_team  # noqa: E402

# As the command line does when it starts: every opened file is backed up first.
hooks.install()


@pytest.fixture(autouse=True)
def _no_worker_outlives_its_test() -> Iterator[None]:
    """Work a test's window handed to Qt's thread pool (loading the ORM, measuring,
    rendering) ends with the test: a worker still running would touch the next test's
    state (a pause of PySide6's import hook is process-wide) or its deleted files."""
    yield
    if "teamkeel.ui.worker" in sys.modules:
        from teamkeel.ui.worker import wait_for_workers

        assert wait_for_workers(60_000), "a worker still runs a minute after its test"


@pytest.fixture(autouse=True)
def _private_dirs(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Never touch the real user data, settings or log folders."""
    base = tmp_path_factory.mktemp("keel-home")
    monkeypatch.setenv("TEAMKEEL_DATA_DIR", str(base / "data"))
    monkeypatch.setenv("TEAMKEEL_CONFIG_DIR", str(base / "config"))
    monkeypatch.setenv("TEAMKEEL_LOG_DIR", str(base / "logs"))
    options = sys.modules.get("teamkeel.ui.options")
    if options is not None:  # each test's window picks its own settings (options.use)
        monkeypatch.setattr(options, "_in_use", None)


@pytest.fixture
def team_path(tmp_path: Path) -> Path:
    return tmp_path / "team.keel"


@pytest.fixture
def team(team_path: Path) -> Iterator[TeamFile]:
    t = create_team(team_path, "Test Team")
    yield t
    t.close()


@pytest.fixture(scope="session")
def _demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from teamkeel.core.demo import create_demo

    path = tmp_path_factory.mktemp("demo") / "demo.keel"
    create_demo(path, "small").close()
    return path


@pytest.fixture
def demo_path(_demo_template: Path, tmp_path: Path) -> Path:
    """A fresh copy of the small demo file (built once per test session)."""
    from teamkeel.core.storage.copy import snapshot

    path = tmp_path / "demo.keel"
    snapshot(_demo_template, path)
    return path


@pytest.fixture
def demo_team(demo_path: Path) -> Iterator[TeamFile]:
    t = TeamFile.open(demo_path)
    yield t
    t.close()


class AnsweringPrompts:
    """Stands in for ``teamkeel.ui.prompts.Prompts``: answers at once, records messages."""

    def __init__(self) -> None:
        self.parent = None
        self.files: list[str] = []  # answers for open/save dialogs, used in order
        self.confirm_answer = True
        self.errors: list[tuple[str, str]] = []
        self.infos: list[tuple[str, str]] = []

    def open_file(
        self, title: str, filters: str, on_chosen: Callable[[str], None], directory: str = ""
    ) -> None:
        if self.files:
            on_chosen(self.files.pop(0))

    def save_file(
        self, title: str, filters: str, on_chosen: Callable[[str], None], suggested: str = ""
    ) -> None:
        if self.files:
            on_chosen(self.files.pop(0))

    def confirm(self, title: str, text: str, on_yes: Callable[[], None]) -> None:
        if self.confirm_answer:
            on_yes()

    def info(self, title: str, text: str) -> None:
        self.infos.append((title, text))

    def error(self, title: str, text: str, details: str = "") -> None:
        self.errors.append((title, text))


@pytest.fixture
def prompts() -> AnsweringPrompts:
    return AnsweringPrompts()


@pytest.fixture
def window(qtbot, prompts: AnsweringPrompts, tmp_path: Path):  # type: ignore[no-untyped-def]
    """A main window with throwaway settings; open a file with ``window.open_file``."""
    from PySide6.QtCore import QSettings

    from teamkeel.ui.main_window import MainWindow

    settings = QSettings(str(tmp_path / "keel.ini"), QSettings.Format.IniFormat)
    win = MainWindow(settings, prompts)  # type: ignore[arg-type]
    qtbot.addWidget(win)
    win.show()
    win.load_menu_extras()  # as the window does right after its first frame
    return win
