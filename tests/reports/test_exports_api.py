import io
import json
import logging
import zipfile
from datetime import date

import pytest
import time_machine
import weasyprint.pdf.fonts
from fhir.resources.R4B.bundle import Bundle

from alerts.models import Alert
from reports.models import ShareLink
from symptoms.models import Episode
from tests.factories import EpisodeFactory, UserFactory
from tests.reports.conftest import NOW
from tracker.models import BodyWeight, Workout

pytestmark = pytest.mark.django_db
EXPORT = "/api/v1/export/"
IMPORT = "/api/v1/import/"


@pytest.fixture(autouse=True)
def frozen_clock():
    with time_machine.travel(NOW, tick=False):
        yield


def body(response) -> bytes:
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


def export_json(client, **params) -> dict:
    response = client.get(EXPORT, {"format": "json", **params})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    return json.loads(body(response))


def without_volatile(data: dict) -> dict:
    data = dict(data)
    data.pop("exported_at")
    return data


# --- Answers and errors -----------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["pdf", "csv", "json", "fhir"])
def test_export_asks_anonymous_callers_to_authenticate(api_client, fmt):
    assert api_client.get(EXPORT, {"format": fmt}).status_code == 401


def test_import_asks_anonymous_callers_to_authenticate(api_client):
    assert api_client.post(IMPORT, {}, format="json").status_code == 401


@pytest.mark.parametrize(
    "params",
    [
        {"format": "docx"},
        {},
        {"format": "pdf", "from": "2026-13-01"},
        {"format": "csv", "from": "2026-11-10", "to": "2026-11-01"},
    ],
)
def test_export_rejects_an_unknown_format_or_bad_dates(auth_client, params):
    response = auth_client.get(EXPORT, params)
    assert response.status_code == 400
    assert response["Content-Type"].startswith("application/json")


@pytest.mark.parametrize(
    ("fmt", "content_type", "magic"),
    [
        ("pdf", "application/pdf", b"%PDF-"),
        ("csv", "application/zip", b"PK"),
        ("json", "application/json", b"{"),
        ("fhir", "application/fhir+json", b"{"),
    ],
)
def test_export_answers_with_the_file_itself(history, auth_client, fmt, content_type, magic):
    response = auth_client.get(EXPORT, {"format": fmt})
    assert response.status_code == 200
    assert response["Content-Type"] == content_type
    assert response["Content-Disposition"].startswith("attachment; filename=")
    assert body(response).startswith(magic)


def test_a_pdf_export_leaves_no_font_subsetting_chatter_in_the_log(
    history, auth_client, caplog, monkeypatch
):
    # As on a machine without libharfbuzz-subset: WeasyPrint falls back to fontTools.
    monkeypatch.setattr(weasyprint.pdf.fonts, "harfbuzz_subset", None)
    caplog.set_level(logging.INFO)
    assert auth_client.get(EXPORT, {"format": "pdf"}).status_code == 200
    assert [r.getMessage() for r in caplog.records if r.name.startswith("fontTools")] == []


def test_csv_and_json_exports_are_streamed(history, auth_client):
    for fmt in ("csv", "json"):
        assert auth_client.get(EXPORT, {"format": fmt}).streaming


# --- CSV ----------------------------------------------------------------------------------


def test_csv_export_is_a_zip_of_one_file_per_kind_with_every_row(history, auth_client):
    archive = zipfile.ZipFile(io.BytesIO(body(auth_client.get(EXPORT, {"format": "csv"}))))
    assert sorted(archive.namelist()) == [
        "alerts.csv",
        "body_weights.csv",
        "episodes.csv",
        "workouts.csv",
    ]
    episodes = archive.read("episodes.csv").decode("utf-8-sig").splitlines()
    assert len(episodes) == 1 + 4
    assert "numbness;tingling" in archive.read("episodes.csv").decode("utf-8-sig")
    alerts = archive.read("alerts.csv").decode("utf-8-sig")
    assert "Numbness or tingling that lasted over an hour" in alerts


def test_exports_keep_to_the_period_in_the_users_days(history, auth_client):
    data = export_json(auth_client, **{"from": "2026-11-03", "to": "2026-11-03"})
    # 3 Nov in Jakarta starts on 2 Nov 17:00 UTC: the stepper workout and its episode.
    assert [e["uuid"] for e in data["episodes"]] == [str(history["linked"].uuid)]
    assert [w["uuid"] for w in data["workouts"]] == [str(history["stepper"].uuid)]
    assert data["body_weights"] == []


def test_export_never_contains_another_users_rows(history, client_for):
    stranger = UserFactory()
    data = export_json(client_for(stranger))
    assert data["workouts"] == []
    assert data["episodes"] == []
    assert data["alerts"] == []


