// The visit form (templates/visits/visit_form.html): "add a request" clones the empty request row of the
// <template>. Without JS the form still has its three empty rows, which is enough for one visit.
(function () {
  "use strict";
  var button = document.querySelector("[data-request-add]");
  var rows = document.querySelector("[data-request-rows]");
  var template = document.getElementById("visit-request-template");
  if (!button || !rows || !template) {
    return;
  }
  button.hidden = false;
  button.addEventListener("click", function () {
    var row = template.content.firstElementChild.cloneNode(true);
    rows.appendChild(row);
    var text = row.querySelector('input[name="request_text"]');
    if (text) {
      text.focus();
    }
  });
})();
