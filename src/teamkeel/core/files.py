"""Writing export files so that a failure never leaves half a file behind, and reading
the files given to Keel to import without trusting what they are."""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path

from teamkeel.core.errors import KeelError


@contextlib.contextmanager
def replacing(out: Path) -> Iterator[Path]:
    """Yield a temporary path beside ``out``; once the block has written it, it replaces
    ``out`` in one rename. On any failure the temporary file is removed and ``out``
    keeps its last good content. A missing or unwritable folder is a user error."""
    out = Path(out)
    if out.is_dir():
        raise KeelError(f"{out} is a folder; give a file name.")
    try:
        fd, name = tempfile.mkstemp(prefix=f".{out.name}.", suffix=".tmp", dir=out.parent)
    except OSError as exc:
        raise KeelError(f"Cannot write {out}: {exc.strerror or exc}.") from exc
    os.close(fd)
    tmp = Path(name)
    try:
        yield tmp
        os.replace(tmp, out)
    except OSError as exc:
        raise KeelError(f"Cannot write {out}: {exc.strerror or exc}.") from exc
    finally:
        tmp.unlink(missing_ok=True)


MB = 1024 * 1024


def read_input(path: Path, limit: int, what: str = "file") -> bytes:
    """The bytes of a file given to Keel to import, read safely.

    Only an ordinary file is read: a device (``/dev/zero`` never ends), a named pipe
    (which blocks until someone writes to it), a socket or a folder is refused before a
    byte is read. A file's size as the system reports it can be wrong (0 for a device, a
    file still growing), so at most ``limit`` bytes are read whatever it says; one more
    tells a file that is too large. ``what`` names the kind of file in messages ("roster",
    "team document"). Every refusal is a one-line ``KeelError``."""
    path = Path(path)
    try:
        # O_NONBLOCK: opening a pipe nobody writes to would otherwise wait for ever.
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | os.O_CLOEXEC)
    except OSError as exc:
        raise KeelError(f"Cannot read {path}: {exc.strerror or exc}.") from exc
    if not stat.S_ISREG(os.fstat(fd).st_mode):
        os.close(fd)
        raise KeelError(
            f"{path} is not an ordinary file (a folder, device or pipe); "
            f"give the {what} file itself."
        )
    with os.fdopen(fd, "rb") as handle:
        try:
            data = handle.read(limit + 1)
        except OSError as exc:
            raise KeelError(f"Cannot read {path}: {exc.strerror or exc}.") from exc
    if len(data) > limit:
        raise KeelError(f"{path.name} is larger than {_size(limit)}; that is not a {what}.")
    return data


def read_input_text(path: Path, limit: int, what: str = "file") -> str:
    """``read_input`` decoded as UTF-8 (a byte order mark, as Excel writes, is dropped)."""
    raw = read_input(path, limit, what)
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise KeelError(
            f"{Path(path).name} is not UTF-8 text (byte {exc.start}); "
            "save it as UTF-8 and try again."
        ) from exc


def _size(limit: int) -> str:
    return f"{limit // MB} MB" if limit >= MB else f"{limit} bytes"
