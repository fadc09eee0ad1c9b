// Polls an import's progress until it ends; plain JS, no CDN.
(function () {
  "use strict";
  var box = document.getElementById("import-job");
  if (!box || box.getAttribute("data-finished") === "1") { return; }
  var url = box.getAttribute("data-status-url");
  var delay = 1000;

  function text(id, value) { document.getElementById(id).textContent = value; }

  function show(job) {
    var bar = document.getElementById("import-progress");
    bar.max = Math.max(job.files_total, 1);
    bar.value = job.files_done;
    text("import-files", job.files_done + " / " + job.files_total);
    text("import-status", job.status_label);
    text("import-read", job.read);
    text("import-imported", job.imported);
    text("import-skipped", job.skipped);
    text("import-failed", job.failed);
    var list = document.getElementById("import-error-list");
    list.textContent = "";
    job.errors.forEach(function (error) {
      var item = document.createElement("li");
      var name = document.createElement("strong");
      name.textContent = error.file;
      item.appendChild(name);
      item.appendChild(document.createTextNode(": " + error.error));
      list.appendChild(item);
    });
    document.getElementById("import-errors").hidden = job.errors.length === 0;
    if (job.finished) {
      document.getElementById("import-cancel").hidden = true;
      document.getElementById("import-done").hidden = false;
      box.setAttribute("data-finished", "1");
    }
    return job.finished;
  }

  function poll() {
    fetch(url, { credentials: "same-origin", headers: { "Accept": "application/json" } })
      .then(function (response) {
        if (!response.ok) { throw new Error(response.status); }
        return response.json();
      })
      .then(function (job) {
        delay = 1000;
        if (!show(job)) { window.setTimeout(poll, delay); }
      })
      .catch(function () {
        delay = Math.min(delay * 2, 10000);
        window.setTimeout(poll, delay);
      });
  }

  window.setTimeout(poll, delay);
})();
