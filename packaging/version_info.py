"""The Windows version resource of teamkeel.exe, written from ``teamkeel.__version__``.

    python packaging/version_info.py OUT        # e.g. build/version_info.txt

``teamkeel.spec`` calls ``write`` itself when it builds on Windows (unless
TEAMKEEL_WIN_VERSION_FILE names another file), so Explorer's Properties → Details show
the same version as ``teamkeel --version``, About and the Linux package. The file is
PyInstaller's version-file format (the Python text of a ``VSVersionInfo``); it is
written without importing PyInstaller, so it can be checked on any platform.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

COMPANY = "Keel"
DESCRIPTION = "Keel: a companion for team leads building a culture of mutual support"


def numeric(version: str) -> tuple[int, int, int, int]:
    """Windows wants four numbers: "0.1.0" is (0, 1, 0, 0); a suffix such as "rc1" or
    ".dev2" is left out of the numbers (the text keeps it)."""
    parts = [int(p) for p in re.findall(r"\d+", version.split("+")[0])[:3]]
    padded = (parts + [0, 0, 0, 0])[:4]
    return (padded[0], padded[1], padded[2], padded[3])


def version_file_text(version: str) -> str:
    numbers = numeric(version)
    strings = {
        "CompanyName": COMPANY,
        "FileDescription": DESCRIPTION,
        "FileVersion": version,
        "InternalName": "teamkeel",
        "OriginalFilename": "teamkeel.exe",
        "ProductName": "Keel",
        "ProductVersion": version,
    }
    table = ",\n".join(f"          StringStruct({k!r}, {v!r})" for k, v in strings.items())
    return f"""# Written by packaging/version_info.py from teamkeel.__version__; do not edit.
VSVersionInfo(
  ffi=FixedFileInfo(
    filevers={numbers},
    prodvers={numbers},
    mask=0x3f,
    flags=0x0,
    OS=0x40004,
    fileType=0x1,
    subtype=0x0,
    date=(0, 0)
  ),
  kids=[
    StringFileInfo([
      StringTable(
        '040904B0',
        [
{table}
        ])
    ]),
    VarFileInfo([VarStruct('Translation', [1033, 1200])])
  ]
)
"""


def write(out: Path, version: str | None = None) -> Path:
    if version is None:
        import teamkeel

        version = teamkeel.__version__
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(version_file_text(version), encoding="utf-8")
    return out


if __name__ == "__main__":
    print(write(Path(sys.argv[1] if len(sys.argv) > 1 else "build/version_info.txt")))
