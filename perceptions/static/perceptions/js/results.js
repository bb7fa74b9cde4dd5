// Results dashboard: draws charts and the ward map next to their tables.
// Data comes from a same-origin JSON URL (data-chart-url); no inline script or style.
(function () {
  "use strict";
  var root = document.getElementById("perceptions-dashboard");
  if (!root || !window.fetch) { return; }

  var BLUE = "#1d70b8", DARK = "#0b0c0c", ORANGE = "#f47738", GREEN = "#00703c", GREY = "#b1b4b6";

  function canvasFor(container) {
    var canvas = document.createElement("canvas");
    canvas.setAttribute("role", "img");
    canvas.setAttribute("aria-label", container.getAttribute("data-label") || "");
    container.appendChild(canvas);
    container.classList.add("is-drawn");
    return canvas;
  }

  function pct(value) { return value === null || value === undefined ? null : Math.round(value * 1000) / 10; }
  function pctAll(values) { return values.map(pct); }

  var percentAxis = { min: 0, max: 100, ticks: { callback: function (v) { return v + "%"; } } };

  function trendChart(container, series, labels) {
    if (!series) { return; }
    new window.Chart(canvasFor(container), {
      type: "line",
      data: {
        labels: series.labels,
        datasets: [
          { label: labels.interval, data: pctAll(series.ci_high), borderColor: GREY, borderDash: [4, 4],
            pointRadius: 0, fill: "+1", backgroundColor: "rgba(29, 112, 184, 0.12)" },
          { label: labels.interval, data: pctAll(series.ci_low), borderColor: GREY, borderDash: [4, 4],
            pointRadius: 0, fill: false },
          { label: labels.estimate, data: pctAll(series.estimate), borderColor: BLUE, backgroundColor: BLUE,
            // Markers only where the change from the previous year is real (significant).
            pointRadius: series.significant.map(function (s) { return s ? 7 : 0; }),
            pointStyle: "rectRot", pointBackgroundColor: ORANGE, spanGaps: false }
        ]
      },
      options: {
        maintainAspectRatio: false, animation: false,
        scales: { y: percentAxis },
        plugins: {
          legend: { labels: { filter: function (item, data) { return item.datasetIndex !== 1; } } },
          tooltip: { callbacks: { afterLabel: function (ctx) {
            return ctx.datasetIndex === 2 && series.significant[ctx.dataIndex] ? labels.significant : "";
          } } }
        }
      }
    });
  }

  function benchmarkChart(container, data, labels) {
    if (!data.labels.length) { return; }
    new window.Chart(canvasFor(container), {
      type: "line",
      data: {
        labels: data.labels,
        datasets: [
          { label: labels.estimate, data: pctAll(data.survey), borderColor: BLUE, backgroundColor: BLUE, spanGaps: true },
          { label: labels.borough, data: pctAll(data.borough), borderColor: ORANGE, backgroundColor: ORANGE, borderDash: [6, 3] },
          { label: labels.london, data: pctAll(data.london), borderColor: DARK, backgroundColor: DARK, borderDash: [2, 2] }
        ]
      },
      options: { maintainAspectRatio: false, animation: false, scales: { y: percentAxis } }
    });
  }

  function fearChart(container, data, labels) {
    var points = data.points;
    if (!points.length) { return; }
    var withX = points.filter(function (p) { return p.x !== null; });
    if (!withX.length) {
      // No crime or report data yet: the share feeling unsafe per ward, with the median.
      container.classList.add("is-tall");
      new window.Chart(canvasFor(container), {
        type: "bar",
        data: { labels: points.map(function (p) { return p.name; }),
                datasets: [{ label: labels.unsafe, data: points.map(function (p) { return pct(p.y); }), backgroundColor: BLUE }] },
        options: { maintainAspectRatio: false, animation: false, indexAxis: "y",
                   scales: { x: percentAxis, y: { ticks: { autoSkip: false } } } }
      });
      return;
    }
    var xs = withX.map(function (p) { return p.x; });
    var xMax = Math.max.apply(null, xs) * 1.1 || 1;
    var datasets = [{
      label: labels.unsafe, backgroundColor: BLUE, pointRadius: 5,
      data: withX.map(function (p) { return { x: p.x, y: pct(p.y), name: p.name }; })
    }];
    if (data.fear_threshold !== null) {
      datasets.push({ type: "line", label: labels.median, borderColor: DARK, borderDash: [4, 4], pointRadius: 0,
        data: [{ x: 0, y: pct(data.fear_threshold) }, { x: xMax, y: pct(data.fear_threshold) }] });
    }
    if (data.x_threshold !== null) {
      datasets.push({ type: "line", label: labels.median, borderColor: GREEN, borderDash: [4, 4], pointRadius: 0,
        data: [{ x: data.x_threshold, y: 0 }, { x: data.x_threshold, y: 100 }] });
    }
    new window.Chart(canvasFor(container), {
      type: "scatter",
      data: { datasets: datasets },
      options: {
        maintainAspectRatio: false, animation: false,
        scales: { y: Object.assign({ title: { display: true, text: labels.unsafe } }, percentAxis),
                  x: { min: 0, max: xMax, title: { display: true, text: data.x_label } } },
        plugins: { tooltip: { callbacks: { label: function (ctx) {
          var raw = ctx.raw; return (raw.name ? raw.name + ": " : "") + raw.y + "%, " + Math.round(raw.x * 10) / 10;
        } } } }
      }
    });
  }

  var STEPS = ["#deebf7", "#9ecae1", "#4292c6", "#2171b5", "#08306b"];

  // Five equal bands between the lowest and highest shown ward; grey = suppressed.
  function shader(geojson) {
    var values = geojson.features.map(function (f) { return f.properties.estimate; })
      .filter(function (v) { return v !== null && v !== undefined; });
    var low = Math.min.apply(null, values), high = Math.max.apply(null, values);
    var span = high - low || 1;
    return {
      low: low, high: high,
      colour: function (value) {
        if (value === null || value === undefined) { return GREY; }
        return STEPS[Math.min(STEPS.length - 1, Math.floor((value - low) / span * STEPS.length))];
      }
    };
  }

  function legend(map, scale, labels) {
    var control = window.L.control({ position: "bottomright" });
    control.onAdd = function () {
      var box = window.L.DomUtil.create("div", "perceptions-map__label");
      box.textContent = labels.lighter + " " + pct(scale.low) + "% – " + labels.darker + " " +
        pct(scale.high) + "%. " + labels.grey;
      return box;
    };
    control.addTo(map);
  }

  // The shared ward map (js/ward-map.js) over the payload's wards, shaded by estimate.
  function wardMap(container, geojson, labels) {
    if (!window.L || !window.WardMap || !geojson.features.length) { return; }
    var scale = shader(geojson);
    container.classList.add("is-drawn");
    container.setAttribute("role", "region");
    container.setAttribute("aria-label", container.getAttribute("data-label") || "");
    window.WardMap.draw(container, {
      wards: geojson,
      style: function (feature) {
        return { color: DARK, weight: 1, fillOpacity: 0.8, fillColor: scale.colour(feature.properties.estimate) };
      },
      // Suppressed wards are grey and say why; others show their share.
      tooltip: function (properties) { return properties.name + ": " + properties.label; },
      tooltipOptions: { className: "perceptions-map__label" }
    }).then(function (drawn) {
      if (isFinite(scale.low)) { legend(drawn.map, scale, labels); }
    });
  }

  function draw(payload) {
    var labels = payload.labels;
    root.querySelectorAll("[data-chart]").forEach(function (container) {
      var kind = container.getAttribute("data-chart");
      if (kind === "trend") { trendChart(container, payload.trend, labels); }
      if (kind === "ward_trend") { trendChart(container, payload.ward_trend, labels); }
      if (kind === "benchmarks") { benchmarkChart(container, payload.benchmarks, labels); }
      if (kind === "fear_gap") { fearChart(container, payload.fear_gap, labels); }
    });
    var map = root.querySelector("[data-map]");
    if (map) { wardMap(map, payload.map, labels); }
  }

  if (!window.Chart) { return; }
  fetch(root.getAttribute("data-chart-url"), { credentials: "same-origin" })
    .then(function (response) { return response.ok ? response.json() : null; })
    .then(function (payload) { if (payload) { draw(payload); } })
    .catch(function () { /* the tables already show every figure */ });
})();
