"""The workshop's anonymous summary of a room's scans (counts only, no names)."""
