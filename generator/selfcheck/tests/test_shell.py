"""The page's inline style defines every colour it uses: a colour the page never defines turned every
button white on white under a mouse (issue 21, 1)."""
from __future__ import annotations

import importlib
import re

import pytest
from mkdocs.config import load_config

from tests.kit import ROOT
from generator.selfcheck.shell import shell


def _undefined(style: str) -> set[str]:
    return set(re.findall(r"var\((--[\w-]+)", style)) - set(re.findall(r"(--[\w-]+)\s*:", style))


@pytest.fixture(scope="module")
def theme():
    config = load_config(str(ROOT / "mkdocs.yml"))
    return config.theme.dirs, config.theme.get("palette")


def test_every_colour_the_style_uses_is_defined(theme):
    assert _undefined(shell(*theme)["style"]) == set()


def test_a_colour_the_theme_does_not_define_is_found(theme, monkeypatch):
    module = importlib.import_module("generator.selfcheck.shell")
    monkeypatch.setattr(module, "COLOURS", module.COLOURS[1:])  # the primary colour left out
    assert _undefined(shell(*theme)["style"]) == {"--md-primary-fg-color"}
