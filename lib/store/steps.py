"""The named steps of a commit, and the hook that lets a test stop a writer at one of them.

Both stores call `reached(step)` as a write passes each step. Nothing happens unless HOOK is set: the
crash tests set it, in a child process, to a function that SIGKILLs that process at the step it names,
so a kill lands where the test says and not where a timer happens to fall.
"""
from __future__ import annotations

from collections.abc import Callable

# The file store (lib.store.versions): under versions/.lock, a file left unrecorded in the folder is
# kept as a version first ("recorded_*"), then the version file, the manifest (the commit point), the
# current file and the audit line. "*_temp": the temp file is written and fsynced, not yet renamed.
FILE_COMMIT_STEPS: tuple[str, ...] = (
    "locked", "recorded_temp", "recorded", "version_temp", "version", "manifest_temp", "manifest",
    "current_temp", "current", "audit",
)
# The PostgreSQL store (lib.store.postgres): one transaction, then the process's working copy.
POSTGRES_COMMIT_STEPS: tuple[str, ...] = (
    "locked", "content", "version_row", "audit_row", "head", "committed", "working_copy_temp", "working_copy",
)

HOOK: Callable[[str], None] | None = None


def reached(step: str) -> None:
    """A write has reached `step` (see the tuples above)."""
    if HOOK is not None:
        HOOK(step)


def at(step: str) -> Callable[[], None]:
    """`reached(step)` as a callable, for lib.data.atomic's before_rename."""
    return lambda: reached(step)