# --- JSON round trip ------------------------------------------------------------------


def test_json_export_imports_into_a_fresh_account_and_exports_identically(
    history, auth_client, client_for
):
    original = export_json(auth_client)
    assert original["schema_version"] == 1
    assert len(original["episodes"]) == 4
    newcomer = UserFactory()
    response = client_for(newcomer).post(IMPORT, original, format="json")
    assert response.status_code == 201
    assert response.json() == {"workouts": 4, "body_weights": 3, "episodes": 4, "alerts": 1}
    again = export_json(client_for(newcomer))
    assert without_volatile(again) == without_volatile(original)
    linked = Episode.objects.get(user=newcomer, uuid=history["linked"].uuid)
    assert linked.workout.uuid == history["stepper"].uuid
    alert = Alert.objects.get(user=newcomer)
    assert alert.identity == f"episode:{linked.pk}"
    assert list(alert.episodes.all()) == [linked]


def test_second_import_of_the_same_file_adds_nothing(history, auth_client, client_for):
    original = export_json(auth_client)
    newcomer = client_for(UserFactory())
    assert newcomer.post(IMPORT, original, format="json").status_code == 201
    before = (Workout.objects.count(), Episode.objects.count(), BodyWeight.objects.count())
    alerts_before = Alert.objects.count()
    response = newcomer.post(IMPORT, original, format="json")
    assert response.status_code == 201
    assert response.json() == {"workouts": 0, "body_weights": 0, "episodes": 0, "alerts": 0}
    after = (Workout.objects.count(), Episode.objects.count(), BodyWeight.objects.count())
    assert after == before
    assert Alert.objects.count() == alerts_before


def test_import_into_own_account_adds_nothing(history, auth_client):
    original = export_json(auth_client)
    response = auth_client.post(IMPORT, original, format="json")
    assert response.json() == {"workouts": 0, "body_weights": 0, "episodes": 0, "alerts": 0}


def test_import_accepts_the_file_as_an_upload(history, auth_client, client_for):
    original = body(auth_client.get(EXPORT, {"format": "json"}))
    upload = io.BytesIO(original)
    upload.name = "leglog.json"
    response = client_for(UserFactory()).post(IMPORT, {"file": upload}, format="multipart")
    assert response.status_code == 201
    assert response.json()["episodes"] == 4


def broken_files(original):
    future = json.loads(json.dumps(original))
    future["episodes"][-1]["started_at"] = "2027-01-01T00:00:00+07:00"
    unknown_workout = json.loads(json.dumps(original))
    unknown_workout["episodes"][0]["workout"] = "00000000-0000-4000-8000-000000000000"
    twice = json.loads(json.dumps(original))
    twice["workouts"].append(twice["workouts"][0])
    bad_value = json.loads(json.dumps(original))
    bad_value["episodes"][2]["sensations"] = ["itching"]
    wrong_version = {**original, "schema_version": 99}
    ends_early = json.loads(json.dumps(original))
    ends_early["episodes"][0]["ended_at"] = "2000-01-01T00:00:00+00:00"
    two_ongoing = json.loads(json.dumps(original))
    ended = [e for e in two_ongoing["episodes"] if e["ended_at"] is not None]
    assert len(ended) < len(two_ongoing["episodes"])  # the file has an ongoing one already
    ended[0]["ended_at"] = None
    return {
        "future episode": future,
        "unknown workout": unknown_workout,
        "workout listed twice": twice,
        "unknown sensation": bad_value,
        "schema version": wrong_version,
        "ends before it starts": ends_early,
        "a second ongoing episode": two_ongoing,
        "not an object": [1, 2, 3],
        "missing lists": {"schema_version": 1},
    }


def test_a_broken_file_answers_400_and_stores_nothing(history, auth_client, client_for):
    original = export_json(auth_client)
    newcomer = UserFactory()
    client = client_for(newcomer)
    for name, broken in broken_files(original).items():
        response = client.post(IMPORT, broken, format="json")
        assert response.status_code == 400, name
        assert not Workout.objects.filter(user=newcomer).exists(), name
        assert not Episode.objects.filter(user=newcomer).exists(), name
        assert not BodyWeight.objects.filter(user=newcomer).exists(), name
        assert not Alert.objects.filter(user=newcomer).exists(), name


def test_importing_an_ongoing_episode_next_to_the_accounts_own_answers_400(
    history, auth_client, client_for
):
    original = export_json(auth_client)
    newcomer = UserFactory()
    EpisodeFactory(user=newcomer, ended_at=None)

    response = client_for(newcomer).post(IMPORT, original, format="json")

    assert response.status_code == 400
    [field] = [k for k in response.json() if k.endswith(".ended_at")]
    assert "still going on" in response.json()[field][0]
    assert Episode.objects.filter(user=newcomer).count() == 1


