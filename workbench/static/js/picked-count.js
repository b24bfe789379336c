// A picker's "N picked" count (已选 N 个), kept right while boxes are ticked: the ticked boxes of this page plus
// the picks of other pages, which travel as hidden inputs of the same name. The server renders the same number,
// so without this script the count is right after every search, page turn or save.
(function () {
  "use strict";
  document.querySelectorAll("[data-picked-count]").forEach(function (legend) {
    var name = legend.getAttribute("data-picked-count");
    var form = legend.closest("form");
    var number = legend.querySelector(".picked-count");
    if (!form || !number) {
      return;
    }
    function update() {
      var ticked = form.querySelectorAll('input[type="checkbox"][name="' + name + '"]:checked').length;
      var elsewhere = form.querySelectorAll('input[type="hidden"][name="' + name + '"]').length;
      number.textContent = String(ticked + elsewhere);
    }
    form.addEventListener("change", function (event) {
      if (event.target.name === name) {
        update();
      }
    });
  });
})();
