/* Words other libraries write in English, in the page's language (dashboard/ui/page_words.py):
   the side panel's close button (react-bootstrap's aria-label "Close") and a map canvas's
   name (MapLibre's "Map"). The page carries them as data attributes; they are put in place
   as React and plotly draw. Kept in a file (not inline) for the CSP. */
(function () {
  function relabel(holderSelector, attribute, scope, targetSelector) {
    document.querySelectorAll(holderSelector).forEach(function (holder) {
      var words = holder.getAttribute(attribute);
      var root = scope ? holder.closest(scope) : holder;
      if (!words || !root) {
        return;
      }
      root.querySelectorAll(targetSelector).forEach(function (target) {
        if (target.getAttribute("aria-label") !== words) {
          target.setAttribute("aria-label", words);
        }
      });
    });
  }

  function onPageChange() {
    relabel("[data-close-label]", "data-close-label", ".offcanvas", ".btn-close");
    relabel("[data-canvas-name]", "data-canvas-name", null, "canvas.maplibregl-canvas");
  }

  if (window.jppOnDomChange) {
    window.jppOnDomChange(onPageChange);
  } else {
    new MutationObserver(onPageChange).observe(document.documentElement, { childList: true, subtree: true });
  }
})();
