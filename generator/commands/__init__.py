"""commands: see README.md in this folder."""
