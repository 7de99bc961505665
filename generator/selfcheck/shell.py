"""The self-check's own page, light enough for any phone: its style and script go inline into the page
(page/selfcheck.html), so one request renders the start screen and nothing blocks it.

    shell(theme_dirs, palette, preview=False)  {"style", "script", "csp"} for the page template

The colours are the handbook's: the custom properties that the theme's own stylesheets give the
configured palette (mkdocs.yml › theme › palette) and default scheme, read from the theme's files
(a test checks that they define every colour selfcheck.css uses), and those of the palette's dark scheme
for a system set to dark. The Content-Security-Policy lets only this
style and this script run (by their hashes) and lets the page ask no other host for anything.
"""
from __future__ import annotations

import base64
import hashlib
import os
import re
import tempfile
from pathlib import Path

HERE = Path(__file__).parent
COLOURS = ("--md-primary-fg-color", "--md-primary-fg-color--dark", "--md-primary-bg-color",
           "--md-default-fg-color", "--md-default-fg-color--light", "--md-default-fg-color--lightest",
           "--md-default-bg-color", "--md-typeset-a-color")
DARK = COLOURS[3:]
"""The colours the dark scheme changes (the primary colours, the header's and the main button's, stay)."""
SCRIPTS = ("evaluate.js", "selfcheck.js")
"""The page's script, in this order, as one inline script: what the answers mean, then the screens."""
CSP = ("default-src 'none'; script-src {scripts}; connect-src {connect}; style-src '{style}'; img-src 'self' data:; "
       "base-uri 'none'; form-action 'none'; object-src 'none'")


def _rules(dirs: list[str], pattern: str) -> str:
    """The text of every rule in the theme's (and overrides') stylesheets whose selector is `pattern`, in order."""
    found = []
    for folder in dirs:
        for css in sorted(Path(folder).glob("assets/**/*.css")):
            text = css.read_text(encoding="utf-8", errors="replace")
            found += [m.group(1) for m in re.finditer(r"(?<![\w\])-])" + pattern + r"\s*\{([^}]*)\}", text)]
    return ";".join(found)


def _found(text: str) -> dict[str, str]:
    return {name: value.strip() for name, value in re.findall(r"(--md-[\w-]+)\s*:\s*([^;]+)", text)}


def colours(theme_dirs: list[str], palette, dark: bool = False) -> dict[str, str]:
    """The handbook's colours: the theme's default scheme, then its primary colour. dark=True: the colours of
    the scheme the palette gives a dark system ("(prefers-color-scheme: dark)", Material's "slate"), the
    primary's own dark shades after it; none when the palette has no such option."""
    options = [o or {} for o in (palette if isinstance(palette, list) else [palette])]
    option = next((o for o in options if "dark" in str(o.get("media", ""))), None) if dark else options[0]
    if option is None:
        return {}
    primary = re.escape(str(option.get("primary", "indigo")).replace(" ", "-"))
    light = _found(";".join([_rules(theme_dirs, r":root,\[data-md-color-scheme=default\]"),
                             _rules(theme_dirs, rf"\[data-md-color-primary={primary}\]")]))
    if not dark:
        return {name: light[name] for name in COLOURS if name in light}
    scheme = rf"\[data-md-color-scheme={re.escape(str(option.get('scheme', 'slate')))}\]"
    found = _found(";".join([_rules(theme_dirs, scheme), _rules(theme_dirs, scheme + rf"\[data-md-color-primary={primary}\]")]))
    # the scheme's colours are worked out from the theme's hue, which only its default scheme sets
    return {name: found[name].replace("var(--md-hue)", light.get("--md-hue", "0")) for name in DARK if name in found}


def _hash(text: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode()


def _lean_css(css: str) -> str:
    """The style without its comments and the spaces around its punctuation (both are for the people editing
    it; a space after a colon goes too, never one before: "a :hover" is not "a:hover")."""
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    css = re.sub(r"\s*([{};,>])\s*", r"\1", css)
    return re.sub(r":\s+", ":", css).replace(";}", "}").strip()


def _lean_js(js: str) -> str:
    """The script minified; "</" could end the <script> element early, and "<\\/" is the same text to JavaScript.
    calmjs.parse's ES5 printer also gives each function's own names one letter (never a global or a property
    name): the page's script is a tenth smaller gzipped than with comments and spaces left out alone, which the
    page's size budget needs. That takes a quarter of a second, so the result is kept in the user's cache
    folder by the script's hash (a build whose script did not change does not pay it again)."""
    key = hashlib.sha256(("calmjs.parse 1.3.4\n" + js).encode("utf-8")).hexdigest()[:32]
    cached = _cache_folder() / f"selfcheck-{key}.js"
    try:
        return cached.read_text(encoding="utf-8")
    except OSError:
        pass
    from calmjs.parse import es5
    from calmjs.parse.unparsers.es5 import minify_print

    lean = minify_print(es5(js), obfuscate=True, obfuscate_globals=False).replace("</", "<\\/")
    try:  # written whole, then renamed: a build beside this one never reads half of it
        cached.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=cached.parent, delete=False) as tmp:
            tmp.write(lean)
        os.replace(tmp.name, cached)
    except OSError:
        pass  # no cache folder to write to: the next build minifies again
    return lean


def _cache_folder() -> Path:
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "handbook-generator"


def shell(theme_dirs: list[str], palette, preview: bool = False) -> dict[str, str]:
    """The page's inline style and script, and the policy that allows exactly them (in preview, `mkdocs serve`
    adds an inline live-reload script of its own, so there any inline script may run)."""
    root = ":root{" + ";".join(f"{k}:{v}" for k, v in colours(theme_dirs, palette).items()) + "}"
    dark = colours(theme_dirs, palette, dark=True)
    if dark:  # like the handbook, the page follows the system's dark setting
        root += "@media(prefers-color-scheme:dark){:root{" + ";".join(f"{k}:{v}" for k, v in dark.items()) + "}}"
    style = root + _lean_css((HERE / "selfcheck.css").read_text(encoding="utf-8"))
    # one inline script, by job: the evaluator (the twin of evaluate.py), then the screens that use it
    script = _lean_js("\n".join((HERE / name).read_text(encoding="utf-8") for name in SCRIPTS))
    csp = CSP.format(scripts="'unsafe-inline'" if preview else f"'{_hash(script)}'", connect="'self'" if preview else "'none'",
                     style=_hash(style))
    return {"style": style, "script": script, "csp": csp}
