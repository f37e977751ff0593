"""Reports of a scan, as text, JSON and HTML."""
