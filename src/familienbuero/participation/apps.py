from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ParticipationConfig(AppConfig):
    name = "familienbuero.participation"
    verbose_name = _("Children's participation")
