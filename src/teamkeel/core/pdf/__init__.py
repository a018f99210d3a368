"""PDF helpers shared by every export: fonts with per-script fallback (``fonts``) and the
house palette and paragraph styles (``look``)."""
