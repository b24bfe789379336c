// Report pages: draw the chart (a picture of the table, which says everything without it) and keep the period
// preset and the dates in agreement.
(function () {
  "use strict";

  var data = document.getElementById("report-chart-data");
  if (data && window.Chart) {
    var config = JSON.parse(data.textContent);
    config.options = config.options || {};
    config.options.maintainAspectRatio = false;
    new window.Chart(document.getElementById("report-chart"), config);
  }

  // Wide screens show the parameters open; phones keep them folded under the answer's heading until tapped.
  var filters = document.getElementById("report-filters");
  if (filters && window.matchMedia("(min-width: 48em)").matches) {
    filters.open = true;
  }

  // Choosing a preset clears the dates (the preset decides them); typing a date switches the preset to "custom".
  var preset = document.getElementById("id_period");
  var start = document.getElementById("id_from");
  var end = document.getElementById("id_to");
  if (preset && start && end) {
    preset.addEventListener("change", function () {
      if (preset.value !== "custom") {
        start.value = "";
        end.value = "";
      }
    });
    [start, end].forEach(function (input) {
      input.addEventListener("change", function () {
        preset.value = "custom";
      });
    });
  }
})();
