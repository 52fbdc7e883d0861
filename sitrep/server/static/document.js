// One document: its text, with the spans named in ?hl=START-END,... (or the quote in ?find=) highlighted; its events, facts and entities,
// each of which highlights its evidence or mentions when clicked.
"use strict";
(async function () {
  const page = document.getElementById("page"), status = document.getElementById("status");
  try {
    const doc = await S.api("/api/documents/" + encodeURIComponent(page.dataset.docId).replace(/%2F/g, "/") + "?keys=true");
    const names = Object.fromEntries(doc.entities.map(e => [e.id, e.name]));
    document.getElementById("title").textContent = doc.title || doc.id;
    const dl = document.getElementById("details");
    const add = (term, ...value) => dl.append(S.el("dt", { text: term }), S.el("dd", {}, ...value));
    add("Source", doc.source || "unknown");
    add("Published", doc.published || "unknown");
    if (doc.url) add("Address", /^https?:\/\//i.test(doc.url) ? S.el("a", { href: doc.url, rel: "noreferrer noopener", text: doc.url }) : doc.url);
    add("Language", doc.language || "?");
    if (doc.warnings.length) add("Warnings", doc.warnings.join("; "));
    const text = document.getElementById("text");
    const show = spans => {
      text.replaceChildren(S.highlighted(doc.text, spans));
      const m = text.querySelector("mark");
      if (m) m.scrollIntoView({ block: "center" });
    };
    const hl = (S.params().get("hl") || "").split(",").map(x => x.split("-").map(Number)).filter(x => x.length === 2 && x.every(Number.isFinite)).map(([start, end]) => ({ start, end }));
    const quoted = S.params().get("find") ? S.findQuote(doc.text, S.params().get("find")) : null;
    show(quoted ? hl.concat([quoted]) : hl);
    const item = (label, spans, href) => S.el("li", {}, S.el("button", { class: "linkish", text: label, on: { click: () => show(spans) } }), href ? [" ", S.el("a", { href, text: "→" })] : "");
    document.getElementById("events").replaceChildren(...doc.events.map(ev =>
      item(`${S.date(ev.date)} ${ev.type}${ev.location ? " in " + (names[ev.location] || "") : ""}`, ev.evidence, S.eventUrl(doc.id, ev.id))));
    document.getElementById("facts").replaceChildren(...doc.facts.map(f =>
      item(`${names[f.subject] || f.subject} ${f.predicate.replace(/_/g, " ")} ${f.object ? names[f.object] || "" : (f.value ? f.value.text : "")}`, f.evidence)));
    document.getElementById("entities").replaceChildren(...doc.entities.map(e => item(`${e.name} (${e.type.replace("_", " ")}, ${e.mentions.length})`, e.mentions, S.actorUrl(doc.keys[e.id]))));
    S.status(status, "");
  } catch (err) { S.fail(status, err); }
})();
