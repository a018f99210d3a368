"""Errors a user can act on, as opposed to bugs.

Every ``KeelError`` carries one line that says what is wrong; the window shows it in a
message and the command line prints it to stderr with a non-zero exit code.
"""

from __future__ import annotations

from dataclasses import dataclass


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


class ValidationError(KeelError):
    """Input that was refused; nothing was written."""

    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        first = str(self.problems[0]) if self.problems else "invalid input"
        more = f" (and {len(self.problems) - 1} more)" if len(self.problems) > 1 else ""
        super().__init__(first + more)
