// The second charts of the 分析 pages (the first is drawn by reporting/report.js): every canvas with a
// data-chart attribute gets the Chart.js configuration of the JSON element that attribute names. Deferred, so it
// runs once the page's Chart.js has loaded.
(function () {
  "use strict";

  if (!window.Chart) {
    return;
  }
  document.querySelectorAll("canvas[data-chart]").forEach(function (canvas) {
    var data = document.getElementById(canvas.getAttribute("data-chart"));
    if (!data) {
      return;
    }
    var config = JSON.parse(data.textContent);
    config.options = config.options || {};
    config.options.maintainAspectRatio = false;
    new window.Chart(canvas, config);
  });
})();
