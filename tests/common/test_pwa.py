"""The installable app's files: a root-scope service worker and a manifest, from the app."""

import json

import pytest

from accounts.models import Profile

pytestmark = pytest.mark.django_db


@pytest.fixture
def signed_in(client, user):
    client.force_login(user)
    return client


def test_the_service_worker_is_served_from_the_root_for_the_whole_site(client):
    response = client.get("/sw.js")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/javascript; charset=utf-8"
    assert response["Service-Worker-Allowed"] == "/"
    assert "no-cache" in response["Cache-Control"]
    body = response.content.decode()
    # The files it keeps for offline use are filled in, under their static URLs.
    assert "__OFFLINE_ASSETS__" not in body
    assert '"/static/leglog/app.css"' in body
    assert '"/episodes/new/": { kind: "episode", api: "/api/v1/episodes/" }' in body


def test_the_service_worker_is_not_written_to(client):
    assert client.post("/sw.js").status_code == 405


def test_the_manifest_names_the_app_its_start_page_and_icons(client):
    response = client.get("/manifest.webmanifest")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/manifest+json"
    manifest = json.loads(response.content)
    assert manifest["start_url"] == "/"
    assert manifest["scope"] == "/"
    assert manifest["display"] == "standalone"
    sizes = {icon["sizes"]: icon for icon in manifest["icons"]}
    assert sizes["192x192"]["src"] == "/static/leglog/icons/icon-192.png"
    assert any(icon.get("purpose") == "maskable" for icon in manifest["icons"])


def test_every_page_links_the_manifest_and_names_the_service_worker(signed_in, user):
    html = signed_in.get("/").content.decode()

    assert '<link rel="manifest" href="/manifest.webmanifest">' in html
    assert 'data-sw="/sw.js"' in html


def test_the_manifest_speaks_the_readers_language(signed_in, user):
    Profile.objects.filter(user=user).update(language="id")

    manifest = json.loads(signed_in.get("/manifest.webmanifest").content)

    assert manifest["lang"] == "id"
    assert manifest["description"].startswith("Catat latihan")
