import re
from datetime import timedelta

import pytest
import time_machine

from reports.models import ShareLink, ShareLinkView
from tests.reports.conftest import NOW

pytestmark = pytest.mark.django_db
LINKS = "/api/v1/share-links/"


@pytest.fixture
def clock():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


def create(client, days=7, **extra):
    response = client.post(LINKS, {"expires_in_days": days, **extra}, format="json")
    assert response.status_code == 201, response.content
    return response.json()


def path_of(url: str) -> str:
    return re.sub(r"^https?://[^/]+", "", url)


def test_share_link_answers_201_with_url_and_expiry(history, auth_client, clock):
    link = create(auth_client, days=7)
    assert set(link) >= {"id", "url", "expires_at"}
    assert link["url"].startswith("http://testserver/share/")
    assert link["expires_at"].startswith("2026-11-30T19:00:00+07:00")


@pytest.mark.parametrize("days", [0, 31, "soon", None])
def test_share_link_expiry_must_be_1_to_30_days(auth_client, days):
    response = auth_client.post(LINKS, {"expires_in_days": days}, format="json")
    assert response.status_code == 400
    assert "expires_in_days" in response.json()
    assert not ShareLink.objects.exists()


def test_token_is_unguessable_and_only_its_hash_is_stored(history, auth_client, clock):
    link = create(auth_client)
    token = path_of(link["url"]).split("/")[2]
    assert len(token) >= 43  # 32 random bytes, base64url: 256 bits
    stored = ShareLink.objects.get()
    assert token not in stored.token_hash
    assert len(stored.token_hash) == 64
    for field in ShareLink._meta.concrete_fields:
        assert getattr(stored, field.attname) != token


def test_share_link_opens_the_report_without_login(history, auth_client, client, clock):
    url = path_of(create(auth_client)["url"])
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert history["user"].username in html
    assert '<meta name="robots" content="noindex' in html
    assert response["X-Robots-Tag"].startswith("noindex")
    assert response["Referrer-Policy"] == "no-referrer"
    assert "Download as PDF" in html
    pdf = client.get(url + "pdf/")
    assert pdf.status_code == 200
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF-")


def test_share_page_is_read_only(history, auth_client, client, clock):
    url = path_of(create(auth_client)["url"])
    html = client.get(url).content.decode()
    assert "<form" not in html
    assert client.post(url).status_code == 405


def test_share_link_stops_working_after_expiry(history, auth_client, client, clock):
    url = path_of(create(auth_client, days=1)["url"])
    clock.shift(timedelta(days=1, seconds=-1))
    assert client.get(url).status_code == 200
    clock.shift(timedelta(seconds=2))
    response = client.get(url)
    assert response.status_code == 410
    assert response["X-Robots-Tag"].startswith("noindex")
    assert client.get(url + "pdf/").status_code == 410


def test_revoked_share_link_stops_working_at_once(history, auth_client, client, clock):
    link = create(auth_client)
    url = path_of(link["url"])
    assert auth_client.delete(f"{LINKS}{link['id']}/").status_code == 204
    assert client.get(url).status_code == 410
    assert client.get(url + "pdf/").status_code == 410


def test_unknown_token_answers_404(client):
    assert client.get("/share/not-a-real-token/").status_code == 404
    assert client.get("/share/not-a-real-token/pdf/").status_code == 404


def test_another_user_cannot_see_or_revoke_a_share_link(
    history, auth_client, client_for, client, clock
):
    link = create(auth_client)
    other = client_for(history["user"].__class__.objects.create(username="mallory"))
    assert other.delete(f"{LINKS}{link['id']}/").status_code == 404
    assert other.get(f"{LINKS}{link['id']}/").status_code == 404
    assert other.get(LINKS).json()["count"] == 0
    assert client.get(path_of(link["url"])).status_code == 200


def test_each_view_is_recorded_and_shown_to_the_owner(history, auth_client, client, clock):
    link = create(auth_client)
    url = path_of(link["url"])
    client.get(url)
    clock.shift(timedelta(hours=2))
    client.get(url, HTTP_USER_AGENT="Doctor's browser", REMOTE_ADDR="10.1.2.3")
    listed = auth_client.get(LINKS).json()["results"][0]
    assert listed["views"] == 2
    assert listed["last_viewed_at"].startswith("2026-11-23T21:00:00+07:00")
    assert listed["url"] is None  # the token is shown only once
    assert listed["active"] is True
    # Nothing about the viewer is kept: a view is a time and its link.
    assert [f.name for f in ShareLinkView._meta.concrete_fields] == [
        "id",
        "share_link",
        "viewed_at",
    ]


def test_share_link_with_a_fixed_period_shows_that_period(history, auth_client, client, clock):
    link = create(auth_client, **{"from": "2026-03-01", "to": "2026-03-31"})
    html = client.get(path_of(link["url"])).content.decode()
    assert "1 Mar 2026, 06:00" not in html  # times are in Jakarta
    assert "1 Mar 2026, 09:00" in html
    assert re.search(r"(?<!\d)3 Nov 2026", html) is None


@pytest.mark.parametrize(
    ("method", "path"),
    [("get", LINKS), ("post", LINKS), ("get", f"{LINKS}1/"), ("delete", f"{LINKS}1/")],
)
def test_share_link_api_asks_anonymous_callers_to_authenticate(api_client, method, path):
    assert getattr(api_client, method)(path).status_code == 401


def test_missing_share_link_answers_404(auth_client):
    assert auth_client.delete(f"{LINKS}999/").status_code == 404


def test_share_link_list_costs_the_same_queries_for_many_links(
    history, auth_client, django_assert_max_num_queries, clock
):
    for _ in range(5):
        create(auth_client)
    # Token auth, the page count, the page with its view counts.
    with django_assert_max_num_queries(4):
        response = auth_client.get(LINKS)
    assert response.json()["count"] == 5
