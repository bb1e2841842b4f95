// ringscope map: zoom and pan an SVG map drawn by ringscope.report.mapsvg (no external libraries).
//
// The map's moving part is g.viewport; zooming sets its transform. Markers, arrows and labels
// (class "fx") keep their screen size: each is redrawn at data-t scaled by 1/zoom. A label is
// shown once the zoom reaches its data-z, the zoom from which it overlaps no other label.
(function () {
  "use strict";

  function setup(svg) {
    var viewport = svg.querySelector("g.viewport");
    if (!viewport) { return; }
    var box = svg.viewBox.baseVal;
    var width = box.width;
    var height = parseFloat(svg.getAttribute("data-map-height")) || box.height;
    var maxZoom = parseFloat(svg.getAttribute("data-max-zoom")) || 32;
    var fixed = Array.prototype.slice.call(svg.querySelectorAll(".fx"));
    var labels = Array.prototype.slice.call(svg.querySelectorAll(".fx.label"));
    var holder = svg.closest(".map") || svg.parentNode;
    var readout = holder.querySelector(".zoom-level");
    var state = { k: 1, x: 0, y: 0 };

    function clamp() {
      state.k = Math.min(maxZoom, Math.max(1, state.k));
      state.x = Math.min(0, Math.max(width - width * state.k, state.x));
      state.y = Math.min(0, Math.max(height - height * state.k, state.y));
    }

    function draw() {
      clamp();
      var k = state.k;
      viewport.setAttribute("transform", "translate(" + state.x.toFixed(2) + " " + state.y.toFixed(2) +
        ") scale(" + k.toFixed(4) + ")");
      var inverse = " scale(" + (1 / k).toFixed(5) + ")";
      fixed.forEach(function (el) { el.setAttribute("transform", el.getAttribute("data-t") + inverse); });
      labels.forEach(function (el) {
        var from = parseFloat(el.getAttribute("data-z"));
        el.setAttribute("display", from <= k * 1.00001 ? "inline" : "none");
      });
      svg.setAttribute("data-zoom", k.toFixed(3));
      if (readout) { readout.textContent = "zoom ×" + (k < 10 ? k.toFixed(1) : k.toFixed(0)); }
    }

    // a point of the screen in the SVG's own units (before the viewport's transform)
    function local(clientX, clientY) {
      var matrix = svg.getScreenCTM();
      if (!matrix) { return { x: width / 2, y: height / 2 }; }
      var point = svg.createSVGPoint();
      point.x = clientX;
      point.y = clientY;
      var p = point.matrixTransform(matrix.inverse());
      return { x: p.x, y: p.y };
    }

    function zoomAt(factor, x, y) {
      var k = Math.min(maxZoom, Math.max(1, state.k * factor));
      // the map point under (x, y) stays under it
      state.x = x - (x - state.x) * k / state.k;
      state.y = y - (y - state.y) * k / state.k;
      state.k = k;
      draw();
    }

    svg.addEventListener("wheel", function (event) {
      event.preventDefault();
      var p = local(event.clientX, event.clientY);
      var step = event.deltaMode === 1 ? event.deltaY * 16 : event.deltaY;
      zoomAt(Math.exp(-step * 0.002), p.x, p.y);
    }, { passive: false });

    var drag = null;
    var moved = false;
    svg.addEventListener("pointerdown", function (event) {
      if (event.button !== 0) { return; }
      drag = { start: local(event.clientX, event.clientY), x: state.x, y: state.y };
      moved = false;
    });
    svg.addEventListener("pointermove", function (event) {
      if (!drag) { return; }
      var p = local(event.clientX, event.clientY);
      var dx = p.x - drag.start.x;
      var dy = p.y - drag.start.y;
      if (!moved && Math.abs(dx) + Math.abs(dy) < 3) { return; }
      if (!moved) { svg.setPointerCapture(event.pointerId); svg.classList.add("dragging"); }
      moved = true;
      state.x = drag.x + dx;
      state.y = drag.y + dy;
      draw();
    });
    function stop() { drag = null; svg.classList.remove("dragging"); }
    svg.addEventListener("pointerup", stop);
    svg.addEventListener("pointercancel", stop);
    // a drag that ends on a place is not a click on it
    svg.addEventListener("click", function (event) {
      if (moved) { event.preventDefault(); event.stopPropagation(); moved = false; }
    }, true);
    svg.addEventListener("dblclick", function (event) {
      event.preventDefault();
      var p = local(event.clientX, event.clientY);
      zoomAt(event.shiftKey ? 0.5 : 2, p.x, p.y);
    });
    svg.setAttribute("tabindex", "0");
    svg.addEventListener("keydown", function (event) {
      var step = width / 10;
      var keys = {
        "+": function () { zoomAt(1.5, width / 2, height / 2); },
        "=": function () { zoomAt(1.5, width / 2, height / 2); },
        "-": function () { zoomAt(1 / 1.5, width / 2, height / 2); },
        "0": function () { state = { k: 1, x: 0, y: 0 }; draw(); },
        ArrowLeft: function () { state.x += step; draw(); },
        ArrowRight: function () { state.x -= step; draw(); },
        ArrowUp: function () { state.y += step; draw(); },
        ArrowDown: function () { state.y -= step; draw(); }
      };
      if (keys[event.key]) { event.preventDefault(); keys[event.key](); }
    });
    holder.querySelectorAll("button[data-zoom]").forEach(function (button) {
      button.addEventListener("click", function () {
        var what = button.getAttribute("data-zoom");
        if (what === "in") { zoomAt(2, width / 2, height / 2); }
        else if (what === "out") { zoomAt(0.5, width / 2, height / 2); }
        else { state = { k: 1, x: 0, y: 0 }; draw(); }
      });
    });
    // a place picked from the lists of the page (x,y in map units, and a zoom) is zoomed to
    document.addEventListener("click", function (event) {
      var link = event.target.closest ? event.target.closest("a[data-zoom-to]") : null;
      if (!link) { return; }
      var parts = link.getAttribute("data-zoom-to").split(",");
      var x = parseFloat(parts[0]), y = parseFloat(parts[1]), k = parseFloat(parts[2]);
      if (isNaN(x) || isNaN(y) || isNaN(k)) { return; }
      event.preventDefault();
      state.k = Math.min(maxZoom, Math.max(1, k));
      state.x = width / 2 - x * state.k;
      state.y = height / 2 - y * state.k;
      draw();
      holder.scrollIntoView({ block: "start" });
    });
    draw();
  }

  document.querySelectorAll("svg.rs-map").forEach(setup);
})();
