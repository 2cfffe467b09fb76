"""The workbench at / in headless Chromium: search, drug page, regimen check, SPARQL; offline.

Chromium runs with the network blocked (drugkg.export.browser); the test also checks that every
request the page made went to the drugkg server on 127.0.0.1, and that nothing was logged as an
error. Skipped when Chromium is missing, unless DRUGKG_REQUIRE_BROWSER=1.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from typing import Any

import pytest

import drugkg
from drugkg.export.browser import HeadlessChromium, find_chromium
from drugkg.server import make_server


def wait_for(key: str, value: str | None = None, timeout_ms: int = 20000) -> str:
    """JS: a promise of <html data-KEY> once it is set (to VALUE, if given)."""
    test = f"d.{key} && d.{key} !== ''" + (f" && d.{key} === {value!r}" if value is not None else "")
    return (f"new Promise((ok, fail) => {{ const d = document.documentElement.dataset, t0 = Date.now();"
            f" const f = () => ({test}) ? ok(d.{key}) : Date.now() - t0 > {timeout_ms} ? fail('timeout: {key}') : setTimeout(f, 20);"
            " f(); })")


@pytest.fixture(scope="module")
def server() -> Iterator[Any]:
    srv = make_server(port=0, workers=2)
    t = threading.Thread(target=srv.serve_forever, daemon=True)
    t.start()
    yield srv
    srv.shutdown()
    srv.server_close()


@pytest.fixture(scope="module")
def browser() -> Iterator[HeadlessChromium]:
    if find_chromium() is None:
        if os.environ.get("DRUGKG_REQUIRE_BROWSER") == "1":
            pytest.fail("DRUGKG_REQUIRE_BROWSER=1 but chromium is not installed")
        pytest.skip("chromium is not installed (apt-get install chromium)")
    with HeadlessChromium(width=1280, height=900, loopback=True) as b:
        yield b


def visit(browser: HeadlessChromium, url: str) -> None:
    """Open ``url`` as a fresh page (a hash change alone would not reload it)."""
    browser.events.clear()
    browser.open("about:blank")
    browser.events.clear()
    browser.open(url)
    browser.evaluate(wait_for("ready"))


def clean(browser: HeadlessChromium, server: Any, *, expected: str | None = None) -> None:
    """No errors (but the one ``expected`` entry the test provoked), no request outside the server."""
    errors = browser.errors()
    if expected is not None:
        assert sum(expected in e for e in errors) == 1
        errors = [e for e in errors if expected not in e]
    assert errors == []
    outside = [u for u in browser.requests() if not u.startswith(server.url + "/") and not u.startswith("blob:")]
    assert outside == [], "the workbench requested something from outside the server"


def test_search_and_drug_page(browser: HeadlessChromium, server: Any, kg: drugkg.KnowledgeGraph) -> None:
    visit(browser, server.url + "/")
    drugs = kg.drugs()
    assert browser.evaluate("document.querySelectorAll('#drug-list li').length") == len(drugs)
    # completion by brand name: typing "Liores" offers baclofen; Enter opens its page
    browser.evaluate("(() => { const s = document.getElementById('drug-search'); s.value = 'Liores';"
                     " s.dispatchEvent(new Event('input')); })()")
    assert browser.evaluate("[...document.querySelectorAll('#drug-complete li')].map(li => li.dataset.label)") == ["baclofen"]
    browser.evaluate("document.getElementById('drug-search').dispatchEvent(new KeyboardEvent('keydown', {key: 'Enter'}))")
    assert browser.evaluate(wait_for("loaded", "drug:baclofen")) == "drug:baclofen"
    text = browser.evaluate("document.getElementById('view-drug').innerText")
    for effect in kg.effects("baclofen"):
        assert effect.effect_label in text
    for w in kg.withdrawal("baclofen"):
        assert w.label in text and all(m.effect_label in text for m in w.manifestations)
    assert "baclofen agonist of GABBR1" in text and "nigrostriatal" in text  # mechanisms
    sources = {e.source for eff in kg.effects("baclofen") for e in eff.evidence}
    citations = browser.evaluate("[...document.querySelectorAll('#drug-evidence li b')].map(b => b.textContent)")
    assert sources <= set(citations)
    contexts = browser.evaluate("[...document.querySelectorAll('#drug-effects h3')].map(h => h.textContent)")
    effects = kg.effects("baclofen")
    assert set(contexts) == {c for e in effects for c in e.contexts} | ({"any context"} if any(not e.contexts for e in effects) else set())
    assert len(contexts) > 2
    clean(browser, server)


def test_regimen_check_matrix_and_explanation(browser: HeadlessChromium, server: Any, kg: drugkg.KnowledgeGraph) -> None:
    visit(browser, server.url + "/#/check")
    for name in ("baclofen", "clozap", "lithium"):
        browser.evaluate(f"(() => {{ const s = document.getElementById('regimen-input'); s.value = {name!r};"
                         " s.dispatchEvent(new Event('input'));"
                         " s.dispatchEvent(new KeyboardEvent('keydown', {key: 'Enter'})); })()")
    assert browser.evaluate("[...document.querySelectorAll('#regimen-drugs .chip')].length") == 3
    browser.evaluate("document.getElementById('regimen-run').click()")
    expected = kg.check(["baclofen", "clozapine", "lithium"]).pairs
    assert browser.evaluate(wait_for("loaded")) == f"check:{len(expected)}"
    cells = browser.evaluate("[...document.querySelectorAll('#check-matrix .cell')].map(g => [g.dataset.a, g.dataset.b, g.dataset.score])")
    assert len(cells) == 6
    scores = {frozenset((a, b)): s for a, b, s in cells}
    for c in expected:
        assert scores[frozenset(c.drugs)] == str(c.score)
    fills = browser.evaluate("[...document.querySelectorAll('#check-matrix .cell rect')].map(r => r.getAttribute('fill'))")
    assert len(set(fills)) >= 2  # coloured by score
    browser.evaluate("[...document.querySelectorAll('#check-matrix .cell')]"
                     ".find(g => g.dataset.a === 'baclofen' && g.dataset.b === 'clozapine')"
                     ".dispatchEvent(new MouseEvent('click', {bubbles: true}))")
    assert browser.evaluate(wait_for("pair")) == "baclofen+clozapine"
    reasons = browser.evaluate("document.getElementById('pair-reasons').innerText")
    assert "nigrostriatal" in reasons and "secondary claim" in reasons
    assert browser.evaluate("document.querySelectorAll('#pair-figure svg text').length") > 10
    clean(browser, server)


def test_sparql_editor_runs_examples_and_downloads(browser: HeadlessChromium, server: Any, kg: drugkg.KnowledgeGraph) -> None:
    visit(browser, server.url + "/#/sparql")
    assert browser.evaluate("document.documentElement.dataset.view") == "sparql"
    # syntax highlighting: keywords, variables and prefixed names get their own spans
    kinds = browser.evaluate("[...new Set([...document.querySelectorAll('#highlight span')].map(s => s.className))]")
    assert {"tok-kw", "tok-var", "tok-pn"} <= set(kinds)
    browser.evaluate("document.getElementById('run').click()")
    assert browser.evaluate(wait_for("rows")) == str(len(kg.drugs()))
    # a named query as example: withdrawal-profile with its default route
    options = browser.evaluate("[...document.querySelectorAll('#examples option')].map(o => o.textContent)")
    assert any(o.startswith("withdrawal-profile") for o in options)
    browser.evaluate("(() => { const s = document.getElementById('examples');"
                     " s.value = [...s.options].find(o => o.textContent.startsWith('combination-risk')).value;"
                     " s.dispatchEvent(new Event('change')); document.documentElement.dataset.rows = '';"
                     " document.getElementById('run').click(); })()")
    rows = int(browser.evaluate(wait_for("rows")))
    assert rows == len(kg.query("combination-risk"))
    header = browser.evaluate("[...document.querySelectorAll('#results th')].map(t => t.textContent)")
    assert header[:4] == ["effect", "drug", "drugA", "drugB"]
    # a malformed query shows the server's message, not a console error
    browser.evaluate("(() => { document.getElementById('query').value = 'SELECT ?x WHERE {';"
                     " document.documentElement.dataset.rows = ''; document.getElementById('run').click(); })()")
    assert browser.evaluate(wait_for("rows")) == "error"
    assert "malformed SPARQL" in browser.evaluate("document.getElementById('status').textContent")
    browser.evaluate("(() => { document.getElementById('query').value = 'SELECT ?d WHERE { ?d a dkg:Drug }';"
                     " document.getElementById('download-csv').click(); })()")
    assert browser.evaluate(wait_for("downloaded")).startswith("csv:")
    clean(browser, server, expected="status of 400 (Bad Request)")  # the malformed query's answer
