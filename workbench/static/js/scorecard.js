// The scorecard entry page (记分卡录入): the total and the stars computed live as scores are typed, by the rule the
// server applies on save (scorecards.services.stars_for, docs/definitions.md#scorecard): the total's share of 100
// against the star bands, compared exactly (total × 100 ≥ band × maximum).
(function () {
  "use strict";

  function starsFor(total, maximum, bands) {
    if (maximum <= 0) return 1;
    for (var index = 0; index < bands.length; index += 1) {
      if (total * 100 >= bands[index] * maximum) return bands.length + 1 - index;
    }
    return 1;
  }

  function starsText(stars, top) {
    var text = "";
    for (var position = 1; position <= top; position += 1) text += position <= stars ? "★" : "☆";
    return text;
  }

  function update(form) {
    var maximum = parseInt(form.dataset.maximum, 10) || 0;
    var bands = (form.dataset.bands || "").split(",").map(function (band) { return parseInt(band, 10); });
    var total = 0;
    var complete = true;
    form.querySelectorAll("input[data-score]").forEach(function (input) {
      var value = input.value.trim();
      var number = Number(value);
      var max = parseInt(input.getAttribute("max"), 10);
      var valid = value !== "" && Number.isInteger(number) && number >= 0 && number <= max;
      input.classList.toggle("score-out-of-range", value !== "" && !valid);
      if (valid) total += number;
      else complete = false;
    });
    var totalCell = form.querySelector("[data-total]");
    var starsCell = form.querySelector("[data-stars]");
    if (totalCell) totalCell.textContent = String(total);
    if (starsCell) starsCell.textContent = complete ? starsText(starsFor(total, maximum, bands), bands.length + 1) : "";
  }

  document.querySelectorAll("form[data-scorecard]").forEach(function (form) {
    form.addEventListener("input", function () { update(form); });
    update(form);
  });
})();
