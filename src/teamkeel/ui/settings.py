"""The window's own settings (layout, recent files), kept apart from team data."""

from __future__ import annotations

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
        value = [value]
    return [str(v) for v in (value or [])]


def remember_file(settings: QSettings, path: str) -> list[str]:
    files = [path] + [p for p in recent_files(settings) if p != path]
    files = files[:MAX_RECENT]
    settings.setValue("recent_files", files)
    settings.setValue("last_file", path)
    return files
