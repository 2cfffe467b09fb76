// drugkg workbench: one page over the server's JSON API and SPARQL endpoint. No dependencies.
"use strict";
const $ = (sel, root = document) => root.querySelector(sel);
const esc = (s) => String(s ?? "").replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);
const mark = (k, v) => { document.documentElement.dataset[k] = v; };
let DRUGS = [];
let QUERIES = [];

function status(msg) { $("#status").textContent = msg || ""; }

async function api(path) {
  const r = await fetch(path, { headers: { Accept: "application/json" } });
  const body = await r.json();
  if (!r.ok) throw new Error(body.error || r.statusText);
  return body;
}

function level(l) { return l ? `<span class="level level-${esc(l.replace(/ /g, "-"))}">${esc(l)}</span>` : ""; }
function cite(e) {
  const ids = (e.identifiers || []).join(", ");
  return `<b>${esc(e.source)}</b> ${esc(e.title)} ${level(e.level)} <span class="ids">${esc(e.status)}${ids ? "; " + esc(ids) : ""}</span>` +
    (e.stance && e.stance !== "supports" ? ` <i>(${esc(e.stance)})</i>` : "") + (e.text ? `<br><q>${esc(e.text)}</q>` : "");
}
function sources(list) { return [...new Set((list || []).filter((e) => e.stance === "supports").map((e) => e.source))].join(", "); }

// -- completion ---------------------------------------------------------------------------------

function matches(text) {
  const t = text.trim().toLowerCase();
  if (!t) return [];
  const out = [];
  for (const d of DRUGS) {
    const names = [d.label, d.curie, ...d.synonyms];
    const hit = names.find((n) => n.toLowerCase().startsWith(t)) || names.find((n) => n.toLowerCase().includes(t));
    if (hit) out.push({ d, hit, rank: names.some((n) => n.toLowerCase().startsWith(t)) ? 0 : 1 });
  }
  return out.sort((a, b) => a.rank - b.rank || a.d.label.localeCompare(b.d.label)).slice(0, 12);
}

function completion(input, list, pick) {
  let on = -1;
  const render = () => {
    const found = matches(input.value);
    list.innerHTML = found.map((m, i) => `<li data-label="${esc(m.d.label)}" class="${i === on ? "on" : ""}">${esc(m.d.label)}` +
      (m.hit !== m.d.label ? `<small>${esc(m.hit)}</small>` : "") + "</li>").join("");
    list.hidden = !found.length;
    mark("completions", String(found.length));
  };
  input.addEventListener("input", () => { on = -1; render(); });
  input.addEventListener("keydown", (ev) => {
    const items = [...list.children];
    if (ev.key === "ArrowDown" || ev.key === "ArrowUp") {
      on = Math.max(0, Math.min(items.length - 1, on + (ev.key === "ArrowDown" ? 1 : -1)));
      render(); ev.preventDefault();
    } else if (ev.key === "Enter") {
      const li = items[on >= 0 ? on : 0];
      if (li) { pick(li.dataset.label); list.hidden = true; input.value = ""; }
      ev.preventDefault();
    } else if (ev.key === "Escape") list.hidden = true;
  });
  list.addEventListener("mousedown", (ev) => {
    const li = ev.target.closest("li");
    if (li) { pick(li.dataset.label); list.hidden = true; input.value = ""; ev.preventDefault(); }
  });
  input.addEventListener("blur", () => setTimeout(() => { list.hidden = true; }, 150));
}

// -- views --------------------------------------------------------------------------------------

function show(view) {
  for (const s of document.querySelectorAll(".view")) s.hidden = s.id !== "view-" + view;
  for (const a of document.querySelectorAll("nav a[data-view]")) a.classList.toggle("active", a.dataset.view === view);
  mark("view", view);
}

function table(rows, cols, head) {
  if (!rows.length) return "<p><i>none recorded</i></p>";
  return `<table><tr>${head.map((h) => `<th>${esc(h)}</th>`).join("")}</tr>` +
    rows.map((r) => `<tr>${cols.map((c) => `<td>${typeof c === "function" ? c(r) : esc(r[c])}</td>`).join("")}</tr>`).join("") + "</table>";
}

