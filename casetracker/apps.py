from django.apps import AppConfig


class CasetrackerConfig(AppConfig):
    name = "casetracker"
    default_auto_field = "django.db.models.BigAutoField"
