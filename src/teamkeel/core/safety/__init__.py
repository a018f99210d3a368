"""Data safety: rolling backups taken before a team file is opened, restoring one of
them, and checks that a file is whole and consistent.

``backup`` keeps the copies, ``check`` finds problems, ``hooks`` makes Keel back a file
up every time it opens one (``TeamFile.open`` loads it on its own).
"""

# Nothing is imported here: ``TeamFile.open`` loads ``hooks`` on every start, and the
# integrity checks in ``check`` are not needed for that.
