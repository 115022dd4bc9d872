from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FundingConfig(AppConfig):
    name = "familienbuero.funding"
    verbose_name = _("Funding plan")

    def ready(self) -> None:
        # Every create, change and delete of the funding plan goes to the change log (see audit.py).
        from familienbuero.funding import audit

        audit.connect()
