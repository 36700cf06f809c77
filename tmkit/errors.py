"""The one exception type the CLI turns into a single stderr line and exit code 2."""

from __future__ import annotations


class InputError(Exception):
    """Bad input or usage: names the file (and line where known) and the problem."""

    def __init__(self, path: str | None, problem: str, line: int | None = None) -> None:
        self.path = path
        self.problem = problem
        self.line = line
        super().__init__(self.describe())

    def describe(self) -> str:
        """Render as `file:line: problem`, the way compilers and linters report."""
        where = self.path or "<input>"
        if self.line is not None:
            where = f"{where}:{self.line}"
        return f"{where}: {self.problem}"


class Terminated(BaseException):
    """SIGTERM, raised where the process is, so open outputs are removed on the way out."""
