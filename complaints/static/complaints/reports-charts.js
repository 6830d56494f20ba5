/* Draws a chart above each table marked data-chart, from the table's own cells.
   The table stays the accessible, JavaScript-free version; the chart is decoration
   (aria-hidden). Chart.js is served by the portal (static/complaints/vendor/chartjs). */
(function () {
  "use strict";
  function draw(table) {
    var series = (table.getAttribute("data-chart-series") || "1").split(",").map(Number);
    var colors = (table.getAttribute("data-chart-colors") || "#007d7e").split(",");
    var headers = Array.prototype.map.call(table.tHead.rows[0].cells, function (c) { return c.textContent.trim(); });
    var rows = Array.prototype.filter.call(table.tBodies[0].rows, function (r) { return r.cells.length > 1 && r.querySelector("[data-value]"); });
    if (!rows.length) { return; }
    var labels = rows.map(function (r) { return r.cells[0].textContent.trim(); });
    var datasets = series.map(function (col, i) {
      return {
        label: headers[col],
        backgroundColor: colors[i % colors.length],
        data: rows.map(function (r) { return Number(r.cells[col].getAttribute("data-value")) || 0; })
      };
    });
    var box = document.createElement("div");
    box.className = "cw-chart";
    box.setAttribute("aria-hidden", "true");
    var canvas = document.createElement("canvas");
    box.appendChild(canvas);
    table.parentNode.insertBefore(box, table);
    var max = table.getAttribute("data-chart-max");
    new window.Chart(canvas, {
      type: "bar",
      data: { labels: labels, datasets: datasets },
      options: {
        maintainAspectRatio: false,
        animation: false,
        scales: { y: { beginAtZero: true, max: max ? Number(max) : undefined, ticks: { precision: 0 } } },
        plugins: { legend: { display: series.length > 1 } }
      }
    });
  }
  function init() {
    if (!window.Chart) { return; }
    document.querySelectorAll("table[data-chart]").forEach(draw);
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", init); } else { init(); }
})();
