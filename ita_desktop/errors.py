"""The one error type a user can fix. Everything else is a bug and is logged with its traceback."""

from __future__ import annotations


class UserError(Exception):
    """A problem the user can fix: shown as a one-paragraph message, never as a traceback."""

    exit_code = 2

    def __init__(self, message: str, *, exit_code: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        if exit_code is not None:
            self.exit_code = exit_code


class BadFileError(UserError):
    """The file cannot be used as a document (not ours, damaged, too new, tampered with)."""

    exit_code = 3


class ValidationError(UserError):
    """Input data is wrong; ``path`` names the bad field, e.g. ``years[0].measures[3].end``."""

    exit_code = 4

    def __init__(self, path: str, problem: str) -> None:
        super().__init__(f"{path}: {problem}")
        self.path = path
        self.problem = problem
