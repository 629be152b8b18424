"""The input formats as JSON Schema, generated from the pydantic models the
loader validates with, so that an editor can check a file as it is typed and
the schema can never drift from what the loader accepts."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from . import schema
from ..weights.schema import WeightFile

__all__ = ["INPUT_FORMATS", "json_schemas"]

#: File kind -> (the file or files it describes, the model that validates it).
INPUT_FORMATS: dict[str, tuple[str, type[BaseModel]]] = {
    "settings": ("appraisal.yaml", schema.SettingsFile),
    "themes": ("criteria/themes.yaml", schema.ThemesFile),
    "criteria": ("criteria/criteria.yaml", schema.CriteriaFile),
    "evidence": ("criteria/evidence.yaml", schema.EvidenceFile),
    "questions": ("criteria/questions.yaml", schema.QuestionsFile),
    "agreed_points": ("criteria/agreed_points.yaml", schema.AgreedFile),
    "context": ("criteria/context.yaml", schema.ContextFile),
    "weights": ("weights/*.yaml", WeightFile),
    "scenario": ("scenarios/*.yaml", schema.ScenarioFile),
}

_DIALECT = "https://json-schema.org/draft/2020-12/schema"


def json_schemas() -> dict[str, dict[str, Any]]:
    """Kind -> JSON Schema (draft 2020-12) of that input file.

    The schemas check each file on its own; references between files (a
    theme the criteria map names, an option the evidence names) are the
    loader's cross-file checks and cannot be expressed here.
    """
    out: dict[str, dict[str, Any]] = {}
    for kind, (files, model) in INPUT_FORMATS.items():
        body = model.model_json_schema()
        head: dict[str, Any] = {
            "$schema": _DIALECT,
            "title": f"decision {kind} file ({files})",
            "description": f"The format of {files} in a decision project; see docs/PROJECT.md.",
        }
        body.pop("title", None)
        body.pop("description", None)
        out[kind] = head | body
    return out
