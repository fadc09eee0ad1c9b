"""What the insights store: "try one fix" experiments and questionnaire answers."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator, MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from insights import mnsi
from insights.experiment_stats import MAX_PLANNED, MIN_PLANNED
from tracker.models import Activity, ExposureTag

ONE_RUNNING = _("An experiment for this activity is already running. Stop it first.")


class Experiment(models.Model):
    """ "Looser laces for 8 stepper sessions": one change, tried on the next
    ``planned_sessions`` sessions of one activity, compared with the sessions before.
    ``ended_at`` is set when the person stops it; ``abandoned`` when that was before the
    planned sessions were all done."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="experiments"
    )
    activity = models.CharField(max_length=16, choices=Activity.choices)
    change_tag = models.CharField(max_length=24, choices=ExposureTag.choices, blank=True)
    change_text = models.CharField(max_length=120, blank=True, validators=[MaxLengthValidator(120)])
    planned_sessions = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(MIN_PLANNED), MaxValueValidator(MAX_PLANNED)]
    )
    started_at = models.DateTimeField()
    ended_at = models.DateTimeField(null=True, blank=True)
    abandoned = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-started_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "activity"],
                condition=models.Q(ended_at__isnull=True),
                name="experiment_one_running_per_activity",
                violation_error_message=ONE_RUNNING,
            ),
            models.CheckConstraint(
                condition=models.Q(
                    planned_sessions__gte=MIN_PLANNED, planned_sessions__lte=MAX_PLANNED
                ),
                name="experiment_planned_sessions_in_range",
            ),
            models.CheckConstraint(
                condition=~models.Q(change_tag="") | ~models.Q(change_text=""),
                name="experiment_names_its_change",
            ),
            models.CheckConstraint(
                condition=models.Q(change_tag="") | models.Q(change_tag__in=ExposureTag.values),
                name="experiment_change_tag_known",
            ),
            models.CheckConstraint(
                condition=models.Q(activity__in=Activity.values),
                name="experiment_activity_known",
            ),
            models.CheckConstraint(
                condition=models.Q(ended_at__isnull=True)
                | models.Q(ended_at__gte=models.F("started_at")),
                name="experiment_ends_after_start",
            ),
            models.CheckConstraint(
                condition=models.Q(abandoned=False) | models.Q(ended_at__isnull=False),
                name="experiment_abandoned_has_ended",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.change_tag or self.change_text} for {self.planned_sessions} {self.activity}"

    def clean(self) -> None:
        if not self.change_tag and not (self.change_text or "").strip():
            raise ValidationError({"change_text": _("Say what you change.")})

    @property
    def change_label(self) -> str:
        if self.change_tag:
            label = str(ExposureTag(self.change_tag).label)
            return f"{label}: {self.change_text}" if self.change_text else label
        return self.change_text


def validate_mnsi_answers(value: object) -> None:
    if (
        not isinstance(value, list)
        or len(value) != mnsi.ITEM_COUNT
        or not all(isinstance(a, bool) for a in value)
    ):
        raise ValidationError(_("Answer all 15 questions with yes or no."))


class MnsiResponse(models.Model):
    """One filling-in of the MNSI patient questionnaire (``insights.mnsi``): the 15
    answers (True = yes, in item order), the score and when. Repeatable over time."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="mnsi_responses"
    )
    answered_at = models.DateTimeField()
    answers = models.JSONField(validators=[validate_mnsi_answers])
    score = models.PositiveSmallIntegerField(validators=[MaxValueValidator(mnsi.MAX_SCORE)])
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-answered_at", "-id"]
        indexes = [models.Index(fields=["user", "answered_at"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(score__lte=mnsi.MAX_SCORE), name="mnsi_score_0_to_13"
            ),
        ]

    def __str__(self) -> str:
        return f"MNSI {self.score}/{mnsi.MAX_SCORE} at {self.answered_at:%Y-%m-%d}"

    def clean(self) -> None:
        validate_mnsi_answers(self.answers)
        if self.score != mnsi.score(self.answers):
            raise ValidationError({"score": _("The score does not match the answers.")})
