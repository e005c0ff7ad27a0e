// detente dashboard. Every text from the store or an article goes into the page through
// textContent (the el() helper); nothing is parsed as HTML.
"use strict";

const QUADS = ["verbal cooperation", "material cooperation", "verbal conflict", "material conflict"];
const QUAD_COLOURS = ["#4c9f70", "#1f6f43", "#f0a04b", "#c0392b"];
const SVG = "http://www.w3.org/2000/svg";

function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k === "class") e.className = v;
    else if (k.startsWith("on")) e.addEventListener(k.slice(2), v);
    else e.setAttribute(k, String(v));
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    e.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return e;
}

function svg(tag, attrs, ...children) {
  const e = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (k.startsWith("on")) e.addEventListener(k.slice(2), v);
    else e.setAttribute(k, String(v));
  }
  for (const c of children) e.append(c instanceof Node ? c : document.createTextNode(String(c)));
  return e;
}

async function api(path, options) {
  const r = await fetch(path, options);
  const body = await r.json().catch(() => ({ error: "the server sent something that is not JSON" }));
  if (!r.ok) throw new Error(body.error || r.statusText);
  return body;
}

const main = () => document.getElementById("main");
function show(...nodes) { main().replaceChildren(...nodes); }
function fail(err) { show(el("p", { class: "error" }, String(err.message || err))); }
function qs(params) {
  const u = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== "") u.set(k, v);
  return u.toString();
}
function fmt(x, digits = 2) { return x === null || x === undefined ? "–" : (x > 0 ? "+" : "") + x.toFixed(digits); }
function levelClass(label) { return label ? "level-" + label.replace(/ /g, "-") : ""; }

// ---- relations (dyad) page ----
async function dyadPage(params) {
  const a = (params.get("a") || "RUS").toUpperCase();
  const b = (params.get("b") || "NATO").toUpperCase();
  const by = params.get("by") || "week";
  const from = params.get("from") || "", to = params.get("to") || "";
  const form = el("form", { class: "row", id: "dyad-form", onsubmit: (ev) => {
      ev.preventDefault();
      const f = new FormData(ev.target);
      location.hash = "#/dyad?" + qs(Object.fromEntries(f.entries()));
    } },
    el("input", { name: "a", value: a, size: 8, "aria-label": "first actor" }),
    el("span", {}, "–"),
    el("input", { name: "b", value: b, size: 8, "aria-label": "second actor" }),
    el("select", { name: "by", "aria-label": "period" },
      ...["day", "week", "month", "quarter", "year"].map((p) => el("option", { value: p, selected: p === by }, "by " + p))),
    el("input", { name: "from", type: "date", value: from, "aria-label": "from" }),
    el("input", { name: "to", type: "date", value: to, "aria-label": "to" }),
    el("button", { type: "submit" }, "Show"));
  const details = el("div", { id: "details" });
  show(el("h1", {}, `Relations ${a}–${b}`), form, el("p", { class: "muted" }, "Loading…"), details);
  let s;
  try { s = await api("/api/dyad?" + qs({ a, b, by, from, to })); }
  catch (e) { show(el("h1", {}, `Relations ${a}–${b}`), form, el("p", { class: "error" }, e.message)); return; }
  const bl = s.baseline;
  const summary = el("div", { class: "card summary", id: "dyad-summary" },
    el("div", {}, `${s.events} events from ${s.from} to ${s.to}, each counted once however many articles report it.`),
    el("div", {}, "Relations level (mean Goldstein): ", el("b", {}, fmt(s.level)), " — ",
      el("span", { class: levelClass(s.label) }, s.label || "too few events to compare"),
      s.z !== null && s.z !== undefined ? ` (z = ${fmt(s.z)})` : ""),
    el("div", { class: "muted" }, `Baseline (${bl.kind}, ${bl.from} to ${bl.to}): mean ${fmt(bl.mean)}, sd ${bl.sd === null ? "–" : bl.sd.toFixed(2)}, ${bl.periods} periods.`));
  const legend = el("div", { class: "legend" }, ...QUADS.map((q, i) => el("span", {}, el("i", { style: null }), q)));
  legend.querySelectorAll("i").forEach((i, k) => i.setAttribute("class", "q" + k));
  legend.querySelectorAll("i").forEach((i, k) => i.style.setProperty("background", QUAD_COLOURS[k]));
  show(el("h1", {}, `Relations ${a}–${b}`), form, summary, chart(s, (bucket) => bucketDetails(a, b, bucket, details)), legend, details);
}

