/* Starts the app: Dash's renderer, once its bundles have run. It replaces Dash's inline
   `var renderer = new DashRenderer();` so that every script can be deferred (an inline script
   runs before deferred ones); dashboard/ui/shell/scripts.py puts it after all the others. On
   a page where Dash's inline script stays (a plan it could not make), it does nothing. */
(function () {
  if (window.DashRenderer && !window.renderer) {
    window.renderer = new window.DashRenderer();
  }
})();
