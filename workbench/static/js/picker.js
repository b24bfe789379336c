// The type-to-filter picker (lib.widgets.PickerSelectMultiple): every <select class="picker"> becomes a Tom Select
// box that filters its options by label, code and pinyin initials (the option's data-search), shows the chosen
// ones as chips with a remove button, and keeps the brand groups. The select itself stays in the form and is what
// is submitted, so without this script (or Tom Select) the plain multiple select works the same.
(function () {
  "use strict";
  if (typeof window.TomSelect === "undefined") {
    return;
  }
  document.querySelectorAll("select.picker").forEach(function (select) {
    var noResults = select.getAttribute("data-no-results") || "";
    // Tom Select moves the <label> onto its own input; the hidden-but-accessible select keeps its name this way.
    var label = select.id ? document.querySelector('label[for="' + select.id + '"]') : null;
    if (label && !select.hasAttribute("aria-label")) {
      select.setAttribute("aria-label", label.textContent.trim());
    }
    new window.TomSelect(select, {
      plugins: ["remove_button"],
      searchField: ["text", "search"],
      maxOptions: null, // every spec of a city (≈ 180) fits; a cut list would hide matches
      closeAfterSelect: false,
      hidePlaceholder: true,
      render: {
        no_results: function (data, escape) {
          return '<div class="no-results">' + escape(noResults) + "</div>";
        },
      },
    });
  });
})();