function chart(s, onPick) {
  const W = 960, H = 420, L = 48, R = 16, T = 16, LEVEL = 200, GAP = 28, BARS = 130;
  const n = Math.max(1, s.buckets.length), step = (W - L - R) / n;
  const x = (i) => L + step * (i + 0.5);
  const y = (g) => T + LEVEL * (1 - (Math.max(-10, Math.min(10, g)) + 10) / 20);
  const barsTop = T + LEVEL + GAP;
  const maxEv = Math.max(1, ...s.buckets.map((b) => b.events));
  const root = svg("svg", { class: "chart", id: "dyad-chart", viewBox: `0 0 ${W} ${H}`, role: "img", "aria-label": "relations level and events by period" });
  for (const g of [-10, -5, 0, 5, 10]) {
    root.append(svg("line", { x1: L, x2: W - R, y1: y(g), y2: y(g), stroke: g === 0 ? "#999" : "#eee" }));
    root.append(svg("text", { x: L - 6, y: y(g) + 4, "text-anchor": "end" }, (g > 0 ? "+" : "") + g));
  }
  if (s.baseline.mean !== null) {
    const sd = Math.max(0.5, s.baseline.sd || 0);
    root.append(svg("rect", { x: L, y: y(s.baseline.mean + sd), width: W - L - R, height: Math.max(1, y(s.baseline.mean - sd) - y(s.baseline.mean + sd)), fill: "#3b6ea5", opacity: 0.1 }));
    root.append(svg("line", { x1: L, x2: W - R, y1: y(s.baseline.mean), y2: y(s.baseline.mean), stroke: "#3b6ea5", "stroke-dasharray": "4 3" }));
  }
  const pts = s.buckets.map((b, i) => b.level === null ? null : `${x(i)},${y(b.level)}`).filter(Boolean);
  if (pts.length > 1) root.append(svg("polyline", { points: pts.join(" "), fill: "none", stroke: "#222", "stroke-width": 2 }));
  const bw = Math.max(1, step * 0.8);
  s.buckets.forEach((b, i) => {
    const g = svg("g", { class: "bucket", "data-start": b.start, "data-events": b.events, tabindex: b.events ? 0 : -1,
      onclick: () => onPick(b), onkeydown: (ev) => { if (ev.key === "Enter") onPick(b); } });
    g.append(svg("rect", { class: "hover", x: x(i) - step / 2, y: T, width: step, height: H - T - 20, fill: "transparent" }));
    let top = barsTop + BARS;
    b.quad.forEach((c, q) => {
      if (!c) return;
      const h = BARS * c / maxEv; top -= h;
      g.append(svg("rect", { x: x(i) - bw / 2, y: top, width: bw, height: h, fill: QUAD_COLOURS[q] }));
    });
    if (b.level !== null) {
      const colour = b.label === "critically low" ? "#c0392b" : b.label === "low" ? "#e67e22" : "#222";
      g.append(svg("circle", { class: "point", cx: x(i), cy: y(b.level), r: 4, fill: colour }));
    }
    g.append(svg("title", {}, `${b.start}: ${b.events} events, level ${fmt(b.level)}${b.label ? ", " + b.label : ""}`));
    root.append(g);
  });
  const every = Math.max(1, Math.floor(s.buckets.length / 10));
  s.buckets.forEach((b, i) => { if (i % every === 0) root.append(svg("text", { x: x(i), y: H - 4, "text-anchor": "middle" }, b.start)); });
  return root;
}

async function bucketDetails(a, b, bucket, box) {
  box.replaceChildren(el("p", { class: "muted" }, "Loading…"));
  try {
    const range = { from: bucket.start, to: bucket.end };
    const [ev, qa, qb] = await Promise.all([
      api("/api/events?" + qs({ actor: a, with: b, limit: 100, ...range })),
      api("/api/quotes?" + qs({ speaker: a, limit: 50, ...range })),
      api("/api/quotes?" + qs({ speaker: b, limit: 50, ...range })),
    ]);
    box.replaceChildren(
      el("h2", {}, `${bucket.start} to ${bucket.end}`),
      el("h3", {}, `Events (${ev.items.length})`), eventList(ev.items),
      el("h3", {}, `What ${a} and ${b} said`), quoteList([...qa.items, ...qb.items]));
  } catch (e) { box.replaceChildren(el("p", { class: "error" }, e.message)); }
}

function eventList(items) {
  if (!items.length) return el("p", { class: "muted" }, "No events.");
  return el("ul", { class: "items events" }, ...items.map((e) => el("li", {},
    el("div", {}, el("b", {}, e.date), " ", el("a", { href: "#/actor/" + encodeURIComponent(e.source_principal) }, e.source_name),
      " → ", el("a", { href: "#/actor/" + encodeURIComponent(e.target_principal) }, e.target_name), " ",
      el("span", { class: "code", title: "CAMEO " + e.cameo }, e.cameo), " ", fmt(e.goldstein, 1), " · quad ", e.quad_class,
      ` · ${e.num_articles} article${e.num_articles === 1 ? "" : "s"}`),
    el("div", { class: "quote" }, "“" + e.evidence + "”"),
    el("div", { class: "muted" }, el("a", { href: "#/article/" + e.doc_id }, e.doc_title || e.doc_outlet || "article " + e.doc_id), " · rule ", el("span", { class: "code" }, e.rule)))));
}

