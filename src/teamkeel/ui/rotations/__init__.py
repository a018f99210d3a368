"""The Rotations tab."""

from teamkeel.ui.rotations.tab import RotationsTab

TAB = RotationsTab

__all__ = ["TAB", "RotationsTab"]
