"""Can Qt open a window here? Asked before the application is made.

When Qt cannot load its platform plugin it prints two lines of its own and aborts the
process (a core dump, nothing a lead can act on). The usual cause on a Linux desktop is
a system library the ``xcb`` plugin links against and the machine lacks; since Qt 6.5
that is most often ``libxcb-cursor0``, which many stock installs do not have. Loading
the plugin with the dynamic loader first tells exactly which library is missing, and
costs nothing extra: Qt loads the same file a moment later.
"""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

from teamkeel.core.i18n import _

# The libraries Qt's xcb plugin needs on Debian and Ubuntu, as one command (README.md
# names the same line).
APT_LINE = (
    "sudo apt-get install libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 "
    "libxcb-randr0 libxcb-render-util0 libxcb-shape0 libxcb-xkb1 libxkbcommon-x11-0 "
    "libegl1 libgl1 libfontconfig1 libdbus-1-3"
)

# A dynamic loader's message starts with the library it could not load, sometimes
# with its folder: "libxcb-cursor.so.0: cannot open shared object file: ..." or
# "/usr/lib/libxcb-cursor.so.0: file too short".
_LIBRARY = re.compile(r"^(?:\S*/)?(?P<lib>lib[\w+-]+(?:\.[\w+-]+)*?\.so(?:\.\d+)*):")


def debian_package(library: str) -> str:
    """The Debian package that ships a shared library, by Debian's naming rule:
    ``libxcb-cursor.so.0`` → ``libxcb-cursor0``, ``libxkbcommon-x11.so.0`` →
    ``libxkbcommon-x11-0`` (a dash when the name already ends in a digit)."""
    stem, _, version = library.partition(".so")
    version = version.lstrip(".").split(".")[0]
    stem = stem.lower()
    if not version:
        return stem
    return f"{stem}-{version}" if stem[-1].isdigit() else f"{stem}{version}"


def explain_load_failure(error: str) -> str:
    """One line for the dynamic loader's message about Qt's display plugin."""
    first = error.strip().splitlines()[0] if error.strip() else _("unknown error")
    match = _LIBRARY.match(first)
    if match is None:
        return _(
            "Keel cannot open its window: Qt's display plugin does not load ({error}). "
            "On Debian or Ubuntu: {command}"
        ).format(error=first, command=APT_LINE)
    library = match.group("lib")
    if "cannot open shared object" in first:
        text = _(
            "Keel cannot open its window: the system library {library} is missing. "
            "On Debian or Ubuntu: sudo apt-get install {package} "
            "(README.md lists everything the window needs)."
        )
    else:
        text = _(
            "Keel cannot open its window: the system library {library} is damaged. "
            "On Debian or Ubuntu: sudo apt-get install {package} "
            "(README.md lists everything the window needs)."
        )
    return text.format(library=library, package=debian_package(library))


def _platform_wanted() -> str | None:
    """The platform plugin Qt will load: the one asked for, else ``xcb`` on an X11
    session. None where Qt chooses another one on its own (Wayland, macOS, Windows)."""
    asked = os.environ.get("QT_QPA_PLATFORM", "").split(":")[0].split(";")[0].strip()
    if asked:
        return asked
    if not sys.platform.startswith("linux"):
        return None
    if os.environ.get("WAYLAND_DISPLAY") or os.environ.get("XDG_SESSION_TYPE") == "wayland":
        return None  # Qt tries Wayland first; xcb is only its fallback there
    return "xcb"


def _plugin_file(platform: str) -> Path | None:
    from PySide6.QtCore import QLibraryInfo

    folder = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.PluginsPath)) / "platforms"
    candidate = folder / f"libq{platform}.so"
    return candidate if candidate.is_file() else None


def window_problem() -> str | None:
    """Why Qt could not open a window here, in one line, or None if it can."""
    platform = _platform_wanted()
    if platform != "xcb":
        return None
    if not os.environ.get("DISPLAY"):
        return _(
            "Keel cannot open its window: no display was found (DISPLAY is not set). "
            "Start it from a desktop session, or use the command line: teamkeel --help"
        )

    plugin = _plugin_file(platform)
    if plugin is None:
        return None  # a bundle that keeps its plugins elsewhere: let Qt look
    import ctypes  # only here: a plain start on another platform never needs it

    try:
        ctypes.CDLL(str(plugin))
    except OSError as exc:
        return explain_load_failure(str(exc))
    return None
