"""The MNSI patient questionnaire: scored as published, stored per answer, trended, in
the doctor's report and in the FHIR export."""

import json
from datetime import timedelta

import pytest
import time_machine
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from insights import mnsi
from insights.models import MnsiResponse
from insights.services import mnsi_record
from reports.formats import report_pdf_for
from reports.selectors import period_for
from tests.factories import UserFactory
from tests.reports.conftest import NOW
from tests.reports.test_pdf import pdf_text

ALL_NO = [False] * 15


def answers(yes: set[int]) -> list[bool]:
    return [number in yes for number in range(1, 16)]


def form(yes: set[int]) -> dict[str, str]:
    return {f"q{n}": "yes" if n in yes else "no" for n in range(1, 16)}


def test_all_no_scores_the_two_reversed_items():
    # "No" to 7 (cannot tell hot from cold) and 13 (cannot sense the feet) count.
    assert mnsi.score(ALL_NO) == 2


def test_all_yes_scores_the_eleven_yes_items():
    assert mnsi.score([True] * 15) == 11


def test_items_4_and_10_are_not_scored():
    assert mnsi.score(answers({4, 10, 7, 13})) == 0


def test_the_worst_answers_score_13():
    assert mnsi.score(answers(set(range(1, 16)) - {4, 7, 10, 13})) == 13


def test_a_hand_scored_example():
    # Yes to 1 (numb), 5 (prickling), 11 (worse at night), 4 (cramps, unscored);
    # no to 13 (cannot sense the feet); yes to 7: 3 + 1 = 4 points.
    assert mnsi.score(answers({1, 4, 5, 7, 11})) == 4


@given(st.lists(st.booleans(), min_size=15, max_size=15))
def test_score_stays_between_0_and_13_and_ignores_items_4_and_10(values):
    points = mnsi.score(values)
    assert 0 <= points <= mnsi.MAX_SCORE
    flipped = list(values)
    flipped[3], flipped[9] = not values[3], not values[9]
    assert mnsi.score(flipped) == points


@pytest.mark.parametrize("bad", [[True] * 14, [True] * 16, [1] * 15])
def test_anything_but_15_yes_no_answers_is_refused(bad):
    with pytest.raises(ValueError, match="15"):
        mnsi.score(bad)


@pytest.mark.django_db
def test_answering_the_questionnaire_stores_the_answers_the_score_and_when(web, user):
    with time_machine.travel(NOW, tick=False):
        response = web.post("/insights/mnsi/new/", form({1, 2, 5}))

    assert response["Location"] == "/insights/"
    stored = MnsiResponse.objects.get(user=user)
    assert stored.answers == answers({1, 2, 5})
    assert stored.score == 5  # 1, 2, 5 and "no" to 7 and 13
    assert stored.answered_at == NOW


@pytest.mark.django_db
def test_a_missing_answer_is_a_form_error_and_nothing_is_stored(web, user):
    data = form({1})
    del data["q9"]

    response = web.post("/insights/mnsi/new/", data)

    assert response.status_code == 200
    assert "q9" in response.context["form"].errors
    assert not MnsiResponse.objects.exists()


@pytest.mark.django_db
def test_insights_page_trends_the_scores_oldest_first(web, user):
    mnsi_record(user=user, answers=answers({1, 2, 3, 5}), now=NOW - timedelta(days=60))
    mnsi_record(user=user, answers=answers({1}), now=NOW - timedelta(days=1))
    mnsi_record(user=UserFactory(), answers=[True] * 15, now=NOW)

    page = web.get("/insights/").content.decode()

    assert "Scores over time, oldest first: 6, 3 (of 13)." in page
    assert "MNSI questionnaire score 3 of 13: below the published screening thresholds" in page
    assert "not a diagnosis" in page


