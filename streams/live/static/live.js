// Tickerwire live alerts: reads /alerts/stream (Server-Sent Events) and shows each alert,
// newest first. No framework and no build step; every text goes in through textContent.
"use strict";

const MAX_SHOWN = 200;
const list = document.getElementById("alerts");
const empty = document.getElementById("empty");
const statusBox = document.getElementById("status");
const form = document.getElementById("filters");
let source = null;

function setStatus(text, kind) {
  statusBox.textContent = text;
  statusBox.className = "status " + kind;
}

function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined && text !== null) node.textContent = String(text);
  return node;
}

// The sentence with the evidence span marked; the span is found by its text inside the sentence.
function highlighted(sentence, text) {
  const line = el("span", "sentence");
  const at = text ? sentence.indexOf(text) : -1;
  if (at < 0) {
    line.append(sentence + " ");
    line.append(el("mark", null, text));
    return line;
  }
  line.append(sentence.slice(0, at));
  line.append(el("mark", null, text));
  line.append(sentence.slice(at + text.length));
  return line;
}

function tickers(entity) {
  return (entity.listings || []).map((l) => l.yahoo || l.symbol).filter(Boolean);
}

function render(alert) {
  const item = el("li", "alert new");
  item.dataset.alertId = alert.alert_id || "";
  item.dataset.articleId = alert.article_id || "";
  const tags = alert.tags || [];
  item.dataset.tags = tags.map((t) => t.name).join(" ");

  item.append(el("h2", "headline", alert.headline || "(no headline)"));
  const meta = el("div", "meta");
  meta.append(el("span", "lang", alert.language || "?"));
  if (alert.source) meta.append(el("span", "source", alert.source));
  if (alert.published_at) meta.append(el("time", null, alert.published_at));
  meta.append(el("span", "article-id", alert.article_id || ""));
  item.append(meta);

  const chips = el("div", "tags");
  for (const tag of tags) {
    chips.append(el("span", "tag " + tag.name, tag.name + " " + Number(tag.score).toFixed(2)));
  }
  item.append(chips);

  const p = alert.partnership;
  if (p) {
    const pairs = (p.partners || []).map((pair) => pair.join(" + ")).join("; ");
    let text = "partnership: " + (p.status || "?");
    if (pairs) text += " (" + pairs + ")";
    if ((p.scope || []).length) text += " scope: " + p.scope.join(", ");
    item.append(el("div", "partnership-line", text));
  }

  const companies = el("ul", "companies");
  for (const entity of alert.entities || []) {
    const line = el("li", "company");
    line.append(el("span", "name", entity.name));
    for (const t of tickers(entity)) line.append(" ", el("span", "ticker", t));
    if (!entity.listed) line.append(" ", el("span", "ticker", "unlisted"));
    if (entity.role) line.append(" ", el("span", "role", entity.role));
    companies.append(line);
  }
  item.append(companies);

  const why = el("ul", "evidence");
  for (const tag of tags) {
    const first = (tag.evidence || [])[0];
    if (!first) continue;
    const line = el("li", "evidence-line");
    line.dataset.tag = tag.name;
    line.append(el("span", "why", "why " + tag.name + ":"));
    line.append(highlighted(first.sentence || "", first.text || ""));
    why.append(line);
  }
  item.append(why);
  return item;
}

function show(alert) {
  if (list.querySelector('[data-alert-id="' + CSS.escape(alert.alert_id || "") + '"]')) return;
  list.prepend(render(alert));
  empty.hidden = true;
  while (list.children.length > MAX_SHOWN) list.lastElementChild.remove();
}

function query() {
  const params = new URLSearchParams();
  for (const [name, value] of new FormData(form)) {
    if (String(value).trim()) params.set(name, String(value).trim());
  }
  return params.toString();
}

function connect() {
  if (source) source.close();
  list.replaceChildren();
  empty.hidden = false;
  setStatus("connecting…", "connecting");
  const q = query();
  history.replaceState(null, "", q ? "/?" + q : "/");
  source = new EventSource("/alerts/stream" + (q ? "?" + q : ""));
  source.addEventListener("ready", () => setStatus("live", "live"));
  source.addEventListener("alert", (event) => show(JSON.parse(event.data)));
  source.onerror = () => setStatus("reconnecting…", "error");
}

// Filters given in the address (/?tag=partnership) preselect the form.
for (const [name, value] of new URLSearchParams(location.search)) {
  if (form.elements[name]) form.elements[name].value = value;
}
form.addEventListener("change", connect);
form.addEventListener("submit", (event) => { event.preventDefault(); connect(); });
connect();
