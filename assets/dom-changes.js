/* One watcher of the page's changes for the scripts that follow what React draws (focus,
   the sliders' names, the embed's links): a single MutationObserver, and each listener
   called at most once per frame, however many nodes a render touched. Loaded before them
   (Dash loads assets in name order). Kept in a file (not inline) for the CSP. */
(function () {
  var listeners = [];
  var pending = false;

  function run() {
    pending = false;
    listeners.forEach(function (listener) {
      listener();
    });
  }

  window.jppOnDomChange = function (listener) {
    if (listeners.length === 0 && window.MutationObserver) {
      new MutationObserver(function () {
        if (!pending) {
          pending = true;
          window.requestAnimationFrame(run);
        }
      }).observe(document.documentElement, { childList: true, subtree: true });
    }
    listeners.push(listener);
  };
})();
