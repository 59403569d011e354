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
  function contentHeight() {
    var root = document.getElementById("react-entry-point") || document.body;
    return Math.ceil(root.getBoundingClientRect().bottom + window.scrollY);
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
      new ResizeObserver(postHeight).observe(root);
    };
    watch();
  }
  window.addEventListener("load", postHeight);
})();
