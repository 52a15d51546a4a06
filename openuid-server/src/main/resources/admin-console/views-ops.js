// OpenUID admin console: the operations views: dashboard, rotation, opt-outs, audit log and token inspector.
'use strict';

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
        keyCard('Master key age', k.master, 'no active master key', 'card-master'),
        keyCard('Refresh key age', k.refresh, 'no active refresh key', 'card-refresh'),
        card('Last salt rotation', ago(d.salts.newest_rotation_age_seconds), d.salts.buckets.toLocaleString() + ' buckets'
          + (d.salts.newest_rotation_age_seconds < 0 ? '; a rotation time is in the future: check the salts\u2019 data or this host\u2019s clock' : ''), 'card-salts'),
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

function keyCard(label, key, none, id) {
  if (!key) return card(label, 'none', none, id);
  const age = key.age_seconds >= 0 ? span(key.age_seconds) : 'active ' + fromNow(-key.age_seconds);
  return card(label, age, 'key ' + key.key_id + ', expires ' + fromNow(key.expires_in_seconds), id);
}

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
  const first = points[0][0], width = Math.max(1, points[points.length - 1][0] - first);
  const line = document.createElementNS(ns, 'polyline');
  line.setAttribute('points', points.map(p => ((p[0] - first) / width * 600).toFixed(1) + ',' + (58 - p[1] / max * 54).toFixed(1)).join(' '));
  svg.append(line);
  return svg;
}

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
        const r = await confirmThen('Rotate keys now? Keys that are due are created and keys whose tokens have all expired are deleted, on every node.', keySlot, () => api('POST', '/keys/rotate', {}));
        if (r) { keySlot.append(message('ok', 'Key rotation: ' + r.created.length + ' created, ' + r.deleted.length + ' deleted.', 'keys-rotated')); await load(); }
      } }, 'Rotate keys now'), ' ',
      el('button', { id: 'force-rotate-keys', onclick: async () => {
        const r = await confirmThen('Force a new key for every keyset now (after a suspected compromise)? The new keys are published at once and start signing after the activation lead; old keys stay until their tokens expire.', keySlot, () => api('POST', '/keys/rotate', { now: true }));
        if (r) { keySlot.append(message('ok', 'Forced key rotation: ' + r.created.length + ' created.', 'keys-forced')); await load(); }
      } }, 'Force new keys now'), keySlot, keys),
    el('div', { class: 'panel' }, el('h2', {}, 'Salts'), salts,
      el('form', { class: 'inline', onsubmit: async ev => {
        ev.preventDefault();
        const body = fraction.value === '' ? {} : { fraction: Number(fraction.value) };
        const share = fraction.value === '' ? 'the configured fraction' : fraction.value;
        const r = await confirmThen('Rotate salts now (' + share + ' of the buckets)? The raw UIDs of the identities in those buckets change.', saltSlot, () => api('POST', '/salts/rotate', body));
        if (r) { saltSlot.append(message('ok', 'Salt rotation: ' + r.rotated + ' of ' + r.buckets + ' buckets rotated (' + r.eligible + ' old enough).' + (r.note ? ' ' + r.note : ''), 'salts-rotated')); await load(); }
      } }, el('label', {}, 'Fraction of all buckets (0 to 1)', fraction), el('button', { type: 'submit', id: 'rotate-salts' }, 'Rotate salts now')), saltSlot));

  async function load() {
    const k = await api('GET', '/keys');
    clear(keys).append(table(['Key id', 'Keyset', 'Activates', 'Expires', 'State'], k.keys.map(x => el('tr', {},
      el('td', {}, x.key_id), el('td', {}, x.keyset_id), el('td', { class: 'nowrap' }, x.activates_at), el('td', { class: 'nowrap' }, x.expires_at),
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
    el('div', { class: 'table-wrap' }, el('table', { id: 'audit-table' }, el('thead', {}, el('tr', {}, ['#', 'When', 'Who', 'Operation', 'Target', 'Details'].map(h => el('th', {}, h)))), list)),
    el('p'), more));
  async function load() {
    const p = await api('GET', '/audit?limit=50' + (before ? '&before=' + before : ''));
    for (const e of p.entries) {
      list.append(el('tr', {}, el('td', {}, e.sequence), el('td', { class: 'nowrap' }, e.at.replace('T', ' ').replace(/\.\d+Z$/, 'Z')),
        el('td', { title: e.actor_id }, e.actor_name), el('td', { class: 'mono nowrap' }, e.operation),
        el('td', { class: 'mono nowrap' }, e.target_type + (e.target_id ? ' ' + e.target_id : '')), el('td', { class: 'details' }, detailsText(e.details))));
    }
    before = p.next_before || 0;
    more.hidden = !p.next_before;
  }
  more.addEventListener('click', () => load().catch(() => {}));
  await load();
};

/** An audit entry's details as "name: value" pairs, so that lines break between them rather than inside a word. */
function detailsText(details) {
  if (!details || typeof details !== 'object') return details === undefined || details === null ? '' : String(details);
  return Object.entries(details).map(([k, v]) => k + ': ' + (Array.isArray(v) ? v.join(', ') : typeof v === 'object' && v !== null ? JSON.stringify(v) : v)).join('; ');
}

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
  return el('div', { class: 'panel' }, el('dl', { class: 'kv' }, rows.map(([k, v, id]) => [el('dt', {}, k), el('dd', { id, class: typeof v === 'string' && v.length > 40 ? 'mono long' : null }, v)])));
}

