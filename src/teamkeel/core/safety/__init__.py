"""Data safety: rolling backups taken before a team file is opened, restoring one of
them, and checks that a file is whole and consistent.

``backup`` keeps the copies, ``check`` finds problems, ``hooks`` makes Keel back a file
up every time it opens one (``TeamFile.open`` loads it on its own).
"""

from teamkeel.core.safety.backup import Backup, BackupPolicy, backup_now, list_backups, restore
from teamkeel.core.safety.check import Finding, check_file

__all__ = [
    "Backup",
    "BackupPolicy",
    "Finding",
    "backup_now",
    "check_file",
    "list_backups",
    "restore",
]
