"""Input at the edge: JSON bodies and query strings into pydantic models, or a 4xx."""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date, datetime
from typing import Annotated, Any, TypeVar

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationError,
    WithJsonSchema,
)

from runcoach.errors import ValidationFailed
from runcoach.localtime import check_timezone, zone_names

M = TypeVar("M", bound=BaseModel)
D = TypeVar("D", bound=date)


class _ZoneNamesSchema:
    """The JSON Schema of a time zone name: the enum of the names accepted (made when a
    schema is asked for, not at import)."""

    @classmethod
    def __get_pydantic_json_schema__(cls, _core: Any, _handler: Any) -> dict[str, Any]:
        return {"type": "string", "enum": zone_names()}


TimeZoneName = Annotated[str, AfterValidator(check_timezone), _ZoneNamesSchema()]
"""An IANA time zone name fit to store (``localtime.check_timezone``), or a 422."""


def _no_default(schema: dict[str, Any]) -> None:
    schema.pop("default", None)


def not_null(**constraints: Any) -> Any:
    """A field that may be left out but not sent as ``null`` (its type has no ``None``):
    ``name: str = not_null(max_length=120)``. Its JSON Schema has no ``null`` default."""
    return Field(default=None, json_schema_extra=_no_default, **constraints)


FIRST_DAY = date(1900, 1, 1)
LAST_DAY = date(2199, 12, 31)
# The days a query or a body may name: far from the ends of Python's and PostgreSQL's
# calendars, so a day plus or minus a few days, or a time moved to UTC, never overflows.


def check_day(value: D) -> D:
    """``value`` when it is within ``FIRST_DAY`` .. ``LAST_DAY``, else ValueError."""
    day = value.date() if isinstance(value, datetime) else value
    if not FIRST_DAY <= day <= LAST_DAY:
        raise ValueError(f"must be between {FIRST_DAY} and {LAST_DAY}")
    return value


def check_instant(value: datetime) -> datetime:
    """``value`` when its day (at its own offset) is within ``FIRST_DAY`` .. ``LAST_DAY``.

    Checked before any conversion: ``0001-01-01T00:00:00+01:00`` cannot even be moved to
    UTC (OverflowError), so the range is read from the value as written.
    """
    return check_day(value)


# The range as JSON Schema can say it (OpenAPI): a pattern on the written year, month and day.
DAY_PATTERN = r"(19[0-9]{2}|2[01][0-9]{2})-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])"
TIME_PATTERN = (
    r"T([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](\.[0-9]{1,6})?(Z|[+-]([01][0-9]|2[0-3]):[0-5][0-9])"
)
_ISO_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def iso_day_text(value: Any) -> Any:
    """A day written as text must be ``YYYY-MM-DD`` (not a number of seconds, not a time).

    The text is read here, so a strict (JSON body) and a lax (query) validation agree.
    """
    if not isinstance(value, str):
        return value
    text = value.strip()
    try:
        if _ISO_DAY.fullmatch(text):
            return date.fromisoformat(text)
    except ValueError:
        pass
    raise ValueError("not a YYYY-MM-DD date")


Day = Annotated[
    date,
    BeforeValidator(iso_day_text),
    AfterValidator(check_day),
    WithJsonSchema({"type": "string", "format": "date", "pattern": f"^{DAY_PATTERN}$"}),
]
"""A calendar day from ``FIRST_DAY`` to ``LAST_DAY``, or a 422."""


Instant = Annotated[
    datetime,
    AfterValidator(check_instant),
    WithJsonSchema(
        {"type": "string", "format": "date-time", "pattern": f"^{DAY_PATTERN}{TIME_PATTERN}$"}
    ),
]
"""A point in time within ``FIRST_DAY`` .. ``LAST_DAY``, or a 422."""


class Input(BaseModel):
    """Base of request models: unknown fields are refused, never ignored or written."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


def _field_name(loc: tuple[Any, ...]) -> str:
    return ".".join(str(part) for part in loc) or "body"


def _message(err: Mapping[str, Any]) -> str:
    if err["type"] == "extra_forbidden":
        return "this field is not accepted here"
    if err["type"] == "missing":
        return "this field is required"
    msg = str(err.get("msg", "invalid value"))
    return msg.removeprefix("Value error, ")


def errors_of(exc: ValidationError) -> list[dict[str, str]]:
    """The pydantic errors as ``[{field, message}]``."""
    return [{"field": _field_name(e["loc"]), "message": _message(e)} for e in exc.errors()]


def _nul_at(value: Any, loc: tuple[Any, ...] = ()) -> tuple[Any, ...] | None:
    """Where ``value`` (JSON data) holds a NUL character, in a key or a string; else None."""
    if isinstance(value, str):
        return loc if "\x00" in value else None
    if isinstance(value, dict):
        for key, item in value.items():
            if "\x00" in str(key):
                return (*loc, key)
            found = _nul_at(item, (*loc, key))
            if found is not None:
                return found
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found = _nul_at(item, (*loc, index))
            if found is not None:
                return found
    return None


def _refused(errors: list[dict[str, str]]) -> ValidationFailed:
    names = ", ".join(dict.fromkeys(e["field"] for e in errors))
    return ValidationFailed(f"invalid input: {names}", errors=errors)


def _check_text(data: Any) -> None:
    """PostgreSQL's text cannot hold NUL: input that has one is refused here (a 422)."""
    loc = _nul_at(data)
    if loc is not None:
        raise _refused([{"field": _field_name(loc), "message": "must not contain NUL (U+0000)"}])


def validate(model: type[M], data: Any) -> M:
    """``data`` as ``model``, or ValidationFailed listing the offending fields."""
    _check_text(data)
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise _refused(errors_of(exc)) from None


def validate_json(model: type[M], data: Any, raw: bytes | str) -> M:
    """A JSON document (``raw``, already parsed as ``data``) as ``model``, strictly: a JSON
    value of another type than the field's is refused (``false`` is not 0, ``"3"`` not 3),
    as the JSON Schema of the model says."""
    _check_text(data)
    try:
        return model.model_validate_json(raw, strict=True)
    except ValidationError as exc:
        raise _refused(errors_of(exc)) from None


def parse_query(model: type[M], args: Mapping[str, list[str]]) -> M:
    """Query parameters (last value of each) into ``model``; unknown ones are refused."""
    return validate(model, {key: values[-1] for key, values in args.items()})
