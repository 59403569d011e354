/* The embed's facade (dashboard/ui/shell/facade.py): the page arrives with no Dash script and
   this box; Dash's scripts load, in order, when the frame is scrolled into view (an
   IntersectionObserver: inside an iframe it sees the host page's viewport) or when the
   visitor touches, clicks, presses a key or focuses anything in it. When the app has drawn
   its page, the box goes in the same frame (no layout shift), and the focus it held moves
   to the app's first control. */
(function () {
  var facade = document.getElementById("embed-facade");
  if (!facade) {
    return;
  }
  var started = false;
  var observer = null;
  var button = facade.querySelector(".embed-facade-start");
  var status = facade.querySelector(".embed-facade-status");
  var triggers = ["pointerdown", "keydown", "focusin", "click"];

  function takeOver() {
    var root = document.getElementById("react-entry-point");
    var watcher = new MutationObserver(function () {
      if (root.querySelector("._dash-loading")) {
        return;
      }
      watcher.disconnect();
      var hadFocus = facade.contains(document.activeElement);
      facade.remove();
      document.documentElement.classList.remove("embed-facade-on");
      if (hadFocus) {
        var first = root.querySelector("a[href], button, input, select, textarea, [tabindex]");
        if (first) {
          first.focus();
        }
      }
    });
    watcher.observe(root, { childList: true, subtree: true });
  }

  function start() {
    if (started) {
      return;
    }
    started = true;
    if (observer) {
      observer.disconnect();
    }
    triggers.forEach(function (name) {
      document.removeEventListener(name, start, true);
    });
    facade.setAttribute("aria-busy", "true");
    button.setAttribute("aria-disabled", "true");
    status.textContent = facade.getAttribute("data-loading");
    takeOver();
    var list = document.getElementById("embed-facade-scripts");
    list.content.querySelectorAll("script[src]").forEach(function (inert) {
      var script = document.createElement("script");
      script.src = inert.getAttribute("src");
      script.async = false; // run in the order given, each once fetched
      document.body.appendChild(script);
    });
  }

  document.documentElement.classList.add("embed-facade-on");
  triggers.forEach(function (name) {
    document.addEventListener(name, start, true);
  });
  if (window.IntersectionObserver) {
    observer = new IntersectionObserver(function (entries) {
      if (entries.some(function (entry) { return entry.isIntersecting; })) {
        start();
      }
    });
    observer.observe(facade);
  } else {
    start();
  }
})();
