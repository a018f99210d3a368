"""Entry script of the PyInstaller bundle: the same start as the ``teamkeel`` command."""

import sys

from teamkeel.__main__ import run

sys.exit(run())
