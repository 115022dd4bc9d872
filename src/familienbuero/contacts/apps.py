from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ContactsConfig(AppConfig):
    name = "familienbuero.contacts"
    verbose_name = _("Contact statistics")

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from familienbuero.contacts.models import ContactRecord

        # Every correction is logged (who, when, which field from what to what); the record holds no
        # personal data, so neither does the log entry.
        auditlog.register(ContactRecord, m2m_fields={"topics"}, exclude_fields=["updated_at"])
