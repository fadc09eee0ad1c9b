"""The history as a FHIR R4 ``collection`` Bundle, built and validated with fhir.resources (R4B).

- One pseudonymous ``Patient`` (no name, no username: an opaque id derived from the
  user's id; gender and birth year when the person entered them).
- Each episode: an ``Observation`` shaped after the HL7 Symptoms IG
  ``SymptomObservation``: category ``symptom``, ``code`` LOINC 75325-1 "Symptom",
  ``valueCodeableConcept`` with SNOMED CT codes for the sensations (numbness 44077006,
  pins and needles 62507009, burning sensation 90673000, pain 22253000) and the plain
  text; ``effectivePeriod``; ``bodySite`` (the first location, with the side in its text)
  plus one contained ``BodyStructure`` per location carrying the laterality (SNOMED left
  7771000, right 24028007, bilateral 51440002), referenced by the ``bodySite`` extension;
  components: severity (LOINC 64750-3, 0-10 as text and integer), each relief action as
  an alleviating factor (LOINC 100753-3), the associated workout as an exacerbating factor
  (LOINC 100752-5), each accompanying symptom as an associated symptom (text). Body
  locations carry a SNOMED code only where one is certain; the text is always there.
- Each workout: an ``activity`` Observation, LOINC 73985-4 "Exercise activity", with the
  duration (LOINC 55411-3, UCUM ``min``) and perceived exertion components.
- Each body weight: a ``vital-signs`` Observation, LOINC 29463-7, kg (UCUM ``kg``).
- Each alert: a ``Flag`` (active until acknowledged), its text the alert's title.
"""

import hashlib
import uuid
from datetime import datetime
from typing import Any

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from fhir.resources.R4B.bodystructure import BodyStructure
from fhir.resources.R4B.bundle import Bundle, BundleEntry
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
from reports.exports import alerts_for, body_weights_for, episodes_for, workouts_for
from reports.selectors import Period, episode_associations, user_zone
from symptoms.models import Episode
from symptoms.vocabulary import Accompanying, Location, ReliefAction, Sensation, Side
from tracker.models import Activity, BodyWeight, Workout

SNOMED = "http://snomed.info/sct"
LOINC = "http://loinc.org"
UCUM = "http://unitsofmeasure.org"
OBSERVATION_CATEGORY = "http://terminology.hl7.org/CodeSystem/observation-category"
SYMPTOM_CATEGORY = "http://hl7.org/fhir/uv/symptoms/CodeSystem/SymptomTemporary"
SYMPTOM_PROFILE = "http://hl7.org/fhir/uv/symptoms/StructureDefinition/SymptomObservation"
BODY_SITE_EXTENSION = "http://hl7.org/fhir/StructureDefinition/bodySite"
FLAG_CATEGORY = "http://terminology.hl7.org/CodeSystem/flag-category"

SENSATION_CODES = {
    Sensation.NUMBNESS: ("44077006", "Numbness"),
    Sensation.TINGLING: ("62507009", "Pins and needles"),
    Sensation.BURNING: ("90673000", "Burning sensation"),
    Sensation.PAIN: ("22253000", "Pain"),
}
LOCATION_CODES = {
    Location.THIGH: ("68367000", "Thigh structure"),
    Location.KNEE: ("72696002", "Knee region structure"),
    Location.CALF: ("53840002", "Calf of leg structure"),
    Location.ANKLE: ("344001", "Ankle region structure"),
    Location.FOOT: ("56459004", "Foot structure"),
    Location.TOES: ("29707007", "Toe structure"),
    Location.BUTTOCK: ("46862004", "Buttock structure"),
}
LATERALITY_CODES = {
    Side.LEFT: ("7771000", "Left"),
    Side.RIGHT: ("24028007", "Right"),
    Side.BOTH: ("51440002", "Right and left"),
}
# Where no base namespace is configured the ids are still stable urn:uuid values.
NAMESPACE = uuid.UUID("6f0d7f52-8a0e-4c55-9e38-0c2f7e6a1f20")


def _label(choices: Any, code: str) -> str:
    try:
        return str(choices(code).label)
    except ValueError:
        return code


def _concept(text: str, *codings: tuple[str, str, str]) -> CodeableConcept:
    return CodeableConcept(
        coding=[
            Coding(system=system, code=code, display=display) for system, code, display in codings
        ]
        or None,
        text=text,
    )


