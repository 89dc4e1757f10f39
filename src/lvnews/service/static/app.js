// lvnews demo page: POST the text to /v1/analyze and draw the record.
// Plain DOM code, no build step and no dependencies; every value from the
// server is written with textContent, never as HTML.
"use strict";

const $ = (id) => document.getElementById(id);

/** Create an element with a class and text in one call. */
function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined && text !== null) node.textContent = String(text);
  return node;
}

/** Headers for API calls; the key box appears only when the server asked for a key. */
function apiHeaders() {
  const headers = { "Content-Type": "application/json" };
  const key = $("api-key").value.trim();
  if (key) headers["X-API-Key"] = key;
  return headers;
}

/** The error message from our ErrorResponse JSON, or the HTTP status text. */
async function errorMessage(resp) {
  try {
    const body = await resp.json();
    if (body && body.message) return `${resp.status}: ${body.message}`;
  } catch (_) { /* not JSON */ }
  return `${resp.status} ${resp.statusText}`;
}

function setStatus(text, isError) {
  const status = $("status");
  status.textContent = text;
  status.classList.toggle("error", Boolean(isError));
}

async function showVersion() {
  const resp = await fetch("/v1/info", { headers: apiHeaders() });
  if (resp.status === 401) { $("key-box").hidden = false; return; }
  if (!resp.ok) return;
  const info = await resp.json();
  $("version").textContent = `${info.lvnews_version} · ${info.model.name} ${info.model.version}`;
}

async function analyse() {
  const button = $("analyse");
  const body = { text: $("text").value };
  if ($("force-lv").checked) body.options = { force_language: "lv" };
  button.disabled = true;
  setStatus("Analysing…");
  const started = performance.now();
  try {
    const resp = await fetch("/v1/analyze", { method: "POST", headers: apiHeaders(), body: JSON.stringify(body) });
    if (resp.status === 401) $("key-box").hidden = false;
    if (!resp.ok) { setStatus(await errorMessage(resp), true); return; }
    const article = await resp.json();
    render(article);
    const ms = Math.round(performance.now() - started);
    let note = `${article.entities.length} entities, ${article.facts.length} facts in ${ms} ms`;
    if (article.language !== "lv") note += ` — language looks like “${article.language}”, so nothing was analysed; tick “treat as Latvian” to force it`;
    setStatus(note, article.language !== "lv");
  } catch (err) {
    setStatus(`Request failed: ${err}`, true);
  } finally {
    button.disabled = false;
  }
}

function render(article) {
  $("results").hidden = false;
  let language = `language ${article.language} (${Number(article.language_score).toFixed(2)})`;
  // The publication date anchors relative dates (vakar, pērn); the times found are listed with their values.
  if (article.published) language += ` · published ${article.published}`;
  const times = (article.times || []).map((t) => `${t.text} = ${t.value ?? "?"}`);
  if (times.length) language += ` · times: ${times.join("; ")}`;
  $("language").textContent = language;
  renderLegend(article.entities);
  renderText(article);
  renderFacts(article);
  renderTokens(article);
}

function renderLegend(entities) {
  const counts = {};
  entities.forEach((e) => { counts[e.label] = (counts[e.label] || 0) + 1; });
  const legend = $("legend");
  legend.replaceChildren();
  Object.keys(counts).sort().forEach((label) => {
    legend.append(el("span", `ent ent-${label}`, `${label} ${counts[label]}`));
  });
}

/**
 * The text cut at every entity and fact boundary: entities become <mark>s,
 * every piece remembers which facts cover it (data-facts) so hovering a fact
 * row can light up its evidence, even across entity boundaries.
 */
function renderText(article) {
  const text = article.text;
  const entities = article.entities.slice().sort((a, b) => a.start - b.start || b.end - a.end);
  const cuts = new Set([0, text.length]);
  entities.forEach((e) => { cuts.add(e.start); cuts.add(e.end); });
  article.facts.forEach((f) => { cuts.add(f.start); cuts.add(f.end); });
  const points = Array.from(cuts).filter((p) => p >= 0 && p <= text.length).sort((a, b) => a - b);

  const box = $("annotated");
  box.replaceChildren();
  let k = 0;
  let mark = null;
  let markEntity = null;
  for (let i = 0; i + 1 < points.length; i++) {
    const start = points[i];
    const end = points[i + 1];
    while (k < entities.length && entities[k].end <= start) k++;
    const entity = k < entities.length && entities[k].start <= start && end <= entities[k].end ? entities[k] : null;
    const piece = el("span", "piece", text.slice(start, end));
    const covering = [];
    article.facts.forEach((f, n) => { if (f.start <= start && end <= f.end) covering.push(n); });
    if (covering.length) piece.dataset.facts = ` ${covering.join(" ")} `;
    if (!entity) {
      mark = null;
      markEntity = null;
      box.append(piece);
      continue;
    }
    if (markEntity !== entity) {
      markEntity = entity;
      mark = entityMark(entity);
      box.append(mark);
    }
    mark.append(piece);
  }
}

/** The <mark> of one entity, showing its tooltip on hover and keyboard focus. */
function entityMark(entity) {
  const mark = el("mark", `ent ent-${entity.label}`);
  mark.tabIndex = 0;
  mark.dataset.label = entity.label;
  mark.dataset.entity = entity.id;
  mark.addEventListener("mouseenter", () => showTip(mark, entity));
  mark.addEventListener("focus", () => showTip(mark, entity));
  mark.addEventListener("mouseleave", hideTipSoon);
  mark.addEventListener("blur", hideTipSoon);
  return mark;
}