function quoteList(items) {
  if (!items.length) return el("p", { class: "muted" }, "No quotes.");
  return el("ul", { class: "items quotes" }, ...items.map((q) => el("li", { class: "quote-item" },
    el("div", {}, el("b", {}, q.speaker_name || "unknown speaker"), q.speaker_code ? " " : "", q.speaker_code ? el("span", { class: "code" }, q.speaker_code) : "", " · ", q.published || ""),
    el("div", { class: "quote" }, el("a", { href: `#/article/${q.doc_id}?quote=${q.idx}` }, "“" + q.text + "”")),
    el("div", { class: "muted" }, (q.outlet || "") + (q.title ? " · " + q.title : "")))));
}

// ---- actor page ----
async function actorPage(principal) {
  show(el("h1", {}, principal), el("p", { class: "muted" }, "Loading…"));
  try {
    const d = await api("/api/actors/" + encodeURIComponent(principal));
    const partners = el("table", {}, el("tr", {}, el("th", {}, "with"), el("th", {}, "events"), el("th", {}, "mean Goldstein"), el("th", {}, "coop / conflict")),
      ...d.partners.map((p) => el("tr", {},
        el("td", {}, el("a", { href: "#/dyad?" + qs({ a: d.principal, b: p.principal }) }, p.principal)),
        el("td", {}, p.events), el("td", {}, fmt(p.mean_goldstein)), el("td", {}, `${p.quad[0] + p.quad[1]} / ${p.quad[2] + p.quad[3]}`))));
    show(el("h1", {}, d.principal), el("h2", {}, "Interacts most with"), d.partners.length ? partners : el("p", { class: "muted" }, "No events."),
      el("h2", {}, "Who said what"), quoteList(d.quotes));
  } catch (e) { fail(e); }
}

async function actorsPage() {
  try {
    const d = await api("/api/actors?limit=100");
    show(el("h1", {}, "Actors"), el("table", {}, el("tr", {}, el("th", {}, "actor"), el("th", {}, "name"), el("th", {}, "events")),
      ...d.items.map((a) => el("tr", {}, el("td", {}, el("a", { href: "#/actor/" + encodeURIComponent(a.principal) }, a.principal)), el("td", {}, a.name), el("td", {}, a.events)))));
  } catch (e) { fail(e); }
}

// ---- articles ----
async function articlesPage(params) {
  try {
    const d = await api("/api/articles?" + qs({ limit: 50, offset: params.get("offset") || 0 }));
    show(el("h1", {}, "Articles"), el("ul", { class: "items" }, ...d.items.map((a) => el("li", {},
      el("a", { href: "#/article/" + a.id }, a.title || a.ext_id), el("span", { class: "muted" }, ` · ${a.outlet || ""} · ${a.published || ""}`)))));
  } catch (e) { fail(e); }
}

async function articlePage(id, params) {
  try {
    const a = await api("/api/articles/" + encodeURIComponent(id));
    show(...renderAnalysis(a, params.get("quote")));
    const q = document.querySelector(".doc .q.focus");
    if (q) q.scrollIntoView({ block: "center" });
  } catch (e) { fail(e); }
}

