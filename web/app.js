// fynd search page: plain JavaScript over the JSON API (/api/search, /api/regions,
// /api/suggest, /api/projects/{id}, /api/projects/{id}/similar, /api/stats). Everything from the server
// is inserted as text, except snippets, which the server sends as escaped HTML with <mark>.
'use strict';

const FACETS = [
  ['funder', 'Finansiär'],
  ['region', 'Region'],
  ['year', 'År'],
  ['theme', 'Tema'],
];
const PAGE_SIZE = 10;
const FACET_SHOWN = 8;  // values shown per facet before "Visa fler"
const expandedFacets = new Set();
const expandedRegions = new Set();  // folded names of the open nodes of the region tree
let expandSelectedRegions = true;   // open the way to regions selected by the address once
const $ = (id) => document.getElementById(id);

const state = { q: '', filters: {}, yearFrom: '', yearTo: '', page: 1 };
let lastResult = null;
let lastRegions = null;  // the /api/regions tree of the search on screen
let focusChipsAfterSearch = false;
let shownSearch = '';  // the query string of the search on screen
let searchSeq = 0;

// ---------------------------------------------------------------- helpers
function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === 'text') node.textContent = v;
    else if (k === 'class') node.className = v;
    else node.setAttribute(k, v);
  }
  for (const c of children) node.append(c);
  return node;
}

const number = (n) => Number(n).toLocaleString('sv-SE');
const fold = (s) => String(s).normalize('NFC').toLocaleLowerCase('sv').trim();
const kronor = (n) => (n === null || n === undefined ? '' : number(n) + ' kr');

async function api(path, options) {
  const res = await fetch(path, options);
  let body = null;
  try { body = await res.json(); } catch (e) { body = null; }
  if (!res.ok) {
    const message = body && body.error ? body.error.message : `HTTP ${res.status}`;
    const err = new Error(message);
    err.status = res.status;
    throw err;
  }
  return body;
}

function filterParams(params) {
  for (const [facet] of FACETS) {
    for (const v of state.filters[facet] || []) params.append(facet, v);
  }
  if (state.yearFrom || state.yearTo) params.append('year', `${state.yearFrom}..${state.yearTo}`);
  return params;
}

/** The selected values of a facet as {raw, name}: raw as in the address, name canonical. */
function selectedPairs(facet) {
  const raws = state.filters[facet] || [];
  const known = [];
  if (facet === 'region') {
    const walk = (nodes) => { for (const n of nodes || []) { known.push(n); walk(n.children); } };
    walk(lastRegions && lastRegions.regions);
  } else if (lastResult && lastResult.facets) {
    known.push(...(lastResult.facets[facet] || []));
  }
  const pairs = raws.map((raw) => {
    const match = known.find((v) => fold(v.value) === fold(raw));
    return { raw, name: match ? match.value : null };
  });
  // A value the server resolved to another name (an alias): pair the one left of each.
  const taken = new Set(pairs.filter((p) => p.name).map((p) => fold(p.name)));
  const unnamed = pairs.filter((p) => !p.name);
  const selectedLeft = known.filter((v) => v.selected && !taken.has(fold(v.value)));
  if (unnamed.length === 1 && selectedLeft.length === 1) unnamed[0].name = selectedLeft[0].value;
  for (const p of pairs) if (!p.name) p.name = p.raw;
  return pairs;
}

function setSelected(facet, value, on) {
  const pairs = selectedPairs(facet).filter((p) => fold(p.name) !== fold(value) && fold(p.raw) !== fold(value));
  state.filters[facet] = pairs.map((p) => p.raw);
  if (on) state.filters[facet].push(value);
  state.page = 1;
  search({ push: true });
}

function searchParams() {
  const params = new URLSearchParams();
  if (state.q) params.set('q', state.q);
  filterParams(params);
  if (state.page > 1) params.set('page', String(state.page));
  return params;
}

// ---------------------------------------------------------------- URL state
function readUrl() {
  const params = new URLSearchParams(location.search);
  state.q = params.get('q') || '';
  state.page = Math.max(1, parseInt(params.get('page') || '1', 10) || 1);
  state.filters = {};
  state.yearFrom = state.yearTo = '';
  for (const [facet] of FACETS) {
    for (const v of params.getAll(facet)) {
      if (facet === 'year' && v.includes('..')) {
        [state.yearFrom, state.yearTo] = v.split('..');
      } else {
        (state.filters[facet] = state.filters[facet] || []).push(v);
      }
    }
  }
  expandSelectedRegions = true;
  $('q').value = state.q;
  $('year-from').value = state.yearFrom;
  $('year-to').value = state.yearTo;
}

