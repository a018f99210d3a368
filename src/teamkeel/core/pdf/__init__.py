"""PDF helpers shared by every export: fonts with per-script fallback (``fonts``)."""
