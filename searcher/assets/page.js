// What the pages of newssearch serve share: building elements, the filters of the query
// language, safe links, the date chart's axis. Loaded before each page's own script.
'use strict';

const byId = (id) => document.getElementById(id);

// An element with attributes and children; strings become text nodes, so nothing from the
// index is ever parsed as HTML.
function el(tag, attributes, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes || {})) {
    if (name === 'className') node.className = value;
    else node.setAttribute(name, value);
  }
  node.append(...children);
  return node;
}

function svgEl(tag, attributes, ...children) {
  const node = document.createElementNS('http://www.w3.org/2000/svg', tag);
  for (const [name, value] of Object.entries(attributes || {})) node.setAttribute(name, value);
  node.append(...children);
  return node;
}

// The query's filter on a facet value: person:"Ronald Reagan", lang:"fr".
function filterToken(kind, value) {
  // The language facet filters with lang:, as people type it.
  const field = kind === 'language' ? 'lang' : kind;
  return field + ':"' + value.replace(/"/g, '') + '"';
}

// An entity's page.
function entityUrl(kind, name) {
  return '/entity?' + new URLSearchParams({kind, name}).toString();
}

// Only web links: an article's url field could say javascript: or data:.
function webUrl(text) {
  if (!text) return null;
  try {
    const url = new URL(text);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch (e) {
    return null;
  }
}

// Where a hit comes from: its source, else the folder it was indexed from (the first
// part of its id), never its file's name.
function hitSource(hit) {
  if (hit.source) return hit.source;
  const slash = hit.id.indexOf('/');
  return slash > 0 ? hit.id.slice(0, slash) : '';
}

// The buckets from the first to the last, with the empty ones between them as zeros, so
// that a chart's axis is time. Buckets are years, months or days ("1987", "1987-03",
// "1987-03-02"), as the server chose for the span of the matches.
function continuous(buckets) {
  if (buckets.length < 2) return buckets;
  const counts = new Map(buckets.map((bucket) => [bucket.value, bucket.count]));
  const first = buckets[0].value;
  const last = buckets[buckets.length - 1].value;
  const pad = (n, width) => String(n).padStart(width, '0');
  const label = (date) => [pad(date.getUTCFullYear(), 4), pad(date.getUTCMonth() + 1, 2),
    pad(date.getUTCDate(), 2)].join('-').slice(0, first.length);
  const start = new Date((first + '-01-01').slice(0, 10) + 'T00:00:00Z');
  if (Number.isNaN(start.getTime()) || first.length !== last.length) return buckets;
  const filled = [];
  for (const date = start; filled.length <= 400; ) {
    const value = label(date);
    filled.push({value, count: counts.get(value) || 0});
    if (value >= last) return filled;
    if (first.length === 4) date.setUTCFullYear(date.getUTCFullYear() + 1);
    else if (first.length === 7) date.setUTCMonth(date.getUTCMonth() + 1);
    else date.setUTCDate(date.getUTCDate() + 1);
  }
  return buckets; // not a span the server would send: draw what came
}

// The bars of a chart of `buckets` (continuous), 1000 by `height` in its own units: each
// a <rect> with its value and count, which `decorate(bar, bucket, i)` may add to.
function barChart(buckets, height, label, decorate) {
  const width = 1000;
  const slot = width / buckets.length;
  const gap = slot > 8 ? slot * 0.15 : 0;
  const most = Math.max(1, ...buckets.map((bucket) => bucket.count));
  const svg = svgEl('svg', {
    viewBox: `0 0 ${width} ${height}`,
    preserveAspectRatio: 'none',
    role: 'group',
    'aria-label': label,
  });
  svg.append(...buckets.map((bucket, i) => {
    const barHeight = bucket.count ? Math.max(2, (bucket.count / most) * (height - 4)) : 0;
    const bar = svgEl('rect', {
      class: 'bar',
      x: i * slot + gap / 2,
      y: height - barHeight,
      width: Math.max(slot - gap, 0.5),
      height: barHeight,
      'data-value': bucket.value,
      'aria-label': `${bucket.value}: ${bucket.count}`,
    }, svgEl('title', {}, `${bucket.value}: ${bucket.count}`));
    decorate(bar, bucket, i);
    return bar;
  }));
  return svg;
}

// Asks `url` for its JSON document and draws it with `render`. When there is none (the
// server's error, or no server), `failed` clears what the page holds and #error says why.
// The page is ready then, either way.
async function fetchAndRender(url, render, failed) {
  let error = null;
  try {
    const response = await fetch(url, {headers: {Accept: 'application/json'}});
    const body = await response.json().catch(() => null);
    if (response.ok && body) render(body);
    else error = (body && body.error) || `the server answered ${response.status}`;
  } catch (e) {
    error = 'the server cannot be reached';
  }
  if (error) {
    if (failed) failed();
    byId('error').hidden = false;
    byId('error').textContent = error;
  }
  document.body.dataset.state = 'ready';
}
