/* The day's route map (visitplans/route_day.html): the start and the numbered stops, joined in route order.

   The data is the page's JSON data island #route-data (json_script: never executed, so the strict CSP holds):
   {tiles, start: {name, at: [lat, lng]} | null, stops: [{number, name, at}], labels}. With a tile URL the map
   draws the company's tiles under the route; without one it has no tile layer at all and the points and the path
   lie on the map's plain background. Coordinates come already converted for the tiles' datum (route_views.py).
   Everything is drawn as vector layers or HTML with class names: no inline style attribute, no inline script. */
(function () {
  "use strict";

  var island = document.getElementById("route-data");
  var box = document.getElementById("route-map");
  if (!island || !box || !window.L) {
    return;
  }
  var data = JSON.parse(island.textContent);
  var map = window.L.map(box, {
    attributionControl: false,
    zoomControl: false,
    scrollWheelZoom: false, // the page scrolls under the wheel; the buttons and a pinch zoom the map
    keyboard: false, // the numbered list below is the keyboard's way through the day
    zoomSnap: 0.25
  });
  window.L.control.zoom({zoomInTitle: data.labels.zoomIn, zoomOutTitle: data.labels.zoomOut}).addTo(map);
  if (data.tiles) {
    window.L.tileLayer(data.tiles, {maxZoom: 19}).addTo(map);
  }

  var path = [];
  if (data.start) {
    path.push(data.start.at);
    window.L.circleMarker(data.start.at, {
      radius: 7, className: "route-start-point", interactive: false, opacity: 1, fillOpacity: 1
    }).addTo(map);
  }
  data.stops.forEach(function (stop) {
    path.push(stop.at);
  });
  window.L.polyline(path, {className: "route-path", interactive: false, opacity: 1}).addTo(map);
  data.stops.forEach(function (stop) {
    var icon = window.L.divIcon({className: "route-marker", html: String(stop.number), iconSize: [24, 24]});
    window.L.marker(stop.at, {icon: icon, interactive: false, keyboard: false}).addTo(map);
  });
  if (path.length === 1) {
    map.setView(path[0], 16);
  } else {
    map.fitBounds(window.L.latLngBounds(path), {padding: [24, 24], maxZoom: 17});
  }
  box.setAttribute("data-drawn", String(data.stops.length));

  // The map is laid out again for paper, whose width differs from the screen's.
  window.addEventListener("beforeprint", function () {
    map.invalidateSize();
  });
})();
