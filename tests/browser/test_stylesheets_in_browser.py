"""Material's pruned stylesheets (generator/output/stylesheets.py) style every page as the whole ones do.

Each page is opened as built (linking the pruned files), every element's computed style is read, then the
page's links are pointed back at Material's own files (still in the built site) and the styles are read
again: they must be the same, on a phone (light) and a desktop (dark), with the navigation drawer open
and with search results shown (classes that only Material's script adds). Custom properties are left out
of the comparison (the pruned files drop the ones nothing reads; a dropped one that something did read
would change a real property here).
"""

from __future__ import annotations

import re

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.slow]

PRUNED = re.compile(r"assets/stylesheets/(main|palette)\.[0-9a-f]{8}\.[0-9a-f]{8}\.min\.css")
NO_MOTION = "*,*::before,*::after{transition:none!important;animation:none!important}"
# An element centred by auto margins (Material's .md-grid) has its margins read as 0px or as their used
# value depending on when Chromium last laid the page out: the same page, read twice, gave both. They are
# left out; the rule that centres it stays in the pruned stylesheet (the test below checks it).
STYLES = r"""() => {
  const out = [];
  document.querySelectorAll('*').forEach((el, i) => {
    const own = getComputedStyle(el);
    const centred = el.classList.contains('md-grid');
    const pseudos = [null, '::before', '::after'];
    if (own.display === 'list-item') pseudos.push('::marker');
    if (el.tagName === 'INPUT' || el.tagName === 'TEXTAREA') pseudos.push('::placeholder');
    for (const pseudo of pseudos) {
      const cs = pseudo ? getComputedStyle(el, pseudo) : own;
      if ((pseudo === '::before' || pseudo === '::after') && cs.content === 'none') continue;
      const props = [];
      for (let k = 0; k < cs.length; k++) {
        if (cs[k].startsWith('--')) continue;
        if (centred && cs[k].startsWith('margin')) continue;
        props.push(cs[k] + ':' + cs.getPropertyValue(cs[k]));
      }
      const cls = typeof el.className === 'string' ? el.className.trim().split(/\s+/).join('.') : '';
      out.push(`${el.tagName.toLowerCase()}.${cls}#${i}${pseudo || ''} ${props.join(';')}`);
    }
  });
  return out;
}"""
# Material's whole stylesheets are added beside the pruned ones, then the pruned ones removed: the page is
# never without styles in between (which would scroll it and change the state Material's script keeps).
WHOLE = r"""async () => {
  const links = [...document.querySelectorAll('link[rel=stylesheet]')]
    .filter(l => /\.[0-9a-f]{8}\.[0-9a-f]{8}\.min\.css$/.test(l.href));
  await Promise.all(links.map(l => new Promise((resolve, reject) => {
    const whole = document.createElement('link');
    whole.rel = 'stylesheet';
    whole.onload = resolve; whole.onerror = reject;
    whole.href = l.href.replace(/(\.[0-9a-f]{8})\.[0-9a-f]{8}(\.min\.css)$/, '$1$2');
    l.after(whole);
  })));
  links.forEach(l => l.remove());
  await new Promise(r => requestAnimationFrame(() => setTimeout(r, 50)));
  return links.length;
}"""


def differences(before: list[str], after: list[str]) -> list[str]:
    assert len(before) == len(after)
    lines = []
    for pruned, whole in zip(before, after, strict=True):
        if pruned != whole:
            a = dict(p.split(":", 1) for p in pruned.split(" ", 1)[1].split(";") if ":" in p)
            b = dict(p.split(":", 1) for p in whole.split(" ", 1)[1].split(";") if ":" in p)
            changed = {k: (a.get(k), b.get(k)) for k in a.keys() | b.keys() if a.get(k) != b.get(k)}
            lines.append(f"{pruned.split(' ', 1)[0]}: {changed} (pruned, whole)")
    return lines


def compare(reader, state: str) -> list[str]:
    """The elements whose style differs between the pruned stylesheets and Material's whole ones."""
    page = reader.page
    page.add_style_tag(content=NO_MOTION)
    page.wait_for_timeout(300)  # what the script does after a click or a load has settled
    pruned = page.evaluate(STYLES)
    assert page.evaluate(WHOLE) == 2, "the page links Material's two pruned stylesheets"
    whole = page.evaluate(STYLES)
    return [f"{page.url} [{state}] {line}" for line in differences(pruned, whole)[:5]]


def test_every_page_links_the_pruned_stylesheets(site):
    for path in site.paths:
        html = site.file(path).read_text(encoding="utf-8")
        assert len(PRUNED.findall(html)) == 2, path
    whole = next((site.dir / "assets/stylesheets").glob("main.????????.min.css"))
    pruned = next((site.dir / "assets/stylesheets").glob("main.????????.????????.min.css"))
    assert pruned.stat().st_size < whole.stat().st_size * 0.7
    assert ".md-grid{max-width:61rem;margin-left:auto;margin-right:auto}" in pruned.read_text(encoding="utf-8")


@pytest.mark.parametrize(("viewport", "scheme"), [("phone", "light"), ("desktop", "dark")])
def test_pruned_stylesheets_style_pages_as_the_whole_ones(open_page, site, viewport, scheme):
    paths = ["", "compare/", "devices/", "concept/", site.kinds["device"], "figures/timeline/"]
    problems: list[str] = []
    for path in paths:
        reader = open_page(viewport, scheme)
        reader.load(path)
        problems += compare(reader, "loaded")
        reader.context.close()
    # Search results and the drawer: states made by Material's script.
    reader = open_page(viewport, scheme)
    reader.load("compare/?d=xiaomi-12s-ultra-concept,panasonic-lumix-dmc-cm1")
    page = reader.page
    page.keyboard.press("/")
    page.wait_for_function("document.activeElement?.matches('input.md-search__input')")
    page.locator("input.md-search__input").press_sequentially("leica", delay=20)
    page.wait_for_selector(".md-search-result__item")
    problems += compare(reader, "search")
    if viewport == "phone":
        reader.load("devices/")
        page.locator("label.md-header__button[for=__drawer]").click()
        page.wait_for_function("document.getElementById('__drawer').checked")
        problems += compare(reader, "drawer")
    assert not problems, "\n".join(problems)
