"""Labels of the contacts capabilities in ``accounts/roles.py``: they live here so that they belong to
this app's translation catalogue. Imports nothing of the project (``roles.py`` imports this module)."""

from django.utils.translation import gettext_lazy as _

RECORD_CONTACTS = _("Record anonymous contacts and correct the own ones for seven days")
VIEW_CONTACT_STATISTICS = _("See the contact dashboards and the annual report of the own offices")
