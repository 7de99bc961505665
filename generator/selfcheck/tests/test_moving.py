"""The parents' self-check in a real browser: moving around (Back, Change, the skip link)
and wrong or missing answers."""
from __future__ import annotations

from playwright.sync_api import expect

from generator.selfcheck.tests.driving import context, sc, table  # noqa: F401  (fixtures)
from generator.selfcheck.tests.driving import MEETS_ALL, MONTH, YEAR, _tab_to, answer_all, fill_answer, focused_text, h1, shows

def test_back_link_moves_between_screens_and_no_screen_is_a_history_entry(sc, table):
    """The check's own Back link goes to the screen before; no screen adds an entry to the browser's history
    (issue 21, 2: after leaving, Back must not find the self-check's screens)."""
    w = table["words"]
    q1, q2, q3 = table["questions"][:3]
    entries = sc.evaluate("history.length")
    sc.get_by_role("button", name=w["start"]).click()
    shows(sc, q1["text"])
    assert focused_text(sc) == q1["text"]
    fill_answer(sc, q1, "yes")
    sc.get_by_role("button", name=w["continue"]).click()
    shows(sc, q2["text"])
    assert focused_text(sc) == q2["text"]
    sc.get_by_role("link", name=w["back"]).click()
    shows(sc, q1["text"])
    assert focused_text(sc) == q1["text"]
    assert sc.get_by_role("radio", name="Yes", exact=True).is_checked()  # the answer is kept
    sc.get_by_role("button", name=w["continue"]).click()
    fill_answer(sc, q2, (2, 2024))
    sc.get_by_role("button", name=w["continue"]).click()
    shows(sc, q3["text"])
    url = sc.url
    sc.get_by_role("link", name=w["back"]).click()
    shows(sc, q2["text"])
    assert sc.get_by_role("textbox", name=MONTH).input_value() == "2"
    sc.get_by_role("link", name=w["back"]).click()
    shows(sc, q1["text"])
    sc.get_by_role("link", name=w["back"]).click()
    shows(sc, table["self_check"]["title"])
    assert sc.evaluate("history.length") == entries and sc.url == url
    assert sc.requests_after_load == []


def test_change_from_check_your_answers(sc, table):
    w, qs = table["words"], {q["id"]: q for q in table["questions"]}
    answer_all(sc, table, MEETS_ALL)
    rows = sc.locator(".sc-summary dt").all_inner_texts()
    assert qs["reunified-since"]["text"] in rows and qs["not-returned-since"]["text"] not in rows

    # a change that asks nothing new goes straight back to "Check your answers"
    sc.get_by_role("link", name=f'{w["change"]} {qs["reunified"]["text"]}').click()
    assert h1(sc) == qs["reunified"]["text"] and sc.get_by_role("radio", name="Yes", exact=True).is_checked()
    fill_answer(sc, qs["reunified"], "no")
    sc.get_by_role("button", name=w["continue"]).click()
    assert h1(sc) == w["check_title"]
    assert qs["reunified-since"]["text"] not in sc.locator(".sc-summary dt").all_inner_texts()

    # a change that opens a question asks it, then comes back
    sc.get_by_role("link", name=f'{w["change"]} {qs["not-returned"]["text"]}').click()
    fill_answer(sc, qs["not-returned"], "yes")
    sc.get_by_role("button", name=w["continue"]).click()
    assert h1(sc) == qs["not-returned-since"]["text"]
    fill_answer(sc, qs["not-returned-since"], (1, 2025))
    sc.get_by_role("button", name=w["continue"]).click()
    assert h1(sc) == w["check_title"]
    assert "January 2025" in sc.locator(".sc-summary").inner_text()
    sc.get_by_role("button", name=w["see_result"]).click()
    # no child returned: the sources disagree, so "talk to a person", never "not right now" (issue 13, point 5)
    assert h1(sc) == next(o["title"] for o in table["outcomes"] if o["id"] == "disputed")


def test_missing_and_wrong_answers_show_the_error_summary(sc, table):
    w, qs = table["words"], {q["id"]: q for q in table["questions"]}
    title = sc.title()
    sc.get_by_role("button", name=w["start"]).click()
    sc.get_by_role("button", name=w["continue"]).click()
    assert sc.title() == f'{w["error_prefix"]} {title}'
    assert sc.evaluate("document.activeElement.className") == "sc-errors"
    assert focused_text(sc).startswith(w["error_title"])
    sc.get_by_role("link", name=qs["reunified"]["error"] or w["error_choose"]).click()
    assert sc.evaluate("document.activeElement.type") == "radio"
    fill_answer(sc, qs["reunified"], "yes")
    sc.get_by_role("button", name=w["continue"]).click()
    assert sc.title() == title

    date = qs["reunified-since"]
    cases = [
        (("", ""), date["error"] or w["error_date"].replace("{unsure_label}", date["unsure_label"])),
        (("13", "2024"), w["error_month"]),
        (("0", "2024"), w["error_month"]),
        (("2", "24"), w["error_year"]),
        (("7", "2025"), w["error_future"]),  # today is June 2025
        (("1", "2026"), w["error_future"]),
    ]
    for (month, year), message in cases:
        sc.get_by_role("textbox", name=MONTH).fill(month)
        sc.get_by_role("textbox", name=YEAR).fill(year)
        sc.get_by_role("button", name=w["continue"]).click()
        assert h1(sc) == date["text"]
        assert sc.title().startswith(w["error_prefix"] + " ")
        summary = sc.locator(".sc-errors")
        assert summary.evaluate("el => el === document.activeElement")
        assert summary.get_by_role("link", name=message).is_visible()
        assert sc.get_by_role("group", name=date["text"]).get_by_text(message).is_visible()
    sc.get_by_role("textbox", name=MONTH).fill("6")
    sc.get_by_role("textbox", name=YEAR).fill("2025")  # this month is allowed
    sc.get_by_role("button", name=w["continue"]).click()
    assert h1(sc) == qs["case-dismissed"]["text"] and sc.title() == title


def test_skip_link_leads_into_the_self_check(sc, table):
    """The theme's skip link must not point at the checklist, which is hidden when JavaScript runs."""
    sc.keyboard.press("Tab")
    skip = sc.evaluate("document.activeElement.getAttribute('href')")
    target = sc.locator(skip)
    expect(target).to_be_visible()
    sc.keyboard.press("Enter")
    _tab_to(sc, table["words"]["start"])  # the next Tab stops are inside the self-check


def test_start_screen_back_link_leads_to_the_eligibility_page(sc, table, site_url):
    """A Back link on every screen: on the first one it leads back to the handbook's eligibility page."""
    sc.get_by_role("link", name=table["words"]["back"]).click()
    sc.wait_for_url(site_url + "/eligibility/")
