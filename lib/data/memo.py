"""A small bounded memo for per-distinct-value answers (which areas, months or groups a filter keeps).

lib.metrics.values_index decides a filter once per distinct value of a column; a page
rerun asks the same questions for several neighbouring views, and sessions share the indexes
(lib.ui.cache), so the answers are remembered here: bounded, least recently used forgotten first,
thread-safe (sessions run in threads), and read-only once shared.
"""
from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import os
import pickle
import threading
import weakref
from collections import OrderedDict
from collections.abc import Callable, Hashable
from pathlib import Path

import numpy as np
import pandas as pd

from lib.data.atomic import write_bytes_atomic


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


class SharedCalls:
    """Results of pure calls, shared by every session and rerun: `call(fn, *args)` computes fn once per
    distinct argument set and hands every later caller the same result.

    An argument is known by a token: plain values by themselves, hashable values (frozen dataclasses,
    filters, dates) likewise, a frame or series by its content, and an object this memo handed out
    (or was told the name of, as the store's tables) by the call that made it, so a chain of shared
    calls is keyed without hashing its frames again. Results are shared objects: nobody changes one in
    place (lib functions never do; pages only draw). Bounded, least recently used forgotten first,
    thread-safe; two sessions asking at once may both compute, and the second result is kept.
    """

    def __init__(self, size: int = 512) -> None:
        self.size = size
        self._results: OrderedDict[Hashable, object] = OrderedDict()
        self._names: dict[int, tuple[weakref.ref, Hashable]] = {}
        self._lock = threading.Lock()

    def name(self, value: object, token: Hashable) -> None:
        """Know `value` (a frame the store serves) by `token` from now on, while it lives."""
        try:
            reference = weakref.ref(value)
        except TypeError:
            return
        with self._lock:
            self._names[id(value)] = (reference, token)

    def token(self, value: object) -> Hashable:
        if value is None or isinstance(value, (str, int, float, bool, bytes)):
            return value
        named = self._names.get(id(value))
        if named is not None and named[0]() is value:
            return named[1]
        if isinstance(value, (pd.DataFrame, pd.Series)):
            return content_token(value)
        if isinstance(value, (tuple, list)):
            return (type(value).__name__, *(self.token(item) for item in value))
        if isinstance(value, dict):
            return ("dict", *((key, self.token(item)) for key, item in value.items()))
        if dataclasses.is_dataclass(value) and not isinstance(value, type):     # a result holding frames
            return (type(value).__qualname__, *(self.token(getattr(value, f.name)) for f in dataclasses.fields(value)))
        hash(value)      # an unhashable argument is a programming error, not a cache miss
        return value

    def call(self, context: Hashable, fn: Callable, /, *args: object, disk: Path | None = None,
             **kwargs: object) -> object:
        """fn(*args, **kwargs), shared; `context` joins the key with what fn may read besides its arguments
        (a setting, today's date). With `disk`, the result is also kept there (pickled, named by a digest of
        the key), so a restarted process reads what an earlier one computed: only for calls whose every
        argument is known by a version or a value that outlives the process (the store's tables by their
        files' size and time, filters, texts), never by an object's identity."""
        name = getattr(fn, "__qualname__", None) or f"{type(fn).__qualname__}@{id(fn)}"   # a PerFrame lives as long
        key = (context, getattr(fn, "__module__", None), name, tuple(self.token(a) for a in args),
               tuple((k, self.token(v)) for k, v in sorted(kwargs.items())))
        with self._lock:
            if key in self._results:
                self._results.move_to_end(key)
                return self._results[key]
        kept = _read_kept(disk, key) if disk is not None else _MISSING
        result = fn(*args, **kwargs) if kept is _MISSING else kept
        if disk is not None and kept is _MISSING:
            _keep(disk, key, result)
        with self._lock:
            self._results[key] = result
            while len(self._results) > self.size:
                self._results.popitem(last=False)
            for index, part in enumerate(result if isinstance(result, tuple) else (result,)):
                try:
                    self._names[id(part)] = (weakref.ref(part), (key, index))
                except TypeError:
                    pass
            if len(self._names) > 8 * self.size:      # forget names of objects that died
                self._names = {k: v for k, v in self._names.items() if v[0]() is not None}
        return result

    def clear(self) -> None:
        with self._lock:
            self._results.clear()
            self._names.clear()

    def __len__(self) -> int:
        return len(self._results)


_MISSING = object()


def _disk_name(folder: Path, key: Hashable) -> Path:
    return folder / f"{hashlib.blake2b(repr(key).encode(), digest_size=20).hexdigest()}.pickle"


def _read_kept(folder: Path, key: Hashable) -> object:
    """What an earlier process kept for `key`, or _MISSING. The folder is the app's own (like its code):
    a pickle from anywhere else is never read."""
    try:
        with _disk_name(folder, key).open("rb") as handle:
            stored_key, result = pickle.load(handle)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, ValueError, TypeError):
        return _MISSING
    if stored_key != repr(key):
        return _MISSING
    with contextlib.suppress(OSError):
        os.utime(_disk_name(folder, key))            # used: the last to go when the folder is pruned
    return result


# A result holding a frame longer than this is kept in memory only: pickling millions of rows to disk would
# cost more than computing them again, and fill the disk.
DISK_ROWS_KEPT = 200_000


def _too_long(result: object) -> bool:
    parts = result if isinstance(result, tuple) else (result,)
    return any(isinstance(part, (pd.DataFrame, pd.Series)) and len(part) > DISK_ROWS_KEPT for part in parts)


# Results of earlier data and code versions are never asked for again: the folder keeps the most recently
# used results up to this size.
DISK_BYTES_KEPT = 512 * 1024 * 1024


def _keep(folder: Path, key: Hashable, result: object) -> None:
    if _too_long(result):
        return
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        write_bytes_atomic(_disk_name(folder, key), pickle.dumps((repr(key), result), protocol=pickle.HIGHEST_PROTOCOL))
        prune(folder, DISK_BYTES_KEPT)
    except (OSError, pickle.PicklingError, TypeError, AttributeError):
        pass                                         # a read-only disk: kept in memory only


def prune(folder: Path, most: int) -> None:
    """Remove the least recently used results until the folder's results take at most `most` bytes."""
    kept = []
    for path in folder.glob("*.pickle"):
        with contextlib.suppress(OSError):
            stat = path.stat()
            kept.append((stat.st_mtime_ns, stat.st_size, path))
    total = sum(size for _, size, _ in kept)
    for _, size, path in sorted(kept):
        if total <= most:
            break
        with contextlib.suppress(OSError):
            path.unlink()
            total -= size


def content_token(frame: pd.DataFrame | pd.Series) -> tuple:
    """A frame or series known by its content: shape, labels, types and a hash of every value."""
    columns = tuple(map(str, frame.columns)) if isinstance(frame, pd.DataFrame) else (str(frame.name),)
    dtypes = tuple(map(str, frame.dtypes)) if isinstance(frame, pd.DataFrame) else (str(frame.dtype),)
    try:
        values = pd.util.hash_pandas_object(frame, index=True).to_numpy()
        digest = hashlib.blake2b(values.tobytes(), digest_size=16).hexdigest()
    except TypeError:                               # lists or dicts in cells: their text stands in
        digest = hashlib.blake2b(frame.to_json(default_handler=str).encode(), digest_size=16).hexdigest()
    return ("frame", frame.shape, columns, dtypes, digest)
