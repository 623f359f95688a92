// Draws the map page's locations, clusters and area outlines with Leaflet from the data
// the page carries (the tables beside it show the same). Tiles only when the page names a
// tile source; otherwise the outlines alone are the background. Kept in a file: the
// content security policy allows no inline script.
import * as L from "../vendor/leaflet/leaflet-src.esm.mjs";

const holder = document.getElementById("map-drawing");
const source = document.getElementById("map-data");
if (holder && source) {
  const data = JSON.parse(source.textContent);
  const map = L.map(holder, { attributionControl: Boolean(data.tiles.url) });
  if (data.tiles.url) {
    L.tileLayer(data.tiles.url, { attribution: data.tiles.attribution, maxZoom: 19 }).addTo(map);
  }
  // The view is set before anything is drawn: Leaflet measures circles in metres only
  // once the map has a view.
  const outlines = L.geoJSON(data.outlines, {
    style: { color: "#505a5f", weight: 2, fillColor: "#b1b4b6", fillOpacity: 0.2 },
    onEachFeature: (feature, layer) => layer.bindTooltip(feature.properties.area),
  });
  const seen = [...data.points.map((p) => [p.lat, p.lon]), ...data.clusters.map((c) => [c.lat, c.lon])];
  const shown = seen.length ? L.latLngBounds(seen) : outlines.getBounds();
  if (shown.isValid()) {
    map.fitBounds(shown.pad(0.2), { maxZoom: 16 });
  } else {
    map.setView([52.5, -1.5], 6);
  }
  outlines.addTo(map);
  for (const c of data.clusters) {
    L.circle([c.lat, c.lon], { radius: c.radius, color: "#d4351c", weight: 2, fillOpacity: 0.15 })
      .bindTooltip(`${c.label}: ${c.points} records`).addTo(map);
  }
  for (const p of data.points) {
    const marker = L.circleMarker([p.lat, p.lon], {
      radius: 7, weight: 2, color: "#0b0c0c",
      fillColor: p.hotspot ? "#d4351c" : "#1d70b8", fillOpacity: 0.9,
    });
    const link = document.createElement("a");
    link.href = p.url;
    link.textContent = p.label;
    const details = document.createElement("div");
    details.append(link, document.createElement("br"),
      `${p.type}, ${p.status}${p.cluster ? `, ${p.cluster}` : ""}`);
    marker.bindPopup(details).addTo(map);
  }
}
