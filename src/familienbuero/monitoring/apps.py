from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MonitoringConfig(AppConfig):
    name = "familienbuero.monitoring"
    verbose_name = _("Open data and statistics")

    def ready(self) -> None:
        # Registers the built-in statistics (see datasets.py).
        from auditlog.registry import auditlog

        from familienbuero.monitoring import datasets  # noqa: F401
        from familienbuero.monitoring.models import BurdenIndexWeights, DistrictStatistics, Quarter

        # Who imported which figures, who changed a quarter or the index weights (no personal data).
        auditlog.register(DistrictStatistics, exclude_fields=["imported_at"])
        auditlog.register(Quarter, m2m_fields={"districts", "focus_districts"})
        auditlog.register(BurdenIndexWeights)
