/* Lens Lineage's light/dark toggle, in place of Material's palette component (which
 * overrides/partials/palette.html leaves unmounted: as it starts, it restyles the whole page three
 * times). It does what Material's does for a reader, and nothing at start-up that restyles the page:
 * - the palette is the stored one (Material's `__palette`: {index, color: {media, scheme, primary,
 *   accent}}), else the first whose media matches; <body> already has its colours (Material's header
 *   script for a stored palette, our first line for a first visit), so they are set only if they differ;
 * - the label of the other palette is shown; a change of the radio buttons (a click on the label, arrow
 *   keys) or Enter on the form switches to the next palette, with transitions off for a frame
 *   (`data-md-color-switching`, as Material does), and stores the choice;
 * - <meta name="color-scheme"> (written in the head, see overrides/main.html) and
 *   <meta name="theme-color"> follow the header's colour scheme and background, as Material sets them.
 */
(function (d) {
  "use strict";
  var form = d.querySelector("form[data-ll-palette]");
  if (!form) return;
  var inputs = Array.prototype.slice.call(form.querySelectorAll("input"));
  var body = d.body;
  var index = -1;

  function meta(name) {
    var m = d.head.querySelector('meta[name="' + name + '"]');
    if (!m) {
      m = d.createElement("meta");
      m.name = name;
      d.head.appendChild(m);
    }
    return m;
  }

  function set(m, content) {
    if (m.content !== content) m.content = content;
  }

  function apply(i, switching) {
    var input = inputs[i];
    var color = {};
    var keys = ["media", "scheme", "primary", "accent"];
    keys.forEach(function (key) {
      color[key] = input.getAttribute("data-md-color-" + key);
    });
    var changed = keys.filter(function (key) {
      return body.getAttribute("data-md-color-" + key) !== color[key];
    });
    if (switching && changed.length) body.setAttribute("data-md-color-switching", "");
    changed.forEach(function (key) {
      body.setAttribute("data-md-color-" + key, color[key]);
    });
    inputs.forEach(function (other, j) {
      var label = other.nextElementSibling;
      if (label instanceof HTMLElement && label.hidden !== (j !== i)) label.hidden = j !== i;
    });
    index = i;
    __md_set("__palette", { index: i, color: color });
    var style = getComputedStyle(d.querySelector("header") || body);
    set(meta("color-scheme"), style.colorScheme);
    var rgb = style.backgroundColor.match(/\d+/g) || [];
    set(meta("theme-color"), "#" + rgb.map(function (c) { return (+c).toString(16).padStart(2, "0"); }).join(""));
    if (body.hasAttribute("data-md-color-switching"))
      requestAnimationFrame(function () { body.removeAttribute("data-md-color-switching"); });
  }

  form.addEventListener("change", function (event) {
    var i = inputs.indexOf(event.target);
    if (i >= 0) apply(i, true);
  });
  form.addEventListener("keydown", function (event) {
    if (event.key !== "Enter" || index < 0) return;
    var next = inputs[(index + 1) % inputs.length];
    next.click();
    next.focus();
  });

  var stored = null;
  try {
    stored = __md_get("__palette");
  } catch (e) {}
  var start = stored && typeof stored.index === "number" ? stored.index : inputs.findIndex(function (input) {
    return matchMedia(input.getAttribute("data-md-color-media")).matches;
  });
  apply(Math.max(0, Math.min(start, inputs.length - 1)), false);
})(document);
