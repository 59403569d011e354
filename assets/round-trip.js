/* One request per filter change. The map's callback answers a filter change with the map,
   the summary and the view's new URL at once; these browser-side steps (no request) write
   that URL into the address bar and keep the callbacks that listen to the URL from asking
   the server again about an address the page wrote itself. Only an address the page did not
   write (a link opened, back, forward) goes to the server, which sets the controls from it.

   The list of the projects and the side panel follow the filters only while they show
   something (the list open, a place selected): otherwise a filter change asks nothing of
   them. Kept in a file, not inline (the Content-Security-Policy). */
(function () {
  var written = null; // the last address the page wrote itself, until the URL reports it

  function noUpdate() {
    return window.dash_clientside.no_update;
  }

  function triggeredValue(values) {
    var context = window.dash_clientside.callback_context;
    var trigger = (context.triggered[0] || {}).prop_id || "";
    var id = trigger.split(".")[0];
    return Object.prototype.hasOwnProperty.call(values, id) ? values[id] : undefined;
  }

  // The view's owner (links, clicks, resets, a country) or the map's callback (a filter)
  // wants this address: write it, unless the bar already shows it.
  function writeUrl(fromView, fromFilters, current) {
    var search = triggeredValue({ "search-from-view": fromView, "search-from-filters": fromFilters });
    if (typeof search !== "string" || search === current) {
      return noUpdate();
    }
    written = search;
    return search;
  }

  // An address the page did not write goes on to the server (the view's owner reads it).
  // The one the page opened with is read by the owner's first call, with the page.
  var opened = false;
  function arrivedUrl(search) {
    if (typeof search !== "string") {
      return noUpdate();
    }
    if (!opened) {
      opened = true;
      return noUpdate();
    }
    if (written !== null && search === written) {
      written = null;
      return noUpdate();
    }
    written = null;
    return search;
  }

  // The same view in each language, and the full map from the embed: the address's query
  // with its language replaced (as dashboard/ui/shell/links.py: view_links).
  function prefix() {
    var config = document.getElementById("_dash-config");
    try {
      return JSON.parse(config.textContent).requests_pathname_prefix || "/";
    } catch (error) {
      return "/";
    }
  }

  function languageLinks(search, pathname) {
    var outputs = window.dash_clientside.callback_context.outputs_list;
    var params = new URLSearchParams((search || "").replace(/^\?/, ""));
    params.delete("lang");
    var kept = params.toString();
    var path = pathname || "/";
    function link(base, lang) {
      return base + "?" + (kept ? kept + "&" : "") + "lang=" + encodeURIComponent(lang);
    }
    var current = document.documentElement.getAttribute("lang") || "en";
    var languages = (outputs[1] || []).map(function (output) {
      return link(path, output.id.lang);
    });
    return [link(prefix(), current), languages];
  }

  // A change of the filters, for a region that shows something only sometimes.
  function whenOpen() {
    var clicks = arguments[arguments.length - 1];
    return typeof clicks === "number" && clicks % 2 === 1 ? Date.now() : noUpdate();
  }

  function whenSelected() {
    var place = arguments[arguments.length - 1];
    return place ? Date.now() : noUpdate();
  }

  window.dash_clientside = Object.assign({}, window.dash_clientside, {
    jpp_url: {
      writeUrl: writeUrl,
      arrivedUrl: arrivedUrl,
      languageLinks: languageLinks,
      whenOpen: whenOpen,
      whenSelected: whenSelected
    }
  });
})();
