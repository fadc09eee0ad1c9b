import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
application = get_asgi_application()

from config.warm import warm_imports  # noqa: E402  (needs the apps loaded above)

warm_imports()
