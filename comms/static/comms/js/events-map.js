// Events map: the shared ward map (js/ward-map.js, no tiles) with the chosen ward picked
// out and a pin per event in the list. Progressive enhancement: the list beside it has
// everything the map shows.
(function () {
  "use strict";
  var container = document.getElementById("events-map");
  if (!container || typeof L === "undefined" || !window.WardMap) { return; }
  var items = document.querySelectorAll("#event-list [data-lat]");
  container.hidden = false;
  var note = document.querySelector(".cs-map-note");
  if (note) { note.hidden = false; }
  var selectedWard = container.getAttribute("data-ward");
  var drawn = WardMap.draw(container, {
    wards: container.getAttribute("data-boundaries-url"),
    style: function (feature) {
      var selected = feature.properties.code === selectedWard;
      return { color: "#1d70b8", weight: selected ? 3 : 1, fillOpacity: selected ? 0.2 : 0.05 };
    },
    tooltipOptions: {}
  });
  drawn.then(function (result) {
    items.forEach(function (item) {
      var lat = parseFloat(item.getAttribute("data-lat"));
      var lng = parseFloat(item.getAttribute("data-lng"));
      if (isNaN(lat) || isNaN(lng)) { return; }
      var link = document.createElement("a");
      link.href = item.getAttribute("data-url");
      link.textContent = item.getAttribute("data-title");
      L.circleMarker([lat, lng], { radius: 8, color: "#0b0c0c", fillColor: "#ffdd00", fillOpacity: 1 })
        .bindPopup(link)
        .addTo(result.map);
    });
  }).catch(function () { /* the list still shows every event */ });
})();
