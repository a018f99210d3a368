"""Keel: an offline desktop companion for a team lead building a culture of mutual support."""

__version__ = "0.1.0"
