/* The filters on a phone: a sheet over the page (CSS: .filter-sheet), opened by "Filters",
   closed by "Close" or by "Show 15 projects", which returns the visitor to the map. Kept in a
   file (no inline script: the Content-Security-Policy). Browser-side, so that opening and
   closing costs no request.

   Also: each range slider's two handles named for screen readers ("Budget, minimum"), from
   the names the server wrote, in the page's language, on the slider's wrapper
   (data-handle-names); Dash's RangeSlider takes no label for its handles. */
(function () {
  var SHOW = "filter-sheet-show";
  var CLOSE = "filter-sheet-close";
  var TITLE = "filter-sheet-title";
  var TOGGLE = "filter-toggle";
  var MAP_REGION = "map-region";

  function focusLater(id) {
    // After Dash has applied the new state (the sheet shown or hidden).
    window.setTimeout(function () {
      var element = document.getElementById(id);
      if (element) {
        element.focus({ preventScroll: false });
      }
    }, 0);
  }

  // While the sheet covers a phone's screen, what is under it is out of reach of the
  // keyboard and screen readers (inert), as under a dialog.
  function underTheSheet() {
    var column = document.querySelector(".filters-col");
    var siblings = column ? Array.prototype.slice.call(column.parentNode.children) : [];
    var others = siblings.filter(function (element) {
      return element !== column;
    });
    return others.concat(
      Array.prototype.slice.call(document.querySelectorAll(".site-header, #data-note, nav.skip-links"))
    );
  }

  function setInert(open) {
    var phone = window.matchMedia("(max-width: 991.98px)").matches;
    underTheSheet().forEach(function (element) {
      element.inert = open && phone;
    });
  }

  function toggleSheet(_toggled, _closed, _shown, isOpen) {
    var trigger = (window.dash_clientside.callback_context.triggered[0] || {}).prop_id || "";
    var open = trigger.indexOf(TOGGLE + ".") === 0 ? !isOpen : false;
    document.body.classList.toggle("filter-sheet-open", open);
    setInert(open);
    if (open) {
      focusLater(TITLE);
    } else if (trigger.indexOf(SHOW + ".") === 0) {
      focusLater(MAP_REGION);
    } else if (trigger.indexOf(CLOSE + ".") === 0) {
      focusLater(TOGGLE);
    }
    return [open, open ? "true" : "false"];
  }

  function nameHandles(root) {
    var wrappers = (root || document).querySelectorAll("[data-handle-names]");
    wrappers.forEach(function (wrapper) {
      var names;
      try {
        names = JSON.parse(wrapper.getAttribute("data-handle-names"));
      } catch (error) {
        return;
      }
      wrapper.querySelectorAll('[role="slider"]').forEach(function (handle, index) {
        if (names[index] && handle.getAttribute("aria-label") !== names[index]) {
          handle.setAttribute("aria-label", names[index]);
        }
      });
    });
  }

  // The handles are drawn (and redrawn) by React: name them whenever they appear.
  window.jppOnDomChange(function () {
    nameHandles(document);
  });

  window.dash_clientside = Object.assign({}, window.dash_clientside, {
    jpp_sheet: { toggleSheet: toggleSheet }
  });
})();
