// The link chart of the network page, drawn with the vendored cytoscape.js from /api/v1/graph.
(function () {
  "use strict";
  var box = document.getElementById("linkchart");
  if (!box || typeof cytoscape === "undefined") {
    return;
  }
  var api = box.getAttribute("data-api");
  var form = document.getElementById("chart-filters");
  var status = document.getElementById("chart-status");
  var detail = document.getElementById("chart-detail");
  var list = document.getElementById("chart-nodes");
  var PALETTE = ["#d62728", "#1f77b4", "#2ca02c", "#9467bd", "#8c564b", "#e377c2", "#ff7f0e", "#17becf"];
  var NODE_COLOURS = {
    Person: "#6a3d9a", Organization: "#1f78b4", Compound: "#e31a1c", Location: "#33a02c", Operation: "#ff7f00"
  };
  var NODE_SHAPES = {
    Person: "ellipse", Organization: "round-rectangle", Compound: "diamond", Location: "round-triangle",
    Operation: "hexagon"
  };
  var typeColour = {};
  var typeLabel = {};
  document.querySelectorAll("[data-link-type]").forEach(function (label, i) {
    var id = label.getAttribute("data-link-type");
    typeColour[id] = PALETTE[i % PALETTE.length];
    label.querySelector(".swatch").style.background = typeColour[id];
  });

  function filters() {
    var params = new URLSearchParams();
    var boxes = form.querySelectorAll("input[name=type]");
    var checked = form.querySelectorAll("input[name=type]:checked");
    if (checked.length && checked.length < boxes.length) {  // none checked: every type, as all checked
      checked.forEach(function (input) { params.append("type", input.value); });
    }
    ["country", "since", "until", "names"].forEach(function (name) {
      var input = form.querySelector("input[name=" + name + "]");
      if (input && input.value) { params.set(name, input.value); }
    });
    return params;
  }

  function text(tag, content, cls) {
    var el = document.createElement(tag);
    if (content !== undefined && content !== null) { el.textContent = String(content); }
    if (cls) { el.className = cls; }
    return el;
  }

  var cy = cytoscape({
    container: box,
    elements: [],
    minZoom: 0.2,
    maxZoom: 3,
    style: [
      { selector: "node", style: {
        "label": "data(label)", "font-size": 12, "text-wrap": "wrap", "text-max-width": 110,
        "text-valign": "bottom", "text-halign": "center", "text-margin-y": 3,
        "text-background-color": "#fff", "text-background-opacity": 0.85, "text-background-padding": 1,
        "background-color": "data(colour)", "shape": "data(shape)",
        "width": "data(size)", "height": "data(size)", "border-width": 1, "border-color": "#fff"
      } },
      { selector: "node.new", style: { "border-width": 3, "border-color": "#f0a000" } },
      { selector: "node:selected", style: { "border-width": 3, "border-color": "#000" } },
      { selector: "edge", style: {
        "curve-style": "bezier", "target-arrow-shape": "triangle", "arrow-scale": 0.9,
        "line-color": "data(colour)", "target-arrow-color": "data(colour)", "width": "data(width)",
        "opacity": 0.75
      } },
      { selector: "edge:selected, edge.hover", style: {
        "label": "data(label)", "font-size": 10, "text-rotation": "autorotate", "opacity": 1,
        "text-background-color": "#fff", "text-background-opacity": 0.9, "text-background-padding": 1
      } }
    ]
  });
  window.ringscopeChart = cy;

  function nodeData(n) {
    return {
      id: n.id, label: n.label, type: n.type, country: n.country, reports: n.reports, links: n.links,
      href: n.href, colour: NODE_COLOURS[n.type] || "#777", shape: NODE_SHAPES[n.type] || "ellipse",
      size: Math.min(46, 14 + 4 * Math.sqrt(n.links || 1))
    };
  }

  function linkData(l) {
    return {
      id: l.id, source: l.source, target: l.target, type: l.type, weight: l.weight, evidence: l.evidence,
      label: typeLabel[l.type] || l.type, colour: typeColour[l.type] || "#888",
      width: Math.min(6, 1.2 + Math.log2(1 + l.weight))
    };
  }

  // Nudge apart nodes whose boxes (labels included) overlap, after the force layout.
  function separate() {
    var nodes = cy.nodes().toArray();
    for (var round = 0; round < 200; round++) {
      var moved = false;
      var boxes = nodes.map(function (n) { return n.boundingBox({ includeLabels: true }); });
      for (var i = 0; i < nodes.length; i++) {
        for (var j = i + 1; j < nodes.length; j++) {
          var a = boxes[i], b = boxes[j];
          var dx = Math.min(a.x2, b.x2) - Math.max(a.x1, b.x1) + 4;
          var dy = Math.min(a.y2, b.y2) - Math.max(a.y1, b.y1) + 4;
          if (dx > 0 && dy > 0) {
            var pa = nodes[i].position(), pb = nodes[j].position();
            if (dx < dy) {
              var sx = (pa.x <= pb.x ? -1 : 1) * dx / 2;
              nodes[i].position({ x: pa.x + sx, y: pa.y });
              nodes[j].position({ x: pb.x - sx, y: pb.y });
            } else {
              var sy = (pa.y <= pb.y ? -1 : 1) * dy / 2;
              nodes[i].position({ x: pa.x, y: pa.y + sy });
              nodes[j].position({ x: pb.x, y: pb.y - sy });
            }
            boxes[i] = nodes[i].boundingBox({ includeLabels: true });
            boxes[j] = nodes[j].boundingBox({ includeLabels: true });
            moved = true;
          }
        }
      }
      if (!moved) { return; }
    }
  }

  function layout(randomize) {
    var run = cy.layout({
      name: "cose", animate: false, randomize: randomize, nodeDimensionsIncludeLabels: true,
      idealEdgeLength: function () { return 60; }, nodeRepulsion: function () { return 12000; },
      nodeOverlap: 20, componentSpacing: 40, gravity: 1, numIter: 1500, padding: 24, fit: true
    });
    run.run();
    separate();
    cy.fit(undefined, 24);
    box.setAttribute("data-laid-out", String(Number(box.getAttribute("data-laid-out") || 0) + 1));
  }

  var totals = null;

  function describe() {
    var shown = cy.nodes().length, links = cy.edges().length;
    status.textContent = "Showing " + shown + " of " + (totals ? totals.nodes : "?") + " linked nodes and " +
      links + " of " + (totals ? totals.links : "?") + " links.";
    list.textContent = "";
    cy.nodes().sort(function (a, b) { return a.data("label").localeCompare(b.data("label")); })
      .forEach(function (node) {
        var li = text("li", null, node.hasClass("new") ? "new" : "");
        li.setAttribute("data-id", node.id());
        var name = text("a", node.data("label"));
        name.href = "#linkchart";
        name.addEventListener("click", function (event) { event.preventDefault(); choose(node); });
        li.appendChild(name);
        li.appendChild(text("span", " (" + node.data("type") + ", " + node.data("links") + " links) ", "meta"));
        var more = text("button", "Expand", "expand");
        more.type = "button";
        more.addEventListener("click", function () { expand(node.id()); });
        li.appendChild(more);
        list.appendChild(li);
      });
  }

  function add(data, mark) {
    var fresh = [];
    data.nodes.forEach(function (n) {
      if (cy.getElementById(n.id).empty()) { fresh.push({ group: "nodes", data: nodeData(n) }); }
    });
    data.links.forEach(function (l) {
      if (cy.getElementById(l.id).empty()) { fresh.push({ group: "edges", data: linkData(l) }); }
    });
    cy.nodes().removeClass("new");
    var added = cy.add(fresh);
    if (mark) { added.nodes().addClass("new"); }
    return added;
  }

  function load(params, mark) {
    status.textContent = "Loading…";
    return fetch(api + "?" + params.toString(), { credentials: "same-origin" })
      .then(function (answer) {
        return answer.json().then(function (body) {
          if (!answer.ok) { throw new Error(body.detail || answer.statusText); }
          return body;
        });
      })
      .then(function (data) {
        data.types.forEach(function (t) { typeLabel[t.id] = t.label; });
        totals = data.total;
        var added = add(data, mark);
        return added;
      })
      .catch(function (error) {
        status.textContent = "The chart could not be loaded: " + error.message;
        throw error;
      });
  }

  function expand(id) {
    var params = filters();
    params.set("focus", id);
    params.set("limit", "30");
    return load(params, true).then(function (added) {
      layout(false);
      describe();
      status.textContent += " Expanding added " + added.nodes().length + " node(s).";
      choose(cy.getElementById(id));
    }, function () { return null; });
  }

  function choose(element) {
    cy.elements().unselect();
    element.select();
    detail.textContent = "";
    if (element.isNode()) {
      var d = element.data();
      detail.appendChild(text("h3", d.label));
      detail.appendChild(text("p", d.type + (d.country ? " · " + d.country : "") + " · " + d.reports +
        " report(s) · " + d.links + " link(s)", "meta"));
      if (d.href) {
        var open = text("a", "Open the entity page");
        open.href = d.href;
        detail.appendChild(open);
        detail.appendChild(document.createTextNode(" "));
      }
      var more = text("button", "Expand neighbours", "expand");
      more.type = "button";
      more.addEventListener("click", function () { expand(d.id); });
      detail.appendChild(more);
      var out = text("ul");
      element.connectedEdges().forEach(function (edge) {
        var other = edge.source().id() === d.id ? edge.target() : edge.source();
        var arrow = edge.source().id() === d.id ? "→ " : "← ";
        out.appendChild(text("li", arrow + edge.data("label") + " " + other.data("label")));
      });
      detail.appendChild(out);
    } else {
      var e = element.data();
      detail.appendChild(text("h3", element.source().data("label") + " " + e.label + " " +
        element.target().data("label")));
      detail.appendChild(text("p", e.weight + " report(s)", "meta"));
      e.evidence.forEach(function (ev) {
        var p = text("p");
        var a = text("a", ev.title || ev.report_id);
        a.href = "/reports/" + encodeURIComponent(ev.report_id);
        p.appendChild(a);
        p.appendChild(text("span", " " + (ev.published || "undated") + " · " + ev.how, "meta"));
        detail.appendChild(p);
        if (ev.quote) { detail.appendChild(text("blockquote", ev.quote)); }
      });
    }
  }

  cy.on("tap", "node, edge", function (event) { choose(event.target); });
  cy.on("dbltap", "node", function (event) { expand(event.target.id()); });
  cy.on("mouseover", "edge", function (event) { event.target.addClass("hover"); });
  cy.on("mouseout", "edge", function (event) { event.target.removeClass("hover"); });

  document.getElementById("fit-chart").addEventListener("click", function () { cy.fit(undefined, 24); });
  document.getElementById("show-centrality").addEventListener("click", function () {
    var target = document.getElementById("centrality");
    target.textContent = "Computing…";
    fetch(api + "/centrality?" + filters().toString(), { credentials: "same-origin" })
      .then(function (answer) { return answer.json(); })
      .then(function (data) {
        target.textContent = "";
        target.appendChild(text("h2", "Centrality (networkx, over all " + data.total + " linked nodes)"));
        var table = text("table", null, "grid centrality-table");
        var head = text("tr");
        ["Node", "Type", "Links", "Degree", "Betweenness"].forEach(function (h) { head.appendChild(text("th", h)); });
        table.appendChild(head);
        data.rows.forEach(function (r) {
          var row = text("tr");
          var cell = text("td");
          var a = text("a", r.label);
          a.href = "#linkchart";
          a.addEventListener("click", function (event) {
            event.preventDefault();
            var node = cy.getElementById(r.id);
            if (node.empty()) { expand(r.id); } else { choose(node); }
          });
          cell.appendChild(a);
          row.appendChild(cell);
          [r.type, r.links, r.degree.toFixed(3), r.betweenness.toFixed(3)].forEach(function (v) {
            row.appendChild(text("td", v));
          });
          table.appendChild(row);
        });
        target.appendChild(table);
      })
      .catch(function (error) { target.textContent = "Centrality could not be computed: " + error.message; });
  });

  var start = filters();
  var query = new URLSearchParams(window.location.search);
  ["focus", "limit"].forEach(function (name) { if (query.get(name)) { start.set(name, query.get(name)); } });
  var exports = filters().toString();
  document.getElementById("export-gexf").href = api + "/export?format=gexf" + (exports ? "&" + exports : "");
  document.getElementById("export-ftm").href = api + "/export?format=ftm" + (exports ? "&" + exports : "");
  function first(params, note) {
    return load(params, false).then(function () {
      layout(true);
      describe();
      if (note) { status.textContent = note + " " + status.textContent; }
      if (params.get("focus") && !cy.getElementById(params.get("focus")).empty()) {
        choose(cy.getElementById(params.get("focus")));
      }
    });
  }
  first(start, "").catch(function () {
    if (!start.get("focus")) { return null; }
    start.delete("focus");  // the entity asked for has no typed links under these filters
    return first(start, "That entity has no typed links under these filters.").catch(function () { return null; });
  });
})();
