"""What goes into the search index for one service: its texts per language, in three weights.

title  – name and other name (a hit here ranks first)
body   – description and "who it is for"
extra  – names of its topics, target groups and life phases, and the organisation's name
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from familienbuero.directory.models import Service

#: Languages whose texts are indexed (all site languages; German is always there).
INDEXED_LANGUAGES = ("de", "de-ls", "en", "tr", "ar", "uk")


@dataclass
class Document:
    service_id: int
    # language -> (title, body, extra), raw text as entered
    texts: dict[str, tuple[str, str, str]] = field(default_factory=dict)


def is_public(service: Service) -> bool:
    return service.is_published and service.status != Service.Status.DEFUNCT


def build_document(service: Service) -> Document:
    """The index document of a service; expects ``translations``, ``terms__translations`` and
    ``organization`` to be prefetched when called for many services."""
    translations = {t.language_code: t for t in service.translations.all()}
    terms = list(service.terms.all())
    document = Document(service.pk)
    for language in INDEXED_LANGUAGES:
        translation = translations.get(language)
        term_names = _term_names(terms, language)
        if translation is None and language != "de" and not term_names:
            continue
        title = body = ""
        if translation is not None:
            title = _join(translation.name, translation.alternate_name)
            body = _join(translation.description, translation.eligibility_description)
        extra = _join(*term_names, service.organization.name if language == "de" else "")
        document.texts[language] = (title, body, extra)
    return document


def _term_names(terms: Iterable, language: str) -> list[str]:
    names = []
    for term in terms:
        for translation in term.translations.all():
            if translation.language_code == language:
                names.append(translation.name)
    return names


def _join(*parts: str) -> str:
    return "\n".join(part for part in parts if part)
