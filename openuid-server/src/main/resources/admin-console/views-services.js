// OpenUID admin console: services (a party that acts for other sites) and their links (spec keys-and-data.md §9).
'use strict';

views.services = async () => {
  const slot = el('div');
  const services = el('div');
  const links = el('div');
  const site = el('select', { id: 'service-site' });
  const name = el('input', { type: 'text', id: 'service-name', placeholder: 'Data partner' });
  const serviceRoles = ROLES.map(r => el('input', { type: 'checkbox', value: r, id: 'service-role-' + r }));
  const linkService = el('select', { id: 'link-service' });
  const linkId = el('input', { type: 'text', id: 'link-id', placeholder: 'advertiser-7' });
  const linkSite = el('select', { id: 'link-site' });
  const linkName = el('input', { type: 'text', id: 'link-name', placeholder: '(optional)' });
  const linkRoles = ROLES.map(r => el('input', { type: 'checkbox', value: r, id: 'link-role-' + r }));
  const checked = boxes => boxes.filter(b => b.checked).map(b => b.value);
  const roleLabels = boxes => el('div', { class: 'actions' }, boxes.map(b => el('label', { class: 'check' }, b, ' ' + b.value)));

  const serviceForm = el('form', { class: 'inline', id: 'service-create', onsubmit: async ev => {
    ev.preventDefault();
    const s = await attempt(slot, () => api('POST', '/services', { site_id: Number(site.value), name: name.value, roles: checked(serviceRoles) }));
    if (s) {
      slot.append(message('ok', 'Created service ' + s.service_id + ' (' + s.name + ').', 'service-created'));
      name.value = '';
      for (const b of serviceRoles) b.checked = false;
      await load();
    }
  } }, el('label', {}, 'Site', site), el('label', {}, 'Name', name), roleLabels(serviceRoles),
  el('button', { type: 'submit', id: 'service-create-submit' }, 'Create service'));

  const linkForm = el('form', { class: 'inline', id: 'link-create', onsubmit: async ev => {
    ev.preventDefault();
    const l = await attempt(slot, () => api('POST', '/service-links', { service_id: Number(linkService.value), link_id: linkId.value,
      site_id: Number(linkSite.value), name: linkName.value, roles: checked(linkRoles) }));
    if (l) {
      slot.append(message('ok', 'Linked ' + l.link_id + ' to service ' + l.service_id + '.', 'link-created'));
      linkId.value = linkName.value = '';
      for (const b of linkRoles) b.checked = false;
      await load();
    }
  } }, el('label', {}, 'Service', linkService), el('label', {}, 'Link id', linkId), el('label', {}, 'Site', linkSite),
  el('label', {}, 'Name', linkName), roleLabels(linkRoles), el('button', { type: 'submit', id: 'link-create-submit' }, 'Create link'));

  page('Services and links',
    el('div', { class: 'panel' }, el('h2', {}, 'New service'), serviceForm,
      el('p', { class: 'muted' }, 'A service acts for other sites with client keys of its own (create them under Client keys with the service\'s site). With validate_service_links on, its identity map requests that name a link_id are answered only for an enabled link with role MAPPER.')),
    el('div', { class: 'panel' }, el('h2', {}, 'New link'), linkForm), slot,
    el('div', { class: 'panel' }, el('h2', {}, 'Services'), services),
    el('div', { class: 'panel' }, el('h2', {}, 'Links'), links));
  await siteOptions(site);
  await siteOptions(linkSite);

  async function load() {
    const s = await api('GET', '/services');
    clear(linkService).append(...s.services.map(x => el('option', { value: x.service_id }, x.service_id + ' – ' + x.name)));
    clear(services).append(table(['Id', 'Site', 'Name', 'Roles'], s.services.map(x => el('tr', { 'data-service-id': x.service_id },
      el('td', {}, x.service_id), el('td', {}, x.site_id), el('td', {}, x.name), el('td', {}, x.roles.join(', ')))), 'services-table'));
    const l = await api('GET', '/service-links');
    clear(links).append(table(['Service', 'Link id', 'Site', 'Name', 'Roles', 'State', ''], l.service_links.map(x => {
      const path = '/service-links/' + x.service_id + '/' + encodeURIComponent(x.link_id);
      return el('tr', { 'data-link': x.service_id + '/' + x.link_id },
        el('td', {}, x.service_id), el('td', { class: 'mono' }, x.link_id), el('td', {}, x.site_id), el('td', {}, x.name),
        el('td', {}, x.roles.join(', ')), el('td', {}, badge(!x.disabled, 'enabled', 'disabled')),
        el('td', {}, el('button', { class: 'small ' + (x.disabled ? 'secondary' : 'danger'), 'data-action': x.disabled ? 'enable' : 'disable', onclick: async () => {
          const done = await switchOnOff(slot, !x.disabled, 'Disable link ' + x.link_id + ' of service ' + x.service_id + '? Identity map requests naming it answer 401.',
            () => api('POST', path + (x.disabled ? '/enable' : '/disable')));
          if (done) await load();
        } }, x.disabled ? 'Enable' : 'Disable')));
    }), 'links-table'));
  }
  await load();
};
