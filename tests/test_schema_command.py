"""``decision schema``: the input formats as JSON Schema. The bundled
project's files and the starter project's files validate against them, and
what the loader refuses for a single file's shape the schema refuses too."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from decision.cli import project as project_cli
from decision.project.formats import INPUT_FORMATS
from decision.project.loader import read_yaml

from .conftest import run_cli_in

ROOT = Path(__file__).resolve().parents[1]
KINDS = ["settings", "themes", "criteria", "evidence", "questions", "agreed_points", "context", "weights", "scenario"]


@pytest.fixture(scope="module")
def schemas(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, Any]]:
    out = tmp_path_factory.mktemp("schemas")
    code, _, err = run_cli_in(out, ("schema", "--out", "json"))
    assert code == 0, err
    found = {p.name.removesuffix(".schema.json"): json.loads(p.read_text(encoding="utf-8"))
             for p in (out / "json").glob("*.schema.json")}
    return found


def _as_text(data: Any) -> Any:
    """The document as a YAML editor sees it: a date is the text it was written as."""
    if isinstance(data, dict):
        return {k: _as_text(v) for k, v in data.items()}
    if isinstance(data, list):
        return [_as_text(v) for v in data]
    if isinstance(data, dt.date):
        return data.isoformat()
    return data


def _files(root: Path, kind: str) -> list[Path]:
    pattern = INPUT_FORMATS[kind][0]
    return sorted(root.glob(pattern))


def _validate(schema: dict[str, Any], path: Path) -> None:
    data, _ = read_yaml(path, display=str(path))
    jsonschema.Draft202012Validator(schema).validate(_as_text(data))


def test_one_schema_per_input_file_kind(schemas: dict[str, dict[str, Any]]) -> None:
    assert sorted(schemas) == sorted(KINDS)
    for kind, body in schemas.items():
        jsonschema.Draft202012Validator.check_schema(body)
        assert body["$schema"] == "https://json-schema.org/draft/2020-12/schema"
        assert body["type"] == "object" and body["additionalProperties"] is False, kind


@pytest.mark.parametrize("kind", KINDS)
def test_bundled_project_files_validate(schemas: dict[str, dict[str, Any]], kind: str) -> None:
    paths = _files(ROOT, kind)
    assert paths, f"the bundled project has no {kind} file"
    for path in paths:
        _validate(schemas[kind], path)


def test_starter_project_files_validate(schemas: dict[str, dict[str, Any]], tmp_path: Path) -> None:
    project_cli.init_project(tmp_path / "p")
    checked = 0
    for kind in KINDS:
        for path in _files(tmp_path / "p", kind):
            _validate(schemas[kind], path)
            checked += 1
    assert checked == 6


@pytest.mark.parametrize(("kind", "rel", "change"), [
    ("settings", "appraisal.yaml", lambda d: d.update(random_indx="saaty1980")),
    ("criteria", "criteria/criteria.yaml", lambda d: d["criteria"][0].update(direction="upwards")),
    ("evidence", "criteria/evidence.yaml", lambda d: d["sections"][0].update(category="opinions")),
    ("evidence", "criteria/evidence.yaml", lambda d: d["sections"][0]["items"][0].update(percent=140)),
    ("themes", "criteria/themes.yaml", lambda d: d["themes"][0].update(id="Not An Id")),
    ("weights", "weights/equal.yaml", lambda d: d["source"].update(kind="guess")),
])
def test_schema_refuses_what_the_loader_refuses(schemas: dict[str, dict[str, Any]], kind: str, rel: str,
                                               change: Any) -> None:
    data, _ = read_yaml(ROOT / rel, display=rel)
    data = _as_text(data)
    change(data)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft202012Validator(schemas[kind]).validate(data)


def test_schema_refuses_to_overwrite_a_file(tmp_path: Path) -> None:
    (tmp_path / "taken").write_text("x", encoding="utf-8")
    code, _, err = run_cli_in(tmp_path, ("schema", "--out", "taken"))
    assert code == 2 and err.count("\n") == 1
