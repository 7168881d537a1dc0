from django.contrib import admin, messages

from casetracker import services
from casetracker.authentication import LockoutAdminLoginForm
from casetracker.models import (
    Alias, Allegation, Case, CaseDocument, CaseParty, Claim, Correction, Document, Event, EventSource, Evidence, Feed,
    FeedItem, FollowedDocket, Mention, Party, Quote, RawInput, StoryCluster, WebhookEvent,
)


class AliasInline(admin.TabularInline):
    model = Alias
    extra = 0
    fields = ("name", "normalized", "source")


@admin.register(Party)
class PartyAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "gazetteer_id", "owner", "merged_into")
    list_filter = ("kind",)
    search_fields = ("name", "aliases__name")
    prepopulated_fields = {"slug": ("name",)}
    inlines = [AliasInline]
    actions = ["merge_into_first", "split"]
    raw_id_fields = ("owner", "merged_into")

    @admin.action(description="Merge the selected parties into the first selected (oldest)")
    def merge_into_first(self, request, queryset):
        parties = list(queryset.order_by("id"))
        if len(parties) < 2:
            self.message_user(request, "Select at least two parties to merge.", messages.WARNING)
            return
        target = parties[0]
        for source in parties[1:]:
            services.party_merge(source=source, target=target)
        self.message_user(request, f"Merged {len(parties) - 1} part(ies) into {target}.")

    @admin.action(description="Split: undo the merge of the selected parties")
    def split(self, request, queryset):
        for party in queryset.filter(merged_into__isnull=False):
            services.party_split(party=party)
        self.message_user(request, "Split done.")


class CasePartyInline(admin.TabularInline):
    model = CaseParty
    extra = 0
    raw_id_fields = ("party",)
    exclude = ("evidence",)


class CaseDocumentInline(admin.TabularInline):
    model = CaseDocument
    extra = 0
    raw_id_fields = ("document",)


@admin.register(Case)
class CaseAdmin(admin.ModelAdmin):
    list_display = ("case_name", "court", "docket_number", "status", "caption_inferred")
    list_filter = ("status", "court", "caption_inferred")
    search_fields = ("case_name", "docket_number")
    prepopulated_fields = {"slug": ("case_name",)}
    inlines = [CasePartyInline, CaseDocumentInline]


@admin.register(Document)
class DocumentAdmin(admin.ModelAdmin):
    list_display = ("title", "kind", "publisher", "published_at", "is_ai_litigation", "extractor_version")
    list_filter = ("kind", "is_ai_litigation", "publisher")
    search_fields = ("title", "url", "sha256")
    readonly_fields = ("sha256", "story", "extractor_version", "extracted_at", "created_at")
    exclude = ("minhash",)


@admin.register(RawInput)
class RawInputAdmin(admin.ModelAdmin):
    list_display = ("source", "status", "stage", "error", "attempts", "created_at")
    list_filter = ("status", "stage")
    search_fields = ("source", "url", "error")
    exclude = ("raw",)
    readonly_fields = ("document",)


class FactAdmin(admin.ModelAdmin):
    list_filter = ("rejected",)
    readonly_fields = ("document", "evidence", "fingerprint", "extractor_version")
    actions = ["reject"]

    @admin.action(description="Reject (kept rejected across re-extraction)")
    def reject(self, request, queryset):
        for fact in queryset:
            services.fact_reject(fact=fact, user=request.user.get_username())
        self.message_user(request, f"Rejected {queryset.count()} fact(s).")


@admin.register(Quote)
class QuoteAdmin(FactAdmin):
    list_display = ("text", "speaker", "cue", "document", "rejected")
    search_fields = ("text", "speaker__name")
    raw_id_fields = ("speaker",)


@admin.register(Allegation)
class AllegationAdmin(FactAdmin):
    list_display = ("accuser", "accused", "teacher", "student", "status", "case", "rejected")
    list_filter = ("status", "rejected")
    raw_id_fields = ("accuser", "accused", "teacher", "student", "case")


