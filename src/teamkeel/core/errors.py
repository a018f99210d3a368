"""Errors a user can act on, as opposed to bugs.

Every ``KeelError`` carries one line that says what is wrong; the window shows it in a
message and the command line prints it to stderr with a non-zero exit code.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from teamkeel.core.i18n import _, ngettext


class KeelError(Exception):
    """A problem the user can understand and fix (bad input, refused file, ...)."""


class FileRefused(KeelError):
    """A file that Keel will not open, and has not modified."""


@dataclass(frozen=True)
class Problem:
    """One problem with input: where it is (a field name or a line) and what is wrong."""

    where: str
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.message}" if self.where else self.message


def line_at(number: int) -> str:
    """Where a problem is in a file (``Problem.where``): "line 4", in the lead's language."""
    return _("line {number}").format(number=number)


MAX_SHOWN = 20  # problems listed one by one; the rest are counted


class ValidationError(KeelError):
    """Input that was refused; nothing was written. ``problems`` may be the first of
    ``total`` (a file with a problem on each of a million lines lists only a few)."""

    def __init__(self, problems: list[Problem], total: int | None = None):
        self.problems = list(problems)
        self.total = max(total or 0, len(self.problems))
        first = str(self.problems[0]) if self.problems else _("invalid input")
        if self.total > 1:
            more = self.total - 1
            first = ngettext(
                "{problem} (and {count} more)", "{problem} (and {count} more)", more
            ).format(problem=first, count=more)
        super().__init__(first)

    def lines(self, limit: int = MAX_SHOWN) -> list[str]:
        """The first ``limit`` problems, one a line, then a count of the others."""
        shown = [str(p) for p in self.problems[:limit]]
        rest = self.total - len(shown)
        if rest > 0:
            shown.append(
                ngettext("… and {count} more problem", "… and {count} more problems", rest).format(
                    count=rest
                )
            )
        return shown


class Problems:
    """Problems found in a file: the first ``keep`` are kept, the others only counted,
    so that a file with a problem on every line costs no more memory than a few."""

    def __init__(self, keep: int = MAX_SHOWN):
        self.keep = keep
        self.kept: list[Problem] = []
        self.total = 0

    def add(self, problem: Problem) -> None:
        self.total += 1
        if len(self.kept) < self.keep:
            self.kept.append(problem)

    def extend(self, problems: Iterable[Problem]) -> None:
        for problem in problems:
            self.add(problem)

    def __bool__(self) -> bool:
        return self.total > 0

    def error(self) -> ValidationError:
        return ValidationError(self.kept, self.total)
