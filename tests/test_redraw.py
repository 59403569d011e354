"""The redraw measurement of issue 13 (bench/redraw.py): how a filter change's times are
summed up and judged. The browser part is in tests/test_redraw_browser.py."""

from bench import redraw
from dashboard.ui import ids


def changes(*settled: float) -> list[dict[str, float]]:
    return [
        {"request": 50.0, "answer": 300.0, "plotted": s - 200.0, "settled": s, "cpu": 2 * s}
        for s in settled
    ]


def test_each_stage_is_the_median_of_the_changes():
    found = changes(900.0, 1500.0, 1100.0, 2500.0, 1000.0)
    assert redraw.medians(found) == {
        "request": 50.0,
        "answer": 300.0,
        "plotted": 900.0,
        "settled": 1100.0,
        "cpu": 2200.0,
    }


def test_a_stage_some_change_did_not_reach_has_no_median():
    found = [*changes(900.0), {"request": 60.0}]
    assert redraw.medians(found)["settled"] is None
    assert redraw.medians(found)["request"] == 55.0
    assert redraw.medians([])["settled"] is None


def test_the_target_is_the_median_change_within_one_second():
    assert redraw.TARGET_MS == 1000.0
    assert redraw.passed(changes(700.0, 1000.0, 1400.0))
    assert not redraw.passed(changes(700.0, 1001.0, 1400.0))
    assert not redraw.passed([])  # nothing measured is no pass


def test_the_summary_names_each_change_and_the_stages():
    line = redraw.summary_line("now", changes(900.0, 1500.0, 1100.0))
    assert "settled  1,100 ms (each: 900, 1,500, 1,100)" in line
    assert "request 50, answer 300, plotted 900 ms; browser CPU 2,200 ms" in line
    assert "each: -" in redraw.summary_line("old", [{"request": 1.0}])


def test_the_changes_are_made_on_the_apps_own_controls():
    """The script ticks the fields the page shows, on the map the page draws, at 4x CPU."""
    assert (redraw.GRAPH, redraw.FIELD) == (ids.MAP, ids.FIELD)
    assert redraw.THROTTLE == 4.0  # unless REDRAW_THROTTLE says otherwise
    assert "jpp:painted" in redraw.CHANGE and "plotly_afterplot" in redraw.CHANGE
    assert "input[type=checkbox]" in redraw.CHANGE


def test_the_browsers_cpu_is_read_from_its_processes():
    """Nothing started here: no Chromium under this process, no time; /proc is read."""
    assert redraw.browser_cpu_ms() >= 0.0
    assert redraw.browser_cpu_ms(root=999_999_999) == 0.0  # no such process
