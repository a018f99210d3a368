"""The Qt window: one package per tab, plus the main window."""
