// The handbook's own script: the print page's button prints (no inline onclick: the
// Content-Security-Policy in site_overrides/main.html lets no inline event handler run).
document.querySelectorAll(".print-button").forEach(function (button) {
  button.addEventListener("click", function () { window.print(); });
});

// The header's menu and search buttons (site_overrides/partials/header.html) open and close
// Material's drawer and search, which follow their hidden checkboxes; the buttons say whether
// they are open. Opening search puts the focus in the search box.
document.querySelectorAll("button[data-toggle]").forEach(function (button) {
  var box = document.getElementById(button.getAttribute("data-toggle"));
  var show = function () { button.setAttribute("aria-expanded", String(box.checked)); };
  box.addEventListener("change", show);
  button.addEventListener("click", function () {
    box.click();
    show();
    if (box.checked && box.id === "__search") document.querySelector(".md-search__input").focus();
  });
});

// The drawer of a phone or tablet (Material's navigation, opened by the menu button) is a dialog while
// open: the focus moves into it and stays there (Tab goes round it; the rest of the page is inert, so
// neither the keyboard nor a screen reader reaches the header behind the overlay), and Escape closes it
// and gives the focus back to the menu button. Closed, it is hidden (handbook.css), so Tab never enters it.
(function () {
  var box = document.getElementById("__drawer"), drawer = document.querySelector(".md-sidebar--primary"),
      menu = document.querySelector("button[data-toggle=__drawer]"), sliding = matchMedia("(max-width: 76.234375em)");
  if (!box || !drawer || !menu) return;
  var behind = [], followed = false;
  // a link to a part of this page, followed from the drawer, closes it (Material): the focus stays with that part
  addEventListener("hashchange", function () { followed = true; });

  function stops() {
    return Array.prototype.filter.call(drawer.querySelectorAll("a[href], [tabindex='0'], button, input:not([type=checkbox])"),
      function (e) { return e.getClientRects().length && getComputedStyle(e).visibility !== "hidden"; });
  }
  function inert(on) {
    behind.forEach(function (e) { e.inert = false; });
    behind = [];
    for (var e = drawer; on && e.parentElement && e !== document.body; e = e.parentElement) {
      Array.prototype.forEach.call(e.parentElement.children, function (other) {
        if (other !== e && !other.inert && !other.matches("input, label, script")) { other.inert = true; behind.push(other); }
      });
    }
  }
  // a window made wide enough shows the navigation as a sidebar: nothing is inert then
  if (sliding.addEventListener) sliding.addEventListener("change", function () { inert(box.checked && sliding.matches); });
  box.addEventListener("change", function () {
    var open = box.checked && sliding.matches;
    inert(open);
    if (open && stops().length) stops()[0].focus({ preventScroll: true });
    else if (!box.checked && !followed && (drawer.contains(document.activeElement) || document.activeElement === document.body)) menu.focus();
    followed = false;
  });
  document.addEventListener("keydown", function (event) {
    if (!box.checked || !sliding.matches) return;
    if (event.key === "Escape") {
      event.preventDefault();
      box.click();
      menu.focus();
    } else if (event.key === "Tab") {
      var all = stops(), at = all.indexOf(document.activeElement), n = all.length;
      if (!n) return;
      event.preventDefault();
      all[at === -1 ? (event.shiftKey ? n - 1 : 0) : (at + (event.shiftKey ? n - 1 : 1)) % n].focus();
    }
  });
})();

// Search (Material's, site_overrides/partials/search.html).
(function () {
  var input = document.querySelector(".md-search__input"), result = document.querySelector(".md-search-result");
  if (!input || !result) return;
  // Material searches on key-up: text pasted with the mouse, or put in by any other means, searches too
  input.addEventListener("input", function () { input.dispatchEvent(new KeyboardEvent("keyup")); });

  // When no result has every word searched for (in any of its forms), the note under the count says that
  // the policy documents do not mention it, with a link to the sources page. A result's link names the
  // words it matched (?h=, Material's search.highlight), each as the start of a word searched for.
  var note = result.querySelector("[data-not-mentioned]"), meta = result.firstElementChild, list = result.lastElementChild;
  if (!note) return;
  function update() {
    var words = input.value.toLowerCase().split(/[\s\-]+/).filter(function (w) { return w && w.charAt(0) !== "-"; })
      .map(function (w) { return w.replace(/^[+"]+|["*~^\d]+$/g, ""); }).filter(Boolean);
    var covered = Array.prototype.some.call(list.querySelectorAll("a[href]"), function (link) {
      var found = new URL(link.href).searchParams.get("h");
      if (found === null) return true; // search.highlight is off: the words matched are not known
      found = found.toLowerCase().split(" ").filter(Boolean);
      return words.every(function (w) { return found.some(function (f) { return w.indexOf(f) === 0; }); });
    });
    note.hidden = !words.length || covered;
    note.querySelector("[data-words]").textContent = input.value.trim();
    // its link has an address only while shown: Material's arrow keys go through every link with one
    var link = note.querySelector("a[data-href]");
    if (note.hidden) link.removeAttribute("href"); else link.setAttribute("href", link.getAttribute("data-href"));
  }
  var watch = new MutationObserver(update);
  watch.observe(meta, { childList: true });
  watch.observe(list, { childList: true });
})();

// Search highlights on the page a result leads to (?h=...) mark whole words only: Material marks the
// words searched for wherever they occur, also inside another word ("a<mark>not</mark>her"). A mark
// inside a word is taken out; a mark at the start of a word grows to the whole word ("refer" marks
// "referral", "disqualif" marks "disqualified").
(function () {
  var content = document.querySelector("[data-md-component=content]");
  if (!content || !/[?&]h=/.test(location.search)) return;
  var before = /[0-9A-Za-z\u00C0-\u024F]$/, rest = /^(?:[0-9A-Za-z\u00C0-\u024F]|['\u2019](?=[A-Za-z\u00C0-\u024F]))+/;
  function whole() {
    content.querySelectorAll("mark[data-md-highlight]:not([data-whole])").forEach(function (mark) {
      var prev = mark.previousSibling, next = mark.nextSibling;
      if (prev && prev.nodeType === 3 && before.test(prev.data)) {
        var parent = mark.parentNode;
        mark.replaceWith(document.createTextNode(mark.textContent));
        parent.normalize();
        return;
      }
      var more = next && next.nodeType === 3 ? next.data.match(rest) : null;
      if (more) {
        mark.textContent += more[0];
        next.data = next.data.slice(more[0].length);
      }
      mark.setAttribute("data-whole", "");
    });
  }
  whole();
  new MutationObserver(whole).observe(content, { childList: true, subtree: true });
})();
