from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils import timezone, translation


class UserPreferencesMiddleware:
    """Show a signed-in person pages in their own language and time zone.

    Runs after authentication; API calls authenticated by token are handled by the
    serializers, which render in the profile's language explicitly.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            profile = getattr(user, "profile", None)
            if profile is not None:
                translation.activate(profile.language)
                request.LANGUAGE_CODE = profile.language  # type: ignore[attr-defined]
                timezone.activate(profile.zone)
        try:
            return self.get_response(request)
        finally:
            # Threads are reused between requests: leave no one's language or zone behind.
            timezone.deactivate()
            translation.deactivate()