async function showDrug(name) {
  show("drug");
  mark("loaded", "");
  status("");
  const q = encodeURIComponent(name);
  let drug, effects, withdrawal, mechanisms;
  try {
    [drug, effects, withdrawal, mechanisms] = await Promise.all([api(`/api/drugs/${q}`), api(`/api/effects?drug=${q}`),
      api(`/api/withdrawal?drug=${q}`), api(`/api/mechanisms?drug=${q}`)]);
  } catch (err) { status(err.message); return; }
  $("#drug-title").textContent = drug.label;
  $("#drug-facts").innerHTML = [["CURIE", drug.curie], ["classes", drug.classes.join(", ")], ["synonyms", drug.synonyms.join(", ")],
    ["identifiers", drug.identifiers.join(", ")]].map(([k, v]) => `<dt>${k}</dt><dd>${esc(v)}</dd>`).join("");
  const byContext = new Map();
  for (const e of effects) for (const c of (e.contexts.length ? e.contexts : ["any context"])) {
    if (!byContext.has(c)) byContext.set(c, []);
    byContext.get(c).push(e);
  }
  $("#drug-effects").innerHTML = [...byContext].map(([ctx, list]) => `<h3>${esc(ctx)}</h3>` + table(list,
    ["effect_label", "kind", (e) => esc(e.routes.join(", ") || "any"), (e) => esc(e.frequency_text || e.frequency || ""),
      (e) => level(e.level), (e) => esc(sources(e.evidence))],
    ["effect", "kind", "routes", "frequency", "level", "evidence"])).join("") || "<p><i>none recorded</i></p>";
  $("#drug-withdrawal").innerHTML = withdrawal.map((w) => {
    const stages = new Map();
    for (const m of w.manifestations) {
      const s = m.stage || "unstaged";
      if (!stages.has(s)) stages.set(s, []);
      stages.get(s).push(m.effect_label + (m.modifier ? ` (${m.modifier})` : ""));
    }
    return `<h3>${esc(w.label)} <small>route: ${esc(w.route)}; onset: ${esc(w.onset || "?")}; severity: ${esc(w.severity || "?")}</small></h3>` +
      table([...stages].map(([s, l]) => ({ s, l: l.join(", ") })), ["s", "l"], ["stage", "manifestations"]) +
      (w.management.length ? `<p><b>management:</b> ${esc(w.management.join("; "))}</p>` : "") +
      `<p><b>evidence:</b> ${esc(sources(w.evidence))}</p>`;
  }).join("") || "<p><i>none recorded</i></p>";
  $("#drug-mechanisms").innerHTML = table(mechanisms, ["label", "target_action", "physiological_effect", "pathway",
    (m) => esc(m.outcomes.join(", ")), (m) => level(m.level), (m) => esc(sources(m.evidence))],
  ["mechanism", "target action", "physiological effect", "pathway", "leads to", "level", "evidence"]);
  const seen = new Map();
  for (const e of [...effects, ...withdrawal, ...mechanisms].flatMap((x) => x.evidence)) if (!seen.has(e.source)) seen.set(e.source, e);
  $("#drug-evidence").innerHTML = [...seen.values()].sort((a, b) => b.level_rank - a.level_rank || a.source.localeCompare(b.source))
    .map((e) => `<li>${cite(e)}</li>`).join("");
  mark("loaded", "drug:" + drug.label);
}

// -- regimen check ------------------------------------------------------------------------------

const regimen = [];
let checkEffect = "";
function renderChips() {
  $("#regimen-drugs").innerHTML = regimen.map((d, i) => `<span class="chip">${esc(d)}<button data-i="${i}" aria-label="remove">×</button></span>`).join("");
}
function addDrug(label) { if (!regimen.includes(label)) regimen.push(label); renderChips(); }

async function runCheck() {
  mark("loaded", "");
  status("");
  if (regimen.length < 2) { status("add at least two drugs"); return; }
  const effect = $("#regimen-effect").value.trim();
  const qs = regimen.map((d) => "drug=" + encodeURIComponent(d)).join("&") + (effect ? "&effect=" + encodeURIComponent(effect) : "");
  location.hash = "#/check?" + qs;
}

async function showCheck(query) {
  show("check");
  const params = new URLSearchParams(query || "");
  const drugs = params.getAll("drug");
  if (params.get("effect")) $("#regimen-effect").value = params.get("effect");
  regimen.splice(0, regimen.length, ...drugs);
  renderChips();
  $("#pair").hidden = true;
  if (drugs.length < 2) { $("#check-matrix").innerHTML = ""; $("#check-summary").innerHTML = ""; return; }
  let result, svg;
  try {
    result = await api("/api/check?" + query);
    const r = await fetch("/api/matrix.svg?" + query);
    svg = await r.text();
    if (!r.ok) throw new Error(JSON.parse(svg).error);
  } catch (err) { status(err.message); return; }
  const pairs = result.pairs || [];
  checkEffect = result.effect;
  $("#check-summary").innerHTML = `<p>${pairs.length} of ${drugs.length * (drugs.length - 1) / 2} pairs raise ${esc(result.effect || "the")} risk. ` +
    "Click a cell for its explanation.</p>" + table(pairs, [(p) => esc(p.drugs.join(" + ")), "basis", "score", (p) => level(p.level), "reason"],
    ["pair", "basis", "score", "level", "reason"]);
  $("#check-matrix").innerHTML = svg;
  for (const cell of document.querySelectorAll("#check-matrix .cell")) {
    cell.addEventListener("click", () => showPair(cell.dataset.a, cell.dataset.b));
  }
  mark("loaded", "check:" + pairs.length);
}

