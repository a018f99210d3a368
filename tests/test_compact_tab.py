"""The Compact tab through pytest-qt: add, reorder, edit, undo, validation, ratify."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QMimeData, Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QLineEdit

from teamkeel.core.compact import CompactService
from teamkeel.core.roster import Member, RosterService
from teamkeel.core.storage.teamfile import TeamFile
from teamkeel.ui.compact.commitments_model import MIME_TYPE, NORM, STATEMENT, THEME, UNIT
from teamkeel.ui.compact.signatures_model import MEMBER


def compact_tab(window, path: Path, create: bool = False):  # type: ignore[no-untyped-def]
    assert window.open_file(path, create=create)
    assert window.select_tab("compact")
    tab = window.tab("compact")
    assert tab is not None
    return tab


def statements(tab) -> list[str]:  # type: ignore[no-untyped-def]
    return [
        tab.commitments.proxy.index(r, STATEMENT).data()
        for r in range(tab.commitments.proxy.rowCount())
    ]


def stored(window) -> list[str]:  # type: ignore[no-untyped-def]
    return [c.statement for c in CompactService(window.ctx.team).draft().commitments]


def edit_cell(tab, row: int, column: int, value: str) -> bool:  # type: ignore[no-untyped-def]
    """What the table's delegate does when the lead finishes typing in a cell."""
    return tab.commitments.proxy.setData(
        tab.commitments.proxy.index(row, column), value, Qt.ItemDataRole.EditRole
    )


def type_text(qtbot, widget, text: str) -> None:  # type: ignore[no-untyped-def]
    """Type text of any script: keyClicks for ASCII, an input-method commit otherwise."""
    for char in text:
        if char.isascii():
            qtbot.keyClicks(widget, char)
        else:
            event = QInputMethodEvent("", [])
            event.setCommitString(char)
            QApplication.sendEvent(widget, event)


def test_start_with_starters_and_undo_back_to_the_start_page(
    window, team_path: Path, qtbot
) -> None:  # type: ignore[no-untyped-def]
    tab = compact_tab(window, team_path, create=True)
    assert tab.pages.currentIndex() == 0
    tab.start_page.start_button.click()
    assert tab.pages.currentIndex() == 1
    assert len(statements(tab)) >= 6
    qtbot.waitUntil(lambda: tab.preview.page_count == 1)  # rendered on a worker
    window.ctx.undo_stack.undo()
    assert tab.pages.currentIndex() == 0
    assert CompactService(window.ctx.team).draft() is None


def test_add_type_a_statement_in_any_script_then_undo_and_redo(
    window, qtbot, demo_path: Path
) -> None:  # type: ignore[no-untyped-def]
    tab = compact_tab(window, demo_path)
    before = stored(window)
    tab.select_row(1)
    tab.commitments.add_button.click()
    assert len(stored(window)) == len(before) + 1
    assert tab.current_row() == 2  # inserted below the selection
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit)  # the statement opens for typing
    editor.selectAll()
    type_text(qtbot, editor, "We pair with 李娜 on Ōsaka releases")
    qtbot.keyClick(editor, Qt.Key.Key_Return)  # the delegate commits on the next event loop turn
    qtbot.waitUntil(
        lambda: stored(window)[2] == "We pair with 李娜 on Ōsaka releases", timeout=3000
    )

    window.ctx.undo_stack.undo()  # the wording
    assert stored(window)[2] == "Describe what we will do for each other"
    window.ctx.undo_stack.undo()  # the addition
    assert stored(window) == before
    assert statements(tab) == before
    window.ctx.undo_stack.redo()
    window.ctx.undo_stack.redo()
    assert stored(window)[2] == "We pair with 李娜 on Ōsaka releases"


