"""The OpenAPI contract beyond what drf-spectacular infers: the error answers every operation can give, and the
``fields=``/``omit=`` parameters of the shaped serializers."""
from __future__ import annotations

from drf_spectacular.openapi import AutoSchema

ERRORS = {
    "400": "Bad request: an unknown, repeated or malformed query parameter, or an invalid body; the body names "
           "the parameter",
    "401": "Unauthorized: credentials were given and are wrong",
    "403": "Forbidden: the request needs an account with the permission for it",
    "404": "Not found",
    "405": "Method not allowed",
    "406": "Not acceptable: no representation for the requested format",
    "422": "Unprocessable: the input was read but could not be ingested",
    "429": "Too many requests: wait as long as the Retry-After header says",
}
WRITE_ERRORS = {"413": "Payload too large", "415": "Unsupported media type"}

ERROR_SCHEMA = {
    "type": "object",
    "description": "`detail` says what went wrong; a 400 for a parameter is keyed by the parameter's name",
    "properties": {"detail": {"type": "string"}},
    "additionalProperties": True,
}


NO_NUL = "^[^\\x00]*$"  # PostgreSQL text cannot hold NUL: a parameter with one is a 400


def _no_nul(schema: dict) -> None:
    target = schema.get("items", schema) if schema.get("type") == "array" else schema
    if target.get("type") == "string" and not {"format", "enum", "pattern"} & set(target):
        target["pattern"] = NO_NUL


def document_error_responses(result, generator, request, public):
    """Postprocessing hook: every operation documents the error statuses it can answer (with an ``Error`` body),
    and that no text parameter may hold a NUL byte."""
    result.setdefault("components", {}).setdefault("schemas", {})["Error"] = ERROR_SCHEMA
    ref = {"$ref": "#/components/schemas/Error"}
    for path in result.get("paths", {}).values():
        for method, operation in path.items():
            if not isinstance(operation, dict) or "responses" not in operation:
                continue
            for parameter in operation.get("parameters", []):
                _no_nul(parameter.get("schema", {}))
                if parameter.get("schema", {}).get("type") == "array" and parameter.get("in") == "query":
                    parameter["schema"]["minItems"] = 1  # an empty list (`?id__in=`) is a 400
            codes = dict(ERRORS)
            if method in ("post", "put", "patch"):
                codes.update(WRITE_ERRORS)
            for code, description in codes.items():
                operation["responses"].setdefault(code, {
                    "description": description, "content": {"application/json": {"schema": ref}}})
    return result


class ShapedSchema(AutoSchema):
    """Adds ``fields``/``omit`` to GET operations whose serializer takes them (DynamicFieldsMixin)."""

    def get_auth(self):
        """Safe methods of views whose permissions let anonymous clients read (``anonymous_reads``, e.g.
        ``CanIngest``) take no credentials: ``{}`` among the security requirements, as spectacular does for
        DRF's own IsAuthenticatedOrReadOnly."""
        auths = super().get_auth()
        perms = self.view.get_permissions()
        if ({} not in auths and self.method in ("GET", "HEAD", "OPTIONS") and perms
                and all(getattr(p, "anonymous_reads", False) for p in perms)):
            auths.append({})
        return auths

    def get_override_parameters(self):
        from drf_spectacular.utils import OpenApiParameter

        from casetracker.api.serializers import DynamicFieldsMixin

        params = list(super().get_override_parameters())
        if self.method != "GET":
            return params
        try:
            serializer_class = self.view.get_serializer_class()
        except Exception:  # an APIView without a serializer
            return params
        if not issubclass(serializer_class, DynamicFieldsMixin):
            return params
        names = list(serializer_class().fields)  # built without a request: every field
        for name, verb in (("fields", "Only these fields"), ("omit", "Every field but these")):
            params.append(OpenApiParameter(
                name, {"type": "array", "minItems": 1, "items": {"type": "string", "enum": names}}, style="form",
                explode=False,
                description=f"{verb}, comma-separated (top-level names; an unknown name is a 400)."))
        return params

    def _map_basic_serializer(self, serializer, direction):
        from casetracker.api.serializers import DynamicFieldsMixin

        component = super()._map_basic_serializer(serializer, direction)
        if isinstance(serializer, DynamicFieldsMixin) and direction == "response":
            component.pop("required", None)  # fields=/omit= choose which are present (see DynamicFieldsMixin)
        return component
