"""Label of the participation capability in ``accounts/roles.py``: it lives here so that it belongs to
this app's translation catalogue. Imports nothing of the project (``roles.py`` imports this module)."""

from django.utils.translation import gettext_lazy as _

MANAGE_PARTICIPATION = _("Run participation rounds for children and youths: options, moderation, results")
