"""What one run of the benchmarks hands each section: a work folder, repetitions, the built site."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from bench.common import child_build
from tests.kit import copy_project


@dataclass
class Context:
    work: Path
    """A temporary folder for this run's copies of the project."""
    reps: int = 5
    lighthouse_reps: int = 5
    _site: Path | None = field(default=None, repr=False)

    def site(self) -> Path:
        """The real project, built once (in its own process) for the sections that read a built site."""
        if self._site is None:
            project = copy_project(self.work / "real", languages=True)  # as published: every language
            child_build(project)
            self._site = project / "site"
        return self._site
