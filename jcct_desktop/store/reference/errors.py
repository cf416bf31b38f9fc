"""The one error the reference data gives for a database it cannot read: a line an officer
can act on (the command line prints it as the command's last word), never a traceback."""

from __future__ import annotations


class ReferenceDataError(RuntimeError):
    """The bundled database is missing, unreadable or of an unknown schema, or changed on
    disk after it was opened (a read on first use, ``store.reference.later_reads``)."""
