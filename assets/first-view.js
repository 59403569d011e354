/* The first view (ui/first_view/) gives way to the app once the app has drawn what it
   shows: a map's first figure (MapLibre loaded and still), or a project's heading. Until
   then the app is laid out, hidden, in the same place (style.css: .first-view-stack), so
   the swap moves nothing. If the app never draws, the first view stays. Kept in a file,
   not inline (the Content-Security-Policy). */
(function () {
  var STEP = 100; // ms between looks: a few cheap queries

  function mapDrawn(root) {
    var gd = root.querySelector("#project-map .js-plotly-plot");
    var layout = gd && gd._fullLayout;
    var sub = layout && layout.map && layout.map._subplot;
    return !!(sub && sub.map && sub.map.loaded() && !sub.map.isMoving() && gd._fullData.length > 1);
  }

  function projectShown(root) {
    var title = root.querySelector("#project-body h1");
    return !!(title && title.textContent);
  }

  function drawn() {
    var root = document.getElementById("react-entry-point");
    if (!root) {
      return false;
    }
    return /\/project\//.test(window.location.pathname) ? projectShown(root) : mapDrawn(root);
  }

  function takeOver(first) {
    var stack = first.parentNode;
    first.remove();
    if (stack && stack.classList) {
      stack.classList.remove("first-view-stack");
    }
    document.documentElement.classList.add("app-shown");
    // The first view's "Filters" was pressed on a phone (assets/app-wake.js): the app's opens.
    if (document.documentElement.classList.contains("app-open-filters")) {
      var toggle = document.getElementById("filter-toggle");
      if (toggle) {
        toggle.click();
      }
    }
  }

  var first = document.getElementById("first-view");
  if (!first) {
    return;
  }
  var timer = window.setInterval(function () {
    if (drawn()) {
      window.clearInterval(timer);
      takeOver(first);
    }
  }, STEP);
})();
