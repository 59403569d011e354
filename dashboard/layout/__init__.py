"""Dash components: what the page is made of. No data access, no callbacks."""
