// The stored documents, newest first, a page at a time.
"use strict";
(function () {
  S.fillForm(document.getElementById("filters"));
  const status = document.getElementById("status"), body = document.querySelector("#documents tbody");
  let offset = 0;
  async function load() {
    try {
      const page = await S.api("/api/documents?" + S.query({ limit: 50, offset }));
      body.replaceChildren(...page.items.map(d => S.el("tr", {},
        S.el("td", { text: d.published || "" }),
        S.el("td", {}, S.el("a", { href: S.docUrl(d.id), text: d.title || d.id })),
        S.el("td", { text: d.source || "" }), S.el("td", { text: d.language || "" }),
        S.el("td", { class: "num", text: d.events }), S.el("td", { class: "num", text: d.facts }),
        S.el("td", { class: "num", text: d.entities }), S.el("td", { class: "muted", text: d.warnings.join("; ") }))));
      document.getElementById("pager").replaceChildren(S.pager(page, o => { offset = o; load(); }));
      S.status(status, page.total + " documents");
    } catch (err) { S.fail(status, err); }
  }
  load();
})();
