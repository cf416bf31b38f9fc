"""Fork server for the crash test: ``crash_child.py DATA_DIR COUNT``.

Imports everything once, then forks COUNT workers one after another. Each worker opens the
service and applies edits forever, writing each edit's token to stdout only after the edit
returned (committed). The test SIGKILLs workers at random moments; the server reaps each one
and announces the next with ``START n pid`` (so every token of a dead worker precedes it).
"""

from __future__ import annotations

import os
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from jcct_desktop.store.annotations import AnnotationService


def say(text: str) -> None:
    os.write(1, (text + "\n").encode())  # one write < PIPE_BUF: never interleaved or torn


def worker(data_dir: str, n: int) -> None:
    service = AnnotationService.open(data_dir)
    rng = random.Random(os.getpid())
    note_ids: list[int] = []
    for i in range(1_000_000):
        token, cid = f"{n}-{i}", f"C-{rng.randrange(9)}"
        kind = rng.randrange(4)
        if kind == 0 or (kind == 3 and not note_ids):
            pad = "x" * rng.randrange(800)
            note_ids.append(service.add_note(commitment_id=cid, text=f"{token}\n{pad}").note_id)
        elif kind == 1:
            service.record_assessment(commitment_id=cid, status="in_progress", evidence=token)
        elif kind == 2:
            service.set_tags(commitment_id=cid, tags=[token])
        else:
            service.edit_note(note_id=rng.choice(note_ids), text=f"{token}\nedited")
        say(token)


def main() -> None:
    data_dir, count = sys.argv[1], int(sys.argv[2])
    for n in range(count):
        pid = os.fork()
        if pid == 0:
            try:
                worker(data_dir, n)
            except BaseException as exc:
                say(f"ERR {type(exc).__name__}: {exc}")
            finally:
                os._exit(1)
        say(f"START {n} {pid}")
        os.waitpid(pid, 0)
    say("DONE")


if __name__ == "__main__":
    main()
