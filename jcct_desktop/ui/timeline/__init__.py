"""The deadline timeline: a plain-Python layout and a QPainter widget that draws it."""

from jcct_desktop.ui.timeline.layout import (
    Mark,
    TimelineLayout,
    TimelineSource,
    Viewport,
    build_layout,
)
from jcct_desktop.ui.timeline.widget import TimelineWidget

__all__ = ["Mark", "TimelineLayout", "TimelineSource", "TimelineWidget", "Viewport", "build_layout"]