// The text with its layers: mentions (underlined), quotes (yellow), event evidence (red);
// each highlighted piece says on hover what it is and, for events, the rule that coded it.
function renderAnalysis(a, focusQuote) {
  const d = a.document;
  const chars = Array.from(d.text); // offsets are code points
  const spans = [];
  a.mentions.forEach((m) => spans.push({ s: m.start, e: m.end, cls: "m", tip: `${m.actor.name} (${m.actor.code}${m.actor.principal ? ", " + m.actor.principal : ""})` }));
  a.quotes.forEach((q, i) => spans.push({ s: q.start, e: q.end, cls: "q", quote: i, speaker: q.speaker ? q.speaker.name : "", tip: `quote (${q.kind}) by ${q.speaker ? q.speaker.name + " (" + q.speaker.code + ")" : "unknown speaker"}` }));
  a.events.forEach((e) => spans.push({ s: e.evidence.start, e: e.evidence.end, cls: "e", tip: `event ${e.cameo} ${e.cameo_name || ""}: ${e.source.name} → ${e.target.name}, rule ${e.rule}${e.negated ? " (negated)" : ""}${e.hypothetical ? " (hypothetical)" : ""}` }));
  const cuts = new Set([0, chars.length]);
  spans.forEach((s) => { cuts.add(Math.max(0, Math.min(chars.length, s.s))); cuts.add(Math.max(0, Math.min(chars.length, s.e))); });
  const points = [...cuts].sort((x, y) => x - y);
  const doc = el("div", { class: "doc", id: "doc-text" });
  for (let i = 0; i + 1 < points.length; i++) {
    const [s, e] = [points[i], points[i + 1]];
    const text = chars.slice(s, e).join("");
    const active = spans.filter((x) => x.s <= s && x.e >= e && x.s < x.e);
    if (!active.length) { doc.append(document.createTextNode(text)); continue; }
    const classes = [...new Set(active.map((x) => x.cls))];
    const q = active.find((x) => x.cls === "q");
    if (q && focusQuote !== null && focusQuote !== undefined && String(q.quote) === String(focusQuote)) classes.push("focus");
    doc.append(el("span", { class: classes.join(" "), title: active.map((x) => x.tip).join("\n"), "data-speaker": q ? q.speaker : null }, text));
  }
  return [
    el("h1", {}, d.title || d.id),
    el("p", { class: "muted" }, [d.outlet, d.published, d.url].filter(Boolean).join(" · "), d.cited_sources.length ? " · cites " + d.cited_sources.join(", ") : ""),
    el("p", { class: "layers" }, el("span", { class: "m" }, `${a.mentions.length} mentions`), el("span", {}, `${a.quotes.length} quotes`), el("span", {}, `${a.events.length} events`),
      el("span", { class: "muted" }, "hover a highlight to see what it is and which rule coded it")),
    doc,
    el("h2", {}, "Events"), el("ul", { class: "items" }, ...a.events.map((e) => el("li", {},
      el("b", {}, e.date || ""), " ", `${e.source.name} (${e.source.code}) → ${e.target.name} (${e.target.code}) `,
      el("span", { class: "code" }, e.cameo), " ", e.cameo_name || "", e.negated ? " [negated]" : "", e.hypothetical ? " [hypothetical]" : "",
      el("div", { class: "muted" }, "rule ", el("span", { class: "code" }, e.rule))))),
  ];
}

// ---- analyze ----
function analyzePage() {
  const out = el("div", { id: "analysis" });
  const area = el("textarea", { id: "analyze-text", placeholder: "Paste an article (text or HTML)", "aria-label": "article text" });
  const date = el("input", { id: "analyze-date", type: "date", "aria-label": "publication date" });
  const go = el("button", { id: "analyze-go", type: "button", onclick: async () => {
    out.replaceChildren(el("p", { class: "muted" }, "Analysing…"));
    try {
      const a = await api("/api/analyze?" + qs({ published: date.value }), { method: "POST", headers: { "Content-Type": "text/plain; charset=utf-8" }, body: area.value });
      out.replaceChildren(...renderAnalysis(a, null));
    } catch (e) { out.replaceChildren(el("p", { class: "error" }, e.message)); }
  } }, "Analyze");
  show(el("h1", {}, "Analyze an article"), area, el("div", { class: "row" }, el("label", {}, "published ", date), go), out);
}

// ---- search ----
async function searchPage(params) {
  const q = params.get("q") || "";
  document.getElementById("search-box").value = q;
  try {
    const d = await api("/api/search?" + qs({ q, limit: 50 }));
    show(el("h1", {}, `Search: ${q}`), d.items.length ? el("ul", { class: "items" }, ...d.items.map((h) => el("li", {},
      el("a", { href: "#/article/" + h.doc_id }, h.title || "article " + h.doc_id), el("span", { class: "muted" }, ` · ${h.outlet || ""} · ${h.published || ""}`),
      el("div", { class: "muted" }, h.snippet)))) : el("p", { class: "muted" }, "Nothing found."));
  } catch (e) { fail(e); }
}

function route() {
  const hash = location.hash.replace(/^#/, "") || "/";
  const [path, query] = hash.split("?");
  const params = new URLSearchParams(query || "");
  const parts = path.split("/").filter(Boolean).map(decodeURIComponent);
  if (parts[0] === "actor" && parts[1]) return actorPage(parts[1]);
  if (parts[0] === "actors") return actorsPage();
  if (parts[0] === "article" && parts[1]) return articlePage(parts[1], params);
  if (parts[0] === "articles") return articlesPage(params);
  if (parts[0] === "analyze") return analyzePage();
  if (parts[0] === "search") return searchPage(params);
  return dyadPage(params);
}

window.addEventListener("hashchange", route);
window.addEventListener("DOMContentLoaded", () => {
  document.getElementById("search-form").addEventListener("submit", (ev) => {
    ev.preventDefault();
    location.hash = "#/search?" + qs({ q: document.getElementById("search-box").value });
  });
  route();
});
