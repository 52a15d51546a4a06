// OpenUID admin console: the views that manage objects: sites, client keys, keysets and CSTG keypairs.
'use strict';

// ---------------------------------------------------------------- sites

views.sites = async () => {
  const slot = el('div');
  const list = el('div');
  const editSlot = el('div', { id: 'site-edit' });
  const name = el('input', { type: 'text', id: 'site-name', placeholder: 'News site' });
  const domains = el('input', { type: 'text', id: 'site-domains', placeholder: 'example-news.com, localhost' });
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
  page('Sites', el('div', { class: 'panel' }, el('h2', {}, 'New site'), form,
    el('p', { class: 'muted' }, 'Web domains are the origins allowed to generate tokens client-side, each kept as its registrable domain (www.news.co.uk:8443 → news.co.uk); a name needs a public suffix such as .com or .co.uk, or is localhost. App names are Android package names, iOS bundle ids or App Store ids.'),
    slot), editSlot, el('div', { class: 'panel' }, list));

  async function load() {
    const { sites } = await api('GET', '/sites');
    clear(list).append(table(['Id', 'Name', 'State', 'Web domains', 'App names', ''], sites.map(s => el('tr', { 'data-site-id': s.site_id },
      el('td', {}, s.site_id), el('td', {}, s.name), el('td', {}, badge(s.enabled, 'enabled', 'disabled')),
      el('td', { class: 'mono' }, s.domain_names.join(', ')), el('td', { class: 'mono long' }, s.app_names.join(', ')),
      el('td', {}, el('div', { class: 'actions' },
        el('button', { class: 'small secondary', onclick: () => edit(s) }, 'Edit'),
        el('button', { class: 'small ' + (s.enabled ? 'danger' : 'secondary'), 'data-action': s.enabled ? 'disable' : 'enable', onclick: async () => {
          const done = await switchOnOff(slot, s.enabled, 'Disable site ' + s.site_id + ' (' + s.name + ')? Its client keys and keypairs stop working until it is enabled again.',
            () => api('PATCH', '/sites/' + s.site_id, { enabled: !s.enabled }));
          if (done) await load();
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
  const reveals = el('div', { id: 'client-reveals' });
  const list = el('div');
  const site = el('select', { id: 'client-site' });
  const name = el('input', { type: 'text', id: 'client-name', placeholder: 'News backend' });
  const roleBoxes = ROLES.map(r => el('input', { type: 'checkbox', value: r, id: 'client-role-' + r }));
  const form = el('form', { class: 'inline', id: 'client-create', onsubmit: async ev => {
    ev.preventDefault();
    const roles = roleBoxes.filter(b => b.checked).map(b => b.value);
    const c = await attempt(slot, () => api('POST', '/clients', { site_id: Number(site.value), name: name.value, roles }));
    if (c) {
      clear(reveals).append(revealBox('client-secret-box', 'Copy the API key and secret of ' + c.name + ' now: they are shown only this once.',
        [['Key id', c.key_id, 'new-client-key-id'], ['API key', c.key, 'new-client-key'], ['Secret', c.secret, 'new-client-secret'], ['Roles', c.roles.join(', ')]]));
      name.value = '';
      for (const b of roleBoxes) b.checked = false;
      await load();
    }
  } }, el('label', {}, 'Site', site), el('label', {}, 'Name', name),
  el('div', { class: 'actions' }, roleBoxes.map((b, i) => el('label', { class: 'check' }, b, ' ' + ROLES[i]))),
  el('button', { type: 'submit', id: 'client-create-submit' }, 'Create client key'));
  page('Client keys', el('div', { class: 'panel' }, el('h2', {}, 'New client key'), form, slot), reveals, el('div', { class: 'panel' }, list));
  await siteOptions(site);

  async function load() {
    const { clients } = await api('GET', '/clients');
    clear(list).append(table(['Key id', 'Site', 'Name', 'Roles', 'State', ''], clients.map(c => el('tr', { 'data-key-id': c.key_id },
      el('td', { class: 'mono nowrap' }, c.key_id), el('td', {}, c.site_id), el('td', {}, c.name), el('td', {}, c.roles.join(', ')),
      el('td', {}, badge(!c.disabled, 'enabled', 'disabled')),
      el('td', {}, el('div', { class: 'actions' },
        el('button', { class: 'small ' + (c.disabled ? 'secondary' : 'danger'), 'data-action': c.disabled ? 'enable' : 'disable', onclick: async () => {
          const done = await switchOnOff(slot, !c.disabled, 'Disable client key ' + c.key_id + ' (' + c.name + ')? Its requests answer 401 from then on.',
            () => api('POST', '/clients/' + encodeURIComponent(c.key_id) + (c.disabled ? '/enable' : '/disable')));
          if (done) {
            slot.append(message('ok', 'Client ' + c.key_id + (c.disabled ? ' enabled.' : ' disabled: its requests now answer 401.'), 'client-state-changed'));
            await load();
          }
        } }, c.disabled ? 'Enable' : 'Disable'),
        el('button', { class: 'small secondary', 'data-action': 'rotate', onclick: async () => {
          const r = await confirmThen('Give client key ' + c.key_id + ' a new secret? The old secret stops working at once.', slot,
            () => api('POST', '/clients/' + encodeURIComponent(c.key_id) + '/rotate-secret'));
          if (r) clear(reveals).append(revealBox('client-rotated-box', 'New secret for ' + r.key_id + ': shown only this once. The old secret no longer works.', [['Secret', r.secret, 'rotated-secret']]));
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
          el('button', { class: 'small ' + (k.enabled ? 'danger' : 'secondary'), 'data-action': k.enabled ? 'disable' : 'enable', onclick: async () => {
            const done = await switchOnOff(slot, k.enabled, 'Disable keyset ' + k.keyset_id + '? Tokens and keys of its site stop using it.',
              () => api('PATCH', '/keysets/' + k.keyset_id, { enabled: !k.enabled }));
            if (done) await load();
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
  const reveals = el('div', { id: 'keypair-reveals' });
  const list = el('div');
  const site = el('select', { id: 'keypair-site' });
  const name = el('input', { type: 'text', id: 'keypair-name', placeholder: 'Web integration' });
  const contact = el('input', { type: 'text', id: 'keypair-contact', placeholder: '(optional)' });
  const form = el('form', { class: 'inline', id: 'keypair-create', onsubmit: async ev => {
    ev.preventDefault();
    const k = await attempt(slot, () => api('POST', '/keypairs', { site_id: Number(site.value), name: name.value, contact: contact.value }));
    if (k) {
      clear(reveals).append(revealBox('keypair-box', 'Give the publisher the subscription id and public key (they are not secret).',
        [['Subscription id', k.subscription_id, 'new-subscription-id'], ['Public key', k.public_key, 'new-public-key']]));
      await load();
    }
  } }, el('label', {}, 'Site', site), el('label', {}, 'Name', name), el('label', {}, 'Contact', contact),
  el('button', { type: 'submit', id: 'keypair-create-submit' }, 'Create keypair'));
  page('Client-side (CSTG) keypairs', el('div', { class: 'panel' }, el('h2', {}, 'New keypair'), form, slot), reveals, el('div', { class: 'panel' }, list));
  await siteOptions(site);

  async function load() {
    const { keypairs } = await api('GET', '/keypairs');
    clear(list).append(table(['Subscription id', 'Site', 'Name', 'Public key', 'State', ''], keypairs.map(k => el('tr', { 'data-subscription-id': k.subscription_id },
      el('td', { class: 'mono nowrap' }, k.subscription_id), el('td', {}, k.site_id), el('td', {}, k.name), el('td', { class: 'mono long key' }, k.public_key),
      el('td', {}, badge(!k.disabled, 'enabled', 'disabled')),
      el('td', {}, el('button', { class: 'small ' + (k.disabled ? 'secondary' : 'danger'), 'data-action': k.disabled ? 'enable' : 'disable', onclick: async () => {
        const done = await switchOnOff(slot, !k.disabled, 'Disable keypair ' + k.subscription_id + '? Client-side token generation with it answers 401.',
          () => api('POST', '/keypairs/' + encodeURIComponent(k.subscription_id) + (k.disabled ? '/enable' : '/disable')));
        if (done) await load();
      } }, k.disabled ? 'Enable' : 'Disable')))), 'keypairs-table'));
  }
  await load();
};

