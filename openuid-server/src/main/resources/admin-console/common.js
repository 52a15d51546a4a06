// OpenUID admin console: helpers shared by the views (docs/admin.md, "Web console"). Plain JavaScript, no build step.
// The admin token lives in sessionStorage (this tab only) and is sent as "Authorization: Bearer".
// Every value from the server is put into the page as text (textContent), never as HTML.
'use strict';

const TOKEN_KEY = 'openuid.adminToken';
const app = document.getElementById('app');
/** The views by route name (#/name); each renders itself with page() and throws when it cannot load. */
const views = {};
let whoami = null;
let timer = null;

function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k === 'class') e.className = v;
    else if (k.startsWith('on')) e.addEventListener(k.substring(2), v);
    else if (k === 'text') e.textContent = v;
    else if (v === true) e.setAttribute(k, '');
    else e.setAttribute(k, String(v));
  }
  for (const c of children.flat(Infinity)) {
    if (c === null || c === undefined || c === false) continue;
    e.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return e;
}

function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); return node; }

class ApiError extends Error {
  constructor(status, message) { super(message); this.status = status; }
}

async function api(method, path, body) {
  const headers = { 'Authorization': 'Bearer ' + (sessionStorage.getItem(TOKEN_KEY) || '') };
  const init = { method, headers };
  if (body !== undefined) { headers['Content-Type'] = 'application/json'; init.body = JSON.stringify(body); }
  const r = await fetch('/admin/v1' + path, init);
  let json = null;
  try { json = await r.json(); } catch (e) { json = null; }
  if (r.status === 401 && path !== '/whoami') { logout('Your admin token was not accepted any more: log in again.'); }
  if (!r.ok) throw new ApiError(r.status, (json && json.message) || ('HTTP ' + r.status));
  return json;
}

function message(kind, text, id) { return el('div', { class: 'msg ' + kind, role: kind === 'error' ? 'alert' : 'status', id }, text); }

/** Runs an async action, showing its error (or nothing) in `slot`. */
async function attempt(slot, fn) {
  clear(slot);
  try { return await fn(); } catch (e) { slot.append(message('error', e.message, 'error')); return undefined; }
}

/** As attempt(), after the person confirmed `question` (nothing happens when they cancel). */
async function confirmThen(question, slot, fn) {
  if (!window.confirm(question)) return undefined;
  return attempt(slot, fn);
}

/** Enables or disables something: disabling (`enabled` now) asks `question` first, enabling does not. */
async function switchOnOff(slot, enabled, question, fn) {
  return enabled ? confirmThen(question, slot, fn) : attempt(slot, fn);
}

function splitList(text) { return text.split(/[\s,]+/).map(s => s.trim()).filter(s => s.length > 0); }

function badge(on, onText, offText) { return el('span', { class: 'badge ' + (on ? 'ok' : 'off') }, on ? onText : offText); }

/** A length of time in seconds (not negative) as "90 s", "12 min", "5 h", "3 d", "4 y". */
function span(seconds) {
  const s = Math.max(0, seconds);
  if (s < 120) return Math.round(s) + ' s';
  if (s < 7200) return Math.round(s / 60) + ' min';
  if (s < 172800) return Math.round(s / 3600) + ' h';
  return s < 730 * 86400 ? Math.round(s / 86400) + ' d' : Math.round(s / (365.25 * 86400)) + ' y';
}

function missing(seconds) { return seconds === null || seconds === undefined || Number.isNaN(seconds); }

/** A moment given as its age in seconds: "5 h ago", or "in 3 d" when it is in the future. */
function ago(ageSeconds) {
  if (missing(ageSeconds)) return '–';
  return ageSeconds >= 0 ? span(ageSeconds) + ' ago' : 'in ' + span(-ageSeconds);
}

/** A moment given as the seconds until it: "in 3 d", or "5 h ago" when it has passed. */
function fromNow(secondsUntil) { return missing(secondsUntil) ? '–' : ago(-secondsUntil); }

function card(label, value, sub, id) {
  return el('div', { class: 'card', id }, el('div', { class: 'label' }, label), el('div', { class: 'value' }, value), sub ? el('div', { class: 'sub' }, sub) : null);
}

/** A table in a box that scrolls sideways on narrow screens, so the page itself never does. */
function table(headers, rows, id) {
  return el('div', { class: 'table-wrap' },
    el('table', { id }, el('thead', {}, el('tr', {}, headers.map(h => el('th', {}, h)))), el('tbody', {}, rows)));
}

function page(title, ...content) { clear(app); app.append(el('h1', {}, title), ...content); }

function pretty(obj) { return el('pre', {}, JSON.stringify(obj, null, 2)); }

/** A highlighted box with values shown only once; it stays until the person hides it or leaves the page. */
function revealBox(id, title, pairs) {
  const box = el('div', { class: 'reveal', id },
    el('div', { class: 'warn' }, title),
    el('dl', { class: 'kv' }, pairs.map(([k, v, vid]) => [el('dt', {}, k), el('dd', { class: 'mono long', id: vid }, v)])));
  box.append(el('p'), el('button', { type: 'button', class: 'small secondary', onclick: () => box.remove() }, 'I have copied it: hide'));
  return box;
}

async function siteOptions(select, selected) {
  const { sites } = await api('GET', '/sites');
  clear(select);
  for (const s of sites) select.append(el('option', { value: s.site_id, selected: s.site_id === selected }, s.site_id + ' – ' + s.name));
  return sites;
}

function stopTimer() { if (timer) { clearInterval(timer); timer = null; } }
