/* The place form's "look up the coordinates from the address" button.
   Reads the address inputs, asks the admin's geocode endpoint (the server asks the
   geocoder), fills in latitude and longitude and tells the map (a "change" event).
   Settings come from data- attributes on [data-geocode]; no inline script. */
(function () {
  "use strict";

  function init(box) {
    var button = box.querySelector("button");
    var status = box.querySelector("[role=status]");
    var latInput = document.getElementById(box.dataset.latitudeInput);
    var lonInput = document.getElementById(box.dataset.longitudeInput);
    if (!button || !status || !latInput || !lonInput || !window.fetch) return;
    var inputs = (box.dataset.addressInputs || "").split(/\s+/).filter(Boolean);

    function say(text, failed) {
      status.textContent = text;
      status.classList.toggle("geocode__status--error", Boolean(failed));
    }

    button.addEventListener("click", function () {
      var params = new URLSearchParams();
      inputs.forEach(function (id) {
        var input = document.getElementById(id);
        if (input) params.append(id.replace(/^id_/, ""), input.value);
      });
      button.disabled = true;
      say(box.dataset.busyText, false);
      fetch(box.dataset.url + "?" + params.toString(), {
        headers: { Accept: "application/json" },
        credentials: "same-origin",
      })
        .then(function (response) {
          return response.json().catch(function () { return {}; });
        })
        .then(function (data) {
          if (data.latitude && data.longitude) {
            latInput.value = data.latitude;
            lonInput.value = data.longitude;
            [latInput, lonInput].forEach(function (input) {
              input.dispatchEvent(new Event("change", { bubbles: true }));
            });
            say(data.message || "", false);
          } else {
            say(data.error || box.dataset.failedText, true);
          }
        })
        .catch(function () { say(box.dataset.failedText, true); })
        .then(function () { button.disabled = false; });
    });
    box.hidden = false;
  }

  function start() { document.querySelectorAll("[data-geocode]").forEach(init); }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
