"""What the window's one-file exports (calendar, memo) ask of the window that runs them."""

from __future__ import annotations

from datetime import date
from typing import Protocol

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QStatusBar, QWidget

from jcct_desktop.core.catalog import Catalog
from jcct_desktop.core.filtering import FilterContext
from jcct_desktop.core.own_files import OwnFiles
from jcct_desktop.store.annotations import AnnotationService


class OpenNotes(Protocol):
    @property
    def service(self) -> AnnotationService | None: ...  # None: no notes are open


class ExportHost(Protocol):
    """The data shown and where to speak: the main window is one."""

    @property
    def catalog(self) -> Catalog: ...
    @property
    def notes(self) -> OpenNotes: ...
    @property
    def settings(self) -> QSettings: ...  # the run's one settings object
    @property
    def own_files(self) -> OwnFiles: ...  # what no output may land on
    def as_of(self) -> date: ...
    def visible_commitment_ids(self) -> list[str]: ...
    def filter_context(self) -> FilterContext: ...
    def statusBar(self) -> QStatusBar: ...
    def window(self) -> QWidget: ...  # the parent of its dialogs
