"""The summary beside the map: projects by field."""

from __future__ import annotations

from collections import Counter
from typing import Any

from ..data import vocab
from ..i18n import Translator, translator
from .palette import FIELD_COLOURS


def field_bar_figure(field_counts: Counter[str], t: Translator | None = None) -> dict[str, Any]:
    """Horizontal bars, in vocabulary order; a project in two fields counts in both.

    Plain dicts, as for the map: graph objects would validate every attribute each time.
    """
    t = t or translator("en")
    terms = [term for term in vocab.FIELDS if field_counts.get(term.key)]
    bars = {
        "type": "bar",
        "x": [field_counts[term.key] for term in terms],
        "y": [t.term(vocab.FIELDS, term.key) for term in terms],
        "orientation": "h",
        "marker": {"color": [FIELD_COLOURS[term.key] for term in terms]},
        "text": [field_counts[term.key] for term in terms],
        "textposition": "outside",
        "cliponaxis": False,
        "hovertemplate": "%{y}: %{x}<extra></extra>",
    }
    layout = {
        "margin": {"l": 8, "r": 28, "t": 4, "b": 0, "pad": 4},
        "height": max(120, 28 * len(terms) + 20),
        "yaxis": {"autorange": "reversed", "automargin": True},
        "xaxis": {"visible": False},
        "plot_bgcolor": "white",
        "paper_bgcolor": "white",
        "showlegend": False,
    }
    return {"data": [bars], "layout": layout}
