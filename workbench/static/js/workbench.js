// Workbench: the little behaviour every page shares. Pages work without it; it only makes the menu nicer.
(function () {
  "use strict";

  // Wide screens show a list's filters open; phones keep them folded until tapped (includes/filtered_list.html).
  if (window.matchMedia("(min-width: 48em)").matches) {
    Array.prototype.forEach.call(document.querySelectorAll("details.filter-panel"), function (details) {
      details.open = true;
    });
  }

  var nav = document.getElementById("main-nav");
  var button = document.querySelector(".menu-button");

  // The menu button shows and hides the navigation and the user's tools on narrow screens.
  if (nav && button) {
    button.addEventListener("click", function () {
      var open = document.body.classList.toggle("menu-open");
      button.setAttribute("aria-expanded", open ? "true" : "false");
    });
  }

  if (!nav) {
    return;
  }
  var panels = Array.prototype.slice.call(nav.querySelectorAll("details"));

  // One module open at a time.
  panels.forEach(function (details) {
    details.addEventListener("toggle", function () {
      if (details.open) {
        panels.forEach(function (other) {
          if (other !== details) {
            other.open = false;
          }
        });
      }
    });
  });

  // A click outside the menu or the Escape key closes the open module (drop-down panels on wide screens).
  document.addEventListener("click", function (event) {
    if (!nav.contains(event.target)) {
      panels.forEach(function (details) {
        details.open = false;
      });
    }
  });
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") {
      return;
    }
    panels.forEach(function (details) {
      if (details.open) {
        details.open = false;
        details.querySelector("summary").focus();
      }
    });
  });

  // On narrow screens the current module starts open, so the user sees where he is.
  if (window.matchMedia("(max-width: 63.99rem)").matches) {
    var current = nav.querySelector(".is-current > details");
    if (current) {
      current.open = true;
    }
  }
})();
