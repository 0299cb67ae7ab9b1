"""Pydantic's validation errors as an editor reads them: the file, line and column of each, the field
as written in YAML, and a "did you mean" for an unknown field."""

from __future__ import annotations

import difflib
import typing
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from generator.catalogue.errors import DataError
from generator.catalogue.reading import Document, FieldPath, dotted

M = TypeVar("M", bound=BaseModel)


def validate_document(doc: Document, model: type[M], errors: list[DataError]) -> M | None:
    """The model of one parsed file, or None after adding its errors (with their positions) to ``errors``."""
    try:
        return model.model_validate(doc.data)
    except ValidationError as exc:
        for err in exc.errors(include_url=False):
            errors.append(_convert(doc, model, err))
        return None


def _convert(doc: Document, model: type[BaseModel], err: Any) -> DataError:
    loc = yaml_path(doc.data, tuple(err["loc"]))
    kind = err["type"]
    message = str(err["msg"]).removeprefix("Value error, ")
    if kind == "extra_forbidden":
        allowed = sorted(_fields_at(model, loc[:-1]))
        close = difflib.get_close_matches(str(loc[-1]), allowed, n=1, cutoff=0.6)
        hint = f"did you mean {close[0]!r}?" if close else f"allowed here: {', '.join(allowed)}"
        message = f"unknown field {loc[-1]!r} ({hint})"
        line, col = doc.where(loc, key=True)
    elif kind == "missing":
        message = f"required field {loc[-1]!r} is missing"
        line, col = doc.where(loc[:-1])
    else:
        if not isinstance(err.get("input"), dict | list) and "input" in err:
            message += f" (got {err['input']!r})"
        line, col = doc.where(loc)
    return DataError(doc.path, line, col, dotted(loc), message)


def yaml_path(data: Any, loc: FieldPath) -> FieldPath:
    """Drop list indexes that pydantic added for a single fact written without a list."""
    out: list[str | int] = []
    node = data
    for part in loc:
        if isinstance(part, int) and isinstance(node, dict):
            continue
        out.append(part)
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            node = None
    return tuple(out)


def _fields_at(model: type[BaseModel], loc: FieldPath) -> set[str]:
    """The field names allowed at ``loc`` inside ``model`` (for "did you mean" hints)."""
    current: Any = model
    for part in loc:
        if isinstance(part, int):
            continue
        if typing.get_origin(current) is dict:  # an entry keyed by id (data/optics.yaml): its value's type
            current = typing.get_args(current)[1]
            continue
        cls = _model_in(current)
        if cls is None or part not in cls.model_fields:
            return set()
        current = cls.model_fields[part].annotation
    cls = _model_in(current)
    return set(cls.model_fields) if cls else set()


def _model_in(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in typing.get_args(annotation):
        found = _model_in(arg)
        if found is not None:
            return found
    return None
