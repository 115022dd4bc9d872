"""Test URLconf: the project's URLs plus the open-data pages where the project will mount them.

Used until ``familienbuero/urls.py`` includes ``familienbuero.monitoring.urls``; afterwards it is the
project's URLconf unchanged.
"""

from django.urls import URLResolver, include, path

from familienbuero.urls import handler404, handler500
from familienbuero.urls import urlpatterns as project_urlpatterns


def _mounted(patterns: list) -> bool:
    for pattern in patterns:
        if isinstance(pattern, URLResolver) and (
            pattern.namespace == "monitoring" or _mounted(pattern.url_patterns)
        ):
            return True
    return False


urlpatterns = list(project_urlpatterns)
if not _mounted(urlpatterns):
    urlpatterns.insert(
        0,
        path("<slug:municipality_slug>/<str:language>/opendata/", include("familienbuero.monitoring.urls")),
    )

__all__ = ["handler404", "handler500", "urlpatterns"]
