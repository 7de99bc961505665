"""site: see README.md in this folder."""