def test_malformed_json_answers_400(auth_client):
    response = auth_client.generic("POST", IMPORT, "{not json", content_type="application/json")
    assert response.status_code == 400
    assert not Workout.objects.exists()


def test_import_takes_the_profile_only_into_an_empty_account(history, auth_client, client_for):
    original = export_json(auth_client)
    newcomer = UserFactory()
    client_for(newcomer).post(IMPORT, original, format="json")
    newcomer.profile.refresh_from_db()
    assert newcomer.profile.timezone == "Asia/Jakarta"
    assert newcomer.profile.birth_year == 1984


# --- FHIR -----------------------------------------------------------------------------------


def test_fhir_bundle_validates_and_counts_match(history, auth_client):
    response = auth_client.get(EXPORT, {"format": "fhir"})
    bundle = Bundle.model_validate_json(body(response))
    assert bundle.type == "collection"
    resources = [entry.resource for entry in bundle.entry]
    kinds = [type(resource).__name__ for resource in resources]
    assert kinds.count("Patient") == 1
    assert kinds.count("Flag") == Alert.objects.filter(user=history["user"]).count()
    observations = [r for r in resources if type(r).__name__ == "Observation"]
    category = [o.category[0].coding[0].code for o in observations]
    assert category.count("symptom") == 4
    assert category.count("activity") == 4
    assert category.count("vital-signs") == 3


def test_fhir_symptom_observation_follows_the_symptoms_ig(history, auth_client):
    bundle = Bundle.model_validate_json(body(auth_client.get(EXPORT, {"format": "fhir"})))
    symptom = next(
        e.resource
        for e in bundle.entry
        if getattr(e.resource, "id", None) == str(history["linked"].uuid)
    )
    assert symptom.code.coding[0].code == "75325-1"
    assert {c.code for c in symptom.valueCodeableConcept.coding} == {"44077006", "62507009"}
    assert symptom.effectivePeriod.start is not None
    assert symptom.effectivePeriod.end is not None
    assert len(symptom.contained) == 2
    assert symptom.contained[0].locationQualifier[0].coding[0].code == "7771000"  # left
    codes = [c.code.coding[0].code for c in symptom.component if c.code.coding]
    assert codes.count("100753-3") == 2  # two relief actions as alleviating factors
    assert codes.count("100752-5") == 1  # the stepper workout as exacerbating factor
    assert "64750-3" in codes


def test_fhir_names_the_saddle_area_and_a_change_in_bowel_control(user, auth_client):
    episode = EpisodeFactory(
        user=user,
        sensations=["numbness"],
        locations=["saddle_area"],
        side="both",
        accompanying=["bowel_control_change"],
    )

    bundle = Bundle.model_validate_json(body(auth_client.get(EXPORT, {"format": "fhir"})))

    symptom = next(e.resource for e in bundle.entry if e.resource.id == str(episode.uuid))
    assert symptom.contained[0].location.text == (
        "Saddle area (groin, genitals, inner thighs, buttocks)"
    )
    assert "Change in bowel control" in [
        c.valueCodeableConcept.text for c in symptom.component if c.valueCodeableConcept
    ]


def test_fhir_patient_is_pseudonymous(history, auth_client):
    text = body(auth_client.get(EXPORT, {"format": "fhir"})).decode()
    assert history["user"].username not in text
    assert history["user"].email not in text


def test_fhir_body_weight_uses_loinc_and_kilograms(history, auth_client):
    bundle = Bundle.model_validate_json(body(auth_client.get(EXPORT, {"format": "fhir"})))
    weights = [
        e.resource
        for e in bundle.entry
        if type(e.resource).__name__ == "Observation"
        and e.resource.code.coding[0].code == "29463-7"
    ]
    assert len(weights) == 3
    assert {w.valueQuantity.code for w in weights} == {"kg"}
    assert sorted(w.effectiveDateTime for w in weights)[0] == date(2026, 1, 5)


def test_share_links_are_not_part_of_the_export(history, auth_client):
    ShareLink.objects.create(user=history["user"], token_hash="x" * 64, expires_at=NOW)
    assert "share" not in json.dumps(export_json(auth_client))


def test_import_queues_one_pattern_evaluation(
    history, auth_client, client_for, django_capture_on_commit_callbacks
):
    original = export_json(auth_client)
    newcomer = UserFactory()
    with django_capture_on_commit_callbacks() as callbacks:
        client_for(newcomer).post(IMPORT, original, format="json")
    assert len(callbacks) == 1
    newcomer.profile.refresh_from_db()
    assert newcomer.profile.evaluation_requested_at == NOW
    with django_capture_on_commit_callbacks() as callbacks:
        client_for(newcomer).post(IMPORT, original, format="json")
    assert callbacks == []
