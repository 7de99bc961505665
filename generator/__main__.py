"""`python -m generator <command>`: the command line for policy staff (see generator/cli.py)."""
from .cli import main

main()
