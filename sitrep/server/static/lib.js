// sitrep workspace: what every page shares. Every value from the documents goes into the page as text
// (textContent, text nodes, attributes set one by one), never as markup.
"use strict";

const S = {};

S.el = function (tag, props, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(props || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k === "text") e.textContent = v;
    else if (k === "class") e.className = v;
    else if (k === "on") for (const [ev, fn] of Object.entries(v)) e.addEventListener(ev, fn);
    else if (k === "dataset") Object.assign(e.dataset, v);
    else e.setAttribute(k, v);
  }
  for (const c of children.flat(Infinity)) if (c !== undefined && c !== null && c !== false) e.append(c);
  return e;
};

S.svg = function (tag, attrs, ...children) {
  const e = document.createElementNS("http://www.w3.org/2000/svg", tag);
  for (const [k, v] of Object.entries(attrs || {})) if (v !== undefined && v !== null) e.setAttribute(k, v);
  for (const c of children.flat(Infinity)) if (c) e.append(c);
  return e;
};

S.params = () => new URLSearchParams(location.search);

S.FILTERS = ["actor", "place", "since", "until", "type", "modality", "language", "source", "doc_id"];

// the page's filters (from its URL) as an API query string, plus extra values
S.query = function (extra) {
  const p = S.params(), q = new URLSearchParams();
  for (const k of S.FILTERS) if (p.get(k)) q.set(k, p.get(k));
  for (const [k, v] of Object.entries(extra || {})) if (v !== undefined && v !== null && v !== "") q.set(k, v);
  return q.toString();
};

S.api = async function (path, options) {
  const r = await fetch(path, Object.assign({ headers: { "Accept": "application/json" } }, options || {}));
  const type = r.headers.get("content-type") || "";
  const body = type.includes("json") ? await r.json() : await r.text();
  if (!r.ok) throw new Error((body && body.error) || ("HTTP " + r.status));
  return body;
};

S.post = (path, data) => S.api(path, { method: "POST", headers: { "Content-Type": "application/json", "Accept": "application/json" }, body: JSON.stringify(data) });

S.status = function (box, text, cls) { box.textContent = text; box.className = "status " + (cls || ""); };

S.fail = function (box, err) { S.status(box, "Error: " + err.message, "error"); };

// fill the filters form from the URL, so it shows what is shown
S.fillForm = function (form) {
  if (!form) return;
  const p = S.params();
  for (const input of form.elements) if (input.name && p.has(input.name)) input.value = p.get(input.name);
};

S.date = function (d) {
  if (!d || !(d.start || d.end)) return "date unknown";
  const n = { day: 10, month: 7, year: 4, decade: 4 }[d.precision] || 10;
  const a = (d.start || d.end).slice(0, n), b = (d.end || a).slice(0, n);
  return a === b ? a : a + " – " + b;
};

S.count = function (c) {
  if (!c) return "";
  if (c.best !== null && c.best !== undefined) return String(c.best);
  if (c.low !== null && c.low !== undefined) return c.high ? c.low + "–" + c.high : c.low + "+";
  return c.text || "";
};

S.eventUrl = (docId, eventId) => "/events/" + encodeURIComponent(docId).replace(/%2F/g, "/") + "/" + encodeURIComponent(eventId);
S.docUrl = (docId, spans) => "/documents/" + encodeURIComponent(docId).replace(/%2F/g, "/") + (spans && spans.length ? "?hl=" + spans.map(s => s.start + "-" + s.end).join(",") : "");
S.actorUrl = key => "/actors/" + encodeURIComponent(key);

// links to the actor pages of entity ids, by the names and keys an item carries
S.parties = function (item, ids) {
  const out = [];
  (ids || []).forEach((id, i) => {
    if (i) out.push(", ");
    const name = (item.names || {})[id] || id, key = (item.keys || {})[id];
    out.push(key ? S.el("a", { href: S.actorUrl(key), text: name }) : name);
  });
  return out;
};

