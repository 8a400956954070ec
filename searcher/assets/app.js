// The search page of newssearch serve. Its state lives in the URL (q, like, any, sort,
// page), so a search can be bookmarked and Back works; it asks /api/search and draws the
// hits, the entity facets, a date histogram and the pages. Whatever comes from the index
// is put in as text (textContent, text nodes), never parsed as HTML.
'use strict';

const PAGE_SIZE = 10;
const MAX_PAGE = 1000; // the server answers offsets up to 10000
const SORTS = ['relevance', '-date', 'date'];
// 'stories': the count order, each story counted once however many versions match.
const FACET_ORDERS = ['count', 'stories', 'notable'];

// Values shown per facet, and in the one facet opened with "more" (state.more).
const FEW_VALUES = 10;
const MORE_VALUES = 50;
const KINDS_WITH_MORE = ['person', 'org', 'place'];

// ---- state in the URL ----

function readState() {
  const params = new URLSearchParams(location.search);
  const page = parseInt(params.get('page') || '1', 10);
  const sort = params.get('sort');
  return {
    q: params.get('q') || '',
    like: params.get('like') || '',
    any: params.get('any') === '1',
    sort: SORTS.includes(sort) ? sort : 'relevance',
    order: FACET_ORDERS.includes(params.get('order')) ? params.get('order') : 'count',
    more: KINDS_WITH_MORE.includes(params.get('more')) ? params.get('more') : '',
    page: Number.isFinite(page) && page >= 1 ? Math.min(page, MAX_PAGE) : 1,
  };
}

function stateUrl(state) {
  const params = new URLSearchParams();
  if (state.q) params.set('q', state.q);
  if (state.like) params.set('like', state.like);
  if (state.any) params.set('any', '1');
  if (state.sort !== 'relevance') params.set('sort', state.sort);
  if (state.order !== 'count') params.set('order', state.order);
  if (state.more) params.set('more', state.more);
  if (state.page > 1) params.set('page', String(state.page));
  const query = params.toString();
  return '/' + (query ? '?' + query : '');
}

function go(changes) {
  history.pushState(null, '', stateUrl(Object.assign(readState(), changes)));
  load();
}

// A link's click: the page follows it itself, unless the reader wants a new tab.
function follow(event, changes) {
  if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) {
    return;
  }
  event.preventDefault();
  go(changes);
}

function apiUrl(state) {
  const params = new URLSearchParams();
  params.set('q', state.q);
  if (state.like) params.set('like', state.like);
  if (state.any) params.set('any', '1');
  params.set('sort', state.sort);
  if (state.order === 'notable') params.set('facet_order', 'notable');
  if (state.order === 'stories') params.set('facets_by', 'story');
  // One value more than shown says whether there are more.
  params.set('facet_limit', String((state.more ? MORE_VALUES : FEW_VALUES) + 1));
  params.set('offset', String((state.page - 1) * PAGE_SIZE));
  params.set('limit', String(PAGE_SIZE));
  return '/api/search?' + params.toString();
}

// ---- filters in the query ----

function hasToken(query, token) {
  return (' ' + query + ' ').includes(' ' + token + ' ');
}

// Adds the filter to the query, or takes it out when it is there.
function toggleToken(query, token) {
  if (!hasToken(query, token)) return (query.trim() + ' ' + token).trim();
  return (' ' + query + ' ').split(' ' + token + ' ').join(' ').replace(/\s+/g, ' ').trim();
}

