// Events: a timeline and a table (sorted by a column, filtered by the form, a page at a time).
"use strict";
(function () {
  S.fillForm(document.getElementById("filters"));
  const status = document.getElementById("status"), body = document.querySelector("#events tbody");
  const p = S.params();
  let sort = p.get("sort") || "date", order = p.get("order") || "desc", offset = 0;
  const incidents = p.get("incidents") === "1";
  const mode = document.getElementById("mode"), other = S.params();
  if (incidents) other.delete("incidents"); else other.set("incidents", "1");
  mode.href = "?" + other.toString();
  mode.textContent = incidents ? "one row per report" : "one row per incident";
  for (const b of document.querySelectorAll("button.sort")) b.disabled = incidents;

  for (const b of document.querySelectorAll("button.sort")) {
    b.addEventListener("click", () => {
      order = b.dataset.sort === sort && order === "desc" ? "asc" : "desc";
      sort = b.dataset.sort; offset = 0; load();
    });
  }

  function row(ev) {
    const kill = S.count(ev.fatalities);
    return S.el("tr", { dataset: { docId: ev.doc_id, eventId: ev.id } },
      S.el("td", { text: S.date(ev.date) }),
      S.el("td", { text: ev.type + (ev.acled_sub_event_type ? " · " + ev.acled_sub_event_type : "") }),
      S.el("td", {}, S.el("a", { href: S.eventUrl(ev.doc_id, ev.id), class: "event-link", text: ev.clause })),
      S.el("td", {}, S.parties(ev, ev.actors.concat(ev.claimed_by.filter(c => !ev.actors.includes(c))))),
      S.el("td", {}, S.parties(ev, ev.targets)),
      S.el("td", {}, ev.place ? S.el("a", { href: S.actorUrl(ev.place.key), text: ev.place.name }) : ""),
      S.el("td", { class: "num", text: kill }),
      S.el("td", { text: ev.modality }),
      S.el("td", { text: (ev.source || ev.doc_title || ev.doc_id) + (ev.published ? " · " + ev.published : "") }),
      S.el("td", { class: "reports" }, (ev.reports || []).map((r, i) => [i ? ", " : "", S.el("a", { href: S.eventUrl(r.doc_id, r.event_id), text: r.source || r.doc_id })])),
      S.el("td", { class: "num", text: ev.confidence.toFixed(2) }));
  }

  async function load() {
    S.status(status, "Loading…");
    for (const b of document.querySelectorAll("button.sort")) b.textContent = b.textContent.replace(/ [▲▼]$/, "") + (b.dataset.sort === sort ? (order === "desc" ? " ▼" : " ▲") : "");
    try {
      const page = incidents ? await S.api("/api/incidents?" + S.query({ limit: 50, offset }))
        : await S.api("/api/events?" + S.query({ sort, order, limit: 50, offset }));
      body.replaceChildren(...page.items.map(row));
      document.getElementById("pager").replaceChildren(S.pager(page, o => { offset = o; load(); }));
      S.status(status, page.total + (incidents ? " incidents" : " events"));
    } catch (err) { S.fail(status, err); }
  }

  async function timeline() {
    const box = document.getElementById("timeline");
    try {
      const page = await S.api("/api/events?" + S.query({ sort: "date", order: "asc", limit: 500 }));
      const dated = page.items.filter(e => e.date && e.date.start);
      if (!dated.length) { box.textContent = "No dated events."; return; }
      const t = e => Date.parse((e.date.start + "-01-01").slice(0, 10));
      const lo = t(dated[0]), hi = Math.max(t(dated[dated.length - 1]), lo + 86400000);
      const types = [...new Set(dated.map(e => e.type))];
      const W = 1000, lane = 22, H = 30 + lane * types.length;
      const svg = S.svg("svg", { viewBox: `0 0 ${W + 140} ${H}`, class: "timeline-svg", role: "img", "aria-label": "timeline of events" });
      types.forEach((ty, i) => svg.append(S.svg("text", { x: 0, y: 20 + i * lane + 5, class: "lane" }, document.createTextNode(ty))));
      for (const [x, label] of [[0, new Date(lo).toISOString().slice(0, 10)], [W, new Date(hi).toISOString().slice(0, 10)]]) {
        svg.append(S.svg("text", { x: 130 + x, y: H - 2, class: "tick", "text-anchor": x ? "end" : "start" }, document.createTextNode(label)));
      }
      for (const ev of dated) {
        const x = 130 + (t(ev) - lo) / (hi - lo) * (W - 10), y = 20 + types.indexOf(ev.type) * lane;
        const r = 4 + Math.sqrt(ev.fatalities_figure || 0);
        const a = S.svg("a", { href: S.eventUrl(ev.doc_id, ev.id), class: "mark" },
          S.svg("circle", { cx: x.toFixed(1), cy: y, r: Math.min(r, 12).toFixed(1) },
            S.svg("title", {}, document.createTextNode(S.date(ev.date) + " · " + ev.clause))));
        svg.append(a);
      }
      box.replaceChildren(svg);
      if (page.total > page.items.length) box.append(S.el("p", { class: "muted", text: `the first ${page.items.length} of ${page.total} events` }));
    } catch (err) { box.textContent = "Error: " + err.message; }
  }

  load();
  timeline();
})();
