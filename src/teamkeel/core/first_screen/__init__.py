"""What each tab's first screen shows, read with plain ``sqlite3`` (``TeamFile.reading``).

Keel reopens on the tab the lead left. Its first frame must not wait for SQLAlchemy or
for a tab's heavy modules (docs/STARTUP.md), so each tab other than the Roster (whose
own reader is light, ``core.roster.reader``) has a module here that reads just what its
first screen shows into plain dataclasses; ``teamkeel.ui.first_screen`` shows them until
the tab itself is built, right after the first frame. These modules import no SQLAlchemy
and no heavy library (``tests/test_fast_start_tabs.py`` checks it), and they live
outside the feature packages because most of those load their services on import.
"""
