"""The annotation pane: panel widget, undo commands and backup menu actions."""

from jcct_desktop.ui.annotations.panel import AnnotationPanel

__all__ = ["AnnotationPanel"]
