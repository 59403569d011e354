"""The accessibility check the browser tests share: axe-core (WCAG 2.1 A/AA rules), fetched
by `make test` (JPP_AXE_JS), injected into a page opened with Playwright's ``bypass_csp``
(the page's Content-Security-Policy rightly refuses inline scripts; only the test's own
injection of axe is let through)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

WCAG_RULES = """async () => (await axe.run(document, {
        runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}
    })).violations
    .filter(v => ['serious', 'critical'].includes(v.impact))
    .map(v => `${v.id}: ${v.nodes.map(n => n.target.join(' ')).join(', ')}`)"""


def axe_script() -> str:
    """The path of axe-core's script; the test fails (not skips) when it is missing."""
    axe = os.environ.get("JPP_AXE_JS", "")
    if not Path(axe).is_file():
        pytest.fail("axe-core is missing: `make test` fetches it (JPP_AXE_JS)")
    return axe


def serious_violations(page) -> list[str]:
    """Each serious or critical WCAG violation on the page as it is now, with its nodes."""
    page.add_script_tag(path=axe_script())
    return page.evaluate(WCAG_RULES)
