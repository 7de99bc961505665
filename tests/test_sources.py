"""The source documents in data/sources/ are kept byte for byte as they were received, and the
sources page shows each as it presents itself."""
import hashlib
import re

from generator.site import build
from tests.kit import ROOT, page

RECEIVED = {  # SHA-256 of each file as received in the program's policy sources
    "dhs-parent-partner-approach-2011.txt": "9219537c5b6f7f559d9c4aa28d0263daf80230346407ac984017b8495e6512e5",
    "dss-pbp-requirements-training-2011.txt": "39a40a0694c70744e5e59eebaea154c542011c9bba32ed383ec54113d3a21491",
}
SHARED = ROOT.parent / "shared" / "policy-sources"


def test_source_documents_are_unchanged():
    copies = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in (ROOT / "data" / "sources").iterdir()}
    assert copies == RECEIVED


def test_source_documents_match_the_shared_originals_where_they_are_beside_the_project():
    originals = sorted(SHARED.glob("*.txt")) if SHARED.is_dir() else []
    for original in originals:
        assert (ROOT / "data" / "sources" / original.name).read_bytes() == original.read_bytes(), original.name
    assert {p.name for p in originals} <= set(RECEIVED)


def test_the_sources_page_shows_the_facts_of_each_sources_own_header(built_site):
    site = build.prepare(ROOT / "data", ROOT / "content")
    article = page(built_site, "sources.md").find("article")
    with_header = [s for s in site.handbook.sources.sources if s.header]
    assert with_header  # the DSS guide's header: division, chapter, item, where to send changes, issued, replaces
    for source in site.handbook.sources.sources:
        h2 = article.find("h2", id=source.id)
        details = h2.find_next_sibling("ul")
        label = details.find("strong", string=re.compile("^" + re.escape(site.words["sources_header"])))
        if not source.header:
            assert label is None, source.id
            continue
        shown = [" ".join(li.get_text().split()) for li in label.find_parent("li").find("ul").find_all("li")]
        assert shown == [f"{f.label}: {f.value}" for f in source.header], source.id