@pytest.mark.django_db
def test_questions_stay_in_english_with_an_indonesian_note(web, user):
    user.profile.language = "id"
    user.profile.save()

    page = web.get("/insights/mnsi/new/").content.decode()

    assert "Are your legs and/or feet numb?" in page
    assert "tidak menemukan terjemahan bahasa Indonesia yang sudah divalidasi" in page
    assert "Kuesioner skrining neuropati (MNSI)" in page


@pytest.mark.django_db
def test_english_page_has_no_translation_note(web):
    page = web.get("/insights/mnsi/new/").content.decode()

    assert "Are your feet too sensitive to touch?" in page
    assert "no validated translation" not in page


@pytest.mark.django_db
def test_api_gives_the_scores_oldest_first(auth_client, user):
    mnsi_record(user=user, answers=answers({1, 2, 3, 5, 6}), now=NOW - timedelta(days=30))
    mnsi_record(user=user, answers=answers({1}), now=NOW - timedelta(days=1))

    data = auth_client.get("/api/v1/insights/").json()["mnsi"]

    assert [r["score"] for r in data["responses"]] == [7, 3]
    assert "both published screening thresholds" in data["responses"][0]["text"]


@pytest.mark.django_db
def test_doctors_report_has_the_questionnaire_line(user, tmp_path):
    mnsi_record(user=user, answers=answers({1, 2, 3, 5}), now=NOW - timedelta(days=50))
    mnsi_record(user=user, answers=answers({1, 2}), now=NOW - timedelta(days=5))

    pdf = report_pdf_for(user=user, period=period_for(user=user, now=NOW), now=NOW)
    text = " ".join(pdf_text(pdf, tmp_path).split())

    assert "Neuropathy screening questionnaire (MNSI, patient part)" in text
    assert "MNSI questionnaire score 4 of 13" in text
    assert "Scores over time, oldest first: 6, 4 (of 13)." in text


@pytest.mark.django_db
def test_doctors_report_in_indonesian_names_the_questionnaire(user, tmp_path):
    user.profile.language = "id"
    user.profile.save()
    mnsi_record(user=user, answers=answers({1}), now=NOW - timedelta(days=5))

    with translation.override("id"):
        pdf = report_pdf_for(user=user, period=period_for(user=user, now=NOW), now=NOW)
    text = " ".join(pdf_text(pdf, tmp_path).split())

    assert "Skor kuesioner MNSI 3 dari 13" in text


@pytest.mark.django_db
def test_fhir_export_has_a_valid_questionnaire_response_per_answer(user, client_for):
    from fhir.resources.R4B.bundle import Bundle

    with time_machine.travel(NOW, tick=False):
        mnsi_record(user=user, answers=answers({1, 2, 5}), now=NOW - timedelta(days=3))
        response = client_for(user).get("/api/v1/export/", {"format": "fhir"})
    raw = b"".join(response.streaming_content) if response.streaming else response.content
    bundle = Bundle.model_validate_json(raw)

    kinds = [entry.resource.get_resource_type() for entry in bundle.entry]
    assert kinds.count("Questionnaire") == 1
    [qr] = [
        e.resource
        for e in bundle.entry
        if e.resource.get_resource_type() == "QuestionnaireResponse"
    ]
    [questionnaire] = [e for e in bundle.entry if e.resource.get_resource_type() == "Questionnaire"]
    assert qr.status == "completed"
    assert qr.questionnaire == questionnaire.fullUrl == questionnaire.resource.url
    by_link = {item.linkId: item.answer[0] for item in qr.item}
    assert by_link["1"].valueBoolean is True
    assert by_link["7"].valueBoolean is False
    assert by_link["score"].valueInteger == 5
    assert json.loads(raw)["entry"]  # plain JSON too


@pytest.mark.django_db
def test_fhir_export_without_answers_has_no_questionnaire(user, client_for):
    response = client_for(user).get("/api/v1/export/", {"format": "fhir"})
    raw = b"".join(response.streaming_content) if response.streaming else response.content

    assert b"Questionnaire" not in raw
