/* plotly.js (the vendored map bundle) is not one of the page's scripts: dcc.Graph fetches it
   itself when the first map mounts, from window._dashPlotlyJSURL. Dash's renderer sets that
   to the full plotly.min.js it would serve; the page names the map bundle instead
   (<meta name="jpp-plotly-src">, dashboard/ui/shell/scripts.py), and it stays so. */
(function () {
  var meta = document.querySelector('meta[name="jpp-plotly-src"]');
  if (!meta || window.Plotly) {
    return;
  }
  var src = meta.getAttribute("content");
  Object.defineProperty(window, "_dashPlotlyJSURL", {
    configurable: true,
    get: function () {
      return src;
    },
    set: function () {}
  });
})();
