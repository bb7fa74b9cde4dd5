// Ward choropleth for the recorded crime page: the shared ward map (js/ward-map.js) over
// same-origin GeoJSON that carries each ward's rate, with no tiles. The table on the page
// holds the same figures.
(function () {
  "use strict";
  var element = document.getElementById("crime-map");
  if (!element || typeof L === "undefined" || !window.WardMap) { return; }
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

  WardMap.draw(element, {
    wards: element.getAttribute("data-geojson-url"),
    style: style,
    tooltip: label,
    tooltipOptions: {}
  })
    .then(function () { element.setAttribute("data-loaded", "true"); })
    .catch(function () {
      element.textContent = element.getAttribute("data-failed-text");
    });
})();
