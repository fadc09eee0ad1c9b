/* LegLog: small progressive enhancements. Every page works without this file. */
(function () {
  "use strict";

  function minutesSince(iso) {
    var start = Date.parse(iso);
    if (isNaN(start)) { return null; }
    return Math.max(0, Math.floor((Date.now() - start) / 60000));
  }

  /* Fill an empty time zone choice with the browser's zone (sign-up form). */
  function detectTimeZone() {
    var zone;
    try { zone = Intl.DateTimeFormat().resolvedOptions().timeZone; } catch (e) { return; }
    if (!zone) { return; }
    document.querySelectorAll("select[data-detect-timezone]").forEach(function (select) {
      if (select.dataset.userChosen) { return; }
      for (var i = 0; i < select.options.length; i++) {
        if (select.options[i].value === zone) { select.value = zone; break; }
      }
    });
  }

  /* Keep "N min" counters of ongoing episodes current. */
  function tickElapsed() {
    document.querySelectorAll("[data-elapsed-since]").forEach(function (node) {
      var minutes = minutesSince(node.getAttribute("data-elapsed-since"));
      if (minutes !== null) { node.textContent = String(minutes); }
    });
  }

  /* The first-aid rest timer: counts up from the episode start towards 10 to 20 minutes. */
  function tickRestTimers() {
    document.querySelectorAll("[data-rest-timer]").forEach(function (box) {
      var start = Date.parse(box.getAttribute("data-rest-timer"));
      if (isNaN(start)) { return; }
      var low = Number(box.getAttribute("data-rest-low")) * 60;
      var high = Number(box.getAttribute("data-rest-high")) * 60;
      var seconds = Math.max(0, Math.floor((Date.now() - start) / 1000));
      var clock = box.querySelector("[data-rest-clock]");
      var bar = box.querySelector("progress");
      var state = box.querySelector("[data-rest-state]");
      var mm = Math.floor(seconds / 60);
      var ss = seconds % 60;
      if (clock) { clock.textContent = mm + ":" + (ss < 10 ? "0" : "") + ss; }
      if (bar) { bar.value = Math.min(seconds, high); bar.max = high; }
      if (state) {
        var key = seconds < low ? "data-text-rest" : (seconds < high ? "data-text-enough" : "data-text-done");
        var text = state.getAttribute(key);
        if (text && state.textContent !== text) { state.textContent = text; }
      }
      box.hidden = false;
    });
  }

  /* --- The installable app: the service worker and entries made offline ------------- */

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

  function outboxDo(mode, work) {
    return openOutbox().then(function (db) {
      return new Promise(function (resolve, reject) {
        var tx = db.transaction("entries", mode);
        var result = work(tx.objectStore("entries"));
        tx.oncomplete = function () { db.close(); resolve(result && result.result); };
        tx.onerror = function () { db.close(); reject(tx.error); };
      });
    });
  }

  function outboxEntries() {
    return outboxDo("readonly", function (store) { return store.getAll(); });
  }

  function outboxRemove(uuid) {
    return outboxDo("readwrite", function (store) { store.delete(uuid); });
  }

  function csrfToken() {
    var input = document.querySelector("input[name=csrfmiddlewaretoken]");
    return input ? input.value : "";
  }

  function tellOutbox(key, count) {
    var note = document.querySelector("[data-outbox]");
    if (!note) { return; }
    var text = note.getAttribute(key);
    if (!text) { return; }
    note.textContent = text.replace("{n}", String(count));
    note.className = "flash " + (key === "data-text-refused" ? "flash-error" : "flash-success");
    note.hidden = false;
  }

  var sending = false;

  /* Send each kept entry to the API with its uuid; the API stores it once per uuid (201),
     or answers 200 with the stored one when it already has it (an earlier, interrupted
     send): either way the entry leaves the phone. A refusal (400) is said and dropped;
     no connection, a server error or an expired session keep it for the next try. */
  function sendOutbox() {
    if (sending || !navigator.onLine || !document.querySelector("[data-outbox]")) { return; }
    sending = true;
    var sent = 0;
    outboxEntries().then(function (entries) {
      return entries.reduce(function (chain, entry) {
        return chain.then(function () {
          return fetch(entry.api, {
            method: "POST",
            credentials: "same-origin",
            headers: {
              "Content-Type": "application/json",
              "Accept": "application/json",
              "X-CSRFToken": csrfToken()
            },
            body: JSON.stringify(entry.body)
          }).then(function (response) {
            if (response.status === 200 || response.status === 201) {
              sent += 1;
              return outboxRemove(entry.uuid);
            }
            if (response.status === 400) {
              tellOutbox("data-text-refused", 0);
              return outboxRemove(entry.uuid);
            }
            return null;
          });
        });
      }, Promise.resolve());
    }).catch(function () { return null; }).then(function () {
      sending = false;
      if (sent > 0) {
        tellOutbox("data-text-sent", sent);
        document.documentElement.setAttribute("data-outbox-sent", String(sent));
      }
    });
  }

  function showOutbox() {
    if (!document.querySelector("[data-outbox]") || !window.indexedDB) { return; }
    var justSaved = window.location.search.indexOf("offline-saved=1") !== -1;
    if (justSaved) { tellOutbox("data-text-saved", 1); }
    outboxEntries().then(function (entries) {
      if (entries.length > (justSaved ? 1 : 0) && !navigator.onLine) {
        tellOutbox("data-text-waiting", entries.length);
      }
      if (entries.length) { sendOutbox(); }
    }).catch(function () { return null; });
  }

  function startApp() {
    var script = document.body.getAttribute("data-sw");
    if (script && "serviceWorker" in navigator) {
      navigator.serviceWorker.register(script, { scope: "/" }).catch(function () { return null; });
    }
    showOutbox();
    window.addEventListener("online", sendOutbox);
  }

  function ready() {
    startApp();
    detectTimeZone();
    tickElapsed();
    tickRestTimers();
    window.setInterval(tickRestTimers, 1000);
    window.setInterval(tickElapsed, 15000);
    /* Charts along time open at their latest weeks when they scroll sideways. */
    document.querySelectorAll("[data-scroll-end]").forEach(function (box) {
      box.scrollLeft = box.scrollWidth;
    });
    document.querySelectorAll("select[data-detect-timezone]").forEach(function (select) {
      select.addEventListener("change", function () { select.dataset.userChosen = "1"; });
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", ready);
  } else {
    ready();
  }
})();
