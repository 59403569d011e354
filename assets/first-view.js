/* The first view (ui/first_view/) gives way to the app once the app has drawn what it
   shows: a map's first figure, painted (MapLibre loaded and still), or a project's heading. Until
   then the app is laid out, hidden, in the same place (style.css: .first-view-stack), so
   the swap moves nothing. If the app never draws, the first view stays. Kept in a file,
   not inline (the Content-Security-Policy). */
(function () {
  var STEP = 100; // ms between looks: a few cheap queries

  function mapDrawn(root) {
    var gd = root.querySelector("#project-map .js-plotly-plot");
    var layout = gd && gd._fullLayout;
    var sub = layout && layout.map && layout.map._subplot;
    var meta = gd && gd.layout && gd.layout.meta;
    // painted: the page's own layers have drawn the areas and sites (assets/map-paint.js)
    return !!(sub && sub.map && sub.map.loaded() && !sub.map.isMoving() && meta &&
              gd.getAttribute("data-painted") === meta.paint);
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

  // A focus in the first view (a phone's screen reader or keyboard woke the app:
  // assets/app-wake.js) is not lost to the page's body when the view goes: it moves to the
  // app's first control (the skip links, at the page's start).
  function keepFocus(root) {
    var active = document.activeElement;
    if (active && active !== document.body) {
      return;
    }
    var controls = root.querySelectorAll("a[href], button, input, select, textarea, [tabindex]");
    for (var i = 0; i < controls.length; i += 1) {
      if (controls[i].tabIndex >= 0) {
        controls[i].focus(); // a hidden one takes no focus: the next is tried
        if (document.activeElement === controls[i]) {
          return;
        }
      }
    }
  }

  function takeOver(first) {
    var stack = first.parentNode;
    var focused = first.contains(document.activeElement);
    first.remove();
    if (stack && stack.classList) {
      stack.classList.remove("first-view-stack"); // the app shows: its controls take a focus
    }
    if (focused && !document.documentElement.classList.contains("app-open-filters")) {
      keepFocus(document.getElementById("react-entry-point"));
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
