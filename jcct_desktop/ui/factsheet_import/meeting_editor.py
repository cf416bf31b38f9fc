"""The import dialog's Meeting… form: the meeting's own data and its facts, reviewed like the
commitments (issue 21). The form only collects; ``review.set_meeting`` checks and applies."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QSize
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from jcct_desktop.ui import screen_fit


def _figure(fig: dict[str, Any]) -> str:
    year = f", {fig['year']}" if fig.get("year") else ""
    return f"{fig['value']:g} {fig['unit']}{year} (“{fig['text']}”)"


class MeetingEditor(QDialog):
    def __init__(self, drafts: dict[str, Any], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Meeting")
        m = drafts["meeting"]
        self.name, self.place = QLineEdit(m["name"]), QLineEdit(m.get("place", ""))
        self.start, self.end = QLineEdit(m["start"]), QLineEdit(m["end"])
        self.title = QLineEdit(m.get("fact_sheet_title", ""))
        self.sheet_date = QLineEdit(m.get("fact_sheet_date", ""))
        self.kind = QComboBox()
        self.kind.addItem("U.S. fact sheet", "us")
        self.kind.addItem("Joint fact sheet", "joint")
        self.kind.setCurrentIndex(max(0, self.kind.findData(m.get("fact_sheet_kind", "us"))))
        self.co_chairs = QPlainTextEdit("\n".join(m.get("co_chairs", [])))
        self.participants = QPlainTextEdit("\n".join(m.get("participant_names", [])))
        for box in (self.co_chairs, self.participants):
            box.setPlaceholderText("one name per line")
            box.setMaximumHeight(90)
        flags = QLabel("; ".join(m.get("review", [])), wordWrap=True)
        self.facts = QListWidget()
        for f in drafts.get("facts", []):
            numbers = "; ".join(_figure(fig) for fig in f.get("figures", []))
            self.facts.addItem(f"{f['id']}: {f['text']}" + (f"\n    {numbers}" if numbers else ""))
        form = QFormLayout()
        for label, widget in (("Name", self.name), ("First day", self.start),
                              ("Last day", self.end), ("Place", self.place),
                              ("Fact sheet title", self.title),
                              ("Fact sheet date", self.sheet_date), ("Fact sheet", self.kind),
                              ("Co-chairs", self.co_chairs),
                              ("Participants", self.participants), ("Review", flags),
                              ("Facts and figures", self.facts)):  # fmt: skip
            form.addRow(label, widget)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)  # fmt: skip
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form, 1)
        layout.addWidget(buttons)
        self.resize(screen_fit.fitted_size(self, QSize(720, 640), share=0.95))
        screen_fit.fit_on_show(self)

    def fields(self) -> dict[str, Any]:
        def names(box: QPlainTextEdit) -> list[str]:
            return [line.strip() for line in box.toPlainText().splitlines() if line.strip()]

        return {
            "name": self.name.text().strip(), "start": self.start.text().strip(),
            "end": self.end.text().strip(), "place": self.place.text().strip(),
            "fact_sheet_title": self.title.text().strip(),
            "fact_sheet_date": self.sheet_date.text().strip(),
            "fact_sheet_kind": self.kind.currentData(),
            "co_chairs": names(self.co_chairs), "participant_names": names(self.participants),
        }  # fmt: skip

    @classmethod
    def ask(cls, parent: QWidget | None, drafts: dict[str, Any]) -> dict[str, Any] | None:
        """The edited fields, or None when cancelled (tests replace this)."""
        editor = cls(drafts, parent)
        return editor.fields() if editor.exec() else None
