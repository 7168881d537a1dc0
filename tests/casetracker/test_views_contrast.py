"""Colour contrast of the focus outline and the form field borders, computed from static/casetracker.css.

WCAG 2.x (1.4.11 non-text contrast) asks 3:1 against what surrounds them: the page background and white (the
header, fields, cards). The focus outline had 1.8:1 (#f0b429) and input borders 2.54:1 (#9aa3b5)."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

CSS = (Path(__file__).resolve().parents[2] / "static" / "casetracker.css").read_text()
SURFACES = {"page background": "--bg", "white": "#ffffff"}


def luminance(colour: str) -> float:
    colour = colour.lstrip("#")
    if len(colour) == 3:
        colour = "".join(c * 2 for c in colour)
    channels = [int(colour[i:i + 2], 16) / 255 for i in (0, 2, 4)]
    r, g, b = (c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def variables() -> dict[str, str]:
    root = re.search(r":root\s*\{([^}]*)\}", CSS).group(1)
    return dict(re.findall(r"(--[\w-]+)\s*:\s*(#[0-9a-fA-F]{3,6})\b", root))


def resolve(value: str) -> str:
    value = value.strip()
    m = re.fullmatch(r"var\((--[\w-]+)\)", value)
    return variables()[m.group(1)] if m else value


def rule(selector: str) -> str:
    m = re.search(r"(?:^|\}|\n)\s*" + re.escape(selector) + r"\s*\{([^}]*)\}", CSS)
    assert m, f"no rule for {selector} in casetracker.css"
    return m.group(1)


def border_colour(selector: str) -> str:
    return resolve(re.search(r"border:\s*\S+\s+solid\s+([^;]+);", rule(selector)).group(1))


def test_contrast_formula_matches_known_values():
    assert contrast("#000000", "#ffffff") == pytest.approx(21)
    assert contrast("#f0b429", "#fbfbfd") == pytest.approx(1.8, abs=0.01)  # the old focus colour
    assert contrast("#9aa3b5", "#ffffff") == pytest.approx(2.54, abs=0.01)  # the old border colour


def _colours():
    focus = resolve(re.search(r"outline:\s*\S+\s+solid\s+([^;]+);", rule(":focus-visible")).group(1))
    return {"focus outline": focus,
            "search field border": border_colour("form.search input[type=search]"),
            "button and select border": border_colour("button, select"),
            "date field border": border_colour(".filters input[type=date]")}


@pytest.mark.parametrize("what", ["focus outline", "search field border", "button and select border",
                                  "date field border"])
@pytest.mark.parametrize("surface", SURFACES)
def test_focus_and_field_borders_have_3_to_1_contrast(what, surface):
    colour = _colours()[what]
    background = resolve(f"var({SURFACES[surface]})") if SURFACES[surface].startswith("--") else SURFACES[surface]
    ratio = contrast(colour, background)
    assert ratio >= 3, f"{what} {colour} on {surface} {background}: {ratio:.2f}:1 < 3:1"


def test_busy_indicator_styles_live_in_the_stylesheet():
    """htmx's own indicator styles are off (no inline style under the CSP): ours show it during a request."""
    assert "visibility: hidden" in rule(".htmx-indicator")
    assert "visibility: visible" in rule(".htmx-request .htmx-indicator, .htmx-request.htmx-indicator")
