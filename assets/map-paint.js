/* The map's areas and sites, drawn by the page's own MapLibre layers on the map plotly.js
   makes (dashboard/figures/map_paint.py says why). plotly.js draws the base once per map:
   the style, the fit and the areas' names. Here, once per map, MapLibre is given the areas'
   file and every site the map can show; each filter change then sets only their feature
   state (colour, size, ring, number, shown or not), which MapLibre paints with no worker
   and no new tiles. Hover and clicks are read from these layers: a click is handed to Dash
   as the graph's clickData, in the shape plotly.js gave it. Kept in a file for the CSP. */
(function () {
  var AREAS = "jpp-areas";
  var SITES = "jpp-sites";
  var NUMBERS = "jpp-numbers"; // every number a stack can show, given once per map
  var EXTRA = "jpp-numbers-extra"; // numbers beyond those (a very large map): sent each time
  var SITE_LAYERS = ["jpp-rings", "jpp-circles", "jpp-discs", "jpp-numbers", "jpp-numbers-extra"];
  // A site answers the pointer within this many pixels of its centre, the nearest centre
  // first, whatever its circle's size (figures/map.py, TARGETS: over two big overlapping
  // stacks, the centre of one would otherwise answer for the other); elsewhere, the area.
  var HIT_PX = 4;
  var latest = null; // the newest paint, waiting for its map if need be
  var selectedPlace = null; // the place selected (ids.SELECTED_PLACE), outlined when drawn
  var files = {}; // the areas' files by address: fetched by the page, as its preload asked
  var FILES_KEPT = 8;
  var tries = 0;

  function plotOf(graphId) {
    return document.querySelector("#" + graphId + " .js-plotly-plot");
  }

  function mapOf(gd) {
    var subplot = gd && gd._fullLayout && gd._fullLayout.map && gd._fullLayout.map._subplot;
    return subplot && subplot.map;
  }

  function state(value, fallback) {
    return ["coalesce", ["feature-state", value], fallback];
  }

  function firstPlotlyLayer(map) {
    var layers = map.getLayersOrder(); // ids, bottom first ([] before the style is there)
    for (var i = 0; i < layers.length; i++) {
      if (layers[i].indexOf("plotly-trace-layer") === 0) {
        return layers[i];
      }
    }
    return undefined;
  }

  /* The areas' file as the page's preload fetched it (MapLibre's worker would fetch it
     again, past the preload); null until it has arrived. */
  function areasFile(url) {
    if (!files[url]) {
      var names = Object.keys(files);
      if (names.length >= FILES_KEPT) { delete files[names[0]]; }
      var entry = { data: null, failed: false };
      files[url] = entry;
      fetch(url, { credentials: "same-origin" })
        .then(function (answer) { if (!answer.ok) { throw new Error(answer.status); } return answer.json(); })
        .then(function (data) { entry.data = data; })
        .catch(function () { entry.failed = true; delete files[url]; });
    }
    return files[url].data;
  }

  function addAreas(map, areas, chosenLine) {
    map.addSource(AREAS, { type: "geojson", data: files[areas.url].data, promoteId: areas.promote });
    var only = ["in", ["to-string", ["get", areas.promote]], ["literal", areas.codes]];
    map.addLayer({
      id: "jpp-areas-fill", type: "fill", source: AREAS, filter: only,
      paint: { "fill-color": state("c", "rgba(0,0,0,0)"), "fill-opacity": areas.opacity }
    });
    map.addLayer({
      id: "jpp-areas-line", type: "line", source: AREAS, filter: only,
      paint: { "line-color": areas.line[1], "line-width": areas.line[0], "line-opacity": areas.opacity }
    });
    map.addLayer({
      id: "jpp-areas-chosen", type: "line", source: AREAS, filter: only,
      paint: {
        "line-color": chosenLine[1],
        "line-width": ["case", ["any", ["boolean", ["feature-state", "chosen"], false],
          ["boolean", ["feature-state", "selected"], false]], chosenLine[0], 0]
      }
    }); // under plotly.js's names: inOrder
  }

  function removeAreas(map) {
    ["jpp-areas-chosen", "jpp-areas-line", "jpp-areas-fill"].forEach(function (id) {
      if (map.getLayer(id)) { map.removeLayer(id); }
    });
    if (map.getSource(AREAS)) { map.removeSource(AREAS); }
  }

  function points(lonlat) {
    return {
      type: "FeatureCollection",
      features: lonlat.map(function (p, i) {
        return { type: "Feature", id: i, properties: {}, geometry: { type: "Point", coordinates: p } };
      })
    };
  }

  function radius(name) {
    return ["/", state(name, 0), 2];
  }

  function addSites(map) {
    var empty = { type: "FeatureCollection", features: [] };
    map.addSource(SITES, { type: "geojson", data: empty });
    map.addSource(NUMBERS, { type: "geojson", data: empty });
    map.addSource(EXTRA, { type: "geojson", data: empty });
    map.addLayer({ id: "jpp-rings", type: "circle", source: SITES, paint: {
      "circle-radius": radius("ring"), "circle-color": state("ringColour", "#ffffff"),
      "circle-opacity": state("ringOpacity", 0.9) } });
    map.addLayer({ id: "jpp-circles", type: "circle", source: SITES, paint: {
      "circle-radius": radius("size"), "circle-color": state("colour", "#888888"),
      "circle-opacity": state("opacity", 1) } });
    map.addLayer({ id: "jpp-discs", type: "circle", source: SITES, paint: {
      "circle-radius": radius("disc"), "circle-color": "#ffffff" } });
    // A number is always written (over the others at its site, all but one hidden), and the
    // areas' names keep clear of it, as they kept clear of plotly.js's numbers.
    var number = { "text-field": ["get", "n"], "text-size": 11, "text-allow-overlap": true,
                   "text-ignore-placement": false };
    map.addLayer({ id: "jpp-numbers", type: "symbol", source: NUMBERS, layout: number,
      paint: { "text-color": "#1a1a1a",
               "text-opacity": ["case", ["boolean", ["feature-state", "on"], false], 1, 0] } });
    map.addLayer({ id: "jpp-numbers-extra", type: "symbol", source: EXTRA, layout: number,
      paint: { "text-color": "#1a1a1a" } });
  }

  /* The areas under plotly.js's layers (the names), the sites over them: plotly.js adds its
     layers on top when it draws a map, after these layers or before. */
  function inOrder(map) {
    var names = firstPlotlyLayer(map);
    if (names) {
      ["jpp-areas-fill", "jpp-areas-line", "jpp-areas-chosen"].forEach(function (id) {
        if (map.getLayer(id)) { map.moveLayer(id, names); }
      });
    }
    SITE_LAYERS.forEach(function (id) { if (map.getLayer(id)) { map.moveLayer(id); } });
  }

  /* Once per map: the areas' file and outlines, and every site's point. */
  function paintBase(map, memo, base, chosenLine) {
    var areas = base.areas;
    var id = areas ? areas.url + "|" + areas.promote + "|" + areas.codes.join(",") : null;
    if (memo.areasId !== id || (id && !map.getSource(AREAS))) {
      removeAreas(map);
      if (areas) { addAreas(map, areas, chosenLine); }
      memo.areasId = id;
    }
    memo.codes = areas ? areas.codes : [];
    memo.promote = areas ? areas.promote : null;
    var pointsId = JSON.stringify(base.points);
    if (memo.pointsId !== pointsId) {
      map.getSource(SITES).setData(points(base.points));
      memo.pointsId = pointsId;
      memo.shown = {};
    }
    memo.lonlat = base.points;
    var numbersId = JSON.stringify(base.numbers || []);
    if (memo.numbersId !== numbersId) {
      memo.numberIds = {};
      map.getSource(NUMBERS).setData({ type: "FeatureCollection", features: (base.numbers || []).map(
        function (n, k) {
          memo.numberIds[n[0] + "|" + n[1]] = k;
          return { type: "Feature", id: k, properties: { n: n[1] },
                   geometry: { type: "Point", coordinates: base.points[n[0]] } };
        }) });
      memo.numbersId = numbersId;
      memo.numbersOn = {};
    }
  }

  function paintAreas(map, memo, areas) {
    if (!areas || !map.getSource(AREAS)) {
      return;
    }
    var chosen = {};
    areas.chosen.forEach(function (code) { chosen[code] = true; });
    memo.codes.forEach(function (code, i) {
      map.setFeatureState({ source: AREAS, id: code }, { c: areas.colours[i], chosen: !!chosen[code] });
    });
  }

  /* The place the visitor selected (a click, a link's at=): its area outlined as a chosen
     province is, when it is one of the areas drawn. */
  function outlineSelected(map, memo, place) {
    var code = place && typeof place.province === "string" ? place.province : null;
    if (memo.selected === code) {
      return;
    }
    if (memo.selected && map.getSource(AREAS)) {
      map.setFeatureState({ source: AREAS, id: memo.selected }, { selected: false });
    }
    memo.selected = null;
    if (code && map.getSource(AREAS) && (memo.codes || []).indexOf(code) >= 0) {
      map.setFeatureState({ source: AREAS, id: code }, { selected: true });
      memo.selected = code;
    }
  }

  function paintSites(map, memo, paint) {
    var shown = {};
    var on = {};
    var extra = [];
    paint.sites.forEach(function (s) {
      shown[s[0]] = true;
      map.setFeatureState({ source: SITES, id: s[0] }, {
        shown: true, ring: s[1], ringColour: s[2], size: s[3], colour: s[4], opacity: s[5],
        disc: s[6], ringOpacity: s[10]
      });
      if (s[7]) {
        var id = (memo.numberIds || {})[s[0] + "|" + s[7]];
        if (id === undefined) {
          extra.push({ type: "Feature", properties: { n: s[7] },
                       geometry: { type: "Point", coordinates: memo.lonlat[s[0]] } });
        } else {
          on[id] = true;
          if (!(memo.numbersOn || {})[id]) {
            map.setFeatureState({ source: NUMBERS, id: id }, { on: true });
          }
        }
      }
    });
    Object.keys(memo.shown || {}).forEach(function (i) {
      if (!shown[i]) {
        map.setFeatureState({ source: SITES, id: Number(i) },
          { shown: false, ring: 0, size: 0, disc: 0 });
      }
    });
    Object.keys(memo.numbersOn || {}).forEach(function (id) {
      if (!on[id]) {
        map.setFeatureState({ source: NUMBERS, id: Number(id) }, { on: false });
      }
    });
    memo.shown = shown;
    memo.numbersOn = on;
    var extraKey = JSON.stringify(extra.map(function (f) {
      return [f.geometry.coordinates, f.properties.n];
    }));
    if (memo.extraKey !== extraKey) {
      map.getSource(EXTRA).setData({ type: "FeatureCollection", features: extra });
      memo.extraKey = extraKey;
    }
  }

  function frameOf(gd) {
    var frame = gd.parentNode;
    if (window.getComputedStyle(frame).position === "static") {
      frame.style.position = "relative";
    }
    return frame;
  }

  /* The map's overlay of this class (the colour bar, the hover label), made once. */
  function overlay(gd, className, attribute, value) {
    var frame = frameOf(gd);
    var element = frame.querySelector("." + className);
    if (!element) {
      element = document.createElement("div");
      element.className = className;
      element.setAttribute(attribute, value);
      element.hidden = className === "jpp-map-hover";
      frame.appendChild(element);
    }
    return element;
  }

  function paintBar(gd, paint) {
    var bar = overlay(gd, "jpp-colour-bar", "aria-hidden", "true");
    if (bar.getAttribute("data-bar") === paint.bar) {
      return;
    }
    bar.setAttribute("data-bar", paint.bar);
    bar.textContent = "";
    if (paint.bar) {
      var svg = new DOMParser().parseFromString(
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ' + paint.size[0] + " " +
        paint.size[1] + '">' + paint.bar + "</svg>", "image/svg+xml").documentElement;
      if (svg.nodeName === "svg") {
        svg.setAttribute("width", paint.size[0]);
        svg.setAttribute("height", paint.size[1]);
        bar.appendChild(document.importNode(svg, true));
      }
    }
  }

  /* The hover's text: plotly's subset of HTML (bold, line breaks) made into nodes; every other
     tag is dropped and its text kept, so that no markup in a title runs. */
  function hoverNodes(text, into) {
    var doc = new DOMParser().parseFromString("<div>" + text + "</div>", "text/html");
    function copy(from, to) {
      from.childNodes.forEach(function (node) {
        if (node.nodeType === 3) {
          to.appendChild(document.createTextNode(node.nodeValue));
        } else if (node.nodeType === 1) {
          var name = node.nodeName.toLowerCase();
          if (name === "br") {
            to.appendChild(document.createElement("br"));
          } else if (name === "b" || name === "i" || name === "em") {
            var el = document.createElement(name);
            copy(node, el);
            to.appendChild(el);
          } else {
            copy(node, to);
          }
        }
      });
    }
    copy(doc.body.firstChild, into);
  }

  function hit(map, paint, point) {
    var memo = map._jppMemo;
    var best = null;
    var bestDistance = Infinity;
    paint.sites.forEach(function (site) {
      var at = map.project(memo.lonlat[site[0]]);
      var d = Math.sqrt(Math.pow(at.x - point.x, 2) + Math.pow(at.y - point.y, 2));
      if (d <= HIT_PX && d < bestDistance) { bestDistance = d; best = site; }
    });
    if (best) {
      return { site: best };
    }
    if (paint.areas && map.getLayer("jpp-areas-fill")) {
      var areas = map.queryRenderedFeatures(point, { layers: ["jpp-areas-fill"] });
      if (areas.length) {
        var code = String(areas[0].properties[memo.promote]);
        var index = memo.codes.indexOf(code);
        if (index >= 0) {
          return { area: code, hover: paint.areas.hovers[index] };
        }
      }
    }
    return null;
  }

  function clickData(memo, found) {
    if (found.site) {
      var lonlat = memo.lonlat[found.site[0]];
      var point = { lon: lonlat[0], lat: lonlat[1] };
      if (found.site[9] !== null && found.site[9] !== undefined) {
        point.customdata = found.site[9];
      }
      return { points: [point] };
    }
    return { points: [{ location: found.area, customdata: found.area }] };
  }

  function tooltip(gd) {
    return overlay(gd, "jpp-map-hover", "role", "tooltip"); // hidden until a hover
  }

  /* plotly.js's camera button draws a copy of the figure, without these layers: the PNG is
     made here instead, from the map's own canvas (read in its render event, while its
     picture is still there) with the colour bar over it. */
  function cameraButton(gd) {
    var modeBar = gd._fullLayout && gd._fullLayout._modeBar;
    if (!modeBar || !modeBar.buttons) {
      return null;
    }
    var names = [].concat.apply([], modeBar.buttons).map(function (b) { return b && b.name; });
    return modeBar.buttonElements[names.indexOf("toImage")] || null;
  }

  function savePng(out, name) {
    out.toBlob(function (blob) {
      if (!blob) { return; }
      var link = document.createElement("a");
      link.href = URL.createObjectURL(blob);
      link.download = name;
      document.body.appendChild(link);
      link.click();
      link.remove();
      setTimeout(function () { URL.revokeObjectURL(link.href); }, 10000);
    }, "image/png");
  }

  function downloadPng(gd, map) {
    map.once("render", function () {
      var source = map.getCanvas();
      var out = document.createElement("canvas");
      out.width = source.width;
      out.height = source.height;
      var context = out.getContext("2d");
      context.fillStyle = "#ffffff";
      context.fillRect(0, 0, out.width, out.height);
      context.drawImage(source, 0, 0);
      var bar = gd.parentNode.querySelector(".jpp-colour-bar svg");
      if (!bar) {
        savePng(out, "jpp-map.png");
        return;
      }
      var picture = new Image();
      picture.onload = function () {
        var scale = out.width / Math.max(1, source.clientWidth);
        var box = bar.getBoundingClientRect();
        context.drawImage(picture, 0, 0, box.width * scale, box.height * scale);
        savePng(out, "jpp-map.png");
      };
      picture.onerror = function () { savePng(out, "jpp-map.png"); };
      picture.src = "data:image/svg+xml;charset=utf-8," +
        encodeURIComponent(new XMLSerializer().serializeToString(bar));
    });
    map.triggerRepaint();
  }

  /* The hover label for the pointer's place on the map, from the paint now shown: called as
     the pointer moves and again when a filter's paint arrives under a still pointer. */
  function showHover(gd, map) {
    var paint = map._jppPaint;
    var point = map._jppPointer;
    var tip = tooltip(gd);
    var found = paint && point && hit(map, paint, point);
    var text = found && (found.site ? found.site[8] : found.hover);
    map.getCanvas().style.cursor = found ? "pointer" : "";
    if (!text) {
      tip.hidden = true;
      return;
    }
    if (tip.getAttribute("data-text") !== text) {
      tip.textContent = "";
      hoverNodes(text, tip);
      tip.setAttribute("data-text", text);
    }
    tip.hidden = false;
    var left = point.x + 12;
    if (left + tip.offsetWidth > gd.clientWidth) {
      left = Math.max(0, point.x - 12 - tip.offsetWidth);
    }
    tip.style.left = left + "px";
    tip.style.top = Math.max(0, point.y - tip.offsetHeight / 2) + "px";
  }

  function listen(gd, map, graphId) {
    if (map._jppListening) {
      return;
    }
    map._jppListening = true;
    gd.on("plotly_afterplot", function () { inOrder(map); });
    gd.addEventListener("click", function (event) {
      var camera = cameraButton(gd);
      if (camera && event.target.closest && event.target.closest(".modebar-btn") === camera) {
        event.stopPropagation();
        event.preventDefault();
        downloadPng(gd, map);
      }
    }, true);
    map.on("mousemove", function (event) {
      map._jppPointer = event.point;
      showHover(gd, map);
    });
    map.on("mouseout", function () {
      map._jppPointer = null;
      tooltip(gd).hidden = true;
    });
    map.on("click", function (event) {
      var paint = map._jppPaint;
      var found = paint && hit(map, paint, event.point);
      if (found && window.dash_clientside && window.dash_clientside.set_props) {
        window.dash_clientside.set_props(graphId, { clickData: clickData(map._jppMemo, found) });
      }
    });
  }

  /* plotly.js sets a map's centre before its zoom (its updateLayout): coming from a view
     zoomed out so far that MapLibre holds the centre at the equator (the world's overview),
     the new centre's latitude is clamped away before the zoom is set, and the country then
     drawn lies off the screen (a blank map). Put the view where the figure says; a view the
     visitor panned is the figure's too (plotly.js writes it back), so it is kept. */
  function viewAsFigured(gd, map) {
    var want = gd.layout && gd.layout.map;
    if (!want || !want.center || typeof want.zoom !== "number" || map.isMoving()) {
      return;
    }
    var now = map.getCenter();
    var off = Math.abs(now.lat - want.center.lat) > 1e-4 || Math.abs(map.getZoom() - want.zoom) > 1e-3;
    if (off) {
      map.jumpTo({ center: [want.center.lon, want.center.lat], zoom: want.zoom });
    }
  }

  function apply(paint, graphId) {
    var gd = plotOf(graphId);
    var map = mapOf(gd);
    var meta = gd && gd.layout && gd.layout.meta;
    if (!map || !meta || meta.paint !== paint.map || !firstPlotlyLayer(map)) {
      return false; // plotly.js has not drawn this map (its names' layers) yet
    }
    try {
      return paintMap(gd, map, paint, graphId);
    } catch (error) {
      // MapLibre's style not loaded yet (its sources may still load: layers can be added
      // then, which map.isStyleLoaded() would wait for)
      if (/not done loading/i.test(String(error && error.message))) {
        return false;
      }
      throw error;
    }
  }

  function paintMap(gd, map, paint, graphId) {
    var memo = map._jppMemo || (map._jppMemo = {});
    if (!map.getSource(SITES)) {
      addSites(map);
      memo.pointsId = null;
      memo.numbersId = null;
      memo.extraKey = null;
      memo.shown = {};
    }
    var chosenLine = paint.areas ? paint.areas.chosen_line : [3.5, "#1a1a1a"];
    if (paint.base && paint.base.areas && !areasFile(paint.base.areas.url)) {
      return false; // its areas' file is on its way
    }
    if (paint.base) {
      if (memo.map !== paint.map) {
        tooltip(gd).hidden = true; // the last map's label (a country of the world) is gone with it
      }
      paintBase(map, memo, paint.base, chosenLine);
      memo.map = paint.map;
    } else if (memo.map !== paint.map) {
      return true; // a filter's paint for a map this one has not been given: nothing to set
    }
    if (paint.base) {
      viewAsFigured(gd, map); // a new map only: a filter change leaves the view as it is
    }
    paintAreas(map, memo, paint.areas);
    if (memo.areasId !== memo.selectedAreas) {
      memo.selected = null; // new areas: no state on them yet
      memo.selectedAreas = memo.areasId;
    }
    outlineSelected(map, memo, selectedPlace);
    paintSites(map, memo, paint);
    inOrder(map);
    map._jppPaint = paint;
    paintBar(gd, paint);
    listen(gd, map, graphId);
    if (!paint.base && map._jppPointer) {
      showHover(gd, map); // a still pointer: its label now says what this paint shows
    }
    if ("_fadeDuration" in map) {
      map._fadeDuration = 0; // a stack's number shows with its circle, not 0.3 s after it
    }
    gd.setAttribute("data-painted", paint.map);
    gd.dispatchEvent(new CustomEvent("jpp:painted", { detail: paint.map }));
    return true;
  }

  function applyLatest() {
    if (!latest) {
      return;
    }
    if (apply(latest.paint, latest.graphId)) {
      latest = null;
    } else if (++tries < 1200) { // a minute: plotly.js and the boundary file may still load
      setTimeout(applyLatest, 50);
    }
  }

  window.dash_clientside = Object.assign({}, window.dash_clientside, {
    jpp_map: {
      select: function (place, graphId) {
        selectedPlace = place || null;
        var map = mapOf(plotOf(graphId));
        if (map && map._jppMemo && map._jppMemo.map) {
          outlineSelected(map, map._jppMemo, selectedPlace);
        }
        return window.dash_clientside.no_update;
      },
      paint: function (paint, graphId) {
        if (!paint || !paint.sites) {
          return window.dash_clientside.no_update;
        }
        if (paint.base && paint.base.areas) {
          areasFile(paint.base.areas.url); // read while plotly.js makes the map
        }
        var waiting = latest !== null;
        if (waiting && latest.paint.base && !paint.base && latest.paint.map === paint.map) {
          // a filter changed before this map was drawn: its base is still to be given
          paint = Object.assign({}, paint, { base: latest.paint.base });
        }
        latest = { paint: paint, graphId: graphId };
        tries = 0;
        if (!waiting) {
          applyLatest();
        }
        return paint.map;
      }
    }
  });
})();
