/* The time-zone list: the browser's own zone first, in a group of its own. */
(function () {
  "use strict";
  function ready() {
    var zone;
    try { zone = Intl.DateTimeFormat().resolvedOptions().timeZone; } catch (e) { return; }
    if (!zone) { return; }
    document.querySelectorAll("select[data-zone-list]").forEach(function (select) {
      var match = null;
      for (var i = 0; i < select.options.length; i++) {
        if (select.options[i].value === zone) { match = select.options[i]; break; }
      }
      if (!match) { return; }
      var group = document.createElement("optgroup");
      group.label = select.getAttribute("data-text-device") || "";
      var first = match.cloneNode(true);
      first.textContent = zone.replace(/_/g, " ");
      group.appendChild(first);
      var wasSelected = match.selected;
      select.insertBefore(group, select.firstChild);
      if (wasSelected) { first.selected = true; }
    });
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", ready); } else { ready(); }
})();