// One floating tooltip for all entities, so the text itself stays clean to copy.
let tipTimer = null;

function tip() {
  let node = $("tip");
  if (!node) {
    node = el("div", "tip");
    node.id = "tip";
    node.setAttribute("role", "tooltip");
    node.hidden = true;
    node.addEventListener("mouseenter", () => clearTimeout(tipTimer));
    node.addEventListener("mouseleave", hideTipSoon);
    document.body.append(node);
  }
  return node;
}

function showTip(anchor, entity) {
  clearTimeout(tipTimer);
  const node = tip();
  node.replaceChildren(
    el("div", `tip-label ent-${entity.label}`, entity.label),
    el("div", "tip-canonical", entity.canonical),
  );
  // A TIME entity's normalised value (ISO 8601: 2016, 2019-03-15, 2026-W47).
  if (entity.value) node.append(el("div", "tip-value", entity.value));
  if (entity.kb) {
    const link = el("a", "tip-kb", entity.kb.id);
    link.href = entity.kb.url;
    link.target = "_blank";
    link.rel = "noopener noreferrer";
    node.append(link);
  } else {
    node.append(el("div", "muted", "no knowledge-base link"));
  }
  const rect = anchor.getBoundingClientRect();
  node.style.left = `${Math.round(rect.left + window.scrollX)}px`;
  node.style.top = `${Math.round(rect.bottom + window.scrollY + 4)}px`;
  node.hidden = false;
}

function hideTipSoon() {
  clearTimeout(tipTimer);
  tipTimer = setTimeout(() => { tip().hidden = true; }, 250);
}

function highlightFact(n, on) {
  document.querySelectorAll(`#annotated .piece[data-facts~="${n}"]`).forEach((p) => p.classList.toggle("hl", on));
}

function participant(label, p) {
  if (!p) return null;
  const line = el("div", "participant");
  line.append(el("span", "key", `${label} `), el("span", "value", p.canonical));
  if (p.text !== p.canonical) line.title = `in the text: ${p.text}`;
  if (p.entity) line.append(el("span", "entity-ref", p.entity));
  return line;
}

function keyValue(label, value) {
  if (value === null || value === undefined || value === "") return null;
  const line = el("div");
  line.append(el("span", "key", `${label} `), el("span", "value", value));
  return line;
}

const num = (v) => (typeof v === "number" ? v.toLocaleString("lv-LV") : String(v));

function amount(value, valueMax, unit, approx) {
  let s = num(value);
  if (valueMax !== null && valueMax !== undefined) s += `–${num(valueMax)}`;
  if (unit) s += ` ${unit}`;
  if (approx) s = `${approx.replace(/_/g, " ")} ${s}`;
  return s;
}

/** A fact's date as written, with its ISO value when it has one. */
const dated = (f) => (f.date && f.date_value ? `${f.date} (${f.date_value})` : f.date);

/** Participants and numbers of one fact, by its type. */
function factCells(f) {
  const who = [];
  const numbers = [];
  if (f.type === "quantity") {
    numbers.push(keyValue("value", amount(f.value, f.value_max, f.unit, f.approx)));
    numbers.push(keyValue("currency", f.currency));
  } else if (f.type === "member_count") {
    who.push(participant("organization", f.organization));
    numbers.push(keyValue(f.kind === "added" ? "added" : "total", amount(f.count, null, f.unit, f.approx)));
    if (f.of) numbers.push(keyValue("of", amount(f.of.value, null, f.of.unit, null)));
    numbers.push(keyValue("date", dated(f)));
  } else if (f.type === "membership") {
    who.push(participant("member", f.member), participant("organization", f.organization));
    numbers.push(keyValue("date", dated(f)));
  } else if (f.type === "role") {
    who.push(participant("person", f.person), keyValue("role", f.role), participant("organization", f.organization));
  }
  return [who.filter(Boolean), numbers.filter(Boolean)];
}

function renderFacts(article) {
  const tbody = $("facts").querySelector("tbody");
  tbody.replaceChildren();
  article.facts.forEach((f, n) => {
    const row = el("tr", `fact fact-${f.type}`);
    row.dataset.fact = String(n);
    const [who, numbers] = factCells(f);
    const whoCell = el("td");
    whoCell.append(...who);
    const numCell = el("td");
    numCell.append(...numbers);
    row.append(el("td", "type", f.type.replace(/_/g, " ")), whoCell, numCell, el("td", "evidence", f.text));
    row.addEventListener("mouseenter", () => highlightFact(n, true));
    row.addEventListener("mouseleave", () => highlightFact(n, false));
    tbody.append(row);
  });
  $("facts").hidden = article.facts.length === 0;
  $("no-facts").hidden = article.facts.length !== 0;
}

function renderTokens(article) {
  const tbody = $("tokens").querySelector("tbody");
  tbody.replaceChildren();
  let count = 0;
  article.sentences.forEach((sentence, s) => {
    sentence.tokens.forEach((t, i) => {
      const row = el("tr", i === 0 ? "sentence-start" : "");
      [s, i, t.text, t.lemma, t.pos, t.tag, t.morph, t.head, t.dep].forEach((v) => row.append(el("td", "", v)));
      tbody.append(row);
      count++;
    });
  });
  $("token-count").textContent = String(count);
}

document.addEventListener("DOMContentLoaded", () => {
  $("form").addEventListener("submit", (e) => { e.preventDefault(); analyse(); });
  $("text").addEventListener("keydown", (e) => { if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) analyse(); });
  showVersion();
});
