"""Sync: what changed and what was deleted since a cursor, for offline clients."""
