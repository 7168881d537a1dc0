from django.contrib import admin
from django.urls import include, path

from casetracker import feeds, hooks, views

urlpatterns = [
    path("", views.home, name="home"),
    path("search/", views.search_page, name="search"),
    path("cases/", views.case_list, name="case-list"),
    path("cases/export.<str:fmt>", views.case_export, name="case-export"),
    path("cases/export/dail.csv", views.case_export_dail, name="case-export-dail"),
    path("parties/export.<str:fmt>", views.party_export, name="party-export"),
    path("allegations/export.<str:fmt>", views.allegation_export, name="allegation-export"),
    path("quotes/export.<str:fmt>", views.quote_export, name="quote-export"),
    path("cases/<slug:slug>/", views.case_detail, name="case-detail"),
    path("cases/<slug:slug>/feed/", feeds.CaseFeed(), name="case-feed"),
    path("cases/<slug:slug>/follow-docket/", views.case_follow_docket, name="case-follow-docket"),
    path("cases/<slug:slug>/family/", views.case_family, name="case-family"),
    path("parties/", views.party_list, name="party-list"),
    path("parties/<slug:slug>/", views.party_detail, name="party-detail"),
    path("parties/<slug:slug>/feed/", feeds.PartyFeed(), name="party-feed"),
    path("allegations/", views.allegation_list, name="allegation-list"),
    path("documents/<int:pk>/", views.document_detail, name="document-detail"),
    path("search/feed/", feeds.SearchFeed(), name="search-feed"),
    path("hooks/courtlistener/<str:secret>/", hooks.courtlistener_webhook, name="courtlistener-webhook"),
    path("api/v1/", include("casetracker.api.urls")),
    path("admin/", admin.site.urls),
]
