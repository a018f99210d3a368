"""Keel's colours and text styles for widgets: the one place they are spelled.

Widgets name what a piece of text *is* (an error, a hint, a heading) and take its style
from here, so that one error red is used everywhere. Every named colour has a light and
a dark value; ``apply_theme`` picks the set that fits the window's palette (the
desktop's, or a Fusion palette when the lead's choice differs from the desktop) and
restyles the widgets already built. Painted views read the named colours (or the
palette) when they paint, never at import, so a switch shows at the next repaint.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtGui import QColor, QPalette
    from PySide6.QtWidgets import QApplication, QLabel, QWidget

# -- named colours: (light, dark) -------------------------------------------------------
# One light value never stands for two dark ones (tested): restyling a built widget
# swaps each value for its counterpart.
COLOURS: dict[str, tuple[str, str]] = {
    "ERROR": ("#B3261E", "#F2B8B5"),  # a refused input, a field that needs attention
    "WARNING": ("#8A4B00", "#F0B45C"),  # allowed, but worth a second look
    "SUCCESS": ("#2E7D32", "#81C995"),  # done, resolved
    "MUTED": ("#5B6573", "#A3ADBA"),  # secondary text: counts, hints, explanations
    "ACCENT": ("#1F6F6A", "#5FC4B8"),  # Keel's teal: a done check, a chosen chip
    "RULE": ("#E3E7EB", "#3A4048"),  # thin lines between rows
    "GRID": ("#C9D1D6", "#4A525C"),  # lines of painted grids (calendar, heat map)
    "OUTLINE": ("#5B6574", "#8C96A3"),  # the frame around a painted grid
    "WEEKEND": ("#F4F6F7", "#262A2F"),  # weekend days and days outside the month
    "DESK": ("#8A939C", "#15181B"),  # the table the compact's preview pages lie on
    "HIGHLIGHT_FILL": ("#FFF4D6", "#4A3D16"),  # today; a row to look at
    "HIGHLIGHT_EDGE": ("#E0A800", "#E6BE4A"),  # today's frame; the latest round's ring
    "HEAT_LOW": ("#DCEFEC", "#1D3A36"),  # heat map: a pair that met once
    "HEAT_HIGH": ("#1F6F6B", "#6FD0C4"),  # heat map: the pair that met most
    "HEAT_DIAGONAL": ("#D5DBE0", "#343A41"),  # heat map: a member with themselves
    "ON_HEAT_HIGH": ("#FFFFFF", "#0E1F1D"),  # a count on a dark (light: deep) cell
    "PHASE_1": ("#DCEBE8", "#1E3532"),  # the Journey's four phases, lighter to deeper
    "PHASE_2": ("#C6E0DB", "#24423E"),
    "PHASE_3": ("#ADD3CC", "#2A4F4A"),
    "PHASE_4": ("#94C5BD", "#315C56"),
    "HELP_EDGE": ("#4A5D7A", "#9DB2D3"),  # arrows of the help network
    "LEADING": ("#3B6EA8", "#7FA8DA"),  # the basket's leading indicators
    "OUTCOME": ("#7A5195", "#B894D4"),  # the basket's outcomes
    "INVALID_FILL": ("#FDE7E7", "#4A2326"),  # a commitment that cannot be kept as it is
    "ADDED_FILL": ("#DDF2E3", "#1E3B27"),  # compact diff: words added ...
    "ADDED_TEXT": ("#14532D", "#A7E3B8"),
    "REMOVED_FILL": ("#FBE1E1", "#47201F"),  # ... and words removed
    "REMOVED_TEXT": ("#7F1D1E", "#F4B9B5"),
}

# Boxes that stand out from the page: (background, text, border) in each scheme.
BOXES: dict[str, tuple[tuple[str, str, str], tuple[str, str, str]]] = {
    # neutral: read-only notes, no review set
    "NOTE": (("#EEF0F2", "#374151", "#D5DBE1"), ("#2C3137", "#D7DCE2", "#444B53")),
    # something is due (also: a draft commitment that is not finished)
    "ATTENTION": (("#FEF3C7", "#713F12", "#F6D98B"), ("#3F3418", "#F6DFA0", "#6B5726")),
    # something is overdue
    "ALARM": (("#FDE2E1", "#7F1D1D", "#F5B5B2"), ("#45201F", "#F7C5C2", "#70302E")),
    # all is scheduled
    "CALM": (("#E6F2EF", "#134E4A", "#BFDDD6"), ("#1B3431", "#B5E2D9", "#2D544E")),
    # for the lead's eyes only
    "PRIVATE": (("#FFF7E6", "#3B2F1A", "#F0D9A8"), ("#3A3020", "#F2E2C2", "#62512F")),
    # what to do first on an empty tab
    "INFO": (("#E8F1FB", "#1F3A5A", "#B9D3EE"), ("#1E2F42", "#CFE2F7", "#35506E")),
}

# The palettes Keel forces when the lead's choice differs from the desktop's (Fusion
# style): role name -> colour, for the active and inactive groups.
PALETTES: dict[str, dict[str, str]] = {
    "dark": {
        "Window": "#2B2F34",
        "WindowText": "#E6E8EB",
        "Base": "#1F2226",
        "AlternateBase": "#272B30",
        "ToolTipBase": "#33383E",
        "ToolTipText": "#E6E8EB",
        "PlaceholderText": "#8F99A5",
        "Text": "#E6E8EB",
        "Button": "#353A40",
        "ButtonText": "#E6E8EB",
        "BrightText": "#FF8A80",
        "Light": "#4A5057",
        "Midlight": "#3E444A",
        "Mid": "#30353B",
        "Dark": "#1A1D20",
        "Shadow": "#0B0C0E",
        "Highlight": "#3F7FBF",
        "HighlightedText": "#FFFFFF",
        "Link": "#8AB8F0",
        "LinkVisited": "#C0A6F0",
    },
    "light": {
        "Window": "#EFEFEF",
        "WindowText": "#1D2530",
        "Base": "#FFFFFF",
        "AlternateBase": "#F5F6F7",
        "ToolTipBase": "#FFFFDC",
        "ToolTipText": "#000000",
        "PlaceholderText": "#6B7480",
        "Text": "#1D2530",
        "Button": "#EFEFEF",
        "ButtonText": "#1D2530",
        "BrightText": "#FFFFFF",
        "Light": "#FFFFFF",
        "Midlight": "#CACACA",
        "Mid": "#B8B8B8",
        "Dark": "#9F9F9F",
        "Shadow": "#767676",
        "Highlight": "#308CC6",
        "HighlightedText": "#FFFFFF",
        "Link": "#0000FF",
        "LinkVisited": "#FF00FF",
    },
}
DISABLED_TEXT = {"dark": "#7A828C", "light": "#9A9FA6"}

# -- the current values (the light set until ``apply_theme`` says otherwise) ------------
dark = False
ERROR = WARNING = SUCCESS = MUTED = ACCENT = RULE = GRID = OUTLINE = WEEKEND = DESK = ""
HIGHLIGHT_FILL = HIGHLIGHT_EDGE = HEAT_LOW = HEAT_HIGH = HEAT_DIAGONAL = ON_HEAT_HIGH = ""
PHASE_1 = PHASE_2 = PHASE_3 = PHASE_4 = HELP_EDGE = LEADING = OUTCOME = INVALID_FILL = ""
ADDED_FILL = ADDED_TEXT = REMOVED_FILL = REMOVED_TEXT = ""
NOTE = ATTENTION = ALARM = CALM = PRIVATE = INFO = ("", "", "")

# -- text styles -----------------------------------------------------------------------
TITLE = "font-size: 16pt; font-weight: 600;"  # a member's name in the form
TEAM_NAME = "font-size: 14pt; font-weight: 600;"
HEADING = "font-size: 13pt; font-weight: 600;"  # a panel's heading
SUBHEADING = "font-size: 11pt; font-weight: 600;"
HINT_TEXT = "color: palette(placeholder-text);"  # follows the light or dark palette
ERROR_TEXT = STRONG_ERROR_TEXT = WARNING_TEXT = MUTED_TEXT = FIELD_ERROR = ""


def _use_scheme(is_dark: bool) -> None:
    """Set the module's colour names (and the styles built on them) to one scheme."""
    index = int(is_dark)
    values: dict[str, object] = {name: pair[index] for name, pair in COLOURS.items()}
    values.update({name: boxes[index] for name, boxes in BOXES.items()})
    error, warning, muted = values["ERROR"], values["WARNING"], values["MUTED"]
    values.update(
        dark=is_dark,
        ERROR_TEXT=f"color: {error};",
        STRONG_ERROR_TEXT=f"color: {error}; font-weight: 600;",
        WARNING_TEXT=f"color: {warning}; font-weight: 600;",
        MUTED_TEXT=f"color: {muted};",
        FIELD_ERROR=f"border: 2px solid {error}; border-radius: 3px;",
    )
    globals().update(values)


