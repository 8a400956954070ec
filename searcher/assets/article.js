// The article view of newssearch serve: /article?id=ID&q=QUERY asks /api/article and
// draws the whole text, the query's words marked and each entity mention marked by kind
// and linked to the hits that name it, the article's entities and articles like it.
// Spans come as byte offsets into the UTF-8 text; the text is cut on them as bytes.
// Whatever comes from the index is put in as text, never parsed as HTML.
'use strict';

const KINDS = {person: 'People', org: 'Organizations', place: 'Places'};

const params = new URLSearchParams(location.search);
const state = {id: params.get('id') || '', q: params.get('q') || '', any: params.get('any') === '1'};

// The results this article was opened from, as the search page left them (its URL), or
// the query's first page when the article was opened some other way.
const RESULTS_KEY = 'newsindex.results';
function resultsUrl() {
  const saved = sessionStorage.getItem(RESULTS_KEY);
  if (saved && saved.startsWith('/') && !saved.startsWith('//')) return saved;
  const query = new URLSearchParams();
  if (state.q) query.set('q', state.q);
  if (state.any) query.set('any', '1');
  return '/' + (query.toString() ? '?' + query.toString() : '');
}
// Back in the history when the search page sent us here, so that it shows the hits as they
// were, scrolled as they were; else to the results' URL.
function goBack(event) {
  if (event) event.preventDefault();
  if (history.length > 1 && sessionStorage.getItem(RESULTS_KEY)) history.back();
  else location.href = resultsUrl();
}

// The hits of the article's query narrowed to those naming the entity.
function filterUrl(kind, name) {
  const query = new URLSearchParams();
  query.set('q', (state.q + ' ' + filterToken(kind, name)).trim());
  if (state.any) query.set('any', '1');
  return '/?' + query.toString();
}

// Nodes for `text` with `highlights` ([begin, end) byte pairs) as <mark> and `mentions`
// ({begin, end, kind, entity}) as links; neither list overlaps itself, and a query word
// may lie inside a mention.
function markedNodes(text, highlights, mentions) {
  const bytes = new TextEncoder().encode(text);
  const decoder = new TextDecoder();
  const cuts = new Set([0, bytes.length]);
  for (const [b, e] of highlights) cuts.add(b).add(e);
  for (const m of mentions) cuts.add(m.begin).add(m.end);
  const points = [...cuts].filter((n) => n >= 0 && n <= bytes.length).sort((a, b) => a - b);
  const covering = (spans, begin, end, from, to) => {
    for (const span of spans) if (from(span) <= begin && end <= to(span)) return span;
    return null;
  };
  const out = [];
  let link = null;
  let linked = null;
  for (let i = 0; i + 1 < points.length; ++i) {
    const begin = points[i];
    const end = points[i + 1];
    const piece = decoder.decode(bytes.subarray(begin, end));
    const mention = covering(mentions, begin, end, (m) => m.begin, (m) => m.end);
    const marked = covering(highlights, begin, end, (h) => h[0], (h) => h[1]);
    const node = marked ? el('mark', {}, piece) : document.createTextNode(piece);
    if (!mention) {
      link = null;
      out.push(node);
      continue;
    }
    if (linked !== mention) {
      linked = mention;
      link = el('a', {
        className: 'mention ' + mention.kind,
        href: filterUrl(mention.kind, mention.entity),
        'data-kind': mention.kind,
        'data-entity': mention.entity,
        title: `${mention.kind}: ${mention.entity} (show the articles naming it)`,
      });
      out.push(link);
    }
    link.append(node);
  }
  return out;
}

function render(data) {
  document.title = (data.title || data.id) + ' \u2013 newsindex';
  byId('title').replaceChildren(...markedNodes(data.title || data.id, data.title_highlights, []));
  byId('subtitle').hidden = !data.subtitle;
  byId('subtitle').textContent = data.subtitle || '';
  const meta = byId('meta');
  meta.replaceChildren();
  if (data.date) meta.append(el('time', {datetime: data.date}, data.date));
  const source = data.source || data.folder;
  if (source) meta.append(el('span', {className: 'source'}, source));
  if (data.author) meta.append(el('span', {className: 'author'}, 'by ' + data.author));
  const href = webUrl(data.url);
  meta.append(href
    ? el('a', {href, rel: 'noopener noreferrer', target: '_blank'}, 'original')
    : el('span', {className: 'path'}, data.path));
  byId('legend').hidden = data.mentions.length === 0 && data.highlights.length === 0;
  byId('legend-query').hidden = data.highlights.length === 0;
  byId('text').replaceChildren(...markedNodes(data.body, data.highlights, data.mentions));

  for (const section of document.querySelectorAll('.entities')) {
    const kind = section.dataset.kind;
    const names = (data.entities || {})[kind] || [];
    const items = names.map((name) => el('li', {},
      el('a', {className: 'mention ' + kind, href: entityUrl(kind, name),
        title: name + ': its page'}, name)));
    if (!items.length) items.push(el('li', {className: 'empty'}, 'none'));
    section.querySelector('ul').replaceChildren(...items);
  }
  const related = data.related.map((r) => {
    const query = new URLSearchParams({id: r.id});
    const link = el('a', {href: '/article?' + query.toString()}, r.title || r.id);
    return el('li', {}, link, r.date ? el('span', {className: 'date'}, ' ' + r.date) : '');
  });
  if (!related.length) related.push(el('li', {className: 'empty'}, 'none'));
  byId('related').replaceChildren(...related);
}

async function load() {
  const back = byId('back');
  back.href = resultsUrl();
  back.addEventListener('click', (event) => {
    if (event.button === 0 && !event.metaKey && !event.ctrlKey && !event.shiftKey) goBack(event);
  });
  document.addEventListener('keydown', (event) => {
    if (event.key === 'Escape' && !event.target.closest('input, textarea, select')) goBack(event);
  });
  const query = new URLSearchParams({id: state.id});
  if (state.q) query.set('q', state.q);
  if (state.any) query.set('any', '1');
  await fetchAndRender('/api/article?' + query.toString(), render);
}

load();
