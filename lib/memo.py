"""A small bounded memo for per-distinct-value answers (which areas, months or groups a filter keeps).

lib.case_index and lib.values_index decide a filter once per distinct value of a column; a page
rerun asks the same questions for several neighbouring views, and sessions share the indexes
(lib.cache), so the answers are remembered here: bounded, least recently used forgotten first,
thread-safe (sessions run in threads), and read-only once shared.
"""
from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable

import numpy as np


class BoundedMemo:
    """key -> array, at most `size` of them."""

    def __init__(self, size: int = 256) -> None:
        self.size = size
        self._answers: OrderedDict[Hashable, np.ndarray] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: Hashable, make: Callable[[], np.ndarray]) -> np.ndarray:
        """make(), remembered by `key`; the array is made read-only (callers index it, never write)."""
        with self._lock:
            if key in self._answers:
                self._answers.move_to_end(key)
                return self._answers[key]
        value = make()
        value.flags.writeable = False
        with self._lock:
            self._answers[key] = value
            while len(self._answers) > self.size:
                self._answers.popitem(last=False)
        return value

    def __len__(self) -> int:
        return len(self._answers)
