/* Lens Lineage: two to four devices side by side on /compare/, the choice kept in the address
 * (?d=id,id&diff=1). Without this script the page shows its full table; the script only adds the
 * side-by-side view. The picker's data is the page's own (<script id="ll-compare-data"
 * type="application/json">); the values it shows are in devices.json beside the page, fetched when the
 * first device is chosen (both made by the generator from data/). Every value is shown as text
 * (textContent), never as HTML. */
(() => {
  "use strict";
  const MAX = 4;
  const $ = (id) => document.getElementById(id);
  // Whether a view was drawn or there was nothing to draw, show what the head held back (site.css).
  const release = () => document.documentElement.classList.remove("ll-pending");
  const root = $("ll-compare");
  const source = $("ll-compare-data");
  if (!root || !source) return release();
  let data;
  try {
    data = JSON.parse(source.textContent);
  } catch (_) {
    return release();
  }
  if (!data || !Array.isArray(data.devices) || !Array.isArray(data.groups)) return release();
  // The values: {cells: {id: {row: cell}}, sources: {id: source}}, once loaded (see need()).
  let values = null;
  let loading = null;

  // A node with attributes and children; strings become text nodes, so data can never become markup.
  const h = (tag, attrs, ...children) => {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs || {})) {
      if (value === false || value == null) continue;
      if (key === "text") node.textContent = value;
      else node.setAttribute(key, value === true ? "" : value);
    }
    for (const child of children.flat(Infinity)) {
      if (child != null && child !== false) node.append(child);
    }
    return node;
  };
  // Names, aliases and model numbers as words: "DMC-CM1" is found by "cm1", "dmc cm1" and "dmccm1".
  const words = (text) => String(text).normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ").trim();
  const quote = (text) => `“${String(text).slice(0, 60)}${String(text).length > 60 ? "…" : ""}”`;
  const list = (names) => names.length < 2 ? names.join("")
    : `${names.slice(0, -1).join(", ")} and ${names[names.length - 1]}`;

  const devices = new Map();
  for (const d of data.devices) {
    const norm = words(`${d.name} ${d.find || ""}`);
    devices.set(d.id, {...d, hay: ` ${norm} ${norm.replace(/ /g, "")}`});
  }

  const input = $("ll-pick");
  const options = $("ll-pick-list");
  const chosenList = $("ll-chosen");
  const diff = $("ll-diff");
  const status = $("ll-status");
  const notes = $("ll-notes");
  const out = $("ll-side");
  let chosen = [];
  let active = -1;
  let matches = [];

  // The address is the state: ?d=a,b,c (at most four known ids) and &diff=1. Anything else is ignored;
  // unknown ids are named on the page, ids past the fourth are listed in a note.
  const read = () => {
    let params;
    try {
      params = new URLSearchParams(location.search);
    } catch (_) {
      params = new URLSearchParams();
    }
    const ids = [];
    const unknown = [];
    for (const part of (params.get("d") || "").split(",")) {
      const id = part.trim().toLowerCase();
      if (!id || ids.includes(id) || unknown.includes(id)) continue;
      (devices.has(id) ? ids : unknown).push(id);
    }
    chosen = ids.slice(0, MAX);
    diff.checked = params.get("diff") === "1";
    const found = [];
    if (unknown.length) {
      found.push(`No device called ${list(unknown.slice(0, 5).map(quote))}${unknown.length > 5 ? " (and more)" : ""}.`);
    }
    if (ids.length > MAX) {
      found.push(`At most ${MAX} devices can be compared; not shown: ${list(ids.slice(MAX).map((id) => devices.get(id).name))}.`);
    }
    notes.replaceChildren(...found.map((text) => h("p", {text})));
    notes.hidden = !found.length;
  };

  const write = () => {
    const params = new URLSearchParams();
    if (chosen.length) params.set("d", chosen.join(","));
    if (diff.checked && chosen.length) params.set("diff", "1");
    const query = params.toString().replace(/%2C/g, ",");
    history.pushState(null, "", query ? `?${query}` : location.pathname);
    notes.replaceChildren();
    notes.hidden = true;
  };

  // The picker: a combobox whose list shows the devices matching what is typed.
  const closeList = () => {
    options.hidden = true;
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
    active = -1;
  };

  const showActive = () => {
    [...options.children].forEach((li, i) => li.setAttribute("aria-selected", String(i === active)));
    if (active >= 0) {
      input.setAttribute("aria-activedescendant", `ll-pick-${active}`);
      options.children[active].scrollIntoView({block: "nearest"});
    } else {
      input.removeAttribute("aria-activedescendant");
    }
  };

  const suggest = () => {
    const query = words(input.value).split(" ").filter(Boolean);
    if (!query.length) {
      closeList();
      return;
    }
    matches = [...devices.values()]
      .filter((d) => !chosen.includes(d.id) && query.every((w) => d.hay.includes(w))).slice(0, 8);
    options.replaceChildren(...(matches.length ? matches.map((d, i) => h("li", {
      id: `ll-pick-${i}`, role: "option", "aria-selected": "false", "data-id": d.id, text: d.name,
    })) : [h("li", {class: "ll-pick-none", role: "option", "aria-disabled": "true",
      text: `No device matches ${quote(input.value.trim())}`})]));
    active = matches.length ? 0 : -1;
    options.hidden = false;
    input.setAttribute("aria-expanded", "true");
    showActive();
  };

  const add = (id) => {
    if (!devices.has(id) || chosen.includes(id) || chosen.length >= MAX) return;
    chosen.push(id);
    input.value = "";
    closeList();
    write();
    render();
  };

  input.addEventListener("input", suggest);
  input.addEventListener("focus", () => input.value && suggest());
  input.addEventListener("keydown", (event) => {
    const open = !options.hidden && matches.length;
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      if (options.hidden) suggest();
      else if (open) {
        active = (active + (event.key === "ArrowDown" ? 1 : matches.length - 1)) % matches.length;
        showActive();
      }
    } else if (event.key === "Enter") {
      event.preventDefault();
      if (open && active >= 0) add(matches[active].id);
    } else if (event.key === "Escape" && !options.hidden) {
      event.preventDefault();
      closeList();
    }
  });
  input.addEventListener("blur", () => setTimeout(closeList, 150));
  options.addEventListener("mousedown", (event) => event.preventDefault());  // keep the focus
  options.addEventListener("click", (event) => {
    const li = event.target.closest("li[data-id]");
    if (li) add(li.dataset.id);
    input.focus();
  });

  diff.addEventListener("change", () => {
    write();
    render();
  });
  window.addEventListener("popstate", () => {
    read();
    render();
  });

  // The side-by-side table, and the sources of what it shows: one mark per cell, leading to an entry
  // that lists every source of the cell's values.
  const cellKey = (cell) => (cell ? JSON.stringify([cell.v, cell.h || ""]) : "");

  const table = (shown, marks) => {
    const n = shown.length;
    const head = h("thead", null, h("tr", null, h("td", {class: "ll-side__corner"}),
      shown.map((d) => h("th", {scope: "col"}, h("a", {href: d.url, text: d.name})))));
    const bodies = [];
    let total = 0;
    let visible = 0;
    for (const [group, rows] of data.groups) {
      const trs = [];
      for (const [key, label] of rows) {
        const cells = shown.map((d) => values.cells[d.id] && values.cells[d.id][key]);
        if (!cells.some(Boolean)) continue;
        const same = n > 1 && cells.every((c) => cellKey(c) === cellKey(cells[0]));
        total += 1;
        const hidden = diff.checked && n > 1 && same;
        if (!hidden) visible += 1;
        trs.push(h("tr", {hidden, class: same && n > 1 ? "ll-same" : null},
          h("th", {scope: "row", text: label}),
          cells.map((cell) => h("td", null, cell ? value(cell, marks) : h("span", {
            class: "ll-none", title: "Not in the data", text: "—"})))));
      }
      if (!trs.length) continue;
      const shownRows = trs.filter((tr) => !tr.hidden).length;
      bodies.push(h("tbody", {hidden: !shownRows},
        h("tr", {class: "ll-side__group"}, h("th", {scope: "colgroup", colspan: n + 1, text: group})), trs));
    }
    const wrap = h("div", {class: "ll-side__wrap", tabindex: "0", role: "region",
      "aria-label": `Comparison of ${list(shown.map((d) => d.name))}`},
    h("table", {class: `ll-side__table ll-side--${n}`}, head, bodies));
    return {wrap, total, visible};
  };

  // A cell's sources are groups [value or null, [source ids]]: one group when all its values have the
  // same sources, else one per value. The same groups again reuse their entry (and its number).
  const value = (cell, marks) => {
    const parts = [];
    cell.v.forEach((text, i) => {
      if (i) parts.push(h("br"));
      parts.push(cell.h && cell.v.length === 1 ? h("a", {href: cell.h, text}) : text);
    });
    if (cell.s && cell.s.length) {
      const key = JSON.stringify(cell.s);
      if (!marks.has(key)) marks.set(key, {n: marks.size + 1, groups: cell.s});
      const n = marks.get(key).n;
      parts.push(h("sup", {class: "cite"}, h("a", {href: `#ll-src-${n}`, text: `[${n}]`})));
    }
    return parts;
  };

  const sourcesList = (marks) => {
    const items = [...marks.values()].map(({n, groups}) => h("li", {id: `ll-src-${n}`},
      groups.map(([label, ids], g) => [g ? " · " : "", label == null ? "" : `${label}: `,
        ids.filter((id) => values.sources[id]).map((id, i) => {
          const s = values.sources[id];
          return [i ? "; " : "", h("a", {href: s.u, text: s.t}), ` — ${s.p}`];
        })])));
    return [h("h2", {id: "ll-sources", text: "Sources for this comparison"}), h("ol", {class: "ll-sources"}, items)];
  };

  // The values are fetched once, when a device is first shown; render() runs again when they arrive.
  const need = () => {
    loading = loading || fetch(new URL(data.data, location.href))
      .then((response) => {
        if (!response.ok) throw new Error(`HTTP ${response.status}`);
        return response.json();
      })
      .then((loaded) => {
        if (!loaded || !loaded.cells || !loaded.sources || typeof loaded.cells !== "object") throw new Error("bad data");
        values = loaded;
      })
      .catch(() => {
        loading = null;  // the next choice tries again
        status.textContent = "The devices' values could not be loaded; try again, or see each device's page.";
      })
      .finally(() => {
        if (values) render();
        release();
      });
  };

  const render = () => {
    const shown = chosen.map((id) => devices.get(id));
    chosenList.replaceChildren(...shown.map((d) => h("li", null, h("span", {text: d.name}),
      h("button", {type: "button", class: "ll-remove", "data-id": d.id, "aria-label": `Remove ${d.name}`,
        title: `Remove ${d.name}`, text: "×"}))));
    chosenList.hidden = !shown.length;
    const full = chosen.length >= MAX;
    input.disabled = full;
    input.placeholder = full ? `${MAX} devices chosen: remove one to add another` : "Type a name, alias or model number";
    diff.disabled = shown.length < 2;
    out.replaceChildren();
    let message;
    if (!shown.length) {
      message = "Choose 2 to 4 devices to see them side by side.";
    } else if (!values) {
      message = "Loading the devices' values…";
      need();
    } else {
      const marks = new Map();
      const {wrap, total, visible} = table(shown, marks);
      out.append(wrap, ...sourcesList(marks));
      message = shown.length === 1 ? `${shown[0].name} chosen; add another device to compare.`
        : `Comparing ${shown.length} devices: ${list(shown.map((d) => d.name))}.`;
      if (shown.length > 1) {
        message += !diff.checked ? ` ${total} rows.` : visible === total ? ` All ${total} rows differ.`
          : visible ? ` Showing the ${visible} of ${total} rows that differ.` : ` All ${total} rows are the same.`;
      }
    }
    status.textContent = message;
  };

  chosenList.addEventListener("click", (event) => {
    const button = event.target.closest("button[data-id]");
    if (!button) return;
    const at = chosen.indexOf(button.dataset.id);
    chosen = chosen.filter((id) => id !== button.dataset.id);
    write();
    render();
    // The focus goes to the next device's remove button, or back to the picker.
    const buttons = chosenList.querySelectorAll("button");
    (buttons[Math.min(at, buttons.length - 1)] || input).focus();
  });

  root.classList.add("ll-ready");
  read();
  render();
  if (!loading) release();
})();

