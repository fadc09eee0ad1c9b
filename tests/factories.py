"""factory_boy factories: one per model, each with a user that has a profile."""

from datetime import timedelta
from decimal import Decimal

import factory
from django.contrib.auth import get_user_model
from django.utils import timezone

from accounts.models import Profile
from symptoms.models import Episode
from tracker.models import BodyWeight, Workout


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.com")
    password = factory.PostGenerationMethodCall("set_password", "correct horse battery")
    profile = factory.RelatedFactory("tests.factories.ProfileFactory", factory_related_name="user")

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class ProfileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Profile
        django_get_or_create = ("user",)

    user = factory.SubFactory(UserFactory, profile=None)
    timezone = "UTC"
    language = "en"


class WorkoutFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Workout

    user = factory.SubFactory(UserFactory)
    activity = "running"
    started_at = factory.LazyFunction(lambda: timezone.now() - timedelta(hours=3))
    duration_minutes = 45
    intensity = 6
    tight_clothing = False


class BodyWeightFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BodyWeight

    user = factory.SubFactory(UserFactory)
    measured_on = factory.LazyFunction(lambda: timezone.localdate())
    weight_kg = Decimal("72.5")


class EpisodeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Episode

    user = factory.SubFactory(UserFactory)
    workout = None
    started_at = factory.LazyFunction(lambda: timezone.now() - timedelta(hours=2))
    ended_at = factory.LazyAttribute(lambda e: e.started_at + timedelta(minutes=15))
    sensations = factory.LazyFunction(lambda: ["tingling"])
    locations = factory.LazyFunction(lambda: ["calf"])
    side = "left"
    severity = 4
    accompanying = factory.LazyFunction(list)
    relief_actions = factory.LazyFunction(list)