// The filters of a query: person:"X", -org:"Y", source:VOA, date:A..B, as the page
// writes them (and people type them).
const FILTER_TOKEN = /(?:^|\s)(-?(?:person|org|place|source|date):(?:"[^"]*"|\S+))/g;

function filterTokens(query) {
  return [...query.matchAll(FILTER_TOKEN)].map((match) => match[1]);
}

function withoutToken(query, token) {
  return (' ' + query + ' ').split(' ' + token + ' ').join(' ').replace(/\s+/g, ' ').trim();
}

const DATE_TOKEN = /(^|\s)date:\S*/g;

function dateTokens(query) {
  return (query.match(DATE_TOKEN) || []).map((token) => token.trim());
}

function withoutDates(query) {
  return query.replace(DATE_TOKEN, ' ').replace(/\s+/g, ' ').trim();
}

// The range a date: filter of the query covers, as {from, to} ('' for an open end).
function dateRange(query) {
  const tokens = dateTokens(query);
  if (tokens.length !== 1) return null;
  const value = tokens[0].slice('date:'.length);
  const dots = value.indexOf('..');
  return dots < 0 ? {from: value, to: value}
                  : {from: value.slice(0, dots), to: value.slice(dots + 2)};
}

// Whether a bucket ("1987" or "1987-03") lies in the range; ends compare at its length.
function inRange(bucket, range) {
  const from = range.from.slice(0, bucket.length);
  const to = range.to.slice(0, bucket.length);
  return (!from || bucket >= from) && (!to || bucket <= to);
}

// ---- drawing ----

// The snippet's highlights come as [[ ]]: each becomes a <mark>, the rest stays text.
function markedText(snippet) {
  const parts = [];
  let rest = snippet;
  while (rest) {
    const open = rest.indexOf('[[');
    const close = open < 0 ? -1 : rest.indexOf(']]', open + 2);
    if (close < 0) {
      parts.push(rest);
      break;
    }
    if (open > 0) parts.push(rest.slice(0, open));
    parts.push(el('mark', {}, rest.slice(open + 2, close)));
    rest = rest.slice(close + 2);
  }
  return parts;
}

// The article view of a hit, marking the query's words.
function articleUrl(state, id) {
  const params = new URLSearchParams({id});
  if (state.q) params.set('q', state.q);
  if (state.any) params.set('any', '1');
  return '/article?' + params.toString();
}

// The article view's Back returns here: the URL of these results.
function rememberResults() {
  sessionStorage.setItem('newsindex.results', location.pathname + location.search);
}

function renderHit(hit) {
  const title = hit.title || hit.id;
  const state = readState();
  const open = el('a', {className: 'open', href: articleUrl(state, hit.id)}, title);
  open.addEventListener('click', rememberResults);
  const heading = el('h3', {}, open);
  const meta = el('div', {className: 'meta'});
  if (hit.date) meta.append(el('time', {datetime: hit.date}, hit.date));
  const source = hitSource(hit);
  if (source) meta.append(el('span', {className: 'source'}, source));
  const href = webUrl(hit.url);
  if (href) meta.append(el('a', {href, rel: 'noopener noreferrer', target: '_blank'}, 'original'));
  if (hit.language) meta.append(el('span', {className: 'language'}, hit.language));
  const related = {q: '', like: hit.id, page: 1};
  const like = el('a', {className: 'like', href: stateUrl(Object.assign(readState(), related))},
    'More like this');
  like.addEventListener('click', (event) => follow(event, related));
  // The language of the text, for screen readers and the browser's fonts and hyphens.
  return el('li', {className: 'hit', 'data-id': hit.id, lang: hit.language || ''}, heading, meta,
    el('p', {className: 'snippet'}, ...markedText(hit.snippet || '')), like);
}

// The download links: every match of the query, as the hits are sorted.
function renderExport(state, data) {
  byId('export').hidden = !data || data.total === 0;
  for (const format of ['csv', 'jsonl']) {
    const params = new URLSearchParams();
    params.set('q', data && data.corrected ? data.suggestion : state.q);
    if (state.like) params.set('like', state.like);
    if (state.any) params.set('any', '1');
    params.set('sort', state.sort);
    params.set('format', format);
    byId('export-' + format).href = '/api/export?' + params.toString();
  }
}

function renderSummary(state, data) {
  const total = el('strong', {id: 'total', 'data-total': String(data.total)},
    (data.total_exact ? '' : 'about ') + data.total.toLocaleString('en'));
  const summary = byId('summary');
  summary.replaceChildren(total, data.total === 1 ? ' match' : ' matches');
  if (state.q) summary.append(' for ', el('q', {}, state.q));
  if (data.hits.length) {
    const first = data.hits[0].rank;
    const last = data.hits[data.hits.length - 1].rank;
    summary.append(' \u00b7 showing ' + first + '\u2013' + last);
  }
}

// The index's spelling dictionary knows another spelling: offer it, or say that the
// results are its own when nothing matched the query as typed.
function renderSuggestion(state, data) {
  const box = byId('suggestion');
  box.hidden = !data.suggestion;
  box.replaceChildren();
  if (!data.suggestion) return;
  const changes = {q: data.suggestion, page: 1};
  const link = el('a', {href: stateUrl(Object.assign({}, state, changes))}, data.suggestion);
  link.addEventListener('click', (event) => follow(event, changes));
  if (data.corrected) {
    box.append('Nothing matches ', el('q', {}, state.q), '; these match ', link, '.');
  } else {
    box.append('Did you mean ', link, '?');
  }
}

function renderFacets(state, facets) {
  for (const section of document.querySelectorAll('.facet')) {
    const kind = section.dataset.kind;
    const shown = kind === state.more ? MORE_VALUES : FEW_VALUES;
    const all = facets[kind] || [];
    const values = all.slice(0, shown);
    renderMore(section, kind, state, all.length > shown);
    const items = values.map(({value, count, score}) => {
      const token = filterToken(kind, value);
      const active = hasToken(state.q, token);
      const notable = score === undefined ? '' : ` (notability ${score.toFixed(3)})`;
      const button = el('button', {
        type: 'button',
        'aria-pressed': String(active),
        'data-value': value,
        title: (active ? 'remove ' : 'add ') + token + notable,
      }, el('span', {className: 'name'}, value), el('span', {className: 'count'}, String(count)));
      if (score !== undefined) button.dataset.score = String(score);
      button.addEventListener('click',
        () => go({q: toggleToken(withoutToken(readState().q, '-' + token), token), page: 1}));
      const excluded = hasToken(state.q, '-' + token);
      const exclude = el('button', {
        type: 'button',
        className: 'exclude',
        'aria-pressed': String(excluded),
        'data-exclude': value,
        'aria-label': (excluded ? 'stop excluding ' : 'exclude ') + value,
        title: (excluded ? 'stop excluding ' : 'exclude ') + value,
      }, '\u2212');
      exclude.addEventListener('click',
        () => go({q: toggleToken(withoutToken(readState().q, token), '-' + token), page: 1}));
      // A person, organization or place has a page of its own.
      const about = KINDS_WITH_MORE.includes(kind)
        ? el('a', {className: 'about', href: entityUrl(kind, value),
          'aria-label': 'about ' + value, title: value + ': its page'}, '\u203a')
        : '';
      return el('li', {className: excluded ? 'excluded' : ''}, button, about, exclude);
    });
    if (!items.length) items.push(el('li', {className: 'empty'}, 'none'));
    section.querySelector('ul.facet-values').replaceChildren(...items);
  }
}

// The facet's "more" (or "fewer") button: more when it has values past those shown.
function renderMore(section, kind, state, hasMore) {
  if (!KINDS_WITH_MORE.includes(kind)) return;
  let button = section.querySelector('.facet-more');
  if (!button) {
    button = el('button', {type: 'button', className: 'facet-more'});
    button.addEventListener('click',
      () => go({more: readState().more === kind ? '' : kind}));
    section.append(button);
  }
  const open = state.more === kind;
  // Out of sight, not out of the layout: the facets below must not move when it shows.
  button.style.visibility = open || hasMore ? 'visible' : 'hidden';
  button.textContent = open ? 'fewer' : 'more';
  button.setAttribute('aria-expanded', String(open));
  button.setAttribute('aria-label',
    (open ? 'fewer ' : 'more ') + section.querySelector('h2').textContent.toLowerCase());
}

// The active filters as chips, each taking its filter off, and "clear all".
function renderChips(state) {
  const box = byId('chips');
  const tokens = filterTokens(state.q);
  box.hidden = tokens.length === 0;
  const chips = tokens.map((token) => {
    const negated = token.startsWith('-');
    const colon = token.indexOf(':');
    const kind = token.slice(negated ? 1 : 0, colon);
    const value = token.slice(colon + 1).replace(/^"|"$/g, '');
    const chip = el('button', {type: 'button', className: 'chip' + (negated ? ' not' : ''),
      'data-token': token, 'aria-label': 'remove the filter ' + token},
    (negated ? 'not ' : '') + kind + ': ' + value, el('span', {'aria-hidden': 'true'}, ' \u00d7'));
    chip.addEventListener('click', () => go({q: withoutToken(readState().q, token), page: 1}));
    return chip;
  });
  const clear = el('button', {type: 'button', className: 'clear-all'}, 'clear all');
  clear.addEventListener('click', () => {
    let query = readState().q;
    for (const token of filterTokens(query)) query = withoutToken(query, token);
    go({q: query, page: 1});
  });
  box.replaceChildren(...chips, ...(chips.length ? [clear] : []));
}

// The from/to fields show the query's date range when it names whole days.
function renderDateFields(state) {
  const range = dateRange(state.q);
  const day = (text) => (/^\d{4}-\d{2}-\d{2}$/.test(text) ? text : '');
  byId('date-from').value = range ? day(range.from) : '';
  byId('date-to').value = range ? day(range.to) : '';
}

function renderDates(state, counted) {
  const buckets = continuous(counted);
  const box = byId('histogram');
  box.replaceChildren();
  byId('dates').hidden = buckets.length === 0;
  if (!buckets.length) return;
  byId('date-first').textContent = buckets[0].value;
  byId('date-last').textContent = buckets[buckets.length - 1].value;

  const range = dateRange(state.q);
  const bars = [];
  const svg = barChart(buckets, 100, 'Articles by date', (bar, bucket, i) => {
    if (range && inRange(bucket.value, range)) bar.classList.add('selected');
    bar.setAttribute('tabindex', '0');
    bar.setAttribute('role', 'button');
    bar.addEventListener('keydown', (event) => {
      if (event.key === 'Enter' || event.key === ' ') {
        event.preventDefault();
        choose(i, i);
      }
    });
    bars.push(bar);
  });
  box.append(svg);

  // A click picks one bar, a drag the bars it crosses: the column under the pointer
  // counts, so a short bar is as easy to hit as a tall one.
  function choose(low, high) {
    const token = `date:${buckets[low].value}..${buckets[high].value}`;
    const query = readState().q;
    const current = dateTokens(query);
    // Choosing the range that is already chosen takes it off.
    const rest = withoutDates(query);
    go({q: current.length === 1 && current[0] === token ? rest : (rest + ' ' + token).trim(),
        page: 1});
  }
  const indexAt = (event) => {
    const box = svg.getBoundingClientRect();
    const i = Math.floor(((event.clientX - box.left) / box.width) * buckets.length);
    return Math.min(Math.max(i, 0), buckets.length - 1);
  };
  const highlight = (from, to) => {
    bars.forEach((bar, i) => bar.classList.toggle('dragging', i >= from && i <= to));
  };
  let start = null;
  svg.addEventListener('pointerdown', (event) => {
    if (event.button !== 0) return;
    start = indexAt(event);
    svg.setPointerCapture(event.pointerId);
    highlight(start, start);
    event.preventDefault();
  });
  svg.addEventListener('pointermove', (event) => {
    if (start === null) return;
    const here = indexAt(event);
    highlight(Math.min(start, here), Math.max(start, here));
  });
  svg.addEventListener('pointerup', (event) => {
    if (start === null) return;
    const here = indexAt(event);
    const from = start;
    start = null;
    choose(Math.min(from, here), Math.max(from, here));
  });
  svg.addEventListener('pointercancel', () => {
    start = null;
    highlight(-1, -1);
  });
}

function renderPager(state, total) {
  const pager = byId('pager');
  pager.replaceChildren();
  const pages = Math.min(Math.ceil(total / PAGE_SIZE), MAX_PAGE);
  if (pages <= 1) return;
  const link = (page, text, rel) => {
    const a = el('a', {href: stateUrl(Object.assign({}, state, {page}))}, text);
    if (rel) a.rel = rel;
    if (page === state.page) a.setAttribute('aria-current', 'page');
    a.addEventListener('click', (event) => follow(event, {page}));
    return a;
  };
  if (state.page > 1) pager.append(link(state.page - 1, '\u2039 Previous', 'prev'));
  let shown = 0;
  for (let page = 1; page <= pages; ++page) {
    const near = Math.abs(page - state.page) <= 2;
    if (page !== 1 && page !== pages && !near) continue;
    if (shown && page - shown > 1) pager.append(el('span', {className: 'gap'}, '\u2026'));
    pager.append(link(page, String(page)));
    shown = page;
  }
  if (state.page < pages) pager.append(link(state.page + 1, 'Next \u203a', 'next'));
}

function render(state, data, error) {
  document.title = (state.q ? state.q + ' \u2013 ' : '') + 'newsindex';
  byId('error').hidden = !error;
  byId('error').textContent = error || '';
  byId('like-banner').hidden = !state.like;
  byId('like-id').textContent = state.like;
  const clear = byId('like-clear');
  clear.href = stateUrl(Object.assign({}, state, {like: '', page: 1}));
  clear.onclick = (event) => follow(event, {like: '', page: 1});
  if (!data) {
    byId('suggestion').hidden = true;
    byId('summary').replaceChildren();
    renderExport(state, null);
    byId('results').replaceChildren();
    byId('pager').replaceChildren();
    renderFacets(state, {});
    renderDates(state, []);
    renderChips(state);
    return;
  }
  renderSuggestion(state, data);
  renderSummary(state, data);
  renderExport(state, data);
  byId('results').replaceChildren(...data.hits.map(renderHit));
  renderFacets(state, data.facets || {});
  renderDates(state, (data.facets || {}).date || []);
  renderChips(state);
  renderDateFields(state);
  renderPager(state, data.total);
}

// ---- loading ----

let latest = 0;

// The "more" buttons are there (unseen) before the first answer, taking their room.
for (const section of document.querySelectorAll('.facet')) {
  renderMore(section, section.dataset.kind, readState(), false);
}

async function load() {
  const state = readState();
  const ticket = ++latest;
  document.body.dataset.state = 'loading';
  byId('q').value = state.q;
  byId('any').checked = state.any;
  byId('sort').value = state.sort;
  byId('facet-order').value = state.order;
  let data = null;
  let error = null;
  try {
    const response = await fetch(apiUrl(state), {headers: {Accept: 'application/json'}});
    const body = await response.json().catch(() => null);
    if (response.ok && body) data = body;
    else error = (body && body.error) || `the server answered ${response.status}`;
  } catch (e) {
    error = 'the server cannot be reached';
  }
  if (ticket !== latest) return; // a newer search overtook this one
  render(state, data, error);
  document.body.dataset.state = 'ready';
  document.body.dataset.render = String(ticket);
}

byId('search').addEventListener('submit', (event) => {
  event.preventDefault();
  go({q: byId('q').value.trim(), page: 1});
});
byId('any').addEventListener('change', () => go({any: byId('any').checked, page: 1}));
byId('sort').addEventListener('change', () => go({sort: byId('sort').value, page: 1}));
byId('facet-order').addEventListener('change', () => go({order: byId('facet-order').value}));
// The search box over a facet's values: the names that start with what is typed, from
// /api/facet_values, each adding its filter.
for (const section of document.querySelectorAll('.facet')) {
  const kind = section.dataset.kind;
  const input = section.querySelector('.facet-search');
  const found = section.querySelector('.facet-found');
  if (!input) continue;  // a facet of few values (languages) has no search box
  let timer = null;
  let asked = 0;
  input.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(async () => {
      const prefix = input.value.trim();
      const ticket = ++asked;
      if (!prefix) {
        found.hidden = true;
        found.replaceChildren();
        return;
      }
      const params = new URLSearchParams({kind, prefix, limit: '10'});
      const response = await fetch('/api/facet_values?' + params.toString()).catch(() => null);
      const body = response && response.ok ? await response.json().catch(() => null) : null;
      if (ticket !== asked) return;
      const items = ((body && body.values) || []).map(({value, count}) => {
        const token = filterToken(kind, value);
        const button = el('button', {type: 'button', 'data-found': value, title: 'add ' + token},
          el('span', {className: 'name'}, value), el('span', {className: 'count'}, String(count)));
        button.addEventListener('click', () => {
          input.value = '';
          found.hidden = true;
          go({q: toggleToken(withoutToken(readState().q, '-' + token), token), page: 1});
        });
        return el('li', {}, button);
      });
      if (!items.length) items.push(el('li', {className: 'empty'}, 'no such name'));
      found.replaceChildren(...items);
      found.hidden = false;
      section.dataset.found = String(ticket);
    }, 150);
  });
}

