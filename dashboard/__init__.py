"""JPP Map: an interactive map of JICA Partnership Program projects."""

from pathlib import Path

__version__ = "0.1.0"

REPO_ROOT = Path(__file__).resolve().parent.parent
