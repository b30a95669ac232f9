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

  function line(box, text) {
    if (!text) return null;
    var element = document.createElement("div");
    element.textContent = text;
    box.appendChild(element);
    return element;
  }

  /* A popup: the name (a link to the place) and its kind at once; the place's state now
     comes with the feature on small maps, or from the place's popup URL when it opens (the
     big map's data holds only what it draws). */
  function popup(element, id, properties) {
    var box = document.createElement("div");
    var link = document.createElement("a");
    link.href = properties.url || (element.dataset.placeUrl || "").replace("__slug__", id);
    link.textContent = properties.name;
    var title = document.createElement("strong");
    title.appendChild(link);
    box.appendChild(title);
    line(box, properties.kind_label);
    if (properties.state !== undefined) {
      line(box, properties.state);
    } else if (element.dataset.popupUrl && id) {
      var pending = line(box, element.dataset.loadingText || "…");
      fetch(element.dataset.popupUrl.replace("__slug__", id), { headers: { Accept: "application/json" } })
        .then(function (response) { return response.ok ? response.json() : null; })
        .then(function (details) {
          pending.textContent = details ? [details.cluster, details.state].filter(Boolean).join(" · ") : "";
        })
        .catch(function () { pending.textContent = ""; });
    }
    return box;
  }

  /* Clusters of markers: a button with the number of places it stands for, and a name that
     says so. Enter (or a click) zooms in on them, and Leaflet.markercluster gives the focus
     back to the map, from where Tab goes on to the markers now shown. */
  function clusterIcon(element) {
    var ClusterIcon = L.DivIcon.extend({
      createIcon: function (old) {
        var icon = L.DivIcon.prototype.createIcon.call(this, old);
        icon.setAttribute("aria-label", this.options.label);
        return icon;
      },
    });
    var template = element.dataset.clusterLabel || "%(count)s";
    return function (cluster) {
      var count = cluster.getChildCount();
      var size = count < 10 ? "small" : count < 100 ? "medium" : "large";
      var span = document.createElement("span");
      span.textContent = String(count);
      return new ClusterIcon({
        html: span,
        className: "marker-cluster marker-cluster-" + size,
        iconSize: L.point(40, 40),
        label: template.replace("%(count)s", String(count)),
      });
    };
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

  /* View picker (data-picker with data-zoom-input): the map's centre and zoom level are
     the values, for the site's settings. Moving or zooming the map (mouse, touch, or the
     keyboard: arrows and + / -) writes them into the inputs; typing in them moves the map. */
  function initViewPicker(element, map) {
    var latInput = document.getElementById(element.dataset.latitudeInput);
    var lonInput = document.getElementById(element.dataset.longitudeInput);
    var zoomInput = document.getElementById(element.dataset.zoomInput);
    if (!latInput || !lonInput || !zoomInput) return;
    element.classList.add("map--view-picker");
    var moving = false;

    function typedView() {
      var point = readPoint(latInput, lonInput);
      var zoom = parseInt(zoomInput.value, 10);
      return { point: point, zoom: isFinite(zoom) && zoom >= 1 && zoom <= 19 ? zoom : null };
    }

    function follow() {
      var view = typedView();
      if (!view.point && view.zoom === null) return;
      moving = true;
      map.setView(view.point || map.getCenter(), view.zoom === null ? map.getZoom() : view.zoom, {
        animate: false,
      });
      moving = false;
    }

    map.on("moveend", function () {
      if (moving) return;
      var centre = map.getCenter();
      latInput.value = centre.lat.toFixed(6);
      lonInput.value = centre.lng.toFixed(6);
      zoomInput.value = String(map.getZoom());
    });
    [latInput, lonInput, zoomInput].forEach(function (input) {
      input.addEventListener("change", follow);
    });
    follow();
    element.ontmoetingMap = { map: map };
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
    if (picker && element.dataset.zoomInput) {
      initViewPicker(element, map);
      return;
    }
    if (picker) {
      initPicker(element, map, kinds.fallback);
      return;
    }
    var markers = {};
    // Clustered, and added in slices of 5 ms: thousands of markers at once would keep the
    // page from answering for a second or more on a phone (whose CPU Lighthouse takes to
    // be four times slower: a slice must stay well under its 50 ms "long task").
    var layer = (L.markerClusterGroup
      ? L.markerClusterGroup({
          chunkedLoading: true,
          chunkInterval: 5,
          chunkDelay: 10,
          showCoverageOnHover: false,
          disableClusteringAtZoom: 16,
          iconCreateFunction: clusterIcon(element),
        })
      : L.featureGroup()
    ).addTo(map);

    function marker(feature) {
      var p = feature.properties || {};
      var c = feature.geometry && feature.geometry.coordinates;
      if (!c) return null;
      // The big map's data may leave the label out: the page's kinds have it.
      var label = kinds.labels[p.kind] || p.kind_label;
      var item = L.marker([c[1], c[0]], {
        icon: kinds.icons[p.kind] || kinds.fallback,
        title: p.name,
        alt: label ? p.name + " (" + label + ")" : p.name,
        keyboard: true,
      });
      item.ontmoetingFeature = feature;
      if (feature.id) markers[feature.id] = item;
      return item;
    }

    // The popup is made when it is first opened, not for every marker up front; one
    // handler on the layer, not a function per marker (5,000 of them kept the phone busy).
    function openPopup(item) {
      if (!item.getPopup()) {
        var feature = item.ontmoetingFeature;
        item.bindPopup(popup(element, feature.id, feature.properties || {}));
      }
      item.openPopup();
    }
    layer.on("click", function (event) {
      // Only the first click: from then on the marker's own popup opens and closes it.
      var item = event.layer;
      if (item && item.ontmoetingFeature && !item.getPopup()) openPopup(item);
    });

    // The markers are made in slices as well, each a short task: Lighthouse counts time on
    // a phone's CPU (four times slower), where making 5,000 markers at once blocked the
    // page for over a second. A newer show() stops the slices of an older one.
    var MARKERS_PER_SLICE = 100;
    var shown = 0;

    function show(data) {
      layer.clearLayers();
      markers = {};
      var features = ((data && data.features) || []).filter(function (feature) {
        return feature.geometry && feature.geometry.coordinates;
      });
      if (!features.length) return;
      var bounds = L.latLngBounds(features.map(function (feature) {
        var c = feature.geometry.coordinates;
        return [c[1], c[0]];
      }));
      map.fitBounds(bounds, { padding: [24, 24], maxZoom: 16 });
      var generation = ++shown;
      var items = [];
      (function slice() {
        if (generation !== shown) return;
        var stop = Math.min(items.length + MARKERS_PER_SLICE, features.length);
        while (items.length < stop) items.push(marker(features[items.length]));
        if (items.length < features.length) {
          setTimeout(slice, 0);
        } else if (layer.addLayers) {
          layer.addLayers(items); // itself in slices (chunkedLoading)
        } else {
          items.forEach(function (item) { layer.addLayer(item); });
        }
      })();
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
        var item = markers[id];
        if (!item) return false;
        element.scrollIntoView({ block: "nearest" });
        if (layer.zoomToShowLayer) {
          layer.zoomToShowLayer(item, function () { openPopup(item); });
        } else {
          map.setView(item.getLatLng(), Math.max(map.getZoom(), 15));
          openPopup(item);
        }
        return true;
      },
    };
    readFeatures(element).then(show).catch(function () { element.classList.add("map--no-data"); });
  }

  function start() { document.querySelectorAll("[data-map]").forEach(init); }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
