// The home page's suggested visits (推荐拜访): loaded after the page from visitplans' suggestion_panel, so that the
// day shows at once; if the panel cannot be had (offline, an error) the link to the suggestions page stays.
(function () {
  "use strict";
  var box = document.querySelector("[data-suggestion-panel]");
  if (!box) {
    return;
  }
  fetch(box.getAttribute("data-suggestion-panel"), { credentials: "same-origin" })
    .then(function (response) {
      if (!response.ok) {
        throw new Error("HTTP " + response.status);
      }
      return response.text();
    })
    .then(function (html) {
      box.innerHTML = html;
      box.setAttribute("aria-busy", "false");
    })
    .catch(function () {
      box.setAttribute("aria-busy", "false");
    });
})();
