/* Logging pages: the body map as a tappable picture over real checkboxes, and quick
   "started N minutes ago / lasted N minutes" chips that fill the exact times.
   Everything works without this file: the checkboxes, radios and date fields are real. */
(function () {
  "use strict";

  function pad(n) { return (n < 10 ? "0" : "") + n; }

  /* "2026-12-03T15:10" (wall time in the person's zone) plus minutes, as wall time. */
  function shiftLocal(value, minutes) {
    var m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(value || "");
    if (!m) { return ""; }
    var t = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5]) + minutes * 60000);
    return t.getUTCFullYear() + "-" + pad(t.getUTCMonth() + 1) + "-" + pad(t.getUTCDate()) +
      "T" + pad(t.getUTCHours()) + ":" + pad(t.getUTCMinutes());
  }

  function setupBodyMap(map) {
    var form = map.closest("form");
    var figure = map.querySelector("[data-body-map-figure]");
    var list = map.querySelector("[data-body-map-list]");
    var chosen = map.querySelector("[data-body-map-chosen]");
    var regions = Array.prototype.slice.call(map.querySelectorAll(".bm-region"));
    var tapped = {};  /* "location|side" -> true */

    function box(location) {
      return map.querySelector('input[name="locations"][value="' + location + '"]');
    }
    function sideInput(value) {
      return form && form.querySelector('input[name="side"][value="' + value + '"]');
    }
    function currentSide() {
      var checked = form && form.querySelector('input[name="side"]:checked');
      return checked ? checked.value : "both";
    }
    function fromInputs() {
      tapped = {};
      var side = currentSide();
      regions.forEach(function (region) {
        var loc = region.getAttribute("data-location");
        var rside = region.getAttribute("data-side");
        var input = box(loc);
        if (input && input.checked && (side === "both" || rside === "both" || rside === side)) {
          tapped[loc + "|" + rside] = true;
        }
      });
    }
    function paint() {
      regions.forEach(function (region) {
        var key = region.getAttribute("data-location") + "|" + region.getAttribute("data-side");
        region.classList.toggle("is-on", !!tapped[key]);
      });
      if (chosen) {
        var names = [];
        map.querySelectorAll('input[name="locations"]:checked').forEach(function (input) {
          var label = input.parentNode.querySelector("span");
          names.push(label ? label.textContent : input.value);
        });
        var side = form && form.querySelector('input[name="side"]:checked');
        var sideLabel = side ? side.parentNode.querySelector("span").textContent : "";
        chosen.textContent = names.length
          ? chosen.getAttribute("data-text-prefix") + " " + names.join(", ") + (sideLabel ? " · " + sideLabel : "")
          : chosen.getAttribute("data-text-none");
      }
    }
    function tap(region) {
      var loc = region.getAttribute("data-location");
      var key = loc + "|" + region.getAttribute("data-side");
      if (tapped[key]) { delete tapped[key]; } else { tapped[key] = true; }
      var input = box(loc);
      if (input) {
        input.checked = Object.keys(tapped).some(function (k) { return k.split("|")[0] === loc; });
      }
      var sides = {};
      Object.keys(tapped).forEach(function (k) {
        var s = k.split("|")[1];
        if (s !== "both") { sides[s] = true; }
      });
      var names = Object.keys(sides);
      var target = sideInput(names.length === 1 ? names[0] : "both");
      if (target && Object.keys(tapped).length) { target.checked = true; }
      paint();
    }

    regions.forEach(function (region) {
      region.addEventListener("click", function () { tap(region); });
    });
    if (form) {
      form.addEventListener("change", function (event) {
        var name = event.target && event.target.name;
        if (name === "locations" || name === "side") { fromInputs(); paint(); }
      });
    }
    if (figure) { figure.hidden = false; }
    if (list) { list.open = false; }
    fromInputs();
    paint();
  }

  function setupQuickTimes(form) {
    var start = form.querySelector('input[name="started_at"]');
    var end = form.querySelector('input[name="ended_at"]');
    var now = form.getAttribute("data-now-local");
    var lastEnd = form.getAttribute("data-last-workout-end");
    function checkedValue(name) {
      var input = form.querySelector('input[name="' + name + '"]:checked');
      return input ? input.value : null;
    }
    function fillEnd() {
      var lasted = checkedValue("lasted");
      if (!end || lasted === null) { return; }
      end.value = lasted === "" ? "" : shiftLocal(start && start.value, parseInt(lasted, 10));
    }
    form.addEventListener("change", function (event) {
      var target = event.target;
      if (target.name === "started_ago" && start) {
        start.value = target.value === "last_workout" ? (lastEnd || start.value)
          : shiftLocal(now, -parseInt(target.value, 10));
        fillEnd();
      } else if (target.name === "lasted") {
        fillEnd();
      }
    });
    /* Typing an exact time takes over from the chip. */
    [[start, "started_ago"], [end, "lasted"]].forEach(function (pair) {
      if (!pair[0]) { return; }
      pair[0].addEventListener("input", function () {
        form.querySelectorAll('input[name="' + pair[1] + '"]').forEach(function (chip) { chip.checked = false; });
      });
    });
  }

  function ready() {
    document.querySelectorAll("[data-body-map]").forEach(setupBodyMap);
    document.querySelectorAll("form[data-logging-form]").forEach(setupQuickTimes);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", ready);
  } else {
    ready();
  }
})();
