"""Benchmarks: generated scale datasets, `make bench` and `make load`.

Not part of the app (nothing under ``dashboard/`` imports it) and not run by `make test`.
Every dataset it writes is GENERATED, marked so in every record, and lives under
``.cache/bench/``, never in ``geodata/projects.json``.
"""
