// OpenUID admin console: the integrator sandbox of demo mode, and its setup on a store that has no demo credentials.
'use strict';

// ---------------------------------------------------------------- sandbox (demo mode)

views.sandbox = async () => {
  let info;
  try {
    info = await api('GET', '/sandbox');
  } catch (e) {
    if (e.status === 409) return sandboxSetup(e.message);
    throw e;
  }
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


/**
 * The sandbox needs a client key with the GENERATOR role and a CSTG keypair whose secrets it can read from the
 * credentials file. A node writes them there only when it bootstraps an empty store: on an imported store this
 * page offers to create them (POST /sandbox/setup) for a site of the operator's choice.
 */
async function sandboxSetup(reason) {
  const slot = el('div');
  const site = el('select', { id: 'sandbox-setup-site' });
  page('Integrator sandbox',
    el('div', { class: 'panel', id: 'sandbox-setup' }, el('h2', {}, 'Set up the sandbox'),
      el('p', {}, 'The sandbox sends real requests with a client key and a CSTG keypair whose secrets it reads from the credentials file. '
        + 'A node writes them there only when it bootstraps an empty store, so this store (imported, or bootstrapped by another node) has none yet.'),
      el('p', {}, 'Pick a site: this creates a client key with the GENERATOR role and a CSTG keypair for it (both in the audit log) and adds them to the credentials file. '
        + 'Client-side generation from the default origin http://localhost needs localhost in the site’s web domains.'),
      el('form', { class: 'inline', id: 'sandbox-setup-form', onsubmit: async ev => {
        ev.preventDefault();
        const r = await attempt(slot, () => api('POST', '/sandbox/setup', { site_id: Number(site.value) }));
        if (r) await views.sandbox();
      } }, el('label', {}, 'Site', site), el('button', { type: 'submit', id: 'sandbox-setup-submit' }, 'Set up the sandbox')),
      el('p', { class: 'muted', id: 'sandbox-setup-reason' }, 'The admin API answered: ' + reason), slot));
  await siteOptions(site);
}