_use_scheme(False)


def box(colours: tuple[str, str, str], padding: int = 0) -> str:
    """A style sheet body for a box in one of the named colour sets."""
    background, text, border = colours
    pad = f" padding: {padding}px;" if padding else ""
    return (
        f"background: {background}; color: {text}; border: 1px solid {border}; "
        f"border-radius: 4px;{pad}"
    )


def show_problem(label: QLabel, text: str) -> None:
    """Say what is wrong with an input in ``label`` (in the error style), or hide the
    label when ``text`` is empty."""
    if label.styleSheet() != ERROR_TEXT:
        label.setStyleSheet(ERROR_TEXT)
    label.setText(text)
    label.setVisible(bool(text))


def mark_field(field: QWidget, bad: bool) -> None:
    """Frame an input field in the error colour while what it holds is refused."""
    style = field.styleSheet().replace(FIELD_ERROR, "")
    field.setStyleSheet(style + FIELD_ERROR if bad else style)


def series(hex_colour: str) -> QColor:
    """A data colour (a ritual kind, a chart series: chosen to read on white paper) as
    the window shows it: lifted on a dark background so that lines and text stay
    readable there too."""
    from PySide6.QtGui import QColor

    colour = QColor(hex_colour)
    if dark and colour.lightness() < 150:
        colour = colour.lighter(100 + (150 - colour.lightness()))
    return colour


