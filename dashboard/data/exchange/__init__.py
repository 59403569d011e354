"""Project lists as staff keep them (CSV, Excel, GeoJSON): columns, reading, templates."""
