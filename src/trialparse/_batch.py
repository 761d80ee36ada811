"""Order-preserving, bounded parallel map over processes.

At most ``workers * depth`` jobs are in flight, so memory does not grow with
the number of inputs; results come back in input order.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from typing import TypeVar

A = TypeVar("A")
R = TypeVar("R")


def ordered_map(
    fn: Callable[[A], R], jobs: Iterable[A], *, workers: int, depth: int = 4
) -> Iterator[R]:
    pending: deque[Future[R]] = deque()
    limit = max(1, workers) * max(1, depth)
    with ProcessPoolExecutor(max_workers=workers) as pool:
        for job in jobs:
            pending.append(pool.submit(fn, job))
            if len(pending) >= limit:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
