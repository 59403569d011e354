/* Browser-side callbacks, kept in a file (not inline) so that the Content-Security-Policy needs
   no hash for them. mapSize: the map's size on this screen, so that the server fits the
   country into it (a phone shows the whole country, not its middle). */
window.dash_clientside = Object.assign({}, window.dash_clientside, {
  jpp: {
    mapSize: function (_pathname, mapId) {
      var element = document.getElementById(mapId);
      if (!element) {
        return window.dash_clientside.no_update;
      }
      var box = element.getBoundingClientRect();
      if (!box.width || !box.height) {
        return window.dash_clientside.no_update;
      }
      return [Math.round(box.width), Math.round(box.height)];
    }
  }
});
