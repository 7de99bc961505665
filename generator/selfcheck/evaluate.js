/* The self-check's evaluator: the twin of evaluate.py (and RULES, of rules.py), line for line in what it
   decides; the tests run both over the same thousands of cases and require the same results. It reads
   only the decision table (table.py) and the answers, and sets window.SelfCheck for the screens
   (selfcheck.js, after it in the same inline script). Days are {y, m, d}. */
(function () {
  "use strict";
  var WAITING = ["wait_training", "wait_partner"];

  function daysIn(y, m) { return new Date(Date.UTC(y, m, 0)).getUTCDate(); }
  function n(d) { return d.y * 10000 + d.m * 100 + d.d; }
  function later(a, b) { return !a ? b : !b ? a : n(b) > n(a) ? b : a; }
  function day(iso) { var p = iso.split("-"); return { y: +p[0], m: +p[1], d: +p[2] }; }
  function before(d) { var x = new Date(Date.UTC(d.y, d.m - 1, d.d - 1)); return { y: x.getUTCFullYear(), m: x.getUTCMonth() + 1, d: x.getUTCDate() }; }
  function addMonths(d, months, missing) {
    var i = d.y * 12 + d.m - 1 + months, y = Math.floor(i / 12), m = i % 12 + 1, len = daysIn(y, m);
    if (d.d <= len) return { y: y, m: m, d: d.d };
    if (missing === "last-day") return { y: y, m: m, d: len };
    return m === 12 ? { y: y + 1, m: 1, d: 1 } : { y: y, m: m + 1, d: 1 };
  }
  function sameList(a, b) { return a.length === b.length && a.every(function (x, i) { return x === b[i]; }); }
  function within(a, b) { return a.every(function (x) { return b.indexOf(x) >= 0; }); }

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
  // The rule and texts in force on t: the last dated version from on or before t (before the first, the first), else the requirement's own.
  function inForce(req, t) {
    if (!req.dated.length) return req;
    var v = req.dated.filter(function (x) { return n(day(x.from)) <= n(t); });
    return v.length ? v[v.length - 1] : req.dated[0];
  }
  // Whether a requirement or a question's item is in force on t (its from and until, if any).
  function on(x, t) { return !(x.from && n(day(x.from)) > n(t) || x.until && n(t) >= n(day(x.until))); }
  function startsLater(x, t) { return typeof x === "object" && !!x.from && n(day(x.from)) > n(t); }
  function items(x, t) { return x.items.filter(function (i) { return on(i, t); }).map(function (i) { return i.text || i; }); }
  function readers(T) {
    var Q = {}, R = {};
    T.questions.forEach(function (x) { Q[x.id] = x; });
    T.requirements.forEach(function (r) {
      if (!r.rule) return;
      [r.rule.question].concat(Q[r.rule.question].gates.map(function (g) { return g.question; })).forEach(function (id) {
        if (!R[id]) R[id] = [];
        if (R[id].indexOf(r) < 0) R[id].push(r);
      });
    });
    return R;
  }
  // Whether a question's answer can count, today or on a change day to come (twin of evaluate._counts).
  function counts(rs, x, t) {
    if (x.items.length && !x.items.some(function (i) { return on(i, t); })) return false;
    return !rs.length || rs.some(function (r) { return on(r, t) || startsLater(r, t); });
  }
  function asked(T, A, t) {
    var R = readers(T);
    return T.questions.filter(function (x) { return !gated(x, A) && counts(R[x.id] || [], x, t); });
  }
  function matches(w, req, status) {
    return !w || (w.status.indexOf(status) >= 0 && (!w.strength || w.strength === req.strength) && (!w.kind || w.kind === req.kind));
  }

  // The status on clock under the rule in force on rules, nothing after (twin of evaluate._static).
  function statik(T, req, Q, A, askedOn, clock, rules) {
    var rule = inForce(req, rules).rule, x = Q[rule.question], closed = gated(x, A);
    if (closed) return { status: closed };
    var a = A[x.id], got = RULES[rule.kind](rule, a, x.unsure.indexOf(a) >= 0, T.settings, clock);
    if (x.items.length) {
      var shown = items(x, askedOn), now = items(x, rules);
      if (!now.length) return { status: "not_applicable" };
      var holds = got.status === "not_met" && within(shown, now) || got.status === "met" && within(now, shown);
      if (!sameList(now, shown) && !holds) return { status: "unknown" };
    }
    return got.status === "not_met" && req.disputed ? { status: "disputed" } : got;
  }
  // A waiting status with each date the earliest day it is reached under the rule in force that day (twin of evaluate._dates).
  function dates(T, req, Q, A, askedOn, t, got) {
    if (WAITING.indexOf(got.status) < 0) return got;
    var bounds = [t], tr = null, pa = null;
    req.dated.map(function (v) { return day(v.from); }).filter(function (d) { return n(d) > n(t); })
      .sort(function (a, b) { return n(a) - n(b); })
      .forEach(function (d) { if (n(d) !== n(bounds[bounds.length - 1])) bounds.push(d); });
    for (var i = 0; i < bounds.length && !(tr && pa); i++) {
      var first = bounds[i], end = bounds[i + 1] || null, s = statik(T, req, Q, A, askedOn, first, first),
        rt = s.training_date && (i ? later(first, s.training_date) : s.training_date), rp = s.partner_date && (i ? later(first, s.partner_date) : s.partner_date);
      if (!tr && rt && (!end || n(rt) < n(end))) tr = rt;
      if (!pa && rp && (!end || n(rp) < n(end))) pa = rp;
    }
    if (req.until) {
      var stop = day(req.until);
      if (tr && n(tr) > n(stop)) tr = stop;
      if (pa && n(pa) > n(stop)) pa = stop;
    }
    return { status: got.status, training_date: tr, partner_date: pa };
  }
  // {outcome, pairs, training_date, partner_date} on d; with stat, under the rules of stat and nothing after (twin of evaluate._judge).
  function judge(T, A, askedOn, d, stat) {
    var Q = {}, rules = stat || d, pairs = [], tr = null, pa = null;
    T.questions.forEach(function (x) { Q[x.id] = x; });
    T.requirements.forEach(function (req) {
      if (!req.rule || !on(req, rules)) return;
      var got = statik(T, req, Q, A, askedOn, d, rules);
      pairs.push([req, stat ? got : dates(T, req, Q, A, askedOn, d, got)]);
    });
    var o = T.outcomes.filter(function (x) {
      return !x.when || pairs.some(function (p) { return matches(x.when, p[0], p[1].status); });
    })[0], strength = o.when && o.when.strength;
    pairs.forEach(function (p) {
      if (WAITING.indexOf(p[1].status) >= 0 && (!strength || strength === p[0].strength)) {
        tr = later(tr, p[1].training_date || null); pa = later(pa, p[1].partner_date || null);
      }
    });
    return { outcome: o, pairs: pairs, training_date: tr, partner_date: pa };
  }
  function key(j) { return [j.outcome.id, j.training_date && n(j.training_date), j.partner_date && n(j.partner_date)].join(); }
  function entries(T) {
    return T.requirements.map(function (r) { return [r, r.title]; }).concat([].concat.apply([], T.questions.map(function (x) {
      return x.items.filter(function (i) { return typeof i === "object"; }).map(function (i) { return [i, i.text]; }); })));
  }
  // Every day after t on which a rule version, a requirement or a question's item starts or stops (twin of evaluate.change_days).
  function changeDays(T, t) {
    var seen = {}, out = [];
    T.requirements.forEach(function (r) { r.dated.forEach(function (v) { seen[v.from] = 1; }); });
    entries(T).forEach(function (e) { ["from", "until"].forEach(function (k) { if (e[0][k]) seen[e[0][k]] = 1; }); });
    Object.keys(seen).forEach(function (iso) { if (n(day(iso)) > n(t)) out.push(day(iso)); });
    return out.sort(function (a, b) { return n(a) - n(b); });
  }
  // Each change day to come on which a change alters the result (twin of evaluate._coming).
  function coming(T, A, t, told) {
    var out = [];
    changeDays(T, t).forEach(function (d) {
      if (key(judge(T, A, t, d, before(d))) === key(judge(T, A, t, d, d))) return;
      var j = judge(T, A, t, d);
      if (key(j) !== told) {
        out.push({ day: d, outcome: j.outcome.id, training_date: j.training_date, partner_date: j.partner_date });
        told = key(j);
      }
    });
    return out;
  }

  function evaluate(T, A, t) {
    var j = judge(T, A, t, t), w = j.outcome.when, ch = [], Q = {};
    T.questions.forEach(function (x) { Q[x.id] = x; });
    var results = j.pairs.map(function (p) {
      var req = p[0], s = p[1], v = inForce(req, t), nx = req.dated.filter(function (x) { return n(day(x.from)) > n(t); })[0],
        q = Q[v.rule.question], a = gated(q, A) ? null : A[q.id];  // the answer given, for its own text (by_answer)
      return { requirement: req.id, status: s.status, training_date: s.training_date || null, partner_date: s.partner_date || null,
        explain: typeof a === "string" && v.explain["answer:" + a] || v.explain[s.status] || v.text, decides: !!w && matches(w, req, s.status),
        change: nx ? day(nx.from) : null, change_text: nx ? nx.text : "" };
    });
    // Each requirement or disqualifier that starts or stops after today (twin of evaluate._entry_changes).
    entries(T).forEach(function (e) {
      ["from", "until"].forEach(function (k) { var d = e[0][k] && day(e[0][k]); if (d && n(t) < n(d)) ch.push([d, k, e[1]]); });
    });
    ch.sort(function (a, b) { return n(a[0]) - n(b[0]) || (a[1] + a[2] < b[1] + b[2] ? -1 : a[1] + a[2] > b[1] + b[2] ? 1 : 0); });
    return { outcome: j.outcome.id, results: results, training_date: j.training_date, partner_date: j.partner_date,
      changes: ch, coming: coming(T, A, t, key(j)) };
  }

  window.SelfCheck = { evaluate: evaluate, asked: asked, inForce: inForce, on: on, RULES: RULES };
})();