function writeUrl(push) {
  const qs = searchParams().toString();
  const url = location.pathname + (qs ? '?' + qs : '') + location.hash;
  if (url === location.pathname + location.search + location.hash) { shownSearch = location.search; return; }
  if (push) history.pushState(null, '', url); else history.replaceState(null, '', url);
  shownSearch = location.search;
}

// ---------------------------------------------------------------- search
async function search({ push = false } = {}) {
  writeUrl(push);
  const seq = ++searchSeq;
  const params = searchParams();
  params.set('size', String(PAGE_SIZE));
  params.set('facets', 'funder,year,theme');  // regions come as a tree from /api/regions
  const regionParams = filterParams(new URLSearchParams());
  if (state.q) regionParams.set('q', state.q);
  $('status').textContent = 'Söker…';
  try {
    const [result, regions] = await Promise.all([
      api('api/search?' + params.toString()),
      api('api/regions?' + regionParams.toString()).catch(() => null),
    ]);
    if (seq !== searchSeq) return;
    lastResult = result;
    lastRegions = regions;
    renderResults(result);
    renderFacets(result.facets || {});
    renderChips();
    renderTimeline(result);
  } catch (err) {
    if (seq !== searchSeq) return;
    $('status').textContent = 'Sökningen misslyckades: ' + err.message;
    $('results').replaceChildren();
    $('pager').hidden = true;
    $('download').hidden = true;
  }
}

function renderResults(result) {
  const total = result.total;
  const shown = result.hits.length;
  const first = (state.page - 1) * PAGE_SIZE + 1;
  $('status').textContent = total === 0
    ? 'Inga projekt hittades.'
    : `${number(total)} projekt hittades` + (total > shown ? ` – visar ${first}–${first + shown - 1}` : '') + '.';

  const download = filterParams(new URLSearchParams());
  if (state.q) download.set('q', state.q);
  download.set('format', 'csv');
  $('download').href = 'api/search?' + download.toString();
  $('download').hidden = total === 0;
  $('download').setAttribute('aria-label', `Ladda ner alla ${number(total)} projekt som CSV`);

  $('spelling').hidden = !result.suggestion;
  if (result.suggestion) $('spelling-link').textContent = result.suggestion;

  const list = $('results');
  list.replaceChildren();
  list.start = first;
  for (const hit of result.hits) list.append(renderHit(hit));

  const pages = Math.ceil(total / PAGE_SIZE);
  $('pager').hidden = pages <= 1;
  $('prev').disabled = state.page <= 1;
  $('next').disabled = state.page >= pages || state.page * PAGE_SIZE >= 10000;
  $('page-info').textContent = `Sida ${state.page} av ${number(pages)}`;
}

function renderHit(hit) {
  const link = el('a', { href: '#projekt/' + encodeURIComponent(hit.id), class: 'result-title', text: hit.title || hit.id });
  const snippet = el('p', { class: 'snippet' });
  snippet.innerHTML = hit.snippet;  // escaped by the server; only <mark> is markup
  const meta = el('p', { class: 'meta' });
  const parts = [];
  if (hit.funders.length) parts.push(hit.funders.join(', '));
  if (hit.regions.length) parts.push(hit.regions.slice(0, 3).join(', '));
  if (hit.years.length) parts.push(hit.years.length > 1 ? `${hit.years[0]}–${hit.years[hit.years.length - 1]}` : String(hit.years[0]));
  if (hit.budget_sek !== null && hit.budget_sek !== undefined) parts.push(kronor(hit.budget_sek));
  meta.textContent = parts.join(' · ');
  return el('li', { class: 'hit' }, el('h2', {}, link), meta, snippet);
}

