"""WSGI entry point for gunicorn (see Procfile): the only module that builds an app on import."""

from .app import create_app

app = create_app()
server = app.server
