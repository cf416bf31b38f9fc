"""The briefing dialog's background work: the window's one helper (``ui.background``)."""

from jcct_desktop.ui.background import Task, TaskSignals, run_in_background

__all__ = ["Task", "TaskSignals", "run_in_background"]