async function showPair(a, b) {
  mark("pair", "");
  const qs = `a=${encodeURIComponent(a)}&b=${encodeURIComponent(b)}&effect=${encodeURIComponent(checkEffect)}`;
  $("#pair").hidden = false;
  $("#pair-title").textContent = `${a} + ${b}`;
  let combo;
  try { combo = await api("/api/explain?" + qs); } catch (err) { status(err.message); return; }
  if (!combo) {
    $("#pair-reasons").innerHTML = "<p>No recorded or inferred risk for this pair.</p>";
    $("#pair-figure").innerHTML = "";
    mark("pair", "none");
    return;
  }
  $("#pair-title").textContent = `${combo.drugs.join(" + ")}: ${combo.basis}, score ${combo.score}`;
  $("#pair-reasons").innerHTML = combo.explanation.map((e) => `<div class="reason ${e.level === "hypothesis" ? "hypothesis" : ""}">` +
    `<b>${esc(e.basis)} / ${esc(e.kind)}</b> ${level(e.level)} ${esc(e.summary)}` +
    `<div class="path">${e.path.map((s) => esc(s.label)).join(" → ")}</div>` +
    (e.outcomes.length ? `<div>leads to: ${esc(e.outcomes.join(", "))}</div>` : "") +
    `<ul class="citations">${e.evidence.map((ev) => `<li>${cite(ev)}</li>`).join("")}</ul></div>`).join("");
  const r = await fetch("/api/explain.svg?" + qs);
  $("#pair-figure").innerHTML = r.ok ? await r.text() : "";
  mark("pair", combo.drugs.join("+"));
}

// -- SPARQL -------------------------------------------------------------------------------------

const KEYWORDS = "SELECT|DISTINCT|REDUCED|WHERE|FILTER|OPTIONAL|UNION|MINUS|GRAPH|BIND|AS|VALUES|ORDER|BY|GROUP|HAVING|LIMIT|OFFSET|" +
  "ASK|CONSTRUCT|DESCRIBE|PREFIX|BASE|FROM|NAMED|NOT|EXISTS|IN|ASC|DESC|COUNT|SUM|MIN|MAX|AVG|SAMPLE|GROUP_CONCAT|SEPARATOR|" +
  "STR|LANG|DATATYPE|IRI|BOUND|IF|COALESCE|REGEX|CONTAINS|STRSTARTS|LCASE|UCASE|a|true|false";
const TOKENS = new RegExp(`(#[^\\n]*)|("""[\\s\\S]*?"""|"(?:[^"\\\\\\n]|\\\\.)*"|'(?:[^'\\\\\\n]|\\\\.)*')|(<[^<>"{}|^\`\\\\\\s]*>)|` +
  `([?$][A-Za-z_0-9]+)|\\b(${KEYWORDS})\\b|([A-Za-z_][\\w.-]*:[\\w.%-]*)|(\\b\\d+(?:\\.\\d+)?\\b)`, "gi");
const CLASSES = ["com", "str", "iri", "var", "kw", "pn", "num"];

function highlight(text) {
  let out = "", last = 0;
  for (const m of text.matchAll(TOKENS)) {
    const k = m.slice(1).findIndex((g) => g !== undefined);
    out += esc(text.slice(last, m.index)) + `<span class="tok-${CLASSES[k]}">${esc(m[0])}</span>`;
    last = m.index + m[0].length;
  }
  return out + esc(text.slice(last)) + "\n";
}

function syncEditor() {
  const ta = $("#query"), pre = $("#highlight");
  pre.innerHTML = highlight(ta.value);
  pre.scrollTop = ta.scrollTop;
}

async function sparql(format) {
  const body = new URLSearchParams({ query: $("#query").value });
  if (format) body.set("format", format);
  const r = await fetch("/sparql", { method: "POST", body, headers: { Accept: "application/sparql-results+json, text/turtle;q=0.9" } });
  const text = await r.text();
  if (!r.ok) throw new Error(text.trim());
  return { text, type: r.headers.get("Content-Type") || "", truncated: r.headers.get("Drugkg-Truncated") };
}