// ---------------------------------------------------------------- facets
function renderFacets(facets) {
  const box = $('facets');
  const focused = document.activeElement && document.activeElement.dataset ? document.activeElement.dataset.key : null;
  box.replaceChildren();
  for (const [facet, label] of FACETS) {
    if (facet === 'region') {
      const tree = regionTree(label);
      if (tree) box.append(tree);
      continue;
    }
    const values = facets[facet] || [];
    const selected = selectedPairs(facet);
    if (!values.length && !selected.length) continue;
    const set = el('fieldset', { class: 'facet', 'data-facet': facet }, el('legend', { text: label }));
    const seen = new Set();
    const ordered = facet === 'year' ? [...values].sort((a, b) => a.value.localeCompare(b.value)) : values;
    const limit = expandedFacets.has(facet) ? 50 : FACET_SHOWN;
    ordered.forEach((v, i) => {
      const checked = v.selected || selected.some((p) => fold(p.name) === fold(v.value));
      if (i >= limit && !checked) return;
      seen.add(fold(v.value));
      set.append(facetCheckbox(facet, v.value, v.count, checked));
    });
    for (const p of selected) if (!seen.has(fold(p.name))) set.append(facetCheckbox(facet, p.name, 0, true));
    if (ordered.length > FACET_SHOWN) {
      const more = el('button', { type: 'button', class: 'link more', 'aria-expanded': String(expandedFacets.has(facet)),
        text: expandedFacets.has(facet) ? 'Visa färre' : `Visa fler (${ordered.length - FACET_SHOWN})` });
      more.addEventListener('click', () => {
        if (expandedFacets.has(facet)) expandedFacets.delete(facet); else expandedFacets.add(facet);
        renderFacets(lastResult.facets || {});
        const again = $('facets').querySelector(`.facet[data-facet="${facet}"] .more`);
        if (again) again.focus();
      });
      set.append(more);
    }
    box.append(set);
  }
  if (focused) {
    const again = box.querySelector(`[data-key="${CSS.escape(focused)}"]`);
    if (again) again.focus();
  }
}

const CHILD_WORD = { 'riksområde': 'Län', 'län': 'Kommuner', 'land': 'Orter' };

/** The region facet as riksområde > län > kommun, each level opened by a button. */
function regionTree(label) {
  const roots = (lastRegions && lastRegions.regions) || [];
  const selected = selectedPairs('region');
  if (!roots.length && !selected.length) return null;
  if (expandSelectedRegions) {
    // Open the way down to each region selected in the address.
    const openTo = (nodes, path) => {
      for (const n of nodes) {
        if (n.selected || selected.some((p) => fold(p.name) === fold(n.value))) path.forEach((v) => expandedRegions.add(v));
        openTo(n.children || [], [...path, fold(n.value)]);
      }
    };
    openTo(roots, []);
    expandSelectedRegions = false;
  }
  const set = el('fieldset', { class: 'facet region-tree', 'data-facet': 'region' }, el('legend', { text: label }));
  const list = (nodes, depth) => {
    const ul = el('ul', { class: 'tree', 'data-depth': String(depth) });
    for (const n of nodes) {
      const key = fold(n.value);
      const checked = n.selected || selected.some((p) => fold(p.name) === key);
      const li = el('li', { class: 'tree-node', 'data-level': n.level || 'okänd' });
      const row = el('div', { class: 'tree-row' });
      const children = n.children || [];
      const box = facetCheckbox('region', n.value, n.count, checked);
      if (children.length) {
        const open = expandedRegions.has(key);
        const subId = 'sub-' + box.querySelector('input').id;
        const toggle = el('button', {
          type: 'button', class: 'tree-toggle', 'aria-expanded': String(open), 'aria-controls': subId,
          'aria-label': `${CHILD_WORD[n.level] || 'Delar'} i ${n.value}`, 'data-key': 'toggle:' + n.value,
          text: open ? '▾' : '▸',
        });
        const sub = list(children, depth + 1);
        sub.id = subId;
        sub.hidden = !open;
        toggle.addEventListener('click', () => {
          const nowOpen = toggle.getAttribute('aria-expanded') !== 'true';
          if (nowOpen) expandedRegions.add(key); else expandedRegions.delete(key);
          toggle.setAttribute('aria-expanded', String(nowOpen));
          toggle.textContent = nowOpen ? '▾' : '▸';
          sub.hidden = !nowOpen;
        });
        row.append(toggle, box);
        li.append(row, sub);
      } else {
        row.append(el('span', { class: 'tree-leaf', 'aria-hidden': 'true' }), box);
        li.append(row);
      }
      ul.append(li);
    }
    return ul;
  };
  set.append(list(roots, 0));
  // Selected values the tree does not know (no project has them) stay removable.
  const inTree = new Set();
  const walk = (nodes) => { for (const n of nodes) { inTree.add(fold(n.value)); walk(n.children || []); } };
  walk(roots);
  for (const p of selected) if (!inTree.has(fold(p.name))) set.append(facetCheckbox('region', p.name, 0, true));
  return set;
}

