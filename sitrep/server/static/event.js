// One event: what, who, where, when, how many, who says so; its evidence highlighted in the source document.
"use strict";
(async function () {
  const page = document.getElementById("page"), status = document.getElementById("status");
  const docId = page.dataset.docId, eventId = page.dataset.eventId;
  try {
    const [ev, doc] = await Promise.all([
      S.api("/api/events/" + encodeURIComponent(docId).replace(/%2F/g, "/") + "/" + encodeURIComponent(eventId)),
      S.api("/api/documents/" + encodeURIComponent(docId).replace(/%2F/g, "/")),
    ]);
    window.sitrepEvent = { ev, doc };
    document.getElementById("title").textContent = ev.clause;
    const dl = document.getElementById("details");
    const add = (term, ...value) => dl.append(S.el("dt", { text: term }), S.el("dd", {}, ...value));
    add("Type", `${ev.type}${ev.mode ? " / " + ev.mode : ""}`);
    add("ACLED", [ev.acled_event_type, ev.acled_sub_event_type].filter(Boolean).join(" – ") || "—");
    add("Date", S.date(ev.date) + (ev.date.text ? ` (“${ev.date.text}”)` : ""));
    add("Place", ev.place ? S.el("a", { href: S.actorUrl(ev.place.key), text: ev.place.name }) : "—",
        ev.place && ev.place.geo ? ` (${ev.place.geo.lat.toFixed(3)}, ${ev.place.geo.lon.toFixed(3)}; precision: ${ev.place.geo.feature})` : "");
    add("Actors", ev.actors.length ? S.parties(ev, ev.actors) : "—");
    add("Targets", ev.targets.length ? S.parties(ev, ev.targets) : "—");
    if (ev.claimed_by.length) add("Claimed by", S.parties(ev, ev.claimed_by));
    for (const r of ev.responsibility || []) if (r.modality === "negated") add("Denied by", S.parties(ev, [r.actor]));
    for (const [label, c] of [["Killed", ev.fatalities], ["Injured", ev.injuries], ["Arrested", ev.arrested]]) if (c) add(label, S.count(c) + (c.text ? ` (“${c.text}”)` : ""));
    add("Modality", ev.modality);
    if (ev.attributed_to) add("According to", S.parties(ev, [ev.attributed_to]), ev.attributed_via ? [", quoted by ", ...S.parties(ev, [ev.attributed_via])] : "");
    add("Confidence", ev.confidence.toFixed(2));
    document.getElementById("docinfo").append(S.el("a", { href: S.docUrl(doc.id, ev.evidence), text: doc.title || doc.id }),
      ` · ${doc.source || "source unknown"} · ${doc.published || "date unknown"}`);
    document.getElementById("text").replaceChildren(S.highlighted(doc.text, ev.evidence));
    const first = document.querySelector("#text mark");
    if (first) first.scrollIntoView({ block: "center" });
    S.status(status, "");
    document.dispatchEvent(new CustomEvent("sitrep:loaded", { detail: { kind: "event", ev, doc } }));
  } catch (err) { S.fail(status, err); }
})();
