"""The Insights tab."""

from teamkeel.ui.insights.tab import InsightsTab

TAB = InsightsTab

__all__ = ["TAB", "InsightsTab"]
