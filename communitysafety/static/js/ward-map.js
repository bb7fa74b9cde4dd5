// The one Leaflet map setup every map on the site shares: our own ward boundaries (the
// configured borough's, from its GeoJSON), optional tiles, and the first view fitted to
// those boundaries, so no page carries a borough's coordinates. Each feature's script adds
// only its own behaviour (pins, shading, legends). Progressive enhancement: every page that
// draws a map also shows its figures without one.
//
//   WardMap.draw(element, {
//     wards: url or GeoJSON object,           // the borough's ward boundaries (required)
//     tileUrl: "",                            // optional tile layer; none: outlines only
//     style: {...} or function (feature),     // ward outline style
//     tooltip: function (properties),         // tooltip text (default: the ward's name)
//     tooltipOptions: {...}, map: {...}       // passed to Leaflet as they are
//   }) -> Promise of { map: L.Map, wards: L.GeoJSON }
(function () {
  "use strict";

  var OUTLINE = { color: "#1d70b8", weight: 2, fillColor: "#ffffff", fillOpacity: 0.4 };

  function boundaries(wards) {
    if (typeof wards !== "string") { return Promise.resolve(wards); }
    return fetch(wards, { credentials: "same-origin" }).then(function (response) {
      if (!response.ok) { throw new Error("ward boundaries " + response.status); }
      return response.json();
    });
  }

  function draw(element, options) {
    var tileUrl = options.tileUrl || "";
    var map = L.map(element, Object.assign(
      { scrollWheelZoom: false, attributionControl: !!tileUrl }, options.map || {}
    ));
    if (tileUrl) { L.tileLayer(tileUrl, { maxZoom: 19 }).addTo(map); }
    var tooltip = options.tooltip || function (properties) { return properties.name; };
    return boundaries(options.wards).then(function (geojson) {
      var wards = L.geoJSON(geojson, {
        style: options.style || OUTLINE,
        onEachFeature: function (feature, shape) {
          shape.bindTooltip(tooltip(feature.properties), options.tooltipOptions || { sticky: true });
        },
      }).addTo(map);
      if (wards.getLayers().length) { map.fitBounds(wards.getBounds()); }
      return { map: map, wards: wards };
    });
  }

  window.WardMap = { draw: draw };
})();
