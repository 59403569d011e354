"""Status derived from the dates against an "as of" date, for every project at once.

A record's own status wins only when it is cancelled or suspended; otherwise the dates decide,
then a source's dated "completed", then the programme's five-year maximum, then a source's
dated "ongoing" ("Ongoing at 2019-01"). What none of these settles is "unknown": shown as
"not stated". Observations the researchers inferred are not evidence and were dropped at
curation.
"""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd
from numpy.typing import ArrayLike

FIVE_YEARS = pd.DateOffset(years=5)


def derive_statuses(frame: pd.DataFrame, as_of: date) -> pd.Series:
    """One status per row of the project frame (see ``loading.project_frame``)."""
    when = pd.Timestamp(as_of)
    start, start_latest = frame["start_earliest"], frame["start_latest"]
    end = frame["end_latest"]
    has_start, has_end = start.notna(), end.notna()

    observed, observed_at = frame["observed_status"], frame["observed_at"]
    observed_completed = (observed == "completed") & (when >= observed_at)
    observed_ongoing = (observed == "ongoing") & (
        (when.to_period("M") == observed_at.dt.to_period("M"))
        | (has_start & (when >= start_latest) & (when <= observed_at))
    )
    beyond_maximum = has_start & ~has_end & (when > start_latest + FIVE_YEARS)

    conditions = [
        frame["status_set"].notna(),
        has_start & (when < start),
        has_end & (when > end),
        has_start & has_end & (when >= start) & (when <= end),
        observed_completed,
        beyond_maximum,
        observed_ongoing,
    ]
    choices: list[ArrayLike] = [
        frame["status_set"],
        "planned",
        "completed",
        "ongoing",
        "completed",
        "completed",
        "ongoing",
    ]
    values = np.select(conditions, choices, default="unknown")
    return pd.Series(values, index=frame.index, dtype=object)
