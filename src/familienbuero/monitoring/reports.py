"""Reads of the social-area monitoring: the quarter report of concept §2.1, the burden index and the
coverage matrix. Every figure is computed here from the imported counts; templates only format.

Percentages are rounded half up to one decimal, as in the concept (``share``).
"""

from __future__ import annotations

import statistics
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext as _
from django_scopes import scope

from familienbuero.monitoring.models import BurdenIndexWeights, DistrictStatistics, Quarter
from familienbuero.monitoring.services import weights_for
from familienbuero.tenancy.models import District, Municipality

COUNT_FIELDS = [
    "population",
    "families_with_children",
    "persons_under_20",
    "migration_background",
    "unemployed_sgb2",
    "unemployed_sgb3",
    "kita_families",
    "income_up_to_15000",
    "income_15001_to_36000",
    "hze_total",
    "hze_residential",
]


def share(part: int | float, whole: int | float) -> Decimal | None:
    """``part`` in per cent of ``whole``, half up to one decimal; ``None`` if the whole is 0."""
    if not whole:
        return None
    return (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def density(population: int, area_km2: Decimal | None) -> int | None:
    if not area_km2:
        return None
    return int((Decimal(population) / area_km2).quantize(Decimal(1), rounding=ROUND_HALF_UP))


@dataclass
class Counts:
    """Sums of the counts of some districts."""

    population: int = 0
    families_with_children: int = 0
    persons_under_20: int = 0
    migration_background: int = 0
    unemployed_sgb2: int = 0
    unemployed_sgb3: int = 0
    kita_families: int = 0
    income_up_to_15000: int = 0
    income_15001_to_36000: int = 0
    hze_total: int = 0
    hze_residential: int = 0
    area_km2: Decimal | None = None  # None unless every district's area is known

    @classmethod
    def of(cls, rows: Iterable[DistrictStatistics]) -> Counts:
        counts = cls()
        areas: list[Decimal | None] = []
        for row in rows:
            for name in COUNT_FIELDS:
                setattr(counts, name, getattr(counts, name) + getattr(row, name))
            areas.append(row.area_km2)
        if areas and None not in areas:
            counts.area_km2 = sum(areas, Decimal(0))
        return counts

    @property
    def density(self) -> int | None:
        """Inhabitants per km², rounded half up."""
        return density(self.population, self.area_km2)

    @property
    def unemployed(self) -> int:
        return self.unemployed_sgb2 + self.unemployed_sgb3

    @property
    def income_up_to_36000(self) -> int:
        return self.income_up_to_15000 + self.income_15001_to_36000


@dataclass(frozen=True)
class Figure:
    """One line of the report: a count or a percentage."""

    section: str
    label: str
    value: int | Decimal | None
    is_percent: bool = False


@dataclass
class Section:
    title: str
    figures: list[Figure] = field(default_factory=list)


@dataclass(frozen=True)
class SubDistrict:
    name: str
    is_focus: bool
    population: int
    population_share: Decimal | None  # of the quarter
    density: int | None  # inhabitants per km², if the area is known
    density_rank: int | None  # among the districts of the city with a known area, 1 = densest
    families_with_children: int
    persons_under_20: int
    migration_background: int
    migration_share: Decimal | None  # of the district's population
    migration_rank: int  # among all districts of the city, 1 = highest share
    low_income_share: Decimal | None  # of the district's Kita families
    hze_total: int
    hze_share: Decimal | None  # of the quarter's cases
    hze_residential: int
    hze_residential_share: Decimal | None  # of the quarter's residential cases


@dataclass(frozen=True)
class Indicator:
    key: str  # the weight's field name on BurdenIndexWeights
    label: str
    numerator: Callable[[DistrictStatistics], int]
    denominator: Callable[[DistrictStatistics], int]


def indicators() -> list[Indicator]:
    return [
        Indicator(
            "young_people",
            _("Persons under 20 per inhabitant"),
            lambda r: r.persons_under_20,
            lambda r: r.population,
        ),
        Indicator(
            "migration",
            _("Migration background per inhabitant"),
            lambda r: r.migration_background,
            lambda r: r.population,
        ),
        Indicator(
            "unemployment",
            _("Unemployed (SGB II and III) per inhabitant"),
            lambda r: r.unemployed_sgb2 + r.unemployed_sgb3,
            lambda r: r.population,
        ),
        Indicator(
            "low_income",
            _("Kita families with up to 15,000 € per Kita family"),
            lambda r: r.income_up_to_15000,
            lambda r: r.kita_families,
        ),
        Indicator(
            "hze",
            _("Educational support cases per person under 20"),
            lambda r: r.hze_total,
            lambda r: r.persons_under_20,
        ),
        Indicator(
            "hze_residential",
            _("Residential educational support cases per person under 20"),
            lambda r: r.hze_residential,
            lambda r: r.persons_under_20,
        ),
    ]


@dataclass(frozen=True)
class RankedDistrict:
    rank: int
    name: str
    quarters: str
    rates: list[Decimal | None]  # per indicator, in per cent
    z_scores: list[Decimal]
    index: Decimal


@dataclass
class BurdenIndex:
    indicators: list[Indicator]
    weights: list[int]
    ranking: list[RankedDistrict]

    @property
    def columns(self) -> list[tuple[str, int]]:
        return [
            (indicator.label, weight) for indicator, weight in zip(self.indicators, self.weights, strict=True)
        ]


def burden_index(rows: list[DistrictStatistics], weights: BurdenIndexWeights) -> BurdenIndex:
    """Ranks districts by the weighted mean of their indicators' z-scores.

    For each indicator i and district d: rate r(d,i) = numerator / denominator; z(d,i) = (r(d,i) − mean_i)
    / sd_i with mean and population standard deviation over the districts of the city on the reference
    date (z = 0 if a rate is undefined or all districts are equal). Index(d) = Σ w_i · z(d,i) / Σ w_i.
    A positive index means more burden than the average district.
    """
    found = indicators()
    weight_values = [getattr(weights, indicator.key) for indicator in found]
    rates: dict[int, list[float | None]] = {}
    for row in rows:
        rates[row.pk] = [
            (indicator.numerator(row) / indicator.denominator(row)) if indicator.denominator(row) else None
            for indicator in found
        ]
    z: dict[int, list[float]] = {row.pk: [] for row in rows}
    for i in range(len(found)):
        values = [r[i] for r in rates.values() if r[i] is not None]
        mean = statistics.fmean(values) if values else 0.0
        sd = statistics.pstdev(values) if len(values) > 1 else 0.0
        for pk, r in rates.items():
            z[pk].append((r[i] - mean) / sd if r[i] is not None and sd > 0 else 0.0)
    total_weight = sum(weight_values)
    scored = []
    for row in rows:
        index = (
            sum(w * s for w, s in zip(weight_values, z[row.pk], strict=True)) / total_weight
            if total_weight
            else 0.0
        )
        scored.append((index, row))
    scored.sort(key=lambda pair: (-round(pair[0], 9), pair[1].district.name))
    two = Decimal("0.01")
    ranking = [
        RankedDistrict(
            rank=position,
            name=row.district.name,
            quarters=", ".join(q.name for q in row.district.quarters.all()),
            rates=[
                None if value is None else (Decimal(value) * 100).quantize(Decimal("0.1"), ROUND_HALF_UP)
                for value in rates[row.pk]
            ],
            z_scores=[Decimal(value).quantize(two, ROUND_HALF_UP) for value in z[row.pk]],
            index=Decimal(index).quantize(two, ROUND_HALF_UP),
        )
        for position, (index, row) in enumerate(scored, start=1)
    ]
    return BurdenIndex(indicators=found, weights=weight_values, ranking=ranking)


def reference_dates(municipality: Municipality) -> list[date]:
    with scope(municipality=municipality):
        return list(
            DistrictStatistics.objects.filter(municipality=municipality)
            .order_by("-reference_date")
            .values_list("reference_date", flat=True)
            .distinct()
        )


def statistics_on(municipality: Municipality, reference_date: date) -> list[DistrictStatistics]:
    with scope(municipality=municipality):
        return list(
            DistrictStatistics.objects.filter(municipality=municipality, reference_date=reference_date)
            .select_related("district")
            .prefetch_related("district__quarters")
            .order_by("district__name")
        )


@dataclass
class SocialAreaReport:
    quarter: Quarter
    reference_date: date
    district_names: list[str]
    focus_names: list[str]
    missing_districts: list[str]  # districts of the quarter without figures on the date
    city: Counts
    quarter_counts: Counts
    focus: Counts
    sections: list[Section]
    sub_districts: list[SubDistrict]
    burden: BurdenIndex

    def figures(self) -> list[Figure]:
        return [figure for section in self.sections for figure in section.figures]


def _sections(
    city: Counts, q: Counts, focus: Counts, focus_label: str, rows: list[DistrictStatistics]
) -> list[Section]:
    def count(section: Section, label: str, value: int) -> None:
        section.figures.append(Figure(section.title, label, value))

    def percent(section: Section, label: str, value: Decimal | None) -> None:
        section.figures.append(Figure(section.title, label, value, is_percent=True))

    population = Section(_("Population"))
    count(population, _("Inhabitants of the quarter"), q.population)
    count(population, _("Inhabitants of the city"), city.population)
    percent(population, _("Share of the city's inhabitants"), share(q.population, city.population))
    if q.density is not None:
        count(population, _("Inhabitants per km² in the quarter"), q.density)
        count(population, _("Inhabitants per km² in the city"), city.density)
    if focus_label:
        count(
            population,
            _("Inhabitants of the densest districts (%(names)s)") % {"names": focus_label},
            focus.population,
        )
        percent(
            population,
            _("Share of the quarter's inhabitants living there"),
            share(focus.population, q.population),
        )

    families = Section(_("Families and young people"))
    count(families, _("Families with children under 18 in the quarter"), q.families_with_children)
    percent(
        families,
        _("Share of the city's families with children under 18"),
        share(q.families_with_children, city.families_with_children),
    )
    count(families, _("Persons under 20 in the quarter"), q.persons_under_20)
    percent(
        families, _("Share of the city's persons under 20"), share(q.persons_under_20, city.persons_under_20)
    )
    if focus_label:
        percent(
            families,
            _("Share of the quarter's persons under 20 living in %(names)s") % {"names": focus_label},
            share(focus.persons_under_20, q.persons_under_20),
        )

    migration = Section(_("Migration background"))
    count(migration, _("Persons with migration background in the city"), city.migration_background)
    count(migration, _("Persons with migration background in the quarter"), q.migration_background)
    percent(
        migration,
        _("Share of the city's persons with migration background living in the quarter"),
        share(q.migration_background, city.migration_background),
    )
    percent(migration, _("Share of the quarter's inhabitants"), share(q.migration_background, q.population))
    percent(
        migration,
        _("Share of all inhabitants of the city (city-wide)"),
        share(city.migration_background, city.population),
    )
    if focus_label:
        count(
            migration,
            _("Persons with migration background in %(names)s") % {"names": focus_label},
            focus.migration_background,
        )
        percent(
            migration,
            _("Share of the quarter's persons with migration background living there"),
            share(focus.migration_background, q.migration_background),
        )
    highest = max(rows, key=lambda r: share(r.migration_background, r.population) or 0, default=None)
    if highest is not None:
        percent(
            migration,
            _("Highest share of a single district in the city: %(district)s")
            % {"district": highest.district.name},
            share(highest.migration_background, highest.population),
        )

    work = Section(_("Unemployment"))
    count(work, _("Unemployed persons (SGB II and III) in the city"), city.unemployed)
    percent(
        work,
        _("Share of them under SGB II (basic income support)"),
        share(city.unemployed_sgb2, city.unemployed),
    )
    count(work, _("Unemployed persons (SGB II and III) in the quarter"), q.unemployed)
    percent(work, _("Unemployed per 100 inhabitants in the quarter"), share(q.unemployed, q.population))
    percent(work, _("Unemployed per 100 inhabitants in the city"), share(city.unemployed, city.population))

    income = Section(_("Family income (Kita fee data)"))
    percent(
        income,
        _("Families with up to 15,000 € a year in the city"),
        share(city.income_up_to_15000, city.kita_families),
    )
    percent(
        income,
        _("Families with up to 15,000 € a year in the quarter"),
        share(q.income_up_to_15000, q.kita_families),
    )
    percent(
        income,
        _("Families with up to 36,000 € a year in the city"),
        share(city.income_up_to_36000, city.kita_families),
    )
    percent(
        income,
        _("Families with up to 36,000 € a year in the quarter"),
        share(q.income_up_to_36000, q.kita_families),
    )

    hze = Section(_("Educational support (Hilfen zur Erziehung)"))
    count(hze, _("Cases in the city"), city.hze_total)
    count(hze, _("Cases in the quarter"), q.hze_total)
    percent(hze, _("Share of the city's cases"), share(q.hze_total, city.hze_total))
    if focus_label:
        percent(
            hze,
            _("Share of the quarter's cases in %(names)s") % {"names": focus_label},
            share(focus.hze_total, q.hze_total),
        )
    count(hze, _("Residential cases in the city"), city.hze_residential)
    count(hze, _("Residential cases in the quarter"), q.hze_residential)
    percent(hze, _("Share of the city's residential cases"), share(q.hze_residential, city.hze_residential))
    if focus_label:
        percent(
            hze,
            _("Share of the quarter's residential cases in %(names)s") % {"names": focus_label},
            share(focus.hze_residential, q.hze_residential),
        )
    return [population, families, migration, work, income, hze]


def social_area_report(quarter: Quarter, reference_date: date) -> SocialAreaReport:
    municipality = quarter.municipality
    rows = statistics_on(municipality, reference_date)
    with scope(municipality=municipality):
        district_ids = [d.pk for d in quarter.districts.all()]
        focus_ids = {d.pk for d in quarter.focus_districts.all() if d.pk in district_ids}
        districts = list(District.objects.filter(pk__in=district_ids).order_by("name"))
    in_quarter = [row for row in rows if row.district_id in district_ids]
    present = {row.district_id for row in in_quarter}
    focus_rows = [row for row in in_quarter if row.district_id in focus_ids]
    city, q, focus = Counts.of(rows), Counts.of(in_quarter), Counts.of(focus_rows)
    focus_names = [row.district.name for row in focus_rows]
    focus_label = ", ".join(focus_names)
    with_area = sorted(
        (r for r in rows if r.area_km2), key=lambda r: -(density(r.population, r.area_km2) or 0)
    )
    density_rank = {row.pk: position for position, row in enumerate(with_area, start=1)}
    ranked = sorted(rows, key=lambda r: -(share(r.migration_background, r.population) or 0))
    migration_rank = {row.pk: position for position, row in enumerate(ranked, start=1)}
    sub_districts = [
        SubDistrict(
            name=row.district.name,
            is_focus=row.district_id in focus_ids,
            population=row.population,
            population_share=share(row.population, q.population),
            density=density(row.population, row.area_km2),
            density_rank=density_rank.get(row.pk),
            families_with_children=row.families_with_children,
            persons_under_20=row.persons_under_20,
            migration_background=row.migration_background,
            migration_share=share(row.migration_background, row.population),
            migration_rank=migration_rank[row.pk],
            low_income_share=share(row.income_up_to_15000, row.kita_families),
            hze_total=row.hze_total,
            hze_share=share(row.hze_total, q.hze_total),
            hze_residential=row.hze_residential,
            hze_residential_share=share(row.hze_residential, q.hze_residential),
        )
        for row in in_quarter
    ]
    return SocialAreaReport(
        quarter=quarter,
        reference_date=reference_date,
        district_names=[d.name for d in districts],
        focus_names=focus_names,
        missing_districts=[d.name for d in districts if d.pk not in present],
        city=city,
        quarter_counts=q,
        focus=focus,
        sections=_sections(city, q, focus, focus_label, rows),
        sub_districts=sub_districts,
        burden=burden_index(rows, weights_for(municipality)),
    )