// the text with the spans [{start, end}] marked; offsets index the text (Python str indices = code points)
S.highlighted = function (text, spans, cls) {
  const chars = Array.from(text), box = S.el("div", { class: "doctext" });
  const marks = (spans || []).filter(s => s.end > s.start).sort((a, b) => a.start - b.start);
  let at = 0;
  for (const s of marks) {
    if (s.start < at) continue;
    box.append(document.createTextNode(chars.slice(at, s.start).join("")));
    box.append(S.el("mark", { class: cls || "evidence", text: chars.slice(s.start, s.end).join("") }));
    at = s.end;
  }
  box.append(document.createTextNode(chars.slice(at).join("")));
  return box;
};

// Markdown of the report: headings, bullets, paragraphs, **bold** and *italic*, all as text.  Citations [n]
// link to document n of the Sources (with the quote after them highlighted there).
S.markdown = function (md) {
  const box = S.el("article", { class: "report" });
  const sources = {};
  for (const m of md.matchAll(/^(\d+)\. .* id `([^`\n]+)`$/gm)) sources[m[1]] = m[2];
  let list = null;
  const cite = function (line) {
    const out = [], re = /\[(\d+)\]/g;
    let at = 0, m;
    while ((m = re.exec(line))) {
      out.push(line.slice(at, m.index));
      const id = sources[m[1]], quote = /“([^”]+)”/.exec(line.slice(re.lastIndex));
      const href = id ? S.docUrl(id) + (quote ? "?find=" + encodeURIComponent(quote[1]) : "") : null;
      out.push(href ? S.el("a", { href, class: "cite", text: m[0] }) : m[0]);
      at = re.lastIndex;
    }
    out.push(line.slice(at));
    return out;
  };
  const inline = function (line) {
    const out = [], re = /\*\*(.+?)\*\*|\*(.+?)\*/g;
    let at = 0, m;
    while ((m = re.exec(line))) {
      out.push(cite(line.slice(at, m.index)));
      out.push(m[1] !== undefined ? S.el("strong", {}, cite(m[1])) : S.el("em", {}, cite(m[2])));
      at = re.lastIndex;
    }
    out.push(cite(line.slice(at)));
    return out;
  };
  for (const line of md.split("\n")) {
    const h = /^(#{1,4}) (.*)$/.exec(line), li = /^- (.*)$/.exec(line), src = /^(\d+)\. (.*) id `([^`]+)`$/.exec(line);
    if (h) { list = null; box.append(S.el("h" + (h[1].length + 1), {}, inline(h[2]))); }
    else if (li) { if (!list) { list = S.el("ul"); box.append(list); } list.append(S.el("li", {}, inline(li[1]))); }
    else if (src) { list = null; box.append(S.el("p", { class: "source" }, `${src[1]}. `, S.el("a", { href: S.docUrl(src[3]) }, inline(src[2])))); }
    else if (line.trim()) { list = null; box.append(S.el("p", {}, inline(line))); }
    else list = null;
  }
  return box;
};

// where a quote from the report is in the text: {start, end} in code points, or null
S.findQuote = function (text, quote) {
  const words = quote.replace(/\s*…\s*$/, "").split(/\s+/).filter(Boolean).map(w => w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
  if (!words.length) return null;
  const m = new RegExp(words.join("\\s+")).exec(text);
  if (!m) return null;
  const start = Array.from(text.slice(0, m.index)).length;
  return { start, end: start + Array.from(m[0]).length };
};

S.pager = function (page, onPage) {
  const box = S.el("div", { class: "pager" });
  const last = page.offset + page.items.length;
  box.append(S.el("span", { text: page.total ? `${page.offset + 1}–${last} of ${page.total}` : "nothing found" }));
  if (page.offset > 0) box.append(S.el("button", { class: "plain", text: "◀ previous", on: { click: () => onPage(Math.max(0, page.offset - page.limit)) } }));
  if (page.next !== null && page.next !== undefined) box.append(S.el("button", { class: "plain", text: "next ▶", on: { click: () => onPage(page.next) } }));
  return box;
};

window.S = S;
