"""Send a PDF to a CUPS printer as it is: a vector job the size of the document.

Rendering every page to an image at the printer's resolution turned a 156 KB packet into a
168 MB job; CUPS (Linux, macOS) takes the PDF itself and its filters do the rest. The job is
fed to ``lp`` on standard input, so no temporary copy of the officer's notes is left on disk.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from dataclasses import dataclass

LP_TIMEOUT_S = 30.0


class PrintError(RuntimeError):
    """The job could not be handed to the print system; the message is fit to show a user."""


@dataclass(frozen=True)
class CupsJob:
    printer: str
    title: str = "JCCT briefing packet"
    copies: int = 1
    first_page: int | None = None  # 1-based, inclusive; None: the whole document
    last_page: int | None = None
    sides: str = "one-sided"  # or two-sided-long-edge / two-sided-short-edge (IPP names)
    media: str | None = None  # "Letter", "A4"
    monochrome: bool = False
    collate: bool = True
    scale_to_fit: bool = True  # False: print at 100% ("print-scaling=none")

    def lp_args(self) -> list[str]:
        args = ["lp", "-d", self.printer, "-t", self.title, "-n", str(max(1, self.copies))]
        if self.first_page or self.last_page:
            first = self.first_page or 1
            last = self.last_page or first
            args += ["-P", f"{first}-{last}" if last != first else str(first)]
        args += ["-o", f"sides={self.sides}"]
        if self.media:
            args += ["-o", f"media={self.media}"]
        if self.monochrome:
            args += ["-o", "print-color-mode=monochrome"]
        if not self.scale_to_fit:
            args += ["-o", "print-scaling=none"]
        if self.copies > 1:
            args += ["-o", f"collate={'true' if self.collate else 'false'}"]
        return args


def cups_available() -> bool:
    """Printing goes through CUPS where ``lp`` exists and the system is not Windows."""
    return not sys.platform.startswith("win") and shutil.which("lp") is not None


def submit(pdf: bytes, job: CupsJob) -> str:
    """Hand ``pdf`` to CUPS; returns the request id ("queue-42")."""
    try:
        done = subprocess.run(
            job.lp_args(), input=pdf, capture_output=True, timeout=LP_TIMEOUT_S, check=False
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise PrintError(f"The print system did not take the job: {exc}") from exc
    if done.returncode != 0:
        reason = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise PrintError(
            f"The print system refused the job: {reason[-1] if reason else done.returncode}"
        )
    out = done.stdout.decode("utf-8", "replace")
    # "request id is queue-42 (1 file(s))"
    words = out.split()
    return words[3] if len(words) > 3 and words[:3] == ["request", "id", "is"] else out.strip()
