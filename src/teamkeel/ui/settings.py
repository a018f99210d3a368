"""The window's own settings (layout, recent files), kept apart from team data."""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import QSettings

from teamkeel.core.paths import config_dir

MAX_RECENT = 8


def make_settings() -> QSettings:
    path = config_dir() / "keel.ini"
    path.parent.mkdir(parents=True, exist_ok=True)
    return QSettings(str(path), QSettings.Format.IniFormat)


def recent_files(settings: QSettings) -> list[str]:
    value = settings.value("recent_files", [])
    if isinstance(value, str):
        return [value]
    if isinstance(value, (list, tuple)):
        return [str(v) for v in value]
    return []


def remember_file(settings: QSettings, path: str) -> list[str]:
    files = [path] + [p for p in recent_files(settings) if p != path]
    files = files[:MAX_RECENT]
    settings.setValue("recent_files", files)
    settings.setValue("last_file", path)
    return files


def file_kind(filters: str) -> str:
    """The kind of file a dialog is for: the first ending its filters name, e.g. "pdf"
    for "PDF (*.pdf);;CSV (*.csv)"; "" when they name none."""
    found = re.search(r"\*\.(\w+)", filters)
    return found.group(1).lower() if found else ""


def last_folder(settings: QSettings, kind: str) -> str:
    """The folder a file of this kind was last opened from or saved to; the home folder
    when there is none yet, or it is gone."""
    value = settings.value(f"folders/{kind}", "") if kind else ""
    if isinstance(value, str) and value and Path(value).is_dir():
        return value
    return str(Path.home())


def remember_folder(settings: QSettings, kind: str, chosen_file: str) -> None:
    if kind and chosen_file:
        settings.setValue(f"folders/{kind}", str(Path(chosen_file).parent))
