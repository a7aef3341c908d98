"""Settings read from the environment, with safe defaults and bounds."""
from __future__ import annotations

import os

# Counts below this are never shown (survivor safety). ONS and many agencies use "fewer than 5";
# a setting may raise it, never lower it: counts 1-4 stay hidden whatever the environment says.
MIN_SHOWN_COUNT_ENV = "WENEXUS_MIN_COUNT"
MIN_SHOWN_COUNT_DEFAULT = 5


def min_shown_count() -> int:
    """The smallest case count that may be shown (default 5, never below 5)."""
    raw = os.environ.get(MIN_SHOWN_COUNT_ENV, "").strip()
    try:
        value = int(raw) if raw else MIN_SHOWN_COUNT_DEFAULT
    except ValueError:
        value = MIN_SHOWN_COUNT_DEFAULT
    return max(value, MIN_SHOWN_COUNT_DEFAULT)
