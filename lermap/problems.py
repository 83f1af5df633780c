"""Problems found in input data: values, not tracebacks, each naming its place."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """One problem with the input, as `file:row:column: message`.

    `row` counts the header as row 1, as a spreadsheet does; 0 means the whole file.
    """

    file: str
    row: int
    column: str
    message: str

    def __str__(self) -> str:
        parts = [self.file]
        if self.row:
            parts.append(str(self.row))
        if self.column:
            parts.append(self.column)
        return f"{':'.join(parts)}: {self.message}"


def did_you_mean(value: str, candidates: Iterable[str]) -> str:
    """' (did you mean 'x'?)' for the closest candidate, or '' if none is close."""
    lowered = {c.lower(): c for c in candidates}
    match = difflib.get_close_matches(value.lower().strip(), list(lowered), n=1, cutoff=0.6)
    return f" (did you mean '{lowered[match[0]]}'?)" if match else ""
