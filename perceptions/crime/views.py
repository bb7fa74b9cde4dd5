"""Public pages of recorded crime: the strategic assessment table, the ward table and map.

The same tables are offered as CSV and XLSX, and printed (print stylesheet) for
board papers. Pages are cached whole for anonymous visitors and rebuilt after
each import (the "crime" generation of `communitysafety.common.page_cache`). Every page
works without JavaScript; the map is an extra drawn by a static script from a
same-origin GeoJSON URL.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.formats import date_format
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from communitysafety.common.exports import csv_lines, xlsx_response
from communitysafety.common.govuk import FieldDescription, select_field
from communitysafety.common.page_cache import cached_public_view
from communitysafety.wards.models import Ward
from perceptions.crime import cache, queries
from perceptions.crime.display import crime_table_export, ward_cells, ward_export, ward_headers
from perceptions.crime.formatting import format_rate
from perceptions.crime.summary import summarise
from perceptions.crime.tables import RowKind
from perceptions.crime.windows import month_of
from perceptions.models import AreaKind

PERIOD_CHOICES = (1, 2, 3)
WINDOW_FORM = "perceptions/crime/_window_form.html"
#: The only query parameters these pages read: others share one cached page, so
#: ``?x=1``, ``?x=2``… cannot fill the cache with copies. Browsers may keep a page
#: five minutes; the server copy lasts until the next import.
cached_public_page = cached_public_view(
    parameters=("category", "end", "periods"), seconds=cache.TIMEOUT, browser_max_age=300
)


@dataclass(frozen=True, slots=True)
class Choice:
    """The window a visitor asked for, and the problems with what they typed."""

    end: date | None
    periods: int
    errors: dict[str, str]


def _choice(request: HttpRequest, end_months: list[date], default_periods: int) -> Choice:
    errors: dict[str, str] = {}
    end = None
    text = request.GET.get("end", "").strip()
    if text:
        try:
            end = month_of(text)
        except ValueError:
            end = None
        if end not in end_months:
            errors["end"] = _("Choose a month from the list")
            end = None
    periods = default_periods
    text = request.GET.get("periods", "").strip()
    if text:
        if text.isdigit() and int(text) in PERIOD_CHOICES:
            periods = int(text)
        else:
            errors["periods"] = _("Choose 1, 2 or 3 periods of 12 months")
    return Choice(end, periods, errors)


def _window_fields(
    choice: Choice,
    end_months: list[date],
    end: date | None,
    period_choices: tuple[int, ...],
    periods: int | None,
) -> list[FieldDescription]:
    """The two period selects both tables' GET forms show, for the GOV.UK field component."""
    return [
        select_field(
            "end",
            _("12 months ending"),
            [(f"{month:%Y-%m}", date_format(month, "F Y")) for month in end_months],
            f"{end:%Y-%m}" if end else None,
            choice.errors.get("end", ""),
        ),
        select_field(
            "periods",
            _("Periods of 12 months to compare"),
            [(n, str(n)) for n in period_choices],
            periods,
            choice.errors.get("periods", ""),
        ),
    ]


def _end_months(kind: str) -> list[date]:
    cover = queries.coverage(kind)
    return cover.end_months() if cover else []


def _filename(stem: str, end: date, extension: str) -> str:
    return f"{stem}-{settings.BOROUGH_NAME.lower().replace(' ', '-')}-{end:%Y-%m}.{extension}"


