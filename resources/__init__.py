"""Files that ship with Keel: fonts, icons, desktop files, schemas.

The top-level ``resources/`` folder is the ``teamkeel.resources`` package:
``src/teamkeel/resources`` is a symbolic link to it, and pyproject.toml's package-data
ships its files in the wheel, so the same paths work from a checkout and from an
installed Keel.
"""

from pathlib import Path

ROOT = Path(__file__).resolve().parent


def path(name: str) -> Path:
    """Return the path of a shipped resource, e.g. ``path("fonts/DejaVuSans.ttf")``."""
    found = ROOT / name
    if not found.exists():
        raise FileNotFoundError(f"Keel resource missing: {name}")
    return found
