"""Kept so `from tests import handbook_checks as hc` still works: the checks live in tests/kit/handbook/."""
from tests.kit.handbook import *  # noqa: F401,F403
