from rest_framework import pagination
from rest_framework.exceptions import ValidationError
from rest_framework.filters import BaseFilterBackend, OrderingFilter


class CursorPagination(pagination.CursorPagination):
    page_size = 20
    page_size_query_param = "page_size"
    max_page_size = 200
    ordering = "-id"


class OrderBy(OrderingFilter):
    """CourtListener's `order_by=` with a built-in tie-breaker on id, so cursors are stable."""

    ordering_param = "order_by"

    def get_ordering(self, request, queryset, view):
        ordering = list(super().get_ordering(request, queryset, view) or [])
        if not any(o.lstrip("-") == "id" for o in ordering):
            ordering.append("-id" if ordering and ordering[0].startswith("-") else "id")
        return ordering

    def remove_invalid_fields(self, queryset, fields, view, request):
        valid = super().remove_invalid_fields(queryset, fields, view, request)
        if len(valid) != len([f for f in fields if f]):
            allowed = ", ".join(sorted(n for n, _ in self.get_valid_fields(queryset, view, {"request": request})))
            raise ValidationError({"order_by": f"unknown ordering field; allowed: {allowed}"})
        return valid


class RejectUnknownParams(BaseFilterBackend):
    """Unknown query parameters are an error, not silently ignored."""

    always = {"fields", "omit", "order_by", "cursor", "page_size", "format"}

    def filter_queryset(self, request, queryset, view):
        allowed = set(self.always) | set(getattr(view, "extra_query_params", ()))
        filterset_class = getattr(view, "filterset_class", None)
        if filterset_class is not None:
            allowed |= set(filterset_class.base_filters)
        unknown = sorted(set(request.query_params) - allowed)
        if unknown:
            raise ValidationError({"detail": f"unknown query parameter(s): {', '.join(unknown)}",
                                   "allowed": sorted(allowed)})
        return queryset
