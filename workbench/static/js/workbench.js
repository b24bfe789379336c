// Workbench: the little behaviour every page shares. Pages work without it; it only makes the menu nicer.
(function () {
  "use strict";

  // Tables become cards on a phone (workbench.css, "rows as cards"): a row is a card and each cell a line
  // "column name … value", so the figure that matters (铺货率, 满足率 …) is read without a sideways swipe,
  // wherever its column is. Here each cell learns its column's name from the header row; the stylesheet
  // shows it in front of the value. A cell that is itself a header (a row's name) titles its card.
  Array.prototype.forEach.call(document.querySelectorAll("main table"), function (table) {
    var headerRows = table.tHead ? table.tHead.rows : [];
    if (table.classList.contains("keep-columns") || headerRows.length !== 1) {
      return; // a table of several header rows stays a table (and scrolls sideways)
    }
    var labels = [];
    Array.prototype.forEach.call(headerRows[0].cells, function (cell) {
      for (var span = 0; span < cell.colSpan; span += 1) {
        labels.push(cell.textContent.replace(/[▲▼]/g, "").trim());
      }
    });
    Array.prototype.forEach.call(table.querySelectorAll("tbody tr, tfoot tr"), function (row) {
      var column = 0;
      Array.prototype.forEach.call(row.cells, function (cell) {
        if (labels[column] && !cell.hasAttribute("data-label")) {
          cell.setAttribute("data-label", labels[column]);
        }
        column += cell.colSpan;
      });
    });
    // A table laid out as blocks loses its table semantics in some screen readers: the roles say them again.
    table.setAttribute("role", "table");
    Array.prototype.forEach.call(table.querySelectorAll("thead, tbody, tfoot"), function (group) {
      group.setAttribute("role", "rowgroup");
    });
    Array.prototype.forEach.call(table.rows, function (row) {
      row.setAttribute("role", "row");
      Array.prototype.forEach.call(row.cells, function (cell) {
        var inHead = row.parentNode.tagName === "THEAD";
        cell.setAttribute("role", cell.tagName === "TD" ? "cell" : inHead ? "columnheader" : "rowheader");
      });
    });
    table.classList.add("as-cards");
  });

  // A table that still scrolls sideways (several header rows, a tablet's width) must take the keyboard's focus,
  // or its hidden columns cannot be reached without a pointer (WCAG 2.1.1; axe-core's scrollable-region-focusable).
  function focusableWhenScrolling() {
    Array.prototype.forEach.call(document.querySelectorAll("main .table-scroll, main table"), function (box) {
      if (box.scrollWidth > box.clientWidth) {
        box.setAttribute("tabindex", "0");
      } else if (box.getAttribute("tabindex") === "0") {
        box.removeAttribute("tabindex");
      }
    });
  }
  focusableWhenScrolling();
  window.addEventListener("resize", focusableWhenScrolling);

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
