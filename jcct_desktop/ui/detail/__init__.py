"""The commitment detail pane: escaped HTML built in plain Python, shown read-only."""

from jcct_desktop.ui.detail.html import commitment_html, empty_html
from jcct_desktop.ui.detail.pane import DetailPane

__all__ = ["DetailPane", "commitment_html", "empty_html"]
