"""Server-side SVG bar charts: no JavaScript, no third-party request, readable without colour.

Each bar carries its label on the left and its value at its end, so the chart reads in black and white,
in high-contrast mode and when printed; the bars are filled with a hatch pattern plus an outline rather
than a colour that would have to be told apart. The page shows the same figures as a table next to it.
The SVG uses presentation attributes only (no ``style``), which the Content Security Policy allows.
"""

from __future__ import annotations

from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

from familienbuero.contacts.reports import Breakdown

WIDTH = 640
LABEL_WIDTH = 230
VALUE_WIDTH = 60
BAR_HEIGHT = 22
GAP = 8
MAX_LABEL = 32


def _short(label: str) -> str:
    return label if len(label) <= MAX_LABEL else label[: MAX_LABEL - 1] + "…"


def bar_chart(breakdown: Breakdown, *, chart_id: str, title: str, description: str) -> SafeString:
    """A horizontal bar chart of the contacts of ``breakdown``; ``title``/``description`` name it for
    screen readers (the table after the chart holds the same figures)."""
    rows = breakdown.rows
    top = max(breakdown.max_contacts, 1)
    bar_space = WIDTH - LABEL_WIDTH - VALUE_WIDTH
    height = max(len(rows), 1) * (BAR_HEIGHT + GAP) + GAP
    parts = [
        format_html(
            '<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {} {}" width="100%" '
            'role="img" aria-labelledby="{}-title {}-desc" focusable="false">',
            WIDTH,
            height,
            chart_id,
            chart_id,
        ),
        format_html('<title id="{}-title">{}</title>', chart_id, title),
        format_html('<desc id="{}-desc">{}</desc>', chart_id, description),
        format_html(
            '<defs><pattern id="{}-hatch" width="6" height="6" patternUnits="userSpaceOnUse" '
            'patternTransform="rotate(45)"><rect width="6" height="6" fill="#ffffff"/>'
            '<line x1="0" y1="0" x2="0" y2="6" stroke="#1d3c6e" stroke-width="3"/></pattern></defs>',
            chart_id,
        ),
    ]
    for index, row in enumerate(rows):
        y = GAP + index * (BAR_HEIGHT + GAP)
        width = round(bar_space * row.contacts / top, 1)
        middle = y + BAR_HEIGHT / 2
        parts.append(
            format_html(
                '<text x="{}" y="{}" text-anchor="end" dominant-baseline="middle" font-size="14" '
                'fill="#1b1b1b">{}</text>',
                LABEL_WIDTH - 8,
                middle,
                _short(row.label),
            )
        )
        if row.contacts:
            parts.append(
                format_html(
                    '<rect x="{}" y="{}" width="{}" height="{}" fill="url(#{}-hatch)" stroke="#1d3c6e" '
                    'stroke-width="1.5"/>',
                    LABEL_WIDTH,
                    y,
                    width,
                    BAR_HEIGHT,
                    chart_id,
                )
            )
        parts.append(
            format_html(
                '<text x="{}" y="{}" dominant-baseline="middle" font-size="14" font-weight="bold" '
                'fill="#1b1b1b">{}</text>',
                LABEL_WIDTH + width + 6,
                middle,
                row.contacts,
            )
        )
    parts.append(mark_safe("</svg>"))
    return mark_safe("".join(str(p) for p in parts))  # noqa: S308 - every part is escaped above
