// Actors and places across the documents, most reported first.
"use strict";
(function () {
  S.fillForm(document.getElementById("filters"));
  const status = document.getElementById("status"), body = document.querySelector("#entities tbody");
  let offset = 0;
  async function load() {
    const p = S.params(), q = new URLSearchParams({ kind: p.get("kind") || "actors", limit: 50, offset });
    for (const k of ["q", "type"]) if (p.get(k)) q.set(k, p.get(k));
    try {
      const page = await S.api("/api/entities?" + q);
      body.replaceChildren(...page.items.map(e => S.el("tr", {},
        S.el("td", {}, S.el("a", { href: S.actorUrl(e.key), text: e.name })),
        S.el("td", { text: e.type.replace("_", " ") }), S.el("td", { text: e.country || "" }),
        S.el("td", { class: "num", text: e.documents.length }), S.el("td", { class: "num", text: e.mentions }),
        S.el("td", { class: "muted", text: e.aliases.slice(0, 6).join(" · ") }))));
      document.getElementById("pager").replaceChildren(S.pager(page, o => { offset = o; load(); }));
      S.status(status, page.total + " found");
    } catch (err) { S.fail(status, err); }
  }
  load();
})();
