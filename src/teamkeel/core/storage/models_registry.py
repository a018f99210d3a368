"""Import every feature's models so that relationships and metadata are complete."""

from __future__ import annotations

import importlib
import importlib.util

from teamkeel.features import FEATURES


def load_all_models() -> None:
    for feature in FEATURES:
        name = f"teamkeel.core.{feature}.models"
        try:
            spec = importlib.util.find_spec(name)
        except ModuleNotFoundError:  # the feature package itself is absent
            spec = None
        if spec is not None:
            importlib.import_module(name)
