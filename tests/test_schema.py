"""The committed JSON Schema (schema/record.schema.json) matches the pydantic models."""
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from pipeline.cli import main
from pipeline.models import record_json_schema

from .test_export import sample_records

SCHEMA_FILE = Path(__file__).resolve().parents[1] / "schema" / "record.schema.json"
REGENERATE = "regenerate it: .venv/bin/bulletins schema > schema/record.schema.json"


def committed_schema() -> dict:
    assert SCHEMA_FILE.is_file(), f"{SCHEMA_FILE} is missing: {REGENERATE}"
    return json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))


def test_committed_schema_matches_models():
    assert committed_schema() == record_json_schema(), (
        f"schema/record.schema.json has drifted from pipeline/models.py: {REGENERATE} "
        f"and commit it (bump schema_version if a field was renamed or dropped)")


def test_committed_schema_is_the_schema_command_output():
    result = CliRunner().invoke(main, ["schema"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == committed_schema()


def test_schema_keeps_the_output_contract_fields():
    """../shared/spec/OUTPUT.md: these may not be renamed or dropped in a 1.x schema."""
    schema = committed_schema()
    defs = schema["$defs"]
    assert {"schema_version", "doc_id", "source", "language", "title", "text", "counts",
            "places", "activities"} <= set(schema["properties"])
    assert {"doc_id", "source", "language", "text"} <= set(schema["required"])
    assert {"value", "qualifier", "unit", "unit_normalized", "category", "activity", "span",
            "evidence"} <= set(defs["Count"]["properties"])
    assert {"name", "name_zh", "level", "adcode", "mentions"} <= set(defs["Place"]["properties"])
    assert {"type", "mentions"} <= set(defs["Activity"]["properties"])
    assert set(defs["Count"]["properties"]["qualifier"]["enum"]) >= {
        "exact", "approx", "more_than", "at_least", "up_to", "less_than"}


def test_records_validate_against_the_committed_schema():
    jsonschema = pytest.importorskip("jsonschema", reason="jsonschema is not installed; "
                                     "pip install jsonschema to check records against the file")
    validator = jsonschema.Draft202012Validator(committed_schema())
    for record in sample_records():
        validator.validate(record)
    broken = dict(sample_records()[0], language="fr")
    assert list(validator.iter_errors(broken)), "a record in an unknown language must not validate"
    extra = dict(sample_records()[0], surprise=1)
    assert list(validator.iter_errors(extra)), "unknown fields must not validate"


def test_pipeline_output_validates_against_the_committed_schema():
    jsonschema = pytest.importorskip("jsonschema", reason="jsonschema is not installed")
    from pipeline import process

    record = process("So far, 936 preaching activities were held.\n", doc_id="s1")
    jsonschema.validate(record.model_dump(mode="json"), committed_schema(),
                        cls=jsonschema.Draft202012Validator)
