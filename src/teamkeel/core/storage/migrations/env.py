"""Alembic environment: always run by Keel itself with a connection it prepared."""

from alembic import context

from teamkeel.core.storage.base import Base
from teamkeel.core.storage.models_registry import load_all_models

load_all_models()

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,  # SQLite can only alter tables by rebuilding them
)
with context.begin_transaction():
    context.run_migrations()
