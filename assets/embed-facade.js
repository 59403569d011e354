/* The embed's facade (dashboard/ui/shell/facade.py): the page arrives with no Dash script and
   this box; Dash's scripts load, in order, when the frame is scrolled into view (an
   IntersectionObserver: inside an iframe it sees the host page's viewport; not on a
   touch-only device) or when the visitor touches, clicks, presses a key or focuses anything in it. When the app has drawn
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

  // A focus the visitor gave the page before the app took over (a link of the first view,
  // the button): it moves to the app's first control, not lost to the body.
  var focusedBefore = false;

  function appShown(root) {
    // Over a first view (ui/first_view/), the app shows once that view has gone
    // (assets/first-view.js); on its own, once Dash has drawn the layout.
    return root.firstElementChild && !root.querySelector("._dash-loading") &&
      !document.getElementById("first-view");
  }

  function takeOver() {
    var root = document.getElementById("react-entry-point");
    var watcher = new MutationObserver(function () {
      if (!appShown(root)) {
        return;
      }
      watcher.disconnect();
      var active = document.activeElement;
      var lost = facade.contains(active) || (focusedBefore && (!active || active === document.body));
      facade.remove();
      document.documentElement.classList.remove("embed-facade-on");
      if (lost) {
        var first = root.querySelector("a[href], button, input, select, textarea, [tabindex]");
        if (first) {
          first.focus();
        }
      }
    });
    watcher.observe(document.body, { childList: true, subtree: true });
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

  document.addEventListener("focusin", function () {
    focusedBefore = true;
  }, true);
  document.documentElement.classList.add("embed-facade-on");
  triggers.forEach(function (name) {
    document.addEventListener(name, start, true);
  });
  // On a touch-only device (a phone: data-touch-only, shell/facade.py) scrolling the host
  // page past the frame starts nothing: the app's seconds of script would stall the host's
  // scrolling; a touch on the frame does.
  var touchOnly = facade.getAttribute("data-touch-only");
  if (touchOnly && window.matchMedia && window.matchMedia(touchOnly).matches) {
    return;
  }
  if (window.IntersectionObserver) {
    observer = new IntersectionObserver(function (entries) {
      if (entries.some(function (entry) { return entry.isIntersecting; })) {
        start();
      }
    });
    // Over a first view the box is a corner of the frame: the view itself is what comes into sight.
    observer.observe(document.getElementById("first-view") || facade);
  } else {
    start();
  }
})();
