// Share a new report link: the phone's share sheet (Web Share API) where there is one,
// and a Copy button everywhere (Clipboard API, falling back to selecting the text).
// Plain JS, served locally, no inline script.
(function () {
  "use strict";
  var status = document.querySelector(".share-status");

  function say(key) {
    if (status) { status.textContent = status.getAttribute(key) || ""; }
  }

  function copyBySelecting(field) {
    field.focus();
    field.select();
    try {
      return document.execCommand("copy");
    } catch (error) {
      return false;
    }
  }

  Array.prototype.forEach.call(document.querySelectorAll("[data-copy-target]"), function (button) {
    button.addEventListener("click", function () {
      var field = document.getElementById(button.getAttribute("data-copy-target"));
      if (!field) { return; }
      var text = field.value;
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(text).then(
          function () { say("data-copied"); },
          function () { say(copyBySelecting(field) ? "data-copied" : "data-copy-failed"); }
        );
      } else {
        say(copyBySelecting(field) ? "data-copied" : "data-copy-failed");
      }
    });
  });

  Array.prototype.forEach.call(document.querySelectorAll("[data-share-url]"), function (button) {
    if (!navigator.share) { return; }  // stays hidden: Copy is the way then
    button.hidden = false;
    button.addEventListener("click", function () {
      navigator.share({
        title: button.getAttribute("data-share-title") || document.title,
        url: button.getAttribute("data-share-url")
      }).catch(function () { /* the person closed the share sheet */ });
    });
  });
}());