/** The selected filters as removable chips, with the names the server knows them by. */
function renderChips() {
  const box = $('chips');
  box.replaceChildren();
  const chips = [];
  for (const [facet, label] of FACETS) {
    for (const p of selectedPairs(facet)) {
      chips.push({ label, name: p.name, remove: () => setSelected(facet, p.name, false) });
    }
  }
  if (state.yearFrom || state.yearTo) {
    chips.push({ label: 'År', name: `${state.yearFrom || '…'}–${state.yearTo || '…'}`, remove: () => {
      state.yearFrom = state.yearTo = '';
      $('year-from').value = $('year-to').value = '';
      state.page = 1;
      search({ push: true });
    } });
  }
  chips.forEach((c, i) => {
    const button = el('button', { type: 'button', class: 'chip-remove', 'aria-label': `Ta bort filtret ${c.label}: ${c.name}`,
      'data-chip': String(i), text: '×' });
    button.addEventListener('click', () => {
      focusChipsAfterSearch = true;
      c.remove();
    });
    box.append(el('li', { class: 'chip' }, el('span', { class: 'chip-label', text: c.label + ': ' }),
      el('span', { class: 'chip-name', text: c.name }), button));
  });
  $('chips-box').hidden = chips.length === 0;
  if (focusChipsAfterSearch) {
    // The removed chip is gone: keep the keyboard near where it was.
    focusChipsAfterSearch = false;
    const next = box.querySelector('.chip-remove');
    if (next) next.focus(); else $('q').focus();
  }
}

function facetCheckbox(facet, value, count, checked) {
  const key = facet + ':' + value;
  const id = 'f-' + facet + '-' + Array.from(value).map((c) => c.codePointAt(0).toString(36)).join('');
  const input = el('input', { type: 'checkbox', id, 'data-key': key, 'data-value': value });
  input.checked = checked;
  input.addEventListener('change', () => setSelected(facet, value, input.checked));
  const label = el('label', { for: id },
    el('span', { class: 'facet-value', text: value }), ' ',
    el('span', { class: 'count', text: number(count), 'aria-label': `${number(count)} projekt` }));
  return el('div', { class: 'facet-option' }, input, label);
}

// ---------------------------------------------------------------- timeline
async function renderTimeline(result) {
  let bars = null;
  try {
    const params = filterParams(new URLSearchParams());
    params.set('by', 'year');
    if (state.q) params.set('q', state.q);
    const stats = await api('api/stats?' + params.toString());
    bars = stats.rows.map((r) => ({ year: String(r.keys[0]), count: r.count }));
  } catch (err) {
    // Without /api/stats the year facet of the search gives the same counts.
    bars = ((result.facets && result.facets.year) || []).map((v) => ({ year: v.value, count: v.count }));
  }
  bars = bars.filter((b) => /^\d{4}$/.test(b.year)).sort((a, b) => a.year.localeCompare(b.year));
  drawTimeline(bars);
}

