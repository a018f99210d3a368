"""The Compact tab: edit the draft, collect signatures, ratify, browse history, print.

Left, the editor in three sections (``CommitmentsPage``, ``SignaturesPage``,
``HistoryPage``); right, the printed page as it will come out of the printer. Every
edit is one undoable command that saves the whole draft (``CompactService.save_draft``);
the tab then reloads from the service, so what is shown is always what is stored.
"""

from __future__ import annotations

import contextlib
import dataclasses
import io
from pathlib import Path
from typing import Any

from PySide6.QtCore import QByteArray, QEvent, Qt, QTimer
from PySide6.QtGui import QAction, QImage, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from teamkeel.core.compact import CompactService, versioning
from teamkeel.core.compact.document import THEMES, Commitment, Compact, Signature
from teamkeel.core.errors import KeelError, Problem, ValidationError
from teamkeel.core.i18n import N_, _, ngettext
from teamkeel.core.roster import RosterService
from teamkeel.ui import options, theme
from teamkeel.ui.base_tab import BaseTab
from teamkeel.ui.compact.commitments_page import CommitmentsPage
from teamkeel.ui.compact.history_page import HistoryPage
from teamkeel.ui.compact.preview import PagePreview, render_pages
from teamkeel.ui.compact.signatures_page import SignaturesPage
from teamkeel.ui.compact.start_page import StartPage
from teamkeel.ui.context import AppContext
from teamkeel.ui.undo import ServiceCommand, push
from teamkeel.ui.worker import KeepGoing, run_in_worker

NEW_STATEMENT = N_("Describe what we will do for each other")
BANNERS = {
    "overdue": theme.ALARM,
    "due": theme.ATTENTION,
    "scheduled": theme.CALM,
    "none": theme.NOTE,
}
COMMITMENTS, SIGNATORIES, HISTORY = range(3)


def signatures_text(old: tuple[Signature, ...], new: tuple[Signature, ...]) -> str:
    """The undo step's name for a change of signatures ("Record Zoë's signature")."""
    before = {s.name: s for s in old}
    after = {s.name: s for s in new}
    added = [name for name in after if name not in before]
    removed = [name for name in before if name not in after]
    redated = [name for name in after if name in before and after[name] != before[name]]
    if len(added) == 1 and not removed:
        return _("Record {name}'s signature").format(name=added[0])
    if len(removed) == 1 and not added:
        return _("Withdraw {name}'s signature").format(name=removed[0])
    if len(redated) == 1 and not added and not removed:
        return _("Change the date of {name}'s signature").format(name=redated[0])
    return _("Change signatures")


