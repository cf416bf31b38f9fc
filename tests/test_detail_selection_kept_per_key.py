"""Typing on with a commitment selected that stays shown: each key makes its page anew (the
words found are highlighted), but neither reads its assessments from the notes again nor
rewrites the settings file with the same selection (issue 25: the window's thread per key).
The page still follows every change of the notes, made on this thread or another."""

from __future__ import annotations

import os
import threading

from PySide6.QtWidgets import QApplication

from tests.ui_support import OFFSCREEN_NOISE, type_in_background

pytestmark = OFFSCREEN_NOISE
CID = "2011-SOFT-2"  # "Software Legalization": shown while "software" is typed


class _Reads:
    """Counts the notes service's reads of one commitment's notes."""

    def __init__(self, service) -> None:
        self.count = 0
        self._get = service.get
        service.get = self

    def __call__(self, commitment_id: str):
        self.count += 1
        return self._get(commitment_id)


def _selected_while_typing(window, qtbot) -> None:
    type_in_background(qtbot, window, "so")
    assert window.select_commitment(CID)
    assert window.selected_commitment_id() == CID


def test_keys_typed_on_read_no_assessments_and_write_no_settings(window, service, qtbot):
    service.record_assessment(commitment_id=CID, status="partially_fulfilled",
                              evidence="the audit", effective=window.as_of())
    _selected_while_typing(window, qtbot)
    window.settings.sync()
    stored = window.settings.fileName()
    before = os.stat(stored).st_mtime_ns
    reads = _Reads(service)
    pages = []
    for text in ("sof", "soft", "softw", "software"):
        type_in_background(qtbot, window, text)
        QApplication.processEvents()
        assert window.selected_commitment_id() == CID
        pages.append(window.detail.browser.toHtml())
    window.settings.sync()
    assert reads.count == 0
    assert os.stat(stored).st_mtime_ns == before  # not written again
    assert window.settings.value("selection/commitment") == CID
    text = window.detail.plain_text()
    assert "Partially fulfilled" in text and "the audit" in text
    assert len(set(pages)) == len(pages)  # each key's highlights: a page of its own


def test_the_page_follows_an_assessment_made_while_typing(window, service, qtbot):
    _selected_while_typing(window, qtbot)
    type_in_background(qtbot, window, "sof")
    assert "the minister's notice" not in window.detail.plain_text()
    service.record_assessment(commitment_id=CID, status="fulfilled",
                              evidence="the minister's notice", effective=window.as_of())
    qtbot.waitUntil(lambda: "the minister's notice" in window.detail.plain_text())
    type_in_background(qtbot, window, "soft")
    assert "the minister's notice" in window.detail.plain_text()


def test_the_page_follows_an_assessment_made_on_another_thread(window, service, qtbot):
    """As team sync changes the notes: a service of the worker's own, the same notifier."""
    _selected_while_typing(window, qtbot)
    type_in_background(qtbot, window, "sof")

    def elsewhere() -> None:
        worker = service.for_worker()
        try:
            worker.record_assessment(commitment_id=CID, status="not_fulfilled",
                                     evidence="a court ruling", effective=window.as_of())
        finally:
            worker.close()

    thread = threading.Thread(target=elsewhere)
    thread.start()
    thread.join()
    type_in_background(qtbot, window, "soft")  # the key may come before the page's own update
    assert "a court ruling" in window.detail.plain_text()
    qtbot.waitUntil(lambda: "a court ruling" in window.detail.plain_text())
