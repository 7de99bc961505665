// The handbook's search worker (site_overrides/base.html names it): Material 9.7.5's own, imported as it
// is at the end, with one change: each word of a query also finds its other forms ("rides" finds "ride",
// "disqualify" finds "disqualified", "descalificado" finds "descalificación").
//
// The index keeps every word as written (mkdocs.yml: no stemmer and no stop-word filter, so "not" and
// "don't" are found), and Material looks each word up as the start of a word ("rides*"). Here, before
// Material reads a query, each word becomes the part it shares with its stem in the index's language
// (lunr's stemmers, as Material loads them: "disqualification" and "disqualif" share "disqualif"), when
// that part is at least MIN letters long, so short words do not find everything. The part is always the
// start of the word typed: whatever the word found, it still finds (generator/search.py writes the index).
var MIN = 4;
var SETUP = 0, QUERY = 2; // Material's message types (integrations/search/worker/message)
var language = null;

function stem(word) {
  var lunr = self.lunr, fn = language === "en" ? lunr.stemmer : lunr[language] && lunr[language].stemmer;
  if (!fn) return word;
  var stemmed = fn(new lunr.Token(word)).toString(), n = 0;
  while (n < word.length && word[n] === stemmed[n]) n++;
  return n >= MIN ? word.slice(0, n) : word;
}

function widen(query) {
  // parts in quotation marks are Material's "all of these words, as written": left as they are
  return query.split(/("[^"]*")/).map(function (part, i) {
    return i % 2 ? part : part.replace(/[A-Za-z\u00C0-\u024F]+/g, function (word, at) {
      return part[at + word.length] === ":" ? word : stem(word.toLowerCase()); // "title:" names a field
    });
  }).join("");
}

// The index is built when the first query comes, not when a page loads: every page starts this worker and
// sends it the whole index, and building it is most of the worker's work (on a caseworker's old phone, at
// every page). Until then, SETUP is kept and answered READY at once; the first QUERY hands Material the
// kept SETUP, waits for its READY (not passed on: the page had its own), then gives it the queries that came.
// The empty query Material sends once READY (to clear the results) is answered as Material's own search
// answers it (no words: no results), without an index.
var READY = 1, RESULT = 3;
var setup = null, waiting = [];
var built = false; // read by the tests (tests/test_handbook_search.py): no index is built before a query
var post = self.postMessage.bind(self);
self.postMessage = function (message) { // Material's worker answers with the global postMessage
  if (message && message.type === READY && setup) {
    setup = null, built = true;
    waiting.splice(0).forEach(function (query) { self.dispatchEvent(new MessageEvent("message", { data: query })); });
  } else post(message);
};

// Listeners run in the order they were added: this one changes the message before Material's reads it.
addEventListener("message", function (event) {
  var message = event.data;
  if (message.type === SETUP && !built && !setup) {
    language = message.data.config.stem ? message.data.config.lang[0] : null;
    setup = message;
    event.stopImmediatePropagation();
    post({ type: READY });
  } else if (message.type === QUERY && setup) {
    event.stopImmediatePropagation();
    if (typeof message.data === "string" && !message.data.trim()) post({ type: RESULT, data: { items: [] } });
    else if (waiting.push(message) === 1) self.dispatchEvent(new MessageEvent("message", { data: setup }));
  } else if (message.type === QUERY && language && typeof message.data === "string") {
    typed = message.data.toLowerCase().match(/[a-z\u00C0-\u024F]+/g) || [];
    message.data = widen(message.data);
  }
});
var typed = [];

importScripts("search.2c215733.min.js");

// The words as typed still count first: a page that has a word as typed (or a longer word it starts) comes
// before one that has only another form of it ("Unit meetings" finds the tier's "Unit meetings" before
// "meet the requirements"). Each such word multiplies the score lunr gives the page, which Material ranks by.
(function (query) {
  self.lunr.Index.prototype.query = function (fn) {
    return query.call(this, fn).map(function (result) {
      var found = Object.keys(result.matchData.metadata);
      typed.forEach(function (word) {
        if (found.some(function (f) { return f.indexOf(word) === 0; })) result.score *= 2;
      });
      return result;
    }); // Material sorts the results again, by these scores and its own boosts
  };
})(self.lunr.Index.prototype.query);
