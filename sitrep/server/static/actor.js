// An actor's (or place's) page: names and how each mention was matched, events by role, facts and who says so,
// and the actors linked to it by events and facts.
"use strict";
(async function () {
  const page = document.getElementById("page"), status = document.getElementById("status");
  const key = page.dataset.key;
  try {
    const a = await S.api("/api/entities/" + encodeURIComponent(key));
    window.sitrepActor = a;
    document.getElementById("title").textContent = a.name;
    const dl = document.getElementById("details");
    const add = (term, ...value) => dl.append(S.el("dt", { text: term }), S.el("dd", {}, ...value));
    add("Type", a.type.replace("_", " "));
    add("Country", a.country || "—");
    if (a.geo) add("Coordinates", `${a.geo.lat.toFixed(3)}, ${a.geo.lon.toFixed(3)} (${a.geo.feature})`);
    if (a.wikidata) add("Wikidata", a.wikidata);
    add("Key", a.key);
    add("Documents", String(a.documents.length));

    const byName = {};
    for (const m of a.mentions) (byName[m.text] = byName[m.text] || []).push(m);
    document.querySelector("#aliases tbody").replaceChildren(...a.aliases.map(al => S.el("tr", {},
      S.el("td", { text: al.name }), S.el("td", { class: "num", text: al.mentions }),
      S.el("td", { text: Object.entries(al.kinds).map(([k, n]) => `${k} ×${n}`).join(", ") }),
      S.el("td", {}, (byName[al.name] || []).slice(0, 5).map((m, i) => [i ? " " : "", S.el("a", { href: S.docUrl(m.doc_id, [m]), class: "mention", text: `${m.doc_id}@${m.start}`, dataset: { mention: JSON.stringify(m) } })])))));

    const events = document.getElementById("events");
    for (const [role, label] of [["actor", "As actor"], ["target", "As target"], ["claimant", "Claimed by it"]]) {
      const list = a.events[role];
      events.append(S.el("h3", { text: `${label} (${list.length})` }));
      if (!list.length) continue;
      events.append(S.el("table", { class: "role-" + role }, S.el("tbody", {}, list.map(ev => S.el("tr", {},
        S.el("td", { text: S.date(ev.date) }),
        S.el("td", {}, S.el("a", { href: S.eventUrl(ev.doc_id, ev.id), text: ev.clause })),
        S.el("td", { class: "num", text: S.count(ev.fatalities) }),
        S.el("td", { text: ev.modality }), S.el("td", { text: ev.source || ev.doc_id }))))));
    }

    document.querySelector("#facts tbody").replaceChildren(...a.facts.map(f => S.el("tr", {},
      S.el("td", {}, S.el("a", { href: S.docUrl(f.doc_id, f.evidence), text: (f.names[f.subject] || "") + " " + f.phrase })),
      S.el("td", { text: f.date ? S.date(f.date) : "" }),
      S.el("td", { class: "said" }, f.attributed_to ? S.parties(f, [f.attributed_to]) : "the author", f.attributed_via ? [", quoted by ", ...S.parties(f, [f.attributed_via])] : ""),
      S.el("td", { text: f.modality }), S.el("td", { text: f.source || f.doc_id }))));

    graph(a.graph);
    S.status(status, "");
    document.dispatchEvent(new CustomEvent("sitrep:loaded", { detail: { kind: "actor", actor: a } }));
  } catch (err) { S.fail(status, err); }

  function graph(g) {
    const box = document.getElementById("graph");
    const others = g.nodes.slice(1);
    if (!others.length) { box.textContent = "No linked actors."; return; }
    const W = 760, H = Math.max(360, 40 * others.length), cx = W / 2, cy = H / 2, R = Math.min(W, H) / 2 - 60;
    const svg = S.svg("svg", { viewBox: `0 0 ${W} ${H}`, class: "graph-svg", role: "img", "aria-label": "linked actors" });
    const at = {};
    at[g.nodes[0].key] = [cx, cy];
    others.forEach((n, i) => { const t = 2 * Math.PI * i / others.length; at[n.key] = [cx + R * Math.cos(t), cy + R * Math.sin(t)]; });
    const kinds = {};
    for (const e of g.edges) (kinds[e.target] = kinds[e.target] || []).push(`${e.kind}${e.count > 1 ? " ×" + e.count : ""}`);
    for (const n of others) {
      const [x, y] = at[n.key];
      svg.append(S.svg("line", { x1: cx, y1: cy, x2: x.toFixed(1), y2: y.toFixed(1), class: "edge" }));
      svg.append(S.svg("text", { x: ((cx + x) / 2).toFixed(1), y: ((cy + y) / 2).toFixed(1), class: "edge-label" }, document.createTextNode((kinds[n.key] || []).join("; "))));
    }
    for (const n of g.nodes) {
      const [x, y] = at[n.key];
      svg.append(S.svg("a", { href: S.actorUrl(n.key), class: "node " + n.type, "data-key": n.key },
        S.svg("circle", { cx: x.toFixed(1), cy: y.toFixed(1), r: n === g.nodes[0] ? 14 : 9 }),
        S.svg("text", { x: x.toFixed(1), y: (y - 16).toFixed(1), "text-anchor": "middle" }, document.createTextNode(n.name))));
    }
    box.replaceChildren(svg);
  }
})();
