"""What every command's arguments share: one-line argument errors, dates, output file names.

argparse prints its whole usage block before an error; a trade officer needs the one line
that says what was wrong and where the help is.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from typing import NoReturn

from jcct_desktop.core.as_of import AsOfError, parse_as_of

PROG = "jcct-desktop"


class Parser(argparse.ArgumentParser):
    """An ArgumentParser (its subcommands inherit the class) whose errors are one line, exit 2."""

    def error(self, message: str) -> NoReturn:
        command = self.prog.removeprefix(PROG).strip()
        where = f"{command}: " if command else ""
        help_for = f"{PROG} {command} --help" if command else f"{PROG} --help"
        text = " ".join(message.removeprefix("argument ").split())
        self.exit(2, f"{PROG}: {where}{text} (see {help_for})\n")


def say(message: str) -> None:
    """One line on stderr, as every command's errors are written."""
    print(f"{PROG}: {' '.join(message.split())}", file=sys.stderr)


def iso_date(text: str) -> date:
    """argparse type for --as-of: parsed once here (core.as_of), a date from then on."""
    try:
        return parse_as_of(text)
    except AsOfError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def output_file(text: str) -> str:
    """argparse type for -o FILE: an empty name would quietly mean the screen."""
    if not text.strip():
        raise argparse.ArgumentTypeError("the file name is empty; give the file to write")
    return text
