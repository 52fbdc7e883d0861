// The API documentation page: /api/openapi.json read and listed as text (no markup from the description).
"use strict";
(async function () {
  const box = document.getElementById("operations");
  const spec = await (await fetch("/api/openapi.json")).json();
  box.textContent = "";
  const el = (tag, text, cls) => { const e = document.createElement(tag); if (text !== undefined) e.textContent = text; if (cls) e.className = cls; return e; };
  for (const [path, ops] of Object.entries(spec.paths)) {
    for (const [method, op] of Object.entries(ops)) {
      const sec = el("section", undefined, "operation");
      const h = el("h2");
      h.append(el("span", method.toUpperCase(), "method " + method), " ", el("code", path));
      sec.append(h, el("p", op.summary || ""));
      const params = op.parameters || [];
      if (params.length) {
        const t = el("table");
        t.append(Object.assign(el("tr"), {}));
        t.rows[0].append(el("th", "parameter"), el("th", "in"), el("th", "type"), el("th", "description"));
        for (const p of params) {
          const r = t.insertRow();
          const s = p.schema || {};
          const type = s.type || (s.anyOf || []).map(x => x.type || (x.enum ? "enum" : "")).filter(Boolean).join(" | ");
          const values = s.enum || ((s.anyOf || []).find(x => x.enum) || {}).enum;
          r.append(el("td", p.name + (p.required ? " *" : "")), el("td", p.in), el("td", type + (values ? ": " + values.join(", ") : "")), el("td", p.description || ""));
        }
        sec.append(t);
      }
      if (op.requestBody) {
        const types = Object.keys(op.requestBody.content || {});
        sec.append(el("p", "Body: " + types.join(", ")));
      }
      sec.append(el("p", "Answers: " + Object.keys(op.responses || {}).join(", "), "muted"));
      box.append(sec);
    }
  }
})();
