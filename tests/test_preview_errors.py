"""Errors in the browser (issue 12, point 6): while the data has a mistake, a real preview process
answers every page at once with the terminal's plain message (file, line, fix) and its live-reload
script, and serves the handbook again once the mistake is fixed. Waits for states, not for time."""
from __future__ import annotations

import os
import re
import subprocess
import urllib.error
import urllib.request

import pytest

from tests.test_cli import PY, _free_port, _get, _wait_for, edit


def test_preview_shows_a_data_mistake_in_the_browser_and_recovers(project, tmp_path):
    port = _free_port()
    err = tmp_path / "stderr.txt"
    with err.open("w") as stderr:
        proc = subprocess.Popen([PY, "-m", "generator", "preview", "--port", str(port)], cwd=project,
                                stdout=subprocess.DEVNULL, stderr=stderr, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    try:
        url = f"http://127.0.0.1:{port}/tiers/tier-3/"
        _wait_for(lambda: "Focus Groups" in (_get(url) or ""), "first build served")
        edit(project, "tiers.yaml", 'name: "Focus Groups"', 'nmae: "Focus Groups"')
        line = (project / "data/tiers.yaml").read_text(encoding="utf-8").splitlines()
        line = next(n for n, text in enumerate(line, 1) if 'nmae: "Focus Groups"' in text)
        message = f"data/tiers.yaml:{line}: unknown key &#39;nmae&#39; — did you mean &#39;name&#39;?"
        page = _wait_for(lambda: (lambda p: p if p and message in p else None)(_get(url)), "the mistake shown in the browser")
        assert "The preview is waiting for a fix" in page
        assert re.search(r"livereload\(\d+, \d+\)", page), "the error page must reload itself"
        for other in ("", "glossary/"):
            assert message in (_get(f"http://127.0.0.1:{port}/{other}") or ""), other
        with pytest.raises(urllib.error.HTTPError) as missing:  # a page that does not exist says it too
            urllib.request.urlopen(f"http://127.0.0.1:{port}/no-such-page/", timeout=5)
        assert missing.value.code == 404 and message in missing.value.read().decode("utf-8")
        assert proc.poll() is None
        edit(project, "tiers.yaml", 'nmae: "Focus Groups"', 'name: "Focus Circles"')
        _wait_for(lambda: "Focus Circles" in (_get(url) or ""), "the handbook served again after the fix")
        assert "Traceback" not in err.read_text()
    finally:
        proc.terminate()
        proc.wait(timeout=20)
