"""HTTP API: the same filters as the page, as JSON, GeoJSON and CSV."""
