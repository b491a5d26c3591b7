"""WSGI entry of the page benchmark: config.settings_bench (the layout floor's URL)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings_bench")
application = get_wsgi_application()
