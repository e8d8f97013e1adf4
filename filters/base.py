"""The filter contract: a filter answers "keep this one? if not, why?" and nothing else.

Batching, counting per reason and turning drops into reject rows are done once, here, for every
filter. A filter that is cheaper in batches (an embedding model) overrides ``reasons``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from typing import Generic, TypeVar

T = TypeVar("T")
R = TypeVar("R")


class Drop(str):
    """A reason that also says what exactly was wrong (``detail`` lands in the rejects table).

    It is the reason string itself, so counting and comparing by reason work unchanged.
    """

    detail: str | None

    def __new__(cls, reason: str, detail: str | None = None) -> Drop:
        obj = super().__new__(cls, reason)
        obj.detail = detail
        return obj


def detail_of(why: str) -> str | None:
    return getattr(why, "detail", None)


class Filter(Generic[T]):
    """Subclasses set ``name`` and implement ``reason``; None means keep."""

    name: str = "filter"

    def reason(self, item: T) -> str | None:
        raise NotImplementedError

    def reasons(self, items: list[T]) -> list[str | None]:
        """One answer per item; override to batch."""
        return [self.reason(i) for i in items]

    def warm(self) -> None:
        """Load what the first items would otherwise wait for (models, tables); override."""


def apply_filters(
    items: Iterable[T],
    filters: list[Filter[T]],
    reject: Callable[[T, str, str], R],
) -> tuple[list[T], list[R], Counter[str]]:
    """Run items through filters in order; the first filter that objects decides the reason.

    Each filter sees, in one batch, only the items every earlier filter kept.
    ``reject(item, filter_name, reason)`` builds the reject row. Returns kept items (in input
    order), rejects, and counts per reason.
    """
    kept: list[T] = list(items)
    rejects: list[R] = []
    counts: Counter[str] = Counter()
    for f in filters:
        if not kept:
            break
        survivors = []
        for item, why in zip(kept, f.reasons(kept), strict=True):
            if why is None:
                survivors.append(item)
            else:
                rejects.append(reject(item, f.name, why))
                counts[why] += 1
        kept = survivors
    return kept, rejects, counts
