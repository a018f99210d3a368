"""Undoable edits: each is a command that calls services, then announces the change."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QUndoCommand

from teamkeel.core.errors import KeelError
from teamkeel.core.i18n import _
from teamkeel.core.logs import DOING
from teamkeel.ui.context import AppContext


class ServiceCommand(QUndoCommand):
    """An edit given as two callables: ``do`` applies it, ``undo`` reverts it.

    Push it with ``push(ctx, cmd)``: if the first ``do`` raises a KeelError the command
    is not kept on the stack and the error reaches the caller, so a refused edit never
    leaves an entry that would undo nothing.

    Before an undo or a redo, ``ctx.replaying.emit(key)`` lets the window show the tab
    it changes: a step taken back on another tab never happens out of sight.

    After each step the change is announced with ``ctx.changed.emit(key)``, or with
    ``notify`` when given (the stand-up log folds a burst of entries into one notice).

    A later undo or redo can be refused too, when the file changed under it (another
    Keel or the command line edited or deleted the same thing): the user is told, and
    the command leaves the stack, since it can no longer apply.
    """

    def __init__(
        self,
        ctx: AppContext,
        key: str,
        text: str,
        do: Callable[[], object],
        undo: Callable[[], object],
        notify: Callable[[], None] | None = None,
    ):
        super().__init__(text)
        self.ctx = ctx
        self.key = key
        self._do = do
        self._undo = undo
        self._notify = notify or (lambda: ctx.changed.emit(key))
        self.error: KeelError | None = None
        self.failure: Exception | None = None  # a fault in Keel itself, on the first do
        self._first = True

    def redo(self) -> None:
        if not self._first:
            self.ctx.replaying.emit(self.key)
        try:
            self._do()
        except KeelError as exc:
            if not self._first:
                self._refused(
                    _("Cannot redo"),
                    _(
                        "“{step}” could not be redone: {problem} "
                        "It may have been changed outside this window."
                    ),
                    exc,
                )
                return
            self.error = exc
            self.setObsolete(True)
            return
        except Exception as exc:
            if not self._first:
                raise
            # Its transaction was rolled back: nothing to undo, so it leaves the stack;
            # ``push`` raises it again for the window's error report, which names it.
            exc.add_note(DOING + self.text())
            self.failure = exc
            self.setObsolete(True)
            return
        finally:
            self._first = False
        self._notify()

    def undo(self) -> None:
        self.ctx.replaying.emit(self.key)
        try:
            self._undo()
        except KeelError as exc:
            self._refused(
                _("Cannot undo"),
                _(
                    "“{step}” could not be undone: {problem} "
                    "It may have been changed outside this window."
                ),
                exc,
            )
            return
        self._notify()

    def _refused(self, title: str, text: str, exc: KeelError) -> None:
        # An obsolete command is dropped by the stack right after this step.
        self.setObsolete(True)
        self.ctx.prompts.error(title, text.format(step=self.text(), problem=exc))

        self._notify()  # show the file as it is now


def push(ctx: AppContext, command: ServiceCommand) -> None:
    """Run a command through the undo stack; re-raise its error if it was refused, or
    if it failed (outside Qt's call, so that it reaches the caller and then
    ``sys.excepthook`` as any other error would)."""
    ctx.undo_stack.push(command)
    if command.error is not None:
        raise command.error
    if command.failure is not None:
        raise command.failure
