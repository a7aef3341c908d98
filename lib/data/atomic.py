"""Atomic file writes: a reader sees the old file or the new one, never half of one."""
from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path

# Temp files are named .<name>.<random>.tmp beside their target: what a killed write can leave behind
# (lib.store.files removes them when it recovers).
TEMP_PREFIX = "."
TEMP_SUFFIX = ".tmp"


def write_bytes_atomic(path: Path, payload: bytes, *, before_rename: Callable[[], None] | None = None) -> None:
    """Write `payload` to a temp file beside `path`, fsync it, then rename it into place.
    `before_rename` is called between the two (the store's crash tests stop a writer there)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f"{TEMP_PREFIX}{path.name}.", suffix=TEMP_SUFFIX, dir=path.parent)
    try:
        # mkstemp makes 0600 files; keep the mode an ordinary write would give (or the old file's).
        os.fchmod(fd, path.stat().st_mode & 0o777 if path.exists() else 0o644)
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        if before_rename is not None:
            before_rename()
        os.replace(tmp_name, path)
    except BaseException:
        Path(tmp_name).unlink(missing_ok=True)
        raise
    _fsync_dir(path.parent)


def write_text_atomic(path: Path, text: str, *, before_rename: Callable[[], None] | None = None) -> None:
    """UTF-8 text variant of `write_bytes_atomic`."""
    write_bytes_atomic(path, text.encode("utf-8"), before_rename=before_rename)


def is_temp_file(name: str) -> bool:
    """Whether a file name is one of write_bytes_atomic's temp files."""
    return name.startswith(TEMP_PREFIX) and name.endswith(TEMP_SUFFIX)


def _fsync_dir(directory: Path) -> None:
    # Makes the rename itself durable; not supported on every platform, hence best effort.
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
