// A map of the events: country outlines shipped with sitrep (no tiles), a marker per located event, its area
// the fatalities, its style the geo precision; a click opens the event.
"use strict";
(async function () {
  S.fillForm(document.getElementById("filters"));
  const status = document.getElementById("status"), box = document.getElementById("map");
  const K = 10;  // world.json units per degree
  const PRECISION = { place: "exact", city: "exact", admin2: "region", admin1: "region", country: "country" };
  try {
    const [world, page] = await Promise.all([S.api("/static/world.json"), S.api("/api/events?" + S.query({ limit: 500, sort: "fatalities" }))]);
    const svg = S.svg("svg", { class: "map-svg", role: "img", "aria-label": "map of events" });
    const land = S.svg("g", { class: "land" });
    for (const c of world.countries) land.append(S.svg("path", { d: c.d, class: "country" }, S.svg("title", {}, document.createTextNode(c.name || ""))));
    svg.append(S.svg("rect", { x: -180 * K, y: -90 * K, width: 360 * K, height: 180 * K, class: "sea" }), land);
    const markers = S.svg("g", { class: "markers" });
    const located = page.items.filter(e => e.place && e.place.geo);
    // biggest first, so that small markers stay clickable on top
    located.sort((a, b) => (b.fatalities_figure || 0) - (a.fatalities_figure || 0));
    for (const ev of located) {
      const g = ev.place.geo, precision = PRECISION[g.feature] || "exact";
      const r = (3 + 2.5 * Math.sqrt(ev.fatalities_figure || 0)) * K / 10;
      const title = `${S.date(ev.date)} · ${ev.clause} · ${S.count(ev.fatalities) || 0} killed · precision: ${g.feature}`;
      markers.append(S.svg("a", { href: S.eventUrl(ev.doc_id, ev.id), class: "marker " + precision, "data-event": ev.doc_id + "#" + ev.id, "data-fatalities": ev.fatalities_figure || 0, "data-precision": g.feature },
        S.svg("circle", { cx: (g.lon * K).toFixed(1), cy: (-g.lat * K).toFixed(1), r: r.toFixed(1) }, S.svg("title", {}, document.createTextNode(title)))));
    }
    svg.append(markers);
    box.replaceChildren(svg);
    let view = [-180 * K, -90 * K, 360 * K, 180 * K];
    const set = v => { view = v; svg.setAttribute("viewBox", v.map(x => x.toFixed(1)).join(" ")); };
    const fit = function () {
      if (!located.length) return set([-180 * K, -90 * K, 360 * K, 180 * K]);
      const xs = located.map(e => e.place.geo.lon * K), ys = located.map(e => -e.place.geo.lat * K);
      const pad = 4 * K, x0 = Math.min(...xs) - pad, x1 = Math.max(...xs) + pad, y0 = Math.min(...ys) - pad, y1 = Math.max(...ys) + pad;
      const w = Math.max(x1 - x0, 20 * K, (y1 - y0) * 2), h = w / 2;
      set([(x0 + x1) / 2 - w / 2, (y0 + y1) / 2 - h / 2, w, h]);
    };
    const zoom = f => set([view[0] + view[2] * (1 - f) / 2, view[1] + view[3] * (1 - f) / 2, view[2] * f, view[3] * f]);
    document.getElementById("zoom-in").addEventListener("click", () => zoom(0.5));
    document.getElementById("zoom-out").addEventListener("click", () => zoom(2));
    document.getElementById("zoom-fit").addEventListener("click", fit);
    document.getElementById("zoom-world").addEventListener("click", () => set([-180 * K, -90 * K, 360 * K, 180 * K]));
    let drag = null;
    svg.addEventListener("pointerdown", e => { if (!e.target.closest("a")) drag = [e.clientX, e.clientY, view.slice()]; });
    window.addEventListener("pointerup", () => { drag = null; });
    svg.addEventListener("pointermove", e => {
      if (!drag) return;
      const s = drag[2][2] / svg.clientWidth;
      set([drag[2][0] - (e.clientX - drag[0]) * s, drag[2][1] - (e.clientY - drag[1]) * s, drag[2][2], drag[2][3]]);
    });
    fit();
    const unplaced = page.items.length - located.length;
    S.status(status, `${located.length} located events` + (unplaced ? ` (${unplaced} without a place)` : "") + (page.total > page.items.length ? `; the ${page.items.length} deadliest of ${page.total}` : ""));
  } catch (err) { S.fail(status, err); }
})();