function drawTimeline(bars) {
  const box = $('timeline-chart');
  box.replaceChildren();
  $('timeline').hidden = bars.length === 0;
  if (!bars.length) return;
  const NS = 'http://www.w3.org/2000/svg';
  const w = Math.max(300, bars.length * 40), h = 120, pad = 18;
  const max = Math.max(...bars.map((b) => b.count));
  const svg = document.createElementNS(NS, 'svg');
  svg.setAttribute('viewBox', `0 0 ${w} ${h + pad}`);
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-label', 'Projekt per år: ' + bars.map((b) => `${b.year}: ${b.count}`).join(', '));
  const step = w / bars.length;
  bars.forEach((b, i) => {
    const bh = max ? Math.max(2, (b.count / max) * (h - 16)) : 0;
    const rect = document.createElementNS(NS, 'rect');
    rect.setAttribute('x', String(i * step + step * 0.15));
    rect.setAttribute('y', String(h - bh));
    rect.setAttribute('width', String(step * 0.7));
    rect.setAttribute('height', String(bh));
    rect.setAttribute('class', 'bar');
    const title = document.createElementNS(NS, 'title');
    title.textContent = `${b.year}: ${b.count} projekt`;
    rect.append(title);
    const count = document.createElementNS(NS, 'text');
    count.setAttribute('x', String(i * step + step / 2));
    count.setAttribute('y', String(h - bh - 3));
    count.setAttribute('class', 'bar-count');
    count.textContent = String(b.count);
    const label = document.createElementNS(NS, 'text');
    label.setAttribute('x', String(i * step + step / 2));
    label.setAttribute('y', String(h + pad - 4));
    label.setAttribute('class', 'bar-label');
    label.textContent = b.year;
    svg.append(rect, count, label);
  });
  box.append(svg);
}

// ---------------------------------------------------------------- suggestions
let suggestTimer = null;
let suggestAbort = null;
let activeSuggestion = -1;

function closeSuggestions() {
  $('suggestions').hidden = true;
  $('suggestions').replaceChildren();
  $('q').setAttribute('aria-expanded', 'false');
  $('q').removeAttribute('aria-activedescendant');
  activeSuggestion = -1;
}

async function fetchSuggestions() {
  const typed = $('q').value;
  if (!typed.trim()) { closeSuggestions(); return; }
  if (suggestAbort) suggestAbort.abort();
  suggestAbort = new AbortController();
  try {
    const body = await api('api/suggest?' + new URLSearchParams({ q: typed, size: '8' }), { signal: suggestAbort.signal });
    if ($('q').value !== typed) return;
    const list = $('suggestions');
    list.replaceChildren();
    body.suggestions.forEach((s, i) => {
      const li = el('li', { role: 'option', id: 'sugg-' + i, class: 'suggestion ' + s.kind, 'aria-selected': 'false' },
        el('span', { text: s.text }));
      if (s.kind === 'title') li.append(el('span', { class: 'kind', text: ' projekt' }));
      li.addEventListener('mousedown', (e) => { e.preventDefault(); pickSuggestion(s); });
      li.dataset.text = s.text;
      if (s.id) li.dataset.id = s.id;
      list.append(li);
    });
    list.hidden = body.suggestions.length === 0;
    $('q').setAttribute('aria-expanded', String(!list.hidden));
    activeSuggestion = -1;
  } catch (err) {
    if (err.name !== 'AbortError') closeSuggestions();
  }
}

function pickSuggestion(s) {
  closeSuggestions();
  if (s.kind === 'title' && s.id) {
    location.hash = '#projekt/' + encodeURIComponent(s.id);
    return;
  }
  $('q').value = s.text;
  submitSearch();
}

function moveSuggestion(delta) {
  const items = [...$('suggestions').children];
  if (!items.length) return;
  activeSuggestion = (activeSuggestion + delta + items.length) % items.length;
  items.forEach((li, i) => li.setAttribute('aria-selected', String(i === activeSuggestion)));
  $('q').setAttribute('aria-activedescendant', items[activeSuggestion].id);
}

// ---------------------------------------------------------------- project view
let projectSeq = 0;

