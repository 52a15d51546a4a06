// OpenUID admin console: a client of the admin API (docs/admin.md). Plain JavaScript, no build step.
// The admin token lives in sessionStorage (this tab only) and is sent as "Authorization: Bearer".
// Every value from the server is put into the page as text (textContent), never as HTML.
'use strict';

const TOKEN_KEY = 'openuid.adminToken';
const app = document.getElementById('app');
let whoami = null;
let timer = null;

// ---------------------------------------------------------------- helpers

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

function splitList(text) { return text.split(/[\s,]+/).map(s => s.trim()).filter(s => s.length > 0); }

function badge(on, onText, offText) { return el('span', { class: 'badge ' + (on ? 'ok' : 'off') }, on ? onText : offText); }

function ago(seconds) {
  if (seconds === null || seconds === undefined || Number.isNaN(seconds)) return '–';
  const s = Math.abs(seconds);
  const text = s < 120 ? Math.round(s) + ' s' : s < 7200 ? Math.round(s / 60) + ' min' : s < 172800 ? Math.round(s / 3600) + ' h' : Math.round(s / 86400) + ' d';
  return text;
}

function card(label, value, sub, id) {
  return el('div', { class: 'card', id }, el('div', { class: 'label' }, label), el('div', { class: 'value' }, value), sub ? el('div', { class: 'sub' }, sub) : null);
}

function table(headers, rows, id) {
  return el('table', { id }, el('thead', {}, el('tr', {}, headers.map(h => el('th', {}, h)))), el('tbody', {}, rows));
}

function page(title, ...content) { clear(app); app.append(el('h1', {}, title), ...content); }

function pretty(obj) { return el('pre', {}, JSON.stringify(obj, null, 2)); }

function revealBox(id, title, pairs) {
  return el('div', { class: 'reveal', id },
    el('div', { class: 'warn' }, title),
    el('dl', { class: 'kv' }, pairs.map(([k, v, vid]) => [el('dt', {}, k), el('dd', { class: 'mono', id: vid }, v)])));
}

async function siteOptions(select, selected) {
  const { sites } = await api('GET', '/sites');
  clear(select);
  for (const s of sites) select.append(el('option', { value: s.site_id, selected: s.site_id === selected }, s.site_id + ' – ' + s.name));
  return sites;
}

// ---------------------------------------------------------------- login and routing

function logout(text) {
  sessionStorage.removeItem(TOKEN_KEY);
  whoami = null;
  showLogin(text);
}

function showLogin(text) {
  stopTimer();
  document.getElementById('nav').hidden = true;
  document.getElementById('logout').hidden = true;
  document.getElementById('who').textContent = '';
  const input = el('input', { type: 'password', id: 'login-token', autocomplete: 'off', placeholder: 'OUID-A-…', required: true });
  const slot = el('div');
  if (text) slot.append(message('error', text));
  const form = el('form', { class: 'panel login', id: 'login-form', onsubmit: async ev => {
    ev.preventDefault();
    sessionStorage.setItem(TOKEN_KEY, input.value.trim());
    const ok = await attempt(slot, async () => { whoami = await api('GET', '/whoami'); return true; });
    if (ok) start(); else sessionStorage.removeItem(TOKEN_KEY);
  } },
  el('h1', {}, 'Sign in'),
  el('p', { class: 'muted' }, 'Paste the admin token printed at the operator\u2019s first start (also in the credentials file as admin_token). Lost it? Run "openuid admin token reset" on the operator host.'),
  el('label', {}, 'Admin token', input), el('p'), el('button', { type: 'submit', id: 'login-submit' }, 'Sign in'), slot);
  clear(app).append(form);
  input.focus();
}

function start() {
  document.getElementById('nav').hidden = false;
  document.getElementById('logout').hidden = false;
  document.getElementById('who').textContent = whoami.token_name + ' (' + whoami.token_id + ')';
  document.getElementById('nav-sandbox').hidden = !whoami.demo_mode;
  if (!location.hash || location.hash === '#/' || location.hash === '#/login') location.hash = '#/dashboard';
  else route();
}

const views = {};

function stopTimer() { if (timer) { clearInterval(timer); timer = null; } }

