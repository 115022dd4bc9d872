from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PrivacyConfig(AppConfig):
    name = "familienbuero.privacy"
    verbose_name = _("Data protection")

    def ready(self) -> None:
        from familienbuero.privacy import audit

        audit.register_models()