byId('date-range').addEventListener('submit', (event) => {
  event.preventDefault();
  const from = byId('date-from').value;
  const to = byId('date-to').value;
  const rest = withoutDates(readState().q);
  go({q: from || to ? (rest + ' date:' + from + '..' + to).trim() : rest, page: 1});
});
// The keyboard: / to the search box, j and k from hit to hit (Enter opens the one with
// the focus, as any link), Esc out of the search box.
function hitLinks() {
  return [...document.querySelectorAll('#results .hit h3 a.open')];
}
document.addEventListener('keydown', (event) => {
  if (event.ctrlKey || event.metaKey || event.altKey) return;
  const typing = event.target.closest('input, textarea, select');
  if (typing) {
    if (event.key === 'Escape') event.target.blur();
    return;
  }
  if (event.key === '/') {
    event.preventDefault();
    byId('q').focus();
    byId('q').select();
  } else if (event.key === 'j' || event.key === 'k') {
    const links = hitLinks();
    if (!links.length) return;
    const at = links.indexOf(document.activeElement);
    const next = event.key === 'j' ? Math.min(at + 1, links.length - 1) : Math.max(at - 1, 0);
    for (const hit of document.querySelectorAll('#results .hit.current')) {
      hit.classList.remove('current');
    }
    links[next].closest('.hit').classList.add('current');
    links[next].focus();
    event.preventDefault();
  }
});
window.addEventListener('popstate', load);
load();
