"""The checks of tests/test_guide_pages.py catch what issue 24 found: each is run on what the guide published, made
wrong the way the issue saw it (the DHS page given the memo's value, a coming day read as in effect, a date that
ignores the coming rule, a change not announced, "before the date above" among words any outcome shows)."""
from __future__ import annotations

import copy

import pytest

from tests.test_guide import guide_sites  # noqa: F401 (the fixture)
from tests.test_guide_pages import (BESIDE, _answers, _heading_is_true, _no_date_above_where_there_is_none, _table,
                                    _the_change_is_announced, _the_date_is_under_the_rule_in_force_then,
                                    _the_dhs_page_keeps_its_value)


def test_a_page_that_gives_the_dhs_page_the_memo_s_value_is_caught(guide_sites):
    text = guide_sites.on.print_text()
    assert _the_dhs_page_keeps_its_value(text, "en", "print")
    for wrong in (text.replace(BESIDE["en"], ""),  # the memo's value not beside
                  text.replace("requires one year" + BESIDE["en"], "requires 18 months"),  # the memo's value given to the DHS page
                  text.replace("Example memo › Time Since Reunification", "Example memo")):  # the memo's citation left out
        with pytest.raises(AssertionError):
            _the_dhs_page_keeps_its_value(wrong, "en", "print")


def test_a_coming_day_read_as_in_effect_is_caught():
    assert _heading_is_true("Coming on March 1, 2027", "2027-02-28", "en")
    assert not _heading_is_true("In effect from March 1, 2027", "2027-02-28", "en")
    assert not _heading_is_true("Regirá desde el 8 de febrero de 2027", "2027-02-28", "es")
    assert _heading_is_true("Rige desde el 1 de marzo de 2027", "2027-03-01", "es")


def _old_rule_only(table: dict) -> dict:
    """The table as if the memo's 18 months were not known: a result can then neither date by it nor announce it."""
    table = copy.deepcopy(table)
    req = next(r for r in table["requirements"] if r["id"] == "dhs-reunited-one-year")
    req["dated"] = req["dated"][:1]
    return table


def test_a_date_that_ignores_the_coming_rule_and_a_change_not_announced_are_caught(guide_sites):
    table = _table(guide_sites.before, "en")
    april, november = _answers(guide_sites, "2026-04"), _answers(guide_sites, "2025-11")
    _the_date_is_under_the_rule_in_force_then(table, april)
    _the_change_is_announced(table, november, "en")
    with pytest.raises(AssertionError):
        _the_date_is_under_the_rule_in_force_then(_old_rule_only(table), april)
    with pytest.raises(AssertionError):
        _the_change_is_announced(_old_rule_only(table), november, "en")
    silent = copy.deepcopy(table)
    silent["words"]["coming"] = "Then: {outcome}."  # the announcement without its day
    with pytest.raises(AssertionError):
        _the_change_is_announced(silent, november, "en")


def test_a_date_above_among_the_words_any_outcome_shows_is_caught(guide_sites):
    table = _table(guide_sites.before, "en")
    _no_date_above_where_there_is_none(table)
    wrong = copy.deepcopy(table)
    wrong["words"]["rule_changes"] = "This rule changes on {date}, before the date above. From then: {text}"
    with pytest.raises(AssertionError):
        _no_date_above_where_there_is_none(wrong)
