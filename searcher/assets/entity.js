// An entity's page of newssearch serve: /entity?kind=person&name=NAME asks /api/entity
// and draws the entity's articles by month (a bar opens that month's articles), its other
// names, the people, organizations and places most notable with it (each a link to its
// own page) and its newest articles (each a link to its article view).
'use strict';

const KIND_NAMES = {person: 'person', org: 'organization', place: 'place'};

const params = new URLSearchParams(location.search);
const asked = {kind: params.get('kind') || '', name: params.get('name') || ''};

// The hits of the entity's articles, narrowed further by `more` (a date filter).
function searchUrl(kind, name, more) {
  const query = new URLSearchParams({q: (filterToken(kind, name) + ' ' + (more || '')).trim()});
  return '/?' + query.toString();
}

function articleUrl(id, kind, name) {
  return '/article?' + new URLSearchParams({id, q: filterToken(kind, name)}).toString();
}

function renderChart(data) {
  const buckets = continuous(data.months);
  byId('months').hidden = buckets.length === 0;
  if (!buckets.length) return;
  byId('month-first').textContent = buckets[0].value;
  byId('month-last').textContent = buckets[buckets.length - 1].value;
  const svg = barChart(buckets, 100, 'Articles by month', (bar, bucket) => {
    if (!bucket.count) return;
    const open = () => {
      location.href = searchUrl(data.kind, data.name, `date:${bucket.value}..${bucket.value}`);
    };
    bar.setAttribute('tabindex', '0');
    bar.setAttribute('role', 'link');
    bar.addEventListener('click', open);
    bar.addEventListener('keydown', (event) => {
      if (event.key === 'Enter') open();
    });
  });
  byId('month-chart').replaceChildren(svg);
}

function render(data) {
  document.title = `${data.name} \u2013 newsindex`;
  byId('name').textContent = data.name;
  const months = data.months;
  const span = months.length
    ? `, ${months[0].value}${months.length > 1 ? ' to ' + months[months.length - 1].value : ''}`
    : '';
  byId('summary').textContent = `${KIND_NAMES[data.kind] || data.kind}: ` +
    `${data.articles} ${data.articles === 1 ? 'article' : 'articles'}${span}`;
  byId('search-link').href = searchUrl(data.kind, data.name);
  const aliases = data.aliases.flatMap((alias, i) => [
    i ? ', ' : '',
    el('span', {className: 'alias', title: `${alias.articles} articles`}, alias.name)]);
  byId('alias-list').replaceChildren(...(aliases.length ? aliases : ['no other name']));
  renderChart(data);

  for (const section of document.querySelectorAll('#named-with .entities')) {
    const kind = section.dataset.kind;
    const values = (data.named_with || {})[kind] || [];
    const items = values.map(({value, count, score}) => el('li', {},
      el('a', {className: 'mention ' + kind, href: entityUrl(kind, value),
        'data-value': value, title: `${count} articles together (notability ${score.toFixed(3)})`},
      value), el('span', {className: 'count'}, ' ' + count)));
    if (!items.length) items.push(el('li', {className: 'empty'}, 'none'));
    section.querySelector('ol').replaceChildren(...items);
  }

  const newest = data.newest.map((hit) => el('li', {},
    el('a', {href: articleUrl(hit.id, data.kind, data.name)}, hit.title || hit.id),
    hit.date ? el('span', {className: 'date'}, ' ' + hit.date) : '',
    hitSource(hit) ? el('span', {className: 'source'}, ' ' + hitSource(hit)) : ''));
  if (!newest.length) newest.push(el('li', {className: 'empty'}, 'none'));
  byId('newest').replaceChildren(...newest);
}

async function load() {
  byId('back').addEventListener('click', (event) => {
    if (history.length > 1 && event.button === 0 && !event.metaKey && !event.ctrlKey) {
      event.preventDefault();
      history.back();
    }
  });
  document.addEventListener('keydown', (event) => {
    if (event.key === 'Escape' && !event.target.closest('input, textarea, select') &&
        history.length > 1) history.back();
  });
  const query = new URLSearchParams({kind: asked.kind, name: asked.name});
  await fetchAndRender('/api/entity?' + query.toString(), render, () => {
    byId('name').textContent = asked.name || 'No entity';
    byId('summary').textContent = '';
    byId('months').hidden = true;
  });
}

load();
