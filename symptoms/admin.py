"""Admin for episodes: the vocabulary lists as checkboxes; writes queue an evaluation."""

from django import forms
from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from accounts.admin import EvaluatedAdmin
from symptoms import services
from symptoms.models import Episode
from symptoms.vocabulary import Accompanying, Location, ReliefAction, Sensation


class EpisodeForm(forms.ModelForm):
    """The model validates the lists (known values, non-empty); these only offer the choices."""

    sensations = forms.MultipleChoiceField(
        choices=Sensation.choices, widget=forms.CheckboxSelectMultiple
    )
    locations = forms.MultipleChoiceField(
        choices=Location.choices, widget=forms.CheckboxSelectMultiple
    )
    accompanying = forms.MultipleChoiceField(
        choices=Accompanying.choices, widget=forms.CheckboxSelectMultiple, required=False
    )
    relief_actions = forms.MultipleChoiceField(
        choices=ReliefAction.choices, widget=forms.CheckboxSelectMultiple, required=False
    )

    class Meta:
        model = Episode
        fields = ["user", *services.EPISODE_FIELDS]


class OngoingFilter(admin.SimpleListFilter):
    title = _("ongoing")
    parameter_name = "ongoing"

    def lookups(self, request: HttpRequest, model_admin: admin.ModelAdmin) -> list:
        return [("yes", _("Ongoing")), ("no", _("Ended"))]

    def queryset(self, request: HttpRequest, queryset: QuerySet) -> QuerySet:
        if self.value() in ("yes", "no"):
            return queryset.filter(ended_at__isnull=self.value() == "yes")
        return queryset


def _delete_episode(episode: Episode) -> None:
    services.episode_delete(episode=episode)


@admin.register(Episode)
class EpisodeAdmin(EvaluatedAdmin):
    form = EpisodeForm
    delete_service = staticmethod(_delete_episode)
    list_display = [
        "id",
        "user",
        "started_at",
        "ended_at",
        "side",
        "severity",
        "workout",
        "created_at",
    ]
    list_filter = [OngoingFilter, "side", "severity", "started_at"]
    search_fields = ["user__username", "user__email", "notes"]
    date_hierarchy = "started_at"
    raw_id_fields = ["workout"]
    list_select_related = ["user", "workout"]
    readonly_fields = ["uuid", "created_at", "updated_at"]