class CompactTab(BaseTab):
    key = "compact"
    title = "Compact"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(ctx, parent)
        self.service = CompactService(ctx.team)
        self.roster = RosterService(ctx.team)
        self.draft: Compact | None = None
        self.versions: list[Compact] = []
        self.viewing: int | None = None  # a ratified version's number, or None: the draft
        self._select_after_reload: int | None = None
        self._loading = False

        self.banner = QLabel()
        self.banner.setObjectName("compact_review")
        self.banner.setWordWrap(True)
        self.banner.setMargin(8)
        self.version_combo = QComboBox()
        self.version_combo.setAccessibleName(_("Version shown"))
        self.version_combo.setObjectName("compact_version")
        self.version_combo.setToolTip(_("Show the draft, or open a ratified version read-only"))
        self.ratify_button = QPushButton(_("Ratify…"))
        self.ratify_button.setObjectName("compact_ratify")
        self.ratify_button.setToolTip(
            _("Freeze this draft as the next version, with its signatures")
        )
        self.export_button = QPushButton(_("Export PDF…"))
        self.export_button.setToolTip(_("Save the page shown in the preview as a PDF"))
        self.page_size = QComboBox()
        self.page_size.setAccessibleName(_("Paper size"))
        self.page_size.addItems(["A4", "Letter"])
        self.page_size.setCurrentText(options.current(options.PAPER_SIZE))
        self.page_size.setToolTip(_("Paper size for the preview and the PDF"))

        self.commitments = CommitmentsPage()
        self.signatures = SignaturesPage()
        self.history = HistoryPage()
        self.sections = QTabWidget()
        self.sections.setObjectName("compact_sections")
        self.sections.addTab(self.commitments, _("Commitments"))
        self.sections.addTab(self.signatures, _("Signatories"))
        self.sections.addTab(self.history, _("History"))
        self.preview = PagePreview()
        self._preview_requests = 0  # only the latest preview a worker renders is shown
        self.start_page = StartPage()
        self._lay_out()

        self.preview_timer = QTimer(self)
        self.preview_timer.setSingleShot(True)
        self.preview_timer.setInterval(150)
        # The purpose is saved after a pause in typing (or on leaving the field), so a
        # sentence becomes one undo step rather than one per letter.
        self.purpose_timer = QTimer(self)
        self.purpose_timer.setSingleShot(True)
        self.purpose_timer.setInterval(700)

        self._export_action = QAction(_("&Compact as PDF…"), self)
        self._export_action.setObjectName("export_compact_pdf")
        self._connect()
        # At start the tab is shown before its compact is read: the rows' fitting to
        # their wrapped text and the preview then come in a turn of their own.
        self.fill_in_steps(self.reload, first_now=False)

    def _lay_out(self) -> None:
        top = QHBoxLayout()
        top.addWidget(QLabel(_("Showing")))
        top.addWidget(self.version_combo, 2)
        top.addWidget(self.ratify_button)
        top.addStretch(1)
        top.addWidget(QLabel(_("Paper")))
        top.addWidget(self.page_size)
        top.addWidget(self.export_button)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.sections)
        self.splitter.addWidget(self.preview)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setSizes([720, 480])

        editor = QWidget()
        editor_layout = QVBoxLayout(editor)
        editor_layout.setContentsMargins(0, 0, 0, 0)
        editor_layout.addWidget(self.banner)
        editor_layout.addLayout(top)
        editor_layout.addWidget(self.splitter, 1)

        self.pages = QStackedWidget()
        self.pages.addWidget(self.start_page)
        self.pages.addWidget(editor)
        layout = QVBoxLayout(self)
        layout.addWidget(self.pages)

    def _connect(self) -> None:
        page = self.commitments
        self.track(self.ctx.changed, self._on_changed)
        self.track(self.start_page.start_button.clicked, lambda: self.start(with_starters=True))
        self.track(self.start_page.blank_button.clicked, lambda: self.start(with_starters=False))
        self.track(self.version_combo.currentIndexChanged, self._on_version_chosen)
        self.track(self.ratify_button.clicked, self.ratify)
        self.track(self.export_button.clicked, self.choose_export)
        self.track(self._export_action.triggered, self.choose_export)
        self.track(self.page_size.currentIndexChanged, lambda _: self.preview_timer.start())
        self.track(self.preview_timer.timeout, self.refresh_preview)
        self.track(page.title_edit.editingFinished, self._on_title)
        self.track(page.purpose_edit.textChanged, self._on_purpose_typed)
        self.track(self.purpose_timer.timeout, self.commit_purpose)
        self.track(page.cadence_combo.currentIndexChanged, lambda _: self._on_review())
        self.track(page.next_review_edit.dateChanged, lambda _: self._on_review())
        self.track(page.add_button.clicked, self.add_commitment)
        self.track(page.remove_button.clicked, self.remove_commitment)
        self.track(page.up_button.clicked, lambda: self.move_commitment(-1))
        self.track(page.down_button.clicked, lambda: self.move_commitment(1))
        self.track(page.back_to_draft.clicked, self._back_to_draft)
        self.track(self.history.open_requested, self.show_version)
        page.model.on_edit = self._on_cell_edited
        page.model.on_move = self._on_dropped
        page.model.on_refused = self.show_problem
        self.signatures.model.on_change = self._on_signatures
        page.purpose_edit.installEventFilter(self)

        def shortcut(
            keys: str | QKeySequence | QKeySequence.StandardKey,
            widget: QWidget,
            slot: Any,
            what: str,
        ) -> None:
            sc = QShortcut(QKeySequence(keys), widget)
            sc.setWhatsThis(what)  # listed in Help → Keyboard shortcuts
            sc.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            self.track(sc.activated, slot)

        shortcut("Ctrl+Up", page.table, lambda: self.move_commitment(-1), _("Move commitment up"))
        shortcut(
            "Ctrl+Down", page.table, lambda: self.move_commitment(1), _("Move commitment down")
        )
        shortcut(
            QKeySequence.StandardKey.Delete,
            page.table,
            self.remove_commitment,
            _("Remove the selected commitment"),
        )
        shortcut("Ctrl+Shift+A", self, self.add_commitment, _("Add a commitment"))

    # -- reading ---------------------------------------------------------------------
    @property
    def shown(self) -> Compact | None:
        """The compact on screen: the draft, or the ratified version being viewed."""
        if self.viewing is not None:
            return next((v for v in self.versions if v.number == self.viewing), None)
        return self.draft

    def reload(self) -> None:
        self._loading = True
        try:
            self.draft = self.service.draft()
            self.versions = self.service.versions()
            if self.viewing is not None and not any(
                v.number == self.viewing for v in self.versions
            ):
                self.viewing = None
            if self.draft is None and not self.versions:
                self.pages.setCurrentIndex(0)
                self._export_action.setEnabled(False)
                return
            self.pages.setCurrentIndex(1)
            self._export_action.setEnabled(True)
            self._fill_version_combo()
            shown = self.shown
            assert shown is not None
            self.commitments.show_compact(shown, has_draft=self.draft is not None)
            self.signatures.show_compact(shown, self.roster.list_members(include_archived=True))
            self.history.show_history(self.versions, self.draft)
            self.ratify_button.setEnabled(shown.is_draft)
            self._update_banner()
        finally:
            self._loading = False
        if self._select_after_reload is not None:
            self.commitments.select_row(self._select_after_reload)
            self._select_after_reload = None
        # Straight away, not debounced: reloads follow whole edits, not keystrokes.
        self.refresh_preview()

    def _fill_version_combo(self) -> None:
        self.version_combo.clear()
        if self.draft is not None:
            self.version_combo.addItem(_("Draft — being edited"), None)
        for v in reversed(self.versions):
            self.version_combo.addItem(
                _("Version {number} — ratified {ratified_on:%d %b %Y} (read-only)").format(
                    number=v.number, ratified_on=v.ratified_on
                ),
                v.number,
            )
        index = self.version_combo.findData(self.viewing)
        self.version_combo.setCurrentIndex(max(index, 0))
        self.viewing = self.version_combo.currentData()

    def _update_banner(self) -> None:
        status = self.service.review_status()
        if not self.versions:
            text = _("Not ratified yet: print the draft, collect signatures, then ratify it.")
            state = "none"
        else:
            text = status.message
            if status.state == "overdue":
                text += " " + _("Book a check-in with the team to revisit the compact.")
            elif status.state == "due":
                text += " " + _("Time to plan the check-in.")
            state = status.state
        self.banner.setText(text)
        self.banner.setProperty("state", state)
        self.banner.setStyleSheet(f"QLabel#compact_review {{ {theme.box(BANNERS[state])} }}")

    # -- preview and export ----------------------------------------------------------
    def pdf_bytes(self) -> bytes:
        shown = self.shown
        if shown is None:
            return b""
        buffer = io.BytesIO()
        self.service.export_pdf(buffer, page_size=self.page_size.currentText(), compact=shown)
        return buffer.getvalue()

    def refresh_preview(self) -> None:
        """Lay the compact out and render its pages on a worker (a second or more for a
        long compact); only the latest request's pages are shown."""
        self._preview_requests += 1
        request, shown, page_size = self._preview_requests, self.shown, self.page_size.currentText()
        service, width = self.service, self.preview.render_width()

        def lay_out(_keep_going: KeepGoing) -> tuple[bytes, list[QImage]]:
            if shown is None:
                return b"", []
            buffer = io.BytesIO()
            service.export_pdf(buffer, page_size=page_size, compact=shown)
            pdf = buffer.getvalue()
            return pdf, render_pages(pdf, width)

        run_in_worker(
            lay_out,
            done=lambda laid_out: self._show_preview(request, *laid_out),
            failed=lambda problem: self._show_preview(request, b"", [], problem),
            parent=self,
        )

    def _show_preview(
        self, request: int, pdf: bytes, pages: list[QImage], problem: str = ""
    ) -> None:
        if request != self._preview_requests:
            return  # an edit came meanwhile: its preview follows
        self.preview.show_pages(pdf, pages, problem)
        shown = self.shown
        if shown is not None:
            self.commitments.show_page_count(len(shown.commitments), self.preview.page_count)

    def focus_start(self) -> None:
        """The start button before there is a compact, then its commitments."""
        if self.pages.currentWidget() is self.start_page:
            self.start_page.start_button.setFocus()
        else:
            self.commitments.table.setFocus()

    def export_actions(self) -> list[QAction]:
        return [self._export_action]

    def choose_export(self) -> None:
        shown = self.shown
        if shown is None:
            return
        self.commit_purpose()
        suffix = "draft" if shown.is_draft else f"v{shown.number}"
        self.ctx.prompts.save_file(
            _("Export compact as PDF"),
            _("PDF files (*.pdf)"),
            self.export_to,
            f"team-support-compact-{suffix}.pdf",
        )

    def export_to(self, path: str) -> None:
        target = Path(path)
        if target.suffix.lower() != ".pdf":
            target = target.with_suffix(".pdf")
        try:
            pages = self.service.export_pdf(
                target, page_size=self.page_size.currentText(), compact=self.shown
            )
        except (KeelError, OSError) as exc:
            self.ctx.prompts.error(_("Cannot export the compact"), str(exc))
            return
        self.ctx.prompts.info(
            _("Compact exported"),
            ngettext("Saved {path} ({count} page).", "Saved {path} ({count} pages).", pages).format(
                path=target, count=pages
            ),
        )

    # -- editing ---------------------------------------------------------------------
    def _commit(self, new: Compact, text: str, select_row: int | None = None) -> bool:
        """Save ``new`` as the draft through one undoable command; False if refused."""
        before = self.draft
        if before is None or new == before:
            return False
        problems = versioning.problems(new)
        if problems:
            self.show_problem(problems[0])
            return False
        self._select_after_reload = select_row
        command = ServiceCommand(
            self.ctx,
            self.key,
            text,
            do=lambda: self.service.save_draft(new),
            undo=lambda: self.service.save_draft(before),
        )
        try:
            push(self.ctx, command)
        except ValidationError as exc:
            self.show_problem(exc.problems[0])
            return False
        except KeelError as exc:
            self.show_problem(Problem("", str(exc)))
            return False
        return True

    def show_problem(self, problem: Problem) -> None:
        self.sections.setCurrentIndex(COMMITMENTS)
        self.commitments.show_problem(problem)

    def _editing_draft(self) -> bool:
        return not self._loading and self.draft is not None and self.viewing is None

    def _on_title(self) -> None:
        if self._editing_draft():
            assert self.draft is not None
            self.commitments.title_edit.setModified(False)  # saved now: reloads may show
            title = " ".join(self.commitments.title_edit.text().split())
            self._commit(
                dataclasses.replace(self.draft, title=title), _("Edit the compact's title")
            )

    def _on_purpose_typed(self) -> None:
        self.commitments.update_purpose_count()
        if self._editing_draft():
            self.purpose_timer.start()

    def commit_purpose(self) -> None:
        """Save the purpose (after a pause in typing, or when leaving the field)."""
        self.purpose_timer.stop()
        if self.draft is None or self.viewing is not None:
            return
        self.commitments.purpose_edit.document().setModified(False)  # saved now
        text = self.commitments.purpose_edit.toPlainText().strip()
        if text != self.draft.purpose:
            self._commit(
                dataclasses.replace(self.draft, purpose=text), _("Edit the compact's purpose")
            )

    def _on_review(self) -> None:
        if self._editing_draft():
            assert self.draft is not None
            self._commit(
                dataclasses.replace(
                    self.draft,
                    review_cadence=str(self.commitments.cadence_combo.currentData()),
                    next_review=self.commitments.next_review(),
                ),
                _("Change the compact's review schedule"),
            )

    def _on_cell_edited(self, row: int, commitment: Commitment, what: str) -> None:
        assert self.draft is not None
        label = {"commitment": "wording"}.get(what, what)
        self._commit(
            versioning.with_replaced(self.draft, row, commitment),
            f"Edit {label} of commitment {row + 1}",
            select_row=row,
        )

    def _on_dropped(self, source: int, target: int) -> None:
        assert self.draft is not None
        self._commit(
            versioning.moved(self.draft, source, target),
            _("Move commitment {number} to {place}").format(number=source + 1, place=target + 1),
            select_row=target,
        )

    def _on_signatures(self, signatures: tuple[Signature, ...]) -> None:
        if self.draft is not None:
            self._commit(
                dataclasses.replace(self.draft, signatures=signatures),
                signatures_text(self.draft.signatures, signatures),
            )

    def current_row(self) -> int | None:
        return self.commitments.current_row()

    def select_row(self, row: int) -> None:
        self.commitments.select_row(row)

    def add_commitment(self) -> None:
        if self.draft is None or self.viewing is not None:
            return
        self.sections.setCurrentIndex(COMMITMENTS)
        current = self.current_row()
        row = len(self.draft.commitments) if current is None else current + 1
        new = Commitment(statement=_(NEW_STATEMENT), theme=_(THEMES[0]))
        if self._commit(
            versioning.with_commitment(self.draft, new, row), _("Add commitment"), select_row=row
        ):
            self.commitments.edit_statement(row)

    def remove_commitment(self) -> None:
        row = self.current_row()
        if self.draft is None or self.viewing is not None or row is None:
            return
        remaining = len(self.draft.commitments) - 1
        self._commit(
            versioning.without_commitment(self.draft, row),
            _("Remove commitment {number}").format(number=row + 1),
            select_row=min(row, remaining - 1) if remaining else None,
        )

    def move_commitment(self, delta: int) -> None:
        row = self.current_row()
        if self.draft is None or self.viewing is not None or row is None:
            return
        target = row + delta
        if not 0 <= target < len(self.draft.commitments):
            return
        self._commit(
            versioning.moved(self.draft, row, target),
            (
                _("Move commitment {number} up")
                if delta < 0
                else _("Move commitment {number} down")
            ).format(number=row + 1),
            select_row=target,
        )

    # -- lifecycle -------------------------------------------------------------------
    def start(self, with_starters: bool) -> None:
        command = ServiceCommand(
            self.ctx,
            self.key,
            _("Start the compact"),
            do=lambda: self.service.start(with_starters=with_starters),
            undo=self.service.discard_draft,
        )
        try:
            push(self.ctx, command)
        except KeelError as exc:
            self.ctx.prompts.error(_("Cannot start the compact"), str(exc))
            return
        # The start page's button is gone: carry on in the commitments just made (focus
        # would otherwise fall on the version chooser, the next widget in line).
        self.focus_start()

    def ratify(self) -> None:
        self.commit_purpose()
        draft = self.draft
        if draft is None:
            return
        problems = versioning.problems(draft, for_ratify=True)
        if problems:
            self.show_problem(problems[0])
            return
        number = (self.versions[-1].number or 0) + 1 if self.versions else 1
        signed = len(draft.signatures)
        who = (
            ngettext("{count} member has signed", "{count} members have signed", signed).format(
                count=signed
            )
            if signed
            else _("Nobody has signed yet")
        )
        self.ctx.prompts.confirm(
            _("Ratify the compact"),
            _(
                "Ratify this draft as version {number}? {who}. The version, its date and its "
                "signatures are then frozen; later edits go into a new draft."
            ).format(number=number, who=who),
            lambda: self._ratify_confirmed(draft, number),
        )

    def _ratify_confirmed(self, before: Compact, number: int) -> None:
        def do() -> None:
            self.service.ratify()
            # Stay on what was just ratified (the reload after the command shows it),
            # so that Export PDF prints the signed version, not the fresh draft.
            self.viewing = number

        command = ServiceCommand(
            self.ctx,
            self.key,
            _("Ratify version {number}").format(number=number),
            do=do,
            undo=lambda: self.service.withdraw_latest(number, before),
        )
        try:
            push(self.ctx, command)
        except ValidationError as exc:
            self.show_problem(exc.problems[0])
            return
        except KeelError as exc:
            self.ctx.prompts.error(_("Cannot ratify"), str(exc))
            return
        signed = len(before.signatures)
        self.ctx.prompts.info(
            _("Compact ratified"),
            ngettext(
                "Version {number} is ratified, with {count} signature. It is shown now, "
                "read-only, and Export PDF prints it. Later changes go into a new draft: "
                "choose “Draft” under Showing.",
                "Version {number} is ratified, with {count} signatures. It is shown now, "
                "read-only, and Export PDF prints it. Later changes go into a new draft: "
                "choose “Draft” under Showing.",
                signed,
            ).format(number=number, count=signed),
        )

    def _back_to_draft(self) -> None:
        if self.draft is None:
            # Versions without a draft (e.g. imported): start one from the latest.
            self.viewing = None
            self.start(with_starters=False)
        else:
            self.show_version(None)

    def show_version(self, number: int | None) -> None:
        """Show a ratified version read-only (or the draft with None)."""
        index = self.version_combo.findData(number)
        if index >= 0:
            self.version_combo.setCurrentIndex(index)

    def _on_version_chosen(self, _index: int) -> None:
        if self._loading:
            return
        self.commit_purpose()
        self.viewing = self.version_combo.currentData()
        self.reload()

    def _on_changed(self, key: str) -> None:
        # The main window reloads tabs for other features' changes; this is our own.
        if key == self.key:
            self.reload()

    def eventFilter(self, watched: Any, event: Any) -> bool:  # noqa: N802
        if watched is self.commitments.purpose_edit and event.type() == QEvent.Type.FocusOut:
            self.commit_purpose()
        return super().eventFilter(watched, event)

    def teardown(self) -> None:
        # Closing the file within the typing pause must not lose the purpose. The undo
        # stack goes away with the file, so this last save is a plain one.
        if self.purpose_timer.isActive() and self.draft is not None and self.viewing is None:
            text = self.commitments.purpose_edit.toPlainText().strip()
            # An over-long purpose stays unsaved, as it would have anyway.
            with contextlib.suppress(KeelError):
                self.service.save_draft(dataclasses.replace(self.draft, purpose=text))
        self.purpose_timer.stop()
        self.preview_timer.stop()
        super().teardown()

    def preferences_changed(self, keys: list[str]) -> None:
        if options.PAPER_SIZE.key in keys:  # the default paper: Preferences keeps it
            self.page_size.setCurrentText(options.current(options.PAPER_SIZE))

    # -- layout memory ---------------------------------------------------------------
    def save_state(self) -> dict[str, Any]:
        return {
            "splitter": bytes(self.splitter.saveState().toBase64().data()).decode(),
            "section": self.sections.currentIndex(),
        }

    def restore_state(self, state: dict[str, Any]) -> None:
        if isinstance(state.get("splitter"), str):
            self.splitter.restoreState(QByteArray.fromBase64(state["splitter"].encode()))
        if isinstance(state.get("section"), int):
            self.sections.setCurrentIndex(state["section"])
