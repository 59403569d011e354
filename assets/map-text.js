/* The map's own text (province names, the number on a stacked site) is drawn by MapLibre with
   the browser's fonts. plotly.js gives text no halo: a white one keeps a name readable on a
   dark province. A country link in the world overview's list also brings the map into view
   (on a phone the list is under it). Kept in a file (not inline) for the CSP. */
(function () {
  function halo(plot) {
    var map = plot._fullLayout && plot._fullLayout.map && plot._fullLayout.map._subplot;
    map = map && map.map;
    if (!map || !map.getStyle()) {
      return;
    }
    map.getStyle().layers.forEach(function (layer) {
      if (layer.type === "symbol" && map.getPaintProperty(layer.id, "text-halo-width") !== 1.5) {
        map.setPaintProperty(layer.id, "text-halo-color", "#ffffff");
        map.setPaintProperty(layer.id, "text-halo-width", 1.5);
      }
    });
  }

  var scrollAfterDraw = false;

  function watch(plot) {
    if (plot._jppHalo || typeof plot.on !== "function") {
      return;
    }
    plot._jppHalo = true;
    plot.on("plotly_afterplot", function () {
      halo(plot);
      if (scrollAfterDraw) {  // the country opened from the list: its map, once drawn
        scrollAfterDraw = false;
        var region = document.getElementById("map-region") || plot;
        if (plot.getBoundingClientRect().top < 0) {
          region.scrollIntoView({ block: "start" });
        }
      }
    });
    halo(plot);
  }

  new MutationObserver(function () {
    document.querySelectorAll(".js-plotly-plot").forEach(watch);
  }).observe(document.documentElement, { childList: true, subtree: true });

  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("#country-list a");
    var map = document.getElementById("project-map");
    if (link && map && map.getBoundingClientRect().top < 0) {
      // The map's region: on a phone the count above the map ("3 projects") comes with it.
      (document.getElementById("map-region") || map).scrollIntoView({ block: "start" });
      // Again once the new map is drawn: the header above it may have changed height
      // (the selector's chip), which would leave the map's top just above the screen.
      scrollAfterDraw = true;
    }
  });
})();
