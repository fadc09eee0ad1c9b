/* Workout form: a duration chip and a typed duration are one answer; typing clears the chip. */
(function () {
  "use strict";
  function setup(form) {
    var typed = form.querySelector('input[name="duration_minutes"]');
    if (!typed) { return; }
    form.addEventListener("change", function (event) {
      if (event.target.name === "duration_quick") { typed.value = event.target.value; }
    });
    typed.addEventListener("input", function () {
      form.querySelectorAll('input[name="duration_quick"]').forEach(function (chip) {
        chip.checked = chip.value === typed.value;
      });
    });
  }
  function ready() { document.querySelectorAll("form[data-workout-form]").forEach(setup); }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", ready); } else { ready(); }
})();
