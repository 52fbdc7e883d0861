// The review loop on the event and actor pages: mark wrong, correct a field, rename, retype, merge, split a
// mention from a wrong link; the edits already made here, each with an undo.
"use strict";
(function () {
  const reload = () => location.reload();
  const message = S.el("span", { class: "status", role: "status" });
  const send = async (body, then) => {
    try { const r = await S.post("/api/edits", body); S.status(message, "saved"); (then || reload)(r); }
    catch (err) { S.fail(message, err); }
  };
  const undo = seq => S.post(`/api/edits/${seq}/undo`, {}).then(reload, err => S.fail(message, err));

  function editList(edits) {
    if (!edits.length) return "";
    return S.el("div", { class: "edits" }, S.el("h3", { text: "Corrections" }), S.el("ul", {}, edits.map(e =>
      S.el("li", {}, `${e.created_at} · ${e.user} · ${e.action}${e.field ? " " + e.field : ""}: `,
        S.el("code", { text: JSON.stringify(e.value) }), " ",
        S.el("button", { class: "plain undo", text: "undo", on: { click: () => undo(e.seq) } })))));
  }

  const VALUE = {  // how a typed value becomes JSON, by field
    fatalities: v => v === "" ? null : Number(v), injuries: v => v === "" ? null : Number(v), arrested: v => v === "" ? null : Number(v),
    actors: v => v.split(",").map(x => x.trim()).filter(Boolean), targets: v => v.split(",").map(x => x.trim()).filter(Boolean),
    claimed_by: v => v.split(",").map(x => x.trim()).filter(Boolean), location: v => v.trim() || null,
  };
  const FIELDS = ["type", "mode", "acled_sub_event_type", "date", "location", "fatalities", "injuries", "arrested", "actors", "targets", "claimed_by", "modality"];

  async function eventBox(ev, doc) {
    const box = document.getElementById("review");
    const field = S.el("select", { name: "field" }, FIELDS.map(f => S.el("option", { value: f, text: f.replace(/_/g, " ") })));
    const value = S.el("input", { name: "value", size: 28, placeholder: "new value (names: comma separated)" });
    const correct = S.el("form", { id: "correct", on: { submit: e => {
      e.preventDefault();
      const f = field.value, conv = VALUE[f] || (v => v.trim());
      send({ action: "correct", target_kind: "event", target: ev.id, doc_id: doc.id, field: f, value: conv(value.value) });
    } } }, "Correct ", field, " to ", value, S.el("button", { type: "submit", text: "Save" }));
    const wrong = S.el("button", { id: "reject", class: "plain", text: "Mark this event wrong", on: { click: () => send({ action: "reject", target_kind: "event", target: ev.id, doc_id: doc.id }, () => { location.href = "/events"; }) } });
    const edits = await S.api("/api/edits?include_undone=false&doc_id=" + encodeURIComponent(doc.id));
    box.replaceChildren(S.el("h2", { text: "Review" }), correct, wrong, " ", message, editList(edits));
  }

  async function actorBox(a) {
    const box = document.getElementById("review");
    const name = S.el("input", { name: "name", value: a.name, size: 30 });
    const rename = S.el("form", { id: "rename", on: { submit: e => { e.preventDefault(); send({ action: "rename", target_kind: "entity", target: a.key, value: { name: name.value } }); } } },
      "Rename to ", name, S.el("button", { type: "submit", text: "Save" }));
    const types = ["person", "armed_group", "government", "security_force", "organization", "media", "country", "admin_area", "city", "location", "other"];
    const type = S.el("select", { name: "type" }, types.map(t => S.el("option", { value: t, text: t.replace("_", " "), selected: t === a.type ? "selected" : null })));
    const retype = S.el("form", { id: "retype", on: { submit: e => { e.preventDefault(); send({ action: "retype", target_kind: "entity", target: a.key, value: { type: type.value } }); } } },
      "Type ", type, S.el("button", { type: "submit", text: "Save" }));
    const others = await S.api("/api/entities?kind=all&limit=500");
    const into = S.el("select", { name: "into" }, S.el("option", { value: "", text: "— choose —" }),
      others.items.filter(o => o.key !== a.key).map(o => S.el("option", { value: o.key, text: `${o.name} (${o.type.replace("_", " ")}, ${o.documents.length} doc.)` })));
    const merge = S.el("form", { id: "merge", on: { submit: e => {
      e.preventDefault();
      if (into.value) send({ action: "merge", target_kind: "entity", target: a.key, value: { into: into.value } }, () => { location.href = S.actorUrl(into.value); });
    } } }, "Same as ", into, S.el("button", { type: "submit", text: "Merge" }));
    box.replaceChildren(S.el("h2", { text: "Review" }), rename, retype, merge, " ", message);
    // a wrong link: split one mention off; a wrong fact: mark it
    for (const link of document.querySelectorAll("#aliases a.mention")) {
      const m = JSON.parse(link.dataset.mention);
      link.after(S.el("button", { class: "plain split", title: "not this actor: split this mention off", text: "✂", on: { click: () =>
        send({ action: "split", target_kind: "mention", target: `${m.start}:${m.end}`, doc_id: m.doc_id, value: { name: m.text, type: "other" } }) } }));
    }
    document.querySelectorAll("#facts tbody tr").forEach((row, i) => {
      const f = a.facts[i];
      row.append(S.el("td", {}, S.el("button", { class: "plain reject-fact", text: "wrong", on: { click: () => send({ action: "reject", target_kind: "fact", target: f.id, doc_id: f.doc_id }) } })));
    });
  }

  document.addEventListener("sitrep:loaded", e => {
    if (e.detail.kind === "event") eventBox(e.detail.ev, e.detail.doc);
    if (e.detail.kind === "actor") actorBox(e.detail.actor);
  });
})();
