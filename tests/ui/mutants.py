"""Ten one-line changes to the page's rules that the fast tests must catch.

    .venv/bin/python -m tests.ui.mutants          # every mutant, about 10 s each
    .venv/bin/python -m tests.ui.mutants 3 7      # some of them

Each mutant is applied to its file, the fast tests run (no browser), and the file is put
back as it was. A mutant the tests do not catch is a rule that can change unseen.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
UI = "dashboard/ui"
FAST_TESTS = ["tests/ui", "tests/test_summaries_and_controls.py", "tests/test_figures.py"]

# (what it breaks, file, the line as it is, the line as the mutant has it)
MUTANTS: list[tuple[str, str, str, str]] = [
    (
        "closing the side panel keeps the selection in the link",
        f"{UI}/filter_panel/transitions.py",
        "return _to_url(DETAIL, replace(state, place=None), around)",
        "return _to_url(DETAIL, state, around)",
    ),
    (
        "the budget slider's ¥M -> yen factor is wrong",
        f"{UI}/filter_panel/controls.py",
        "YEN_PER_MILLION = 1_000_000",
        "YEN_PER_MILLION = 100_000",
    ),
    (
        "layer=current in the URL is ignored",
        f"{UI}/boundary_layers.py",
        "    if asked and asked[-1] in LAYERS:\n        return asked[-1]\n",
        "    if False:\n        return asked[-1]\n",
    ),
    (
        '"Reset filters" does nothing',
        f"{UI}/filter_panel/transitions.py",
        "    if trigger in RESETS:\n",
        "    if trigger in ():\n",
    ),
    (
        'the "N projects here state no site" note never shows',
        f"{UI}/map_panel/views.py",
        "def unplaced_note(count: int, t: Translator) -> str:\n    if not count:",
        "def unplaced_note(count: int, t: Translator) -> str:\n    if True:",
    ),
    (
        'the Japan view\'s "no partner with a known home" note never shows',
        f"{UI}/map_panel/views.py",
        "def homeless_note(count: int, t: Translator) -> str:\n    if not count:",
        "def homeless_note(count: int, t: Translator) -> str:\n    if True:",
    ),
    (
        "a merged province ignores its former provinces",
        f"{UI}/boundary_layers.py",
        "return boundaries.implemented_codes((code,))",
        "return (code,)",
    ),
    (
        "the province colour scale is reversed",
        "dashboard/figures/map.py",
        '"colorscale": count_scale(max(counts, default=0)),',
        '"colorscale": count_scale(max(counts, default=0)), "reversescale": True,',
    ),
    (
        "the table never sorts descending",
        f"{UI}/project_table/paging.py",
        'descending = state.get("column") == column and not state.get("descending")',
        "descending = False",
    ),
    (
        "changing country keeps the old country's provinces ticked",
        f"{UI}/filter_panel/transitions.py",
        "return state.with_controls(provinces=[code for code in codes if code in offered])",
        "return state.with_controls(provinces=codes)",
    ),
    (
        "a link to several countries shows the first alone",
        f"{UI}/view_state.py",
        "country = SEVERAL.join(c for c in spec.country if c in boundaries.bounds)"
        " or default_country",
        "country = next((c for c in spec.country if c in boundaries.bounds), default_country)",
    ),
    (
        "a province since 2025 selects nothing (its former provinces are not asked for)",
        "dashboard/data/repository.py",
        "expanded += self.formed_from.get(code, (code,))",
        "expanded += (code,)",
    ),
    (
        "switching the layer leaves the chosen provinces in the other layer's codes",
        f"{UI}/filter_panel/transitions.py",
        "codes = carried_into(boundaries, codes, state.layer)",
        "codes = list(codes)",
    ),
]


def caught(number: int) -> bool:
    what, relative, original, mutant = MUTANTS[number - 1]
    path = ROOT / relative
    source = path.read_text(encoding="utf-8")
    if source.count(original) != 1:
        raise SystemExit(f"mutant {number}: the line is not in {relative} once; update it")
    path.write_text(source.replace(original, mutant), encoding="utf-8")
    try:
        run = subprocess.run(
            [sys.executable, "-m", "pytest", "-q", "-x", "-p", "no:cacheprovider", *FAST_TESTS],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=False,
        )
    finally:
        path.write_text(source, encoding="utf-8")
    verdict = "caught" if run.returncode else "NOT CAUGHT"
    print(f"{number:2}. {what}: {verdict}", flush=True)
    return run.returncode != 0


def main(argv: list[str]) -> int:
    numbers = [int(arg) for arg in argv] or list(range(1, len(MUTANTS) + 1))
    missed = [number for number in numbers if not caught(number)]
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
