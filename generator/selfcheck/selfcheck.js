/* The parents' self-check: its screens. Every question, rule and word comes from the decision table the
   build puts in the page (table.py); what the answers mean is evaluate.js's (window.SelfCheck, the twin
   of evaluate.py), which comes first in the same inline script. Answers live in memory only: no storage,
   no requests, nothing in the URL or the title. */
(function () {
  "use strict";

  var SC = window.SelfCheck, evaluate = SC.evaluate, inForce = SC.inForce, on = SC.on;
  var app = document.getElementById("sc-app");

  // ------------------------------------------------------------ words and small helpers
  var T = JSON.parse(document.getElementById("sc-table").textContent), W = T.words, P = T.self_check, A = {}, title = document.title, note = document.getElementById("sc-note"),
    shifts = 0, firstShift = 0, exitUrl = P.quick_exit_url, bar;

  function sub(s, k, v) { return String(s).split("{" + k + "}").join(v); }
  function e(s) {
    return String(s == null ? "" : s).replace(/[&<>"]/g, function (c) { return "&#" + c.charCodeAt(0) + ";"; });
  }
  function date(d) { return d ? sub(sub(sub(T.date_format, "month", T.months[d.m - 1]), "day", d.d), "year", d.y) : ""; }
  function fill(s, tr, pa) { return sub(sub(s, "training_date", date(tr)), "partner_date", date(pa)); }
  // What a parent reads about one result (twin of evaluate.explanation).
  function explanation(res) {
    var s = fill(res.explain, res.training_date, res.partner_date);
    return res.change ? s + " " + sub(sub(W.rule_changes, "date", date(res.change)), "text", res.change_text) : s;
  }
  // A coming change that alters the result r, as the answer says it (twin of evaluate.coming).
  function coming(c, r) {
    var o = byId(T.outcomes, c.outcome), s = sub(sub(W.coming, "date", date(c.day)), "outcome", fill(o.title, c.training_date, c.partner_date));
    ["training", "partner"].forEach(function (k) {  // a date that outcome's text gives, and r does not already
      var d = c[k + "_date"];
      if (d && date(d) !== date(r[k + "_date"]) && o.text.indexOf("{" + k + "_date}") >= 0) s += " " + sub(W["coming_" + k], "date", date(d));
    });
    return s;
  }
  function today() { var d = new Date(); return { y: d.getFullYear(), m: d.getMonth() + 1, d: d.getDate() }; }
  function byId(list, id) { return list.filter(function (x) { return x.id === id; })[0]; }
  function askedList() { return SC.asked(T, A, today()); }
  function asked(x) { return askedList().indexOf(x) >= 0; }
  function firstMissing() { return askedList().filter(function (x) { return !(x.id in A); })[0]; }
  function answerText(x) {
    var a = A[x.id];
    if (x.type === "month_year") return a === "not-sure" ? x.unsure_label : sub(sub(W.month_year, "month", T.months[a.month - 1]), "year", a.year);
    return x.answers.filter(function (o) { return o.value === a; })[0].label;
  }
  function button(cls, act, text) { return '<button type="button" class="md-button ' + cls + '" data-act="' + act + '">' + e(text) + "</button>"; }
  function link(act, text, hidden, arg) {
    return '<a href="#" class="sc-link" data-act="' + act + '"' + (arg ? ' data-arg="' + e(arg) + '"' : "") + ">" + e(text) +
      (hidden ? '<span class="sc-vh"> ' + e(hidden) + "</span>" : "") + "</a>";
  }
  function h1(text) { return '<h1 id="sc-h" tabindex="-1">' + e(text) + "</h1>"; }
  function h2(text) { return "<h2>" + e(text) + "</h2>"; }
  function cites(list) { return '<span class="sc-cite">' + e(W.source) + ": " + list.map(e).join("; ") + "</span>"; }
  // A text's own sources, after it (a hint, an outcome, a paragraph of the start screen), when it has some.
  function cited(x) { return x.cite ? " " + cites(x.cite) : ""; }
  // What it takes (the commitments the sources state), before a parent starts and on the result.
  function takes() {
    var t = P.takes;
    return t ? h2(t.title) + "<ul>" + t.items.map(function (x) {
      return "<li>" + e(x.text) + " " + cites(x.cite) + "</li>";
    }).join("") + "</ul>" : "";
  }
  // The next step: whom to ask, and the program's contact details when its data has them.
  function nextStep() {
    return h2(W.next_step_title) + "<p>" + e(P.next_step.text) + "</p>" +
      (P.contacts.length ? "<ul>" + P.contacts.map(function (c) {
        return "<li><strong>" + e(c.name) + "</strong>" + (c.area ? " (" + e(c.area) + ")" : "") +
          (c.phone ? "<br>" + e(W.phone) + ': <a href="tel:' + e(c.phone.replace(/[^\d+]/g, "")) + '">' + e(c.phone) + "</a>" : "") +
          (c.email ? "<br>" + e(W.email) + ': <a href="mailto:' + e(c.email) + '">' + e(c.email) + "</a>" : "") +
          (c.hours ? "<br>" + e(W.hours) + ": " + e(c.hours) : "") + "</li>";
      }).join("") + "</ul>" : "");
  }

  // ------------------------------------------------------------ screens
  // What a parent must know before starting is short, so "Start now" is on the first screen; the rest follows it.
  function startScreen() {
    var p = P.intro.map(function (p) { return "<p>" + e(p.text) + cited(p) + "</p>"; });
    return h1(P.title) + p[0] + "<p>" + e(sub(W.minutes, "minutes", P.minutes)) + " " + e(W.private) + "</p>" +
      button("md-button--primary", "start", W.start) + p.slice(1).join("") + "<p>" + e(W.not_decision) + "</p><p>" +
      e(W.exit_help) + " " + e(W.no_trace) + "</p>" + takes();
  }

  function questionScreen(x, err) {
    var a = A[x.id], desc = [], body = "", t = today(), items = x.items.filter(function (i) { return on(i, t); });
    if (x.hint) desc.push("sc-hint");
    if (items.length) desc.push("sc-items");
    if (err) desc.push("sc-err");
    if (x.type === "month_year") {
      var d = a && a !== "not-sure" ? a : {}, mv = err ? err.m : d.month, yv = err ? err.y : d.year;
      body = '<div class="sc-date">' + field("sc-m", W.month, mv, 2, err && err.field === "sc-m") +
        field("sc-y", W.year, yv, 4, err && err.field === "sc-y") + "</div>" +
        '<p class="sc-or">' + e(W.or) + '</p><div class="sc-choice"><input type="checkbox" id="sc-u"' +
        ((err ? err.u : a === "not-sure") ? " checked" : "") + '><label for="sc-u">' + e(x.unsure_label) + "</label></div>";
    } else {
      var or = false;
      body = x.answers.map(function (o, i) {
        var div = o.unsure && !or ? '<p class="sc-or">' + e(W.or) + "</p>" : "";
        if (o.unsure) or = true;
        return div + '<div class="sc-choice"><input type="radio" name="sc-a" id="sc-a' + i + '" value="' + e(o.value) + '"' +
          (a === o.value ? " checked" : "") + '><label for="sc-a' + i + '">' + e(o.label) + "</label></div>";
      }).join("");
    }
    return '<form novalidate><div class="sc-group' + (err ? " sc-group--error" : "") + '"><fieldset aria-describedby="' +
      desc.join(" ") + '"><legend>' + h1(x.text) + "</legend>" +
      (x.hint ? '<p id="sc-hint">' + e(x.hint) + "</p>" + (x.cite ? "<p>" + cites(x.cite) + "</p>" : "") : "") +
      (items.length ? '<ul id="sc-items">' + items.map(function (t) { return "<li>" + e(t.text || t) + "</li>"; }).join("") + "</ul>" : "") +
      (err ? '<p class="sc-err" id="sc-err"><span class="sc-vh">' + e(W.error_prefix) + " </span>" + e(err.text) + "</p>" : "") +
      body + '</fieldset></div><button type="submit" class="md-button md-button--primary">' + e(W.continue) + "</button></form>";
  }

  function field(id, label, value, size, bad) {
    return '<div class="sc-field"><label for="' + id + '">' + e(label) + '</label><input type="text" inputmode="numeric" autocomplete="off" id="' +
      id + '" size="' + size + '" maxlength="' + size + '" value="' + e(value == null ? "" : value) + '"' + (bad ? ' aria-invalid="true"' : "") + "></div>";
  }

  function checkScreen() {
    return h1(W.check_title) + '<dl class="sc-summary">' + askedList().map(function (x) {
      return '<div class="sc-row"><dt>' + e(x.text) + "</dt><dd>" + e(answerText(x)) + "</dd><dd>" +
        link("change", W.change, x.text, x.id) + "</dd></div>";
    }).join("") + "</dl>" + button("md-button--primary", "result", W.see_result);
  }

  function resultScreen() {
    var t = today(), r = evaluate(T, A, t), o = byId(T.outcomes, r.outcome),
      reqs = T.requirements.filter(function (x) { return x.rule && on(x, t); });
    // The answer first: the outcome, the (at most three) requirements that decided it, and the next step. A rule's
    // own coming change is not on top (the answer says a change that alters the result): the full list says it.
    var why = r.results.filter(function (res) { return res.decides; }).slice(0, 3);
    return '<div class="sc-first">' + h1(fill(o.title, r.training_date, r.partner_date)) + "<p>" + e(fill(o.text, r.training_date, r.partner_date)) + cited(o) + "</p>" +
      r.coming.map(function (c) { return "<p>" + e(coming(c, r)) + "</p>"; }).join("") +
      (why.length ? "<h2>" + e(W.why_title) + '</h2><ul class="sc-why">' + why.map(function (res) {
        return "<li>" + e(fill(res.explain, res.training_date, res.partner_date)) + "</li>";
      }).join("") + "</ul>" : "") + nextStep() + "</div>" + (o.more ? "<p>" + e(o.more.text) + cited(o.more) + "</p>" : "") + takes() +
      // what is coming but does not alter this result: below the answer (twin of evaluate.entry_changes)
      (r.changes.length ? h2(W.coming_title) + "<ul>" + r.changes.map(function (c) {
        return "<li>" + e(sub(sub(W["entry_" + c[1]], "date", date(c[0])), "text", c[2])) + "</li>"; }).join("") + "</ul>" : "") +
      "<h2>" + e(W.reasons_title) + '</h2><ul class="sc-reasons">' + r.results.map(function (res, i) {
        var req = reqs[i], v = inForce(req, t);
        return "<li><h3>" + e(v.title) + '</h3><p><strong class="sc-status sc-' + res.status + '">' + e(W["status_" + res.status]) +
          ":</strong> " + e(explanation(res)) + "</p><p>" + cites(v.cite.concat(res.status === "disputed" && req.dispute_cite || [])) + ' <a class="sc-link" href="' +
          e(req.link) + '">' + e(W.read_more) + '<span class="sc-vh"> ' + e(v.title) + "</span></a></p></li>";
      }).join("") + "</ul><h2>" + e(W.not_asked_title) + "</h2><ul>" +
      T.requirements.filter(function (x) { return !x.rule && on(x, t); }).map(function (x) {
        return '<li><a class="sc-link" href="' + e(x.link) + '">' + e(x.title) + "</a>: " + e(x.not_asked) + "</li>";
      }).join("") + "</ul><p>" + e(W.next_step_title) + ": " + cites(P.next_step.cite) + "</p><p>" + e(W.print_help) + '</p><p class="sc-actions">' + button("md-button--primary", "print", W.print) +
      button("", "again", W.start_again) + "</p>";
  }

  // ------------------------------------------------------------ showing a screen
  var current = null, trail = []; // the screens before this one, for the check's own Back link: none is a history entry

  function show(state, err, focus) {
    var s = state.s, x = s.indexOf("q:") === 0 && byId(T.questions, s.slice(2)), missing = firstMissing(), html, summary = "";
    if ((s === "check" || s === "result") && missing) { x = missing; s = "q:" + missing.id; state = { s: s, c: state.c }; }
    current = state;
    html = x ? questionScreen(x, err) : s === "check" ? checkScreen() : s === "result" ? resultScreen() : s === "lang" ?
      h1(W.lang_warn) + button("md-button--primary", "back", W.lang_stay) + state.u.outerHTML.replace("sc-lang", "md-button") : startScreen();
    if (err) {
      summary = '<div class="sc-errors" tabindex="-1" aria-labelledby="sc-et"><h2 id="sc-et">' + e(W.error_title) +
        '</h2><ul><li><a href="#' + err.field + '" data-act="field" data-arg="' + err.field + '">' + e(err.text) + "</a></li></ul></div>";
    }
    document.title = err ? W.error_prefix + " " + title : title;
    if (note) note.hidden = s !== "start"; // "not yet reviewed" (a translation): on the start screen, not on the answer's first screen
    app.innerHTML = '<p class="sc-backline">' + (s === "start" ? '<a class="sc-link" href="' + e(T.back) + '">' + e(W.back) + "</a>"
        : link("back", W.back)) + "</p>" + summary + html;
    pad();
    // the focus moves to the heading (or the errors); one taller than the room under the bar starts just under it
    var f = app.querySelector(err ? ".sc-errors" : "#sc-h");
    if (focus !== false) f.focus();
    if (f.getBoundingClientRect().top < bar.offsetHeight) f.scrollIntoView();
  }

  // A focused heading or field is scrolled to below the "Leave this page" bar, however tall the bar is now
  // (long words wrap it onto more lines): on each screen and when the window changes.
  function pad() { document.documentElement.style.scrollPaddingTop = bar.offsetHeight + 8 + "px"; }

  function go(s, c, u) { trail.push(current); show({ s: s, c: c, u: u }); }

  function answer(x) {
    var err, v;
    if (x.type === "month_year") {
      var m = app.querySelector("#sc-m").value.trim(), y = app.querySelector("#sc-y").value.trim(),
        u = app.querySelector("#sc-u").checked, t = today();
      err = { m: m, y: y, u: u, field: "sc-m" };
      if (u) v = "not-sure";
      else if (!m && !y) err.text = x.error || sub(W.error_date, "unsure_label", x.unsure_label);
      else if (!/^\d{1,2}$/.test(m) || +m < 1 || +m > 12) err.text = W.error_month;
      else if (!/^\d{4}$/.test(y)) { err.text = W.error_year; err.field = "sc-y"; }
      else if (+y * 12 + +m > t.y * 12 + t.m) { err.text = W.error_future; if (+y > t.y) err.field = "sc-y"; }
      else v = { month: +m, year: +y };
    } else {
      var checked = app.querySelector("input[name=sc-a]:checked");
      if (checked) v = checked.value;
      else err = { text: x.error || W.error_choose, field: "sc-a0" };
    }
    if (v === undefined) return show(current, err);
    A[x.id] = v;
    var next = current.c ? firstMissing() : T.questions.slice(T.questions.indexOf(x) + 1).filter(asked)[0];
    go(next ? "q:" + next.id : "check", current.c);
  }

  function exit() { A = T = W = null; document.title = ""; document.body.innerHTML = ""; location.replace(exitUrl); }

  // The page's buttons and links (the screens' and "Leave this page"), and the link to the page in another language:
  // changing the language would lose the answers (they are in this page only, and go nowhere), so it says so first.
  document.addEventListener("click", function (ev) {
    var t = ev.target.closest("[data-act],.sc-lang");
    if (!t || !A) return;
    var act = t.getAttribute("data-act"), arg = t.getAttribute("data-arg");
    if (act === "print") return window.print();
    if (act === "exit") return exit();
    if (!act && !Object.keys(A).length) return;
    ev.preventDefault();
    if (!act) go("lang", 0, t);
    else if (act === "start") go("q:" + askedList()[0].id);
    else if (act === "back") show(trail.pop());
    else if (act === "change") go("q:" + arg, true);
    else if (act === "result") go("result");
    else if (act === "again") { A = {}; go("start"); }
    else if (act === "field") app.querySelector("#" + arg).focus();
  });

  app.addEventListener("submit", function (ev) { ev.preventDefault(); answer(byId(T.questions, current.s.slice(2))); });

  document.addEventListener("keydown", function (ev) {
    if (ev.key !== "Shift") { shifts = 0; return; }
    if (ev.repeat) return;
    if (!shifts || ev.timeStamp - firstShift > 5000) { shifts = 0; firstShift = ev.timeStamp; }
    if (++shifts === 3) exit();
  });

  window.addEventListener("resize", pad);

  // "Leave this page" sits in a bar of its own among the page's top elements, so it stays on top
  // at every scroll position (selfcheck.css); it is made once and outlives every screen.
  bar = document.createElement("div"); var main = app.closest("main") || app;
  bar.className = "sc-bar"; bar.innerHTML = button("sc-exit", "exit", W.exit);
  main.parentNode.insertBefore(bar, main);
  show({ s: "start" }, null, false);
})();
