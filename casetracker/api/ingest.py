"""Where an ingest stands: GET /api/v1/ingest/<id>/, the URL that POST /api/v1/documents/ answers with (202)."""
from __future__ import annotations

from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import mixins, serializers, viewsets
from rest_framework.reverse import reverse

from casetracker.authentication import CanSeeIngests
from ingest import queue


class IngestStatusSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    status = serializers.SerializerMethodField(
        help_text="queued: waiting for a worker · running: a worker took it (or it waits to be retried after a "
                  "worker was lost) · done: `document` is the new document · duplicate: `document` is the one "
                  "stored before · failed: see `stage` and `error`")
    url = serializers.SerializerMethodField(help_text="this status (poll it until it is done, duplicate or failed)")
    document_id = serializers.IntegerField(read_only=True, allow_null=True)
    document = serializers.SerializerMethodField(help_text="the document's API URL once done or duplicate")
    source = serializers.CharField(read_only=True, help_text="'api' for posted text or files, else the URL")
    stage = serializers.CharField(read_only=True, help_text="the stage that failed (read, fetch, detect, parse, extract, write)")
    error = serializers.CharField(read_only=True)
    attempts = serializers.IntegerField(read_only=True)
    created_at = serializers.DateTimeField(read_only=True)
    updated_at = serializers.DateTimeField(read_only=True)

    @extend_schema_field(serializers.ChoiceField(choices=queue.STATUSES))
    def get_status(self, obj) -> str:
        return queue.public_status(obj)

    def get_url(self, obj) -> str:
        return reverse("api:ingest-detail", kwargs={"pk": obj.pk}, request=self.context.get("request"))

    @extend_schema_field(serializers.URLField(allow_null=True))
    def get_document(self, obj):
        if not obj.document_id:
            return None
        return reverse("api:document-detail", kwargs={"pk": obj.document_id}, request=self.context.get("request"))


@extend_schema(description="The status of one ingest request (the `url` that POST /api/v1/documents/ answers with).")
class IngestStatusViewSet(mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Poll an ingest: queued → running → done | duplicate | failed."""

    serializer_class = IngestStatusSerializer
    permission_classes = [CanSeeIngests]  # the ingest permission (casetracker.authentication)

    def get_queryset(self):
        return queue.ingest_status_qs()
