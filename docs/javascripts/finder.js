/* Lens Lineage: the finder on /devices/. Filters (maker, camera partner, sensor format, kind, years of
 * announcement, and a text box for names, aliases and model numbers) narrow the page's table of
 * devices; the filters are kept in the address (?find=…&maker=…&partner=…&format=…&kind=…&from=…&to=…).
 * Without this script the form stays hidden and the full list shows. Its data is the page's own
 * (<script id="ll-finder-data" type="application/json">); it only hides and shows rows, and writes
 * its messages as text. */
(() => {
  "use strict";
  const $ = (id) => document.getElementById(id);
  const form = $("ll-finder");
  const source = $("ll-finder-data");
  if (!form || !source) return;
  let data;
  try {
    data = JSON.parse(source.textContent).devices;
  } catch (_) {
    return;
  }
  if (!data || typeof data !== "object") return;

  const words = (text) => String(text).normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ").trim();
  const FIELDS = ["find", "maker", "partner", "format", "kind", "from", "to"];
  const status = $("ll-finder-status");
  const empty = $("ll-finder-empty");

  // The table's rows, each with its device's record (found by the id at the end of its link).
  const table = form.parentElement.querySelector("table") || document.querySelector(".md-content table");
  const rows = [];
  for (const tr of table ? table.tBodies[0].rows : []) {
    const link = tr.querySelector("a[href]");
    if (!link) continue;
    const id = new URL(link.href).pathname.split("/").filter(Boolean).pop();
    const record = Object.prototype.hasOwnProperty.call(data, id) ? data[id] : null;
    if (!record) continue;
    const norm = words(`${record.name} ${record.find || ""}`);
    rows.push({tr, record, hay: ` ${norm} ${norm.replace(/ /g, "")}`});
  }
  if (!rows.length) return;

  const field = (name) => form.elements.namedItem(name);

  const read = () => {
    let params;
    try {
      params = new URLSearchParams(location.search);
    } catch (_) {
      params = new URLSearchParams();
    }
    for (const name of FIELDS) {
      const control = field(name);
      if (!control) continue;
      const value = params.get(name) || "";
      if (control.tagName === "SELECT") {
        // Only a value the list offers; anything else leaves the filter open.
        control.value = [...control.options].some((o) => o.value === value) ? value : "";
      } else {
        control.value = value.slice(0, 100);
      }
    }
  };

  const write = () => {
    const params = new URLSearchParams();
    for (const name of FIELDS) {
      const control = field(name);
      const value = control ? control.value.trim() : "";
      if (value) params.set(name, value);
    }
    const query = params.toString();
    history.replaceState(null, "", query ? `?${query}` : location.pathname);
  };

  const apply = () => {
    const query = words(field("find").value).split(" ").filter(Boolean);
    const want = (name) => field(name) ? field(name).value : "";
    const maker = want("maker");
    const partner = want("partner");
    const format = want("format");
    const kind = want("kind");
    const from = Number(want("from")) || -Infinity;
    const to = Number(want("to")) || Infinity;
    let count = 0;
    for (const {tr, record, hay} of rows) {
      const match = query.every((w) => hay.includes(w))
        && (!maker || record.maker === maker)
        && (!partner || (partner === "none" ? !record.partner : record.partner === partner))
        && (!format || (format === "none" ? !record.format : record.format === format))
        && (!kind || record.kind === kind)
        && record.year >= from && record.year <= to;
      tr.hidden = !match;
      if (match) count += 1;
    }
    const total = rows.length;
    table.hidden = count === 0;
    empty.hidden = count !== 0;
    status.textContent = count === total ? `All ${total} devices.`
      : count === 0 ? `No device matches these filters (of ${total}).`
        : `${count} of ${total} devices match.`;
  };

  const update = () => {
    apply();
    write();
  };
  form.addEventListener("input", update);
  form.addEventListener("change", update);
  form.addEventListener("submit", (event) => event.preventDefault());
  // A reset button (in the form or in the empty-result note): the fields reset after the event.
  form.addEventListener("reset", () => setTimeout(update));
  empty.addEventListener("click", (event) => {
    if (!event.target.closest("button")) return;
    form.reset();
    field("find").focus();
  });
  window.addEventListener("popstate", () => {
    read();
    apply();
  });

  form.classList.add("ll-ready");
  read();
  apply();
})();
// Whether a view was drawn or there was nothing to do, show what the head held back (see site.css).
document.documentElement.classList.remove("ll-pending");
