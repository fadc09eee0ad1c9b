// Polls the export job's status and offers the file when it is ready. Plain JS, no CDN.
(function () {
  "use strict";
  var box = document.getElementById("export-job");
  if (!box) { return; }
  var url = box.getAttribute("data-status-url");
  var bar = document.getElementById("export-progress");
  var percent = document.getElementById("export-percent");
  var status = document.getElementById("export-status");
  var download = document.getElementById("export-download");
  var failed = document.getElementById("export-failed");
  var delay = 1000;

  function show(state) {
    bar.value = state.progress;
    bar.textContent = state.progress + "%";
    percent.textContent = state.progress + "%";
    status.textContent = state.status_label;
    if (state.status === "done") {
      download.hidden = false;
      download.querySelector("a").focus();
      return true;
    }
    if (state.status === "failed") {
      failed.hidden = false;
      return true;
    }
    return false;
  }

  function poll() {
    fetch(url, { credentials: "same-origin", headers: { "Accept": "application/json" } })
      .then(function (response) {
        if (!response.ok) { throw new Error(response.status); }
        return response.json();
      })
      .then(function (state) {
        if (!show(state)) { window.setTimeout(poll, delay); }
      })
      .catch(function () {
        delay = Math.min(delay * 2, 10000);
        window.setTimeout(poll, delay);
      });
  }

  if (download.hidden && failed.hidden) { window.setTimeout(poll, delay); }
})();
