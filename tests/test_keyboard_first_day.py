"""A lead's first day by keyboard alone (issue 15): a new file, people added and
imported, the compact started, a ritual, a rotation and stand-up entries, every step
reached with keys from where the last one left the focus."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QWidget

from teamkeel.core.calendar.service import CalendarService
from teamkeel.core.compact import CompactService
from teamkeel.core.roster import RosterService
from teamkeel.core.rotations.service import RotationService
from teamkeel.core.standup.service import StandupService
from teamkeel.core.team_info import TeamInfoService

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


class Keyboard:
    """Keys go where the focus is, as they do for the lead."""

    def __init__(self, qtbot, window) -> None:  # type: ignore[no-untyped-def]
        self.qtbot, self.window = qtbot, window

    def focus(self) -> QWidget:
        widget = QApplication.focusWidget()
        assert widget is not None, "the focus is lost"
        return widget

    def press(
        self, key: Qt.Key, modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier
    ) -> None:
        self.qtbot.keyClick(self.focus(), key, modifiers)

    def type(self, text: str) -> None:
        self.qtbot.keyClicks(self.focus(), text)

    def tab(self, key: str) -> None:
        keys = [s.key for s in self.window.slots]
        self.press(getattr(Qt.Key, f"Key_{keys.index(key) + 1}"), CTRL)

    def tab_to_button(self, text: str, limit: int = 60) -> None:
        """Tab on until the button that says ``text`` has the focus."""
        for _ in range(limit):
            widget = self.focus()
            if isinstance(widget, QAbstractButton) and widget.text() == text:
                return
            self.press(Qt.Key.Key_Tab)
        raise AssertionError(f"Tab never reached “{text}”; it stays in {self.focus()}")

    def wait_inside(self, widget: QWidget) -> None:
        """Until the focus is inside ``widget`` (a dialog just opened)."""
        self.qtbot.waitUntil(lambda: widget.isAncestorOf(QApplication.focusWidget()))

    def dialog(self) -> QWidget:
        """The dialog that has just opened, once the focus is in it."""
        self.qtbot.waitUntil(lambda: QApplication.activeModalWidget() is not None)
        dialog = QApplication.activeModalWidget()
        self.wait_inside(dialog)
        return dialog

    def activate(self, window: QWidget) -> None:
        # As the window manager does when a dialog closes (offscreen has none).
        window.activateWindow()
        self.qtbot.waitUntil(window.isActiveWindow)


def test_the_first_day_by_keyboard_alone(window, qtbot, tmp_path: Path, prompts) -> None:  # type: ignore[no-untyped-def]
    keys = Keyboard(qtbot, window)
    keys.activate(window)
    path = tmp_path / "night-owls.keel"

    # A new file: the keyboard is in it at once, on the team's name.
    prompts.files.append(str(path))
    keys.press(Qt.Key.Key_N, CTRL)
    assert keys.focus() is window.tab("roster").team_name
    keys.type("Night Owls")
    keys.press(Qt.Key.Key_Return)
    team = window.ctx.team
    assert TeamInfoService(team).name() == "Night Owls"

    # Two people added: Ctrl+Shift+A puts the focus on the new member's name.
    for name in ("Ana Lima", "Bo Chen"):
        keys.press(Qt.Key.Key_A, CTRL | SHIFT)
        keys.type(name)
        keys.press(Qt.Key.Key_Tab)
    assert [m.name for m in RosterService(team).list_members()] == ["Ana Lima", "Bo Chen"]

    # Past the notes field (Tab moves on, it types no tab) to Import CSV.
    people = tmp_path / "people.csv"
    people.write_text("Name,Email,Role\r\nCleo Park,cleo@example.org,QA\r\n", "utf-8")
    prompts.files.append(str(people))
    keys.tab_to_button("Import CSV…")
    keys.press(Qt.Key.Key_Space)
    preview = window.tab("roster").import_preview
    assert preview is not None
    keys.wait_inside(preview)
    keys.press(Qt.Key.Key_Return)  # Import is the default button
    qtbot.waitUntil(lambda: not window.tab("roster").importing)
    assert RosterService(team).count() == 3
    keys.activate(window)
    assert keys.focus() is window.tab("roster").table  # not nowhere

    # The compact: its tab puts the focus on the start.
    keys.tab("compact")
    keys.press(Qt.Key.Key_Space)
    draft = CompactService(team).draft()
    assert draft is not None and draft.commitments
    # ...and then on the commitments just made, to go on editing them by keyboard.
    assert keys.focus() is window.tab("compact").commitments.table

    # The calendar: the first ritual from the button the tab focuses.
    keys.tab("calendar")
    keys.press(Qt.Key.Key_Space)
    assert keys.dialog().objectName() == "ritual_editor"
    keys.press(Qt.Key.Key_Return)
    assert len(CalendarService(team).list_rituals()) == 1
    keys.activate(window)

    # A rotation, from the button the tab focuses.
    keys.tab("rotations")
    keys.press(Qt.Key.Key_Space)
    editor = keys.dialog()
    assert keys.focus() is editor.name
    keys.type("Wednesday pairing")
    keys.press(Qt.Key.Key_Return)
    problem = editor.findChildren(QLabel)
    assert len(RotationService(team).list_rotations()) == 1, [
        label.text() for label in problem if label.isVisible() and label.text()
    ]
    keys.activate(window)

    # Stand-up entries, typed where the tab puts the focus.
    keys.tab("standup")
    for line in ("kudos @Ana -> @Bo for the careful review", "blocked @Cleo waiting for access"):
        keys.type(line)
        keys.press(Qt.Key.Key_Return)
        assert keys.focus() is window.tab("standup").quick  # ready for the next one
    kinds = sorted(e.kind.value for e in StandupService(team).iter_entries())
    assert kinds == ["blocker", "kudos"]
