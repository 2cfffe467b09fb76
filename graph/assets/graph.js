/* drugkg interactive graph view: a small canvas renderer with no dependencies.
 *
 * Reads the graph from <script id="drugkg-data" type="application/json"> (nodes with a layered
 * layout precomputed by drugkg.export), draws it on a canvas, and offers zoom (wheel, buttons),
 * pan (drag the background), node drag, hover tooltips, a details panel with evidence, a search
 * box and a legend that toggles node types. It requests nothing from the network.
 *
 * When the first frame is drawn it records, on <html>: data-ready="1", data-nodes, data-edges,
 * data-drawn (node markers drawn) and data-render-ms (performance.now() at that moment).
 * Licence: MIT, as drugkg.
 */
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("drugkg-data").textContent);
  var root = document.documentElement;
  var N = data.nodes.length, E = data.edges.length;
  var R = 6, FONT = "11px 'Liberation Sans', 'DejaVu Sans', Arial, sans-serif";
  var xs = new Float64Array(N), ys = new Float64Array(N), widths = new Float64Array(N);
  var typeOf = new Int32Array(N), labels = new Array(N), ids = new Array(N), lower = new Array(N);
  var hiddenType = new Uint8Array(data.types.length);
  var adj = new Array(N);
  var i;
  for (i = 0; i < N; i++) {
    var nd = data.nodes[i];
    ids[i] = nd[0]; labels[i] = nd[1]; typeOf[i] = nd[2]; xs[i] = nd[3]; ys[i] = nd[4];
    lower[i] = (nd[1] + " " + nd[0]).toLowerCase();
    adj[i] = [];
  }
  // parallel edges (either direction) are drawn once, labelled with every relation between the pair
  // a pair is drawn dashed when every edge between them rests on a hypothesis only
  var primary = new Uint8Array(E), dashed = new Uint8Array(E), edgeLabel = new Array(E), firstOfPair = {};
  for (i = 0; i < E; i++) {
    var ed0 = data.edges[i], a = ed0[0], b = ed0[1], hyp = ed0[3] && ed0[3].dashed ? 1 : 0;
    adj[a].push(i); adj[b].push(i);
    var key = a < b ? a + " " + b : b + " " + a, first = firstOfPair[key];
    if (first === undefined) { firstOfPair[key] = i; primary[i] = 1; dashed[i] = hyp; edgeLabel[i] = data.relations[ed0[2]]; }
    else {
      dashed[first] = dashed[first] && hyp;
      if (edgeLabel[first].split(" / ").indexOf(data.relations[ed0[2]]) < 0) edgeLabel[first] += " / " + data.relations[ed0[2]];
    }
  }
  var seeds = {};
  data.seeds.forEach(function (s) { seeds[s] = true; });

  var canvas = document.getElementById("canvas");
  var ctx = canvas.getContext("2d");
  var tip = document.getElementById("tip");
  var dpr = window.devicePixelRatio || 1;
  var W = 0, H = 0, scale = 1, tx = 0, ty = 0;
  var selected = -1, hover = -1, matches = [], matchSet = {};
  var pending = false, firstFrame = true, labelsOn = true;

  ctx.font = FONT;
  for (i = 0; i < N; i++) widths[i] = ctx.measureText(labels[i]).width;

  function resize() {
    var r = canvas.getBoundingClientRect();
    W = Math.max(1, r.width); H = Math.max(1, r.height);
    canvas.width = Math.round(W * dpr); canvas.height = Math.round(H * dpr);
  }

  function fit() {
    if (!N) { scale = 1; tx = 20; ty = 40; return; }
    var x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
    for (var k = 0; k < N; k++) {
      if (hiddenType[typeOf[k]]) continue;
      x0 = Math.min(x0, xs[k] - 10); x1 = Math.max(x1, xs[k] + widths[k] + 10);
      y0 = Math.min(y0, ys[k] - 10); y1 = Math.max(y1, ys[k] + 10);
    }
    if (x0 === Infinity) { x0 = 0; y0 = 0; x1 = 100; y1 = 100; }
    y0 -= 36;
    scale = Math.min(2, Math.min((W - 30) / (x1 - x0), (H - 30) / (y1 - y0)));
    tx = (W - (x1 - x0) * scale) / 2 - x0 * scale;
    ty = (H - (y1 - y0) * scale) / 2 - y0 * scale;
  }

  // when the world is too small to label everything, label what fits on screen at a readable size:
  // the seeds first, then the best-connected nodes, never overlapping an earlier label
  function screenLabels(onScreen) {
    var order = onScreen.slice().sort(function (p, q) {
      return (seeds[q] ? 1 : 0) - (seeds[p] ? 1 : 0) || adj[q].length - adj[p].length;
    });
    var boxes = [], n = 0, font = "11px 'Liberation Sans', 'DejaVu Sans', Arial, sans-serif";
    ctx.save();
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.font = font; ctx.textBaseline = "middle"; ctx.lineWidth = 3; ctx.strokeStyle = "rgba(255,255,255,0.9)";
    for (var j = 0; j < order.length && n < 400; j++) {
      var k = order[j], sx = xs[k] * scale + tx + 8, sy = ys[k] * scale + ty, w = widths[k];
      var box = [sx, sy - 7, sx + w, sy + 7], clash = false;
      for (var b = 0; b < boxes.length && !clash; b++) {
        var o = boxes[b];
        clash = box[0] < o[2] && o[0] < box[2] && box[1] < o[3] && o[1] < box[3];
      }
      if (clash || sx > W || sy < 0 || sy > H) continue;
      boxes.push(box);
      ctx.fillStyle = selected >= 0 && !(k === selected) ? "#999" : "#111";
      ctx.strokeText(labels[k], sx, sy); ctx.fillText(labels[k], sx, sy);
      n++;
    }
    ctx.restore();
    return n;
  }

  function request() {
    if (!pending) { pending = true; window.requestAnimationFrame(draw); }
  }

  // edge geometry: out of the right end of a label, into the left of the marker (as the SVG export)
  function edgeEnds(e) {
    var s = e[0], t = e[1], x1, y1 = ys[s], x2, y2 = ys[t], c1x, c2x;
    if (Math.abs(xs[s] - xs[t]) < 1) {
      x1 = xs[s] - 8; x2 = xs[t] - 8;
      var bend = 30 + Math.min(120, Math.abs(y2 - y1) / 4);
      c1x = x1 - bend; c2x = x2 - bend;
    } else if (xs[s] < xs[t]) {
      x1 = xs[s] + (labelsOn ? widths[s] + 14 : 8); x2 = xs[t] - 8;
      c1x = x1 + (x2 - x1) * 0.45; c2x = x2 - (x2 - x1) * 0.45;
    } else {
      x1 = xs[s] - 8; x2 = xs[t] + (labelsOn ? widths[t] + 14 : 8);
      c1x = x1 + (x2 - x1) * 0.45; c2x = x2 - (x2 - x1) * 0.45;
    }
    return [x1, y1, c1x, y1, c2x, y2, x2, y2];
  }

  function shapePath(shape, x, y, r) {
    var k, a;
    if (shape === "circle") { ctx.moveTo(x + r, y); ctx.arc(x, y, r, 0, 2 * Math.PI); return; }
    var pts;
    if (shape === "square") { var q = r * 0.9; pts = [x - q, y - q, x + q, y - q, x + q, y + q, x - q, y + q]; }
    else if (shape === "diamond") pts = [x, y - r * 1.2, x + r * 1.2, y, x, y + r * 1.2, x - r * 1.2, y];
    else if (shape === "triangle") pts = [x, y - r * 1.2, x + r * 1.1, y + r * 0.8, x - r * 1.1, y + r * 0.8];
    else if (shape === "invtriangle") pts = [x, y + r * 1.2, x + r * 1.1, y - r * 0.8, x - r * 1.1, y - r * 0.8];
    else { pts = []; for (k = 0; k < 6; k++) { a = k * Math.PI / 3; pts.push(x + r * 1.1 * Math.cos(a), y + r * 1.1 * Math.sin(a)); } }
    ctx.moveTo(pts[0], pts[1]);
    for (k = 2; k < pts.length; k += 2) ctx.lineTo(pts[k], pts[k + 1]);
    ctx.closePath();
  }

  function visibleNode(k) { return !hiddenType[typeOf[k]]; }

  function draw() {
    pending = false;
    var t0 = performance.now();
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.fillStyle = "#fff"; ctx.fillRect(0, 0, W, H);
    ctx.setTransform(dpr * scale, 0, 0, dpr * scale, dpr * tx, dpr * ty);
    var vx0 = -tx / scale, vy0 = -ty / scale, vx1 = (W - tx) / scale, vy1 = (H - ty) / scale;
    var px = 1 / scale;
    var near = {};
    if (selected >= 0) {
      near[selected] = true;
      adj[selected].forEach(function (ei) { near[data.edges[ei][0]] = true; near[data.edges[ei][1]] = true; });
    }
    var smallGraph = N <= data.labelNodes, onScreen = [], k;
    for (k = 0; k < N; k++) {
      if (!visibleNode(k)) continue;
      if (xs[k] + widths[k] + 12 < vx0 || xs[k] - 12 > vx1 || ys[k] + 12 < vy0 || ys[k] - 12 > vy1) continue;
      onScreen.push(k);
    }
    var showLabels = scale >= 0.45 && onScreen.length <= (smallGraph ? 3000 : 1500);
    labelsOn = showLabels;
    // column titles
    ctx.font = "bold 13px 'Liberation Sans', 'DejaVu Sans', Arial, sans-serif";
    ctx.fillStyle = "#555"; ctx.textBaseline = "alphabetic";
    data.columns.forEach(function (c) { ctx.fillText(c[0], c[1], -22); });
    // edges
    var visEdges = [], e, g;
    for (k = 0; k < E; k++) {
      e = data.edges[k];
      if (!primary[k]) continue;
      if (!visibleNode(e[0]) || !visibleNode(e[1])) continue;
      g = edgeEnds(e);
      var ex0 = Math.min(g[0], g[2], g[4], g[6]), ex1 = Math.max(g[0], g[2], g[4], g[6]);
      var ey0 = Math.min(g[1], g[7]), ey1 = Math.max(g[1], g[7]);
      if (ex1 < vx0 || ex0 > vx1 || ey1 < vy0 || ey0 > vy1) continue;
      visEdges.push(k);
    }
    var focusEdges = [];
    ctx.lineWidth = Math.max(0.6, 0.9 * px);
    ctx.strokeStyle = selected >= 0 ? "rgba(140,140,140,0.18)" : "rgba(120,120,120,0.5)";
    [0, 1].forEach(function (dash) {  // solid edges, then dashed ones (hypotheses)
      ctx.setLineDash(dash ? [5 * px, 3 * px] : []);
      ctx.beginPath();
      visEdges.forEach(function (ki) {
        var ed = data.edges[ki];
        if (dashed[ki] !== dash) return;
        if (selected >= 0 && (ed[0] === selected || ed[1] === selected)) { if (!dash) focusEdges.push(ki); return; }
        var q = edgeEnds(ed);
        ctx.moveTo(q[0], q[1]); ctx.bezierCurveTo(q[2], q[3], q[4], q[5], q[6], q[7]);
      });
      ctx.stroke();
    });
    ctx.setLineDash([]);
    visEdges.forEach(function (ki) {
      var ed = data.edges[ki];
      if (dashed[ki] && selected >= 0 && (ed[0] === selected || ed[1] === selected)) focusEdges.push(ki);
    });
    if (focusEdges.length) {
      ctx.strokeStyle = "rgba(30,60,140,0.85)"; ctx.lineWidth = Math.max(1.2, 1.6 * px);
      ctx.beginPath();
      focusEdges.forEach(function (ki) {
        var q = edgeEnds(data.edges[ki]);
        ctx.moveTo(q[0], q[1]); ctx.bezierCurveTo(q[2], q[3], q[4], q[5], q[6], q[7]);
      });
      ctx.stroke();
    }
    // arrow heads and relation labels once edges are large enough to read
    var showEdgeLabels = selected < 0 && scale >= 0.55 && visEdges.length <= (smallGraph ? 250 : 150);
    if (scale >= 0.35 && visEdges.length <= 4000) {
      ctx.fillStyle = "rgba(110,110,110,0.8)";
      ctx.beginPath();
      visEdges.forEach(function (ki) {
        var q = edgeEnds(data.edges[ki]), dir = q[6] >= q[4] ? 1 : -1;
        ctx.moveTo(q[6], q[7]); ctx.lineTo(q[6] - 6 * dir, q[7] - 3); ctx.lineTo(q[6] - 6 * dir, q[7] + 3); ctx.closePath();
      });
      ctx.fill();
    }
    var labelled = showEdgeLabels ? visEdges : focusEdges;
    if (labelled.length && scale >= 0.3) {
      ctx.font = "9px 'Liberation Sans', 'DejaVu Sans', Arial, sans-serif";
      ctx.textAlign = "center"; ctx.lineWidth = 3; ctx.strokeStyle = "rgba(255,255,255,0.9)";
      labelled.forEach(function (ki) {
        var ed = data.edges[ki], q = edgeEnds(ed), text = edgeLabel[ki];
        var mx = 0.125 * q[0] + 0.375 * q[2] + 0.375 * q[4] + 0.125 * q[6], my = 0.5 * (q[1] + q[7]) - 2;
        ctx.strokeText(text, mx, my);
        ctx.fillStyle = focusEdges.indexOf(ki) >= 0 ? "#1e3c8c" : "#666";
        ctx.fillText(text, mx, my);
      });
      ctx.textAlign = "start";
    }
    // nodes, batched by type
    var r = Math.max(R, 1.6 * px), drawn = 0;
    var byType = {};
    onScreen.forEach(function (k2) { (byType[typeOf[k2]] = byType[typeOf[k2]] || []).push(k2); });
    ctx.lineWidth = Math.max(0.5, 0.8 * px); ctx.strokeStyle = "#333";
    Object.keys(byType).forEach(function (t) {
      var style = data.types[t];
      ctx.fillStyle = style[1];
      ctx.beginPath();
      byType[t].forEach(function (k2) {
        var rr = seeds[k2] ? r * 1.35 : r;
        shapePath(style[2], xs[k2], ys[k2], rr);
      });
      ctx.globalAlpha = selected >= 0 ? 0.45 : 1;
      ctx.fill(); ctx.stroke();
      ctx.globalAlpha = 1;
      drawn += byType[t].length;
    });
    // emphasis: neighbours of the selection, search matches, hover
    var ring = function (k2, colour, width) {
      ctx.beginPath(); ctx.lineWidth = width * px; ctx.strokeStyle = colour;
      ctx.arc(xs[k2], ys[k2], r + 4 * px + 2, 0, 2 * Math.PI); ctx.stroke();
    };
    if (selected >= 0) {
      Object.keys(near).forEach(function (s) {
        var k2 = +s, style = data.types[typeOf[k2]];
        if (!visibleNode(k2)) return;
        ctx.beginPath(); ctx.fillStyle = style[1]; shapePath(style[2], xs[k2], ys[k2], seeds[k2] ? r * 1.35 : r);
        ctx.lineWidth = Math.max(0.5, 0.8 * px); ctx.strokeStyle = "#333"; ctx.fill(); ctx.stroke();
      });
      ring(selected, "#1e3c8c", 2.5);
    }
    matches.forEach(function (k2) { if (visibleNode(k2)) ring(k2, "#f59e0b", 2.5); });
    if (hover >= 0) ring(hover, "#555", 1.5);
    // labels when readable
    ctx.font = FONT; ctx.textBaseline = "middle"; ctx.lineWidth = 3; ctx.strokeStyle = "rgba(255,255,255,0.9)";
    var labelled = 0;
    onScreen.forEach(function (k2) {
      var emph = near[k2] || matchSet[k2] || k2 === hover || seeds[k2];
      if (!(showLabels || (emph && scale >= 0.2))) return;
      ctx.font = seeds[k2] || k2 === selected ? "bold " + FONT : FONT;
      ctx.fillStyle = selected >= 0 && !near[k2] ? "#999" : "#111";
      ctx.strokeText(labels[k2], xs[k2] + 10, ys[k2]);
      ctx.fillText(labels[k2], xs[k2] + 10, ys[k2]);
      labelled++;
    });
    if (!showLabels && scale >= 0.08) labelled += screenLabels(onScreen);
    root.dataset.labelled = String(labelled);
    ctx.textBaseline = "alphabetic";
    root.dataset.drawn = String(drawn);
    root.dataset.frameMs = (performance.now() - t0).toFixed(1);
    if (firstFrame) {
      firstFrame = false;
      root.dataset.nodes = String(N);
      root.dataset.edges = String(E);
      root.dataset.renderMs = performance.now().toFixed(1);
      root.dataset.ready = "1";
    }
  }

  // -- hit testing and pointer handling ---------------------------------------------------------
  function toWorld(cx, cy) { return [(cx - tx) / scale, (cy - ty) / scale]; }
  function hit(cx, cy) {
    var w = toWorld(cx, cy), best = -1, bestD = Infinity, slack = Math.max(4, 4 / scale);
    for (var k = 0; k < N; k++) {
      if (!visibleNode(k)) continue;
      var dy = Math.abs(w[1] - ys[k]);
      if (dy > R + slack) continue;
      var dx = w[0] - xs[k];
      if (dx < -(R + slack) || dx > widths[k] + 12) continue;
      var d = dy + Math.max(0, Math.abs(dx) - R);
      if (d < bestD) { bestD = d; best = k; }
    }
    return best;
  }
  var drag = null;
  canvas.addEventListener("pointerdown", function (ev) {
    var r0 = canvas.getBoundingClientRect(), cx = ev.clientX - r0.left, cy = ev.clientY - r0.top;
    var k = hit(cx, cy);
    drag = { node: k, sx: ev.clientX, sy: ev.clientY, lx: ev.clientX, ly: ev.clientY, moved: false };
    canvas.setPointerCapture(ev.pointerId);
    canvas.classList.add("dragging");
  });
  canvas.addEventListener("pointermove", function (ev) {
    var r0 = canvas.getBoundingClientRect(), cx = ev.clientX - r0.left, cy = ev.clientY - r0.top;
    if (drag) {
      var dx = ev.clientX - drag.lx, dy = ev.clientY - drag.ly;
      if (Math.abs(ev.clientX - drag.sx) + Math.abs(ev.clientY - drag.sy) > 3) drag.moved = true;
      drag.lx = ev.clientX; drag.ly = ev.clientY;
      if (drag.node >= 0) { xs[drag.node] += dx / scale; ys[drag.node] += dy / scale; }
      else { tx += dx; ty += dy; }
      tip.hidden = true;
      request();
      return;
    }
    var k = hit(cx, cy);
    if (k !== hover) { hover = k; request(); }
    if (k >= 0) showTip(k, cx, cy); else tip.hidden = true;
  });
  function endDrag(ev) {
    if (!drag) return;
    canvas.classList.remove("dragging");
    if (!drag.moved) select(drag.node);
    drag = null;
    if (ev && ev.pointerId !== undefined && canvas.hasPointerCapture(ev.pointerId)) canvas.releasePointerCapture(ev.pointerId);
  }
  canvas.addEventListener("pointerup", endDrag);
  canvas.addEventListener("pointercancel", endDrag);
  canvas.addEventListener("pointerleave", function () { if (!drag) { hover = -1; tip.hidden = true; request(); } });
  canvas.addEventListener("wheel", function (ev) {
    ev.preventDefault();
    var r0 = canvas.getBoundingClientRect();
    zoomAt(ev.clientX - r0.left, ev.clientY - r0.top, Math.exp(-ev.deltaY * 0.0015));
  }, { passive: false });
  function zoomAt(cx, cy, f) {
    var ns = Math.min(8, Math.max(0.01, scale * f));
    tx = cx - (cx - tx) * ns / scale; ty = cy - (cy - ty) * ns / scale; scale = ns;
    request();
  }
  document.getElementById("zoom-in").addEventListener("click", function () { zoomAt(W / 2, H / 2, 1.4); });
  document.getElementById("zoom-out").addEventListener("click", function () { zoomAt(W / 2, H / 2, 1 / 1.4); });
  document.getElementById("zoom-fit").addEventListener("click", function () { fit(); request(); });

  // -- tooltip and details ----------------------------------------------------------------------
  function el(tag, text, cls) {
    var x = document.createElement(tag);
    if (text !== undefined && text !== null) x.textContent = String(text);
    if (cls) x.className = cls;
    return x;
  }
  function typeName(k) { return data.types[typeOf[k]][0].replace(/_/g, " "); }
  function showTip(k, cx, cy) {
    var extra = data.nodes[k][5] || {};
    tip.textContent = "";
    tip.appendChild(el("b", labels[k]));
    tip.appendChild(document.createTextNode(" [" + typeName(k) + "]\n" + ids[k]));
    if (extra.level) tip.appendChild(document.createTextNode("\nevidence level: " + extra.level));
    if (extra.evidence) {
      var lines = String(extra.evidence).split("\n");
      tip.appendChild(document.createTextNode("\n" + lines.slice(0, 4).join("\n") + (lines.length > 4 ? "\n\u2026 (" + lines.length + " items; click for all)" : "")));
    }
    tip.hidden = false;
    var w = tip.offsetWidth, h = tip.offsetHeight;
    tip.style.left = Math.min(cx + 14, W - w - 4) + "px";
    tip.style.top = Math.min(cy + 14, H - h - 4) + "px";
  }
  var details = document.getElementById("details");
  function select(k) {
    selected = k;
    details.textContent = "";
    if (k < 0) { details.appendChild(el("p", "Nothing selected.", "hint")); request(); return; }
    var nd = data.nodes[k], extra = nd[5] || {};
    details.appendChild(el("h3", labels[k]));
    var table = el("table"), row = function (key, value) {
      var tr = el("tr"); tr.appendChild(el("th", key)); tr.appendChild(el("td", value)); table.appendChild(tr);
    };
    row("type", typeName(k)); row("id", ids[k]);
    Object.keys(extra).forEach(function (key) { row(key, extra[key]); });
    details.appendChild(table);
    var ul = el("ul");
    adj[k].slice(0, 300).forEach(function (ei) {
      var ed = data.edges[ei], out = ed[0] === k, other = out ? ed[1] : ed[0];
      var li = el("li");
      li.appendChild(el("span", (out ? "\u2192 " : "\u2190 ") + data.relations[ed[2]] + " ", "rel"));
      li.appendChild(document.createTextNode(labels[other]));
      if (ed[3] && ed[3].level) li.appendChild(el("span", " (" + ed[3].level + ")", "rel"));
      li.addEventListener("click", function () { focusNode(other); });
      ul.appendChild(li);
    });
    details.appendChild(el("h2", "links (" + adj[k].length + ")"));
    details.appendChild(ul);
    request();
  }
  function focusNode(k) {
    if (hiddenType[typeOf[k]]) { hiddenType[typeOf[k]] = 0; buildLegend(); }
    var ns = Math.max(scale, 1.2);
    scale = ns; tx = W / 2 - xs[k] * ns; ty = H / 2 - ys[k] * ns;
    select(k);
  }

  // -- search -----------------------------------------------------------------------------------
  var search = document.getElementById("search"), list = document.getElementById("matches");
  search.addEventListener("input", function () {
    var q = search.value.trim().toLowerCase();
    matches = []; matchSet = {};
    list.textContent = "";
    if (q) {
      for (var k = 0; k < N; k++) if (lower[k].indexOf(q) >= 0) { matches.push(k); matchSet[k] = true; }
      var rankOf = function (k2) { var l = labels[k2].toLowerCase(); return l === q ? 0 : l.indexOf(q) === 0 ? 1 : 2; };
      matches.sort(function (a, b) { return rankOf(a) - rankOf(b) || (labels[a] < labels[b] ? -1 : labels[a] > labels[b] ? 1 : 0); });
      matches.slice(0, 30).forEach(function (k2) {
        var li = el("li", labels[k2] + "  \u00b7 " + typeName(k2));
        li.title = ids[k2];
        li.addEventListener("click", function () { focusNode(k2); });
        list.appendChild(li);
      });
      if (matches.length > 30) list.appendChild(el("li", "\u2026 " + (matches.length - 30) + " more", "more"));
      if (!matches.length) list.appendChild(el("li", "no match", "more"));
    }
    root.dataset.matches = String(matches.length);
    request();
  });
  search.addEventListener("keydown", function (ev) {
    if (ev.key === "Enter" && matches.length) focusNode(matches[0]);
  });

  // -- legend -----------------------------------------------------------------------------------
  var legend = document.getElementById("legend");
  var SVGNS = "http://www.w3.org/2000/svg";
  function swatch(style) {
    var svg = document.createElementNS(SVGNS, "svg");
    svg.setAttribute("width", "16"); svg.setAttribute("height", "16");
    var shape = style[2], p;
    if (shape === "circle") { p = document.createElementNS(SVGNS, "circle"); p.setAttribute("cx", "8"); p.setAttribute("cy", "8"); p.setAttribute("r", "5.5"); }
    else {
      var pts = { square: "3,3 13,3 13,13 3,13", diamond: "8,1 15,8 8,15 1,8", triangle: "8,1 15,13 1,13",
                  invtriangle: "8,15 15,3 1,3", hexagon: "14.5,8 11.3,13.6 4.7,13.6 1.5,8 4.7,2.4 11.3,2.4" }[shape] || "3,3 13,3 13,13 3,13";
      p = document.createElementNS(SVGNS, "polygon"); p.setAttribute("points", pts);
    }
    p.setAttribute("fill", style[1]); p.setAttribute("stroke", "#333"); p.setAttribute("stroke-width", "0.8");
    svg.appendChild(p);
    return svg;
  }
  var perType = new Int32Array(data.types.length);
  for (i = 0; i < N; i++) perType[typeOf[i]]++;
  function buildLegend() {
    legend.textContent = "";
    data.types.forEach(function (style, t) {
      var li = el("li", null, hiddenType[t] ? "off" : "");
      li.title = "click to hide or show";
      li.appendChild(swatch(style));
      li.appendChild(el("span", style[0].replace(/_/g, " ")));
      li.appendChild(el("span", perType[t], "n"));
      li.addEventListener("click", function () { hiddenType[t] = hiddenType[t] ? 0 : 1; buildLegend(); request(); });
      legend.appendChild(li);
    });
  }
  buildLegend();
  document.getElementById("counts").textContent = N + " nodes, " + E + " edges";

  window.addEventListener("resize", function () { resize(); request(); });
  resize();
  fit();
  draw();
})();
