// The customer page's chart: quantity (bars) and amount (line) of the last 12 months, a picture of the table
// beside it. The data comes from the page's json_script element; without Chart.js the table still says everything.
(function () {
  "use strict";
  var canvas = document.getElementById("month-chart");
  var source = document.getElementById("month-chart-data");
  if (!canvas || !source || typeof window.Chart === "undefined") {
    return;
  }
  var data = JSON.parse(source.textContent);
  new window.Chart(canvas, {
    data: {
      labels: data.labels,
      datasets: [
        { type: "bar", label: data.qty_label, data: data.qty, yAxisID: "qty" },
        { type: "line", label: data.amount_label, data: data.amount, yAxisID: "amount", tension: 0.2 },
      ],
    },
    options: {
      maintainAspectRatio: false,
      interaction: { mode: "index", intersect: false },
      scales: {
        qty: { type: "linear", position: "left", beginAtZero: true },
        amount: { type: "linear", position: "right", beginAtZero: true, grid: { drawOnChartArea: false } },
      },
    },
  });
})();
