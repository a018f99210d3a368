"""Each layer lists its features by plain imports (so mypy sees them); these tests fail
when a feature's module exists on disk but a list leaves it out, or when the titles the
window shows before a tab loads differ from the tab's own."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

import teamkeel
from teamkeel.core.demo import demo_steps
from teamkeel.core.interchange import section_modules
from teamkeel.core.storage.models_registry import load_all_models
from teamkeel.features import FEATURES, TAB_TITLES

PACKAGE = Path(teamkeel.__file__).parent


def features_with(relative: str) -> list[str]:
    """The features that have a file (or folder) at ``<layer>/<feature>/<relative>``,
    in product order; ``relative`` starts with the layer."""
    layer, _, rest = relative.partition("/")
    return [f for f in FEATURES if (PACKAGE / layer / f / rest).exists()]


def test_every_features_models_are_loaded() -> None:
    load_all_models()
    expected = {f"teamkeel.core.{f}.models" for f in features_with("core/models.py")}
    assert expected <= set(sys.modules)


def test_every_feature_has_its_section_in_the_json_document() -> None:
    names = [m.__name__ for m in section_modules()]  # type: ignore[attr-defined]
    assert names == [f"teamkeel.core.{f}.interchange" for f in features_with("core/interchange.py")]


def test_every_feature_fills_its_part_of_the_demo() -> None:
    assert [f for f, _ in demo_steps()] == features_with("core/demo.py")


def test_every_feature_registers_its_commands() -> None:
    from teamkeel.cli.commands import build_parser

    build_parser()
    expected = [f for f in FEATURES if (PACKAGE / "cli" / f"{f}.py").exists()]
    assert {f"teamkeel.cli.{f}" for f in expected} <= set(sys.modules)


@pytest.mark.parametrize("key", list(TAB_TITLES))
def test_a_tab_shows_the_title_the_window_lists_it_under(key: str) -> None:
    from teamkeel.ui.tabs import tab_class

    cls = tab_class(key)
    assert (cls.key, cls.title) == (key, TAB_TITLES[key])


def test_every_tab_package_is_listed() -> None:
    # TAB_TITLES gives the order of the tab bar (the Journey first); FEATURES the order
    # data is written and read in (the Journey last: it refers to the others' rows).
    with_tab = {f for f in features_with("ui/__init__.py") if f != "safety"}
    assert set(TAB_TITLES) == with_tab
