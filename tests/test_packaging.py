"""The project installs as a package: the README's commands, CI and the pins agree, and nothing edits sys.path."""
import re
import subprocess
import sys
from importlib import metadata
from pathlib import Path

from tests.kit import ROOT


def _pins(file: str) -> list[str]:
    lines = (ROOT / file).read_text(encoding="utf-8").splitlines()
    return [line.split("#")[0].strip() for line in lines if line.split("#")[0].strip()]


def test_ci_runs_exactly_the_readme_test_command():
    last = (ROOT / ".ci" / "run").read_text(encoding="utf-8").strip().splitlines()[-1]
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert last.startswith("apt-get update && apt-get install -y chromium default-jre-headless "
                           "libpango-1.0-0 libpangoft2-1.0-0 poppler-utils && ")  # the PDF needs Pango; its tests, pdftotext
    assert f"\n{last}\n" in readme, f"README.md does not show .ci/run's command:\n{last}"


def test_the_installed_package_has_the_pinned_dependencies():
    """pyproject.toml reads the pins from requirements.txt and requirements-test.txt; an install made
    before a pin changed shows here (install again with the README's command)."""
    requires = metadata.requires("handbook-generator")
    base = sorted(r for r in requires if "extra ==" not in r)
    test = sorted(r.split(";")[0].strip() for r in requires if re.search(r"""extra\s*==\s*["']test["']""", r))
    assert base == sorted(_pins("requirements.txt"))
    assert test == sorted(_pins("requirements-test.txt"))
    assert all(re.fullmatch(r"[A-Za-z0-9_.-]+==[0-9][0-9A-Za-z.]*", pin) for pin in base + test), "every dependency is pinned"


def test_the_installed_package_is_this_checkout():
    import generator

    assert Path(generator.__file__).resolve().parent == ROOT / "generator"


def test_nothing_edits_the_import_path():
    offenders = [str(p.relative_to(ROOT)) for folder in ("generator", "tests", "bench") for p in (ROOT / folder).rglob("*.py")
                 if re.search(r"sys\.path\.(insert|append)|sys\.path\s*=|sys\.path\[", p.read_text(encoding="utf-8"))
                 and p.name != "test_packaging.py"]
    assert offenders == []


def test_the_command_line_runs_as_a_command_and_as_a_module():
    script = Path(sys.executable).with_name("handbook")
    for command in ([str(script), "--help"], [sys.executable, "-m", "generator", "--help"]):
        result = subprocess.run(command, capture_output=True, text=True, cwd="/")
        assert result.returncode == 0, result.stderr
        assert "publish" in result.stdout
