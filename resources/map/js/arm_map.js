/*
 * ARM map page logic: live positions, person focus, tracks and the zone editor.
 *
 * Python calls ARM.* functions only through maps/bridge.py (arguments are JSON,
 * calls are queued until the page reported ready). Everything the page reports
 * back goes through the single QWebChannel object "armBridge".
 *
 * Live positions are drawn by one canvas layer (LiveLayer) rather than one DOM
 * or SVG element per person: updates only change data, and one redraw per
 * animation frame paints everything. Below `clusterBelowZoom` persons are
 * grouped in a screen-space grid; persons in alarm and the selected person are
 * never hidden inside a cluster.
 */
(function () {
  "use strict";

  const ARM = (window.ARM = {});
  let map = null;
  let bridge = null;
  let opts = {};
  let T = {}; // translated strings handed over by Python
  let attribution = ""; // the attribution line shown, replaced when the language changes

  const STATES = ["normal", "alarm", "nocomm", "fault"];
  const SEVERITY = { normal: 0, nocomm: 1, fault: 2, alarm: 3 };
  const STYLE = {
    normal: { fill: "#2e7d32", stroke: "#ffffff", r: 6 },
    alarm: { fill: "#d32f2f", stroke: "#ffffff", r: 8 },
    nocomm: { fill: "#8d8d8d", stroke: "#37474f", r: 6 },
    fault: { fill: "#f9a825", stroke: "#4e342e", r: 7 },
  };
  const TRACK_QUALITY = ["#2e7d32", "#f9a825", "#ef6c00", "#c62828"];
  const ZONE_STYLE = {
    exclusion: { color: "#c62828", fillColor: "#ef5350", fillOpacity: 0.18, weight: 2 },
    inclusion: { color: "#2e7d32", fillColor: "#66bb6a", fillOpacity: 0.05, weight: 2.5, dashArray: "10 6" },
    home: { color: "#1565c0", fillColor: "#42a5f5", fillOpacity: 0.16, weight: 2 },
  };

  function send(method, ...args) {
    if (bridge && typeof bridge[method] === "function") bridge[method](...args);
  }

  function fmt(template, values) {
    return String(template).replace(/\{(\w+)\}/g, (m, k) => (k in values ? values[k] : m));
  }

  function ageText(ms) {
    const s = Math.max(0, Math.round(ms / 1000));
    if (s < 60) return fmt(T.ageSeconds || "{n} s ago", { n: s });
    if (s < 3600) return fmt(T.ageMinutes || "{n} min ago", { n: Math.floor(s / 60) });
    if (s < 86400) return fmt(T.ageHours || "{n} h ago", { n: Math.floor(s / 3600) });
    return fmt(T.ageDays || "{n} d ago", { n: Math.floor(s / 86400) });
  }

  let timeFormat = null;
  function formatTime(ms) {
    // dd.mm.yyyy HH:MM:SS in the desk time zone, as everywhere else in the workstation
    if (!timeFormat) {
      try {
        timeFormat = new Intl.DateTimeFormat("ru-RU", { timeZone: opts.timeZone || "Asia/Almaty", day: "2-digit", month: "2-digit",
          year: "numeric", hour: "2-digit", minute: "2-digit", second: "2-digit", hour12: false });
      } catch (e) {
        timeFormat = new Intl.DateTimeFormat("ru-RU", { day: "2-digit", month: "2-digit", year: "numeric", hour: "2-digit",
          minute: "2-digit", second: "2-digit", hour12: false });
      }
    }
    return timeFormat.format(new Date(ms)).replace(",", "");
  }

  function escapeHtml(text) {
    return String(text).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);
  }

  // ------------------------------------------------------------------ live layer
  const persons = new Map(); // id -> {id, lat, lon, t, state, acc, label}
  const pendingLabels = new Map(); // labels that arrived before the first position
  const perf = { frames: 0, redraws: 0, drawMs: 0, maxDrawMs: 0, updates: 0, since: performance.now() };

  const LiveLayer = L.Layer.extend({
    onAdd: function (m) {
      this._canvas = L.DomUtil.create("canvas", "arm-live-canvas");
      m.getPane("armLive").appendChild(this._canvas);
      this._ctx = this._canvas.getContext("2d");
      this._singles = [];
      this._clusters = [];
      this._dirty = true;
      this._frame = null;
      m.on("move zoomend resize viewreset", this.schedule, this);
      m.on("zoomstart", this._hide, this);
      m.on("zoomend", this._show, this);
      this.schedule();
    },
    onRemove: function (m) {
      m.off("move zoomend resize viewreset", this.schedule, this);
      m.off("zoomstart", this._hide, this);
      m.off("zoomend", this._show, this);
      L.DomUtil.remove(this._canvas);
    },
    _hide: function () { this._canvas.style.visibility = "hidden"; },
    _show: function () { this._canvas.style.visibility = ""; this.schedule(); },
    schedule: function () {
      if (this._frame === null) this._frame = L.Util.requestAnimFrame(this._redraw, this);
    },
    _redraw: function () {
      this._frame = null;
      const t0 = performance.now();
      const size = map.getSize();
      const dpr = window.devicePixelRatio || 1;
      const c = this._canvas;
      if (c.width !== size.x * dpr || c.height !== size.y * dpr) {
        c.width = size.x * dpr;
        c.height = size.y * dpr;
        c.style.width = size.x + "px";
        c.style.height = size.y + "px";
      }
      L.DomUtil.setPosition(c, map.containerPointToLayerPoint([0, 0]));
      const ctx = this._ctx;
      ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
      ctx.clearRect(0, 0, size.x, size.y);
      const now = Date.now();
      const staleMs = (opts.staleAfterS || 600) * 1000;
      const cluster = map.getZoom() < (opts.clusterBelowZoom || 13);
      const margin = 20;
      const singles = [];
      const cells = new Map();
      const cellSize = 56;
      for (const p of persons.values()) {
        const pt = map.latLngToContainerPoint([p.lat, p.lon]);
        if (pt.x < -margin || pt.y < -margin || pt.x > size.x + margin || pt.y > size.y + margin) continue;
        const stale = now - p.t > staleMs;
        if (cluster && p.id !== selectedId) {
          const key = Math.floor(pt.x / cellSize) + ":" + Math.floor(pt.y / cellSize);
          let cell = cells.get(key);
          if (!cell) {
            cell = { n: 0, sx: 0, sy: 0, sev: 0, state: "normal", first: null, firstStale: false, firstPt: null,
                     alarms: 0, s: 90, w: 180, nn: -90, e: -180 };
            cells.set(key, cell);
          }
          cell.n++; cell.sx += pt.x; cell.sy += pt.y;
          if (p.state === "alarm") cell.alarms++;
          if (SEVERITY[p.state] > cell.sev) { cell.sev = SEVERITY[p.state]; cell.state = p.state; }
          if (cell.first === null) { cell.first = p; cell.firstStale = stale; cell.firstPt = pt; }
          cell.s = Math.min(cell.s, p.lat); cell.nn = Math.max(cell.nn, p.lat);
          cell.w = Math.min(cell.w, p.lon); cell.e = Math.max(cell.e, p.lon);
        } else {
          singles.push({ p: p, x: pt.x, y: pt.y, stale: stale });
        }
      }
      const clusters = [];
      for (const cell of cells.values()) {
        if (cell.n === 1) singles.push({ p: cell.first, x: cell.firstPt.x, y: cell.firstPt.y, stale: cell.firstStale });
        else clusters.push({ x: cell.sx / cell.n, y: cell.sy / cell.n, n: cell.n, state: cell.state,
                             alarms: cell.alarms, bounds: [[cell.s, cell.w], [cell.nn, cell.e]] });
      }
      this._drawClusters(ctx, clusters);
      this._drawSingles(ctx, singles);
      this._drawClusterLabels(ctx, clusters);
      this._singles = singles;
      this._clusters = clusters;
      const dt = performance.now() - t0;
      perf.redraws++;
      perf.drawMs += dt;
      perf.maxDrawMs = Math.max(perf.maxDrawMs, dt);
      if (selectedId !== null) updateSelectionLabel();
    },
    _drawClusters: function (ctx, clusters) {
      ctx.setLineDash([]);
      ctx.font = "bold 12px sans-serif";
      ctx.textAlign = "center";
      ctx.textBaseline = "middle";
      for (const cl of clusters) {
        const r = Math.min(26, 12 + Math.log10(cl.n) * 6);
        const st = STYLE[cl.state];
        ctx.beginPath();
        ctx.arc(cl.x, cl.y, r + 4, 0, 2 * Math.PI);
        ctx.fillStyle = st.fill + "55";
        ctx.fill();
        ctx.beginPath();
        ctx.arc(cl.x, cl.y, r, 0, 2 * Math.PI);
        ctx.fillStyle = st.fill;
        ctx.fill();
        ctx.lineWidth = 1.5;
        ctx.strokeStyle = "#ffffff";
        ctx.stroke();
        cl.r = r;
      }
    },
    _drawClusterLabels: function (ctx, clusters) {
      ctx.font = "bold 12px sans-serif";
      ctx.textAlign = "center";
      ctx.textBaseline = "middle";
      ctx.lineWidth = 3;
      ctx.lineJoin = "round";
      ctx.setLineDash([]);
      for (const cl of clusters) {
        const text = cl.n > 9999 ? Math.round(cl.n / 1000) + "k" : String(cl.n);
        ctx.strokeStyle = cl.state === "fault" ? "rgba(255,255,255,0.9)" : "rgba(0,0,0,0.55)";
        ctx.strokeText(text, cl.x, cl.y);
        ctx.fillStyle = cl.state === "fault" ? "#212121" : "#ffffff";
        ctx.fillText(text, cl.x, cl.y);
        if (cl.alarms) {
          // Persons in alarm inside a cluster: a red badge with their number, never hidden.
          const bx = cl.x + cl.r * 0.8, by = cl.y - cl.r * 0.8;
          const label = "!" + cl.alarms;
          const w = Math.max(18, ctx.measureText(label).width + 8);
          ctx.beginPath();
          ctx.roundRect ? ctx.roundRect(bx - w / 2, by - 9, w, 18, 9) : ctx.rect(bx - w / 2, by - 9, w, 18);
          ctx.fillStyle = "#b71c1c";
          ctx.fill();
          ctx.lineWidth = 2;
          ctx.strokeStyle = "#ffffff";
          ctx.stroke();
          ctx.fillStyle = "#ffffff";
          ctx.fillText(label, bx, by + 0.5);
        }
      }
    },
    _drawSingles: function (ctx, singles) {
      // One path per (state, stale) bucket: thousands of markers, a handful of fills.
      const buckets = new Map();
      for (const s of singles) {
        const key = s.p.state + (s.stale ? ":stale" : "");
        let b = buckets.get(key);
        if (!b) { b = []; buckets.set(key, b); }
        b.push(s);
      }
      const order = ["nocomm:stale", "nocomm", "normal:stale", "normal", "fault:stale", "fault", "alarm:stale", "alarm"];
      for (const key of order) {
        const b = buckets.get(key);
        if (!b) continue;
        const [state, staleFlag] = key.split(":");
        const st = STYLE[state];
        const stale = staleFlag === "stale";
        if (state === "alarm") {
          ctx.beginPath();
          for (const s of b) { ctx.moveTo(s.x + st.r + 5, s.y); ctx.arc(s.x, s.y, st.r + 5, 0, 2 * Math.PI); }
          ctx.fillStyle = "rgba(211,47,47,0.28)";
          ctx.fill();
        }
        ctx.beginPath();
        for (const s of b) {
          if (state === "fault") {
            const r = st.r + 1;
            ctx.moveTo(s.x, s.y - r); ctx.lineTo(s.x + r, s.y); ctx.lineTo(s.x, s.y + r); ctx.lineTo(s.x - r, s.y); ctx.closePath();
          } else {
            ctx.moveTo(s.x + st.r, s.y);
            ctx.arc(s.x, s.y, st.r, 0, 2 * Math.PI);
          }
        }
        ctx.globalAlpha = stale ? 0.45 : 1.0;
        if (state !== "nocomm") { ctx.fillStyle = st.fill; ctx.fill(); }
        else { ctx.fillStyle = "rgba(255,255,255,0.85)"; ctx.fill(); }
        ctx.globalAlpha = 1.0;
        ctx.setLineDash(stale ? [3, 2] : []);
        ctx.lineWidth = state === "nocomm" ? 2.5 : 1.5;
        ctx.strokeStyle = state === "nocomm" ? st.fill : (stale ? st.fill : st.stroke);
        ctx.stroke();
        ctx.setLineDash([]);
      }
      const sel = selectedId !== null ? singles.find((s) => s.p.id === selectedId) : null;
      if (sel) {
        ctx.beginPath();
        ctx.arc(sel.x, sel.y, STYLE[sel.p.state].r + 6, 0, 2 * Math.PI);
        ctx.lineWidth = 3;
        ctx.strokeStyle = "#1565c0";
        ctx.stroke();
      }
      if (map.getZoom() >= (opts.labelZoom || 15) && singles.length <= 400) {
        ctx.font = "11px sans-serif";
        ctx.textAlign = "left";
        ctx.textBaseline = "middle";
        ctx.lineWidth = 3;
        ctx.lineJoin = "round";
        ctx.strokeStyle = "rgba(255,255,255,0.9)";
        const now = Date.now();
        for (const s of singles) {
          if (s.p.id === selectedId) continue; // it has its own label
          const text = (s.p.label || "#" + s.p.id) + (s.stale ? " · " + ageText(now - s.p.t) : "");
          ctx.strokeText(text, s.x + 10, s.y);
          ctx.fillStyle = "#263238";
          ctx.fillText(text, s.x + 10, s.y);
        }
      }
    },
    hit: function (x, y) {
      for (const cl of this._clusters) {
        if ((cl.x - x) ** 2 + (cl.y - y) ** 2 <= (cl.r + 2) ** 2) return { cluster: cl };
      }
      let best = null;
      let bestD = 12 * 12;
      for (const s of this._singles) {
        const d = (s.x - x) ** 2 + (s.y - y) ** 2;
        if (d <= bestD) { best = s; bestD = d; }
      }
      return best ? { single: best } : null;
    },
  });

  let live = null;
  let selectedId = null;
  let follow = false;
  let accuracyCircle = null;
  let selectionLabel = null;
  let hoverTip = null;

  function stateText(state) { return (T.states && T.states[state]) || state; }

  function personTooltip(p) {
    const age = Date.now() - p.t;
    const stale = age > (opts.staleAfterS || 600) * 1000;
    let html = "<b>" + escapeHtml(p.label || "#" + p.id) + "</b><br>" + escapeHtml(stateText(p.state));
    html += "<br>" + escapeHtml(fmt(T.fixAge || "Last fix: {age}", { age: ageText(age) }));
    if (stale) html += " <span class='arm-stale'>" + escapeHtml(T.stale || "stale") + "</span>";
    if (p.acc) html += "<br>" + escapeHtml(fmt(T.accuracy || "Accuracy ±{m} m", { m: Math.round(p.acc) }));
    // the address (reverse geocoding from the imported extract, asked of Python once per position)
    const key = p.lat.toFixed(5) + "," + p.lon.toFixed(5);
    if (p.addrKey !== key) {
      p.addrKey = key;
      p.address = null;
      send("addressWanted", p.id, p.lat, p.lon);
    }
    if (p.address) html += "<br><span class='arm-address'>" + escapeHtml(p.address) + "</span>";
    html += "<br><span class='arm-coords'>" + p.lat.toFixed(6) + ", " + p.lon.toFixed(6) + "</span>";
    return html;
  }

  function updateSelectionLabel() {
    const p = persons.get(selectedId);
    if (!p) {
      if (accuracyCircle) accuracyCircle.remove();
      if (selectionLabel) selectionLabel.remove();
      accuracyCircle = selectionLabel = null;
      return;
    }
    const ll = L.latLng(p.lat, p.lon);
    const stale = Date.now() - p.t > (opts.staleAfterS || 600) * 1000;
    if (!accuracyCircle) {
      accuracyCircle = L.circle(ll, { radius: 1, color: "#1565c0", weight: 1.5, fillOpacity: 0.12, interactive: false }).addTo(map);
    }
    accuracyCircle.setLatLng(ll);
    accuracyCircle.setRadius(Math.max(p.acc || 0, 1));
    accuracyCircle.setStyle({ dashArray: stale ? "6 4" : null, color: stale ? "#78909c" : "#1565c0" });
    const text = escapeHtml(p.label || "#" + p.id) + " · " + escapeHtml(ageText(Date.now() - p.t));
    if (!selectionLabel) {
      selectionLabel = L.tooltip({ permanent: true, direction: "right", offset: [12, 0], className: "arm-selected-label" })
        .setLatLng(ll).setContent(text).addTo(map);
    } else {
      selectionLabel.setLatLng(ll);
      selectionLabel.setContent(text);
    }
    const el = selectionLabel.getElement();
    if (el) el.classList.toggle("arm-stale-label", stale);
  }

  const STATE_CODES = ["normal", "alarm", "nocomm", "fault"];

  ARM.live = {
    /** rows: [id, lat, lon, fixTimeMs, stateCode, accuracyM] */
    update: function (rows) {
      for (const r of rows) {
        const id = r[0];
        let p = persons.get(id);
        if (!p) { p = { id: id, label: pendingLabels.get(id) || "" }; pendingLabels.delete(id); persons.set(id, p); }
        p.lat = r[1]; p.lon = r[2]; p.t = r[3]; p.state = STATE_CODES[r[4]] || "normal"; p.acc = r[5] || 0;
        if (id === selectedId && follow) map.panTo([p.lat, p.lon], { animate: false });
      }
      perf.updates += rows.length;
      live.schedule();
    },
    labels: function (labels) {
      for (const id in labels) {
        const p = persons.get(Number(id));
        if (p) p.label = labels[id];
        else pendingLabels.set(Number(id), labels[id]);
      }
      live.schedule();
    },
    /** the address of a person's position (answer to addressWanted); the open tooltip is refreshed */
    address: function (id, lat, lon, text) {
      const p = persons.get(id);
      if (!p || p.addrKey !== lat.toFixed(5) + "," + lon.toFixed(5)) return;
      p.address = text || "";
      if (hoverTip && map.hasLayer(hoverTip) && hoverTip.getLatLng() && hoverTip.getLatLng().lat === p.lat &&
          hoverTip.getLatLng().lng === p.lon) hoverTip.setContent(personTooltip(p));
    },
    remove: function (ids) { for (const id of ids) persons.delete(id); live.schedule(); },
    clear: function () { persons.clear(); live.schedule(); },
    count: function () { return persons.size; },
    get: function (id) { const p = persons.get(id); return p ? Object.assign({}, p) : null; },
    select: function (id) { selectedId = id; updateSelectionLabel(); live.schedule(); },
    follow: function (on) { follow = !!on; },
    screenPoint: function (id) {
      const p = persons.get(id);
      if (!p) return null;
      const pt = map.latLngToContainerPoint([p.lat, p.lon]);
      return [pt.x, pt.y];
    },
    rendered: function () {
      return { singles: live._singles.length, clusters: live._clusters.length,
               clustered: live._clusters.reduce((a, c) => a + c.n, 0),
               clusteredAlarms: live._clusters.reduce((a, c) => a + c.alarms, 0),
               alarmClusters: live._clusters.filter((c) => c.state === "alarm").length };
    },
  };

  // ------------------------------------------------------------------ focus
  let focusLayer = null;

  function zoneLayer(zone) {
    const style = Object.assign({}, ZONE_STYLE[zone.kind] || ZONE_STYLE.exclusion);
    const group = L.featureGroup();
    if (zone.buffer_geometry) {
      L.geoJSON(zone.buffer_geometry, { style: Object.assign({}, style, { fillOpacity: 0.0, dashArray: "5 5", weight: 1 }), interactive: false }).addTo(group);
    }
    const g = L.geoJSON(zone.geometry, { style: style });
    g.bindTooltip(escapeHtml(zone.name) + " — " + escapeHtml((T.zoneKinds && T.zoneKinds[zone.kind]) || zone.kind), { sticky: true });
    g.on("click", () => send("zoneClicked", zone.id || 0));
    g.addTo(group);
    return group;
  }

  ARM.focus = function (data) {
    if (focusLayer) focusLayer.clearLayers();
    else focusLayer = L.featureGroup().addTo(map);
    for (const z of data.zones || []) zoneLayer(z).addTo(focusLayer);
    if (data.home) {
      L.circle([data.home.lat, data.home.lon], Object.assign({ radius: data.home.radius_m || 50 }, ZONE_STYLE.home)).bindTooltip(escapeHtml(T.home || "Home")).addTo(focusLayer);
      L.circleMarker([data.home.lat, data.home.lon], { radius: 4, color: "#0d47a1", fillOpacity: 1, weight: 1 }).addTo(focusLayer);
    }
    ARM.live.select(data.id);
    follow = !!data.follow;
    const p = persons.get(data.id);
    const target = p ? [p.lat, p.lon] : (data.lat !== undefined && data.lat !== null ? [data.lat, data.lon] : null);
    // Fit the person, their home and the zones they must keep out of; a city-wide
    // inclusion zone would zoom out too far to see anything, so it only frames.
    const bounds = L.latLngBounds([]);
    if (target) bounds.extend(target);
    if (data.home) bounds.extend([data.home.lat, data.home.lon]);
    for (const z of data.zones || []) {
      if (z.kind !== "inclusion") bounds.extend(L.geoJSON(z.geometry).getBounds());
    }
    if (data.fit !== false && bounds.isValid()) {
      map.fitBounds(bounds, { padding: [60, 60], maxZoom: data.zoom || 16, animate: false });
    }
  };
  ARM.clearFocus = function () { if (focusLayer) focusLayer.clearLayers(); ARM.live.select(null); follow = false; };
  ARM.center = function (lat, lon, zoom) { map.setView([lat, lon], zoom === null || zoom === undefined ? map.getZoom() : zoom, { animate: false }); };

  // ------------------------------------------------------------------ tracks
  const track = { layer: null, points: [], head: null, done: null, index: -1 };
  let headRenderer = null;

  ARM.track = {
    /** data.points: [lat, lon, tMs, quality 0..3, accuracyM]; data.violations: [{lat, lon, t, text}] */
    show: function (data) {
      ARM.track.clear();
      track.points = data.points || [];
      track.layer = L.featureGroup().addTo(map);
      const latlngs = track.points.map((p) => [p[0], p[1]]);
      if (latlngs.length) L.polyline(latlngs, { color: "#546e7a", weight: 3, opacity: 0.7, interactive: false }).addTo(track.layer);
      track.done = L.polyline([], { color: "#1565c0", weight: 4, opacity: 0.9, interactive: false }).addTo(track.layer);
      track.points.forEach((p, i) => {
        const m = L.circleMarker([p[0], p[1]], { radius: 4, color: "#ffffff", weight: 1, fillColor: TRACK_QUALITY[p[3]] || TRACK_QUALITY[0], fillOpacity: 1 });
        m.on("click", () => { ARM.track.setIndex(i); send("trackIndexPicked", i); });
        m.addTo(track.layer);
      });
      for (const v of data.violations || []) {
        L.circleMarker([v.lat, v.lon], { radius: 9, color: "#b71c1c", weight: 3, fillColor: "#ffebee", fillOpacity: 0.9 })
          .bindTooltip("⚠ " + escapeHtml(v.text), { direction: "top" }).addTo(track.layer);
        L.marker([v.lat, v.lon], { icon: L.divIcon({ className: "arm-violation-icon", html: "!", iconSize: [18, 18] }), interactive: false }).addTo(track.layer);
      }
      track.head = L.circleMarker(latlngs[0] || [0, 0], { radius: 8, color: "#0d47a1", weight: 3, fillColor: "#ffffff",
                                                            fillOpacity: 1, pane: "armTrackHead", renderer: headRenderer });
      if (latlngs.length) {
        track.head.addTo(track.layer);
        if (data.fit !== false) {
          const bounds = L.latLngBounds(latlngs);
          const fit = () => map.fitBounds(bounds, { padding: [30, 30], maxZoom: 17, animate: false });
          fit();
          // The replay controls appear under the map at the same time: fit again once it has shrunk.
          map.once("resize", fit);
          setTimeout(() => map.off("resize", fit), 1500);
        }
        ARM.track.setIndex(0);
      }
    },
    setIndex: function (i) {
      if (!track.points.length) return;
      i = Math.max(0, Math.min(track.points.length - 1, i));
      track.index = i;
      const p = track.points[i];
      track.head.setLatLng([p[0], p[1]]);
      track.head.bindTooltip(escapeHtml(formatTime(p[2])), { permanent: true, direction: "top", offset: [0, -8] }).openTooltip();
      track.done.setLatLngs(track.points.slice(0, i + 1).map((q) => [q[0], q[1]]));
      if (opts.trackFollow && !map.getBounds().pad(-0.1).contains([p[0], p[1]])) map.panTo([p[0], p[1]], { animate: false });
    },
    clear: function () {
      if (track.layer) track.layer.remove();
      track.layer = null; track.points = []; track.index = -1;
    },
    state: function () {
      return { points: track.points.length, index: track.index,
               head: track.head && track.layer ? [track.head.getLatLng().lat, track.head.getLatLng().lng] : null,
               done: track.done ? track.done.getLatLngs().length : 0 };
    },
  };

  // ------------------------------------------------------------------ zones
  const zones = { shown: null, editing: null };

  function layerGeometry(layer) {
    if (layer instanceof L.Circle) {
      const c = layer.getLatLng();
      return { circle: { center: [c.lng, c.lat], radius_m: layer.getRadius() } };
    }
    return { geometry: layer.toGeoJSON().geometry };
  }

  function reportEditing() {
    if (zones.editing) send("zoneGeometry", JSON.stringify(layerGeometry(zones.editing)));
  }

  function startEditing(layer) {
    zones.editing = layer;
    layer.addTo(map);
    if (layer.pm) {
      layer.pm.enable({ allowSelfIntersection: true, snappable: false });
      layer.on("pm:edit pm:markerdragend pm:vertexadded pm:vertexremoved pm:centerplaced", reportEditing);
    }
    reportEditing();
  }

  ARM.zones = {
    show: function (list) {
      if (zones.shown) zones.shown.clearLayers();
      else zones.shown = L.featureGroup().addTo(map);
      for (const z of list) zoneLayer(z).addTo(zones.shown);
    },
    draw: function (shape) {
      ARM.zones.cancel();
      map.pm.enableDraw(shape === "Circle" ? "Circle" : "Polygon", {
        allowSelfIntersection: true, snappable: false, finishOn: null, templineStyle: { color: "#6a1b9a" },
        pathOptions: { color: "#6a1b9a", fillOpacity: 0.15 },
      });
    },
    edit: function (zone) {
      ARM.zones.cancel();
      const style = Object.assign({}, ZONE_STYLE[zone.kind] || ZONE_STYLE.exclusion, { color: "#6a1b9a" });
      let layer;
      if (zone.geometry && zone.geometry.circle) {
        const c = zone.geometry.circle;
        layer = L.circle([c.center[1], c.center[0]], Object.assign({ radius: c.radius_m }, style));
      } else {
        const gj = L.geoJSON(zone.geometry);
        layer = gj.getLayers()[0];
        layer.setStyle(style);
      }
      startEditing(layer);
      map.fitBounds(layer.getBounds(), { maxZoom: 17, padding: [40, 40] });
    },
    cancel: function () {
      if (map.pm.globalDrawModeEnabled()) map.pm.disableDraw();
      if (zones.editing) { if (zones.editing.pm) zones.editing.pm.disable(); zones.editing.remove(); }
      zones.editing = null;
    },
    finishDrawing: function () {
      // Same as the "Finish" action of the draw toolbar.
      const d = map.pm.Draw.Polygon;
      if (d && d._enabled && d._layer && d._layer.getLatLngs().length >= 1) d._finishShape();
    },
    editing: function () { return zones.editing ? layerGeometry(zones.editing) : null; },
    drawing: function () { return map.pm.globalDrawModeEnabled(); },
  };

  // ------------------------------------------------------------------ what-if (zone editor)
  // Where a drafted zone would have raised its alarms over the last days (arm.replay.whatif).
  let whatIfLayer = null;
  ARM.whatIf = {
    show: function (points) {
      if (whatIfLayer) whatIfLayer.clearLayers();
      else whatIfLayer = L.featureGroup().addTo(map);
      for (const p of points || []) {
        L.circleMarker([p.lat, p.lon], { radius: 7, color: "#b71c1c", weight: 2, fillColor: "#e53935", fillOpacity: 0.8 })
          .bindTooltip(escapeHtml(p.label || "")).addTo(whatIfLayer);
      }
      if (whatIfLayer.getLayers().length) map.fitBounds(whatIfLayer.getBounds(), { padding: [60, 60], maxZoom: 16, animate: false });
    },
    clear: function () { if (whatIfLayer) whatIfLayer.clearLayers(); },
    count: function () { return whatIfLayer ? whatIfLayer.getLayers().length : 0; },
  };

  // ------------------------------------------------------------------ perf
  ARM.perf = {
    /** Start (or restart) measuring; the frame counter runs only while someone measures. */
    reset: function () {
      Object.assign(perf, { frames: 0, redraws: 0, drawMs: 0, maxDrawMs: 0, updates: 0, since: performance.now() });
      if (!perf.counting) { perf.counting = true; requestAnimationFrame(countFrames); }
    },
    report: function () {
      const secs = (performance.now() - perf.since) / 1000;
      return { fps: perf.frames / secs, redraws: perf.redraws, avgDrawMs: perf.redraws ? perf.drawMs / perf.redraws : 0,
               maxDrawMs: perf.maxDrawMs, updates: perf.updates, seconds: secs };
    },
  };
  function countFrames() { perf.frames++; requestAnimationFrame(countFrames); }

  // ------------------------------------------------------------------ words
  // Leaflet's own controls carry English titles ("Layers", "Zoom in"): ours replace them, and a
  // language switch in the workstation sends the new words here.
  ARM.setI18n = function (i18n) {
    T = i18n || T;
    const titles = { ".leaflet-control-layers-toggle": T.layers, ".leaflet-control-zoom-in": T.zoomIn,
      ".leaflet-control-zoom-out": T.zoomOut };
    Object.entries(titles).forEach(([selector, text]) => {
      if (!text) return;
      document.querySelectorAll(selector).forEach((el) => { el.title = text; el.setAttribute("aria-label", text); });
    });
    if (map && T.attribution && T.attribution !== attribution) {
      if (attribution) map.attributionControl.removeAttribution(escapeHtml(attribution));
      attribution = T.attribution;
      map.attributionControl.addAttribution(escapeHtml(attribution));
    }
  };

  // ------------------------------------------------------------------ init
  ARM.init = function (leafletMap, options) {
    ARM.send = send;
    map = leafletMap;
    opts = options || {};
    T = opts.i18n || {};
    map.createPane("armLive").style.zIndex = 450;
    map.createPane("armTrackHead").style.zIndex = 640;
    headRenderer = L.svg({ pane: "armTrackHead" });
    live = new LiveLayer();
    live.addTo(map);
    map.attributionControl.setPrefix(false);
    attribution = opts.attribution || "";
    if (attribution) map.attributionControl.addAttribution(escapeHtml(attribution));
    map.pm.setLang(opts.lang === "ru" || opts.lang === "kk" ? "ru" : "en");
    setTimeout(() => ARM.setI18n(T), 0);  // the controls folium adds after this script
    map.pm.setGlobalOptions({ allowSelfIntersection: true, snappable: false });
    map.on("pm:create", (e) => {
      map.pm.disableDraw();
      startEditing(e.layer);
    });
    map.on("click", (e) => {
      if (map.pm.globalDrawModeEnabled() || !live) return;
      const hit = live.hit(e.containerPoint.x, e.containerPoint.y);
      if (!hit) return;
      if (hit.cluster) map.fitBounds(hit.cluster.bounds, { padding: [40, 40], maxZoom: opts.clusterBelowZoom || 13 });
      else send("markerClicked", hit.single.p.id);
    });
    hoverTip = L.tooltip({ direction: "top", offset: [0, -8], className: "arm-hover" });
    let hoverPending = null;
    map.on("mousemove", (e) => {
      hoverPending = e.containerPoint;
      L.Util.requestAnimFrame(() => {
        if (!hoverPending) return;
        const hit = live.hit(hoverPending.x, hoverPending.y);
        hoverPending = null;
        if (hit && hit.single) {
          hoverTip.setLatLng([hit.single.p.lat, hit.single.p.lon]).setContent(personTooltip(hit.single.p));
          if (!map.hasLayer(hoverTip)) hoverTip.addTo(map);
          map.getContainer().style.cursor = "pointer";
        } else {
          if (map.hasLayer(hoverTip)) hoverTip.remove();
          map.getContainer().style.cursor = hit ? "pointer" : "";
        }
      });
    });
    setInterval(() => live.schedule(), 1000); // ages and staleness move on by themselves
    window.onerror = function (msg, src, line) { send("jsError", String(msg) + " (" + src + ":" + line + ")"); };
    new QWebChannel(qt.webChannelTransport, function (channel) {
      bridge = channel.objects.armBridge;
      send("pageReady");
    });
  };
})();
