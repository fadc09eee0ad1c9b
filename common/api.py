"""Pieces every app's API shares: pagination, errors, the user's zone and language, day filters."""

import copy
import zoneinfo
from datetime import date, datetime, time, timedelta
from typing import Any

import django_filters
from django import forms
from django.core.exceptions import NON_FIELD_ERRORS
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import models
from django.db.models import QuerySet
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from django_filters.rest_framework import DjangoFilterBackend
from rest_framework import exceptions, serializers
from rest_framework.pagination import PageNumberPagination
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.views import exception_handler as drf_exception_handler

from common import bounds


class ErrorSerializer(serializers.Serializer):
    """The body of an error that belongs to no field: ``{"detail": "..."}``."""

    detail = serializers.CharField()


class Pagination(PageNumberPagination):
    """``?page=N`` and ``?page_size=`` up to 200; 50 by default.

    Stricter than DRF's: a page or page size that is not a whole number from 1 answers 400
    (DRF would quietly use the default size); a page size over 200 is taken as 200; a page
    past the last answers 404.
    """

    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200

    @staticmethod
    def _whole_number(request: Request, name: str) -> int | None:
        raw = request.query_params.get(name)
        if raw is None:
            return None
        value = int(raw) if raw.isascii() and raw.isdigit() else 0
        if value < 1:
            raise exceptions.ValidationError({name: [_("Enter a whole number from 1.")]})
        return value

    def get_page_size(self, request: Request) -> int:
        size = self._whole_number(request, self.page_size_query_param)
        return min(size, self.max_page_size) if size else self.page_size

    def paginate_queryset(self, queryset: Any, request: Request, view: Any = None) -> Any:
        self._whole_number(request, self.page_query_param)
        return super().paginate_queryset(queryset, request, view)

    def get_schema_operation_parameters(self, view: Any) -> list[dict[str, Any]]:
        parameters: list[dict[str, Any]] = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            parameter["schema"]["minimum"] = 1
            if parameter["name"] == self.page_size_query_param:
                parameter["description"] = "Items per page, 50 by default; over 200 counts as 200."
        return parameters


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    """DRF's handler, plus: a ``ValidationError`` raised by a model or service answers 400.

    The body has DRF's shape, ``{"field": ["message", ...]}``, with errors that belong to
    no single field under ``non_field_errors``. Services are atomic, so nothing is stored.
    """
    if isinstance(exc, DjangoValidationError):
        detail = serializers.as_serializer_error(exc)
        if NON_FIELD_ERRORS in detail:
            detail[api_settings.NON_FIELD_ERRORS_KEY] = detail.pop(NON_FIELD_ERRORS)
        exc = exceptions.ValidationError(detail)
    return drf_exception_handler(exc, context)


# --- The signed-in person's zone and language -------------------------------------------


def request_profile(request: Any) -> Any:
    """The profile of the request's authenticated user, or None (anonymous, or no profile)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return None
    # A missing profile raises RelatedObjectDoesNotExist, an AttributeError.
    return getattr(user, "profile", None)


def request_zone(request: Any) -> zoneinfo.ZoneInfo:
    """The zone answers are rendered in and naive input is read in: the profile's, else UTC."""
    profile = request_profile(request)
    if profile is None:
        return timezone.get_current_timezone()
    zone: zoneinfo.ZoneInfo = profile.zone
    return zone


def request_language(request: Any) -> str:
    profile = request_profile(request)
    return profile.language if profile is not None else translation.get_language()


class UserPreferencesMixin:
    """Answer in the signed-in person's language.

    The middleware does this for browser sessions; a token is only checked inside the
    view (DRF authenticates lazily), so the API view switches once it knows the user.
    """

    headers: dict[str, str]

    def dispatch(self, request: Any, *args: Any, **kwargs: Any) -> Any:
        # The answer's text is built inside; the thread goes back to its language after.
        previous = translation.get_language()
        try:
            return super().dispatch(request, *args, **kwargs)  # type: ignore[misc]
        finally:
            if previous:
                translation.activate(previous)
            else:
                translation.deactivate()

    def initial(self, request: Request, *args: Any, **kwargs: Any) -> None:
        super().initial(request, *args, **kwargs)  # type: ignore[misc]
        language = request_language(request)
        translation.activate(language)
        request.LANGUAGE_CODE = language
        # Set here, since LocaleMiddleware only adds it when missing, from its own choice.
        self.headers["Content-Language"] = language


class ZonedDateTimeField(serializers.DateTimeField):
    """ISO 8601 in the user's zone with an explicit offset (``+00:00``, never ``Z``).

    Input with an offset is taken as given; naive input is read in the user's zone.
    """

    def default_timezone(self) -> zoneinfo.ZoneInfo:  # type: ignore[override]
        return request_zone(self.context.get("request"))

    def to_representation(self, value: datetime | None) -> str | None:  # type: ignore[override]
        if value is None:
            return None
        return self.enforce_timezone(value).isoformat()


class StrictCharField(serializers.CharField):
    """A text field that takes only a JSON string: ``"notes": 0`` answers 400, not ``"0"``."""

    def to_internal_value(self, data: Any) -> str:
        if not isinstance(data, str):
            self.fail("invalid")
        value: str = super().to_internal_value(data)
        return value


class StrictBooleanField(serializers.BooleanField):
    """A flag that takes only JSON ``true`` or ``false``: ``0`` or ``"maybe"`` answer 400."""

    def to_internal_value(self, data: Any) -> bool:
        if not isinstance(data, bool):
            self.fail("invalid", input=data)
        return data


