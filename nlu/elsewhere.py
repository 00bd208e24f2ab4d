"""NLU work that takes seconds to minutes (training a model, embedding a batch of inbox
questions) runs in one separate process at a lower priority, so the server's chat turns
keep their latency: the server's loop only awaits the result.

The process is started on first use with `spawn` (a fork of a server with open sockets,
threads and an event loop is unsafe) and runs one job at a time, in order.
"""

from __future__ import annotations

import asyncio
import multiprocessing
import os
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from typing import Any, TypeVar

T = TypeVar("T")
NICENESS = 10

_executor: ProcessPoolExecutor | None = None


def _lower_priority() -> None:
    os.nice(NICENESS)


async def run_elsewhere(work: Callable[..., T], *args: Any) -> T:
    """`work(*args)` in the background process; `work` and its arguments must pickle."""
    global _executor
    if _executor is None:
        _executor = ProcessPoolExecutor(
            1, mp_context=multiprocessing.get_context("spawn"), initializer=_lower_priority
        )
    return await asyncio.get_running_loop().run_in_executor(_executor, work, *args)
