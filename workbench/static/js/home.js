// The home page's bar chart: volumes in cases (箱) of the same month last year, last month and this month so far.
(function () {
  "use strict";
  var canvas = document.getElementById("home-volume-chart");
  var source = document.getElementById("home-chart-data");
  if (!canvas || !source || typeof window.Chart === "undefined") {
    return;
  }
  var data = JSON.parse(source.textContent);
  new window.Chart(canvas, {
    type: "bar",
    data: {
      labels: data.labels,
      datasets: [{ label: data.label, data: data.cases, backgroundColor: ["#9fb3c8", "#9fb3c8", "#0b6e4f"] }],
    },
    options: {
      maintainAspectRatio: false,
      animation: false,
      plugins: { legend: { display: false } },
      scales: { y: { beginAtZero: true } },
    },
  });
})();
