/* LegLog's service worker, served at /sw.js (scope "/") by common.pwa.service_worker.

   - Pages: network first; the last copy of a page seen while online answers when offline.
   - Logging while offline: a POST of the episode or workout form that cannot reach the
     server is kept on this phone (IndexedDB "leglog-outbox", one entry per submit with a
     uuid made here) and the person is sent to the dashboard. app.js sends the entries to
     the API (/api/v1/episodes/, /api/v1/workouts/) once online; the API stores an entry
     once per uuid, so a replay that is interrupted and repeated never makes a duplicate.
   - Log out: every kept page is deleted (they show health data).
*/
"use strict";

var VERSION = "leglog-v1";
var PAGES = VERSION + "-pages";
var ASSETS = VERSION + "-assets";
var OFFLINE_ASSETS = __OFFLINE_ASSETS__;

/* Form page -> API collection it writes to. */
var OFFLINE_FORMS = {
  "/episodes/new/": { kind: "episode", api: "/api/v1/episodes/" },
  "/workouts/new/": { kind: "workout", api: "/api/v1/workouts/" }
};
var LIST_FIELDS = ["sensations", "locations", "accompanying", "relief_actions"];
var NUMBER_FIELDS = ["severity", "intensity", "duration_minutes", "workout"];
var BOOLEAN_FIELDS = ["tight_clothing"];

self.addEventListener("install", function (event) {
  event.waitUntil(
    caches.open(ASSETS).then(function (cache) { return cache.addAll(OFFLINE_ASSETS); })
      .then(function () { return self.skipWaiting(); })
  );
});

self.addEventListener("activate", function (event) {
  event.waitUntil(
    caches.keys().then(function (names) {
      return Promise.all(names.filter(function (name) {
        return name.indexOf(VERSION) !== 0;
      }).map(function (name) { return caches.delete(name); }));
    }).then(function () { return self.clients.claim(); })
  );
});

function openOutbox() {
  return new Promise(function (resolve, reject) {
    var request = indexedDB.open("leglog-outbox", 1);
    request.onupgradeneeded = function () {
      request.result.createObjectStore("entries", { keyPath: "uuid" });
    };
    request.onsuccess = function () { resolve(request.result); };
    request.onerror = function () { reject(request.error); };
  });
}

function keep(entry) {
  return openOutbox().then(function (db) {
    return new Promise(function (resolve, reject) {
      var tx = db.transaction("entries", "readwrite");
      tx.objectStore("entries").put(entry);
      tx.oncomplete = function () { db.close(); resolve(entry); };
      tx.onerror = function () { db.close(); reject(tx.error); };
    });
  });
}

/* The form's fields as the API's JSON: lists for multiple choices, numbers, booleans. */
function formToEntry(form, target) {
  var body = {};
  form.forEach(function (value, name) {
    if (name === "csrfmiddlewaretoken" || typeof value !== "string") { return; }
    if (LIST_FIELDS.indexOf(name) !== -1) {
      (body[name] = body[name] || []).push(value);
    } else if (value === "") {
      return;
    } else if (NUMBER_FIELDS.indexOf(name) !== -1) {
      body[name] = Number(value);
    } else if (BOOLEAN_FIELDS.indexOf(name) !== -1) {
      body[name] = true;
    } else {
      body[name] = value;
    }
  });
  var now = new Date();
  /* Naive local times are read in the person's time zone by the API. */
  if (!body.started_at) { body.started_at = now.toISOString(); }
  var id = self.crypto.randomUUID();
  body.uuid = id;
  return { uuid: id, kind: target.kind, api: target.api, body: body, queuedAt: now.toISOString() };
}

function queueOffline(request, target) {
  return request.formData().then(function (form) {
    return keep(formToEntry(form, target));
  }).then(function () {
    return Response.redirect("/?offline-saved=1", 303);
  });
}

function networkFirstPage(request) {
  return fetch(request).then(function (response) {
    if (response.ok && !response.redirected && response.type === "basic") {
      var copy = response.clone();
      caches.open(PAGES).then(function (cache) { cache.put(pageKey(request.url), copy); });
    }
    return response;
  }).catch(function () {
    return caches.match(pageKey(request.url)).then(function (hit) {
      return hit || caches.match(pageKey(new URL("/", request.url).href));
    }).then(function (hit) { return hit || Response.error(); });
  });
}

/* Pages are kept by path: "/?offline-saved=1" shows the dashboard kept as "/". */
function pageKey(url) {
  var parsed = new URL(url);
  return parsed.origin + parsed.pathname;
}

self.addEventListener("fetch", function (event) {
  var request = event.request;
  var url = new URL(request.url);
  if (url.origin !== self.location.origin) { return; }
  if (request.method === "POST") {
    if (url.pathname === "/logout/") {
      event.respondWith(caches.delete(PAGES).then(function () { return fetch(request); }));
      return;
    }
    var target = OFFLINE_FORMS[url.pathname];
    if (!target) { return; }
    var copy = request.clone();
    event.respondWith(fetch(request).catch(function () { return queueOffline(copy, target); }));
    return;
  }
  if (request.method !== "GET") { return; }
  if (url.pathname.indexOf("/static/") === 0) {
    event.respondWith(caches.match(request).then(function (hit) { return hit || fetch(request); }));
    return;
  }
  if (request.mode === "navigate" && url.pathname.indexOf("/api/") !== 0 &&
      url.pathname.indexOf("/share/") !== 0 && url.pathname.indexOf("/admin/") !== 0) {
    event.respondWith(networkFirstPage(request));
  }
});
