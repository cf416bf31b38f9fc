"""A key as the benches type it: the text set without the typing delay, the search handed to
the worker as a paused typist's is, and waited for until its result is swapped in (the paint
after is the caller's to time)."""

from __future__ import annotations

import time
from typing import Any


def refilter_typed(app: Any, window: Any, text: str) -> None:
    window.filters.search.blockSignals(True)  # no typing delay: to the worker now
    window.filters.search.setText(text)
    window.filters.search.blockSignals(False)
    window.refilter_in_background()
    while window.filter_pending():
        app.processEvents()
        time.sleep(0.001)
