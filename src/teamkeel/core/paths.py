"""Where Keel keeps the default team file and its settings."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "Keel"
DEFAULT_FILE_NAME = "team.keel"


def data_dir() -> Path:
    """The user data folder (overridable with TEAMKEEL_DATA_DIR, e.g. for tests)."""
    override = os.environ.get("TEAMKEEL_DATA_DIR")
    return Path(override) if override else platformdirs.user_data_path(APP_NAME, appauthor=False)


def config_dir() -> Path:
    override = os.environ.get("TEAMKEEL_CONFIG_DIR")
    return Path(override) if override else platformdirs.user_config_path(APP_NAME, appauthor=False)


def default_team_path() -> Path:
    return data_dir() / DEFAULT_FILE_NAME
