/* Where the keyboard goes when something opens: to the heading of the side panel (the
   dialog listing a place's projects) when it opens, and to a project page's title when that
   page shows. When the panel closes, the dialog (react-bootstrap) gives the focus back to
   where it was before it opened. Headings take the focus without entering the Tab order
   (tabindex="-1"). Kept in a file, not inline (the Content-Security-Policy). */
(function () {
  var PANEL = "detail-panel";
  var PANEL_TITLE = "detail-title";
  var panelOpen = false;
  var pageShown = null; // the project page whose title had the focus

  function focusHeading(heading) {
    if (!heading) {
      return;
    }
    if (!heading.hasAttribute("tabindex")) {
      heading.setAttribute("tabindex", "-1");
    }
    heading.focus({ preventScroll: false });
  }

  function check() {
    var panel = document.getElementById(PANEL);
    var open = !!(panel && panel.classList.contains("show"));
    if (open && !panelOpen) {
      // After the dialog has put the focus on itself (its own autofocus).
      window.setTimeout(function () {
        focusHeading(document.getElementById(PANEL_TITLE));
      }, 50);
    }
    panelOpen = open;

    var title = document.querySelector("#project-body h1");
    var path = window.location.pathname;
    // Shown: laid out, and not under the first view (assets/first-view.js) any more.
    var visible = title && title.offsetParent !== null && getComputedStyle(title).visibility === "visible";
    if (visible && pageShown !== path) {
      pageShown = path;
      focusHeading(title);
    } else if (!title) {
      pageShown = null;
    }
  }

  var pending = false;
  new MutationObserver(function () {
    if (pending) {
      return;
    }
    pending = true;
    window.requestAnimationFrame(function () {
      pending = false;
      check();
    });
  }).observe(document.documentElement, {
    childList: true,
    subtree: true,
    attributes: true,
    attributeFilter: ["class", "style"]
  });
})();