def _csv(filename: str, header, rows) -> HttpResponse:
    """A CSV download that can be cached (the table is small, so no streaming)."""
    response = HttpResponse(
        "".join(csv_lines(header, rows)), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _table_html(
    request: HttpRequest,
    parts: tuple[object, ...],
    template: str,
    build_context: Callable[[], dict[str, object]],
) -> str:
    """A table rendered once per import: `parts` are what the table was built from.

    With the page cache off (or for a first view) rendering these tables was most of
    each page's time; the "crime" generation retires them with the tables themselves.
    """
    return cache.cached(
        (*parts, settings.BOROUGH_NAME, get_language()),
        lambda: render_to_string(template, build_context(), request),
    )


def _window_form(
    parts: tuple[object, ...], build_fields: Callable[[], list[FieldDescription]]
) -> str:
    """The period form rendered once per import and choice (24 months of options)."""
    return cache.cached(
        (*parts, get_language()),
        lambda: render_to_string(WINDOW_FORM, {"window_fields": build_fields()}),
    )


# --- borough table -----------------------------------------------------------------


@require_safe
@cached_public_page
def borough_table(request: HttpRequest) -> HttpResponse:
    """The strategic assessment table: our borough against the 32 London boroughs."""
    end_months = _end_months(AreaKind.BOROUGH)
    choice = _choice(request, end_months, queries.MAX_WINDOWS)
    context: dict[str, object] = {
        "choice": choice,
        "window_form": _window_form(
            ("borough-form", choice, None),
            lambda: _window_fields(choice, end_months, None, PERIOD_CHOICES, choice.periods),
        ),
        "borough": settings.BOROUGH_NAME,
    }
    if end_months:
        table = queries.borough_table(choice.end, choice.periods)
        context |= {
            "table": table,
            "window_form": _window_form(
                ("borough-form", choice, table.end_month),
                lambda: _window_fields(
                    choice, end_months, table.end_month, PERIOD_CHOICES, choice.periods
                ),
            ),
            "table_html": _table_html(
                request,
                ("borough-table-html", choice.end, choice.periods),
                "perceptions/crime/_borough_table.html",
                lambda: {"table": table, "borough": settings.BOROUGH_NAME},
            ),
            "summary": summarise(table),
            "query": f"end={table.end_month:%Y-%m}&periods={choice.periods}",
            "has_partner_rows": any(r.kind is RowKind.PARTNER for r in table.rows),
        }
    status = 400 if choice.errors else 200
    return render(request, "perceptions/crime/borough_table.html", context, status=status)


def _download_choice(request: HttpRequest, kind: str, default_periods: int) -> Choice:
    end_months = _end_months(kind)
    choice = _choice(request, end_months, default_periods)
    if choice.errors or not end_months:
        raise Http404("no such table")
    return choice


@require_safe
@cached_public_page
def borough_table_download(request: HttpRequest, extension: str) -> HttpResponse:
    """The borough table as CSV or XLSX, with the same window as the page."""
    choice = _download_choice(request, AreaKind.BOROUGH, queries.MAX_WINDOWS)
    table = queries.borough_table(choice.end, choice.periods)
    header, rows = crime_table_export(table)
    name = _filename("recorded-crime", table.end_month, extension)
    if extension == "csv":
        return _csv(name, header, rows)
    return xlsx_response(name, "Recorded crime", header, rows)


# --- ward table and map ------------------------------------------------------------


def _ward_request(request: HttpRequest) -> tuple[Choice, str, list[tuple[str, str]]]:
    categories = queries.ward_categories()
    choice = _choice(request, _end_months(AreaKind.WARD), 2)
    category = request.GET.get("category", queries.TNO).strip() or queries.TNO
    if category not in dict(categories):
        choice = Choice(
            choice.end,
            choice.periods,
            {**choice.errors, "category": _("Choose a category from the list")},
        )
        category = queries.TNO
    return choice, category, categories


def _shaded_ward_rows(table) -> list[list[tuple[str, int | None]]]:
    """Ward cells paired with the quartile band to shade the rank and quarter cells with."""
    rank_at = len(ward_headers(table)) - (3 if len(table.windows) > 1 else 2)
    shaded = []
    for row in table.rows:
        band = row.rank.band.quarter if row.rank else None
        shaded.append(
            [
                (cell, band if i in (rank_at, rank_at + 1) else None)
                for i, cell in enumerate(ward_cells(table, row))
            ]
        )
    return shaded


@require_safe
@cached_public_page
def ward_table(request: HttpRequest) -> HttpResponse:
    """Our wards ranked by rate per 1,000 residents for one category, with a map."""
    choice, category, categories = _ward_request(request)
    end_months = _end_months(AreaKind.WARD)

    def category_field() -> FieldDescription:
        return select_field(
            "category", _("Category"), categories, category, choice.errors.get("category", "")
        )

    context: dict[str, object] = {
        "choice": choice,
        "window_form": _window_form(
            ("ward-form", choice, category, None, None),
            lambda: [
                category_field(),
                *_window_fields(choice, end_months, None, PERIOD_CHOICES[:2], None),
            ],
        ),
        "borough": settings.BOROUGH_NAME,
    }
    if end_months:
        try:
            table = queries.ward_table(category, choice.end, min(choice.periods, 2))
        except LookupError:
            table = None
        if table is not None:
            context |= {
                "table": table,
                "window_form": _window_form(
                    ("ward-form", choice, category, table.end_month, len(table.windows)),
                    lambda: [
                        category_field(),
                        *_window_fields(
                            choice,
                            end_months,
                            table.end_month,
                            PERIOD_CHOICES[:2],
                            len(table.windows),
                        ),
                    ],
                ),
                "table_html": _table_html(
                    request,
                    ("ward-table-html", category, choice.end, min(choice.periods, 2)),
                    "perceptions/crime/_ward_table.html",
                    lambda: {
                        "table": table,
                        "borough": settings.BOROUGH_NAME,
                        "headers": ward_headers(table),
                        "rows": _shaded_ward_rows(table),
                    },
                ),
                "query": f"category={category}&end={table.end_month:%Y-%m}"
                f"&periods={len(table.windows)}",
            }
    status = 400 if choice.errors else 200
    return render(request, "perceptions/crime/ward_table.html", context, status=status)


def _ward_table_or_404(request: HttpRequest):
    choice, category, _categories = _ward_request(request)
    if choice.errors:
        raise Http404("no such table")
    try:
        return queries.ward_table(category, choice.end, min(choice.periods, 2))
    except LookupError as exc:
        raise Http404("no such table") from exc


@require_safe
@cached_public_page
def ward_table_download(request: HttpRequest, extension: str) -> HttpResponse:
    """The ward table as CSV or XLSX."""
    table = _ward_table_or_404(request)
    header, rows = ward_export(table)
    name = _filename("recorded-crime-wards", table.end_month, extension)
    if extension == "csv":
        return _csv(name, header, rows)
    return xlsx_response(name, "Wards", header, rows)


@require_safe
@cached_public_page
def ward_map_data(request: HttpRequest) -> JsonResponse:
    """Ward boundaries with each ward's rate, rank and quarter, for the choropleth map."""
    table = _ward_table_or_404(request)
    boundaries = dict(
        Ward.objects.filter(borough_code=settings.BOROUGH_CODE).values_list("code", "boundary")
    )
    features = []
    for row in table.rows:
        if row.code not in boundaries:
            continue
        features.append(
            {
                "type": "Feature",
                "geometry": boundaries[row.code],
                "properties": {
                    "code": row.code,
                    "name": row.name,
                    "rate": round(row.rate, 2),
                    "rate_text": format_rate(row.rate),
                    "rank": row.rank.label if row.rank else None,
                    "quarter": row.rank.band.quarter if row.rank else None,
                    "quarter_text": row.rank.band.label if row.rank else _("no offences"),
                },
            }
        )
    return JsonResponse(
        {"type": "FeatureCollection", "category": table.category, "features": features}
    )
