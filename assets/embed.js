/* The embedded view (/embed): mark the page so that CSS hides the site's chrome, and tell the
   host page our height so that it can size the iframe (see the README for the host snippet). */
(function () {
  if (!/\/embed\/?$/.test(window.location.pathname)) {
    return;
  }
  document.documentElement.classList.add("embed-mode");
  var last = 0;
  // The content's height, not the document's: a document is never shorter than its
  // viewport, so an iframe sized to it could only ever grow.
  // Until the app takes over, the server's first view (ui/first_view/) is what shows.
  function contentHeight() {
    var root = document.getElementById("react-entry-point") || document.body;
    var first = document.getElementById("first-view");
    var bottom = root.getBoundingClientRect().bottom;
    if (first) {
      bottom = Math.max(bottom, first.getBoundingClientRect().bottom);
    }
    return Math.ceil(bottom + window.scrollY);
  }
  function postHeight() {
    var height = contentHeight();
    if (window.parent !== window && height > 0 && height !== last) {
      last = height;
      window.parent.postMessage({ type: "jpp-map:height", height: height }, "*");
    }
  }
  if (window.ResizeObserver) {
    var watch = function () {
      var root = document.getElementById("react-entry-point");
      if (!root) {
        window.setTimeout(watch, 100);
        return;
      }
      var observer = new ResizeObserver(postHeight);
      observer.observe(root);
      var first = document.getElementById("first-view");
      if (first) {
        observer.observe(first);
      }
    };
    watch();
  }
  window.addEventListener("load", postHeight);
})();