def _full_url(kind: str, key: Any) -> str:
    return f"urn:uuid:{uuid.uuid5(NAMESPACE, f'{kind}:{key}')}"


def _patient_key(user: Any) -> str:
    """An opaque, stable pseudonym: not the id, the name or anything a reader could reverse."""
    digest = hashlib.sha256(f"{settings.SECRET_KEY}:patient:{user.pk}".encode()).hexdigest()
    return digest[:32]


def _patient(user: Any) -> Patient:
    profile = getattr(user, "profile", None)
    gender = {"female": "female", "male": "male", "other": "other"}.get(
        profile.sex if profile else "", "unknown"
    )
    return Patient(
        id=_patient_key(user),
        active=True,
        gender=gender,
        birthDate=str(profile.birth_year) if profile and profile.birth_year else None,
    )


def _severity_coding(severity: int) -> list[tuple[str, str, str]]:
    """0 to 10 mapped onto SNOMED mild (1-3), moderate (4-6), severe (7-10)."""
    if severity == 0:
        return []
    if severity <= 3:
        return [(SNOMED, "255604002", "Mild")]
    if severity <= 6:
        return [(SNOMED, "6736007", "Moderate")]
    return [(SNOMED, "24484000", "Severe")]


def _symptom(
    episode: Episode,
    *,
    patient: Reference,
    zone: Any,
    workout: Workout | None,
) -> Observation:
    sensations = list(episode.sensations)
    value = _concept(
        ", ".join(_label(Sensation, s) for s in sensations),
        *[(SNOMED, *SENSATION_CODES[s]) for s in sensations if s in SENSATION_CODES],
    )
    side = _label(Side, episode.side)
    laterality = _concept(side, (SNOMED, *LATERALITY_CODES[Side(episode.side)]))
    structures = []
    for index, location in enumerate(episode.locations):
        coding = [(SNOMED, *LOCATION_CODES[location])] if location in LOCATION_CODES else []
        structures.append(
            BodyStructure(
                id=f"site{index + 1}",
                location=_concept(_label(Location, location), *coding),
                locationQualifier=[laterality],
                patient=patient,
            )
        )
    first = episode.locations[0]
    body_site = _concept(
        f"{_label(Location, first)} ({side})",
        *([(SNOMED, *LOCATION_CODES[first])] if first in LOCATION_CODES else []),
    )
    components = []
    if episode.severity is not None:
        components.append(
            ObservationComponent(
                code=_concept("Severity of symptoms", (LOINC, "64750-3", "Severity of symptoms")),
                valueCodeableConcept=_concept(
                    _("%(value)d of 10 (0 none, 10 worst imaginable)")
                    % {"value": episode.severity},
                    *_severity_coding(episode.severity),
                ),
            )
        )
    for action in episode.relief_actions:
        components.append(
            ObservationComponent(
                code=_concept(
                    "Alleviating factors - Reported",
                    (LOINC, "100753-3", "Alleviating factors - Reported"),
                ),
                valueCodeableConcept=_concept(_label(ReliefAction, action)),
            )
        )
    if workout is not None:
        components.append(
            ObservationComponent(
                code=_concept(
                    "Exacerbating factors - Reported",
                    (LOINC, "100752-5", "Exacerbating factors - Reported"),
                ),
                valueCodeableConcept=_concept(
                    _("%(activity)s, %(minutes)d min, started %(start)s")
                    % {
                        "activity": _label(Activity, workout.activity),
                        "minutes": workout.duration_minutes,
                        "start": workout.started_at.astimezone(zone).isoformat(),
                    }
                ),
            )
        )
    for symptom in episode.accompanying:
        components.append(
            ObservationComponent(
                code=_concept(_("Associated symptom")),
                valueCodeableConcept=_concept(_label(Accompanying, symptom)),
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
        category=[_concept("Symptom", (SYMPTOM_CATEGORY, "symptom", "Symptom"))],
        code=_concept("Symptom", (LOINC, "75325-1", "Symptom")),
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


def _activity(workout: Workout, *, patient: Reference, zone: Any) -> Observation:
    components = [
        ObservationComponent(
            code=_concept("Exercise duration", (LOINC, "55411-3", "Exercise duration")),
            valueQuantity=Quantity(
                value=workout.duration_minutes, unit="min", system=UCUM, code="min"
            ),
        )
    ]
    if workout.intensity is not None:
        components.append(
            ObservationComponent(
                code=_concept(_("Perceived exertion (1 to 10)")), valueInteger=workout.intensity
            )
        )
    components.append(
        ObservationComponent(
            code=_concept(_("Tight clothing")), valueBoolean=workout.tight_clothing
        )
    )
    return Observation(
        id=str(workout.uuid),
        status="final",
        category=[_concept("Activity", (OBSERVATION_CATEGORY, "activity", "Activity"))],
        code=_concept("Exercise activity", (LOINC, "73985-4", "Exercise activity")),
        subject=patient,
        effectivePeriod=FhirPeriod(
            start=workout.started_at.astimezone(zone).isoformat(),
            end=workout.ended_at.astimezone(zone).isoformat(),
        ),
        valueCodeableConcept=_concept(_label(Activity, workout.activity)),
        component=components,
        note=[{"text": workout.notes}] if workout.notes else None,
    )


def _weight(weight: BodyWeight, *, patient: Reference) -> Observation:
    return Observation(
        id=str(uuid.uuid5(NAMESPACE, f"weight:{weight.user_id}:{weight.measured_on}")),
        status="final",
        category=[_concept("Vital Signs", (OBSERVATION_CATEGORY, "vital-signs", "Vital Signs"))],
        code=_concept("Body weight", (LOINC, "29463-7", "Body weight")),
        subject=patient,
        effectiveDateTime=weight.measured_on.isoformat(),
        valueQuantity=Quantity(value=weight.weight_kg, unit="kg", system=UCUM, code="kg"),
    )


def _flag(alert: Alert, *, patient: Reference, zone: Any) -> Flag:
    return Flag(
        id=str(alert.uuid),
        status="active" if alert.acknowledged_at is None else "inactive",
        category=[_concept("Clinical", (FLAG_CATEGORY, "clinical", "Clinical"))],
        code=_concept(f"{alert_title(alert)} ({alert.level})"),
        subject=patient,
        period=FhirPeriod(
            start=alert.created_at.astimezone(zone).isoformat(),
            end=alert.acknowledged_at.astimezone(zone).isoformat()
            if alert.acknowledged_at
            else None,
        ),
    )


def fhir_bundle(*, user: Any, period: Period | None, now: datetime | None = None) -> Bundle:
    """The user's history (or the period's) as a validated FHIR ``collection`` Bundle."""
    zone = user_zone(user=user)
    patient = _patient(user)
    patient_url = _full_url("patient", patient.id)
    subject = Reference(reference=patient_url)
    entries = [BundleEntry(fullUrl=patient_url, resource=patient)]

    workouts = list(workouts_for(user=user, period=period))
    workout_urls = {w.id: _full_url("workout", w.uuid) for w in workouts}
    episodes = list(episodes_for(user=user, period=period))
    associations = episode_associations(user=user, episodes=episodes)
    for workout in workouts:
        entries.append(
            BundleEntry(
                fullUrl=workout_urls[workout.id],
                resource=_activity(workout, patient=subject, zone=zone),
            )
        )
    for episode in episodes:
        workout = associations.get(episode.id)
        if workout is not None and workout.id not in workout_urls:
            workout_urls[workout.id] = _full_url("workout", workout.uuid)
            entries.append(
                BundleEntry(
                    fullUrl=workout_urls[workout.id],
                    resource=_activity(workout, patient=subject, zone=zone),
                )
            )
        entries.append(
            BundleEntry(
                fullUrl=_full_url("episode", episode.uuid),
                resource=_symptom(
                    episode,
                    patient=subject,
                    zone=zone,
                    workout=workout,
                ),
            )
        )
    for weight in body_weights_for(user=user, period=period):
        entries.append(
            BundleEntry(
                fullUrl=_full_url("weight", f"{weight.user_id}:{weight.measured_on}"),
                resource=_weight(weight, patient=subject),
            )
        )
    for alert in alerts_for(user=user, period=period):
        entries.append(
            BundleEntry(
                fullUrl=_full_url("alert", alert.uuid),
                resource=_flag(alert, patient=subject, zone=zone),
            )
        )
    return Bundle(
        id=str(uuid.uuid4()),
        type="collection",
        timestamp=(now or timezone.now()).astimezone(zone).isoformat(),
        entry=entries,
    )


def fhir_bundle_json(*, user: Any, period: Period | None, now: datetime | None = None) -> str:
    return fhir_bundle(user=user, period=period, now=now).model_dump_json()
