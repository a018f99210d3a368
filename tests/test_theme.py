"""Light and dark: the window follows the desktop or the lead's choice, and every colour
a widget shows comes from the palette or from the theme's named colours."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QApplication, QLabel

import teamkeel.ui
from teamkeel.ui import theme

UI = Path(teamkeel.ui.__file__).parent
NAMED = "white|black|red|green|blue|gr[ae]y|yellow|orange|purple|navy|silver|maroon|teal"
# A colour spelled in a widget: hex in a string, QColor("...") or QColor(r, g, b),
# Qt's global colours, rgb() or a colour name in a style sheet.
LITERAL = re.compile(
    r"""["'][^"'\n]*#[0-9A-Fa-f]{3}(?:[0-9A-Fa-f]{3})?(?:[0-9A-Fa-f]{2})?\b"""
    r"""|QColor\(\s*(?:["']|\d)"""
    r"""|Qt\.GlobalColor|QColorConstants|Qt\.(?:white|black|red|green|blue|gray)\b"""
    r"""|rgba?\(\s*\d"""
    rf"""|(?:color|background(?:-color)?|border(?:-color)?)\s*:[^;"'\n]*\b(?:{NAMED})\b"""
)


@pytest.fixture
def app(qapp: QApplication) -> Iterator[QApplication]:
    yield qapp
    theme.apply_theme(qapp, "system")  # the next test sees the desktop's colours


def test_no_widget_spells_a_colour_of_its_own() -> None:
    found = []
    for path in sorted(UI.rglob("*.py")):
        if path.name == "theme.py" and path.parent == UI:
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if LITERAL.search(line):
                found.append(f"{path.relative_to(UI)}:{number}: {line.strip()}")
    assert found == [], "colours belong in ui/theme.py:\n" + "\n".join(found)


def test_the_literal_check_catches_each_way_of_spelling_a_colour() -> None:
    for line in (
        'ERROR = QColor("#b3261e")',
        "p.setPen(QColor(255, 0, 0))",
        'label.setStyleSheet("color: white; font-weight: bold")',
        'STYLE = "QFrame { background: #E8F1FB; }"',
        "p.fillRect(r, Qt.GlobalColor.white)",
        'sheet = "border: 1px solid rgb(10, 20, 30)"',
    ):
        assert LITERAL.search(line), line
    for line in ('return f"#{m}"', "label.setStyleSheet(theme.MUTED_TEXT)", "# a comment #1"):
        assert not LITERAL.search(line), line


def test_no_font_is_sized_in_pixels() -> None:
    """Point sizes grow with the screen's scale (200 %); a pixel size would stay small."""
    pixel_font = re.compile(r"font-size:\s*\d+(?:\.\d+)?px|setPixelSize\(")
    found = [
        f"{path.relative_to(UI)}:{number}"
        for path in sorted(UI.rglob("*.py"))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if pixel_font.search(line)
    ]
    assert found == []


def test_every_named_colour_has_one_counterpart_in_each_direction() -> None:
    to_dark, to_light = theme.counterparts(True), theme.counterparts(False)
    pairs = list(theme.COLOURS.values())
    for light_box, dark_box in theme.BOXES.values():
        pairs += list(zip(light_box, dark_box, strict=True))
    for light, dark in pairs:
        assert to_dark[light.upper()] == dark, f"{light} stands for two dark colours"
        assert to_light[dark.upper()] == light, f"{dark} stands for two light colours"
    assert not set(to_dark) & set(to_light), "a value that is both light and dark"


def test_dark_and_light_can_be_forced_where_the_desktop_has_no_scheme(app) -> None:
    theme.apply_theme(app, "system")  # offscreen: the desktop's palette is a light one
    assert not theme.dark
    label = QLabel("refused")
    label.setStyleSheet(theme.ERROR_TEXT)
    light_error = theme.ERROR

    theme.apply_theme(app, "dark")
    assert theme.dark
    assert theme.is_dark_palette(app.palette())
    assert app.style().name().casefold() == "fusion"
    assert light_error != theme.ERROR
    # A widget built before the switch takes the dark value of its colour too.
    assert label.styleSheet() == theme.ERROR_TEXT

    theme.apply_theme(app, "light")
    assert not theme.dark and light_error == theme.ERROR
    assert label.styleSheet() == theme.ERROR_TEXT
    assert not theme.is_dark_palette(app.palette())


def test_an_unknown_choice_follows_the_desktop(app) -> None:
    theme.apply_theme(app, "sepia")
    assert not theme.dark


def test_text_and_data_colours_stay_readable_on_the_dark_base(app) -> None:
    theme.apply_theme(app, "dark")
    base = app.palette().base().color()
    for name in ("ERROR", "WARNING", "SUCCESS", "MUTED", "ACCENT"):
        assert contrast(QColor(getattr(theme, name)), base) >= 4.5, name
    for kind_colour in ("#6c3483", "#2e86c1", "#a93226"):  # ritual kinds, as for paper
        assert contrast(theme.series(kind_colour), base) >= 3, kind_colour
    for _name, (_background, text, _border) in (
        (n, getattr(theme, n)) for n in ("NOTE", "ATTENTION", "ALARM", "CALM", "PRIVATE")
    ):
        assert contrast(QColor(text), QColor(_background)) >= 4.5, _name


def test_the_calendar_paints_its_days_on_the_dark_base(app, demo_team, qtbot) -> None:  # type: ignore[no-untyped-def]
    from teamkeel.ui.calendar.grid_views import MonthView

    theme.apply_theme(app, "dark")
    view = MonthView()
    qtbot.addWidget(view)
    view.resize(700, 500)
    image = view.grab().toImage()
    # A weekday cell of the second week, away from its number and chips.
    cell = QColor(image.pixel(int(700 / 7 * 2.5), int(20 + (480 / 5) * 1.8)))
    assert cell.lightness() < 80
    theme.apply_theme(app, "light")
    # Qt hands the new palette to built widgets through the event loop.
    qtbot.waitUntil(lambda: view.palette().base().color() == app.palette().base().color())
    assert QColor(view.grab().toImage().pixel(int(700 / 7 * 2.5), 200)).lightness() > 200


def test_a_dark_screenshot_is_dark(app, demo_path: Path, tmp_path: Path) -> None:
    from teamkeel.ui.shot import render_shot

    out = tmp_path / "roster-dark.png"
    render_shot(demo_path, "roster", out, (900, 600), theme="dark")
    image = QImage(str(out))
    assert QColor(image.pixel(450, 590)).lightness() < 80  # the window's background


def luminance(c: QColor) -> float:
    def channel(v: float) -> float:
        return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(c.redF()) + 0.7152 * channel(c.greenF()) + 0.0722 * channel(c.blueF())


def contrast(a: QColor, b: QColor) -> float:
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def test_a_switch_shows_the_open_tab_again_in_the_new_colours(app, window, demo_path: Path) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QTableWidget

    assert window.open_file(demo_path)
    window.select_tab("rotations")
    board = window.tab("rotations").findChild(QTableWidget, "board_grid")
    muted = [
        board.item(r, board.columnCount() - 1).foreground().color().name().upper()
        for r in range(board.rowCount())
    ]
    assert theme.COLOURS["MUTED"][0] in muted  # the notes column, in the light grey
    theme.apply_theme(app, "dark")
    notes = [
        board.item(r, board.columnCount() - 1).foreground().color().name().upper()
        for r in range(board.rowCount())
    ]
    assert theme.COLOURS["MUTED"][1] in notes
    assert theme.COLOURS["MUTED"][0] not in notes
