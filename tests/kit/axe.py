"""axe-core in a real page, run only once the page is still.

A colour-contrast check that runs while a transition is under way (the search panel fading in,
a drawer sliding) measures a half-drawn colour and fails at random. So every axe run here first
brings the page to the state it tests: every finite animation or transition running is taken to its
end at once (Animation.finish(), which also fires its end events, as Playwright's screenshots with
animations="disabled" do), until none runs twice in a row across animation frames (a transition that
another one starts is finished too). It never waits for a fixed time, nor for a transition's own
duration (a quarter of a second on each focus move, which made the keyboard walks slow).
"""
from __future__ import annotations

from axe_playwright_python.sync_playwright import Axe

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
AXE_SCRIPT = Axe().axe_script

# document.getAnimations() flushes pending style first, so a transition a click has just caused is listed.
STILL = """async () => {
    const frame = () => new Promise(done => requestAnimationFrame(() => done()));
    const moving = () => document.getAnimations().filter(a => a.playState === 'running'
        && a.effect && a.effect.getTiming().iterations !== Infinity);
    for (let calm = 0; calm < 2;) {
        const now = moving();
        if (now.length) { calm = 0; now.forEach(a => a.finish()); }
        else { calm += 1; }
        await frame();
    }
}"""


def wait_until_still(page) -> None:
    """Return once no finite animation or transition is running on the page (each is taken to its end)."""
    page.evaluate(STILL)


def with_axe(context):
    """The context, with axe-core loaded into each page it opens (faster than adding it each time)."""
    context.add_init_script(script=AXE_SCRIPT)
    return context


def axe_violations(page, rules: list[str] | None = None) -> list[str]:
    """axe-core's WCAG 2.2 AA violations on the page once it is still (or only the given rules),
    one line each: address, rule id, how many elements, the first one, what the rule asks."""
    run_only = {"type": "rule", "values": rules} if rules else {"type": "tag", "values": WCAG_TAGS}
    if not page.evaluate("() => 'axe' in window"):
        page.evaluate(AXE_SCRIPT)
    wait_until_still(page)
    violations = page.evaluate("options => axe.run(options).then(r => r.violations)",
                               {"runOnly": run_only, "resultTypes": ["violations"]})
    return [f"{page.url} {v['id']}: {len(v['nodes'])}× e.g. {v['nodes'][0]['target']} — {v['help']}" for v in violations]