def qcolour(hex_colour: str) -> QColor:
    from PySide6.QtGui import QColor

    return QColor(hex_colour)


# -- following the desktop, or the lead's choice ------------------------------------------
CHOICES = ("system", "light", "dark")


class _State:
    choice = "system"
    desktop_dark: bool | None = None  # None until the first apply_theme
    native_style = ""
    forced = False  # Keel's own palette is set
    watching = False


def apply_theme(app: QApplication, choice: str) -> None:
    """Show the window in ``choice`` ("system", "light" or "dark").

    "system" follows the desktop (and keeps following it when its scheme changes).
    A choice that differs from the desktop switches to the Fusion style with a palette
    of Keel's own; the offscreen platform has no desktop scheme, so "dark" works there
    too. Widgets already built are restyled and repainted.
    """
    state = _State
    state.choice = choice if choice in CHOICES else "system"
    if state.desktop_dark is None:
        # The desktop's scheme reaches Qt as the palette it starts with. Asking
        # styleHints().colorScheme() here would build PySide6's Qt enums before the
        # first frame (docs/STARTUP.md); changes arrive through its signal instead.
        state.desktop_dark = is_dark_palette(app.palette())
        state.native_style = app.style().name()
    if not state.watching:
        app.styleHints().colorSchemeChanged.connect(lambda scheme: _desktop_changed(app, scheme))
        state.watching = True
    wanted = state.desktop_dark if state.choice == "system" else state.choice == "dark"
    if wanted == state.desktop_dark and state.forced:
        from PySide6.QtGui import QPalette

        app.setStyle(state.native_style)
        app.setPalette(QPalette())  # nothing set: the desktop's own palette again
        state.forced = False
    # Judged by the palette Qt now has, not only by what the desktop said last: a
    # choice of dark (or light) always ends in a dark (or light) window.
    if state.choice != "system" and is_dark_palette(app.palette()) != wanted:
        app.setStyle("Fusion")
        app.setPalette(forced_palette("dark" if wanted else "light"))
        state.forced = True
    _switch(app, is_dark_palette(app.palette()))


