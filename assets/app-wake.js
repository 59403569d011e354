/* When the app's scripts load on a page that arrives with its first view (ui/first_view/;
   dashboard/ui/shell/facade.py, wake_html): at once where the visitor has a mouse, and on a
   touch-only device (a phone: the media query in data-touch-only) when the visitor first
   taps, clicks, presses a key or focuses anything. Until then the first view is the page:
   its map, count and list of projects, and links that work, at no cost to the phone's CPU
   (Dash, React and plotly.js take seconds there). The scripts wait, inert, in a <template>;
   they run in order, each once fetched. Kept in a file, not inline (the CSP). */
(function () {
  var list = document.getElementById("app-scripts");
  if (!list) {
    return;
  }
  // A tap (pointerup: a finger that scrolls ends in pointercancel instead, so reading the
  // page by scrolling it starts nothing), a click, a key or a focus.
  var triggers = ["pointerup", "click", "keydown", "focusin"];
  var started = false;

  function start() {
    if (started) {
      return;
    }
    started = true;
    triggers.forEach(function (name) {
      document.removeEventListener(name, start, true);
    });
    document.documentElement.classList.add("app-waking");
    say();
    list.content.querySelectorAll("script[src]").forEach(function (inert) {
      var script = document.createElement("script");
      script.src = inert.getAttribute("src");
      if (inert.id) {
        script.id = inert.id;
      }
      script.async = false; // in the order given
      document.body.appendChild(script);
    });
  }

  // On a phone the wait after a tap is seconds: say so (the first view's status, in the
  // page's language; the embed's facade says it in its own). Gone with the first view.
  function say() {
    var status = document.querySelector("#first-view .first-view-waking");
    if (!touchOnly || !status || document.querySelector(".embed-facade")) {
      return;
    }
    status.textContent = status.getAttribute("data-loading") || "";
  }

  var touchOnly = list.getAttribute("data-touch-only");
  if (!touchOnly || !window.matchMedia || !window.matchMedia(touchOnly).matches) {
    touchOnly = null;
    start();
    return;
  }
  triggers.forEach(function (name) {
    document.addEventListener(name, start, { capture: true, passive: true });
  });
  // The first view's "Filters" button (ui/first_view/page.py) shows: pressed, it loads the
  // app, which opens its filters once it has taken over (assets/first-view.js).
  var filters = document.querySelector("#first-view .first-view-filters");
  if (filters) {
    filters.classList.remove("invisible");
    filters.removeAttribute("aria-hidden");
    filters.removeAttribute("tabindex");
    filters.addEventListener("click", function () {
      document.documentElement.classList.add("app-open-filters");
      filters.setAttribute("aria-disabled", "true");
      filters.setAttribute("aria-busy", "true");
    });
  }
})();
