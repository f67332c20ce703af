"""Input at the edge: JSON bodies and query strings into pydantic models, or a 4xx."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from typing import Annotated, Any, TypeVar

from pydantic import AfterValidator, BaseModel, ConfigDict, ValidationError

from runcoach.errors import ValidationFailed
from runcoach.localtime import check_timezone

M = TypeVar("M", bound=BaseModel)
D = TypeVar("D", bound=date)


TimeZoneName = Annotated[str, AfterValidator(check_timezone)]
"""An IANA time zone name fit to store (``localtime.check_timezone``), or a 422."""

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


Day = Annotated[date, AfterValidator(check_day)]
"""A calendar day from ``FIRST_DAY`` to ``LAST_DAY``, or a 422."""


Instant = Annotated[datetime, AfterValidator(check_instant)]
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


def validate(model: type[M], data: Any) -> M:
    """``data`` as ``model``, or ValidationFailed listing the offending fields."""
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        errors = errors_of(exc)
        names = ", ".join(dict.fromkeys(e["field"] for e in errors))
        raise ValidationFailed(f"invalid input: {names}", errors=errors) from None


def parse_query(model: type[M], args: Mapping[str, list[str]]) -> M:
    """Query parameters (last value of each) into ``model``; unknown ones are refused."""
    return validate(model, {key: values[-1] for key, values in args.items()})
