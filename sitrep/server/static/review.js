// Every correction, newest first, with what it changed, who made it, and an undo.
"use strict";
(async function () {
  const status = document.getElementById("status"), body = document.querySelector("#edits tbody");
  const where = e => {
    if (e.target_kind === "entity") return S.el("a", { href: S.actorUrl(e.target), text: (e.before && e.before.name) || e.target });
    if (e.target_kind === "mention") { const [s, t] = e.target.split(":").map(Number); return S.el("a", { href: S.docUrl(e.doc_id, [{ start: s, end: t }]), text: `mention in ${e.doc_id}` }); }
    return S.el("a", { href: S.docUrl(e.doc_id), text: `${e.target_kind} in ${e.doc_id}` });
  };
  try {
    const edits = await S.api("/api/edits");
    body.replaceChildren(...edits.map(e => S.el("tr", { class: e.undone_at ? "undone" : "" },
      S.el("td", { text: e.created_at }), S.el("td", { text: e.user }),
      S.el("td", {}, `${e.action}${e.field ? " " + e.field : ""} · `, where(e)),
      S.el("td", {}, S.el("code", { text: JSON.stringify(e.before) }), " → ", S.el("code", { text: JSON.stringify(e.value) })),
      S.el("td", {}, e.undone_at ? `undone ${e.undone_at}` : S.el("button", { class: "plain undo", text: "undo", on: { click: async () => {
        try { await S.post(`/api/edits/${e.seq}/undo`, {}); location.reload(); } catch (err) { S.fail(status, err); }
      } } })))));
    S.status(status, edits.length + " corrections");
  } catch (err) { S.fail(status, err); }
})();
