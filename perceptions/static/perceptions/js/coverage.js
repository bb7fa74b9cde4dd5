// Who we have heard from: bar charts drawn from the tables beside them (same numbers,
// no separate JSON, no inline script). Each row carries data-label/-sample/-population.
(function () {
  "use strict";
  var root = document.getElementById("perceptions-coverage");
  if (!root || !window.Chart) { return; }
  var BLUE = "#1d70b8", GREY = "#505a5f";

  root.querySelectorAll("[data-coverage-table]").forEach(function (table) {
    var container = root.querySelector('[data-chart="' + table.getAttribute("data-coverage-table") + '"]');
    if (!container) { return; }
    var rows = Array.prototype.slice.call(table.querySelectorAll("tbody tr"));
    if (!rows.length || rows.length > 30) { return; }  // 100 ward × age cells: the table alone
    var labels = rows.map(function (r) { return r.getAttribute("data-label"); });
    function pct(name) {
      return rows.map(function (r) { return Math.round(parseFloat(r.getAttribute(name)) * 1000) / 10; });
    }
    var canvas = document.createElement("canvas");
    canvas.setAttribute("role", "img");
    canvas.setAttribute("aria-label", container.getAttribute("data-label") || "");
    container.appendChild(canvas);
    container.classList.add("is-drawn");
    if (rows.length > 8) { container.classList.add("is-tall"); }
    var headers = table.querySelectorAll("thead th");
    new window.Chart(canvas, {
      type: "bar",
      data: {
        labels: labels,
        datasets: [
          { label: headers[2].textContent, data: pct("data-sample"), backgroundColor: BLUE },
          { label: headers[4].textContent, data: pct("data-population"), backgroundColor: GREY }
        ]
      },
      options: {
        indexAxis: rows.length > 8 ? "y" : "x",
        maintainAspectRatio: false, animation: false,
        scales: { x: { ticks: { autoSkip: false } }, y: { ticks: { autoSkip: false } } }
      }
    });
  });
})();
