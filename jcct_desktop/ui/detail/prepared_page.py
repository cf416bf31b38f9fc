"""The detail pane's page for a search, made with the search's result on the search worker.

At 100,000 commitments a typed search's summary listed up to 200 facts (50 now), their
words highlighted: parsing that HTML into a document took 7-25 ms of the GUI thread per
key, on top of the search. The worker now makes the page and its ``QTextDocument`` (a document
without a layout is plain data, which Qt lets any thread build) and hands the document to
the GUI thread; the pane swaps it in (``DetailPane.show_prepared``) when the window would
have shown that very page.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from typing import NamedTuple

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QFont, QTextDocument

from jcct_desktop.core.catalog import Catalog
from jcct_desktop.core.search import SearchQuery
from jcct_desktop.ui.detail.overview import filtered_page


class PreparedPage(NamedTuple):
    search_text: str  # as typed, when asked
    visible: Collection[str] | None  # the result it reports (that very object)
    html: str
    document: QTextDocument


# what a refilter is given: (shown set, facts found) → the page, or None when there is none
PagePreparer = Callable[[Collection[str] | None, Sequence[str]], PreparedPage | None]


def page_preparer(catalog: Catalog, search_text: str, query: SearchQuery, font: QFont,
                  margin: float, selected: str | None) -> PagePreparer:
    """Makes the page ``overview.filtered_page`` gives, as a document set up as the pane's
    own (its font and margin); only when the window will show it: no commitment selected,
    or the selected one no longer shown."""
    font = QFont(font)  # a copy of its own for the worker

    def prepare(visible: Collection[str] | None,
                found_facts: Sequence[str]) -> PreparedPage | None:
        if selected is not None and (visible is None or selected in visible):
            return None  # the selection stays: its commitment is shown, not this page
        html = filtered_page(catalog, query, search_text, visible, found_facts)
        if html is None:
            return None
        document = QTextDocument()
        document.setDefaultFont(font)
        document.setDocumentMargin(margin)
        document.setHtml(html)
        app = QCoreApplication.instance()
        if app is not None and document.thread() is not app.thread():
            document.moveToThread(app.thread())  # the pane adopts it there
        return PreparedPage(search_text, visible, html, document)

    return prepare
