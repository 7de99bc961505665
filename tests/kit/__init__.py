"""The shared test kit: what tests (in any folder) and bench/ both need.

    from tests.kit import ROOT, copy_project, build_site, page, serve, launch_chromium, new_context

project.py  a copy of the project to change, and building it with MkDocs
pages.py    a built page, parsed
serve.py    serving a folder on 127.0.0.1 (plainly, or gzip-compressed as real hosts do)
browser.py  Debian's Chromium with the project's flags, a fresh browser context, many pages opened side by side
fixtures.py the pytest fixtures built on these (registered for the whole project by ./conftest.py)
handbook/   the checks that a built handbook shows exactly what its data holds
"""
from tests.kit.browser import CHROMIUM, CHROMIUM_ARGS, launch_chromium, new_context, open_each
from tests.kit.pages import page
from tests.kit.project import PROJECT_PARTS, ROOT, build_site, copy_project
from tests.kit.serve import serve

__all__ = ["CHROMIUM", "CHROMIUM_ARGS", "PROJECT_PARTS", "ROOT", "build_site", "copy_project", "launch_chromium",
           "new_context", "open_each", "page", "serve"]
