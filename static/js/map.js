/* The map component: reads data- attributes written by templates/includes/map.html.
   No inline script, no third-party request other than the configured tiles. */
(function () {
  "use strict";

  function markerIcon(url) {
    return L.icon({ iconUrl: url, iconSize: [32, 40], iconAnchor: [16, 38], popupAnchor: [0, -34] });
  }

  /* The kinds of places are the municipality's data: the page lists them (slug, label,
     icon URL) in a json_script; a kind it does not list gets the default icon. */
  function readKinds(element) {
    var source = element.dataset.kindsId && document.getElementById(element.dataset.kindsId);
    var kinds = source ? JSON.parse(source.textContent) : [];
    var result = { icons: {}, labels: {}, fallback: markerIcon(element.dataset.iconDefault) };
    kinds.forEach(function (kind) {
      result.icons[kind.slug] = markerIcon(kind.icon);
      result.labels[kind.slug] = kind.label;
    });
    return result;
  }

  function popup(properties) {
    var box = document.createElement("div");
    var link = document.createElement("a");
    link.href = properties.url;
    link.textContent = properties.name;
    var title = document.createElement("strong");
    title.appendChild(link);
    box.appendChild(title);
    [properties.kind_label, properties.state].forEach(function (text) {
      if (!text) return;
      var line = document.createElement("div");
      line.textContent = text;
      box.appendChild(line);
    });
    return box;
  }

  function readFeatures(element) {
    var id = element.dataset.featuresId;
    if (id) {
      var source = document.getElementById(id);
      return Promise.resolve(source ? JSON.parse(source.textContent) : null);
    }
    if (!element.dataset.geojsonUrl) return Promise.resolve(null);
    return fetch(element.dataset.geojsonUrl, { headers: { Accept: "application/geo+json" } }).then(
      function (response) { return response.ok ? response.json() : null; }
    );
  }

  /* Picker mode (data-picker): one draggable marker bound to a latitude and a longitude
     input. The inputs stay the accessible way in; the map only fills them (6 decimals). */
  function readPoint(latInput, lonInput) {
    var lat = parseFloat(String(latInput.value).replace(",", "."));
    var lon = parseFloat(String(lonInput.value).replace(",", "."));
    if (!isFinite(lat) || !isFinite(lon) || Math.abs(lat) > 90 || Math.abs(lon) > 180) return null;
    return L.latLng(lat, lon);
  }

  function initPicker(element, map, icon) {
    var latInput = document.getElementById(element.dataset.latitudeInput);
    var lonInput = document.getElementById(element.dataset.longitudeInput);
    if (!latInput || !lonInput) return;
    var label = element.dataset.markerLabel || "";
    var marker = null;

    function write(latlng) {
      latInput.value = latlng.lat.toFixed(6);
      lonInput.value = latlng.lng.toFixed(6);
    }

    function place(latlng, pan) {
      if (!marker) {
        marker = L.marker(latlng, { icon: icon, draggable: true, keyboard: true, title: label, alt: label }).addTo(map);
        marker.on("dragend", function () { write(marker.getLatLng()); });
      } else {
        marker.setLatLng(latlng);
      }
      if (pan) map.setView(latlng, Math.max(map.getZoom(), 16));
    }

    map.on("click", function (event) {
      place(event.latlng, false);
      write(event.latlng);
    });
    // Typed coordinates, or coordinates filled in by another script (which sends "change").
    [latInput, lonInput].forEach(function (input) {
      input.addEventListener("change", function () {
        var point = readPoint(latInput, lonInput);
        if (point) place(point, true);
      });
    });
    var start = readPoint(latInput, lonInput);
    if (start) place(start, true);
    element.ontmoetingMap = { map: map, place: place };
  }

  function init(element) {
    if (!window.L) return;
    var picker = element.dataset.picker !== undefined;
    var figure = element.closest("figure");
    // A picker is hidden until now: without this script it would be an empty box.
    if (picker && figure) figure.hidden = false;
    var center = (element.dataset.center || "52.1,5.3").split(",").map(Number);
    var map = L.map(element, { scrollWheelZoom: false }).setView(center, Number(element.dataset.zoom || 12));
    var tiles = L.tileLayer(element.dataset.tilesUrl, {
      attribution: element.dataset.tilesAttribution,
      maxZoom: Number(element.dataset.tilesMaxZoom || 19),
    }).addTo(map);
    tiles.once("tileerror", function () { element.classList.add("map--no-tiles"); });

    var kinds = readKinds(element);
    if (picker) {
      initPicker(element, map, kinds.fallback);
      return;
    }
    var markers = {};
    var layer = L.geoJSON(null, {
      pointToLayer: function (feature, latlng) {
        var p = feature.properties;
        var label = kinds.labels[p.kind] || p.kind_label;
        return L.marker(latlng, {
          icon: kinds.icons[p.kind] || kinds.fallback,
          title: p.name,
          alt: label ? p.name + " (" + label + ")" : p.name,
          keyboard: true,
        });
      },
      onEachFeature: function (feature, marker) {
        marker.bindPopup(popup(feature.properties));
        if (feature.id) markers[feature.id] = marker;
      },
    }).addTo(map);

    function show(data) {
      layer.clearLayers();
      markers = {};
      if (!data || !data.features || !data.features.length) return;
      layer.addData(data);
      map.fitBounds(layer.getBounds(), { padding: [24, 24], maxZoom: 16 });
    }

    /* Optional layers the visitor may switch on (cluster areas, neighbourhood boundaries). */
    var overlaySource = element.dataset.overlaysId && document.getElementById(element.dataset.overlaysId);
    if (overlaySource) {
      var control = L.control.layers(null, null, { collapsed: false }).addTo(map);
      JSON.parse(overlaySource.textContent).forEach(function (overlay) {
        fetch(overlay.url, { headers: { Accept: "application/geo+json" } })
          .then(function (response) { return response.ok ? response.json() : null; })
          .then(function (data) {
            if (!data || !data.features || !data.features.length) return;
            var layer = L.geoJSON(data, {
              interactive: false,
              attribution: overlay.attribution,
              style: { color: "#154273", weight: 2, fillOpacity: 0.05, dashArray: "4 4" },
            });
            control.addOverlay(layer, overlay.name);
          })
          .catch(function () {});
      });
    }

    element.ontmoetingMap = {
      map: map,
      show: show,
      reload: function (url) {
        element.dataset.geojsonUrl = url;
        return readFeatures(element).then(show);
      },
      focusPlace: function (id) {
        var marker = markers[id];
        if (!marker) return false;
        map.setView(marker.getLatLng(), Math.max(map.getZoom(), 15));
        marker.openPopup();
        element.scrollIntoView({ block: "nearest" });
        return true;
      },
    };
    readFeatures(element).then(show).catch(function () { element.classList.add("map--no-data"); });
  }

  function start() { document.querySelectorAll("[data-map]").forEach(init); }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
