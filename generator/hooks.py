"""MkDocs glue: load the data, render every page before anything is written, add them to the site.

Everything that can fail (reading the YAML, rendering the templates) runs in on_config, which
MkDocs calls before it empties site_dir: a mistake stops the build with a plain message and the
last good site stays as it was.
"""
from __future__ import annotations

import base64
import hashlib
from pathlib import Path

from markupsafe import escape
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.utils import get_relative_url

from generator import build, selfcheck  # the installed package (pip install -e .), see pyproject.toml

_site: build.Site | None = None
_serving = False
CSP = ("default-src 'self'; script-src 'self' {scripts}; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
       "font-src 'self' data:; connect-src 'self'; worker-src 'self'; object-src 'none'; base-uri 'self'; "
       "form-action 'self'")
"""Every page's Content-Security-Policy (site_overrides/main.html): scripts and everything else only from
the site itself; the one inline script allowed is site_overrides/partials/resize-observer.js, by hash."""


def on_startup(command: str, dirty: bool) -> None:
    global _serving
    _serving = command == "serve"


def _csp(overrides: Path) -> str:
    """The policy; `mkdocs serve` adds an inline script of its own (live reload), so preview allows it."""
    if _serving:
        return CSP.format(scripts="'unsafe-inline'")
    script = (overrides / "partials" / "resize-observer.js").read_text(encoding="utf-8").removesuffix("\n")
    digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode()
    return CSP.format(scripts=f"'sha256-{digest}'")


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    global _site
    _site = None
    project = Path(config.config_file_path).parent
    try:
        _site = build.prepare(project / "data", Path(config.docs_dir))
        build.check_language(_site.language, config.theme.dirs, project / "data")
    except build.BuildProblem as e:
        raise PluginError(str(e)) from None
    # MkDocs' templates do not escape: every value from the data is escaped before it enters the config
    config.extra["as_of"] = escape(_site.as_of_text)
    config.extra["lang"] = _site.language
    config.extra["csp"] = _csp(Path(config.theme.custom_dir))
    config.theme["language"] = _site.language
    config.site_name = escape(_site.site_name)
    page_dir = str(selfcheck.PAGE_DIR)  # the self-check's page template lives in its component folder
    if page_dir not in config.theme.dirs:
        config.theme.dirs.insert(0, page_dir)
    config.extra["selfcheck"] = selfcheck.shell(config.theme.dirs, config.theme.get("palette"), _serving)  # its page's inline parts
    return config


@event_priority(-100)
def on_files(files: Files, config: MkDocsConfig) -> Files:
    for page in _site.pages:  # build.prepare made sure no file in content/ takes a generated page's place
        files.append(File.generated(config, page.uri, content=page.markdown))
    for uri, data in _site.assets.items():
        files.append(File.generated(config, uri, content=data, inclusion=InclusionLevel.NOT_IN_NAV))
    config.nav = _site.nav(sorted(f.src_uri for f in files.documentation_pages() if f.src_uri not in _site.generated_uris))
    return files


def on_page_markdown(markdown: str, page, config: MkDocsConfig, files: Files) -> str:
    return _site.content.get(page.file.src_uri, markdown)


def on_page_context(context, page, config, nav):
    def link(uri: str) -> str:
        target = next(p.url for p in nav.pages if p.file.src_uri == uri)
        return get_relative_url(target, page.url)

    context.update(_site.page_context(page.file.src_uri, link))
    return context


def on_serve(server, config: MkDocsConfig, builder):
    project = Path(config.config_file_path).parent
    for folder in ("data", "generator"):
        server.watch(str(project / folder))
    return server
