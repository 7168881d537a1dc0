from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView
from rest_framework.routers import DefaultRouter

from casetracker.api import ingest, views

app_name = "api"
router = DefaultRouter()
router.register("cases", views.CaseViewSet, basename="case")
router.register("documents", views.DocumentViewSet, basename="document")
router.register("parties", views.PartyViewSet, basename="party")
router.register("quotes", views.QuoteViewSet, basename="quote")
router.register("allegations", views.AllegationViewSet, basename="allegation")
router.register("claims", views.ClaimViewSet, basename="claim")
router.register("events", views.EventViewSet, basename="event")
router.register("ingest", ingest.IngestStatusViewSet, basename="ingest")

urlpatterns = [
    path("search/", views.SearchView.as_view(), name="api-search"),
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("", include(router.urls)),
]
