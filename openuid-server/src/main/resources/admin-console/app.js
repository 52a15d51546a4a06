// OpenUID admin console: sign-in, routing between the views (#/name) and start. Helpers are in common.js, the
// views in views-objects.js, views-ops.js and sandbox.js.
'use strict';

let routeSeq = 0;

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
  const who = document.getElementById('who');
  who.textContent = whoami.token_id;
  who.title = whoami.token_name + ' (' + whoami.token_id + ')';
  document.getElementById('nav-sandbox').hidden = !whoami.demo_mode;
  if (!location.hash || location.hash === '#/' || location.hash === '#/login') location.hash = '#/dashboard';
  else route();
}

/**
 * Shows the view named in the address: the old view goes at once (a heading and "Loading…" stand in), and a view
 * that cannot load leaves only its heading and the error, never the previous view's content.
 */
function route() {
  if (!whoami) return;
  stopTimer();
  const asked = (location.hash.replace(/^#\//, '') || 'dashboard').split('/')[0];
  const name = views[asked] ? asked : 'dashboard';
  let title = name;
  for (const a of document.querySelectorAll('#nav a')) {
    a.classList.toggle('active', a.dataset.view === name);
    if (a.dataset.view !== name) continue;
    title = a.textContent;
    // on a phone the navigation scrolls sideways: keep the current view's link in sight
    a.scrollIntoView({ block: 'nearest', inline: 'nearest' });
  }
  const seq = ++routeSeq;
  page(title, el('p', { class: 'muted', id: 'loading' }, 'Loading…'));
  views[name]().catch(e => {
    // another view was asked for meanwhile, or the token was refused and the sign-in page is showing
    if (seq !== routeSeq || !whoami) return;
    stopTimer();
    page(title, message('error', 'This page could not be loaded: ' + e.message, 'error'));
  });
}

window.addEventListener('hashchange', route);
document.getElementById('logout').addEventListener('click', () => logout());

(async () => {
  if (!sessionStorage.getItem(TOKEN_KEY)) { showLogin(); return; }
  try {
    whoami = await api('GET', '/whoami');
    start();
  } catch (e) {
    logout(e.status === 401 ? 'Your admin token was not accepted: log in again.' : e.message);
  }
})();
