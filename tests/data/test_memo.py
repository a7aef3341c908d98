"""lib.data.memo: BoundedMemo remembers, forgets the least recently used first, and shares read-only arrays;
SharedCalls computes a call once for equal arguments."""
from __future__ import annotations

import dataclasses

import numpy as np
import pandas as pd
import pytest

from lib.data.memo import BoundedMemo, SharedCalls


def test_remembers_up_to_its_size_least_recently_used_forgotten_first() -> None:
    memo, made = BoundedMemo(size=2), []

    def make(value: int):
        return lambda: made.append(value) or np.array([value])

    memo.get("a", make(1)), memo.get("b", make(2))
    assert memo.get("a", make(99))[0] == 1 and made == [1, 2]      # remembered: not made again
    memo.get("c", make(3))                                           # 'b' was used least recently
    assert len(memo) == 2
    assert memo.get("b", make(4))[0] == 4 and made == [1, 2, 3, 4]
    assert memo.get("c", make(5))[0] == 3


def test_shared_answers_cannot_be_changed() -> None:
    answer = BoundedMemo().get("k", lambda: np.array([True, False]))
    with pytest.raises(ValueError):
        answer[0] = False


def test_per_frame_answers_once_per_frame_and_forgets_a_dead_frame() -> None:
    import gc

    import pandas as pd

    from lib.data.memo import PerFrame

    built: list[int] = []
    memo = PerFrame(lambda frame: built.append(len(frame)) or len(frame), size=4)
    frame = pd.DataFrame({"a": [1, 2, 3]})
    assert memo(frame) == 3 and memo(frame) == 3 and built == [3]   # asked twice, built once
    other = frame.copy()                                            # equal values, another frame
    assert memo(other) == 3 and built == [3, 3]
    del frame, other
    gc.collect()
    assert len(memo) == 0                                           # nothing kept for a dead frame


def test_per_frame_keeps_at_most_size_frames() -> None:
    import pandas as pd

    from lib.data.memo import PerFrame

    memo = PerFrame(len, size=2)
    frames = [pd.DataFrame({"a": range(n)}) for n in range(4)]
    assert [memo(f) for f in frames] == [0, 1, 2, 3]
    assert len(memo) == 2


# SharedCalls: what pages compute, once for every session ------------------------------------------------
def _counted():
    calls: list[str] = []

    def totals(frame: pd.DataFrame, *, column: str = "value") -> pd.DataFrame:
        calls.append(column)
        return frame.groupby("area")[[column]].sum()

    return calls, totals


def test_a_shared_call_is_computed_once_for_equal_arguments() -> None:
    calls, totals = _counted()
    memo = SharedCalls()
    frame = pd.DataFrame({"area": ["a", "b", "a"], "value": [1, 2, 3]})
    first = memo.call((), totals, frame)
    assert memo.call((), totals, frame.copy()) is first             # equal content: the same result
    assert calls == ["value"]
    changed = frame.assign(value=[1, 2, 4])
    assert memo.call((), totals, changed).loc["a", "value"] == 5     # other content: computed again
    assert memo.call(("other setting",), totals, frame) is not first  # the context is part of the key
    assert len(calls) == 3


def test_results_and_named_tables_are_known_by_their_call_not_their_content() -> None:
    calls, totals = _counted()
    memo = SharedCalls()
    table = pd.DataFrame({"area": ["a"], "value": [1]})
    memo.name(table, ("table", "values", "v1"))
    assert memo.token(table) == ("table", "values", "v1")
    result = memo.call((), totals, table)
    key, part = memo.token(result)
    assert part == 0 and key[2].endswith("totals") and key[3] == (("table", "values", "v1"),)
    assert memo.token(result) != memo.token(result.copy())           # a copy is known by its content
    chained = memo.call((), lambda frame: len(frame), result)
    assert chained == 1 and memo.call((), lambda frame: len(frame), result) == 1


def test_dataclasses_lists_and_dicts_are_known_by_their_parts() -> None:
    @dataclasses.dataclass(frozen=True)
    class Held:
        frame: pd.DataFrame
        name: str

    memo = SharedCalls()
    one = Held(pd.DataFrame({"x": [1]}), "a")
    assert memo.token(one) == memo.token(Held(pd.DataFrame({"x": [1]}), "a"))
    assert memo.token(one) != memo.token(Held(pd.DataFrame({"x": [2]}), "a"))
    assert memo.token([1, {"k": pd.Series([1.5])}]) == memo.token([1, {"k": pd.Series([1.5])}])
    with pytest.raises(TypeError):
        memo.token({1, 2})                                            # not hashable, not a frame: an error


def test_shared_results_are_bounded_least_recently_used_first() -> None:
    calls, totals = _counted()
    memo = SharedCalls(size=2)
    frames = [pd.DataFrame({"area": ["a"], "value": [n]}) for n in range(3)]
    for frame in frames:
        memo.call((), totals, frame)
    assert len(memo) == 2
    memo.call((), totals, frames[0])                                  # forgotten: computed again
    assert len(calls) == 4


def test_a_result_kept_on_disk_is_read_by_the_next_process_and_a_damaged_one_is_computed(tmp_path) -> None:
    calls, totals = _counted()
    frame = pd.DataFrame({"area": ["a", "b"], "value": [1, 2]})
    first = SharedCalls().call(("v1",), totals, frame, disk=tmp_path)
    later = SharedCalls().call(("v1",), totals, frame, disk=tmp_path)      # a new process: read from disk
    pd.testing.assert_frame_equal(later, first)
    assert len(calls) == 1
    SharedCalls().call(("v2",), totals, frame, disk=tmp_path)               # another code or data: computed
    assert len(calls) == 2
    for kept in tmp_path.glob("*.pickle"):
        kept.write_bytes(b"not a pickle")
    pd.testing.assert_frame_equal(SharedCalls().call(("v1",), totals, frame, disk=tmp_path), first)
    assert len(calls) == 3


def test_a_long_result_is_kept_in_memory_only(tmp_path, monkeypatch) -> None:
    from lib.data import memo as memo_module

    monkeypatch.setattr(memo_module, "DISK_ROWS_KEPT", 2)
    calls, totals = _counted()
    frame = pd.DataFrame({"area": ["a", "a", "b"], "value": [1, 2, 3]})   # three rows: longer than two
    SharedCalls().call(("v1",), lambda f: f.copy(), frame, disk=tmp_path)
    assert list(tmp_path.glob("*.pickle")) == []
    SharedCalls().call(("v1",), totals, frame, disk=tmp_path)            # one row per area: kept
    assert len(list(tmp_path.glob("*.pickle"))) == 1


def test_the_folder_keeps_the_most_recently_used_results_within_its_size(tmp_path) -> None:
    import os

    from lib.data.memo import prune

    for number in range(4):
        path = tmp_path / f"{number}.pickle"
        path.write_bytes(b"x" * 100)
        os.utime(path, ns=(number * 10**9, number * 10**9))                # 0 used longest ago
    os.utime(tmp_path / "0.pickle")                                        # ... and then read again
    prune(tmp_path, 250)
    assert sorted(path.name for path in tmp_path.glob("*.pickle")) == ["0.pickle", "3.pickle"]
