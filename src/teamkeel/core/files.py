"""Writing export files so that a failure never leaves half a file behind."""

from __future__ import annotations

import contextlib
import os
import secrets
from collections.abc import Iterator
from pathlib import Path

from teamkeel.core.errors import KeelError


def _new_file_beside(out: Path, private: bool) -> Path:
    """Create an empty, uniquely named file next to ``out``. An export is made to be
    shared: it gets the user's usual mode (0o666 less the umask, e.g. 0644), as any
    program's new file would; a ``private`` one (a whole team's data) is 0600."""
    mode = 0o600 if private else 0o666
    for _ in range(100):
        tmp = out.parent / f".{out.name}.{secrets.token_hex(4)}.tmp"
        try:
            fd = os.open(tmp, os.O_CREAT | os.O_EXCL | os.O_WRONLY, mode)
        except FileExistsError:
            continue
        os.close(fd)
        return tmp
    raise FileExistsError(f"no free temporary name beside {out}")


@contextlib.contextmanager
def replacing(out: Path, private: bool = False) -> Iterator[Path]:
    """Yield a temporary path beside ``out``; once the block has written it, it replaces
    ``out`` in one rename. On any failure the temporary file is removed and ``out``
    keeps its last good content. A missing or unwritable folder is a user error.
    The file gets the user's usual mode, or 0600 when ``private``."""
    out = Path(out)
    if out.is_dir():
        raise KeelError(f"{out} is a folder; give a file name.")
    try:
        tmp = _new_file_beside(out, private)
    except OSError as exc:
        raise KeelError(f"Cannot write {out}: {exc.strerror or exc}.") from exc
    try:
        yield tmp
        os.replace(tmp, out)
    except OSError as exc:
        raise KeelError(f"Cannot write {out}: {exc.strerror or exc}.") from exc
    finally:
        tmp.unlink(missing_ok=True)
