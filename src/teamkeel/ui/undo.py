"""Undoable edits: each is a command that calls services, then announces the change."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QUndoCommand

from teamkeel.core.errors import KeelError
from teamkeel.ui.context import AppContext


class ServiceCommand(QUndoCommand):
    """An edit given as two callables: ``do`` applies it, ``undo`` reverts it.

    Push it with ``push(ctx, cmd)``: if the first ``do`` raises a KeelError the command
    is not kept on the stack and the error reaches the caller, so a refused edit never
    leaves an entry that would undo nothing.

    After each step the change is announced with ``ctx.changed.emit(key)``, or with
    ``notify`` when given (the stand-up log folds a burst of entries into one notice).
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
        self._first = True

    def redo(self) -> None:
        try:
            self._do()
        except KeelError as exc:
            if not self._first:
                raise
            self.error = exc
            self.setObsolete(True)
            return
        finally:
            self._first = False
        self._notify()

    def undo(self) -> None:
        self._undo()
        self._notify()


def push(ctx: AppContext, command: ServiceCommand) -> None:
    """Run a command through the undo stack; re-raise its error if it was refused."""
    ctx.undo_stack.push(command)
    if command.error is not None:
        raise command.error
