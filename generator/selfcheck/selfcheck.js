/* The parents' self-check. Every question, rule and word comes from the decision table the build
   puts in the page (table.py); the evaluator below is the twin of evaluate.py and the tests run both
   over the same cases. Answers live in memory only: no storage, no requests, nothing in the URL or
   the title. */
(function () {
  "use strict";

  // ------------------------------------------------------------ the evaluator (twin of evaluate.py)
  function daysIn(y, m) { return new Date(Date.UTC(y, m, 0)).getUTCDate(); }
  function n(d) { return d.y * 10000 + d.m * 100 + d.d; }
  function later(a, b) { return !a ? b : !b ? a : n(b) > n(a) ? b : a; }
  function addMonths(d, months, missing) {
    var i = d.y * 12 + d.m - 1 + months, y = Math.floor(i / 12), m = i % 12 + 1, len = daysIn(y, m);
    if (d.d <= len) return { y: y, m: m, d: d.d };
    if (missing === "last-day") return { y: y, m: m, d: len };
    return m === 12 ? { y: y + 1, m: 1, d: 1 } : { y: y, m: m + 1, d: 1 };
  }
  // The kinds of rule, one entry each (twin of rules.py): (rule, answer, unsure, settings, today) ->
  // { status, training_date, partner_date }.
  var RULES = {
    answer: function (rule, a, unsure) {
      return { status: rule.met_by.indexOf(a) >= 0 ? "met" : a == null || unsure ? "unknown" : "not_met" };
    },
    time: function (rule, a, unsure, S, today) {
      if (!a || typeof a !== "object") return { status: "unknown" };
      var start = { y: a.year, m: a.month, d: S.month_only_day === "first" ? 1 : daysIn(a.year, a.month) },
        pa = addMonths(start, rule.at_least_months, S.missing_day),
        tr = rule.training_after_months ? addMonths(start, rule.training_after_months, S.missing_day)
          : S.training_when_silent === "wait" ? pa : start;
      return { status: n(today) >= n(pa) ? "met" : n(today) >= n(tr) ? "wait_partner" : "wait_training",
        training_date: tr, partner_date: pa };
    }
  };

  // null when the question is asked; else why not: "not_applicable", or "unknown" when an unsure answer closed it.
  function gated(x, A) {
    var unsure = false;
    for (var i = 0; i < x.gates.length; i++) {
      var g = x.gates[i], v = A[g.question];
      unsure = unsure || g.unsure.indexOf(v) >= 0;
      if (g.answers.indexOf(v) < 0) return unsure ? "unknown" : "not_applicable";
    }
    return null;
  }
  function matches(w, req, status) {
    return !w || (w.status.indexOf(status) >= 0 && (!w.strength || w.strength === req.strength) && (!w.kind || w.kind === req.kind)); }
  function day(iso) { var p = iso.split("-"); return { y: +p[0], m: +p[1], d: +p[2] }; }
  // The rule and texts in force on today: the last dated version from on or before today, else the requirement's own.
  function inForce(req, today) {
    var v = req.dated.filter(function (x) { return n(day(x.from)) <= n(today); });
    return v.length ? v[v.length - 1] : req;
  }
  // The first version that starts after today and on or before the date the result gives (twin of evaluate.py).
  function change(req, today, got) { var until = got.partner_date || got.training_date;
    return req.dated.filter(function (x) { return until && n(today) < n(day(x.from)) && n(day(x.from)) <= n(until); })[0] || null; }
  // Whether a requirement or a question's item is in force on today (its from and until, if any; twin of evaluate.on).
  function on(x, t) { return !(x.from && n(day(x.from)) > n(t) || x.until && n(t) >= n(day(x.until))); }
  // Whether a question can count on t: a requirement in force reads it or a question it opens, or none reads it (twin of evaluate.needed).
  function needed(T, x, t) {
    var rs = T.requirements.filter(function (r) { return r.rule && T.questions.some(function (y) {
      return y.id === r.rule.question && (y.id === x.id || y.gates.some(function (g) { return g.question === x.id; })); }); });
    return !rs.length || rs.some(function (r) { return on(r, t); });
  }
  function asks(T, A, t) { return function (x) { return !gated(x, A) && needed(T, x, t); }; }
  function evaluate(T, A, today) {
    var Q = {}, ch = [];
    T.questions.forEach(function (x) { Q[x.id] = x; });
    var reqs = T.requirements.filter(function (r) { return r.rule && on(r, today); }), results = reqs.map(function (req) {
      var v = inForce(req, today), rule = v.rule, x = Q[rule.question], closed = gated(x, A), a = A[x.id],
        got = closed ? { status: closed } : RULES[rule.kind](rule, a, x.unsure.indexOf(a) >= 0, T.settings, today),
        c = change(req, today, got);
      if (got.status === "not_met" && req.disputed) got = { status: "disputed" };
      return { requirement: req.id, status: got.status, training_date: got.training_date || null,
        partner_date: got.partner_date || null, explain: !closed && v.explain["answer:" + a] || v.explain[got.status] || v.text, decides: false,
        change: c ? day(c.from) : null, change_text: c ? c.text : "" };
    });
    var outcome = T.outcomes.filter(function (o) {
      return !o.when || results.some(function (res, i) { return matches(o.when, reqs[i], res.status); });
    })[0], strength = outcome.when && outcome.when.strength, tr = null, pa = null;
    results.forEach(function (res, i) {
      res.decides = !!outcome.when && matches(outcome.when, reqs[i], res.status);
      if (/^wait_/.test(res.status) && (!strength || strength === reqs[i].strength)) {
        tr = later(tr, res.training_date); pa = later(pa, res.partner_date);
      }
    });
    // Each requirement or disqualifier that starts or stops after today, on or before the outcome's date (twin of evaluate.py).
    [].concat.apply(T.requirements, T.questions.map(function (x) { return x.items; })).forEach(function (x) {
      ["from", "until"].forEach(function (k) { var d = x[k] && day(x[k]), u = pa || tr;
        if (d && u && n(today) < n(d) && n(d) <= n(u)) ch.push([d, k, x.title || x.text]); }); });
    ch.sort(function (a, b) { return n(a[0]) - n(b[0]) || (a[1] + a[2] < b[1] + b[2] ? -1 : 1); });
    return { outcome: outcome.id, results: results, training_date: tr, partner_date: pa, changes: ch };
  }

  window.SelfCheck = { evaluate: evaluate, RULES: RULES, on: on, asked: function (T, A, t) { return T.questions.filter(asks(T, A, t)); } };
  var tableEl = document.getElementById("sc-table"), app = document.getElementById("sc-app");
  if (!tableEl || !app) return;

  // ------------------------------------------------------------ words and small helpers
  var T = JSON.parse(tableEl.textContent), W = T.words, SC = T.self_check, A = {}, title = document.title, note = document.getElementById("sc-note"),
    shifts = 0, firstShift = 0, exitUrl = SC.quick_exit_url;

  function sub(s, k, v) { return String(s).split("{" + k + "}").join(v); }
  function e(s) {
    return String(s == null ? "" : s).replace(/[&<>"]/g, function (c) { return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" }[c]; });
  }
  function date(d) { return d ? sub(sub(sub(T.date_format, "month", T.months[d.m - 1]), "day", d.d), "year", d.y) : ""; }
  function fill(s, tr, pa) { return sub(sub(s, "training_date", date(tr)), "partner_date", date(pa)); }
  // What a parent reads about one result (twin of evaluate.explanation).
  function explanation(res) {
    var s = fill(res.explain, res.training_date, res.partner_date);
    return res.change ? s + " " + sub(sub(W.rule_changes, "date", date(res.change)), "text", res.change_text) : s;
  }
  function today() { var d = new Date(); return { y: d.getFullYear(), m: d.getMonth() + 1, d: d.getDate() }; }
  function q(id) { return T.questions.filter(function (x) { return x.id === id; })[0]; }
  function asked(x) { return asks(T, A, today())(x); }
  function askedList() { return T.questions.filter(asked); }
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
  function cites(list) { return '<span class="sc-cite">' + e(W.source) + ": " + list.map(e).join("; ") + "</span>"; }
  // A text's own sources, after it (a hint, an outcome, a paragraph of the start screen), when it has some.
  function cited(x) { return x.cite ? " " + cites(x.cite) : ""; }
  // What it takes (the commitments the sources state), before a parent starts and on the result.
  function takes() {
    var t = SC.takes;
    return t ? "<h2>" + e(t.title) + '</h2><ul class="sc-takes">' + t.items.map(function (x) {
      return "<li>" + e(x.text) + " " + cites(x.cite) + "</li>";
    }).join("") + "</ul>" : "";
  }
  // The next step: whom to ask, and the program's contact details when its data has them.
  function nextStep() {
    return "<h2>" + e(W.next_step_title) + "</h2><p>" + e(SC.next_step.text) + "</p>" +
      (SC.contacts.length ? '<ul class="sc-contacts">' + SC.contacts.map(function (c) {
        return "<li><strong>" + e(c.name) + "</strong>" + (c.area ? " (" + e(c.area) + ")" : "") +
          (c.phone ? "<br>" + e(W.phone) + ': <a href="tel:' + e(c.phone.replace(/[^\d+]/g, "")) + '">' + e(c.phone) + "</a>" : "") +
          (c.email ? "<br>" + e(W.email) + ': <a href="mailto:' + e(c.email) + '">' + e(c.email) + "</a>" : "") +
          (c.hours ? "<br>" + e(W.hours) + ": " + e(c.hours) : "") + "</li>";
      }).join("") + "</ul>" : "");
  }

  // ------------------------------------------------------------ screens
  function startScreen() {
    return h1(SC.title) + SC.intro.map(function (p) { return "<p>" + e(p.text) + cited(p) + "</p>"; }).join("") +
      "<p>" + e(sub(W.minutes, "minutes", SC.minutes)) + "</p><p>" + e(W.not_decision) + "</p><p>" + e(W.private) +
      "</p><p>" + e(W.exit_help) + "</p>" + takes() + button("md-button--primary", "start", W.start);
  }

  function questionScreen(x, err) {
    var a = A[x.id], desc = [], body = "", ids = { hint: "sc-hint", items: "sc-items", err: "sc-err" },
      t = today(), items = x.items.filter(function (i) { return on(i, t); });
    if (x.hint) desc.push(ids.hint);
    if (items.length) desc.push(ids.items);
    if (err) desc.push(ids.err);
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
      (x.hint ? '<p class="sc-hint" id="sc-hint">' + e(x.hint) + "</p>" + (x.cite ? "<p>" + cites(x.cite) + "</p>" : "") : "") +
      (items.length ? '<ul id="sc-items">' + items.map(function (t) { return "<li>" + e(t.text || t) + "</li>"; }).join("") + "</ul>" : "") +
      (err ? '<p class="sc-err" id="sc-err"><span class="sc-vh">' + e(W.error_prefix) + " </span>" + e(err.text) + "</p>" : "") +
      body + '</fieldset></div><button type="submit" class="md-button md-button--primary">' + e(W.continue) + "</button></form>";
  }

  function field(id, label, value, size, bad) {
    return '<div class="sc-field"><label for="' + id + '">' + e(label) + '</label><input type="text" inputmode="numeric" autocomplete="off" id="' +
      id + '" class="sc-w' + size + '" maxlength="' + size + '" value="' + e(value == null ? "" : value) + '"' + (bad ? ' aria-invalid="true"' : "") + "></div>";
  }

  function checkScreen() {
    return h1(W.check_title) + '<dl class="sc-summary">' + askedList().map(function (x) {
      return '<div class="sc-row"><dt>' + e(x.text) + "</dt><dd>" + e(answerText(x)) + "</dd><dd>" +
        link("change", W.change, x.text, x.id) + "</dd></div>";
    }).join("") + "</dl>" + button("md-button--primary", "result", W.see_result);
  }

  function resultScreen() {
    var t = today(), r = evaluate(T, A, t), o = T.outcomes.filter(function (x) { return x.id === r.outcome; })[0],
      reqs = T.requirements.filter(function (x) { return x.rule && on(x, t); });
    // The answer first: the outcome, the (at most three) requirements that decided it, and the next step.
    var why = r.results.filter(function (res) { return res.decides; }).slice(0, 3);
    return '<div class="sc-first">' + h1(fill(o.title, r.training_date, r.partner_date)) + "<p>" + e(fill(o.text, r.training_date, r.partner_date)) + cited(o) + "</p>" +
      r.changes.map(function (c) { return "<p>" + e(sub(sub(W["entry_" + c[1]], "date", date(c[0])), "text", c[2])) + "</p>"; }).join("") +
      (why.length ? "<h2>" + e(W.why_title) + '</h2><ul class="sc-why">' + why.map(function (res) {
        return "<li>" + e(explanation(res)) + "</li>";
      }).join("") + "</ul>" : "") + nextStep() + "</div>" + (o.more ? "<p>" + e(o.more.text) + cited(o.more) + "</p>" : "") + takes() +
      "<h2>" + e(W.reasons_title) + '</h2><ul class="sc-reasons">' + r.results.map(function (res, i) {
        var req = reqs[i], v = inForce(req, t);
        return "<li><h3>" + e(v.title) + '</h3><p><strong class="sc-status sc-' + res.status + '">' + e(W["status_" + res.status]) +
          ":</strong> " + e(explanation(res)) + "</p><p>" + cites(v.cite.concat(res.status === "disputed" && req.dispute_cite || [])) + ' <a class="sc-link" href="' +
          e(req.link) + '">' + e(W.read_more) + '<span class="sc-vh"> ' + e(v.title) + "</span></a></p></li>";
      }).join("") + "</ul><h2>" + e(W.not_asked_title) + "</h2><ul>" +
      T.requirements.filter(function (x) { return !x.rule && on(x, t); }).map(function (x) {
        return '<li><a class="sc-link" href="' + e(x.link) + '">' + e(x.title) + "</a>: " + e(x.not_asked) + "</li>";
      }).join("") + "</ul><p>" + e(W.next_step_title) + ": " + cites(SC.next_step.cite) + "</p><p>" + e(W.print_help) + '</p><p class="sc-actions">' + button("md-button--primary", "print", W.print) +
      button("", "again", W.start_again) + "</p>";
  }

  // ------------------------------------------------------------ showing a screen
  var current = null;

  function show(state, err, focus) {
    var s = state.s, x = s.indexOf("q:") === 0 && q(s.slice(2)), missing = firstMissing(), html, summary = "";
    if ((s === "check" || s === "result") && missing) { x = missing; s = "q:" + missing.id; state = { s: s, c: state.c }; }
    current = state;
    html = x ? questionScreen(x, err) : s === "check" ? checkScreen() : s === "result" ? resultScreen() : startScreen();
    if (err) {
      summary = '<div class="sc-errors" tabindex="-1" aria-labelledby="sc-et"><h2 id="sc-et">' + e(W.error_title) +
        '</h2><ul><li><a href="#' + err.field + '" data-act="field" data-arg="' + err.field + '">' + e(err.text) + "</a></li></ul></div>";
    }
    document.title = err ? W.error_prefix + " " + title : title;
    if (note) note.hidden = s !== "start"; // "not yet reviewed" (a translation): on the start screen, not on the answer's first screen
    app.innerHTML = '<p class="sc-backline">' + (s === "start" ? '<a class="sc-link" href="' + e(T.back) + '">' + e(W.back) + "</a>"
        : link("back", W.back)) + "</p>" + summary + html;
    var form = app.querySelector("form");
    if (form) form.addEventListener("submit", function (ev) { ev.preventDefault(); answer(x); });
    if (focus !== false) app.querySelector(err ? ".sc-errors" : "#sc-h").focus();
  }

  function go(s, c) { var state = { s: s, c: c ? 1 : 0 }; history.pushState(state, ""); show(state); }

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

  app.addEventListener("click", function (ev) {
    var t = ev.target.closest("[data-act]");
    if (!t) return;
    var act = t.getAttribute("data-act"), arg = t.getAttribute("data-arg");
    if (act === "print") return window.print();
    ev.preventDefault();
    if (act === "start") go("q:" + askedList()[0].id);
    else if (act === "back") history.back();
    else if (act === "change") go("q:" + arg, true);
    else if (act === "result") go("result");
    else if (act === "again") { A = {}; go("start"); }
    else if (act === "field") app.querySelector("#" + arg).focus();
  });

  document.addEventListener("keydown", function (ev) {
    if (ev.key !== "Shift") { shifts = 0; return; }
    if (ev.repeat) return;
    if (!shifts || ev.timeStamp - firstShift > 5000) { shifts = 0; firstShift = ev.timeStamp; }
    if (++shifts === 3) exit();
  });

  window.addEventListener("popstate", function (ev) {
    if (A) show(ev.state && ev.state.s ? ev.state : { s: "start" });
  });
  window.addEventListener("pageshow", function (ev) { if (ev.persisted && !A) location.reload(); });

  document.documentElement.classList.add("sc-js");
  // "Leave this page" sits in a bar of its own among the page's top elements, so it stays on top
  // at every scroll position (selfcheck.css); it is made once and outlives every screen.
  var bar = document.createElement("div"), main = app.closest("main") || app;
  bar.className = "sc-bar"; bar.innerHTML = button("sc-exit", "exit", W.exit);
  bar.addEventListener("click", function (ev) { if (ev.target.closest("[data-act=exit]")) exit(); });
  main.parentNode.insertBefore(bar, main);
  history.replaceState({ s: "start", c: 0 }, "");
  show({ s: "start", c: 0 }, null, false);
})();
