"""Settings read from the environment, with safe defaults and bounds."""
from __future__ import annotations

import os
from dataclasses import dataclass

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


# Limits on what is read and uploaded: the one declared place (lib.data.read checks them while
# reading, lib.store.checks before an upload is stored). A file past any of them is refused early.
MAX_UPLOAD_MB = 10
MAX_UPLOAD_BYTES = MAX_UPLOAD_MB * 1024 * 1024
MAX_ROWS = 200_000                                   # rows of an upload (a data folder's CSV may hold more)
# An .xlsx is a zip: 10 MB can unpack to gigabytes. Refused from the zip directory, before it is parsed.
MAX_XLSX_UNPACKED_BYTES = 150 * 1024 * 1024


@dataclass(frozen=True)
class ReadLimits:
    """What one file of a format may be, checked while it is read (lib.data.read)."""

    file_bytes: int            # size on disk
    rows: int                  # rows below the header, counted as they stream
    columns: int               # columns of the header and of any row
    cell_chars: int            # characters of one cell
    seconds: float             # wall time of one read
    unpacked_bytes: int = 0    # .xlsx: the zip's members, from its directory (0: not a zip)
    unpacked_ratio: int = 0    # .xlsx: unpacked / packed size of a member


READ_LIMITS: dict[str, ReadLimits] = {
    # The benchmark's x100 folder holds 5,000,000 indicator values in one CSV (bench/generate.py).
    ".csv": ReadLimits(file_bytes=1024 * 1024 * 1024, rows=10_000_000, columns=500, cell_chars=32_767,
                       seconds=300.0),
    # 32,767 characters is what an Excel cell holds; a ratio above 100 is how Apache POI tells a zip
    # bomb (ZipSecureFile's minimum inflate ratio, 0.01). Ratios apply to members over 1 MB unpacked.
    ".xlsx": ReadLimits(file_bytes=MAX_UPLOAD_BYTES, rows=MAX_ROWS, columns=500, cell_chars=32_767,
                        seconds=120.0, unpacked_bytes=MAX_XLSX_UNPACKED_BYTES, unpacked_ratio=100),
}
RATIO_CHECKED_FROM_BYTES = 1024 * 1024
