/* A link to a project's page, as it is followed, carries the map's view (back=<the map's
   query>), so that the project's page leads "Back to the map" as the visitor left it
   (filters, country, layer, selection); from a project's page, the back= it came with. The
   server reads back= as the map reads its own URL and keeps nothing else (ui/shell/links.py):
   it is never an address. In the embed, project pages open in a new tab, beside the host
   page (the frame stays the map). */
(function () {
  var PROJECT = /\/project\/[^/]+\/?$/;
  var EMBED = /\/embed\/?$/;

  function carried() {
    var params = new URLSearchParams(window.location.search);
    if (PROJECT.test(window.location.pathname)) {
      return params.get("back");
    }
    params.delete("lang"); // the project's page has its own; "back" keeps the rest
    return params.toString();
  }

  function prepare(event) {
    var link = event.target && event.target.closest ? event.target.closest("a[href]") : null;
    if (!link || link.origin !== window.location.origin) {
      return;
    }
    // The embed stays the map: a link to another page of the site opens beside the host page.
    if (EMBED.test(window.location.pathname) && link.pathname !== window.location.pathname) {
      link.target = "_blank";
      link.rel = "noopener";
    }
    if (!PROJECT.test(link.pathname)) {
      return;
    }
    var back = carried();
    var url = new URL(link.href);
    if (back === null) {
      url.searchParams.delete("back");
    } else {
      url.searchParams.set("back", back);
    }
    var href = url.pathname + url.search + url.hash;
    if (link.getAttribute("href") !== href) {
      link.setAttribute("href", href);
    }
  }

  // In the embed, links are marked as they appear, so that the browser and assistive
  // technology know beforehand that they open a new tab.
  if (EMBED.test(window.location.pathname)) {
    window.jppOnDomChange(function () {
      var links = document.querySelectorAll("a[href]:not([target])");
      for (var i = 0; i < links.length; i++) {
        prepare({ target: links[i] });
      }
    });
  }

  // Before the browser follows the link, whichever way: a click, a middle click, the
  // keyboard (focus comes first), a touch, or "open in a new tab" from the context menu.
  ["focusin", "mousedown", "touchstart", "click", "auxclick", "contextmenu"].forEach(
    function (type) {
      document.addEventListener(type, prepare, true);
    }
  );
})();