class StrictUUIDField(serializers.UUIDField):
    """A UUID that takes only a JSON string: DRF reads an integer (and so ``false``) as
    ``UUID(int=...)``."""

    def to_internal_value(self, data: Any) -> Any:
        if not isinstance(data, str):
            self.fail("invalid", value=data)
        return super().to_internal_value(data)


class ZonedModelSerializer(serializers.ModelSerializer):
    """A ModelSerializer whose datetimes are rendered and parsed by ``ZonedDateTimeField``,
    and whose text fields take only strings."""

    serializer_field_mapping = {
        **serializers.ModelSerializer.serializer_field_mapping,
        models.DateTimeField: ZonedDateTimeField,
        models.CharField: StrictCharField,
        models.TextField: StrictCharField,
        models.BooleanField: StrictBooleanField,
    }


def _field_copy(field: serializers.Field) -> serializers.Field:
    """An unbound copy of ``field`` sharing its read-only parts (choices, messages, the
    validators list); a list field gets its own copy of its child, whose parent it is."""
    if isinstance(field, serializers.BaseSerializer):
        return copy.deepcopy(field)
    if isinstance(field, serializers.ListField | serializers.DictField):
        with_child = copy.copy(field)
        # The child was bound (as ``""``) when its list field was made: only its parent
        # changes.
        with_child.child = _field_copy(field.child)
        # (The stubs type a parent as a serializer; a list field is its child's parent.)
        with_child.child.parent = with_child  # type: ignore[assignment]
        return with_child
    return copy.copy(field)


class FieldsBuiltOnceMixin:
    """A ModelSerializer whose fields are built from the model once per class, then
    copied for each instance.

    DRF builds them anew for every serializer: about 0.45 ms for the fifteen fields of an
    episode, a tenth of logging one. What it builds depends on the class alone (its
    Meta, declared fields and the model), never on the request; the request is read at
    run time through ``context``. The prototypes are never bound: each instance binds
    its own copies (``_field_copy``; a nested serializer is deep-copied as DRF does).
    """

    _field_prototypes: dict[str, serializers.Field]

    def get_fields(self) -> dict[str, serializers.Field]:
        cls = type(self)
        prototypes = cls.__dict__.get("_field_prototypes")
        if prototypes is None:
            # Two threads may both build them the first time: the same fields either way.
            prototypes = super().get_fields()  # type: ignore[misc]
            cls._field_prototypes = prototypes
        return {name: _field_copy(field) for name, field in prototypes.items()}


class StrictFilterBackend(DjangoFilterBackend):  # type: ignore[misc]
    """django-filter's backend, except that a filter given empty (``?to=``) answers 400.

    django-filter reads an empty value as "no filter"; a caller who wrote ``?level=``
    meant something, and the schema promises a value of the filter's type.
    """

    def get_filterset(self, request: Request, queryset: QuerySet, view: Any) -> Any:
        filterset = super().get_filterset(request, queryset, view)
        if filterset is not None:
            blank = {
                name: [_("This field may not be blank.")]
                for name in filterset.filters
                if name in request.query_params and not request.query_params[name].strip()
            }
            if blank:
                raise exceptions.ValidationError(blank)
        return filterset


# --- Day-range filters --------------------------------------------------------------------


def start_of_day(day: date, zone: zoneinfo.ZoneInfo) -> datetime:
    """Local midnight of ``day`` in ``zone`` (aware)."""
    return datetime.combine(day, time.min, tzinfo=zone)


class DayRangeFilterSet(django_filters.FilterSet):  # type: ignore[misc]
    """``?from=YYYY-MM-DD`` and ``?to=YYYY-MM-DD``, both days included.

    ``range_field`` is a date field (compared as is) or a datetime field, whose days are
    counted in the user's own time zone. An unparsable day answers 400.
    """

    range_field = "started_at"

    # "from" is a keyword, so the filters are put into the class namespace by name.
    locals()["from"] = django_filters.DateFilter(
        method="filter_from",
        label=_("From this day (YYYY-MM-DD), included"),
        validators=[bounds.validate_filter_day],
    )
    locals()["to"] = django_filters.DateFilter(
        method="filter_to",
        label=_("Up to this day (YYYY-MM-DD), included"),
        validators=[bounds.validate_filter_day],
    )

    def get_form_class(self) -> type[forms.Form]:
        """The filters' form, which also refuses a ``to`` before ``from``."""
        base: type[forms.Form] = super().get_form_class()

        def clean(form: forms.Form) -> dict[str, Any]:
            cleaned: dict[str, Any] = base.clean(form) or {}
            start, end = cleaned.get("from"), cleaned.get("to")
            if start and end and end < start:
                form.add_error("to", _("The end is before the start."))
            return cleaned

        return type("DayRangeForm", (base,), {"clean": clean})

    def _range_is_datetime(self) -> bool:
        field = self.queryset.model._meta.get_field(self.range_field)
        return isinstance(field, models.DateTimeField)

    def filter_from(self, queryset: QuerySet, name: str, value: date) -> QuerySet:
        if self._range_is_datetime():
            bound: date = start_of_day(value, request_zone(self.request))
        else:
            bound = value
        return queryset.filter(**{f"{self.range_field}__gte": bound})

    def filter_to(self, queryset: QuerySet, name: str, value: date) -> QuerySet:
        if self._range_is_datetime():
            next_day = start_of_day(value + timedelta(days=1), request_zone(self.request))
            return queryset.filter(**{f"{self.range_field}__lt": next_day})
        return queryset.filter(**{f"{self.range_field}__lte": value})
