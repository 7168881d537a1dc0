"""Query parameters every list endpoint shares: cursor pagination, ``page_size``, ``order_by``; strict checking."""
from __future__ import annotations

from base64 import b64decode
from datetime import date, datetime, timezone
from urllib import parse

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import models
from django.db.models import F, Value
from django.db.models.functions import Coalesce
from rest_framework import pagination
from rest_framework.exceptions import ValidationError
from rest_framework.filters import BaseFilterBackend, OrderingFilter

# the OpenAPI format of a cursor: an opaque token taken from a response's next/previous link
CURSOR_FORMAT = "cursor"


def single_param(request, name: str) -> str | None:
    """The value of a query parameter that may be given once (``?page_size=1&page_size=2`` is a 400)."""
    values = request.query_params.getlist(name)
    if len(values) > 1:
        raise ValidationError({name: "give this parameter once"})
    return values[0] if values else None


class CursorPagination(pagination.CursorPagination):
    page_size = 20
    page_size_query_param = "page_size"
    max_page_size = 200
    ordering = "-id"
    invalid_cursor_message = "invalid cursor: use the next/previous link of a response"

    def get_page_size(self, request):
        raw = single_param(request, self.page_size_query_param)
        if raw is None:
            return self.page_size
        try:
            size = int(raw)
        except ValueError:
            size = 0
        if not 1 <= size <= self.max_page_size:
            raise ValidationError({self.page_size_query_param: f"a whole number from 1 to {self.max_page_size}"})
        return size

    def decode_cursor(self, request):
        encoded = single_param(request, self.cursor_query_param)
        if encoded is None:
            return None
        try:
            if not encoded:
                raise ValueError
            querystring = b64decode(encoded.encode("ascii"), validate=True).decode("ascii")
            tokens = parse.parse_qs(querystring, keep_blank_values=True, strict_parsing=bool(querystring))
            offset = int(tokens.get("o", ["0"])[0])
            reverse = tokens.get("r", ["0"])[0]
            position = tokens.get("p", [None])[0]
            if not 0 <= offset <= self.offset_cutoff or reverse not in ("0", "1") or "\x00" in (position or ""):
                raise ValueError
        except (TypeError, ValueError, UnicodeError):
            raise ValidationError({self.cursor_query_param: self.invalid_cursor_message})
        return pagination.Cursor(offset=offset, reverse=reverse == "1", position=position)

    def paginate_queryset(self, queryset, request, view=None):
        try:
            return super().paginate_queryset(queryset, request, view)
        except (DjangoValidationError, ValueError, TypeError, OverflowError):
            # a position that does not fit the ordering field (a hand-made cursor): a client error
            raise ValidationError({self.cursor_query_param: self.invalid_cursor_message})

    def get_schema_operation_parameters(self, view):
        return [
            {"name": self.cursor_query_param, "required": False, "in": "query",
             "description": "Opaque pagination cursor: follow a response's `next` or `previous` link. "
                            "A cursor that was not issued by the API is a 400.",
             "schema": {"type": "string", "format": CURSOR_FORMAT}},
            {"name": self.page_size_query_param, "required": False, "in": "query",
             "description": f"Results per page (default {self.page_size}).",
             "schema": {"type": "integer", "minimum": 1, "maximum": self.max_page_size}},
        ]


def _null_key(field: models.Field):
    """The value NULLs sort as, so cursor positions are never NULL: the smallest of the type (newest-first
    orderings put undated rows last)."""
    if isinstance(field, models.DateTimeField):
        return datetime.min.replace(tzinfo=timezone.utc)
    if isinstance(field, models.DateField):
        return date.min
    if isinstance(field, (models.IntegerField, models.FloatField)):
        return -(2**63)
    return ""


