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

  // A country opened from the world's list: its map's region is kept in view while the new
  // country arrives (the header's chip, the count and the map change height above it in
  // several renders), until the visitor scrolls or a few seconds have passed.
  var keepInViewUntil = 0;

  function keepRegionInView() {
    if (Date.now() > keepInViewUntil) {
      return;
    }
    var map = document.getElementById("project-map");
    if (map && map.getBoundingClientRect().top < 0) {
      (document.getElementById("map-region") || map).scrollIntoView({ block: "start" });
    }
  }

  function watch(plot) {
    if (plot._jppHalo || typeof plot.on !== "function") {
      return;
    }
    plot._jppHalo = true;
    plot.on("plotly_afterplot", function () {
      halo(plot);
      keepRegionInView();
    });
    halo(plot);
  }

  function onPageChange() {
    document.querySelectorAll(".js-plotly-plot").forEach(watch);
    keepRegionInView();
  }

  if (window.jppOnDomChange) {
    window.jppOnDomChange(onPageChange);
  } else {
    new MutationObserver(onPageChange).observe(document.documentElement, { childList: true, subtree: true });
  }

  ["wheel", "touchstart", "keydown"].forEach(function (name) {
    window.addEventListener(name, function (event) {
      if (!(name === "keydown" && event.key === "Enter")) {
        keepInViewUntil = 0;  // the visitor moves the page: theirs from now on
      }
    }, { passive: true });
  });

  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("#country-list a");
    var map = document.getElementById("project-map");
    if (link && map && map.getBoundingClientRect().top < 0) {
      keepInViewUntil = Date.now() + 5000;
      keepRegionInView();
    }
  });
})();
