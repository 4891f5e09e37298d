/*
 * ARM map base layers: the imported OSM basemap (vector tiles drawn by the
 * vendored protomaps-leaflet), the shipped settlements and main rivers of
 * Kazakhstan, a metric scale bar, and remembering the base layer the operator chose.
 *
 * Loaded after arm_map.js; maps/page.py calls ARM.layers.init(map, control, options)
 * with the folium layer control. Layer keys: "basemap", "regions", "server",
 * "mbtiles:<name>"; the chosen key is reported as armBridge.baseLayerChosen(key)
 * and Python hands it back as options.baseLayer next time (per desk).
 *
 * Tiles come from arm://basemap/{z}/{x}/{y}.pbf (maps/scheme.py), built by
 * `arm map import` with tilemaker (resources/map/tilemaker/process.lua): layers
 * place, water, waterway, park, railway, transportation, building, housenumber;
 * names in name, name_kk, name_ru.
 */
(function () {
  "use strict";
  const ARM = (window.ARM = window.ARM || {});
  let map = null;
  let control = null;
  const bases = {}; // key -> Leaflet layer
  let placesLayer = null;
  let riversLayer = null;

  function nameProps(lang) {
    if (lang === "kk") return ["name_kk", "name", "name_ru"];
    if (lang === "ru") return ["name_ru", "name", "name_kk"];
    return ["name", "name_ru", "name_kk"];
  }

  function vectorRules(lang) {
    const P = protomapsL;
    const names = nameProps(lang);
    const font = (size, weight) => weight + " " + size + "px sans-serif";
    const cls = (c) => (z, f) => f.props["class"] === c;
    const paintRules = [
      { dataLayer: "park", symbolizer: new P.PolygonSymbolizer({ fill: "#d8ebc6" }) },
      { dataLayer: "water", symbolizer: new P.PolygonSymbolizer({ fill: "#a9cbe8" }) },
      { dataLayer: "waterway", symbolizer: new P.LineSymbolizer({ color: "#8dbbe3", width: (z) => (z < 10 ? 1.5 : z < 14 ? 3 : 6) }) },
      { dataLayer: "railway", symbolizer: new P.LineSymbolizer({ color: "#8a8a8a", width: 2, dash: [5, 4] }) },
      { dataLayer: "building", minzoom: 14, symbolizer: new P.PolygonSymbolizer({ fill: "#ddd5cb", stroke: "#c4b8aa", width: 0.8 }) },
      { dataLayer: "transportation", filter: cls("path"), minzoom: 14, symbolizer: new P.LineSymbolizer({ color: "#ffffff", width: 1.5 }) },
      { dataLayer: "transportation", filter: (z, f) => f.props["class"] !== "path",
        symbolizer: new P.LineSymbolizer({ color: "#b9b2a6", width: (z, f) => ((f && f.props["class"] === "major") ? (z < 10 ? 2 : z < 14 ? 5 : 10) : (z < 14 ? 2.5 : 8)) }) },
      { dataLayer: "transportation", filter: (z, f) => f.props["class"] !== "path",
        symbolizer: new P.LineSymbolizer({ color: (z, f) => ((f && f.props["class"] === "major") ? "#ffd98c" : "#ffffff"), width: (z, f) => ((f && f.props["class"] === "major") ? (z < 10 ? 1 : z < 14 ? 3.5 : 8) : (z < 14 ? 1.5 : 6)) }) },
    ];
    const labelRules = [
      { dataLayer: "place", symbolizer: new P.CenteredTextSymbolizer({ labelProps: names, fill: "#222", stroke: "#fff", width: 3,
          font: (z, f) => font(f && f.props.rank >= 4 ? 16 : f && f.props.rank === 3 ? 14 : 12, f && f.props.rank >= 3 ? 700 : 400) }) },
      { dataLayer: "waterway", minzoom: 11, symbolizer: new P.LineLabelSymbolizer({ labelProps: names, fill: "#3a6f9e", stroke: "#fff", width: 2, font: font(12, 400) }) },
      { dataLayer: "transportation", minzoom: 14, symbolizer: new P.LineLabelSymbolizer({ labelProps: names, fill: "#333", stroke: "#fff", width: 3, font: font(12, 400) }) },
      { dataLayer: "housenumber", minzoom: 16, symbolizer: new P.CenteredTextSymbolizer({ labelProps: ["housenumber"], fill: "#5b4a3a", stroke: "#fff", width: 2, font: font(11, 400) }) },
    ];
    return { paintRules, labelRules };
  }

  function basemapLayer(options) {
    const rules = vectorRules(options.lang);
    return protomapsL.leafletLayer({
      url: options.basemap.url,
      maxDataZoom: 14,
      maxZoom: 19,
      paintRules: rules.paintRules,
      labelRules: rules.labelRules,
      backgroundColor: "#f3efe8",
      attribution: options.basemap.attribution || "© OpenStreetMap contributors",
    });
  }

  // -- settlements shipped with the application (resources/map/places)
  // [lon, lat] points with properties name, name_ru, name_kk, pop; the bigger, the earlier shown.
  function minZoomFor(pop) {
    if (pop >= 100000) return 4;
    if (pop >= 30000) return 6;
    if (pop >= 10000) return 7;
    return 8;
  }

  function placeLabel(props, lang) {
    for (const k of nameProps(lang)) if (props[k]) return props[k];
    return props.name || "";
  }

  function makePlacesLayer(features, lang) {
    const group = L.layerGroup();
    const items = features.map((f) => {
      const pop = f.properties.pop || 0;
      const size = pop >= 500000 ? "xl" : pop >= 100000 ? "l" : pop >= 30000 ? "m" : "s";
      const marker = L.marker([f.geometry.coordinates[1], f.geometry.coordinates[0]], {
        interactive: false, keyboard: false, pane: "armPlaces",
        icon: L.divIcon({ className: "arm-place arm-place-" + size, html: "<span></span><b>" +
          String(placeLabel(f.properties, lang)).replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" }[c])) + "</b>",
          iconSize: null }),
      });
      const label = String(placeLabel(f.properties, lang));
      return { marker, minZoom: minZoomFor(pop), pop: pop, width: label.length * (size === "xl" ? 10 : size === "l" ? 8.5 : 7.5) };
    });
    // biggest first; a label that would overlap one already placed is left out at this zoom
    items.sort((a, b) => b.pop - a.pop);
    function refresh() {
      const z = map.getZoom();
      // on the imported basemap from zoom 10 the basemap's own labels take over
      const vectorShown = bases.basemap && map.hasLayer(bases.basemap) && z >= 10;
      const placed = [];
      const size = map.getSize();
      for (const it of items) {
        let want = !vectorShown && z >= it.minZoom && z <= 13;
        if (want) {
          const pt = map.latLngToContainerPoint(it.marker.getLatLng());
          const box = { x1: pt.x - 5, x2: pt.x + 10 + it.width, y1: pt.y - 10, y2: pt.y + 10 };
          // a label the map's edge would cut ("…инск") waits until it fits
          want = box.x1 >= 0 && box.x2 <= size.x && box.y1 >= 0 && box.y2 <= size.y;
          want = want && !placed.some((b) => box.x1 < b.x2 && b.x1 < box.x2 && box.y1 < b.y2 && b.y1 < box.y2);
          if (want) placed.push(box);
        }
        if (want && !group.hasLayer(it.marker)) group.addLayer(it.marker);
        else if (!want && group.hasLayer(it.marker)) group.removeLayer(it.marker);
      }
    }
    map.on("zoomend moveend baselayerchange", refresh);
    group.refresh = refresh;
    group.count = () => items.length;
    refresh();
    return group;
  }

  // -- main rivers and lakes shipped with the application (resources/map/rivers, GSHHG/WDBII)
  // [lon, lat] LineStrings with property level (1 permanent major, 2 additional major, 3 additional),
  // and lakes of 500 km² or more: Polygons with property lake (filled like the basemap's water).
  // Thin blue lines for country and region zooms, in their own pane above the regions' opaque fill
  // and below the settlements' labels; from zoom 12 (or where the imported basemap draws its own
  // waterways, from zoom 10) they give way: simplified to ~400 m, they would not match the streets.
  const RIVER_MINZOOM = { 0: 3, 1: 3, 2: 4, 3: 6 }; // 0: lakes
  const RIVER_MAXZOOM = 11;

  function riverWeight(level, z) {
    const base = level === 1 ? 1.6 : level === 2 ? 1.3 : 0.9;
    return base * (z <= 5 ? 1 : z <= 7 ? 1.35 : 1.8);
  }

  function makeRiversLayer(features) {
    const renderer = L.canvas({ pane: "armRivers", padding: 0.3 });
    const group = L.layerGroup();
    const items = features.map((f) => {
      if (f.geometry.type === "Polygon") {
        const lake = L.polygon(f.geometry.coordinates[0].map((c) => [c[1], c[0]]), {
          renderer: renderer, interactive: false, color: "#4f8fc9", weight: 0.8, opacity: 0.9,
          fillColor: "#a9cbe8", fillOpacity: 1, smoothFactor: 1,
        });
        return { line: lake, level: 0 };
      }
      const level = f.properties.level || 3;
      const line = L.polyline(f.geometry.coordinates.map((c) => [c[1], c[0]]), {
        renderer: renderer, interactive: false, color: "#4f8fc9", opacity: 0.9,
        weight: riverWeight(level, map.getZoom()), lineCap: "round", lineJoin: "round", smoothFactor: 1,
      });
      return { line, level };
    });
    let styledAt = null;
    function refresh() {
      const z = map.getZoom();
      const vectorShown = bases.basemap && map.hasLayer(bases.basemap) && z >= 10;
      for (const it of items) {
        const want = !vectorShown && z >= RIVER_MINZOOM[it.level] && z <= RIVER_MAXZOOM;
        if (want && styledAt !== z && it.level) it.line.setStyle({ weight: riverWeight(it.level, z) });
        if (want && !group.hasLayer(it.line)) group.addLayer(it.line);
        else if (!want && group.hasLayer(it.line)) group.removeLayer(it.line);
      }
      styledAt = z;
    }
    map.on("zoomend baselayerchange", refresh);
    group.refresh = refresh;
    group.count = () => items.length;
    refresh();
    return group;
  }

  function keyOf(layer) {
    for (const k in bases) if (bases[k] === layer) return k;
    return null;
  }

  function chooseBase(key) {
    const target = bases[key];
    if (!target || map.hasLayer(target)) return !!target;
    for (const k in bases) if (map.hasLayer(bases[k])) map.removeLayer(bases[k]);
    target.addTo(map);
    map.fire("baselayerchange", { layer: target, name: key });
    return true;
  }

  ARM.layers = {
    init: function (leafletMap, layerControl, options) {
      map = leafletMap;
      control = layerControl;
      const labels = (options.i18n && options.i18n.layerNames) || {};
      map.createPane("armPlaces").style.zIndex = 420;
      // above the regions layer's opaque fill (overlayPane, 400), under the settlements (420) and
      // the live markers (450); never catches the mouse (regions' tooltip, zone drawing go through)
      const riversPane = map.createPane("armRivers");
      riversPane.style.zIndex = 410;
      riversPane.style.pointerEvents = "none";
      const units = options.lang === "ru" || options.lang === "kk" ? ["м", "км"] : ["m", "km"];
      const MetricScale = L.Control.Scale.extend({
        _updateMetric: function (maxMeters) {
          const meters = this._getRoundNum(maxMeters);
          const label = meters < 1000 ? meters + " " + units[0] : meters / 1000 + " " + units[1];
          this._updateScale(this._mScale, label, meters / maxMeters);
        },
      });
      new MetricScale({ metric: true, imperial: false, maxWidth: 150, position: "bottomleft" }).addTo(map);
      // the base layers folium created, found by their names in the control
      if (control) {
        for (const entry of control._layers) {
          if (entry.overlay) continue;
          const key = (options.baseKeys || {})[entry.name];
          if (key) bases[key] = entry.layer;
        }
      }
      if (options.basemap && window.protomapsL) {
        bases.basemap = basemapLayer(options);
        if (control) control.addBaseLayer(bases.basemap, labels.basemap || "Imported map (streets, addresses)");
      }
      map.on("baselayerchange", (e) => {
        const key = keyOf(e.layer);
        if (key && ARM.send) ARM.send("baseLayerChosen", key);
      });
      const wanted = options.baseLayer && bases[options.baseLayer] ? options.baseLayer
        : (bases.basemap && !options.preferConfigured ? "basemap" : null);
      if (wanted) chooseBase(wanted);
      if (options.rivers && options.rivers.length) {
        riversLayer = makeRiversLayer(options.rivers);
        riversLayer.addTo(map);
        if (control) control.addOverlay(riversLayer, labels.rivers || "Rivers and lakes");
      }
      if (options.places && options.places.length) {
        placesLayer = makePlacesLayer(options.places, options.lang);
        placesLayer.addTo(map);
        if (control) control.addOverlay(placesLayer, labels.places || "Settlements");
      }
    },
    choose: chooseBase,
    /** a pin on an address found by the search box (one at a time) */
    pin: function (lat, lon, label) {
      if (ARM.layers._pin) ARM.layers._pin.remove();
      ARM.layers._pin = L.circleMarker([lat, lon], { radius: 9, color: "#6a1b9a", weight: 3, fillColor: "#ce93d8", fillOpacity: 0.6 })
        .bindTooltip(String(label).replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" }[c])) +
          "<br><span class='arm-coords'>" + lat.toFixed(6) + ", " + lon.toFixed(6) + "</span>",
          { permanent: true, direction: "top", offset: [0, -10] })
        .addTo(map);
      return true;
    },
    zoom: function () { return map.getZoom(); },
    pinned: function () { return ARM.layers._pin ? ARM.layers._pin.getLatLng() : null; },
    current: function () {
      for (const k in bases) if (map.hasLayer(bases[k])) return k;
      return null;
    },
    keys: function () { return Object.keys(bases); },
    placesShown: function () { return placesLayer ? placesLayer.getLayers().length : -1; },
    placesCount: function () { return placesLayer ? placesLayer.count() : -1; },
    riversShown: function () { return riversLayer && map.hasLayer(riversLayer) ? riversLayer.getLayers().length : -1; },
    riversCount: function () { return riversLayer ? riversLayer.count() : -1; },
    /** show or hide the rivers overlay as its checkbox in the layer button does; returns riversShown() */
    showRivers: function (on) {
      if (riversLayer && on && !map.hasLayer(riversLayer)) map.addLayer(riversLayer);
      if (riversLayer && !on && map.hasLayer(riversLayer)) map.removeLayer(riversLayer);
      return ARM.layers.riversShown();
    },
    /** where a point is in the map's container (pixels), for tests and screenshots */
    containerPoint: function (lat, lon) { const p = map.latLngToContainerPoint([lat, lon]); return [p.x, p.y]; },
  };
})();
