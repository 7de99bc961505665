"""The handbook generator (see README.md). Its folders, each importing only those below it:

commands/   what policy staff run (`python -m generator ...`)
site/       the handbook's pages, built by MkDocs (hooks.py is MkDocs' entry point)
selfcheck/  the parents' self-check, one component: its decision table, its evaluators (Python and the page's
            script), its page; and the policy scenarios run through it
policy/     the policy data read and checked: from data/*.yaml to a Handbook, or problems with file, line, fix
model/      the data model (pydantic), with every rule about one file's own contents and the kinds of rule
templates/  the pages' Jinja templates; locales/ the interface words of each language
Each folder says what lives there: its README.md (model/: its __init__.py).
"""
import os as _os
import sys as _sys

if _sys.argv[:1] == ["-m"] or _os.path.basename(_sys.argv[0]) == "handbook":
    # `python -m generator` (Python names the module "-m" while it finds it) or the `handbook` command: a Ctrl+C
    # while Python still loads the command line ends it with one plain line (stopping.py; __main__.py runs it)
    from generator.commands import stopping as _stopping

    _stopping.install()
