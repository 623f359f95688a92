// Draws a record's network with cytoscape.js from the data the page carries (the table
// beside it shows the same links). Kept in a file: the content security policy allows
// no inline script.
import cytoscape from "../vendor/cytoscape/cytoscape.esm.min.mjs";

const holder = document.getElementById("network-drawing");
const data = JSON.parse(document.getElementById("network-data").textContent);
if (holder && data) {
  const elements = [
    ...data.nodes.map((n) => ({ data: { id: n.id, label: `${n.label}\n${n.kind_label}`, kind: n.kind, start: n.id === data.start ? "yes" : "no" } })),
    ...data.links.map((l) => ({ data: { id: l.id, source: l.source, target: l.target, label: l.label } })),
  ];
  cytoscape({
    container: holder,
    elements,
    layout: { name: "cose", animate: false },
    style: [
      { selector: "node", style: { label: "data(label)", "text-wrap": "wrap", "font-size": 11, "text-valign": "bottom", "background-color": "#1d70b8", color: "#0b0c0c" } },
      { selector: "node[kind = 'child']", style: { "background-color": "#d4351c", shape: "round-rectangle" } },
      { selector: "node[start = 'yes']", style: { "border-width": 4, "border-color": "#0b0c0c" } },
      { selector: "edge", style: { label: "data(label)", "font-size": 9, width: 2, "line-color": "#505a5f", "curve-style": "bezier" } },
    ],
  });
}