def _desktop_changed(app: QApplication, scheme: object) -> None:
    from PySide6.QtCore import Qt

    if scheme == Qt.ColorScheme.Dark:
        _State.desktop_dark = True
    elif scheme == Qt.ColorScheme.Light:
        _State.desktop_dark = False
    apply_theme(app, _State.choice)


def is_dark_palette(palette: QPalette) -> bool:
    from PySide6.QtGui import QPalette

    window = palette.color(QPalette.ColorRole.Window)
    text = palette.color(QPalette.ColorRole.WindowText)
    return window.lightness() < text.lightness()


def forced_palette(scheme: str) -> QPalette:
    """Keel's own palette for ``scheme`` ("light" or "dark")."""
    from PySide6.QtGui import QColor, QPalette

    palette = QPalette()
    for role_name, value in PALETTES[scheme].items():
        role = getattr(QPalette.ColorRole, role_name)
        palette.setColor(QPalette.ColorGroup.Active, role, QColor(value))
        palette.setColor(QPalette.ColorGroup.Inactive, role, QColor(value))
        palette.setColor(QPalette.ColorGroup.Disabled, role, QColor(value))
    disabled = QColor(DISABLED_TEXT[scheme])
    for role in (
        QPalette.ColorRole.WindowText,
        QPalette.ColorRole.Text,
        QPalette.ColorRole.ButtonText,
    ):
        palette.setColor(QPalette.ColorGroup.Disabled, role, disabled)
    return palette


_HEX = re.compile(r"#[0-9A-Fa-f]{6}\b")


def counterparts(to_dark: bool) -> dict[str, str]:
    """Each named colour's value in the other scheme, keyed by its current value."""
    pairs = list(COLOURS.values())
    for light_box, dark_box in BOXES.values():
        pairs += list(zip(light_box, dark_box, strict=True))
    src, dst = (0, 1) if to_dark else (1, 0)
    return {pair[src].upper(): pair[dst] for pair in pairs}


def recolour(text: str, to_dark: bool) -> str:
    """``text`` (a style sheet, a label's HTML) with every named colour of the other
    scheme swapped for its counterpart in this one."""
    table = counterparts(to_dark)
    return _HEX.sub(lambda m: table.get(m.group(0).upper(), m.group(0)), text)


def _switch(app: QApplication, is_dark: bool) -> None:
    if is_dark == dark:
        for widget in app.allWidgets():
            widget.update()
        return
    _use_scheme(is_dark)
    from PySide6.QtWidgets import QLabel

    for widget in app.allWidgets():
        sheet = widget.styleSheet()
        if "#" in sheet:
            widget.setStyleSheet(recolour(sheet, is_dark))
        if isinstance(widget, QLabel) and "#" in widget.text() and "<" in widget.text():
            widget.setText(recolour(widget.text(), is_dark))
        widget.update()
    # Colours a view handed to its items (a QTableWidget's cells, a diff's HTML) come
    # back only when it shows its data again: windows that can say so reload.
    for window in app.topLevelWidgets():
        hook = getattr(window, "theme_changed", None)
        if callable(hook):
            hook()
