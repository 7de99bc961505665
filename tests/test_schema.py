"""The JSON Schema for editors (issue 12, point 7): the committed schema/ is what the model gives, each
data file names its schema on its first line, the editor settings map every data file, and the schema
carries the field docs."""
from __future__ import annotations

import json

from generator.commands.schema import header, schemas
from tests.kit import ROOT


def test_the_committed_schema_is_the_models():
    made = schemas()
    committed = {p.name: p.read_text(encoding="utf-8") for p in (ROOT / "schema").glob("*.json")}
    assert committed == made, "schema/ is out of step with the model: run  python -m generator schema  and commit schema/"


def test_every_data_file_names_its_schema_and_the_editor_settings_map_it():
    settings = json.loads((ROOT / ".vscode/settings.json").read_text(encoding="utf-8"))["yaml.schemas"]
    for name in schemas():
        stem = name.removesuffix(".json")
        data = ROOT / "data" / f"{stem}.yaml"
        assert data.read_text(encoding="utf-8").startswith(header(stem)), data
        assert settings[f"./schema/{name}"] == f"data/{stem}.yaml"


def test_the_schema_carries_the_field_docs_and_refuses_unknown_keys():
    sources = json.loads(schemas()["sources.json"])
    section = sources["$defs"]["Section"]
    assert section["additionalProperties"] is False
    assert "open this section" in section["properties"]["starts_with"]["description"]
    cite = json.loads(schemas()["tiers.json"])["$defs"]["Cite"]
    assert cite["properties"]["quote"]["description"]
