from django.urls import include, path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import APIRootView, DefaultRouter
from rest_framework.reverse import reverse

from casetracker.api import alerts, ingest, reviews, views

app_name = "api"


class ApiRoot(APIRootView):
    """casetracker's REST API: every resource, the search, the OpenAPI schema and its documentation page."""

    EXTRA = {"search": "api:api-search", "usage": "api:api-usage", "reviews": "api:api-reviews", "schema": "api:api-schema",
             "docs": "api:api-docs"}

    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        for key, name in self.EXTRA.items():
            response.data[key] = reverse(name, request=request)
        return response


class Router(DefaultRouter):
    APIRootView = ApiRoot


router = Router()
router.register("cases", views.CaseViewSet, basename="case")
router.register("documents", views.DocumentViewSet, basename="document")
router.register("parties", views.PartyViewSet, basename="party")
router.register("quotes", views.QuoteViewSet, basename="quote")
router.register("allegations", views.AllegationViewSet, basename="allegation")
router.register("claims", views.ClaimViewSet, basename="claim")
router.register("events", views.EventViewSet, basename="event")
router.register("ingest", ingest.IngestStatusViewSet, basename="ingest")
router.register("alerts", alerts.AlertViewSet, basename="alert")
router.register("webhooks", alerts.WebhookViewSet, basename="webhook")

urlpatterns = [
    path("search/", views.SearchView.as_view(), name="api-search"),
    path("usage/", alerts.UsageView.as_view(), name="api-usage"),
    path("reviews/", reviews.ReviewView.as_view(), name="api-reviews"),
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    # Swagger UI from drf-spectacular-sidecar's static files (no CDN); its setup script is a file, not inline
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api:api-schema"), name="api-docs"),
    path("", include(router.urls)),
    re_path(r"^.*/$", views.not_found),  # anything else under /api/v1/ is a JSON 404, like every API error
]