def test_reorder_by_keyboard_and_by_drag(window, qtbot, demo_path: Path) -> None:  # type: ignore[no-untyped-def]
    tab = compact_tab(window, demo_path)
    first, second, third = stored(window)[:3]
    tab.commitments.table.setFocus()
    tab.select_row(0)
    qtbot.keyClick(tab.commitments.table, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
    assert stored(window)[:3] == [second, first, third]
    assert tab.current_row() == 1  # the selection follows the moved commitment
    qtbot.keyClick(tab.commitments.table, Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier)
    assert stored(window)[:3] == [first, second, third]

    # Drag the first commitment and drop it onto the third row.
    mime = tab.commitments.proxy.mimeData([tab.commitments.proxy.index(0, STATEMENT)])
    assert mime.hasFormat(MIME_TYPE)
    tab.commitments.proxy.dropMimeData(
        mime, Qt.DropAction.MoveAction, 3, 0, tab.commitments.proxy.index(-1, -1)
    )
    assert stored(window)[:3] == [second, third, first]
    window.ctx.undo_stack.undo()
    assert stored(window)[:3] == [first, second, third]
    assert not tab.commitments.proxy.dropMimeData(
        QMimeData(), Qt.DropAction.MoveAction, 0, 0, tab.commitments.proxy.index(-1, -1)
    )


def test_edit_norm_unit_and_theme_in_place(window, demo_path: Path) -> None:  # type: ignore[no-untyped-def]
    tab = compact_tab(window, demo_path)
    assert edit_cell(tab, 2, NORM, "2,5")
    assert edit_cell(tab, 2, UNIT, "  pairing   hours per week ")
    assert edit_cell(tab, 2, THEME, "Reciprocity")
    c = CompactService(window.ctx.team).draft().commitments[2]
    assert (c.norm_value, c.norm_unit, c.theme) == (2.5, "pairing hours per week", "reciprocity")
    assert "Norm: 2.5 pairing hours per week" in " ".join(
        p.extract_text() for p in PdfReader(__import__("io").BytesIO(tab.pdf_bytes())).pages
    )


def test_invalid_input_is_flagged_at_the_field_and_not_saved(window, demo_path: Path) -> None:  # type: ignore[no-untyped-def]
    tab = compact_tab(window, demo_path)
    before = CompactService(window.ctx.team).draft()
    depth = window.ctx.undo_stack.count()

    assert not edit_cell(tab, 0, NORM, "-3")
    assert tab.commitments.problem_label.isVisible()
    assert tab.commitments.problem_label.text() == "commitment 1: norm: the norm cannot be negative"
    assert tab.commitments.proxy.index(0, NORM).data(Qt.ItemDataRole.BackgroundRole) is not None
    assert "cannot be negative" in tab.commitments.proxy.index(0, NORM).data(
        Qt.ItemDataRole.ToolTipRole
    )

    assert not edit_cell(tab, 1, STATEMENT, "   ")
    assert (
        tab.commitments.problem_label.text()
        == "commitment 2: statement: write what the team commits to"
    )
    assert not edit_cell(tab, 1, NORM, "soon")

    tab.commitments.title_edit.setText("")
    tab.commitments.title_edit.editingFinished.emit()
    assert tab.commitments.problem_label.text() == "title: the compact needs a title"
    assert "border" in tab.commitments.title_edit.styleSheet()

    assert CompactService(window.ctx.team).draft() == before
    assert window.ctx.undo_stack.count() == depth

    # A valid edit clears the flag on that cell.
    assert edit_cell(tab, 0, NORM, "2")
    assert tab.commitments.proxy.index(0, NORM).data(Qt.ItemDataRole.BackgroundRole) is None


def test_purpose_is_saved_after_typing_and_is_undoable(window, qtbot, demo_path: Path) -> None:  # type: ignore[no-untyped-def]
    tab = compact_tab(window, demo_path)
    old = CompactService(window.ctx.team).draft().purpose
    tab.commitments.purpose_edit.setPlainText("Nobody is stuck alone — 誰も一人で悩まない.")
    qtbot.waitUntil(
        lambda: CompactService(window.ctx.team).draft().purpose.startswith("Nobody"), timeout=3000
    )
    assert window.ctx.undo_stack.undoText() == "Edit the compact's purpose"
    window.ctx.undo_stack.undo()
    assert CompactService(window.ctx.team).draft().purpose == old
    assert tab.commitments.purpose_edit.toPlainText() == old


def test_remove_with_the_delete_key_and_undo(window, qtbot, demo_path: Path) -> None:  # type: ignore[no-untyped-def]
    tab = compact_tab(window, demo_path)
    before = stored(window)
    tab.commitments.table.setFocus()
    tab.select_row(0)
    qtbot.keyClick(tab.commitments.table, Qt.Key.Key_Delete)
    assert stored(window) == before[1:]
    window.ctx.undo_stack.undo()
    assert stored(window) == before


def test_sign_ratify_view_history_and_undo_ratify(window, prompts, team_path: Path) -> None:  # type: ignore[no-untyped-def]
    tab = compact_tab(window, team_path, create=True)
    roster = RosterService(window.ctx.team)
    for name in ("Zoë Martin", "Дмитрий Орлов"):
        roster.add(Member(name=name))
    window.ctx.changed.emit("roster")
    tab.start_page.start_button.click()

    zoe = next(
        r
        for r in range(tab.signatures.proxy.rowCount())
        if tab.signatures.proxy.index(r, MEMBER).data() == "Zoë Martin"
    )
    tab.signatures.proxy.setData(
        tab.signatures.proxy.index(zoe, MEMBER),
        Qt.CheckState.Checked.value,
        Qt.ItemDataRole.CheckStateRole,
    )
    draft = CompactService(window.ctx.team).draft()
    assert [(s.name, s.signed_on) for s in draft.signatures] == [("Zoë Martin", dt.date.today())]
    assert window.ctx.undo_stack.undoText() == "Record Zoë Martin's signature"

    tab.ratify_button.click()  # the test prompts answer "yes"
    service = CompactService(window.ctx.team)
    assert [v.number for v in service.versions()] == [1]
    assert service.version(1).signatures[0].name == "Zoë Martin"
    assert service.draft().signatures == ()
    assert "Review" in tab.banner.text() or "review" in tab.banner.text()
    # The ratification is confirmed, and the tab stays on the ratified version.
    assert prompts.infos[-1][0] == "Compact ratified"
    assert "Version 1 is ratified, with 1 signature." in prompts.infos[-1][1]
    assert tab.viewing == 1 and tab.version_combo.currentData() == 1
    assert not edit_cell(tab, 0, STATEMENT, "Changed history")
    # History compares version 1 with the new draft at once, not the draft with itself.
    assert "Version 1 → Draft" in tab.history.diff_view.toPlainText()

    # Change the draft, then compare it with version 1 in the history.
    tab.show_version(None)
    assert edit_cell(tab, 0, STATEMENT, "We answer every request for help within the same day.")
    html = tab.history.diff_view.toPlainText()
    assert "Version 1 → Draft" in html and "Changed" in html

    # Open version 1 read-only: nothing on it can be edited.
    tab.history.table.selectRow(0)
    tab.history.open_selected()
    assert tab.viewing == 1
    assert tab.commitments.title_edit.isReadOnly() and not tab.commitments.add_button.isEnabled()
    assert not edit_cell(tab, 0, STATEMENT, "Changed history")
    assert not (
        tab.commitments.proxy.flags(tab.commitments.proxy.index(0, STATEMENT))
        & Qt.ItemFlag.ItemIsEditable
    )
    tab.show_version(None)
    assert tab.viewing is None

    # Undo the edit and the ratification: back to the signed draft.
    window.ctx.undo_stack.undo()
    window.ctx.undo_stack.undo()
    assert service.versions() == []
    assert [s.name for s in service.draft().signatures] == ["Zoë Martin"]


def test_an_empty_draft_cannot_be_ratified(window, prompts, team_path: Path) -> None:  # type: ignore[no-untyped-def]
    tab = compact_tab(window, team_path, create=True)
    tab.start_page.blank_button.click()
    tab.ratify_button.click()
    assert "add at least one commitment" in tab.commitments.problem_label.text()
    assert CompactService(window.ctx.team).versions() == []


def test_overdue_review_is_shown_as_a_warning(window, team_path: Path) -> None:  # type: ignore[no-untyped-def]
    tab = compact_tab(window, team_path, create=True)
    service = CompactService(window.ctx.team)
    service.start()
    service.ratify(dt.date.today() - dt.timedelta(days=200))
    tab.reload()
    assert tab.banner.property("state") == "overdue"
    assert "overdue" in tab.banner.text()


def test_export_from_the_file_menu_writes_the_pdf(
    window, prompts, demo_path: Path, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    tab = compact_tab(window, demo_path)
    action = next(a for a in window.export_menu.actions() if a.text() == "&Compact as PDF…")
    out = tmp_path / "kickoff"
    prompts.files.append(str(out))
    action.trigger()
    pdf = out.with_suffix(".pdf")
    assert pdf.exists() and str(pdf) in prompts.infos[-1][1]
    text = PdfReader(pdf).pages[0].extract_text()
    assert "Draft for discussion" in text  # the tab shows the draft
    tab.page_size.setCurrentText("Letter")
    tab.show_version(2)
    prompts.files.append(str(tmp_path / "v2.pdf"))
    tab.choose_export()
    reader = PdfReader(tmp_path / "v2.pdf")
    assert "Version 2, ratified" in reader.pages[0].extract_text()
    assert float(reader.pages[0].mediabox.height) == pytest.approx(792)


def test_signature_dates_can_be_corrected_but_not_set_in_the_future(
    window, team_path: Path
) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QDate

    from teamkeel.ui.compact.signatures_model import SIGNED_ON

    tab = compact_tab(window, team_path, create=True)
    RosterService(window.ctx.team).add(Member(name="Ελένη Παπαδοπούλου"))
    tab.start_page.start_button.click()
    proxy = tab.signatures.proxy
    proxy.setData(
        proxy.index(0, MEMBER), Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole
    )
    kickoff = dt.date.today() - dt.timedelta(days=3)
    assert proxy.setData(proxy.index(0, SIGNED_ON), QDate(kickoff), Qt.ItemDataRole.EditRole)
    assert CompactService(window.ctx.team).draft().signatures[0].signed_on == kickoff
    tomorrow = QDate(dt.date.today() + dt.timedelta(days=1))
    assert not proxy.setData(proxy.index(0, SIGNED_ON), tomorrow, Qt.ItemDataRole.EditRole)
    # Unticking withdraws the signature; undo brings it back.
    proxy.setData(
        proxy.index(0, MEMBER), Qt.CheckState.Unchecked.value, Qt.ItemDataRole.CheckStateRole
    )
    assert CompactService(window.ctx.team).draft().signatures == ()
    window.ctx.undo_stack.undo()
    assert CompactService(window.ctx.team).draft().signatures[0].signed_on == kickoff


def test_purpose_typed_just_before_closing_the_file_is_kept(window, demo_path: Path) -> None:  # type: ignore[no-untyped-def]
    tab = compact_tab(window, demo_path)
    tab.commitments.purpose_edit.setPlainText("Closing right after typing still keeps this.")
    assert tab.purpose_timer.isActive()
    window._close_team()
    with TeamFile.open(demo_path) as team:
        assert (
            CompactService(team).draft().purpose == "Closing right after typing still keeps this."
        )


def test_preview_fits_after_the_window_shrank_on_another_tab(
    window, qtbot, demo_path: Path
) -> None:  # type: ignore[no-untyped-def]
    assert window.open_file(demo_path)
    assert window.select_tab("compact")
    window.resize(1600, 1000)
    QApplication.processEvents()  # the resize and layout events, handled now
    assert window.select_tab("roster")
    window.resize(1024, 700)
    QApplication.processEvents()
    tab = window.tab("compact")
    assert window.select_tab("compact")
    QApplication.processEvents()
    qtbot.waitUntil(lambda: tab.preview.page_count > 0)  # rendered on a worker
    page = tab.preview.findChild(type(tab.banner), "preview_page_1")
    viewport = tab.preview.viewport()
    assert page.width() < viewport.width()
    left = page.mapTo(viewport, page.rect().topLeft()).x()
    assert left >= 0 and left + page.width() <= viewport.width()  # the whole page shows


def test_dropping_a_commitment_onto_a_row_below_puts_it_in_that_place(  # type: ignore[no-untyped-def]
    window, qtbot, demo_path: Path
) -> None:
    tab = compact_tab(window, demo_path)
    first, second, third, fourth = stored(window)[:4]
    proxy = tab.commitments.proxy
    # The table drops onto rows (overwrite mode): Qt passes row -1 and the row as parent.
    assert tab.commitments.table.dragDropOverwriteMode()
    proxy.dropMimeData(
        proxy.mimeData([proxy.index(0, STATEMENT)]), Qt.DropAction.MoveAction, -1, -1,
        proxy.index(1, STATEMENT),
    )  # fmt: skip
    assert stored(window)[:4] == [second, first, third, fourth]
    proxy.dropMimeData(
        proxy.mimeData([proxy.index(0, STATEMENT)]), Qt.DropAction.MoveAction, -1, -1,
        proxy.index(3, STATEMENT),
    )  # fmt: skip
    assert stored(window)[:4] == [first, third, fourth, second]
    proxy.dropMimeData(
        proxy.mimeData([proxy.index(3, STATEMENT)]), Qt.DropAction.MoveAction, -1, -1,
        proxy.index(0, STATEMENT),
    )  # fmt: skip
    assert stored(window)[:4] == [second, first, third, fourth]


def test_a_change_from_another_keel_does_not_eat_what_the_lead_is_typing(  # type: ignore[no-untyped-def]
    window, qtbot, demo_path: Path
) -> None:
    from teamkeel.core.standup import StandupService

    tab = compact_tab(window, demo_path)
    page = tab.commitments
    page.title_edit.setFocus()
    page.title_edit.selectAll()
    qtbot.keyClicks(page.title_edit, "Our support compact")
    page.purpose_edit.setFocus()  # leaving the title saves it
    page.purpose_edit.selectAll()
    qtbot.keyClicks(page.purpose_edit, "We help")  # still typing: not saved yet
    page.title_edit.setFocus()
    page.title_edit.end(False)
    qtbot.keyClicks(page.title_edit, " 2027")  # typing again, not finished
    # Meanwhile a chat bridge logs a kudo into the same file.
    with TeamFile.open(demo_path) as other:
        members = RosterService(other).list_members()
        StandupService(other).add_kudos(dt.date.today(), members[0].id, [members[1].id], "ty")
    assert window.check_external_changes()
    assert page.title_edit.text() == "Our support compact 2027"
    assert page.purpose_edit.toPlainText() == "We help"
    page.title_edit.editingFinished.emit()
    tab.commit_purpose()
    draft = CompactService(window.ctx.team).draft()
    assert (draft.title, draft.purpose) == ("Our support compact 2027", "We help")


def test_history_defaults_to_the_last_two_versions_without_a_draft(window, team_path: Path) -> None:  # type: ignore[no-untyped-def]
    tab = compact_tab(window, team_path, create=True)
    service = CompactService(window.ctx.team)
    service.start()
    service.ratify()
    service.ratify()
    service.discard_draft()
    tab.reload()
    assert tab.history.compare_from.currentData() == 1
    assert tab.history.compare_to.currentData() == 2
    assert "Version 1 → Version 2" in tab.history.diff_view.toPlainText()


def test_export_right_after_ratify_prints_the_ratified_version(  # type: ignore[no-untyped-def]
    window, prompts, team_path: Path, tmp_path: Path
) -> None:
    tab = compact_tab(window, team_path, create=True)
    tab.start_page.start_button.click()
    tab.ratify_button.click()
    prompts.files.append(str(tmp_path / "compact.pdf"))
    tab.export_button.click()
    text = PdfReader(tmp_path / "compact.pdf").pages[0].extract_text()
    assert "Version 1, ratified" in text
    assert "Draft for discussion" not in text
    window.ctx.undo_stack.undo()  # withdrawn: the draft is shown again
    assert tab.viewing is None
    window.ctx.undo_stack.redo()  # ratified again: shown again
    assert tab.viewing == 1
