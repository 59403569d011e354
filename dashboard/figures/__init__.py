"""Pure functions from filtered data to plotly figures."""
