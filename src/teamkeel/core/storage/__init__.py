"""Storage: one team per SQLite file, SQLAlchemy models and Alembic migrations."""

from teamkeel.core.storage.teamfile import TeamFile

__all__ = ["TeamFile"]
