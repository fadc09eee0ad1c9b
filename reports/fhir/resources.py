"""One FHIR resource per row: symptom, activity and body-weight Observations, Flags."""

import hashlib
import uuid
from typing import Any

from django.conf import settings
from django.utils.translation import gettext as _
from fhir.resources.R4B.bodystructure import BodyStructure
from fhir.resources.R4B.codeableconcept import CodeableConcept
from fhir.resources.R4B.coding import Coding
from fhir.resources.R4B.extension import Extension
from fhir.resources.R4B.flag import Flag
from fhir.resources.R4B.meta import Meta
from fhir.resources.R4B.observation import Observation, ObservationComponent
from fhir.resources.R4B.patient import Patient
from fhir.resources.R4B.period import Period as FhirPeriod
from fhir.resources.R4B.quantity import Quantity
from fhir.resources.R4B.reference import Reference

from alerts.messages import alert_title
from alerts.models import Alert
from reports.fhir.codes import (
    BODY_SITE_EXTENSION,
    FLAG_CATEGORY,
    LATERALITY_CODES,
    LOCATION_CODES,
    LOINC,
    NAMESPACE,
    OBSERVATION_CATEGORY,
    SENSATION_CODES,
    SNOMED,
    SYMPTOM_ABSENT_PROFILE,
    SYMPTOM_CATEGORY,
    SYMPTOM_PROFILE,
    UCUM,
)
from symptoms.definitions import ASSOCIATION_AFTER_END
from symptoms.models import Episode
from symptoms.vocabulary import Accompanying, Location, ReliefAction, Sensation, Side
from tracker.models import Activity, BodyWeight, Workout


def label_of(choices: Any, code: str) -> str:
    try:
        return str(choices(code).label)
    except ValueError:
        return code


def concept(text: str, *codings: tuple[str, str, str]) -> CodeableConcept:
    return CodeableConcept(
        coding=[
            Coding(system=system, code=code, display=display) for system, code, display in codings
        ]
        or None,
        text=text,
    )


def full_url(kind: str, key: Any) -> str:
    return f"urn:uuid:{uuid.uuid5(NAMESPACE, f'{kind}:{key}')}"


def patient_key(user: Any) -> str:
    """An opaque, stable pseudonym: not the id, the name or anything a reader could reverse."""
    digest = hashlib.sha256(f"{settings.SECRET_KEY}:patient:{user.pk}".encode()).hexdigest()
    return digest[:32]


def patient_resource(user: Any) -> Patient:
    profile = getattr(user, "profile", None)
    gender = {"female": "female", "male": "male", "other": "other"}.get(
        profile.sex if profile else "", "unknown"
    )
    return Patient(
        id=patient_key(user),
        active=True,
        gender=gender,
        birthDate=str(profile.birth_year) if profile and profile.birth_year else None,
    )


def severity_coding(severity: int) -> list[tuple[str, str, str]]:
    """0 to 10 mapped onto SNOMED mild (1-3), moderate (4-6), severe (7-10)."""
    if severity == 0:
        return []
    if severity <= 3:
        return [(SNOMED, "255604002", "Mild")]
    if severity <= 6:
        return [(SNOMED, "6736007", "Moderate")]
    return [(SNOMED, "24484000", "Severe")]


def symptom_observation(
    episode: Episode,
    *,
    patient: Reference,
    zone: Any,
    workout: Workout | None,
) -> Observation:
    sensations = list(episode.sensations)
    value = concept(
        ", ".join(label_of(Sensation, s) for s in sensations),
        *[(SNOMED, *SENSATION_CODES[s]) for s in sensations if s in SENSATION_CODES],
    )
    side = label_of(Side, episode.side)
    laterality = concept(side, (SNOMED, *LATERALITY_CODES[Side(episode.side)]))
    structures = []
    for index, location in enumerate(episode.locations):
        coding = [(SNOMED, *LOCATION_CODES[location])] if location in LOCATION_CODES else []
        structures.append(
            BodyStructure(
                id=f"site{index + 1}",
                location=concept(label_of(Location, location), *coding),
                locationQualifier=[laterality],
                patient=patient,
            )
        )
    first = episode.locations[0]
    body_site = concept(
        f"{label_of(Location, first)} ({side})",
        *([(SNOMED, *LOCATION_CODES[first])] if first in LOCATION_CODES else []),
    )
    components = []
    if episode.severity is not None:
        components.append(
            ObservationComponent(
                code=concept("Severity of symptoms", (LOINC, "64750-3", "Severity of symptoms")),
                valueCodeableConcept=concept(
                    _("%(value)d of 10 (0 none, 10 worst imaginable)")
                    % {"value": episode.severity},
                    *severity_coding(episode.severity),
                ),
            )
        )
    for action in episode.relief_actions:
        components.append(
            ObservationComponent(
                code=concept(
                    "Alleviating factors - Reported",
                    (LOINC, "100753-3", "Alleviating factors - Reported"),
                ),
                valueCodeableConcept=concept(label_of(ReliefAction, action)),
            )
        )
    if workout is not None:
        components.append(
            ObservationComponent(
                code=concept(
                    "Exacerbating factors - Reported",
                    (LOINC, "100752-5", "Exacerbating factors - Reported"),
                ),
                valueCodeableConcept=concept(
                    _("%(activity)s, %(minutes)d min, started %(start)s")
                    % {
                        "activity": label_of(Activity, workout.activity),
                        "minutes": workout.duration_minutes,
                        "start": workout.started_at.astimezone(zone).isoformat(),
                    }
                ),
            )
        )
    for symptom in episode.accompanying:
        components.append(
            ObservationComponent(
                code=concept(_("Associated symptom")),
                valueCodeableConcept=concept(label_of(Accompanying, symptom)),
            )
        )
    extensions = [
        Extension(url=BODY_SITE_EXTENSION, valueReference=Reference(reference=f"#{s.id}"))
        for s in structures
    ]
    return Observation(
        id=str(episode.uuid),
        meta=Meta(profile=[SYMPTOM_PROFILE]),
        contained=structures,
        extension=extensions,
        identifier=None,
        status="final" if episode.ended_at is not None else "preliminary",
        category=[concept("Symptom", (SYMPTOM_CATEGORY, "symptom", "Symptom"))],
        code=concept("Symptom", (LOINC, "75325-1", "Symptom")),
        subject=patient,
        performer=[patient],
        effectivePeriod=FhirPeriod(
            start=episode.started_at.astimezone(zone).isoformat(),
            end=episode.ended_at.astimezone(zone).isoformat() if episode.ended_at else None,
        ),
        valueCodeableConcept=value,
        bodySite=body_site,
        component=components or None,
        note=[{"text": episode.notes}] if episode.notes else None,
    )


