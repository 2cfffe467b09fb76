"""The HTML export in a real browser: headless Chromium, from file://, with the network blocked.

Chromium is driven over its DevTools pipe (Python standard library only), which reports every
request the page attempts, every console message and every uncaught exception. The page records
on <html> what it drew (``data-drawn``) once its first frame is on the canvas.

Skipped when Chromium is missing, unless ``DRUGKG_REQUIRE_BROWSER=1`` (CI), where it fails.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

import drugkg
from drugkg.export import select
from drugkg.export.browser import HeadlessChromium, find_chromium

READY = ("new Promise((ok, fail) => { const t0 = Date.now(); const f = () => document.documentElement.dataset.ready"
         " ? ok(Object.assign({}, document.documentElement.dataset)) : Date.now() - t0 > 20000 ? fail('not rendered')"
         " : setTimeout(f, 20); f(); })")
#: Pixels of the canvas that are not white (what was actually drawn, not the file's text).
INK = ("(() => { const c = document.getElementById('canvas'); const d = c.getContext('2d')"
       ".getImageData(0, 0, c.width, c.height).data; let n = 0;"
       " for (let i = 0; i < d.length; i += 4) if (d[i] < 235 || d[i + 1] < 235 || d[i + 2] < 235) n++; return n; })()")


@pytest.fixture(scope="module")
def browser() -> Iterator[HeadlessChromium]:
    if find_chromium() is None:
        if os.environ.get("DRUGKG_REQUIRE_BROWSER") == "1":
            pytest.fail("DRUGKG_REQUIRE_BROWSER=1 but chromium is not installed (apt-get install chromium)")
        pytest.skip("chromium is not installed (apt-get install chromium); set DRUGKG_REQUIRE_BROWSER=1 to fail instead")
    with HeadlessChromium(width=1280, height=800) as b:
        yield b


def _open(browser: HeadlessChromium, page: Path) -> dict[str, str]:
    browser.events.clear()
    browser.open(page.as_uri())
    return browser.evaluate(READY)  # type: ignore[no-any-return]


def _clean(browser: HeadlessChromium, page: Path) -> None:
    assert browser.errors() == []
    assert browser.requests() == [page.as_uri()], "the page requested something besides itself"


def test_neighbourhood_renders_offline(browser: HeadlessChromium, kg: drugkg.KnowledgeGraph, tmp_path: Path) -> None:
    page = kg.export(tmp_path / "baclofen.html", focus="baclofen")
    n = select(kg, focus="baclofen").graph.number_of_nodes()
    state = _open(browser, page)
    assert int(state["nodes"]) == n and int(state["drawn"]) == n  # every node marker drawn in the fitted view
    assert browser.evaluate(INK) > 5_000
    assert browser.evaluate("document.getElementById('counts').textContent") == f"{n} nodes, {state['edges']} edges"
    legend = browser.evaluate("[...document.querySelectorAll('#legend li')].map(li => li.textContent)")
    assert any(item.startswith("drug") for item in legend) and any(item.startswith("target action") for item in legend)
    # the search box finds the GABA-B receptor; choosing it shows its details
    found = browser.evaluate("(() => { const s = document.getElementById('search'); s.value = 'GABBR1';"
                             " s.dispatchEvent(new Event('input')); return +document.documentElement.dataset.matches; })()")
    assert found == 2  # the target and baclofen's target action
    browser.evaluate("[...document.querySelectorAll('#matches li')].find(li => li.title === 'dkgr:target-GABBR1').click()")
    details = browser.evaluate("document.getElementById('details').textContent")
    assert "GABA-B receptor subunit 1" in details and "UniProtKB:Q9UBS5" in details
    # a legend click hides a type: fewer markers drawn
    browser.evaluate("[...document.querySelectorAll('#legend li')].find(li => li.textContent.startsWith('mechanism')).click()")
    drawn = browser.evaluate("new Promise(r => requestAnimationFrame(() => r(+document.documentElement.dataset.drawn)))")
    assert 0 < drawn < n
    _clean(browser, page)


def test_click_shows_evidence(browser: HeadlessChromium, kg: drugkg.KnowledgeGraph, tmp_path: Path) -> None:
    page = kg.export(tmp_path / "pair.html", explain=("baclofen", "clozapine"))
    state = _open(browser, page)
    assert int(state["drawn"]) == int(state["nodes"]) >= 15
    # centre the interaction node, then click the canvas where it is drawn, with real mouse events
    browser.evaluate("(() => { const s = document.getElementById('search'); s.value = 'baclofen + clozapine';"
                     " s.dispatchEvent(new Event('input')); document.querySelector('#matches li').click();"  # exact match first
                     " document.getElementById('details').textContent = ''; })()")
    box = browser.evaluate("(() => { const r = document.getElementById('canvas').getBoundingClientRect();"
                           " return [r.left + r.width / 2, r.top + r.height / 2]; })()")
    for kind in ("mousePressed", "mouseReleased"):
        browser.call("Input.dispatchMouseEvent", {"type": kind, "x": box[0], "y": box[1], "button": "left", "clickCount": 1},
                     session=True)
    details = browser.evaluate("new Promise(r => setTimeout(() => r(document.getElementById('details').textContent), 50))")
    assert "baclofen + clozapine" in details and "CLOZ_CASE" in details and "secondary claim" in details
    # the wheel zooms: the scale changes and the frame is redrawn without errors
    before = browser.evaluate("document.documentElement.dataset.drawn")
    browser.call("Input.dispatchMouseEvent", {"type": "mouseWheel", "x": box[0], "y": box[1], "deltaX": 0, "deltaY": 600},
                 session=True)
    after = browser.evaluate("new Promise(r => requestAnimationFrame(() => r(document.documentElement.dataset.drawn)))")
    assert before and after
    _clean(browser, page)


def test_whole_graph_renders(browser: HeadlessChromium, kg: drugkg.KnowledgeGraph, tmp_path: Path) -> None:
    page = kg.export(tmp_path / "whole.html")
    state = _open(browser, page)
    n = kg.to_networkx().number_of_nodes()
    assert int(state["nodes"]) == n and int(state["drawn"]) == n
    assert float(state["renderMs"]) < 10_000
    assert browser.evaluate(INK) > 10_000
    _clean(browser, page)


def test_first_screen_is_labelled(browser: HeadlessChromium, kg: drugkg.KnowledgeGraph, tmp_path: Path) -> None:
    """A depth-2 neighbourhood is too large to draw every label at the fitted scale; the first
    screen still labels the focus drug and many more nodes, without overlaps."""
    page = kg.export(tmp_path / "baclofen2.html", focus="baclofen", depth=2)
    state = _open(browser, page)
    n = int(state["nodes"])
    assert n > 150 and int(state["drawn"]) == n
    assert int(state["labelled"]) >= 40
    # summary edges: assertions are not nodes; hypotheses are dashed edges
    assert "assertion" not in browser.evaluate("[...document.querySelectorAll('#legend li')].map(li => li.textContent).join(' ')")
    _clean(browser, page)
