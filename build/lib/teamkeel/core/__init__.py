"""Domain, planning, storage and export. Never imports Qt."""
