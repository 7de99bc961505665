"""`python -m generator schema`: the JSON Schema of every data file, from the model, into schema/.

Editors that use the YAML language server (VS Code's YAML extension and others) read the schema named
on the first line of each data file (`# yaml-language-server: $schema=../schema/<file>.json`) and
underline a misspelt key or a wrong value as staff type; each field's docs show on hover.
tests/test_schema.py keeps the committed schema in step with the model.
"""
from __future__ import annotations

import functools
import json
from pathlib import Path

import click
from pydantic._internal._docs_extraction import extract_docstrings_from_cls  # pydantic is pinned (requirements.txt)
from pydantic.json_schema import GenerateJsonSchema

from generator import model
from generator.selfcheck import scenarios
from generator.commands.command import Project, say, write_atomically

FOLDER = "schema"


def schemas() -> dict[str, str]:
    """File name in schema/ -> the schema's text, for every data file."""
    files = {**model.FILES, "scenarios": scenarios.Scenarios}
    out = {}
    for name, cls in files.items():
        schema = cls.model_json_schema(mode="validation", schema_generator=_WithFieldDocs)
        schema = {"$schema": "https://json-schema.org/draft/2020-12/schema", "title": f"data/{name}.yaml", **schema}
        out[f"{name}.json"] = json.dumps(schema, indent=2, ensure_ascii=False, sort_keys=True) + "\n"
    return out


class _WithFieldDocs(GenerateJsonSchema):
    """Each field's docstring (the string under it in the model) as its description, as pydantic's
    use_attribute_docstrings gives it: read here, for the schema only, as reading every model's source
    takes a tenth of a second a build would pay for nothing."""

    def model_schema(self, schema):
        json_schema = super().model_schema(schema)
        properties = json_schema.get("properties", {})
        for name, field in schema["cls"].model_fields.items():
            doc = _field_doc(schema["cls"], name)
            key = field.alias or name
            if doc and key in properties and "description" not in properties[key]:
                properties[key]["description"] = doc
        return json_schema


def _field_doc(cls, name: str) -> str | None:
    """The docstring of field `name` in the class that declares it (a subclass declaring it anew has its own, or none)."""
    owner = next(c for c in cls.__mro__ if name in c.__dict__.get("__annotations__", {}))
    return _docs(owner).get(name)


@functools.cache
def _docs(cls) -> dict[str, str]:
    return extract_docstrings_from_cls(cls, use_inspect=True)


def header(name: str) -> str:
    return f"# yaml-language-server: $schema=../{FOLDER}/{name}.json\n"


@click.command()
@click.pass_obj
def schema(project: Project) -> None:
    """Write the JSON Schema of each data file into schema/, for editors that check YAML as you type."""
    folder = project.root / FOLDER
    folder.mkdir(exist_ok=True)
    for name, text in schemas().items():
        write_atomically(folder / name, text.encode("utf-8"))
    say(f"Wrote {len(schemas())} schemas into {FOLDER}/. Editors with the YAML language server use them as you type.")