class OrderBy(OrderingFilter):
    """CourtListener's ``order_by=`` with a built-in tie-breaker on id, so cursors are stable.

    A nullable field (``date``, ``published_at``, ``last_activity`` ...) is ordered through a key with NULLs as
    the smallest value: cursor positions are never NULL, and newest-first lists end with undated rows."""

    ordering_param = "order_by"
    KEY = "_order_{}"

    def _nullable(self, queryset, name: str):
        if name in queryset.query.annotations:
            field = queryset.query.annotations[name].output_field
            return field
        try:
            field = queryset.model._meta.get_field(name)
        except Exception:
            return None
        return field if getattr(field, "null", False) else None

    def get_ordering(self, request, queryset, view):
        if request.query_params.get(self.ordering_param) == "":
            raise ValidationError({self.ordering_param: "empty: give field names or leave the parameter out"})
        ordering = list(super().get_ordering(request, queryset, view) or [])
        if not any(o.lstrip("-") == "id" for o in ordering):
            ordering.append("-id" if ordering and ordering[0].startswith("-") else "id")
        keyed = []
        for term in ordering:
            name = term.lstrip("-")
            if self._nullable(queryset, name) is not None:
                term = term.replace(name, self.KEY.format(name))
            keyed.append(term)
        return keyed

    def get_default_ordering(self, view):
        return list(getattr(view, "ordering", None) or [])

    def filter_queryset(self, request, queryset, view):
        ordering = self.get_ordering(request, queryset, view)
        keys = {}
        for term in ordering:
            name = term.lstrip("-")
            if name.startswith("_order_"):
                source = name[len("_order_"):]
                field = self._nullable(queryset, source)
                keys[name] = Coalesce(F(source), Value(_null_key(field)), output_field=field.__class__())
        return queryset.annotate(**keys).order_by(*ordering)

    def remove_invalid_fields(self, queryset, fields, view, request):
        valid = super().remove_invalid_fields(queryset, fields, view, request)
        if len(valid) != len([f for f in fields if f]):
            allowed = ", ".join(sorted(n for n, _ in self.get_valid_fields(queryset, view, {"request": request})))
            raise ValidationError({"order_by": f"unknown ordering field; allowed: {allowed}"})
        return valid

    def get_schema_operation_parameters(self, view):
        names = list(getattr(view, "ordering_fields", None) or [])
        default = ",".join(getattr(view, "ordering", None) or [])
        return [{
            "name": self.ordering_param, "required": False, "in": "query", "style": "form", "explode": False,
            "description": f"Comma-separated fields to order by, `-` for descending (default `{default}`); "
                           "ties are broken by id. NULL dates sort as the oldest.",
            "schema": {"type": "array", "minItems": 1,
                       "items": {"type": "string", "enum": [p + n for n in names for p in ("", "-")]}},
        }]


class RejectUnknownParams(BaseFilterBackend):
    """Unknown query parameters are an error, not silently ignored; so is a parameter given twice. A detail URL
    knows only the shaping parameters (``fields``, ``omit``)."""

    always = {"fields", "omit", "order_by", "cursor", "page_size", "format"}
    detail = {"fields", "omit", "format"}

    def filter_queryset(self, request, queryset, view):
        if getattr(view, "detail", False):
            allowed = set(self.detail)
        else:
            allowed = set(self.always) | set(getattr(view, "extra_query_params", ()))
            filterset_class = getattr(view, "filterset_class", None)
            if filterset_class is not None:
                allowed |= set(filterset_class.base_filters)
        check_params(request, allowed)
        return queryset


def check_params(request, allowed: set[str]) -> None:
    unknown = sorted(set(request.query_params) - allowed)
    if unknown:
        raise ValidationError({"detail": f"unknown query parameter(s): {', '.join(unknown)}",
                               "allowed": sorted(allowed)})
    repeated = sorted(k for k in request.query_params if len(request.query_params.getlist(k)) > 1)
    if repeated:
        raise ValidationError({"detail": f"query parameter(s) given more than once: {', '.join(repeated)}"})
    if "format" in request.query_params and not request.query_params["format"]:  # "?format=": say which, or omit it
        raise ValidationError({"format": "an empty format: give json or csv, or leave the parameter out"})
