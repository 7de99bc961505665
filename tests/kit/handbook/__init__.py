"""Checks that a built handbook shows exactly what its data holds, read with a real HTML parser.

Each `check_*` function compares a list read from the built pages with the same list built from
the data (generator.policy.load.load_all), item by item and in order, and raises AssertionError naming
the list when they differ. `check_handbook` runs them all. They are shared by the tests of the
real program, of changed copies of it, and of the second program in tests/fixtures/.

`from tests.kit import handbook as hc` gives all of them: reading.py (reading pages and the data's
lists), pages.py (one check per page, `check_handbook`), printed.py (citations across pages, the print
page), links.py (links and external addresses).
"""
from urllib.parse import urljoin  # noqa: F401  (tests use hc.urljoin)

from bs4 import BeautifulSoup  # noqa: F401  (tests use hc.BeautifulSoup)

from generator.policy.strings import strings_for  # noqa: F401
from tests.kit.handbook.links import *  # noqa: F401,F403
from tests.kit.handbook.pages import *  # noqa: F401,F403
from tests.kit.handbook.reading import *  # noqa: F401,F403
from tests.kit.pages import page  # noqa: F401
