"""Which of the page's scripts run when (pure: no Dash, no Flask).

Dash writes its scripts as parser-blocking ``<script src>`` tags, plotly.js among them, and
starts the app with an inline ``new DashRenderer()``. Here:

- every page's scripts are ``defer``: the browser paints the HTML it has (the first view)
  before it runs any of them, in the same order;
- plotly.js (the vendored map bundle, 0.66 MB) is not one of them: ``dcc.Graph`` fetches it
  itself when the first map mounts (its ``window._dashPlotlyJSURL``, which
  ``assets/plotly-lazy.js`` points at the bundle), so React renders the page meanwhile;
- the renderer starts from ``assets/dash-start.js``, deferred after all the others (an
  inline script would run before deferred ones);
- the embed (``/embed``) loads none of them with the page: its facade (``embed-facade.js``)
  loads them in order when the frame is scrolled into view or touched (see ``facade``);
  only ``embed.js``, which tells the host page the frame's height, runs with the page, so
  that the host sizes the frame to the first view at once (not at the app's start);
- a page that arrives with its first view loads them from ``app-wake.js``: at once with a
  mouse, at the first touch on a touch-only device (see ``facade.wake_html``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html import escape

SCRIPT_TAG = re.compile(r'<script src="([^"]+)"></script>\s*')
PLOTLY_BUNDLE = re.compile(r"/assets/vendor/plotly-[^/?]*\.js(\?|$)")
START_SCRIPT = "dash-start.js"
FACADE_SCRIPT = "embed-facade.js"
WAKE_SCRIPT = "app-wake.js"  # the loader of a page with a first view (shell/facade.py)
EMBED_SCRIPT = "embed.js"  # the embed's height for the host page: runs with the page
PLOTLY_META = "jpp-plotly-src"  # where assets/plotly-lazy.js reads the bundle's address
# Dash lists dash_table's loader on every page whether or not a DataTable is used; this app
# uses none (its list of projects is HTML: project_table/), so the page does not load it.
UNUSED = re.compile(r"/_dash-component-suites/dash/dash_table/")


def _asset_named(src: str, name: str) -> bool:
    return src.split("?", 1)[0].endswith("/assets/" + name)


@dataclass(frozen=True)
class ScriptPlan:
    """Dash's scripts, sorted by when they run."""

    app: tuple[str, ...]  # Dash's bundles and the assets, in Dash's order
    plotly: str | None  # fetched by dcc.Graph when a map mounts
    start: str | None  # new DashRenderer(): after every one of ``app``
    facade: str | None  # the embed's loader: on the embed only
    wake: str | None = None  # the loader of a page over its first view
    embed: str | None = None  # the embed's height reporter: with the page, on the embed only


def plan_scripts(scripts_html: str) -> ScriptPlan | None:
    """The plan for Dash's ``scripts`` HTML, or none when it holds anything but plain
    ``<script src>`` tags (an inline script would run before deferred ones: leave it as is)."""
    if SCRIPT_TAG.sub("", scripts_html).strip():
        return None
    sources = SCRIPT_TAG.findall(scripts_html)
    plotly = next((s for s in sources if PLOTLY_BUNDLE.search(s)), None)
    start = next((s for s in sources if _asset_named(s, START_SCRIPT)), None)
    facade = next((s for s in sources if _asset_named(s, FACADE_SCRIPT)), None)
    wake = next((s for s in sources if _asset_named(s, WAKE_SCRIPT)), None)
    embed = next((s for s in sources if _asset_named(s, EMBED_SCRIPT)), None)
    loaders = (plotly, start, facade, wake, embed)
    app = tuple(s for s in sources if s not in loaders and not UNUSED.search(s))
    return ScriptPlan(app=app, plotly=plotly, start=start, facade=facade, wake=wake, embed=embed)


def _tag(src: str, extra: str = "") -> str:
    return f'<script defer{extra} src="{escape(src)}"></script>'


def deferred_scripts(plan: ScriptPlan) -> str:
    """A page's scripts: every one deferred, in Dash's order, the renderer's start last (with
    the id Dash's own inline renderer script has, which Dash checks a page for). The embed's
    height reporter is not one of them (``embed_script``): it does nothing off the embed."""
    start = [_tag(plan.start, ' id="_dash-renderer"')] if plan.start else []
    return "\n".join([*(_tag(src) for src in plan.app), *start])


def embed_script(plan: ScriptPlan) -> str:
    """The embed's height reporter, deferred, with the page (before the facade's loader):
    the host page sizes the frame to the first view before any of the app's scripts."""
    return _tag(plan.embed) if plan.embed else ""


def plotly_meta(plan: ScriptPlan) -> str:
    """The bundle's address for ``assets/plotly-lazy.js`` (none: Dash's own applies)."""
    if plan.plotly is None:
        return ""
    return f'<meta name="{PLOTLY_META}" content="{escape(plan.plotly)}">'


def can_start_itself(plan: ScriptPlan) -> bool:
    """Whether the page can start the app without Dash's inline renderer script."""
    return plan.start is not None
