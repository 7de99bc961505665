"""Colour contrast as a person meets it: an element's computed colours in a real page, in the state it is in
(after page.hover(), say: axe cannot see a hover), each laid over what is behind it, and their WCAG ratio.

    seen = colours(locator)       # {"text", "background", "edge", "page"}: opaque (r, g, b), 0-255
    ratio(seen["text"], seen["background"])   # >= 4.5 for text, >= 3 for the edge against the page
"""
from __future__ import annotations

# The element's text and border colours and every background from it up to <html>, as the browser computes them.
_COMPUTED = """el => {
  const rgba = s => { const n = (s.match(/[\\d.]+/g) || []).map(Number); return [n[0], n[1], n[2], n.length > 3 ? n[3] : 1]; };
  const backs = [];
  for (let e = el; e; e = e.parentElement) backs.push(rgba(getComputedStyle(e).backgroundColor));
  const cs = getComputedStyle(el);
  return {text: rgba(cs.color), border: parseFloat(cs.borderTopWidth) > 0 ? rgba(cs.borderTopColor) : null,
          backs: backs, dark: matchMedia('(prefers-color-scheme: dark)').matches};
}"""


def _over(top, below):
    """`top` (r, g, b, alpha) laid over the opaque colour `below`."""
    a = top[3]
    return tuple(round(t * a + b * (1 - a), 3) for t, b in zip(top[:3], below))


def _stack(layers, canvas):
    """The colour seen through `layers` (the nearest first) over the canvas."""
    seen = canvas
    for layer in reversed(layers):
        seen = _over(layer, seen)
    return seen


def colours(locator) -> dict:
    """What a person sees of an element: its text over its background, and its edge (its border, or without
    one its background) over the page behind it."""
    got = locator.evaluate(_COMPUTED)
    canvas = (0, 0, 0) if got["dark"] else (255, 255, 255)  # a page with no background of its own shows the canvas
    page = _stack(got["backs"][1:], canvas)
    background = _over(got["backs"][0], page)
    return {"text": _over(got["text"], background), "background": background,
            "edge": _over(got["border"], page) if got["border"] else background, "page": page}


def luminance(rgb) -> float:
    def channel(c):
        c = c / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = (channel(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def ratio(a, b) -> float:
    """WCAG's contrast ratio of two opaque colours, 1 to 21."""
    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)
