"""Writing data files so that a crash never leaves one half-written."""

from __future__ import annotations

import os
import re
import tempfile
import time
from pathlib import Path

# A temporary's name: ".NAME.PID.RANDOM.tmp", so that one left by a killed process can be
# told from one being written (its process is alive).
_TEMPORARY = re.compile(r"\.(?P<name>.+)\.(?P<pid>\d+)\.[^.]+\.tmp")
_OLD_TEMPORARY = re.compile(r"\.(?P<name>.+)\.[^.]+\.tmp")  # before the PID was in the name
OLD_TEMPORARY_SECONDS = 3600  # such a temporary is left over when this old


def write_atomically(path: Path, data: str | bytes) -> None:
    """Write aside in the same folder, flush to disk, then rename over the old file.

    Readers see the old file or the new one, never a mix; a kill at any moment leaves the
    old file whole (and a temporary, which :func:`remove_stale_temporaries` removes: the next
    write of the same file does). The file stays readable by other users (0644) or keeps the
    mode it had.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    remove_stale_temporaries(path)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    mode = path.stat().st_mode & 0o777 if path.exists() else 0o644
    handle, temporary = tempfile.mkstemp(
        dir=path.parent, prefix=f".{path.name}.{os.getpid()}.", suffix=".tmp"
    )
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(payload)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, mode)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process
        return True
    return True


def remove_stale_temporaries(path: Path) -> list[Path]:
    """Remove the temporaries of ``path`` that processes killed while writing it left behind
    (a kill -9 runs no clean-up): those whose process is gone, or, named before the process
    was in the name, older than :data:`OLD_TEMPORARY_SECONDS`. One being written is kept.
    Returns those removed; a temporary that cannot be removed is left."""
    removed: list[Path] = []
    try:
        candidates = list(path.parent.glob(f".{glob_escape(path.name)}.*.tmp"))
    except OSError:
        return removed
    for candidate in candidates:
        if not _stale(candidate, path.name):
            continue
        try:
            candidate.unlink()
        except OSError:
            continue
        removed.append(candidate)
    return removed


def _stale(candidate: Path, name: str) -> bool:
    match = _TEMPORARY.fullmatch(candidate.name)
    if match and match["name"] == name:
        return not _alive(int(match["pid"]))
    old = _OLD_TEMPORARY.fullmatch(candidate.name)
    if not old or old["name"] != name:
        return False
    try:
        return time.time() - candidate.lstat().st_mtime > OLD_TEMPORARY_SECONDS
    except OSError:
        return False


def glob_escape(name: str) -> str:
    return re.sub(r"([*?\[])", r"[\1]", name)