function route() {
  if (!whoami) return;
  stopTimer();
  const name = (location.hash.replace(/^#\//, '') || 'dashboard').split('/')[0];
  for (const a of document.querySelectorAll('#nav a')) a.classList.toggle('active', a.dataset.view === name);
  const view = views[name] || views.dashboard;
  view().catch(e => app.append(message('error', e.message, 'error')));
}

window.addEventListener('hashchange', route);
document.getElementById('logout').addEventListener('click', () => logout());

// ---------------------------------------------------------------- dashboard

views.dashboard = async () => {
  const body = el('div', { id: 'dashboard' });
  page('Dashboard', body);
  const render = async () => {
    const d = await api('GET', '/dashboard');
    const k = d.keys;
    clear(body).append(
      el('div', { class: 'grid' },
        card('Requests', d.requests.total.toLocaleString(), d.requests.per_second + ' per second (last ' + d.requests.rate_window_seconds + ' s)', 'card-requests'),
        card('Tokens generated', d.tokens.generated.toLocaleString(), d.tokens.generated_per_second + ' per second', 'card-generated'),
        card('Tokens refreshed', d.tokens.refreshed.toLocaleString(), d.tokens.refreshed_per_second + ' per second', 'card-refreshed'),
        card('Opt-outs', d.optouts.count.toLocaleString(), d.optouts.raw_uid_count + ' by raw UID', 'card-optouts'),
        card('Master key age', k.master ? ago(k.master.age_seconds) : 'none', k.master ? 'key ' + k.master.key_id + ', expires in ' + ago(k.master.expires_in_seconds) : 'no active master key', 'card-master'),
        card('Refresh key age', k.refresh ? ago(k.refresh.age_seconds) : 'none', k.refresh ? 'key ' + k.refresh.key_id + ', expires in ' + ago(k.refresh.expires_in_seconds) : 'no active refresh key', 'card-refresh'),
        card('Last salt rotation', d.salts.newest_rotation_age_seconds === undefined ? '–' : ago(d.salts.newest_rotation_age_seconds) + ' ago', d.salts.buckets.toLocaleString() + ' buckets', 'card-salts'),
        card('Node', d.node.health, d.node.identity_scope + ', snapshot ' + d.node.snapshot_version + (d.node.demo_mode ? ', demo mode' : ''), 'card-node')),
      el('div', { class: 'panel' }, el('h2', {}, 'Requests per second (this node, last 10 minutes)'), sparkline(d.requests.history)),
      el('div', { class: 'panel' }, el('h2', {}, 'Objects'),
        el('dl', { class: 'kv' },
          el('dt', {}, 'Sites'), el('dd', {}, d.counts.sites),
          el('dt', {}, 'Client keys'), el('dd', {}, d.counts.clients + ' (' + d.counts.clients_disabled + ' disabled)'),
          el('dt', {}, 'Keysets'), el('dd', {}, d.counts.keysets),
          el('dt', {}, 'CSTG keypairs'), el('dd', {}, d.counts.keypairs))),
      el('div', { class: 'panel' }, el('h2', {}, 'Requests by route (since this node started)'),
        table(['Route', 'Requests'], Object.entries(d.requests.by_route).map(([r, n]) => el('tr', {}, el('td', { class: 'mono' }, r), el('td', {}, n))), 'routes')));
  };
  await render();
  timer = setInterval(() => render().catch(() => {}), 5000);
};

function sparkline(points) {
  const ns = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(ns, 'svg');
  svg.setAttribute('class', 'spark');
  svg.setAttribute('viewBox', '0 0 600 60');
  svg.setAttribute('preserveAspectRatio', 'none');
  if (!points || points.length < 2) {
    const t = document.createElementNS(ns, 'text');
    t.setAttribute('x', '4'); t.setAttribute('y', '34'); t.setAttribute('fill', '#667085');
    t.textContent = 'collecting samples (every 5 s)…';
    svg.append(t);
    return svg;
  }
  const max = Math.max(1, ...points.map(p => p[1]));
  const first = points[0][0], span = Math.max(1, points[points.length - 1][0] - first);
  const line = document.createElementNS(ns, 'polyline');
  line.setAttribute('points', points.map(p => ((p[0] - first) / span * 600).toFixed(1) + ',' + (58 - p[1] / max * 54).toFixed(1)).join(' '));
  svg.append(line);
  return svg;
}

// ---------------------------------------------------------------- sites

views.sites = async () => {
  const slot = el('div');
  const list = el('div');
  const editSlot = el('div', { id: 'site-edit' });
  const name = el('input', { type: 'text', id: 'site-name', placeholder: 'News site' });
  const domains = el('input', { type: 'text', id: 'site-domains', placeholder: 'news.example, example.org' });
  const apps = el('input', { type: 'text', id: 'site-apps', placeholder: 'com.news.app' });
  const form = el('form', { class: 'inline', id: 'site-create', onsubmit: async ev => {
    ev.preventDefault();
    const created = await attempt(slot, () => api('POST', '/sites', { name: name.value, domain_names: splitList(domains.value), app_names: splitList(apps.value) }));
    if (created) {
      slot.append(message('ok', 'Created site ' + created.site_id + ' (' + created.name + ') with default keyset ' + created.default_keyset_id + '.', 'site-created'));
      name.value = domains.value = apps.value = '';
      await load();
    }
  } }, el('label', {}, 'Name', name), el('label', {}, 'Web domains (CSTG)', domains), el('label', {}, 'App names (CSTG)', apps), el('button', { type: 'submit', id: 'site-create-submit' }, 'Create site'));
  page('Sites', el('div', { class: 'panel' }, el('h2', {}, 'New site'), form, slot), editSlot, el('div', { class: 'panel' }, list));

  async function load() {
    const { sites } = await api('GET', '/sites');
    clear(list).append(table(['Id', 'Name', 'State', 'Web domains', 'App names', ''], sites.map(s => el('tr', { 'data-site-id': s.site_id },
      el('td', {}, s.site_id), el('td', {}, s.name), el('td', {}, badge(s.enabled, 'enabled', 'disabled')),
      el('td', { class: 'mono' }, s.domain_names.join(', ')), el('td', { class: 'mono' }, s.app_names.join(', ')),
      el('td', {}, el('div', { class: 'actions' },
        el('button', { class: 'small secondary', onclick: () => edit(s) }, 'Edit'),
        el('button', { class: 'small ' + (s.enabled ? 'danger' : 'secondary'), onclick: async () => {
          if (await attempt(slot, () => api('PATCH', '/sites/' + s.site_id, { enabled: !s.enabled }))) await load();
        } }, s.enabled ? 'Disable' : 'Enable'))))), 'sites-table'));
  }

  function edit(s) {
    const n = el('input', { type: 'text', value: s.name, id: 'edit-site-name' });
    const d = el('input', { type: 'text', value: s.domain_names.join(', '), id: 'edit-site-domains' });
    const a = el('input', { type: 'text', value: s.app_names.join(', '), id: 'edit-site-apps' });
    const eslot = el('div');
    clear(editSlot).append(el('div', { class: 'panel' }, el('h2', {}, 'Edit site ' + s.site_id),
      el('form', { class: 'inline', onsubmit: async ev => {
        ev.preventDefault();
        if (await attempt(eslot, () => api('PATCH', '/sites/' + s.site_id, { name: n.value, domain_names: splitList(d.value), app_names: splitList(a.value) }))) {
          clear(editSlot);
          await load();
        }
      } }, el('label', {}, 'Name', n), el('label', {}, 'Web domains', d), el('label', {}, 'App names', a),
      el('button', { type: 'submit', id: 'edit-site-save' }, 'Save'), el('button', { type: 'button', class: 'secondary', onclick: () => clear(editSlot) }, 'Cancel')), eslot));
  }
  await load();
};

// ---------------------------------------------------------------- client keys

const ROLES = ['GENERATOR', 'MAPPER', 'ID_READER', 'SHARER', 'OPTOUT'];

views.clients = async () => {
  const slot = el('div');
  const list = el('div');
  const site = el('select', { id: 'client-site' });
  const name = el('input', { type: 'text', id: 'client-name', placeholder: 'News backend' });
  const roleBoxes = ROLES.map(r => el('input', { type: 'checkbox', value: r, id: 'client-role-' + r }));
  const form = el('form', { class: 'inline', id: 'client-create', onsubmit: async ev => {
    ev.preventDefault();
    const roles = roleBoxes.filter(b => b.checked).map(b => b.value);
    const c = await attempt(slot, () => api('POST', '/clients', { site_id: Number(site.value), name: name.value, roles }));
    if (c) {
      slot.append(revealBox('client-secret-box', 'Copy the API key and secret now: they are shown only this once.',
        [['Key id', c.key_id, 'new-client-key-id'], ['API key', c.key, 'new-client-key'], ['Secret', c.secret, 'new-client-secret'], ['Roles', c.roles.join(', ')]]));
      name.value = '';
      await load();
    }
  } }, el('label', {}, 'Site', site), el('label', {}, 'Name', name),
  el('div', { class: 'actions' }, roleBoxes.map((b, i) => el('label', { class: 'check' }, b, ' ' + ROLES[i]))),
  el('button', { type: 'submit', id: 'client-create-submit' }, 'Create client key'));
  page('Client keys', el('div', { class: 'panel' }, el('h2', {}, 'New client key'), form, slot), el('div', { class: 'panel' }, list));
  await siteOptions(site);

  async function load() {
    const { clients } = await api('GET', '/clients');
    clear(list).append(table(['Key id', 'Site', 'Name', 'Roles', 'State', ''], clients.map(c => el('tr', { 'data-key-id': c.key_id },
      el('td', { class: 'mono' }, c.key_id), el('td', {}, c.site_id), el('td', {}, c.name), el('td', {}, c.roles.join(', ')),
      el('td', {}, badge(!c.disabled, 'enabled', 'disabled')),
      el('td', {}, el('div', { class: 'actions' },
        el('button', { class: 'small ' + (c.disabled ? 'secondary' : 'danger'), 'data-action': c.disabled ? 'enable' : 'disable', onclick: async () => {
          if (await attempt(slot, () => api('POST', '/clients/' + encodeURIComponent(c.key_id) + (c.disabled ? '/enable' : '/disable')))) {
            slot.append(message('ok', 'Client ' + c.key_id + (c.disabled ? ' enabled.' : ' disabled: its requests now answer 401.'), 'client-state-changed'));
            await load();
          }
        } }, c.disabled ? 'Enable' : 'Disable'),
        el('button', { class: 'small secondary', 'data-action': 'rotate', onclick: async () => {
          const r = await attempt(slot, () => api('POST', '/clients/' + encodeURIComponent(c.key_id) + '/rotate-secret'));
          if (r) slot.append(revealBox('client-rotated-box', 'New secret for ' + r.key_id + ': shown only this once. The old secret no longer works.', [['Secret', r.secret, 'rotated-secret']]));
        } }, 'Rotate secret'))))), 'clients-table'));
  }
  await load();
};

// ---------------------------------------------------------------- keysets

function aclText(allowed) { return allowed === null ? 'no list (any ID reader)' : allowed.length === 0 ? 'nobody else' : allowed.join(', '); }

views.keysets = async () => {
  const slot = el('div');
  const list = el('div');
  const site = el('select', { id: 'keyset-site' });
  const name = el('input', { type: 'text', id: 'keyset-name', placeholder: '(optional)' });
  const allowed = el('input', { type: 'text', id: 'keyset-allowed', placeholder: 'e.g. 101, 102 (empty: nobody else)' });
  const noList = el('input', { type: 'checkbox', id: 'keyset-nolist' });
  const makeDefault = el('input', { type: 'checkbox', id: 'keyset-default' });
  const form = el('form', { class: 'inline', id: 'keyset-create', onsubmit: async ev => {
    ev.preventDefault();
    const body = { site_id: Number(site.value), default: makeDefault.checked, allowed_sites: noList.checked ? null : splitList(allowed.value).map(Number) };
    if (name.value.trim()) body.name = name.value.trim();
    const k = await attempt(slot, () => api('POST', '/keysets', body));
    if (k) { slot.append(message('ok', 'Created keyset ' + k.keyset_id + '.', 'keyset-created')); await load(); }
  } }, el('label', {}, 'Site', site), el('label', {}, 'Name', name), el('label', {}, 'Allowed sites', allowed),
  el('label', { class: 'check' }, noList, ' no list (any ID reader)'), el('label', { class: 'check' }, makeDefault, ' site default'),
  el('button', { type: 'submit', id: 'keyset-create-submit' }, 'Create keyset'));
  page('Keysets', el('div', { class: 'panel' }, el('h2', {}, 'New keyset'), form, slot), el('div', { class: 'panel' }, list));
  await siteOptions(site);

  async function load() {
    const { keysets } = await api('GET', '/keysets');
    clear(list).append(table(['Id', 'Site', 'Name', 'Allowed sites', 'State', 'Keys', ''], keysets.map(k => {
      const acl = el('input', { type: 'text', value: k.allowed_sites === null ? '' : k.allowed_sites.join(', '), placeholder: 'site ids', class: 'acl' });
      const managed = k.keyset_id < 0;
      return el('tr', { 'data-keyset-id': k.keyset_id },
        el('td', {}, k.keyset_id), el('td', {}, k.site_id), el('td', {}, k.name), el('td', {}, aclText(k.allowed_sites)),
        el('td', {}, badge(k.enabled, 'enabled', 'disabled'), ' ', k.default ? el('span', { class: 'badge' }, 'default') : null),
        el('td', {}, k.keys.length),
        el('td', {}, managed ? el('span', { class: 'muted' }, 'managed by the operator') : el('div', { class: 'actions' }, acl,
          el('button', { class: 'small secondary', onclick: async () => {
            if (await attempt(slot, () => api('PATCH', '/keysets/' + k.keyset_id, { allowed_sites: splitList(acl.value).map(Number) }))) await load();
          } }, 'Set allowed'),
          el('button', { class: 'small secondary', onclick: async () => {
            if (await attempt(slot, () => api('PATCH', '/keysets/' + k.keyset_id, { allowed_sites: null }))) await load();
          } }, 'No list'),
          el('button', { class: 'small ' + (k.enabled ? 'danger' : 'secondary'), onclick: async () => {
            if (await attempt(slot, () => api('PATCH', '/keysets/' + k.keyset_id, { enabled: !k.enabled }))) await load();
          } }, k.enabled ? 'Disable' : 'Enable'),
          k.default ? null : el('button', { class: 'small secondary', onclick: async () => {
            if (await attempt(slot, () => api('PATCH', '/keysets/' + k.keyset_id, { default: true }))) await load();
          } }, 'Make default'))));
    }), 'keysets-table'));
  }
  await load();
};

// ---------------------------------------------------------------- CSTG keypairs

views.keypairs = async () => {
  const slot = el('div');
  const list = el('div');
  const site = el('select', { id: 'keypair-site' });
  const name = el('input', { type: 'text', id: 'keypair-name', placeholder: 'Web integration' });
  const contact = el('input', { type: 'text', id: 'keypair-contact', placeholder: '(optional)' });
  const form = el('form', { class: 'inline', id: 'keypair-create', onsubmit: async ev => {
    ev.preventDefault();
    const k = await attempt(slot, () => api('POST', '/keypairs', { site_id: Number(site.value), name: name.value, contact: contact.value }));
    if (k) {
      slot.append(revealBox('keypair-box', 'Give the publisher the subscription id and public key (they are not secret).',
        [['Subscription id', k.subscription_id, 'new-subscription-id'], ['Public key', k.public_key, 'new-public-key']]));
      await load();
    }
  } }, el('label', {}, 'Site', site), el('label', {}, 'Name', name), el('label', {}, 'Contact', contact),
  el('button', { type: 'submit', id: 'keypair-create-submit' }, 'Create keypair'));
  page('Client-side (CSTG) keypairs', el('div', { class: 'panel' }, el('h2', {}, 'New keypair'), form, slot), el('div', { class: 'panel' }, list));
  await siteOptions(site);

  async function load() {
    const { keypairs } = await api('GET', '/keypairs');
    clear(list).append(table(['Subscription id', 'Site', 'Name', 'Public key', 'State', ''], keypairs.map(k => el('tr', { 'data-subscription-id': k.subscription_id },
      el('td', { class: 'mono' }, k.subscription_id), el('td', {}, k.site_id), el('td', {}, k.name), el('td', { class: 'mono' }, k.public_key),
      el('td', {}, badge(!k.disabled, 'enabled', 'disabled')),
      el('td', {}, el('button', { class: 'small ' + (k.disabled ? 'secondary' : 'danger'), onclick: async () => {
        if (await attempt(slot, () => api('POST', '/keypairs/' + encodeURIComponent(k.subscription_id) + (k.disabled ? '/enable' : '/disable')))) await load();
      } }, k.disabled ? 'Enable' : 'Disable')))), 'keypairs-table'));
  }
  await load();
};

// ---------------------------------------------------------------- rotation

views.rotation = async () => {
  const keySlot = el('div');
  const saltSlot = el('div');
  const keys = el('div');
  const salts = el('div');
  const fraction = el('input', { type: 'number', id: 'salt-fraction', step: 'any', min: '0', max: '1', placeholder: 'default' });
  page('Key and salt rotation',
    el('div', { class: 'panel' }, el('h2', {}, 'Keys'),
      el('p', { class: 'muted' }, 'Creates the keys that are due and retires keys whose tokens have all expired, as the scheduled job does.'),
      el('button', { id: 'rotate-keys', onclick: async () => {
        const r = await attempt(keySlot, () => api('POST', '/keys/rotate', {}));
        if (r) { keySlot.append(message('ok', 'Key rotation: ' + r.created.length + ' created, ' + r.deleted.length + ' deleted.', 'keys-rotated')); await load(); }
      } }, 'Rotate keys now'), keySlot, keys),
    el('div', { class: 'panel' }, el('h2', {}, 'Salts'), salts,
      el('form', { class: 'inline', onsubmit: async ev => {
        ev.preventDefault();
        const body = fraction.value === '' ? {} : { fraction: Number(fraction.value) };
        const r = await attempt(saltSlot, () => api('POST', '/salts/rotate', body));
        if (r) { saltSlot.append(message('ok', 'Salt rotation: ' + r.rotated + ' of ' + r.buckets + ' buckets rotated (' + r.eligible + ' old enough).', 'salts-rotated')); await load(); }
      } }, el('label', {}, 'Fraction of all buckets (0 to 1)', fraction), el('button', { type: 'submit', id: 'rotate-salts' }, 'Rotate salts now')), saltSlot));

  async function load() {
    const k = await api('GET', '/keys');
    clear(keys).append(table(['Key id', 'Keyset', 'Activates', 'Expires', 'State'], k.keys.map(x => el('tr', {},
      el('td', {}, x.key_id), el('td', {}, x.keyset_id), el('td', {}, x.activates_at), el('td', {}, x.expires_at),
      el('td', {}, el('span', { class: 'badge ' + (x.state === 'active' ? 'ok' : x.state === 'pending' ? 'warn' : 'off') }, x.state)))), 'keys-table'));
    const s = await api('GET', '/salts');
    clear(salts).append(el('dl', { class: 'kv' },
      el('dt', {}, 'Buckets'), el('dd', {}, s.buckets),
      el('dt', {}, 'Newest rotation'), el('dd', {}, s.newest_rotation || '–'),
      el('dt', {}, 'Oldest rotation'), el('dd', {}, s.oldest_rotation || '–'),
      el('dt', {}, 'Scheduled rotation'), el('dd', {}, s.rotation_enabled ? 'on, ' + s.rotation_fraction + ' of the buckets at least ' + s.rotation_min_age_days + ' days old' : 'off')));
  }
  await load();
};

// ---------------------------------------------------------------- opt-outs

views.optouts = async () => {
  const slot = el('div');
  const count = el('div');
  const type = el('select', { id: 'optout-type' }, ['email', 'phone', 'email_hash', 'phone_hash', 'raw_uid'].map(t => el('option', { value: t }, t)));
  const value = el('input', { type: 'text', id: 'optout-value', placeholder: 'user@example.com' });
  page('Opt-outs', count,
    el('div', { class: 'panel' }, el('h2', {}, 'Opt a user out'),
      el('p', { class: 'muted' }, 'Takes effect on this node at once and on the others within their poll interval. For files of identifiers use "openuid admin optout import" on the operator host.'),
      el('form', { class: 'inline', id: 'optout-form', onsubmit: async ev => {
        ev.preventDefault();
        const r = await attempt(slot, () => api('POST', '/optouts', { [type.value]: value.value }));
        if (r) { slot.append(message('ok', 'Opted out (record ' + r.sequence + ', advertising id ' + r.advertising_id + ').', 'optout-done')); value.value = ''; await load(); }
      } }, el('label', {}, 'Identifier type', type), el('label', {}, 'Value', value), el('button', { type: 'submit' }, 'Opt out')), slot));
  async function load() {
    const o = await api('GET', '/optouts');
    clear(count).append(el('div', { class: 'grid' }, card('Opt-out records', o.count.toLocaleString(), o.raw_uid_count + ' by raw UID', 'optout-count')));
  }
  await load();
};

// ---------------------------------------------------------------- audit log

views.audit = async () => {
  const list = el('tbody');
  const more = el('button', { class: 'secondary', id: 'audit-more', hidden: true }, 'Older entries');
  let before = 0;
  page('Audit log', el('div', { class: 'panel' },
    el('p', { class: 'muted' }, 'Every administrative change: who (admin token), when, what and on which object. Secrets are never recorded.'),
    el('table', { id: 'audit-table' }, el('thead', {}, el('tr', {}, ['#', 'When', 'Who', 'Operation', 'Target', 'Details'].map(h => el('th', {}, h)))), list), el('p'), more));
  async function load() {
    const p = await api('GET', '/audit?limit=50' + (before ? '&before=' + before : ''));
    for (const e of p.entries) {
      list.append(el('tr', {}, el('td', {}, e.sequence), el('td', {}, e.at.replace('T', ' ').replace(/\.\d+Z$/, 'Z')),
        el('td', { title: e.actor_id }, e.actor_name), el('td', { class: 'mono' }, e.operation),
        el('td', { class: 'mono' }, e.target_type + (e.target_id ? ' ' + e.target_id : '')), el('td', { class: 'mono' }, JSON.stringify(e.details))));
    }
    before = p.next_before || 0;
    more.hidden = !p.next_before;
  }
  more.addEventListener('click', () => load().catch(() => {}));
  await load();
};

// ---------------------------------------------------------------- token inspector

views.inspector = async () => {
  const slot = el('div');
  const out = el('div', { id: 'inspect-result' });
  const token = el('textarea', { id: 'inspect-token', placeholder: 'Advertising token, or a refresh token (the 388-character value from the API, or the inner token)' });
  const type = el('select', { id: 'inspect-type' }, ['auto', 'advertising', 'refresh'].map(t => el('option', { value: t }, t)));
  const reveal = el('input', { type: 'checkbox', id: 'inspect-reveal' });
  const pending = sessionStorage.getItem('openuid.inspect');
  if (pending) { token.value = pending; sessionStorage.removeItem('openuid.inspect'); }
  page('Token inspector', el('div', { class: 'panel' },
    el('p', { class: 'muted' }, 'Decodes a token with this operator\u2019s keys. Showing the raw UID (or a refresh token\u2019s first-level hash) is recorded in the audit log.'),
    el('form', { id: 'inspect-form', onsubmit: async ev => {
      ev.preventDefault();
      clear(out);
      const r = await attempt(slot, () => api('POST', '/inspect', { token: token.value, type: type.value, reveal: reveal.checked }));
      if (r) out.append(describeToken(r));
    } }, token, el('p'), el('div', { class: 'actions' }, el('label', {}, 'Type', type),
      el('label', { class: 'check' }, reveal, whoami.can_reveal ? ' show the raw UID / first-level hash' : ' (not allowed for this token)'),
      el('button', { type: 'submit', id: 'inspect-submit' }, 'Inspect'))), slot), out);
};

function cap(s) { return s.charAt(0).toUpperCase() + s.substring(1); }

function describeToken(r) {
  const rows = [
    ['Kind', r.kind + (r.kind === 'refresh' ? (r.wrapped ? ' (388-character wrapper)' : ' (bare)') : ''), 'inspect-kind'],
    ['Version', r.version, 'inspect-version'], ['Scope', r.scope], ['Identity type', r.identity_type, 'inspect-identity-type'],
    ['Site', r.site_id + (r.site_name ? ' – ' + r.site_name : ''), 'inspect-site'],
  ];
  for (const k of ['master_key', 'site_key', 'wrapper_key', 'refresh_key']) {
    if (r[k + '_id'] !== undefined) rows.push([cap(k.replace('_', ' ')) + ' id', r[k + '_id'] + (r[k + '_keyset_id'] !== null ? ' (keyset ' + r[k + '_keyset_id'] + ')' : ' (unknown key)')]);
  }
  for (const t of ['created', 'refreshed', 'established', 'expires']) if (r[t] !== undefined) rows.push([cap(t), r[t] || '–', 'inspect-' + t]);
  rows.push(['Expired', r.expired ? 'yes' : 'no', 'inspect-expired']);
  rows.push(['Privacy bits', r.privacy_bits.value + ' (' + ['legacy', 'client_side_generated', 'optout_placeholder'].filter(b => r.privacy_bits[b]).join(', ') + ')', 'inspect-privacy']);
  rows.push(['Client-side generated', r.client_side_generated ? 'yes' : 'no', 'inspect-client-side']);
  rows.push(['Opted out', r.opted_out ? 'since ' + r.opted_out_since : 'no', 'inspect-opted-out']);
  if (r.raw_uid) rows.push(['Raw UID', r.raw_uid, 'inspect-raw-uid']);
  if (r.first_level_hash) rows.push(['First-level hash', r.first_level_hash, 'inspect-flh']);
  return el('div', { class: 'panel' }, el('dl', { class: 'kv' }, rows.map(([k, v, id]) => [el('dt', {}, k), el('dd', { id, class: typeof v === 'string' && v.length > 40 ? 'mono' : null }, v)])));
}

// ---------------------------------------------------------------- sandbox (demo mode)

views.sandbox = async () => {
  const info = await api('GET', '/sandbox');
  const slot = el('div');
  const steps = el('div', { id: 'sandbox-steps' });
  const identity = el('select', { id: 'sandbox-identity' }, info.test_identities.map((t, i) => el('option', { value: i }, t.value + ' – ' + t.behaviour)),
    el('option', { value: 'custom' }, 'another email or phone…'));
  const custom = el('input', { type: 'text', id: 'sandbox-custom', placeholder: 'user@example.com or +15551234567' });
  const origin = el('input', { type: 'text', id: 'sandbox-origin', value: 'http://localhost' });
  let last = null;
  const refreshButton = el('button', { class: 'secondary', id: 'sandbox-refresh', disabled: true }, 'Refresh the last token');
  const inspectButton = el('button', { class: 'secondary', id: 'sandbox-inspect', disabled: true }, 'Inspect the last advertising token');

  function dii() {
    if (identity.value === 'custom') {
      const v = custom.value.trim();
      return v.startsWith('+') ? { phone: v } : { email: v };
    }
    const t = info.test_identities[Number(identity.value)];
    return { [t.type]: t.value };
  }

  async function exchange(title, path, body) {
    const r = await attempt(slot, () => api('POST', path, body));
    if (!r) return;
    const body2 = r.response.decrypted && r.response.decrypted.body;
    if (body2 && body2.refresh_token) {
      last = body2;
      refreshButton.disabled = false;
      inspectButton.disabled = false;
    }
    steps.prepend(el('div', { class: 'panel sandbox-exchange' }, el('h2', {}, title + ' → HTTP ' + r.response.status),
      el('div', { class: 'steps' },
        el('div', {}, el('div', { class: 'muted' }, '1. Request (' + r.request.method + ' ' + r.request.url + ', Authorization: ' + r.request.authorization + ')'),
          r.request.plaintext ? pretty(r.request.plaintext) : null,
          el('div', { class: 'muted' }, '2. Sent over the wire (' + r.request.content_type + ', ' + r.request.body_length + ' characters)'), el('pre', {}, r.request.body)),
        el('div', {}, el('div', { class: 'muted' }, '3. Received (' + r.response.content_type + ', ' + r.response.body_length + ' characters)'), el('pre', {}, r.response.body),
          el('div', { class: 'muted' }, r.response.decrypted ? '4. Decrypted (' + r.response.decrypted_with + ')' : '4. Error'),
          pretty(r.response.decrypted || r.response.error || {})))));
  }

  refreshButton.addEventListener('click', () => exchange('Refresh', '/sandbox/refresh', { refresh_token: last.refresh_token, refresh_response_key: last.refresh_response_key }));
  inspectButton.addEventListener('click', () => { sessionStorage.setItem('openuid.inspect', last.advertising_token); location.hash = '#/inspector'; });
  page('Integrator sandbox',
    el('div', { class: 'panel' },
      el('p', { class: 'muted' }, 'Demo mode only. Real requests to this operator\u2019s public API (' + info.public_url + ') with the demo credentials of site ' + info.site_id
        + ' (generator ' + info.generator_key_id + ', CSTG subscription ' + (info.cstg_subscription_id || 'none') + '). The admin listener sends them on your behalf, encrypting and decrypting as an SDK does, and shows each step.'),
      el('div', { class: 'actions' }, el('label', {}, 'Identity', identity), el('label', {}, 'Custom', custom), el('label', {}, 'Origin (CSTG)', origin)),
      el('p'),
      el('div', { class: 'actions' },
        el('button', { id: 'sandbox-generate', onclick: () => exchange('Generate', '/sandbox/generate', dii()) }, 'Generate (server-side)'),
        el('button', { id: 'sandbox-cstg', onclick: () => exchange('Client-side generate', '/sandbox/client-generate', Object.assign(dii(), { origin: origin.value })) }, 'Generate client-side (CSTG)'),
        refreshButton, inspectButton), slot),
    steps);
};

// ---------------------------------------------------------------- start

(async () => {
  if (!sessionStorage.getItem(TOKEN_KEY)) { showLogin(); return; }
  try {
    whoami = await api('GET', '/whoami');
    start();
  } catch (e) {
    logout(e.status === 401 ? 'Your admin token was not accepted: log in again.' : e.message);
  }
})();
