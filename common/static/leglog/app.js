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

  function ready() {
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
