"""What goes in a briefing packet, and in what order. Plain Python: no Qt, no reportlab.

``build_briefing`` turns the catalog, the options and the officer's annotations into frozen
dataclasses; the PDF layer only lays them out, so every decision about content is made (and
tested) here.
"""

from jcct_desktop.core.briefing.build import build_briefing
from jcct_desktop.core.briefing.model import (
    MAX_MARKING,
    NOT_ASSESSED,
    AnnotationView,
    BadPacketOptionError,
    BottomLine,
    Briefing,
    BriefingAnnotations,
    BriefingOptions,
    CommitmentEntry,
    CoverInfo,
    EmptyScopeError,
    FactEntry,
    HistoryView,
    MilestoneEntry,
    NoteView,
    PlainAnnotations,
    Scope,
    SectorSection,
    SummaryRow,
    TalkingPointView,
    TimelineRow,
)

__all__ = [
    "MAX_MARKING",
    "NOT_ASSESSED",
    "AnnotationView",
    "BadPacketOptionError",
    "BottomLine",
    "Briefing",
    "BriefingAnnotations",
    "BriefingOptions",
    "CommitmentEntry",
    "CoverInfo",
    "EmptyScopeError",
    "FactEntry",
    "HistoryView",
    "MilestoneEntry",
    "NoteView",
    "PlainAnnotations",
    "Scope",
    "SectorSection",
    "SummaryRow",
    "TalkingPointView",
    "TimelineRow",
    "build_briefing",
]