def symptom_absent_observations(
    workout: Workout, *, patient: Reference, zone: Any
) -> list[Observation]:
    """The "no symptoms after this workout" answer, after the Symptoms IG (STU 1)
    ``SymptomAbsentObservation``: code LOINC 111551-8 "Symptom absent", one Observation
    per symptom of the vocabulary (its SNOMED CT code as the value), over the workout and
    the 2 hours after it, reported by the patient."""
    start = workout.started_at.astimezone(zone)
    end = (workout.ended_at + ASSOCIATION_AFTER_END).astimezone(zone)
    return [
        Observation(
            id=str(uuid.uuid5(NAMESPACE, f"absent:{workout.uuid}:{sensation}")),
            meta=Meta(profile=[SYMPTOM_ABSENT_PROFILE]),
            status="final",
            category=[concept("Symptom", (SYMPTOM_CATEGORY, "symptom", "Symptom"))],
            code=concept("Symptom absent", (LOINC, "111551-8", "Symptom absent")),
            subject=patient,
            performer=[patient],
            effectivePeriod=FhirPeriod(start=start.isoformat(), end=end.isoformat()),
            issued=workout.symptom_free_at.astimezone(zone).isoformat()
            if workout.symptom_free_at
            else None,
            valueCodeableConcept=concept(label_of(Sensation, sensation), (SNOMED, code, display)),
            note=[{"text": _("No symptoms after this workout")}],
        )
        for sensation, (code, display) in SENSATION_CODES.items()
    ]


def activity_observation(workout: Workout, *, patient: Reference, zone: Any) -> Observation:
    components = [
        ObservationComponent(
            code=concept("Exercise duration", (LOINC, "55411-3", "Exercise duration")),
            valueQuantity=Quantity(
                value=workout.duration_minutes, unit="min", system=UCUM, code="min"
            ),
        )
    ]
    if workout.intensity is not None:
        components.append(
            ObservationComponent(
                code=concept(_("Perceived exertion (1 to 10)")), valueInteger=workout.intensity
            )
        )
    components.append(
        ObservationComponent(code=concept(_("Tight clothing")), valueBoolean=workout.tight_clothing)
    )
    return Observation(
        id=str(workout.uuid),
        status="final",
        category=[concept("Activity", (OBSERVATION_CATEGORY, "activity", "Activity"))],
        code=concept("Exercise activity", (LOINC, "73985-4", "Exercise activity")),
        subject=patient,
        effectivePeriod=FhirPeriod(
            start=workout.started_at.astimezone(zone).isoformat(),
            end=workout.ended_at.astimezone(zone).isoformat(),
        ),
        valueCodeableConcept=concept(label_of(Activity, workout.activity)),
        component=components,
        note=[{"text": workout.notes}] if workout.notes else None,
    )


def weight_observation(weight: BodyWeight, *, patient: Reference) -> Observation:
    return Observation(
        id=str(uuid.uuid5(NAMESPACE, f"weight:{weight.user_id}:{weight.measured_on}")),
        status="final",
        category=[concept("Vital Signs", (OBSERVATION_CATEGORY, "vital-signs", "Vital Signs"))],
        code=concept("Body weight", (LOINC, "29463-7", "Body weight")),
        subject=patient,
        effectiveDateTime=weight.measured_on.isoformat(),
        valueQuantity=Quantity(value=weight.weight_kg, unit="kg", system=UCUM, code="kg"),
    )


def alert_flag(alert: Alert, *, patient: Reference, zone: Any) -> Flag:
    return Flag(
        id=str(alert.uuid),
        status="active" if alert.acknowledged_at is None else "inactive",
        category=[concept("Clinical", (FLAG_CATEGORY, "clinical", "Clinical"))],
        code=concept(f"{alert_title(alert)} ({alert.level})"),
        subject=patient,
        period=FhirPeriod(
            start=alert.created_at.astimezone(zone).isoformat(),
            end=alert.acknowledged_at.astimezone(zone).isoformat()
            if alert.acknowledged_at
            else None,
        ),
    )
