"""The handbook generator (see README.md)."""
import os as _os
import sys as _sys

if _sys.argv[:1] == ["-m"] or _os.path.basename(_sys.argv[0]) == "handbook":
    # `python -m generator` (Python names the module "-m" while it finds it) or the `handbook` command: a Ctrl+C
    # while Python still loads the command line ends it with one plain line (stopping.py; __main__.py runs it)
    from . import stopping as _stopping

    _stopping.install()
