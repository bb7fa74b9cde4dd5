// Ward choropleth for the recorded crime page: fetches same-origin GeoJSON, draws
// our own boundaries with no tiles. The table on the page holds the same figures.
(function () {
  "use strict";
  var element = document.getElementById("crime-map");
  if (!element || typeof L === "undefined") { return; }
  var colours = { 1: "#b3261e", 2: "#e07b00", 3: "#f2c500", 4: "#2e7d32" };

  function style(feature) {
    var quarter = feature.properties.quarter;
    return {
      color: "#0b0c0c", weight: 1, fillOpacity: quarter ? 0.6 : 0.1,
      fillColor: quarter ? colours[quarter] : "#ffffff"
    };
  }

  function label(properties) {
    var rank = properties.rank ? properties.rank + " (" + properties.quarter_text + ")" : properties.quarter_text;
    return properties.name + ": " + properties.rate_text + " per 1,000 residents, " + rank;
  }

  fetch(element.getAttribute("data-geojson-url"), { credentials: "same-origin" })
    .then(function (response) {
      if (!response.ok) { throw new Error("map data " + response.status); }
      return response.json();
    })
    .then(function (data) {
      var map = L.map(element, { attributionControl: false, scrollWheelZoom: false });
      var layer = L.geoJSON(data, {
        style: style,
        onEachFeature: function (feature, shape) { shape.bindTooltip(label(feature.properties)); }
      }).addTo(map);
      if (layer.getLayers().length) { map.fitBounds(layer.getBounds()); }
      element.setAttribute("data-loaded", "true");
    })
    .catch(function () {
      element.textContent = "The map could not be loaded; the table below has the same figures.";
    });
})();
