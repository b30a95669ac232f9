"""Validated writes, shared by the demo's loaders: a mistake in the demo content fails
loudly, with a DemoDataError that names the object, instead of being stored."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import models

from .sources import DemoDataError


def upsert(model, lookup: dict, values: dict):
    """update_or_create, validated first: a mistake in the demo content fails loudly."""
    obj = model.objects.filter(**lookup).first() or model(**lookup)
    for name, value in values.items():
        setattr(obj, name, value)
    # Related objects were just saved by the demo's loaders; checking they exist costs a query each.
    related = [name for name, value in values.items() if isinstance(value, models.Model)]
    validate(obj, lookup, exclude=related)
    obj.save()
    return obj


def validate(obj, label, *, exclude=None) -> None:
    try:
        obj.full_clean(exclude=exclude)
    except ValidationError as exc:
        raise DemoDataError(
            f"Demo {type(obj).__name__} {label} is not valid: {'; '.join(exc.messages)}"
        ) from exc


def validate_fields(obj, label) -> None:
    try:
        obj.clean_fields(exclude=["location"])
    except ValidationError as exc:
        raise DemoDataError(
            f"Demo {type(obj).__name__} {label} is not valid: {'; '.join(exc.messages)}"
        ) from exc


def parse_time(value: str) -> datetime.time:
    return datetime.time.fromisoformat(value)
