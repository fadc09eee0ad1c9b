"""The doctor's report's compact insights section: rates with intervals, and onset."""

from datetime import timedelta

import pytest
from django.utils import translation

from reports.formats import report_pdf_for
from reports.selectors import period_for
from tests.factories import EpisodeFactory, WorkoutFactory
from tests.reports.conftest import NOW
from tests.reports.test_pdf import pdf_text

pytestmark = pytest.mark.django_db


def stepper_sessions(user, *, first, with_episode, free):
    for i in range(with_episode + free):
        started = first + timedelta(days=i)
        WorkoutFactory(
            user=user,
            activity="stepper",
            started_at=started,
            duration_minutes=40,
            symptom_free_at=started + timedelta(hours=3) if i >= with_episode else None,
        )
        if i < with_episode:
            EpisodeFactory(user=user, started_at=started + timedelta(minutes=25))


def test_report_states_the_rate_per_activity_with_its_interval_for_the_period_only(user, tmp_path):
    stepper_sessions(user, first=NOW - timedelta(days=40), with_episode=6, free=8)
    # Before the 90 days: not in this report's figures.
    stepper_sessions(user, first=NOW - timedelta(days=200), with_episode=9, free=0)

    text = " ".join(
        pdf_text(
            report_pdf_for(user=user, period=period_for(user=user, now=NOW), now=NOW), tmp_path
        ).split()
    )

    assert "Per activity: how often symptoms followed, and when they began" in text
    # The table's columns interleave in the text layout: each cell's start is checked.
    assert "Symptoms after 6 of 14 sessions" in text
    assert "likely between 21%" in text
    assert "Symptoms began a median of 25" in text
    assert "Symptoms after 15 of" not in text


def test_report_insights_section_speaks_bahasa_indonesia(user, tmp_path):
    user.profile.language = "id"
    user.profile.save()
    stepper_sessions(user, first=NOW - timedelta(days=40), with_episode=6, free=8)

    with translation.override("id"):
        pdf = report_pdf_for(user=user, period=period_for(user=user, now=NOW), now=NOW)
    text = " ".join(pdf_text(pdf, tmp_path).split())

    assert "Per aktivitas: seberapa sering gejala muncul sesudahnya" in text
    # The table's columns interleave in the text layout: each cell's start is checked.
    assert "Gejala setelah 6 dari 14 sesi" in text
    assert "kemungkinan antara 21%" in text
    assert "Rentang adalah interval 95%." in text


def test_json_export_carries_the_insights_per_activity(user, client_for):
    import json

    stepper_sessions(user, first=NOW - timedelta(days=40), with_episode=6, free=8)

    response = client_for(user).get("/api/v1/export/", {"format": "json"})
    data = json.loads(b"".join(response.streaming_content))

    [stepper] = data["insights"]
    assert stepper["activity"] == "stepper"
    assert (stepper["rate"]["sessions_with_episode"], stepper["rate"]["sessions_known"]) == (6, 14)
    assert stepper["rate"]["interval"]["low"] == pytest.approx(0.2138, abs=1e-4)


def test_fhir_export_states_symptom_free_sessions_as_symptom_absent_observations(user, client_for):
    from fhir.resources.R4B.bundle import Bundle

    stepper_sessions(user, first=NOW - timedelta(days=40), with_episode=1, free=2)
    # Answered "no symptoms", but an episode was logged in its window after all.
    contradicted = WorkoutFactory(
        user=user, started_at=NOW - timedelta(days=3), symptom_free_at=NOW - timedelta(days=3)
    )
    EpisodeFactory(user=user, started_at=contradicted.ended_at + timedelta(minutes=30))

    response = client_for(user).get("/api/v1/export/", {"format": "fhir"})
    bundle = Bundle.model_validate_json(response.content)

    absent = [
        e.resource
        for e in bundle.entry
        if type(e.resource).__name__ == "Observation"
        and e.resource.code.coding[0].code == "111551-8"
    ]
    assert len(absent) == 2 * 4  # two symptom-free sessions, one per sensation
    first = absent[0]
    assert first.meta.profile == [
        "http://hl7.org/fhir/uv/symptoms/StructureDefinition/SymptomAbsentObservation"
    ]
    assert first.category[0].coding[0].code == "symptom"
    assert {o.valueCodeableConcept.coding[0].code for o in absent} == {
        "44077006",
        "62507009",
        "90673000",
        "22253000",
    }
    assert first.performer[0].reference == first.subject.reference
    span = first.effectivePeriod.end - first.effectivePeriod.start
    assert span == timedelta(minutes=40 + 120)
