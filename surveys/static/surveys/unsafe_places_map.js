// Maps for unsafe-place pages. Progressive enhancement: without this script (or without
// Leaflet) residents name the place and choose the ward, and the tables carry every figure.
(function () {
  "use strict";

  // The shared setup (communitysafety/static/js/ward-map.js): our ward outlines, the tiles
  // if the site has any, and the view fitted to the borough.
  function baseMap(panel, element) {
    panel.hidden = false;
    return WardMap.draw(element, {
      wards: panel.dataset.wardsUrl,
      tileUrl: panel.dataset.tileUrl,
      map: { zoomSnap: 0.25, scrollWheelZoom: true },
    });
  }

  function reportMap(panel) {
    var latInput = document.getElementById("id_latitude");
    var lngInput = document.getElementById("id_longitude");
    var status = document.getElementById("pin-status");
    var removeButton = panel.querySelector("[data-remove-pin]");
    var marker = null;

    function place(latlng, map) {
      var lat = latlng.lat.toFixed(5);
      var lng = latlng.lng.toFixed(5);
      if (marker) { marker.setLatLng(latlng); } else { marker = L.marker(latlng, { keyboard: false }).addTo(map); }
      latInput.value = lat;
      lngInput.value = lng;
      status.textContent = panel.dataset.pinDroppedText;
      removeButton.hidden = false;
    }

    baseMap(panel, document.getElementById("report-map")).then(function (drawn) {
      var map = drawn.map;
      map.on("click", function (event) { place(event.latlng, map); });
      drawn.wards.eachLayer(function (layer) {
        layer.on("click", function (event) { place(event.latlng, map); });
      });
      if (latInput.value && lngInput.value) {
        place(L.latLng(parseFloat(latInput.value), parseFloat(lngInput.value)), map);
      }
      removeButton.addEventListener("click", function () {
        if (marker) { map.removeLayer(marker); marker = null; }
        latInput.value = "";
        lngInput.value = "";
        status.textContent = panel.dataset.pinRemovedText;
        removeButton.hidden = true;
      });
      panel.dataset.ready = "true";
    });
  }

  function publicMap(panel) {
    baseMap(panel, document.getElementById("public-map")).then(function (drawn) {
      var map = drawn.map;
      return fetch(panel.dataset.summaryUrl, { credentials: "omit" })
        .then(function (response) { return response.json(); })
        .then(function (summary) {
          L.geoJSON(summary.grid, {
            style: function (feature) {
              var count = feature.properties.count;
              var strength = count === null ? 0.25 : Math.min(0.85, 0.3 + count / 30);
              return { color: "#d4351c", weight: 1, fillColor: "#d4351c", fillOpacity: strength };
            },
            onEachFeature: function (feature, layer) {
              layer.bindTooltip(feature.properties.display + " reports");
            },
          }).addTo(map);
          panel.dataset.ready = "true";
        });
    });
  }

  function start() {
    if (typeof L === "undefined" || !window.WardMap || !window.fetch) { return; }
    var report = document.querySelector("[data-unsafe-report-map]");
    if (report) { reportMap(report); }
    var map = document.querySelector("[data-unsafe-public-map]");
    if (map) { publicMap(map); }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
