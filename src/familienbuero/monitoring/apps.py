from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MonitoringConfig(AppConfig):
    name = "familienbuero.monitoring"
    verbose_name = _("Open data and statistics")

    def ready(self) -> None:
        # Registers the built-in statistics (see datasets.py).
        from familienbuero.monitoring import datasets  # noqa: F401
