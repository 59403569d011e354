/* The embedded view (/embed): mark the page so that CSS hides the site's chrome, and tell the
   host page our height so that it can size the iframe (see the README for the host snippet).
   It runs with the page (shell/scripts.py: embed_script), before any of the app's scripts, so
   that the host sizes the frame to the server's first view at once; later, the app's. */
(function () {
  if (!/\/embed\/?$/.test(window.location.pathname) || window.jppEmbedHeight) {
    return;
  }
  window.jppEmbedHeight = true; // once, even if the app's scripts list it again
  document.documentElement.classList.add("embed-mode");
  var last = 0;

  // What shows: the server's first view (ui/first_view/) until the app takes its place
  // (assets/first-view.js), then the app. Never both: the app is laid out hidden beneath the
  // first view meanwhile, and its height then is not what the visitor sees.
  function shown() {
    return document.getElementById("first-view") ||
      document.getElementById("react-entry-point") || document.body;
  }

  // The content's height, not the document's: a document is never shorter than its
  // viewport, so an iframe sized to it could only ever grow.
  function contentHeight() {
    return Math.ceil(shown().getBoundingClientRect().bottom + window.scrollY);
  }

  function postHeight() {
    var height = contentHeight();
    if (window.parent !== window && height > 0 && height !== last) {
      last = height;
      window.parent.postMessage({ type: "jpp-map:height", height: height }, "*");
    }
  }

  function watch() {
    var root = document.getElementById("react-entry-point");
    var first = document.getElementById("first-view");
    if (!root && !first) {
      window.setTimeout(watch, 100);
      return;
    }
    if (window.ResizeObserver) {
      var observer = new ResizeObserver(postHeight);
      [root, first].forEach(function (node) {
        if (node) {
          observer.observe(node);
        }
      });
    }
    // The first view goes (the app takes over): what shows is now the app.
    if (first && first.parentNode && window.MutationObserver) {
      new MutationObserver(postHeight).observe(first.parentNode, { childList: true });
    }
    postHeight();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", watch);
  } else {
    watch();
  }
  window.addEventListener("load", postHeight);
})();
