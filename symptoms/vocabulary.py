"""The symptom vocabulary of alert-rules.md: API values with their labels.

What the values mean together (paresthesia, leg locations, emergencies, red flags) is
defined once in ``symptoms.definitions``.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Sensation(models.TextChoices):
    NUMBNESS = "numbness", _("Numbness")
    TINGLING = "tingling", _("Tingling")
    BURNING = "burning", _("Burning")
    PAIN = "pain", _("Pain")


class Location(models.TextChoices):
    THIGH = "thigh", _("Thigh")
    OUTER_THIGH = "outer_thigh", _("Outer thigh")
    HAMSTRING = "hamstring", _("Hamstring")
    KNEE = "knee", _("Knee")
    CALF = "calf", _("Calf")
    SHIN = "shin", _("Shin")
    ANKLE = "ankle", _("Ankle")
    FOOT = "foot", _("Foot")
    FOOT_SOLE = "foot_sole", _("Sole of the foot")
    TOES = "toes", _("Toes")
    BUTTOCK = "buttock", _("Buttock")
    LOWER_BACK = "lower_back", _("Lower back")
    # What would touch a saddle: the groin, genitals, inner thighs and buttocks.
    SADDLE_AREA = "saddle_area", _("Saddle area (groin, genitals, inner thighs, buttocks)")


class Side(models.TextChoices):
    LEFT = "left", _("Left")
    RIGHT = "right", _("Right")
    BOTH = "both", _("Both")


class Accompanying(models.TextChoices):
    LIMITED_RANGE_OF_MOTION = "limited_range_of_motion", _("Limited range of motion")
    LOSS_OF_FINE_MOVEMENT = "loss_of_fine_movement", _("Loss of fine movement")
    IMMOBILITY = "immobility", _("Cannot move the leg")
    PALLOR = "pallor", _("Pale skin")
    STIFFNESS = "stiffness", _("Stiffness")
    MUSCLE_WEAKNESS = "muscle_weakness", _("Muscle weakness")
    MUSCLE_SPASM = "muscle_spasm", _("Muscle spasm")
    DIZZINESS = "dizziness", _("Dizziness")
    NAUSEA = "nausea", _("Nausea")
    BREATHING_DIFFICULTY = "breathing_difficulty", _("Difficulty breathing")
    SEVERE_LEG_PAIN = "severe_leg_pain", _("Severe leg pain")
    LOSS_OF_CONSCIOUSNESS = "loss_of_consciousness", _("Fainting or loss of consciousness")
    DIFFICULTY_URINATING = "difficulty_urinating", _("Difficulty urinating")
    BOWEL_CONTROL_CHANGE = "bowel_control_change", _("Change in bowel control")
    RASH = "rash", _("Rash in the area")
    LOSS_OF_BALANCE = "loss_of_balance", _("Loss of balance")


class ReliefAction(models.TextChoices):
    STOPPED_EXERCISE = "stopped_exercise", _("Stopped exercising")
    ELEVATED_LEGS = "elevated_legs", _("Raised the legs")
    STAYED_STILL = "stayed_still", _("Kept the legs still")
    LOOSENED_CLOTHING = "loosened_clothing", _("Loosened tight clothing")
