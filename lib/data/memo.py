"""A small bounded memo for per-distinct-value answers (which areas, months or groups a filter keeps).

lib.metrics.values_index decides a filter once per distinct value of a column; a page
rerun asks the same questions for several neighbouring views, and sessions share the indexes
(lib.ui.cache), so the answers are remembered here: bounded, least recently used forgotten first,
thread-safe (sessions run in threads), and read-only once shared.
"""
from __future__ import annotations

import threading
import weakref
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


class PerFrame:
    """What `build(frame)` gives, computed once while that very frame lives.

    Tables are shared frames that nobody changes in place (lib.ui.cache hands every session the same
    one), so an index built from a frame stays true for as long as the frame does. Callers just ask a
    question of the frame; the module that answers it finds the index here. Only a weak reference to
    the frame is kept, and the answer is forgotten when the frame dies; an answer that itself refers
    to the frame keeps it alive until `size` newer frames push it out. Thread-safe.
    """

    def __init__(self, build: Callable[[object], object], *, size: int = 4) -> None:
        self.build = build
        self.size = size
        self._answers: OrderedDict[int, tuple[weakref.ref, object]] = OrderedDict()
        self._lock = threading.RLock()   # a frame may die, and call back, while the lock is held

    def __call__(self, frame: object) -> object:
        key = id(frame)
        with self._lock:
            found = self._answers.get(key)
            if found is not None and found[0]() is frame:
                self._answers.move_to_end(key)
                return found[1]
        value = self.build(frame)
        with self._lock:
            self._answers[key] = (weakref.ref(frame, lambda _, key=key: self._forget(key)), value)
            while len(self._answers) > self.size:
                self._answers.popitem(last=False)
        return value

    def _forget(self, key: int) -> None:
        with self._lock:
            found = self._answers.get(key)
            if found is not None and found[0]() is None:
                del self._answers[key]

    def __len__(self) -> int:
        return len(self._answers)
