"""Pruning Material's stylesheets to what the built site uses (generator/output/stylesheets.py).

tests/browser/test_stylesheets_in_browser.py checks the real site's pages against Material's whole files.
"""

from __future__ import annotations

from pathlib import Path

import tinycss2

from generator.output.stylesheets import Vocabulary, prune, prune_theme_stylesheets, selector_needs, vocabulary


def needs(selector: str) -> set[str]:
    return selector_needs(tinycss2.parse_component_value_list(selector))


def words(*names: str, properties: tuple[str, ...] = ()) -> Vocabulary:
    prefixes = tuple(n for n in names if n.endswith(("-", "_")))
    return Vocabulary(frozenset(names), prefixes, frozenset(properties))


def test_a_selector_needs_its_classes_ids_elements_and_exact_attribute_values():
    assert needs(".md-typeset .admonition-title:before") == {"md-typeset", "admonition-title"}
    assert needs("#__drawer~.md-container a") == {"__drawer", "md-container", "a"}
    assert needs("[data-md-color-scheme=slate]") == {"data-md-color-scheme", "slate"}
    assert needs('[dir="rtl"] .x') == {"dir", "rtl", "x"}
    assert needs("[class~=tabbed]") == {"class", "tabbed"}
    # A value matched in part, and whatever a functional pseudo-class holds, need nothing more.
    assert needs('[href^="http"]') == {"href"}
    assert needs(".md-nav:not(.md-nav--primary) li::marker") == {"md-nav", "li"}
    assert needs(":root") == set()


def test_rules_no_page_can_match_go_and_the_rest_stay_as_written():
    css = (
        ".a{color:red}.a .gone{color:blue}.gone,.b{margin:0}"
        "@media screen and (min-width:10em){.gone{x:1}.b{y:2}}"
        "@media print{.gone{x:1}}"
        "@keyframes spin{0%{opacity:0}to{opacity:1}}"
        ".md-source__fact--version{z:1}"
    )
    out = prune({"main": css}, words("a", "b", "md-source__fact--"))["main"]
    assert out == (
        ".a{color:red}.gone,.b{margin:0}"
        "@media screen and (min-width:10em){.b{y:2}}"
        "@keyframes spin{0%{opacity:0}to{opacity:1}}"
        ".md-source__fact--version{z:1}"
    )


def test_custom_properties_stay_only_when_something_reads_them():
    css = (
        ":root{--used:var(--chained);--chained:1px;--unread:url(data:x);--in-page:2;--in-ours:3}"
        ".a{margin:var(--used)}.gone{padding:var(--unread)}"
        "[data-x=y]{--only:1}"
    )
    vocab = words("a", properties=("--in-page",))
    out = prune({"main": css}, vocab, others=[".ours{top:var(--in-ours)}"])["main"]
    assert out == ":root{--used:var(--chained);--chained:1px;--in-page:2;--in-ours:3}.a{margin:var(--used)}"


def test_the_vocabulary_is_the_pages_the_search_index_and_the_scripts_pages_load(tmp_path: Path):
    (tmp_path / "js").mkdir()
    (tmp_path / "search").mkdir()
    (tmp_path / "index.html").write_text(
        '<div class="md-a md-b" id="top" data-md-state="x" style="--set:1"><script src="js/s.js"></script>'
        "<a title='a > b' class=\"after-a-quoted-gt\">text-not-a-name</a>",
        encoding="utf-8",
    )
    (tmp_path / "js" / "s.js").write_text('e.classList.add("md-c");n="md-d__"+k;', encoding="utf-8")
    (tmp_path / "js" / "worker.js").write_text('"md-unloaded"', encoding="utf-8")
    # A script the page adds after its first paint (overrides/main.html) is read as well.
    (tmp_path / "later.html").write_text('<script type="text/plain" data-src="js/later.js"></script>', encoding="utf-8")
    (tmp_path / "js" / "later.js").write_text('e.classList.add("md-later")', encoding="utf-8")
    (tmp_path / "search" / "search_index.json").write_text(
        '{"docs":[{"title":"T","text":"<kbd>K</kbd>"}]}', encoding="utf-8"
    )
    vocab = vocabulary(tmp_path)
    for name in ("md-a", "md-b", "top", "data-md-state", "x", "div", "md-c", "md-d__e", "kbd", "after-a-quoted-gt"):
        assert vocab.has(name), name
    assert vocab.has("md-later")  # from the script the page adds later (data-src)
    assert not vocab.has("md-unloaded")
    assert not vocab.has("text-not-a-name")  # (a page's text names nothing)
    assert "--set" in vocab.properties


def test_the_site_links_the_pruned_files_under_names_of_their_own(tmp_path: Path):
    sheets = tmp_path / "assets" / "stylesheets"
    sheets.mkdir(parents=True)
    (sheets / "main.0123abcd.min.css").write_text(".used{a:1}.unused{b:2}/*# sourceMappingURL=x*/", encoding="utf-8")
    (sheets / "palette.89abcdef.min.css").write_text("[data-md-color-primary=red]{c:3}", encoding="utf-8")
    (tmp_path / "deep").mkdir()
    for page, prefix in ((tmp_path / "index.html", ""), (tmp_path / "deep" / "index.html", "../")):
        page.write_text(
            f'<link rel="stylesheet" href="{prefix}assets/stylesheets/main.0123abcd.min.css">'
            f'<link rel="stylesheet" href="{prefix}assets/stylesheets/palette.89abcdef.min.css">'
            '<p class="used">',
            encoding="utf-8",
        )
    renamed = prune_theme_stylesheets(tmp_path)
    main, palette = renamed["main.0123abcd.min.css"], renamed["palette.89abcdef.min.css"]
    assert main.startswith("main.0123abcd.") and main.endswith(".min.css") and len(main.split(".")) == 5
    assert (sheets / main).read_text(encoding="utf-8") == ".used{a:1}"
    assert (sheets / palette).read_text(encoding="utf-8") == ""
    assert (sheets / "main.0123abcd.min.css").exists()  # Material's own file stays for pages cached before
    deep = (tmp_path / "deep" / "index.html").read_text(encoding="utf-8")
    assert f'href="../assets/stylesheets/{main}"' in deep and f'href="../assets/stylesheets/{palette}"' in deep