async function showProject(id) {
  const seq = ++projectSeq;
  $('search-view').hidden = true;
  $('project-view').hidden = false;
  $('project-title').textContent = 'Hämtar projektet…';
  $('project-facts').replaceChildren();
  $('project-text').replaceChildren();
  $('similar').replaceChildren();
  $('similar-status').textContent = '';
  try {
    const p = await api('api/projects/' + encodeURIComponent(id));
    if (seq !== projectSeq) return;
    $('project-title').textContent = p.title || p.id;
    const facts = [
      ['Finansiär', (p.funders || []).join(', ')],
      ['Region', (p.regions || []).join(', ')],
      ['År', (p.years || []).join(', ')],
      ['Tema', (p.themes || []).join(', ')],
      ['Budget', kronor(p.budget_sek)],
      ['Projektägare', p.owner],
      ['Kontakt', p.contact],
      ['Källa', p.source ? p.source.file.split('/').pop() : ''],
    ];
    for (const [k, v] of facts) if (v) $('project-facts').append(el('dt', { text: k }), el('dd', { text: v }));
    for (const para of String(p.display_text || p.text || '').split(/\n{2,}/)) {
      if (para.trim()) $('project-text').append(el('p', { text: para }));
    }
  } catch (err) {
    if (seq !== projectSeq) return;
    $('project-title').textContent = err.status === 404 ? 'Projektet finns inte.' : 'Kunde inte hämta projektet: ' + err.message;
  }
  $('project-title').focus();
  try {
    const similar = await api('api/projects/' + encodeURIComponent(id) + '/similar');
    if (seq !== projectSeq) return;
    const hits = similar.hits || [];
    $('similar-status').textContent = hits.length ? `${hits.length} liknande projekt.` : 'Inga liknande projekt hittades.';
    for (const hit of hits) $('similar').append(renderHit(hit));
  } catch (err) {
    if (seq !== projectSeq) return;
    $('similar-status').textContent = err.status === 501 ? 'Liknande projekt är inte tillgängligt.' : 'Kunde inte hämta liknande projekt.';
  }
}

function route() {
  const m = location.hash.match(/^#projekt\/(.+)$/);
  if (m) {
    showProject(decodeURIComponent(m[1]));
  } else {
    $('project-view').hidden = true;
    $('search-view').hidden = false;
  }
}

// ---------------------------------------------------------------- wiring
function submitSearch() {
  closeSuggestions();
  state.q = $('q').value.trim();
  state.page = 1;
  if (location.hash) history.replaceState(null, '', location.pathname + location.search);
  route();
  search({ push: true });
}

function init() {
  readUrl();
  $('search-form').addEventListener('submit', (e) => {
    e.preventDefault();
    const items = [...$('suggestions').children];
    if (activeSuggestion >= 0 && items[activeSuggestion]) {
      const li = items[activeSuggestion];
      pickSuggestion({ text: li.dataset.text, id: li.dataset.id, kind: li.dataset.id ? 'title' : 'word' });
      return;
    }
    submitSearch();
  });
  $('q').addEventListener('input', () => {
    clearTimeout(suggestTimer);
    suggestTimer = setTimeout(fetchSuggestions, 150);
  });
  $('q').addEventListener('keydown', (e) => {
    if (e.key === 'ArrowDown') { e.preventDefault(); moveSuggestion(1); }
    else if (e.key === 'ArrowUp') { e.preventDefault(); moveSuggestion(-1); }
    else if (e.key === 'Escape') closeSuggestions();
  });
  $('q').addEventListener('blur', () => setTimeout(closeSuggestions, 100));
  for (const id of ['year-from', 'year-to']) {
    $(id).addEventListener('change', () => {
      const from = $('year-from').value.trim(), to = $('year-to').value.trim();
      const ok = (v) => v === '' || /^\d{4}$/.test(v);
      if (!ok(from) || !ok(to)) { $('status').textContent = 'Ange år med fyra siffror, t.ex. 2018.'; return; }
      state.yearFrom = from; state.yearTo = to; state.page = 1;
      search({ push: true });
    });
  }
  $('clear-filters').addEventListener('click', () => {
    state.filters = {}; state.yearFrom = state.yearTo = ''; state.page = 1;
    $('year-from').value = $('year-to').value = '';
    search({ push: true });
  });
  $('prev').addEventListener('click', () => { state.page -= 1; search({ push: true }); $('results').focus(); });
  $('next').addEventListener('click', () => { state.page += 1; search({ push: true }); $('results').focus(); });
  $('spelling-link').addEventListener('click', (e) => {
    e.preventDefault();
    $('q').value = $('spelling-link').textContent;
    submitSearch();
  });
  $('back').addEventListener('click', () => {
    history.replaceState(null, '', location.pathname + location.search);
    route();
    $('q').focus();
  });
  window.addEventListener('hashchange', route);
  // Fragment links (#projekt/…) fire hashchange; back/forward over searches fire popstate.
  shownSearch = location.search;
  window.addEventListener('popstate', () => {
    if (location.search === shownSearch) return;
    shownSearch = location.search;
    readUrl();
    search();
  });
  route();
  search();
}

document.addEventListener('DOMContentLoaded', init);
