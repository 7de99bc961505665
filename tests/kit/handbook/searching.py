"""Searching the built handbook in Chromium as a caseworker does: open search (on a phone, with its button),
type or paste a question, and wait until the search worker has answered that very question.

Material searches as each key is let go, so while a question is typed, the answers to its first letters
come and go ("ride" on the way to "rides"), and they can look like the final one. `watch_search` counts
in the page the questions sent to the search worker and its answers (a test-only init script, wrapping the
page's Worker); `ask` waits until the last question sent is the whole question and every question has
its answer, so what is checked after it is the answer to the whole question."""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import material

WATCH = """(() => {
  const Original = window.Worker, seen = window.__search = { sent: [], answered: 0 };
  window.Worker = function (url, options) {
    const worker = new Original(url, options), post = worker.postMessage.bind(worker);
    worker.postMessage = (message, ...rest) => {  // Material's message types: 2 a question, 3 an answer
      if (message && message.type === 2) seen.sent.push(message.data);
      return post(message, ...rest);
    };
    worker.addEventListener("message", event => { if (event.data && event.data.type === 3) seen.answered++; });
    return worker;
  };
  window.Worker.prototype = Original.prototype;
})()"""
ANSWERED = "q => { const s = window.__search; return s.sent.length > 0 && s.sent[s.sent.length - 1] === q && s.answered === s.sent.length; }"


@lru_cache(maxsize=None)
def theme_word(language: str, key: str) -> str:
    """Material's own word in a language (its partials/languages/<language>.html), such as the search box's name."""
    text = (Path(material.__file__).parent / "templates" / "partials" / "languages" / f"{language}.html").read_text(encoding="utf-8")
    found = re.search(rf'^\s*"{re.escape(key)}":\s*"([^"]*)"', text, re.M)
    return found.group(1) if found else theme_word("en", key)


def watch_search(context) -> None:
    """Count the search worker's questions and answers in every page of `context` (before it opens a page)."""
    context.add_init_script(WATCH)


def search_box(page, language: str):
    """The search box, opened with the header's search button where the box is not shown (a phone)."""
    box = page.get_by_role("textbox", name=theme_word(language, "search.placeholder"))
    if not box.is_visible():
        page.get_by_role("button", name=theme_word(language, "search"), exact=True).click()
    return box


def ask(page, box, question: str, how: str = "typed") -> None:
    """Empty the search box, then put `question` in it, key by key ("typed") or at once without a key, as a
    mouse paste does ("pasted": the browser's own text insertion, an input event and no key events), and
    wait until the worker has answered it."""
    box.fill("")
    page.wait_for_function(ANSWERED, arg="")
    if how == "typed":
        box.press_sequentially(question)
    else:
        box.evaluate("(box, text) => { box.focus(); document.execCommand('insertText', false, text); }", question)
    page.wait_for_function(ANSWERED, arg=question)
