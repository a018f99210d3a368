"""The Compact tab."""

from teamkeel.ui.compact.tab import CompactTab

TAB = CompactTab

__all__ = ["TAB", "CompactTab"]
