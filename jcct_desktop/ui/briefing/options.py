"""The dialog's choices ↔ BriefingOptions, and remembering them in QSettings."""

from __future__ import annotations

from dataclasses import dataclass, field, fields

from PySide6.QtCore import QSettings

from jcct_desktop.core.briefing import BriefingOptions, Scope


@dataclass
class Choices:
    scope: str = Scope.MEETING.value
    sectors: list[str] = field(default_factory=list)
    notes: bool = True
    history: bool = False
    facts: bool = True
    timeline: bool = True
    paper: str = "letter"
    marking: str = ""  # none until the officer sets one; then remembered
    prepared_by: str = ""
    prepared_for: str = ""
    tagged: bool = False  # a tagged PDF/UA-1 packet (pdf.tagged): a format, not content
    with_changes: bool = False  # a "What changed since" block (its day: changes_view's)

    def options(self, **extra: object) -> BriefingOptions:
        return BriefingOptions(
            scope=Scope(self.scope), sectors=tuple(self.sectors),
            include_notes=self.notes, include_history=self.history,
            include_facts=self.facts, include_timeline=self.timeline, paper=self.paper,
            marking=self.marking, prepared_by=self.prepared_by,
            prepared_for=self.prepared_for, **extra,  # type: ignore[arg-type]
        )


GROUP = "briefing"


def load(settings: QSettings) -> Choices:
    choices = Choices()
    settings.beginGroup(GROUP)
    try:
        for f in fields(Choices):
            if not settings.contains(f.name):
                continue
            value = settings.value(f.name)
            default = getattr(choices, f.name)
            if isinstance(default, bool):
                value = value in (True, "true", "1", 1)
            elif isinstance(default, list):
                value = [str(v) for v in (value if isinstance(value, list) else [value] if value
                                          else [])]
            else:
                value = str(value)
            setattr(choices, f.name, value)
    finally:
        settings.endGroup()
    if choices.scope not in {s.value for s in Scope} or choices.paper not in ("letter", "a4"):
        return Choices()  # settings from another version: start clean rather than guess
    return choices


def save(settings: QSettings, choices: Choices) -> None:
    settings.beginGroup(GROUP)
    for f in fields(Choices):
        settings.setValue(f.name, getattr(choices, f.name))
    settings.endGroup()
    settings.sync()
