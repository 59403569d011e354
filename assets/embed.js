/* The embedded view (/embed): mark the page so that CSS hides the site's chrome, and tell the
   host page our height so that it can size the iframe (see the README for the host snippet). */
(function () {
  if (!/\/embed\/?$/.test(window.location.pathname)) {
    return;
  }
  document.documentElement.classList.add("embed-mode");
  var last = 0;
  function postHeight() {
    var height = Math.ceil(document.documentElement.scrollHeight);
    if (window.parent !== window && height !== last) {
      last = height;
      window.parent.postMessage({ type: "jpp-map:height", height: height }, "*");
    }
  }
  if (window.ResizeObserver) {
    new ResizeObserver(postHeight).observe(document.documentElement);
  }
  window.addEventListener("load", postHeight);
})();
