"""The filter contract: a filter answers "keep this one? if not, why?" and nothing else.

Counting per reason and turning drops into reject rows is done once, here, for every filter.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from typing import Generic, TypeVar

T = TypeVar("T")
R = TypeVar("R")


class Filter(Generic[T]):
    """Subclasses set ``name`` and implement ``reason``; None means keep."""

    name: str = "filter"

    def reason(self, item: T) -> str | None:
        raise NotImplementedError


def apply_filters(
    items: Iterable[T],
    filters: list[Filter[T]],
    reject: Callable[[T, str, str], R],
) -> tuple[list[T], list[R], Counter[str]]:
    """Run items through filters in order; the first filter that objects decides the reason.

    ``reject(item, filter_name, reason)`` builds the reject row. Returns kept items, rejects, and
    counts per ``filter_name:reason``.
    """
    kept: list[T] = []
    rejects: list[R] = []
    counts: Counter[str] = Counter()
    for item in items:
        for f in filters:
            why = f.reason(item)
            if why is not None:
                rejects.append(reject(item, f.name, why))
                counts[why] += 1
                break
        else:
            kept.append(item)
    return kept, rejects, counts
