"""Writing export files so that a failure never leaves half a file behind, and never
over the team file itself; reading the files given to Keel to import without trusting
what they are."""

from __future__ import annotations

import contextlib
import gc
import os
import secrets
import stat
from collections.abc import Iterator
from pathlib import Path

from teamkeel.core.errors import KeelError
from teamkeel.core.i18n import _
from teamkeel.core.paths import data_dir
from teamkeel.core.storage.fileinfo import APPLICATION_ID, SQLITE_HEADER
from teamkeel.core.storage.teamfile import open_team_paths

# What SQLite keeps beside a team file while it is open.
COMPANIONS = ("", "-wal", "-shm", "-journal")


def _same_file(a: Path, b: Path) -> bool:
    """One file under two names: equal resolved paths, or (both existing) one inode."""
    if a == b.resolve():
        return True
    try:
        return a.exists() and b.exists() and os.path.samefile(a, b)
    except OSError:
        return False


def _is_keel_file(path: Path) -> bool:
    """True if ``path`` holds a Keel team file (or a backup of one): a SQLite header
    with Keel's application id, which SQLite stores big-endian at byte 68."""
    try:
        with path.open("rb") as handle:
            head = handle.read(72)
    except OSError:
        return False
    return head.startswith(SQLITE_HEADER) and head[68:72] == APPLICATION_ID.to_bytes(4, "big")


def refuse_team_file(out: Path, any_keel_file: bool = True) -> None:
    """Raise ``KeelError`` if writing ``out`` would destroy a team file: a file this
    process has open or its -wal/-shm companions, anything in Keel's backups folder,
    and (with ``any_keel_file``) any existing Keel team file or backup."""
    target = Path(out).expanduser().resolve()
    for team in open_team_paths():
        for suffix in COMPANIONS:
            if _same_file(target, Path(f"{team}{suffix}")):
                if suffix:
                    refusal = _(
                        "Keel will not write over {out}: it is part of the open team file "
                        "{name}. Choose another name."
                    )
                else:
                    refusal = _(
                        "Keel will not write over {out}: it is the open team file. Choose "
                        "another name."
                    )
                raise KeelError(refusal.format(out=out, name=team.name))
    backups = (data_dir() / "backups").resolve()  # teamkeel.core.safety.backup.backups_root
    if target.is_relative_to(backups):
        raise KeelError(
            _("Keel will not write into its backups folder ({out}). Choose another place.").format(
                out=out
            )
        )
    if not any_keel_file:
        return
    stems = [
        target.name.removesuffix(s)
        for s in COMPANIONS[1:]
        if target.name.endswith(s) and target.name != s
    ]
    if any(_is_keel_file(target.with_name(name)) for name in [target.name, *stems]):
        raise KeelError(
            _(
                "Keel will not write over {out}: it is a Keel team file or part of one. Choose "
                "another name."
            ).format(out=out)
        )


def _new_file_beside(out: Path, private: bool) -> Path:
    """Create an empty, uniquely named file next to ``out``. An export is made to be
    shared: it gets the user's usual mode (0o666 less the umask, e.g. 0644), as any
    program's new file would; a ``private`` one (a whole team's data) is 0600."""
    mode = 0o600 if private else 0o666
    for _attempt in range(100):
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
    keeps its last good content. A missing or unwritable folder is a user error, and so
    is a target that is a team file (``refuse_team_file``): every export passes here.
    The file gets the user's usual mode, or 0600 when ``private``."""
    out = Path(out)
    if out.is_dir():
        raise KeelError(_("{out} is a folder; give a file name.").format(out=out))
    refuse_team_file(out)
    try:
        tmp = _new_file_beside(out, private)
    except OSError as exc:
        raise KeelError(
            _("Cannot write {out}: {strerror}.").format(out=out, strerror=exc.strerror or exc)
        ) from exc
    try:
        yield tmp
        os.replace(tmp, out)
    except OSError as exc:
        raise KeelError(
            _("Cannot write {out}: {strerror}.").format(out=out, strerror=exc.strerror or exc)
        ) from exc
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
        raise KeelError(
            _("Cannot read {path}: {strerror}.").format(path=path, strerror=exc.strerror or exc)
        ) from exc
    if not stat.S_ISREG(os.fstat(fd).st_mode):
        os.close(fd)
        raise KeelError(
            _(
                "{path} is not an ordinary file (a folder, device or pipe); give the {what} file "
                "itself."
            ).format(path=path, what=what)
        )
    with os.fdopen(fd, "rb") as handle:
        try:
            data = handle.read(limit + 1)
        except OSError as exc:
            raise KeelError(
                _("Cannot read {path}: {strerror}.").format(path=path, strerror=exc.strerror or exc)
            ) from exc
    if len(data) > limit:
        raise KeelError(
            _("{file} is larger than {_size}; that is not a {what}.").format(
                file=path.name, _size=_size(limit), what=what
            )
        )
    return data


def read_input_text(path: Path, limit: int, what: str = "file") -> str:
    """``read_input`` decoded as UTF-8 (a byte order mark, as Excel writes, is dropped)."""
    raw = read_input(path, limit, what)
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise KeelError(
            _("{name} is not UTF-8 text (byte {start}); save it as UTF-8 and try again.").format(
                name=Path(path).name, start=exc.start
            )
        ) from exc


def _size(limit: int) -> str:
    return f"{limit // MB} MB" if limit >= MB else f"{limit} bytes"


@contextlib.contextmanager
def gc_paused() -> Iterator[None]:
    """No cyclic garbage collection while a large file is read or stored: its rows are
    many small objects and no garbage cycles, and each collection would walk them all
    again (100,000 roster rows took three times as long)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
