"""What is known of each backup: verified good or not, and a hash of its bytes.

Rotation counts a copy only once it is verified good (``file_check``: integrity, our exact
schema), and a full check reads every page: ~1 s for a 100 MB notes file, times every copy
on every backup. So each verdict is remembered in ``backups/verified.json`` together with the
file's size, modification time and inode; a copy that changed since, or was never seen (a
file someone named like a backup), is checked again. The hash lets a new copy whose bytes
equal a kept one be a hard link to it instead of a second full copy.

The file is a cache: unreadable or missing, every copy is simply checked again. A restore
never trusts it (it checks the chosen backup in full).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from pathlib import Path

from jcct_desktop.core.files import atomic_write
from jcct_desktop.store.notes.file_check import check_notes_file

VERDICTS_NAME = "verified.json"
_CHUNK = 1 << 20


def file_hash(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while chunk := handle.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def _stamp(path: Path) -> list[int] | None:
    try:
        st = os.stat(path, follow_symlinks=False)
    except OSError:
        return None
    return [st.st_size, st.st_mtime_ns, st.st_ino]


class Verdicts:
    """The remembered verdicts of one backups folder (load, ask, record, save)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.entries: dict[str, dict[str, object]] = {}
        self.changed = False
        with contextlib.suppress(OSError, ValueError):
            loaded = json.loads((folder / VERDICTS_NAME).read_text("utf-8"))
            if isinstance(loaded, dict):
                self.entries = {k: v for k, v in loaded.items() if isinstance(v, dict)}

    def _current(self, path: Path) -> dict[str, object] | None:
        entry = self.entries.get(path.name)
        if entry is None or entry.get("stamp") != _stamp(path):
            return None
        return entry

    def good(self, path: Path) -> bool:
        """Verified good (checked now unless a check of this very file is remembered)."""
        entry = self._current(path)
        if entry is None:
            entry = self.record(path, check_notes_file(path).ok)
        return entry.get("good") is True

    def record(self, path: Path, good: bool, sha256: str | None = None) -> dict[str, object]:
        entry: dict[str, object] = {"stamp": _stamp(path), "good": good}
        if sha256:
            entry["sha256"] = sha256
        self.entries[path.name] = entry
        self.changed = True
        return entry

    def hash_of(self, path: Path) -> str | None:
        entry = self._current(path)
        if entry is None:
            return None
        if not isinstance(entry.get("sha256"), str):
            try:
                entry["sha256"] = file_hash(path)
            except OSError:
                return None
            self.changed = True
        return str(entry["sha256"])

    def twin(self, candidates: list[Path], size: int, sha256: str) -> Path | None:
        """A good copy among ``candidates`` with exactly these bytes (same size, then hash)."""
        for path in candidates:
            stamp = _stamp(path)
            if stamp is None or stamp[0] != size or not self.good(path):
                continue
            if self.hash_of(path) == sha256:
                return path
        return None

    def forget(self, paths: list[Path]) -> None:
        for path in paths:
            if self.entries.pop(path.name, None) is not None:
                self.changed = True

    def save(self) -> None:
        """Write the verdicts back (names no longer present dropped); a failure costs only
        a second check next time."""
        present = {k: v for k, v in self.entries.items() if (self.folder / k).exists()}
        if not self.changed and present == self.entries:
            return
        text = json.dumps(present, indent=0, sort_keys=True)
        with contextlib.suppress(OSError):
            atomic_write(self.folder / VERDICTS_NAME, lambda fh: fh.write(text.encode()),
                         own=True)
        self.changed = False
