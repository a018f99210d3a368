"""The core never imports Qt: it must run headless, from the command line and in tests."""

import subprocess
import sys


def test_core_and_cli_import_without_qt() -> None:
    code = (
        "import sys, pkgutil, importlib, teamkeel.core as core\n"
        "for m in pkgutil.walk_packages(core.__path__, 'teamkeel.core.'):\n"
        "    if '.migrations' in m.name: continue\n"
        "    importlib.import_module(m.name)\n"
        "import teamkeel.cli.commands; teamkeel.cli.commands.build_parser()\n"
        "bad = sorted(n for n in sys.modules if n.startswith(('PySide6', 'PyQt')))\n"
        "print(','.join(bad))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "", f"core or cli imported Qt: {out.stdout}"