@admin.register(Claim)
class ClaimAdmin(FactAdmin):
    list_display = ("label", "kind", "subject", "object", "case", "rejected")
    list_filter = ("kind", "rejected")
    raw_id_fields = ("subject", "object", "case")


@admin.register(Mention)
class MentionAdmin(FactAdmin):
    list_display = ("party", "surface", "role", "document", "rejected")
    raw_id_fields = ("party",)


class EventSourceInline(admin.TabularInline):
    model = EventSource
    extra = 0
    raw_id_fields = ("document", "evidence")


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    list_display = ("title", "kind", "date", "precision", "case", "rejected")
    list_filter = ("kind", "precision", "rejected")
    inlines = [EventSourceInline]
    raw_id_fields = ("case",)


@admin.register(Evidence)
class EvidenceAdmin(admin.ModelAdmin):
    list_display = ("document", "start", "end", "page", "sentence")
    raw_id_fields = ("document",)


@admin.register(Feed)
class FeedAdmin(admin.ModelAdmin):
    list_display = ("url", "title", "active", "last_polled_at", "last_error")
    list_filter = ("active",)


@admin.register(FollowedDocket)
class FollowedDocketAdmin(admin.ModelAdmin):
    """Followed CourtListener dockets and how their last sync went (a failed one is tried again by the next sync)."""

    list_display = ("courtlistener_id", "case", "active", "status", "error", "last_synced_at", "attempts")
    list_filter = ("status", "active")
    search_fields = ("=courtlistener_id", "case__case_name")
    raw_id_fields = ("case", "document", "followed_by")
    readonly_fields = ("data", "docket_modified", "entries_modified", "error", "error_kind", "attempts",
                       "last_attempt_at", "last_synced_at")
    actions = ["unfollow"]

    @admin.action(description="Stop following (the record stays)")
    def unfollow(self, request, queryset):
        self.message_user(request, f"Unfollowed {queryset.update(active=False)} docket(s).")


@admin.register(WebhookEvent)
class WebhookEventAdmin(admin.ModelAdmin):
    list_display = ("idempotency_key", "event_type", "status", "received_at", "processed_at", "remote_addr")
    list_filter = ("status",)
    readonly_fields = ("idempotency_key", "event_type", "payload", "remote_addr", "status", "detail", "received_at",
                       "processed_at")


admin.site.register([Alias, CaseParty, CaseDocument, Correction, EventSource, FeedItem, StoryCluster])
admin.site.login_form = LockoutAdminLoginForm  # says when too many failed logins locked a user or address out


# ----------------------------------------------------------------------------- following (issue 16)
from casetracker.models import Alert, Change, WebhookDelivery, WebhookEndpoint  # noqa: E402


@admin.register(Alert)
class AlertAdmin(admin.ModelAdmin):
    list_display = ("user", "case", "party", "role", "query", "frequency", "paused", "last_fired_at")
    list_filter = ("frequency", "paused")
    raw_id_fields = ("user", "case", "party")
    readonly_fields = ("since", "seen", "last_checked_at", "last_fired_at")


@admin.register(Change)
class ChangeAdmin(admin.ModelAdmin):
    list_display = ("created_at", "kind", "case", "party", "role", "summary")
    list_filter = ("kind",)
    raw_id_fields = ("case", "party", "document", "evidence")


@admin.register(WebhookEndpoint)
class WebhookEndpointAdmin(admin.ModelAdmin):
    list_display = ("url", "user", "enabled", "consecutive_failures", "disabled_reason")
    list_filter = ("enabled",)
    raw_id_fields = ("user",)
    exclude = ("secret",)  # a secret is shown once, to its owner


@admin.register(WebhookDelivery)
class WebhookDeliveryAdmin(admin.ModelAdmin):
    list_display = ("msg_id", "endpoint", "event_type", "status", "attempts", "last_status_code", "created_at")
    list_filter = ("status", "event_type")
    raw_id_fields = ("endpoint", "alert")
