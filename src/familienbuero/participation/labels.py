"""Label of the participation capability in ``accounts/roles.py``: it lives here so that it belongs to
this app's translation catalogue. Imports nothing of the project (``roles.py`` imports this module)."""

from django.utils.translation import gettext_lazy as _

MANAGE_PARTICIPATION = _("Run participation rounds for children and youths: options, moderation, results")

#: Session hashes of ballots are deleted this many days after the round closed (the dots stay, anonymous).
BALLOT_SESSION_DAYS = 30

#: The entry of the processing register (``core/processing.py``), in this app's catalogue.
PROCESSING = {
    "purpose": _(
        "Participation of children and youths: one ballot per browser session; "
        "ideas for a participation round."
    ),
    "data": _(
        "A keyed hash of the browser session (no name, no address) and the session cookie while voting; "
        "the text of ideas (contact details are refused, names are removed before anything is shown)."
    ),
    "data_subjects": _("Children and youths who vote or write an idea."),
    "legal_basis": _(
        "Art. 6(1)(e) GDPR in conjunction with § 8 SGB VIII (participation of children and youths)."
    ),
    "retention": _(
        "The session hashes are deleted 30 days after the round has closed; "
        "the dots stay as anonymous counts."
    ),
}
