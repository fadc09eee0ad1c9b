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
- Each workout answered "no symptoms" (and with no episode after all): one Symptoms IG
  ``SymptomAbsentObservation`` per sensation, LOINC 111551-8 "Symptom absent", the
  sensation's SNOMED CT code as the value, over the workout and the 2 hours after it.
- Each body weight: a ``vital-signs`` Observation, LOINC 29463-7, kg (UCUM ``kg``).
- Each alert: a ``Flag`` (active until acknowledged), its text the alert's title.
- Each MNSI questionnaire answer: a ``QuestionnaireResponse`` referring to the MNSI
  ``Questionnaire`` carried in the Bundle (``reports.fhir.questionnaire``).
"""

import uuid
from datetime import datetime
from typing import Any

from django.utils import timezone
from fhir.resources.R4B.bundle import Bundle, BundleEntry
from fhir.resources.R4B.reference import Reference

from insights.selectors import mnsi_list, workout_outcomes
from insights.stats import Outcome
from reports.exports import alerts_for, body_weights_for, episodes_for, workouts_for
from reports.exports.rows import in_period
from reports.fhir.questionnaire import (
    QUESTIONNAIRE_URL,
    mnsi_questionnaire,
    mnsi_questionnaire_response,
)
from reports.fhir.resources import (
    activity_observation,
    alert_flag,
    full_url,
    patient_resource,
    symptom_absent_observations,
    symptom_observation,
    weight_observation,
)
from reports.selectors import Period, episode_associations, user_zone

__all__ = ["fhir_bundle", "fhir_bundle_json"]


def fhir_bundle(*, user: Any, period: Period | None, now: datetime | None = None) -> Bundle:
    """The user's history (or the period's) as a validated FHIR ``collection`` Bundle."""
    zone = user_zone(user=user)
    patient = patient_resource(user)
    patient_url = full_url("patient", patient.id)
    subject = Reference(reference=patient_url)
    entries = [BundleEntry(fullUrl=patient_url, resource=patient)]

    workouts = list(workouts_for(user=user, period=period))
    workout_urls = {w.id: full_url("workout", w.uuid) for w in workouts}
    episodes = list(episodes_for(user=user, period=period))
    associations = episode_associations(user=user, episodes=episodes)
    for workout in workouts:
        entries.append(
            BundleEntry(
                fullUrl=workout_urls[workout.id],
                resource=activity_observation(workout, patient=subject, zone=zone),
            )
        )
    outcomes = workout_outcomes(user=user, workouts=workouts, now=now or timezone.now())
    for workout in workouts:
        if outcomes[workout.id] is Outcome.SYMPTOM_FREE:
            for absent in symptom_absent_observations(workout, patient=subject, zone=zone):
                entries.append(BundleEntry(fullUrl=full_url("absent", absent.id), resource=absent))
    for episode in episodes:
        workout = associations.get(episode.id)
        if workout is not None and workout.id not in workout_urls:
            workout_urls[workout.id] = full_url("workout", workout.uuid)
            entries.append(
                BundleEntry(
                    fullUrl=workout_urls[workout.id],
                    resource=activity_observation(workout, patient=subject, zone=zone),
                )
            )
        entries.append(
            BundleEntry(
                fullUrl=full_url("episode", episode.uuid),
                resource=symptom_observation(
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
                fullUrl=full_url("weight", f"{weight.user_id}:{weight.measured_on}"),
                resource=weight_observation(weight, patient=subject),
            )
        )
    for alert in alerts_for(user=user, period=period):
        entries.append(
            BundleEntry(
                fullUrl=full_url("alert", alert.uuid),
                resource=alert_flag(alert, patient=subject, zone=zone),
            )
        )
    responses = list(
        mnsi_list(user=user).filter(in_period("answered_at", period)).order_by("answered_at", "id")
    )
    if responses:
        entries.append(BundleEntry(fullUrl=QUESTIONNAIRE_URL, resource=mnsi_questionnaire()))
    for response in responses:
        resource = mnsi_questionnaire_response(response, patient=subject, zone=zone)
        entries.append(BundleEntry(fullUrl=full_url("mnsi", resource.id), resource=resource))
    return Bundle(
        id=str(uuid.uuid4()),
        type="collection",
        timestamp=(now or timezone.now()).astimezone(zone).isoformat(),
        entry=entries,
    )


def fhir_bundle_json(*, user: Any, period: Period | None, now: datetime | None = None) -> str:
    return fhir_bundle(user=user, period=period, now=now).model_dump_json()
