/* Put the page's language into its address on arrival (without a new history entry), so that
   a link copied at once opens in the language the sender saw, whatever the recipient's
   browser prefers. The server chose the language from the URL or Accept-Language. */
(function () {
  var lang = document.documentElement.getAttribute("lang");
  var params = new URLSearchParams(window.location.search);
  if (!lang || params.has("lang")) {
    return;
  }
  params.set("lang", lang);
  window.history.replaceState(
    window.history.state,
    "",
    window.location.pathname + "?" + params.toString() + window.location.hash
  );
})();
