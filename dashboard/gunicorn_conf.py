"""gunicorn settings from the environment: HOST and PORT, as the Procfile and `make run` use."""

import os

bind = f"{os.environ.get('HOST', '0.0.0.0')}:{os.environ.get('PORT', '8050')}"
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
timeout = 60
preload_app = True
accesslog = "-"
