"""Contrast by construction: every colour pair the window draws, measured from the palette
(WCAG 2.1 relative luminance), against 4.5:1 for text and 3:1 for markers, borders and focus."""

from __future__ import annotations

import re

import pytest

from jcct_desktop.core import contrast, palette, resources
from jcct_desktop.core.standing_words import LOOKS


def test_the_ratio_matches_wcags_reference_values():
    assert contrast.ratio("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast.ratio("#ffffff", "#ffffff") == pytest.approx(1.0)
    # the values issue 27 measured before the palette changed
    assert contrast.ratio("#56b4e9", "#ffffff") == pytest.approx(2.31, abs=0.01)
    assert contrast.ratio("#e69f00", "#ffffff") == pytest.approx(2.25, abs=0.01)
    assert contrast.ratio("#c9ced4", "#ffffff") == pytest.approx(1.58, abs=0.01)
    assert contrast.ratio("#767676", "#ffffff") == pytest.approx(4.54, abs=0.01)  # AA grey


def test_a_malformed_colour_is_refused_with_its_value():
    with pytest.raises(ValueError, match="'#fff'"):
        contrast.luminance("#fff")


@pytest.mark.parametrize("pair", palette.pairs(), ids=lambda p: p.what)
def test_every_pair_reaches_its_threshold(pair: palette.Pair):
    measured = contrast.ratio(pair.foreground, pair.background)
    assert measured >= pair.needs, (
        f"{pair.what}: {pair.foreground} on {pair.background} is {measured:.2f}:1, "
        f"needs {pair.needs}:1")


def test_every_standing_is_measured_as_text_and_as_a_bar():
    whats = {p.what for p in palette.pairs()}
    for look in LOOKS.values():
        assert f"{look.name} text on the selected row" in whats
        assert f"white label on a {look.name} timeline bar" in whats


def test_each_standing_keeps_a_shape_of_its_own():
    shapes = [look.shape for look in LOOKS.values()]
    glyphs = [look.glyph for look in LOOKS.values()]
    assert len(set(shapes)) == len(shapes) and len(set(glyphs)) == len(glyphs)


def test_the_stylesheet_draws_fields_with_the_measured_border_and_focus():
    qss = resources.style("app.qss").read_text(encoding="utf-8")
    qss = re.sub(r"/\*.*?\*/", "", qss, flags=re.DOTALL)
    rules = {sel.strip(): body for sel, body in re.findall(r"([^{}]+)\{([^}]*)\}", qss)}
    fields = next(body for sel, body in rules.items() if sel.startswith("QLineEdit, QDateEdit"))
    assert f"border: 1px solid {palette.FIELD_BORDER}" in fields
    focused = next(body for sel, body in rules.items() if sel.startswith("QLineEdit:focus"))
    assert palette.FOCUS in focused
    # no input field is drawn with the old 1.58:1 border
    for selector, body in rules.items():
        if any(k in selector for k in ("QLineEdit", "QComboBox", "QPlainTextEdit", "stateFilter")):
            assert "#c9ced4" not in body, selector
