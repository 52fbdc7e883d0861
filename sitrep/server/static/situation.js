// The situation report for the filters in the URL, as a printable page.
"use strict";
(async function () {
  S.fillForm(document.getElementById("filters"));
  const status = document.getElementById("status"), box = document.getElementById("report");
  document.getElementById("print").addEventListener("click", () => window.print());
  const q = S.query();
  document.getElementById("download").href = "/api/report" + (q ? "?" + q : "");
  try {
    const md = await S.api("/api/report" + (q ? "?" + q : ""));
    box.replaceChildren(S.markdown(md));
    S.status(status, "");
  } catch (err) { S.fail(status, err); }
})();
