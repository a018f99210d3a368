"""``python -m teamkeel`` and the installed ``teamkeel`` command."""

import gc
import sys


def run() -> int:
    # Starting up creates a great many long-lived objects (modules, classes, Qt
    # wrappers) and next to no garbage, so the cyclic collector would only scan them
    # again and again: about 6 ms of a 180 ms start. ``teamkeel.cli.main`` turns it
    # back on before running a command, and the window after its first frame.
    gc.disable()
    from teamkeel.cli import main

    return main()


if __name__ == "__main__":
    sys.exit(run())
