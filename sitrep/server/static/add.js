// Add documents: pasted text and web pages go to the server as a batch job whose progress is shown while it
// runs; files are uploaded one after the other, with their own progress.
"use strict";
(function () {
  const jobs = document.getElementById("jobs");
  const form = id => document.getElementById(id);
  const meta = f => {
    const out = {};
    for (const k of ["title", "source", "published", "language"]) if (f.elements[k] && f.elements[k].value) out[k] = f.elements[k].value;
    return out;
  };

  function panel(label, total) {
    if (jobs.querySelector("p.muted")) jobs.replaceChildren();
    const bar = S.el("progress", { max: total, value: 0 }), info = S.el("span", { class: "progress-text", text: `0 of ${total}` });
    const list = S.el("ol", { class: "job-items" }), box = S.el("section", { class: "job" }, S.el("h3", { text: label }), bar, " ", info, list);
    jobs.prepend(box);
    return {
      box, list,
      update(done, failed, finished) {
        bar.value = done;
        info.textContent = `${done} of ${total} analysed` + (failed ? `, ${failed} failed` : "") + (finished ? " — done" : "");
        box.dataset.state = finished ? "done" : "running";
      },
      item(status, docId, error, label2) {
        const li = S.el("li", { class: status }, label2 ? label2 + ": " : "", status);
        if (docId && status !== "failed") li.append(" ", S.el("a", { href: S.docUrl(docId), text: "open" }));
        if (error) li.append(" — ", S.el("span", { class: "error", text: error }));
        list.append(li);
      },
    };
  }

  async function runJob(label, documents) {
    const p = panel(label, documents.length);
    try {
      let job = await S.post("/api/jobs", { documents });
      let shown = 0;
      for (;;) {
        for (const it of job.items.slice(shown)) p.item(it.status, it.doc_id, it.error, documents[it.index].url || documents[it.index].title || `document ${it.index + 1}`);
        shown = job.items.length;
        p.update(job.done, job.failed, job.status === "done");
        if (job.status === "done") break;
        await new Promise(r => setTimeout(r, 400));
        job = await S.api("/api/jobs/" + encodeURIComponent(job.id));
      }
    } catch (err) { p.item("failed", null, err.message); p.update(0, 1, true); }
  }

  form("paste").addEventListener("submit", e => {
    e.preventDefault();
    const f = e.target, text = f.elements.text.value;
    if (!text.trim()) return;
    runJob("Pasted text" + (f.elements.title.value ? ": " + f.elements.title.value : ""), [Object.assign({ text }, meta(f))]);
    f.reset();
  });

  form("urls").addEventListener("submit", e => {
    e.preventDefault();
    const urls = e.target.elements.urls.value.split(/\s+/).filter(u => /^https?:\/\//i.test(u));
    if (!urls.length) return;
    runJob(`${urls.length} web page(s)`, urls.map(url => ({ url })));
    e.target.reset();
  });

  form("upload").addEventListener("submit", async e => {
    e.preventDefault();
    const f = e.target, files = Array.from(f.elements.files.files);
    if (!files.length) return;
    const p = panel(`${files.length} file(s)`, files.length);
    let done = 0, failed = 0;
    for (const file of files) {
      const body = new FormData();
      body.append("file", file);
      for (const [k, v] of Object.entries(meta(f))) body.append(k, v);
      try {
        const r = await S.api("/api/documents/upload", { method: "POST", body });
        p.item(r.status, r.id, null, file.name);
      } catch (err) { failed += 1; p.item("failed", null, err.message, file.name); }
      done += 1;
      p.update(done, failed, done === files.length);
    }
    f.reset();
  });
})();
