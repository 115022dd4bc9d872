"""``export_hsds``: the municipality's published directory as an HSDS 3.0 dataset (see ``dataset.py``)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django_scopes import scope

from familienbuero.directory.hsds import mapping, selectors
from familienbuero.directory.hsds.dataset import TABLES
from familienbuero.tenancy.models import Municipality

FORMAT = "familienbuero-hsds"
FORMAT_VERSION = 1


def export_dataset(municipality: Municipality) -> dict[str, Any]:
    """Everything the API publishes, all languages included: organisations, locations, the vocabularies
    and the fully nested published services."""
    opts = mapping.EXPORT
    with scope(municipality=municipality):
        services = selectors.with_details(selectors.published_services().order_by("slug", "pk"))
        return {
            mapping.EXTENSION: {
                "format": FORMAT,
                "format_version": FORMAT_VERSION,
                "hsds_version": mapping.HSDS_VERSION,
                "language": opts.language,
                "municipality": municipality.slug,
            },
            "organizations": [mapping.organization_to_hsds(o, opts) for o in selectors.organizations()],
            "locations": [mapping.location_to_hsds(loc, opts) for loc in selectors.locations()],
            "taxonomies": [mapping.taxonomy_to_hsds(key, opts) for key in mapping.TAXONOMY_KEYS],
            "taxonomy_terms": [mapping.taxonomy_term_to_hsds(t, opts) for t in selectors.taxonomy_terms()],
            "services": [mapping.service_to_hsds(s, opts) for s in services],
        }


def dumps(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def write(data: dict[str, Any], path: Path) -> list[Path]:
    """One file if ``path`` ends in ``.json``, else a directory with one ``<table>.json`` per table."""
    if path.suffix == ".json":
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(dumps(data), encoding="utf-8")
        return [path]
    path.mkdir(parents=True, exist_ok=True)
    written = []
    for key, value in data.items():
        if key == mapping.EXTENSION or key in TABLES:
            target = path / f"{key}.json"
            target.write_text(dumps(value), encoding="utf-8")
            written.append(target)
    return written
