// code-graph's interactive view: a canvas force layout over the picture inlined in the page.
// No dependencies. Repulsion is computed on a spatial grid (only nearby nodes push each other)
// and the simulation runs a fixed number of steps in small slices per frame, so a few
// thousand nodes lay out without freezing the page.
(function () {
  "use strict";

  const SLICE_MS = 14; // simulation time per animation frame
  const LINK = 46; // spring rest length
  const CELL = 70; // repulsion reach (grid cell size)
  const RADIUS = 6;
  const NOUNS = {
    file: ["Imports", "Imported by", "Symbols"],
    package: ["Depends on", "Used by", "Package"],
    symbol: ["Uses", "Used by", "Definition"],
  };

  const data = JSON.parse(document.getElementById("graph-data").textContent);
  const STEPS = data.nodes.length > 1000 ? 160 : 320; // simulation steps in all
  const canvas = document.getElementById("canvas");
  const context = canvas.getContext("2d");
  const nouns = NOUNS[data.level] || NOUNS.file;

  const nodes = data.nodes.map((node, index) => ({
    ...node, index, x: 0, y: 0, vx: 0, vy: 0, pinned: false, out: [], in: [],
  }));
  const edges = data.edges.map(([source, target, typeOnly, cycle, count]) => ({
    source: nodes[source], target: nodes[target], typeOnly, cycle, count,
  }));
  for (const edge of edges) {
    edge.source.out.push(edge);
    edge.target.in.push(edge);
  }
  const groups = new Map();
  for (const node of nodes) {
    if (!groups.has(node.group)) {
      groups.set(node.group, { name: node.group, members: [], collapsed: false, x: 0, y: 0 });
    }
    groups.get(node.group).members.push(node);
  }
  [...groups.values()].forEach((group, index) => {
    group.colour = `hsl(${(index * 137.508) % 360}, 58%, 52%)`;
  });

  const view = { x: 0, y: 0, k: 1 };
  let selected = null;
  let hovered = null;
  let matches = new Set();
  let step = 0;
  let dirty = true;

  // -- layout ---------------------------------------------------------------------------------

  function placeInitially() {
    const ordered = [...groups.values()].sort((a, b) => b.members.length - a.members.length);
    const spread = 30 * Math.sqrt(ordered.length ? ordered[0].members.length : 1) + 40;
    ordered.forEach((group, g) => {
      const ring = spread * Math.sqrt(g) * 1.4;
      const cx = ring * Math.cos(g * 2.39996);
      const cy = ring * Math.sin(g * 2.39996);
      group.members.forEach((node, n) => {
        const r = 14 * Math.sqrt(n);
        node.x = cx + r * Math.cos(n * 2.39996);
        node.y = cy + r * Math.sin(n * 2.39996);
      });
    });
  }

  function simulate(alpha) {
    const grid = new Map();
    for (const node of nodes) {
      const key = cellKey(Math.floor(node.x / CELL), Math.floor(node.y / CELL));
      const bucket = grid.get(key);
      if (bucket) bucket.push(node); else grid.set(key, [node]);
    }
    const push = 900 * alpha;
    for (const node of nodes) {
      const gx = Math.floor(node.x / CELL);
      const gy = Math.floor(node.y / CELL);
      for (let dx = -1; dx <= 1; dx++) {
        for (let dy = -1; dy <= 1; dy++) {
          const bucket = grid.get(cellKey(gx + dx, gy + dy));
          if (!bucket) continue;
          for (const other of bucket) {
            if (other.index <= node.index) continue;
            let ddx = node.x - other.x;
            let ddy = node.y - other.y;
            let d2 = ddx * ddx + ddy * ddy;
            if (d2 > CELL * CELL) continue;
            if (d2 < 0.01) { ddx = Math.random() - 0.5; ddy = Math.random() - 0.5; d2 = 0.5; }
            const f = push / d2;
            node.vx += ddx * f; node.vy += ddy * f;
            other.vx -= ddx * f; other.vy -= ddy * f;
          }
        }
      }
    }
    for (const edge of edges) {
      const a = edge.source;
      const b = edge.target;
      const dx = b.x - a.x;
      const dy = b.y - a.y;
      const d = Math.sqrt(dx * dx + dy * dy) || 1;
      const f = ((d - LINK) / d) * 0.06 * alpha;
      a.vx += dx * f; a.vy += dy * f;
      b.vx -= dx * f; b.vy -= dy * f;
    }
    for (const group of groups.values()) {
      let sx = 0;
      let sy = 0;
      for (const node of group.members) { sx += node.x; sy += node.y; }
      group.x = sx / group.members.length;
      group.y = sy / group.members.length;
      for (const node of group.members) {
        node.vx += (group.x - node.x) * 0.03 * alpha;
        node.vy += (group.y - node.y) * 0.03 * alpha;
      }
    }
    for (const node of nodes) {
      node.vx -= node.x * 0.004 * alpha;
      node.vy -= node.y * 0.004 * alpha;
      if (node.pinned) { node.vx = 0; node.vy = 0; continue; }
      node.vx *= 0.55; node.vy *= 0.55;
      const speed = Math.hypot(node.vx, node.vy);
      if (speed > 30) { node.vx *= 30 / speed; node.vy *= 30 / speed; }
      node.x += node.vx; node.y += node.vy;
    }
  }

  function cellKey(gx, gy) {
    return (gx + 32768) * 65536 + (gy + 32768);
  }

  function run() {
    const started = performance.now();
    while (step < STEPS && performance.now() - started < SLICE_MS) {
      simulate(Math.max(0.02, 1 - step / STEPS));
      step++;
    }
    updateGroupCentres();
    if (step >= STEPS) {
      fit();
      document.body.dataset.ready = "true";
    } else {
      if (step < 40) fit();
      requestAnimationFrame(run);
    }
    dirty = true;
  }

  function updateGroupCentres() {
    for (const group of groups.values()) {
      let sx = 0;
      let sy = 0;
      for (const node of group.members) { sx += node.x; sy += node.y; }
      group.x = sx / group.members.length;
      group.y = sy / group.members.length;
    }
  }

  // -- what is visible: collapsed groups stand in for their members ------------------------------

  function shown(node) {
    const group = groups.get(node.group);
    return group.collapsed ? group : node;
  }

  function groupRadius(group) {
    return RADIUS + 3 * Math.sqrt(group.members.length);
  }

  function visibleItems() {
    const items = [];
    for (const group of groups.values()) {
      if (group.collapsed) items.push(group); else items.push(...group.members);
    }
    return items;
  }

  // -- drawing --------------------------------------------------------------------------------

  function resize() {
    const ratio = window.devicePixelRatio || 1;
    const box = canvas.getBoundingClientRect();
    canvas.width = Math.max(1, Math.round(box.width * ratio));
    canvas.height = Math.max(1, Math.round(box.height * ratio));
    dirty = true;
  }

  function fit() {
    const items = visibleItems();
    if (!items.length) return;
    let minX = Infinity; let minY = Infinity; let maxX = -Infinity; let maxY = -Infinity;
    for (const item of items) {
      minX = Math.min(minX, item.x); maxX = Math.max(maxX, item.x);
      minY = Math.min(minY, item.y); maxY = Math.max(maxY, item.y);
    }
    const box = canvas.getBoundingClientRect();
    const margin = { left: 30, right: 130, top: 30, bottom: 60 }; // room for labels and legend
    const k = Math.min(
      (box.width - margin.left - margin.right) / Math.max(maxX - minX, 1),
      (box.height - margin.top - margin.bottom) / Math.max(maxY - minY, 1),
    );
    view.k = Math.max(0.02, Math.min(2.5, k));
    view.x = margin.left + (box.width - margin.left - margin.right) / 2 - view.k * (minX + maxX) / 2;
    view.y = margin.top + (box.height - margin.top - margin.bottom) / 2 - view.k * (minY + maxY) / 2;
    dirty = true;
  }

  function neighbours(node) {
    const near = new Set([node]);
    for (const edge of node.out) near.add(edge.target);
    for (const edge of node.in) near.add(edge.source);
    return near;
  }

  function draw() {
    const ratio = window.devicePixelRatio || 1;
    context.setTransform(1, 0, 0, 1, 0, 0);
    context.clearRect(0, 0, canvas.width, canvas.height);
    context.setTransform(ratio * view.k, 0, 0, ratio * view.k, ratio * view.x, ratio * view.y);
    const near = selected && !selected.members ? neighbours(selected) : null;
    drawEdges(near);
    drawNodes(near);
  }

  function drawEdges(near) {
    const styles = [
      { key: "runtime", colour: "#6e7781", dash: [] },
      { key: "type", colour: "#a0a8b0", dash: [5, 4] },
      { key: "cycle", colour: "#d62728", dash: [] },
      { key: "cycleType", colour: "#d62728", dash: [5, 4] },
    ];
    const seen = new Set();
    const batches = { runtime: [], type: [], cycle: [], cycleType: [] };
    const faded = { runtime: [], type: [], cycle: [], cycleType: [] };
    for (const edge of edges) {
      const a = shown(edge.source);
      const b = shown(edge.target);
      if (a === b) continue;
      const style = edge.cycle ? (edge.typeOnly ? "cycleType" : "cycle") : (edge.typeOnly ? "type" : "runtime");
      const key = `${a.members ? a.name : a.index}|${b.members ? b.name : b.index}|${style}`;
      if ((a.members || b.members) && seen.has(key)) continue;
      seen.add(key);
      const dim = near && !(near.has(edge.source) && near.has(edge.target) && (edge.source === selected || edge.target === selected));
      (dim ? faded : batches)[style].push([a, b]);
    }
    const arrows = view.k > 0.45 && edges.length < 6000;
    for (const [set, alpha] of [[faded, 0.12], [batches, near ? 1 : 0.75]]) {
      context.globalAlpha = alpha;
      for (const style of styles) {
        const lines = set[style.key];
        if (!lines.length) continue;
        context.strokeStyle = style.colour;
        context.fillStyle = style.colour;
        context.lineWidth = (style.key.startsWith("cycle") ? 2.2 : 1.1) / view.k;
        context.setLineDash(style.dash.map((v) => v / view.k));
        context.beginPath();
        for (const [a, b] of lines) { context.moveTo(a.x, a.y); context.lineTo(b.x, b.y); }
        context.stroke();
        if (arrows) {
          context.setLineDash([]);
          context.beginPath();
          for (const [a, b] of lines) arrowHead(a, b);
          context.fill();
        }
      }
    }
    context.globalAlpha = 1;
    context.setLineDash([]);
  }

  function arrowHead(a, b) {
    const dx = b.x - a.x;
    const dy = b.y - a.y;
    const d = Math.hypot(dx, dy) || 1;
    const ux = dx / d;
    const uy = dy / d;
    const reach = (b.members ? groupRadius(b) : radius(b)) + 1;
    const tipX = b.x - ux * reach;
    const tipY = b.y - uy * reach;
    const size = 7 / Math.max(view.k, 0.6);
    context.moveTo(tipX, tipY);
    context.lineTo(tipX - ux * size - uy * size * 0.45, tipY - uy * size + ux * size * 0.45);
    context.lineTo(tipX - ux * size + uy * size * 0.45, tipY - uy * size - ux * size * 0.45);
    context.closePath();
  }

  function radius(node) {
    return node.focus ? RADIUS * 1.6 : RADIUS;
  }

  function drawNodes(near) {
    const items = visibleItems();
    const labelAll = view.k > 0.9 || items.length * view.k < 60;
    context.font = `${12 / view.k}px system-ui, sans-serif`;
    context.textBaseline = "middle";
    for (const item of items) {
      const dim = near && !near.has(item);
      context.globalAlpha = dim ? 0.2 : 1;
      if (item.members) drawGroup(item); else drawNode(item);
    }
    for (const item of items) {
      const wanted = labelAll || item === selected || item === hovered || item.focus
        || matches.has(item) || (near && near.has(item)) || item.members;
      if (!wanted || (near && !near.has(item) && !item.members && item !== hovered)) continue;
      context.globalAlpha = near && !near.has(item) ? 0.35 : 1;
      const text = item.members ? `${item.name} (${item.members.length})` : item.label;
      const offset = (item.members ? groupRadius(item) : radius(item)) + 3 / view.k;
      context.lineWidth = 3 / view.k;
      context.strokeStyle = "rgba(255,255,255,0.9)";
      context.strokeText(text, item.x + offset, item.y);
      context.fillStyle = "#1f2328";
      context.fillText(text, item.x + offset, item.y);
    }
    context.globalAlpha = 1;
  }

  function drawNode(node) {
    const r = radius(node);
    context.beginPath();
    context.arc(node.x, node.y, r, 0, Math.PI * 2);
    context.fillStyle = node.focus ? "#ffe08a" : groups.get(node.group).colour;
    context.fill();
    context.lineWidth = (node.cycle || node.focus ? 2.4 : 1) / view.k;
    context.strokeStyle = node.cycle ? "#d62728" : node.focus ? "#8a6d00" : "#ffffff";
    context.stroke();
    if (node === selected || matches.has(node)) {
      context.beginPath();
      context.arc(node.x, node.y, r + 4 / view.k, 0, Math.PI * 2);
      context.lineWidth = 2 / view.k;
      context.strokeStyle = node === selected ? "#0969da" : "#bf8700";
      context.stroke();
    }
  }

  function drawGroup(group) {
    const r = groupRadius(group);
    context.beginPath();
    context.rect(group.x - r, group.y - r, 2 * r, 2 * r);
    context.fillStyle = group.colour;
    context.fill();
    context.lineWidth = (group === selected ? 3 : 1.5) / view.k;
    context.strokeStyle = group.members.some((n) => n.cycle) ? "#d62728" : "#57606a";
    context.stroke();
  }

  function frame() {
    if (dirty) { dirty = false; draw(); }
    requestAnimationFrame(frame);
  }

  // -- interaction ----------------------------------------------------------------------------

  function toWorld(event) {
    const box = canvas.getBoundingClientRect();
    return { x: (event.clientX - box.left - view.x) / view.k, y: (event.clientY - box.top - view.y) / view.k };
  }

  function hit(point) {
    const items = visibleItems();
    for (let i = items.length - 1; i >= 0; i--) {
      const item = items[i];
      const reach = (item.members ? groupRadius(item) : radius(item)) + 3 / view.k;
      if (Math.abs(item.x - point.x) <= reach && Math.abs(item.y - point.y) <= reach) return item;
    }
    return null;
  }

  let drag = null;
  canvas.addEventListener("pointerdown", (event) => {
    const point = toWorld(event);
    drag = { item: hit(point), startX: event.clientX, startY: event.clientY, moved: false };
    canvas.setPointerCapture(event.pointerId);
    canvas.classList.add("dragging");
  });
  canvas.addEventListener("pointermove", (event) => {
    if (!drag) {
      const over = hit(toWorld(event));
      if (over !== hovered) { hovered = over; dirty = true; }
      return;
    }
    if (Math.hypot(event.clientX - drag.startX, event.clientY - drag.startY) > 3) drag.moved = true;
    if (!drag.moved) return;
    if (drag.item && !drag.item.members) {
      const point = toWorld(event);
      drag.item.x = point.x; drag.item.y = point.y; drag.item.pinned = true;
    } else {
      view.x += event.movementX; view.y += event.movementY;
    }
    dirty = true;
  });
  canvas.addEventListener("pointerup", () => {
    if (drag && !drag.moved) select(drag.item, false);
    drag = null;
    canvas.classList.remove("dragging");
  });
  canvas.addEventListener("dblclick", (event) => {
    const item = hit(toWorld(event));
    if (!item) return;
    const group = item.members ? item : groups.get(item.group);
    setCollapsed(group, !group.collapsed);
  });
  canvas.addEventListener("wheel", (event) => {
    event.preventDefault();
    const box = canvas.getBoundingClientRect();
    const px = event.clientX - box.left;
    const py = event.clientY - box.top;
    const k = Math.max(0.02, Math.min(8, view.k * Math.exp(-event.deltaY * 0.0015)));
    view.x = px - ((px - view.x) * k) / view.k;
    view.y = py - ((py - view.y) * k) / view.k;
    view.k = k;
    dirty = true;
  }, { passive: false });
  window.addEventListener("resize", () => { resize(); });

  function centreOn(item) {
    const box = canvas.getBoundingClientRect();
    view.k = Math.max(view.k, 1);
    view.x = box.width / 2 - item.x * view.k;
    view.y = box.height / 2 - item.y * view.k;
    dirty = true;
  }

  // -- side panel -----------------------------------------------------------------------------

  const details = document.getElementById("details");
  const results = document.getElementById("results");
  const search = document.getElementById("search");

  function element(tag, text, className) {
    const created = document.createElement(tag);
    if (text !== undefined) created.textContent = text;
    if (className) created.className = className;
    return created;
  }

  function select(item, centre) {
    selected = item;
    dirty = true;
    details.replaceChildren();
    details.hidden = !item;
    if (!item) return;
    if (item.members) {
      details.append(element("h2", `${item.name}`), element("div", `${item.members.length} nodes, collapsed`, "meta"));
      details.append(nodeList("Members", item.members));
    } else {
      details.append(element("h2", item.label), element("div", item.id, "meta"));
      const tags = [item.kind, item.group];
      if (item.cycle) tags.push("on a cycle");
      if (item.focus) tags.push("focus");
      details.append(element("div", tags.join(" · "), "tag"));
      details.append(nodeList(nouns[0], item.out.map((edge) => edge.target), item.out));
      details.append(nodeList(nouns[1], item.in.map((edge) => edge.source), item.in));
      if (item.details.length) {
        details.append(element("h3", `${nouns[2]} (${item.details.length})`));
        const list = element("ul");
        for (const line of item.details) list.append(element("li", line, "symbol"));
        details.append(list);
      }
    }
    if (centre) centreOn(item);
  }

  function nodeList(title, targets, via) {
    const section = element("div");
    section.append(element("h3", `${title} (${targets.length})`));
    const list = element("ul");
    targets.forEach((target, i) => {
      const edge = via ? via[i] : null;
      const suffix = edge ? (edge.typeOnly ? " · type-only" : "") + (edge.cycle ? " · cycle" : "") : "";
      const entry = element("li", `${target.label}${suffix}`, "link");
      entry.title = target.id;
      entry.addEventListener("click", () => reveal(target));
      list.append(entry);
    });
    section.append(list);
    return section;
  }

  function reveal(node) {
    const group = groups.get(node.group);
    if (group.collapsed) setCollapsed(group, false);
    select(node, true);
  }

  function runSearch() {
    const query = search.value.trim().toLowerCase();
    results.replaceChildren();
    matches = new Set();
    if (query) {
      for (const node of nodes) {
        if (node.label.toLowerCase().includes(query) || node.id.toLowerCase().includes(query)) matches.add(node);
      }
    }
    results.dataset.count = String(matches.size);
    const shownMatches = [...matches].slice(0, 40);
    for (const node of shownMatches) {
      const entry = element("li", node.label);
      entry.title = node.id;
      entry.dataset.id = node.id;
      entry.append(element("span", ` ${node.group}`, "tag"));
      entry.addEventListener("click", () => reveal(node));
      results.append(entry);
    }
    if (matches.size > shownMatches.length) {
      results.append(element("li", `… ${matches.size - shownMatches.length} more`, "tag"));
    }
    dirty = true;
  }

  search.addEventListener("input", runSearch);
  search.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && matches.size) reveal(matches.values().next().value);
  });

  // -- groups ---------------------------------------------------------------------------------

  const groupList = document.getElementById("groups");
  const groupBoxes = new Map();

  function setCollapsed(group, collapsed) {
    group.collapsed = collapsed;
    groupBoxes.get(group).checked = collapsed;
    if (collapsed && selected && !selected.members && selected.group === group.name) select(group, false);
    if (!collapsed && selected === group) select(null, false);
    dirty = true;
  }

  for (const group of [...groups.values()].sort((a, b) => a.name.localeCompare(b.name))) {
    const entry = element("li");
    const box = element("input");
    box.type = "checkbox";
    box.title = "collapse";
    box.id = `group-${groupBoxes.size}`;
    box.addEventListener("change", () => setCollapsed(group, box.checked));
    groupBoxes.set(group, box);
    const swatch = element("span", undefined, "swatch");
    swatch.style.background = group.colour;
    const text = element("label", `${group.name} (${group.members.length})`);
    text.htmlFor = box.id;
    entry.append(box, swatch, text);
    groupList.append(entry);
  }
  document.getElementById("collapse-all").addEventListener("click", () => {
    for (const group of groups.values()) setCollapsed(group, true);
  });
  document.getElementById("expand-all").addEventListener("click", () => {
    for (const group of groups.values()) setCollapsed(group, false);
  });

  // -- start ----------------------------------------------------------------------------------

  document.getElementById("title").textContent = data.title;
  const stats = document.getElementById("stats");
  stats.textContent = `${nodes.length} nodes · ${edges.length} edges · ${groups.size} groups`;
  stats.dataset.nodes = String(nodes.length);
  stats.dataset.edges = String(edges.length);
  document.getElementById("note").textContent = data.note || "";
  resize();
  placeInitially();
  fit();
  const focus = nodes.find((node) => node.focus);
  if (focus) select(focus, false);
  requestAnimationFrame(run);
  requestAnimationFrame(frame);
})();
