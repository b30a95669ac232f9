/* Progressive enhancement of the place filters: results, count and map follow every change
   without a page load. Without JavaScript the form is an ordinary GET form. */
(function () {
  "use strict";

  var form = document.querySelector("[data-live-filter]");
  if (!form || !window.fetch || !window.URLSearchParams) return;
  var REGIONS = [
    "filter-errors",
    "result-count",
    "result-precision",
    "result-notices",
    "places-list",
    "places-pages",
  ];
  var pending = null;
  var timer = null;

  function query() {
    var clean = new URLSearchParams();
    new URLSearchParams(new FormData(form)).forEach(function (value, key) {
      if (value !== "") clean.append(key, value);
    });
    return clean.toString();
  }

  function mapApi() {
    var element = document.getElementById(form.dataset.mapId);
    return element && element.ontmoetingMap;
  }

  function update() {
    var q = query();
    var url = form.action + (q ? "?" + q : "");
    if (pending) pending.abort();
    pending = new AbortController();
    fetch(url, { signal: pending.signal, headers: { "X-Requested-With": "fetch" } })
      .then(function (response) { return response.text(); })
      .then(function (html) {
        var fresh = new DOMParser().parseFromString(html, "text/html");
        REGIONS.forEach(function (id) {
          var current = document.getElementById(id);
          var next = fresh.getElementById(id);
          if (current && next) current.innerHTML = next.innerHTML;
        });
        addMapButtons();
        history.replaceState(null, "", url);
        var map = mapApi();
        if (map) map.reload(form.dataset.geojsonUrl + (q ? "?" + q : ""));
      })
      .catch(function (error) { if (error.name !== "AbortError") form.submit(); });
  }

  function later(delay) {
    clearTimeout(timer);
    timer = setTimeout(update, delay);
  }

  form.addEventListener("submit", function (event) { event.preventDefault(); update(); });
  form.addEventListener("change", function (event) {
    if (event.target.type !== "search" && event.target.type !== "text") later(0);
  });
  form.addEventListener("input", function (event) {
    if (event.target.type === "search") later(400);
  });

  /* "Show on map" for every listed place that is on the map: list and map stay one. */
  function addMapButtons() {
    var map = mapApi();
    if (!map) return;
    document.querySelectorAll("#places-list [data-lat]").forEach(function (item) {
      if (item.querySelector("[data-show-on-map]")) return;
      var button = document.createElement("button");
      button.type = "button";
      button.className = "link-button";
      button.dataset.showOnMap = item.dataset.place;
      button.textContent = form.dataset.showOnMapText;
      button.addEventListener("click", function () { mapApi().focusPlace(item.dataset.place); });
      item.querySelector("div").appendChild(button);
    });
  }
  addMapButtons();

  /* "Use my location": the browser's position goes only to our own server, as lat/lon. */
  var locate = form.querySelector("[data-use-location]");
  if (locate && navigator.geolocation) {
    locate.hidden = false;
    locate.addEventListener("click", function () {
      var status = document.getElementById("result-notices");
      navigator.geolocation.getCurrentPosition(
        function (position) {
          form.elements.lat.value = position.coords.latitude.toFixed(5);
          form.elements.lon.value = position.coords.longitude.toFixed(5);
          form.elements.postcode.value = "";
          update();
        },
        function () { if (status) status.textContent = locate.dataset.errorText; },
        { timeout: 10000, maximumAge: 60000 }
      );
    });
  }
})();
