/* A project's own page (/project/<id>): its heading takes the focus as the page opens, so that
   a screen reader starts at the project, not at the site's header; and the header's country
   selector, on that page, opens the chosen country's map (the server says where: the
   project-leave store, ui/project_page/callbacks.py). */
window.dash_clientside = Object.assign({}, window.dash_clientside, {
  jppProject: {
    // The header's country, passed on to the server only on a project's page.
    chosen: function (country, pathname) {
      if (!/\/project\/[^/]+\/?$/.test(pathname || "")) {
        return window.dash_clientside.no_update;
      }
      return country;
    },
    leave: function (href) {
      if (typeof href === "string" && href.charAt(0) === "/" && href.charAt(1) !== "/") {
        window.location.assign(href);
      }
      return window.dash_clientside.no_update;
    }
  }
});

(function () {
  if (!/\/project\/[^/]+\/?$/.test(window.location.pathname)) {
    return;
  }
  var focused = false;
  function focusHeading() {
    var heading = document.getElementById("project-heading");
    if (focused || !heading) {
      return false;
    }
    focused = true;
    // Only if the visitor has not moved on meanwhile (a skip link, a tab into the header).
    var active = document.activeElement;
    if (!active || active === document.body || active === document.documentElement) {
      heading.focus({ preventScroll: true });
    }
    return true;
  }
  var observer = new MutationObserver(function () {
    if (focusHeading()) {
      observer.disconnect();
    }
  });
  observer.observe(document.documentElement, { childList: true, subtree: true });
})();
