"""The WSGI application the web server (granian) runs, one per worker process."""

import gc
import os

from django.core.wsgi import get_wsgi_application
from django.urls import get_resolver

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "autokauf.settings")
application = get_wsgi_application()
get_resolver().url_patterns  # noqa: B018 - loads every view now rather than on the first request

# What is loaded now (Django, the apps, the views, the API schemas) lives as long as the worker:
# frozen, the collector no longer walks it on every full collection. A request leaves thousands of
# short-lived objects behind, so the youngest generation is collected less often
# (docs/adr/0015-garbage-collection-of-the-web-worker.md).
gc.freeze()
gc.set_threshold(10_000, 10, 10)
