"""Coverage matrix: published directory services as target group × life phase × district.

Makes the "avoid duplicate structures" of concept §3 and §7 visible: a cell without an offer is a gap,
a cell with several offers (of the chosen topic) an overlap. A service without districts served counts
for every district (a city-wide offer); a service without a target group or without a life phase
cannot be placed and is listed separately.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q
from django_scopes import scope

from familienbuero.directory.models import Service, TaxonomyTerm
from familienbuero.tenancy.models import District, Municipality

GAP, SINGLE, OVERLAP = "gap", "single", "overlap"


@dataclass(frozen=True)
class Cell:
    services: tuple[str, ...]

    @property
    def count(self) -> int:
        return len(self.services)

    @property
    def status(self) -> str:
        return GAP if not self.services else SINGLE if len(self.services) == 1 else OVERLAP


@dataclass(frozen=True)
class Row:
    target_group: str
    life_phase: str
    cells: tuple[Cell, ...]


@dataclass
class CoverageMatrix:
    districts: list[str]
    rows: list[Row]
    unclassified: list[str]  # services without target group or life phase
    service_count: int

    @property
    def gaps(self) -> int:
        return sum(1 for row in self.rows for cell in row.cells if cell.status == GAP)

    @property
    def overlaps(self) -> int:
        return sum(1 for row in self.rows for cell in row.cells if cell.status == OVERLAP)


def topic_terms() -> list[TaxonomyTerm]:
    return list(
        TaxonomyTerm.objects.filter(taxonomy=TaxonomyTerm.Taxonomy.TOPIC).prefetch_related("translations")
    )


def coverage_matrix(municipality: Municipality, topic: TaxonomyTerm | None = None) -> CoverageMatrix:
    terms = list(
        TaxonomyTerm.objects.filter(
            taxonomy__in=[TaxonomyTerm.Taxonomy.TARGET_GROUP, TaxonomyTerm.Taxonomy.LIFE_PHASE]
        ).prefetch_related("translations")
    )
    groups = [t for t in terms if t.taxonomy == TaxonomyTerm.Taxonomy.TARGET_GROUP]
    phases = [t for t in terms if t.taxonomy == TaxonomyTerm.Taxonomy.LIFE_PHASE]
    with scope(municipality=municipality):
        districts = list(District.objects.filter(municipality=municipality).order_by("name"))
        services = (
            Service.objects.filter(municipality=municipality, is_published=True)
            .exclude(status=Service.Status.DEFUNCT)
            .prefetch_related("translations", "terms", "districts")
        )
        if topic is not None:
            services = services.filter(Q(terms=topic) | Q(terms__parent=topic)).distinct()
        services = list(services)
    all_district_ids = [d.pk for d in districts]
    placed: dict[tuple[int, int, int], list[str]] = {}
    unclassified = []
    for service in services:
        term_ids = {t.pk for t in service.terms.all()}
        service_groups = [g.pk for g in groups if g.pk in term_ids]
        service_phases = [p.pk for p in phases if p.pk in term_ids]
        if not service_groups or not service_phases:
            unclassified.append(str(service))
            continue
        served = [d.pk for d in service.districts.all()] or all_district_ids
        name = str(service)
        for g in service_groups:
            for p in service_phases:
                for d in served:
                    placed.setdefault((g, p, d), []).append(name)
    rows = [
        Row(
            target_group=str(group),
            life_phase=str(phase),
            cells=tuple(
                Cell(tuple(sorted(placed.get((group.pk, phase.pk, d), [])))) for d in all_district_ids
            ),
        )
        for group in groups
        for phase in phases
    ]
    return CoverageMatrix(
        districts=[d.name for d in districts],
        rows=rows,
        unclassified=sorted(unclassified),
        service_count=len(services),
    )
