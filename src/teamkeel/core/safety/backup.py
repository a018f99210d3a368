"""Rolling backups of team files, and restoring one of them.

Every team file gets its own folder under ``<user data>/backups/``, named after the file
and a short hash of its full path (two files called ``team.keel`` in different folders
never share backups). Each backup is a standalone SQLite file written with the online
backup API (``teamkeel.core.storage.copy.snapshot``), readable by its owner only, named
by the UTC time it was taken and why: ``20261127T170300123456Z-open.keel``.

What is kept (``BackupPolicy``): the newest ``keep_last`` backups, plus the oldest backup
of every ISO week, so that a mistake noticed weeks later can still be undone. The policy
lives in ``backups/policy.json`` beside the backups: it has to be readable before a team
file is opened, so it cannot live inside one.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
import os
import re
import shutil
import sqlite3
from dataclasses import asdict, dataclass
from pathlib import Path

from teamkeel.core.errors import FileRefused, KeelError
from teamkeel.core.i18n import N_, _
from teamkeel.core.paths import data_dir
from teamkeel.core.storage.copy import snapshot
from teamkeel.core.storage.teamfile import inspect_file

log = logging.getLogger(__name__)
POLICY_FILE = "policy.json"
SOURCE_FILE = "source.txt"
SUFFIX = ".keel"
_NAME_RE = re.compile(r"^(\d{8}T\d{12}Z)-([a-z-]+)(?:-(\d+))?\.keel$")
_STAMP = "%Y%m%dT%H%M%S%fZ"

# Why a backup was taken; shown in the restore dialog.
REASONS = {
    "open": N_("opened"),
    "while-open": N_("while open"),
    "close": N_("closed"),
    "before-restore": N_("before a restore"),
    "before-import": N_("before an import"),
    "manual": N_("by hand"),
}


@dataclass(frozen=True)
class BackupPolicy:
    """How many backups to keep: the newest ``keep_last``, plus the first backup of
    each of the latest ``keep_weeks`` ISO weeks that have one (a year by default, so a
    large team file does not fill the disk with years of weekly copies)."""

    keep_last: int = 10
    keep_weeks: int = 52

    @classmethod
    def load(cls, root: Path | None = None) -> BackupPolicy:
        """The saved policy; a missing or unreadable file means the defaults (a bad
        settings file must never stop anyone from opening their team)."""
        path = (root or backups_root()) / POLICY_FILE
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            keep_last = int(data.get("keep_last", cls.keep_last))
            keep_weeks = int(data.get("keep_weeks", cls.keep_weeks))
        except (OSError, ValueError, TypeError, AttributeError):
            return cls()
        return cls(keep_last=max(1, keep_last), keep_weeks=max(0, keep_weeks))

    def save(self, root: Path | None = None) -> None:
        if self.keep_last < 1:
            raise KeelError(_("Keep at least one backup (keep_last must be 1 or more)."))
        if self.keep_weeks < 0:
            raise KeelError(_("keep_weeks cannot be negative (0 keeps no weekly backups)."))
        folder = root or backups_root()
        _private_dir(folder)
        tmp = folder / f".{POLICY_FILE}.tmp"
        fd = _open_private(tmp, os.O_CREAT | os.O_WRONLY | os.O_TRUNC)
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            out.write(json.dumps(asdict(self), indent=2) + "\n")
        tmp.replace(folder / POLICY_FILE)


@dataclass(frozen=True)
class Backup:
    path: Path
    taken_at: dt.datetime  # aware, UTC
    reason: str
    size: int

    @property
    def reason_text(self) -> str:
        return _(REASONS.get(self.reason, self.reason))

    def local_time(self) -> dt.datetime:
        return self.taken_at.astimezone()


def backups_root() -> Path:
    return data_dir() / "backups"


def folder_for(team_path: Path) -> Path:
    """The folder holding the backups of one team file."""
    resolved = str(Path(team_path).expanduser().resolve())
    digest = hashlib.sha256(resolved.encode("utf-8", "surrogateescape")).hexdigest()[:12]
    stem = re.sub(r"[^\w.-]+", "_", Path(resolved).stem)[:60] or "team"
    return backups_root() / f"{stem}-{digest}"


class LinkRefused(KeelError):
    """A symbolic link where Keel keeps backups: someone may have planted it to make
    Keel write elsewhere, so Keel does not work through it."""

    def __init__(self, path: Path):
        super().__init__(
            f"{path} is a symbolic link; Keel does not follow links in its backups folder. "
            "Remove the link and try again."
        )


_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)


def _open_private(path: Path, flags: int) -> int:
    """``os.open`` of a file in a backups folder, owner-only, never through a link."""
    try:
        return os.open(path, flags | _NOFOLLOW, 0o600)
    except OSError as exc:
        if path.is_symlink():
            raise LinkRefused(path) from exc
        raise


def _private_dir(folder: Path) -> None:
    """Create ``folder`` (and the backups root above it) readable by the owner only;
    refuse a link in place of either (``LinkRefused``)."""
    root = backups_root()
    for each in [root, folder] if folder.parent == root else [folder]:
        if each.is_symlink():
            raise LinkRefused(each)
        each.mkdir(parents=True, exist_ok=True)
        if os.name == "posix":
            # Through a descriptor opened without following links: no link swapped in
            # after the check above can redirect the chmod.
            try:
                fd = os.open(each, os.O_RDONLY | os.O_DIRECTORY | _NOFOLLOW)
            except OSError as exc:
                if each.is_symlink():
                    raise LinkRefused(each) from exc
                raise
            try:
                os.fchmod(fd, 0o700)
            finally:
                os.close(fd)


def _parse_stamp(stamp: str) -> dt.datetime:
    """The time in a name written with ``_STAMP`` (by hand: ``strptime`` costs a few
    milliseconds to load, and this runs on every start)."""
    s = stamp
    return dt.datetime(
        int(s[0:4]), int(s[4:6]), int(s[6:8]), int(s[9:11]), int(s[11:13]), int(s[13:15]),
        int(s[15:21]), tzinfo=dt.UTC,
    )  # fmt: skip


def _parse(path: Path) -> Backup | None:
    match = _NAME_RE.match(path.name)
    if not match:
        return None
    try:
        taken = _parse_stamp(match.group(1))
        size = path.stat().st_size
    except (ValueError, OSError):
        return None
    return Backup(path, taken, match.group(2), size)


def list_backups(team_path: Path) -> list[Backup]:
    """The backups of a team file, newest first."""
    folder = folder_for(team_path)
    if folder.is_symlink() or not folder.is_dir():
        return []
    # A link named like a backup is not one of Keel's backups.
    found = [b for b in map(_parse, folder.iterdir()) if b is not None and not b.path.is_symlink()]
    return sorted(found, key=lambda b: (b.taken_at, b.path.name), reverse=True)


def _new_name(folder: Path, reason: str, now: dt.datetime) -> Path:
    stamp = now.astimezone(dt.UTC).strftime(_STAMP)
    path = folder / f"{stamp}-{reason}{SUFFIX}"
    n = 1
    while path.exists():  # two backups within the same microsecond
        n += 1
        path = folder / f"{stamp}-{reason}-{n}{SUFFIX}"
    return path


def verify_copy(path: Path) -> list[str]:
    """Problems SQLite finds in a standalone copy (empty list: it is whole)."""
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            rows = [r[0] for r in conn.execute("PRAGMA quick_check")]
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        return [str(exc)]
    return [] if rows == ["ok"] else rows


STATE_FILE = "last-backup.json"


def fingerprint(team_path: Path) -> list[list[int] | None]:
    """Size and modification time of the file and its write-ahead log: any committed
    change to the team moves one of them. An empty log holds nothing (readers create
    and remove one), so it counts as no log."""
    marks: list[list[int] | None] = []
    for suffix in ("", "-wal"):
        try:
            st = os.stat(f"{team_path}{suffix}")
        except FileNotFoundError:
            marks.append(None)
        else:
            marks.append([st.st_size, st.st_mtime_ns] if st.st_size or not suffix else None)
    return marks


def unchanged_since_backup(team_path: Path) -> bool:
    """True when the newest backup already holds exactly this state of the file, so
    another copy would only push an older, different state out of the rotation."""
    folder = folder_for(Path(team_path))
    try:
        fd = os.open(folder / STATE_FILE, os.O_RDONLY | _NOFOLLOW)
        with os.fdopen(fd, encoding="utf-8") as handle:
            recorded = json.loads(handle.read())
    except (OSError, ValueError):  # a link counts as no record: a backup is taken
        return False
    if not isinstance(recorded, dict):
        return False
    backups = list_backups(Path(team_path))
    return (
        bool(backups)
        and recorded.get("backup") == backups[0].path.name
        and recorded.get("fingerprint") == fingerprint(Path(team_path))
    )


def _remember(team_path: Path, backup: Path, marks: list[list[int] | None]) -> None:
    state = folder_for(team_path) / STATE_FILE
    fd = _open_private(state, os.O_CREAT | os.O_WRONLY | os.O_TRUNC)
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        json.dump({"backup": backup.name, "fingerprint": marks}, out)


def backup_now(
    team_path: Path,
    reason: str = "open",
    verify: bool = True,
    now: dt.datetime | None = None,
    prune_old: bool = True,
) -> Backup:
    """Take a backup of a team file into its rolling folder, then prune old ones.

    With ``verify`` a copy that SQLite finds damaged is thrown away and the file is
    refused, so a damaged file never pushes good backups out of the rotation.
    Raises ``sqlite3.DatabaseError`` or ``OSError`` when the copy cannot be made.
    Without ``prune_old`` nothing is deleted (the next backup prunes).
    """
    team_path = Path(team_path)
    folder = folder_for(team_path)
    _private_dir(folder)
    source_note = folder / SOURCE_FILE
    if source_note.is_symlink():
        raise LinkRefused(source_note)
    if not source_note.exists():
        fd = _open_private(source_note, os.O_CREAT | os.O_EXCL | os.O_WRONLY)
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            out.write(str(team_path.resolve()) + "\n")
    target = _new_name(folder, reason, now or dt.datetime.now(dt.UTC))
    marks = fingerprint(team_path)
    snapshot(team_path, target)
    if verify:
        problems = verify_copy(target)
        if problems:
            target.unlink(missing_ok=True)
            log.error("%s refused: its backup copy is damaged (%s)", team_path, problems[0])
            raise FileRefused(
                _(
                    "{file} is damaged ({problems}); restore a backup with File → Restore from "
                    "backup or `teamkeel backups restore`."
                ).format(file=team_path.name, problems=problems[0])
            )
    _remember(team_path, target, marks)
    log.info("Backed up %s (%s) to %s", team_path, reason, target)
    if prune_old:
        prune(team_path)
    found = _parse(target)
    assert found is not None
    return found


def backup_if_changed(team_path: Path, reason: str, prune_old: bool = True) -> Backup | None:
    """Take a backup unless the newest one already holds this state of the file (the
    window's periodic and on-close backups: no changes, no copy). Same errors as
    ``backup_now``; a damaged file is refused and its copy not kept."""
    if unchanged_since_backup(team_path):
        return None
    return backup_now(team_path, reason=reason, prune_old=prune_old)


def to_keep(backups: list[Backup], policy: BackupPolicy) -> set[Path]:
    """The newest ``keep_last`` backups plus the oldest of each of the latest
    ``keep_weeks`` ISO weeks."""
    newest_first = sorted(backups, key=lambda b: (b.taken_at, b.path.name), reverse=True)
    keep = {b.path for b in newest_first[: policy.keep_last]}
    first_of_week: dict[tuple[int, int], Backup] = {}
    for b in reversed(newest_first):  # oldest first: the first seen in a week stays
        iso = b.taken_at.isocalendar()
        first_of_week.setdefault((iso.year, iso.week), b)
    latest_weeks = sorted(first_of_week, reverse=True)[: policy.keep_weeks]
    keep.update(first_of_week[week].path for week in latest_weeks)
    return keep


def prune(team_path: Path, policy: BackupPolicy | None = None) -> list[Path]:
    """Delete the backups the policy no longer keeps; return what was deleted."""
    policy = policy or BackupPolicy.load()
    backups = list_backups(team_path)
    keep = to_keep(backups, policy)
    removed = []
    for b in backups:
        if b.path not in keep:
            b.path.unlink(missing_ok=True)
            removed.append(b.path)
    return removed


def _raw_copy(team_path: Path, now: dt.datetime | None = None) -> Backup:
    """Keep the bytes of a file SQLite cannot copy (it may be damaged): main file and
    write-ahead log, side by side, so that opening the copy sees the same state."""
    folder = folder_for(team_path)
    _private_dir(folder)
    target = _new_name(folder, "before-restore", now or dt.datetime.now(dt.UTC))
    for suffix in ("", "-wal"):
        source = Path(f"{team_path}{suffix}")
        if source.exists():
            dest = Path(f"{target}{suffix}")
            fd = os.open(dest, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
            with os.fdopen(fd, "wb") as out, source.open("rb") as src:
                shutil.copyfileobj(src, out)
    found = _parse(target)
    assert found is not None
    return found


def restore(backup: Path, target: Path) -> Backup | None:
    """Make ``target`` hold the contents of ``backup``.

    The current state of ``target`` is backed up first (returned; None if there was no
    file). The backup must be a whole Keel file this version understands. The contents
    are written through SQLite's backup API into the live file, so another Keel that has
    it open sees the change safely; a file too damaged for that is replaced instead.
    """
    backup, target = Path(backup), Path(target)
    if not backup.is_file():
        raise KeelError(_("There is no backup at {backup}.").format(backup=backup))
    if backup.resolve() == target.resolve():
        raise KeelError(_("A file cannot be restored from itself."))
    inspect_file(backup)
    problems = verify_copy(backup)
    if problems:
        raise KeelError(
            _("The backup {backup_name} is damaged ({problems}); choose another.").format(
                backup_name=backup.name, problems=problems[0]
            )
        )
    before: Backup | None = None
    if target.exists():
        if target.is_dir():
            raise KeelError(_("{target} is a folder, not a team file.").format(target=target))
        try:
            # No pruning now: the backup being restored may be the oldest one kept,
            # which this extra copy would push out before it is read.
            before = backup_now(target, reason="before-restore", verify=False, prune_old=False)
        except (sqlite3.DatabaseError, KeelError):
            before = _raw_copy(target)
        try:
            _copy_into_live(backup, target)
        except sqlite3.OperationalError as exc:
            if "locked" in str(exc) or "busy" in str(exc):
                raise KeelError(
                    _("{file} is busy in another Keel; try the restore again.").format(
                        file=target.name
                    )
                ) from exc
            _replace(backup, target)
        except sqlite3.DatabaseError:
            _replace(backup, target)
    else:
        _replace(backup, target)
    inspect_file(target)
    return before


def _copy_into_live(backup: Path, target: Path) -> None:
    src = sqlite3.connect(f"{backup.resolve().as_uri()}?mode=ro", uri=True)
    try:
        dst = sqlite3.connect(target, timeout=15)
        try:
            dst.execute("PRAGMA busy_timeout=15000")
            src.backup(dst)
        finally:
            dst.close()
    finally:
        src.close()


def _replace(backup: Path, target: Path) -> None:
    """Swap in a fresh copy under the target's name (for a missing or unreadable file)."""
    tmp = target.with_name(f".{target.name}.restoring")
    snapshot(backup, tmp)
    for suffix in ("-wal", "-shm"):
        Path(f"{target}{suffix}").unlink(missing_ok=True)
    os.replace(tmp, target)
