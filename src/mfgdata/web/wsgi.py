"""WSGI entry point of the site (`mfgdata serve` wraps it with the static files handler)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mfgdata.web.settings")
application = get_wsgi_application()
