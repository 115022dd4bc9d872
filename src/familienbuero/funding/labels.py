"""Label of the funding capability in ``accounts/roles.py``: it lives here so that it belongs to this
app's translation catalogue. Imports nothing of the project (``roles.py`` imports this module)."""

from django.utils.translation import gettext_lazy as _

MANAGE_FUNDING = _("Keep the funding plan: budget lines, grants, expenses and reports to funders")