function cellText(b) {
  if (!b) return "";
  return b.type === "uri" ? compact(b.value) : b.value;
}
function compact(iri) {
  for (const [p, ns] of PREFIXES) if (iri.startsWith(ns)) return p + ":" + iri.slice(ns.length);
  return iri;
}
const PREFIXES = [["dkgr", "https://w3id.org/drugkg/resource/"], ["dkg", "https://w3id.org/drugkg/ontology/"],
  ["obo", "http://purl.obolibrary.org/obo/"], ["rdfs", "http://www.w3.org/2000/01/rdf-schema#"],
  ["rdf", "http://www.w3.org/1999/02/22-rdf-syntax-ns#"], ["owl", "http://www.w3.org/2002/07/owl#"]];

async function runQuery() {
  mark("rows", "");
  status("");
  $("#results").innerHTML = "<p><i>running…</i></p>";
  const t0 = performance.now();
  let res;
  try { res = await sparql(); } catch (err) { $("#results").innerHTML = ""; status(err.message); mark("rows", "error"); return; }
  const ms = Math.round(performance.now() - t0);
  if (!res.type.includes("json")) {
    $("#results").innerHTML = `<p>${ms} ms</p><pre>${esc(res.text)}</pre>`;
    mark("rows", "graph");
    return;
  }
  const data = JSON.parse(res.text);
  if ("boolean" in data) { $("#results").innerHTML = `<p>${data.boolean} (${ms} ms)</p>`; mark("rows", "boolean"); return; }
  const vars = data.head.vars, rows = data.results.bindings;
  $("#results").innerHTML = `<p>${rows.length} rows, ${ms} ms${res.truncated ? "; " + esc(res.truncated) : ""}</p>` +
    `<table><tr>${vars.map((v) => `<th>${esc(v)}</th>`).join("")}</tr>` +
    rows.map((r) => `<tr>${vars.map((v) => `<td>${esc(cellText(r[v]))}</td>`).join("")}</tr>`).join("") + "</table>";
  mark("rows", String(rows.length));
}

async function download(format) {
  status("");
  let res;
  try { res = await sparql(format); } catch (err) { status(err.message); return; }
  const blob = new Blob([res.text], { type: res.type });
  const a = document.createElement("a");
  a.href = URL.createObjectURL(blob);
  a.download = "results." + format;
  document.body.appendChild(a);
  a.click();
  setTimeout(() => { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
  mark("downloaded", format + ":" + res.text.length);
}

// -- start --------------------------------------------------------------------------------------

function route() {
  const h = decodeURIComponent(location.hash.slice(1) || "/");
  if (h.startsWith("/drug/")) showDrug(h.slice(6));
  else if (h.startsWith("/check")) showCheck(location.hash.slice(1).split("?")[1] || "");
  else if (h.startsWith("/sparql")) show("sparql");
  else show("home");
}

async function start() {
  try {
    [DRUGS, QUERIES] = await Promise.all([api("/api/drugs"), api("/api/queries")]);
  } catch (err) { status("cannot reach the server: " + err.message); return; }
  $("#drug-list").innerHTML = DRUGS.map((d) => `<li><a href="#/drug/${encodeURIComponent(d.label)}">${esc(d.label)}</a></li>`).join("");
  completion($("#drug-search"), $("#drug-complete"), (label) => { location.hash = "#/drug/" + encodeURIComponent(label); });
  completion($("#regimen-input"), $("#regimen-complete"), addDrug);
  $("#regimen-drugs").addEventListener("click", (ev) => {
    const i = ev.target.dataset && ev.target.dataset.i;
    if (i !== undefined) { regimen.splice(+i, 1); renderChips(); }
  });
  $("#regimen-run").addEventListener("click", runCheck);
  $("#examples").innerHTML += QUERIES.map((q, i) => `<option value="${i}">${esc(q.name)}: ${esc(q.title)}</option>`).join("");
  $("#examples").addEventListener("change", (ev) => {
    const q = QUERIES[+ev.target.value];
    if (q) { $("#query").value = q.example; syncEditor(); }
  });
  $("#prefixes").textContent = PREFIXES.map((p) => p[0] + ":").join(" ");
  $("#query").addEventListener("input", syncEditor);
  $("#query").addEventListener("scroll", () => { $("#highlight").scrollTop = $("#query").scrollTop; });
  $("#query").addEventListener("keydown", (ev) => { if (ev.key === "Enter" && (ev.ctrlKey || ev.metaKey)) { ev.preventDefault(); runQuery(); } });
  $("#run").addEventListener("click", runQuery);
  $("#download-csv").addEventListener("click", () => download("csv"));
  $("#download-json").addEventListener("click", () => download("json"));
  syncEditor();
  window.addEventListener("hashchange", route);
  route();
  mark("ready", "1");
}

start();
