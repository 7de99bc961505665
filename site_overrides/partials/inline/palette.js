// The light/dark choice (site_overrides/partials/palette.html), in place of Material 9.7.5's palette
// script: it runs right after the header, so the page is painted in the chosen colours from the start.
// Each option of mkdocs.yml's theme.palette is an element with data-palette-* attributes; the chosen one
// is remembered as Material remembers it (__md_set, "__palette"), so a reader's earlier choice holds.
// An option whose media is "(prefers-color-scheme)" follows the system: it takes the colours of the
// option for the system's light or dark setting, and changes with it. From it, the button goes first to
// the option that looks unlike the system now, then to the one that looks like it, then back: so the
// button's name (the words for switching to the next option, data-palette-to) is always what it does.
(function () {
  var options = Array.prototype.slice.call(document.querySelectorAll("[data-palette-option]"));
  if (!options.length) return;
  var light = matchMedia("(prefers-color-scheme: light)");
  var saved = null;
  try { saved = __md_get("__palette"); } catch (e) { /* storage blocked: the first option */ }
  var chosen = saved && options[saved.index] ? saved.index : 0;

  // as Material does: the browser's own colours follow the choice (its address bar, the page's scroll bar).
  // Read here, while the page is no more than its header, the header's style costs next to nothing.
  var header = document.querySelector(".md-header");
  var meta = function (name) { var m = document.createElement("meta"); m.name = name; document.head.appendChild(m); return m; };
  var themeColor = meta("theme-color"), colorScheme = meta("color-scheme");

  function media(option) { return option.getAttribute("data-palette-media"); }

  function browserColours() {
    if (!header) return;
    var style = getComputedStyle(header), rgb = style.backgroundColor.match(/\d+/g) || [];
    colorScheme.content = style.colorScheme || "normal";
    themeColor.content = "#" + rgb.slice(0, 3).map(function (c) { return ("0" + (+c).toString(16)).slice(-2); }).join("");
  }

  function colours(option) {
    if (media(option) !== "(prefers-color-scheme)") return option;
    var wanted = light.matches ? "(prefers-color-scheme: light)" : "(prefers-color-scheme: dark)";
    return options.filter(function (o) { return media(o) === wanted; })[0] || option;
  }

  // the option the button chooses next: Material's order (mkdocs.yml), but from the system's option,
  // first the option unlike the system now, then the one like it
  function next() {
    var system = options.filter(function (o) { return media(o) === "(prefers-color-scheme)"; });
    var now = light.matches ? "(prefers-color-scheme: light)" : "(prefers-color-scheme: dark)";
    var rest = options.filter(function (o) { return system.indexOf(o) < 0; });
    var order = system.length ? system.concat(rest.filter(function (o) { return media(o) !== now; }),
                                              rest.filter(function (o) { return media(o) === now; })) : options;
    return options.indexOf(order[(order.indexOf(options[chosen]) + 1) % order.length]);
  }

  function apply() {
    var option = options[chosen], from = colours(option), color = {};
    ["media", "scheme", "primary", "accent"].forEach(function (key) {
      color[key] = from.getAttribute("data-palette-" + key);
      document.body.setAttribute("data-md-color-" + key, color[key]);
    });
    options.forEach(function (o) { o.hidden = o !== option || o.tagName !== "BUTTON"; });
    var name = options[next()].getAttribute("data-palette-to");
    if (name) { option.setAttribute("aria-label", name); option.title = name; }
    browserColours();
    return color;
  }

  apply();
  var follow = function () { apply(); };
  if (light.addEventListener) light.addEventListener("change", follow); else light.addListener(follow);

  options.forEach(function (option) {
    if (option.tagName !== "BUTTON") return;
    option.addEventListener("click", function () {
      chosen = next();
      // no colour transitions while the colours change (Material's styles honour this attribute)
      document.body.setAttribute("data-md-color-switching", "");
      __md_set("__palette", { index: chosen, color: apply() });
      requestAnimationFrame(function () { document.body.removeAttribute("data-md-color-switching"); });
      if (!options[chosen].hidden) options[chosen].focus();
    });
  });
})();
