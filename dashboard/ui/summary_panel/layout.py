"""The summary beside the map: projects by field, as a list with bars.

Plain HTML rather than a plotly bar chart: a screen reader reads "Health & medical care: 3"
in order, the text wraps on a phone, and the page needs no chart code beyond the map's
(the plotly.js bundle it loads has only the map traces).
"""

from __future__ import annotations

from collections import Counter

from dash import html

from ...data import vocab
from ...figures.palette import FIELD_COLOURS
from ...i18n import Translator
from .. import ids
from ..attributes import attributes


def field_bars(field_counts: Counter[str], t: Translator) -> html.Ul:
    """One row per field with projects, in vocabulary order; a project in two fields counts
    in both. The bar's length is relative to the largest field; the number says it all."""
    terms = [term for term in vocab.FIELDS if field_counts.get(term.key)]
    most = max((field_counts[term.key] for term in terms), default=0)
    return html.Ul(
        [
            html.Li(
                [
                    html.Span(t.term(vocab.FIELDS, term.key), className="field-bar-label"),
                    html.Span(
                        [
                            html.Span(
                                className="field-bar-fill",
                                style={
                                    "width": f"{100 * field_counts[term.key] / most:.1f}%",
                                    "backgroundColor": FIELD_COLOURS[term.key],
                                },
                                **attributes({"aria-hidden": "true"}),
                            ),
                            html.Span(
                                t.number(field_counts[term.key]), className="field-bar-count"
                            ),
                        ],
                        className="field-bar",
                    ),
                ],
                className="field-bar-row",
                **attributes({"data-field": term.key}),
            )
            for term in terms
        ],
        className="field-bars list-unstyled mb-0",
    )


def summary_panel(t: Translator) -> html.Div:
    return html.Div(
        [
            html.Div(
                [
                    html.Div(
                        [
                            html.Span(id=ids.RESULT_COUNT, className="display-6 fw-semibold"),
                            html.Span(id=ids.RESULT_NOUN, className="ms-1"),
                        ]
                    ),
                    html.Div(id=ids.BUDGET_TOTAL, className="small text-muted"),
                    html.Ul(id=ids.UNKNOWN_NOTE, className="small list-unstyled mb-0 unknown-note"),
                ],
                className="mb-2 summary-progress",  # a bar while it updates (style.css)
                **attributes({"aria-live": "polite"}),
            ),
            html.Div(
                [
                    html.H2(t("By field"), className="h6 mt-3"),
                    html.Div(id=ids.FIELD_CHART),
                ],
                className="full-only",
            ),
            downloads(t),
        ]
    )


def downloads(t: Translator) -> html.Div:
    """The download buttons (their links set by the view's callback): the project list in
    three formats, and the sites' CSV beside it (one row per site, its point as numbers)."""
    return html.Div(
        [
            html.A(
                t("Download CSV"),
                id=ids.EXPORT_CSV,
                href="/export/projects.csv",
                className="btn btn-outline-primary btn-sm me-2 mb-1",
            ),
            html.A(
                t("Excel"),
                id=ids.EXPORT_XLSX,
                href="/export/projects.xlsx",
                className="btn btn-outline-primary btn-sm me-2 mb-1",
            ),
            html.A(
                "GeoJSON",
                id=ids.EXPORT_GEOJSON,
                href="/export/projects.geojson",
                className="btn btn-outline-primary btn-sm me-2 mb-1",
            ),
            html.A(
                t("Sites (CSV)"),
                id=ids.EXPORT_SITES_CSV,
                href="/export/sites.csv",
                title=t("One row per site, longitude and latitude as numbers"),
                className="btn btn-outline-primary btn-sm mb-1",
            ),
            html.P(
                t(
                    "Downloads hold exactly the projects shown, in the project-list "
                    "format that jpp-map import reads back."
                ),
                className="small text-muted mt-1 mb-0",
            ),
        ],
        className="mt-2",
    )
