"""lib.data.memo.BoundedMemo: remembers, forgets the least recently used first, and shares read-only arrays."""
from __future__ import annotations

import numpy as np
import pytest

from lib.data.memo import BoundedMemo


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
