// End-to-end test of the search page: a real fynd-serve over a fresh index of data/sample
// (+ ../shared/corpus with FYND_BROWSER_CORPUS=1), driven in Debian's Chromium through
// playwright-core. Screenshots go to tests/browser/artifacts/.
// Exit codes: 0 passed, 1 failed, 77 skipped (no Chromium).
'use strict';

const { spawn, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const SKIP = 77;
const CHROMIUM = process.env.FYND_CHROMIUM || '/usr/bin/chromium';
const sourceDir = process.env.FYND_SOURCE_DIR || path.resolve(__dirname, '..', '..');
const serveBin = process.env.FYND_SERVE;
const indexBin = process.env.FYND_INDEX;
const artifacts = path.join(__dirname, 'artifacts');

function log(...args) { console.log('[browser]', ...args); }

function fail(message) {
  const err = new Error(message);
  err.isAssertion = true;
  throw err;
}

function check(condition, message) { if (!condition) fail(message); }

/** Starts fynd-serve on a free port; resolves with {proc, base} once it listens. */
function startServer(db) {
  return new Promise((resolve, reject) => {
    const proc = spawn(serveBin, ['--db', db, '--port', '0', '--quiet', '--slow-ms', '-1'],
      { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    const timer = setTimeout(() => reject(new Error('fynd-serve did not start:\n' + stderr)), 30000);
    proc.stderr.on('data', (chunk) => {
      stderr += chunk;
      const m = stderr.match(/listening on (http:\/\/[\d.]+:\d+\/)/);
      if (m) { clearTimeout(timer); resolve({ proc, base: m[1] }); }
    });
    proc.on('exit', (code) => { clearTimeout(timer); reject(new Error(`fynd-serve exited (${code}):\n${stderr}`)); });
  });
}

function stopServer(proc) {
  return new Promise((resolve) => {
    if (proc.exitCode !== null) { resolve(proc.exitCode); return; }
    proc.removeAllListeners('exit');
    const timer = setTimeout(() => proc.kill('SIGKILL'), 10000);
    proc.on('exit', (code, signal) => { clearTimeout(timer); resolve(code === null ? signal : code); });
    proc.kill('SIGTERM');
  });
}

const countOf = (text) => parseInt(String(text).replace(/\D/g, ''), 10);

/** RFC 4180 records of a CSV text (quoted fields may hold , " and line breaks). */
function parseCsv(text) {
  const records = [];
  let record = [], field = '', quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i++; }
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { record.push(field); field = ''; }
    else if (c === '\r' && text[i + 1] === '\n') { record.push(field); records.push(record); record = []; field = ''; i++; }
    else field += c;
  }
  check(!quoted && field === '' && record.length === 0, 'the CSV ends with a complete record');
  return records;
}

const statusSettled = () => /projekt hittades|Inga projekt/.test(document.getElementById('status').textContent);

async function run(page, base) {
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));

  // 1. The page loads and shows everything (empty query browses).
  await page.goto(base);
  await page.waitForFunction(() => /projekt hittades/.test(document.getElementById('status').textContent));
  const allStatus = await page.textContent('#status');
  log('start:', allStatus);
  check(await page.getAttribute('html', 'lang') === 'sv', 'page language is Swedish');
  check(await page.locator('label[for="q"]').count() === 1, 'the search box has a label');

  // 2. Typing shows suggestions (debounced), navigable with the arrow keys.
  await page.locator('#q').pressSequentially('ungd', { delay: 60 });
  await page.waitForSelector('#suggestions li', { state: 'visible', timeout: 10000 });
  const suggestions = await page.locator('#suggestions li').allTextContents();
  log('suggestions for "ungd":', suggestions.join(' | '));
  check(suggestions.length > 0, 'suggestions appear while typing');
  check(suggestions.some((s) => s.toLowerCase().includes('ungd')), 'a suggestion completes "ungd"');
  await page.keyboard.press('ArrowDown');
  check(await page.getAttribute('#q', 'aria-activedescendant') === 'sugg-0', 'ArrowDown selects the first suggestion');
  await page.keyboard.press('Escape');

  // 3. Enter searches; results show highlighted snippets and a live result count.
  await page.fill('#q', 'arbete');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => {
    const s = document.getElementById('status').textContent;
    return /projekt hittades|Inga projekt/.test(s) && new URLSearchParams(location.search).get('q') === 'arbete';
  });
  await page.waitForSelector('#results li');
  const status = await page.textContent('#status');
  const total = countOf(status.split('projekt')[0]);
  log('search "arbete":', status);
  check(total > 0, 'the query finds projects');
  check(await page.locator('#results mark').count() > 0, 'snippets highlight the matched words');
  check(await page.getAttribute('#status', 'aria-live') === 'polite', 'the result count is announced');
  await page.screenshot({ path: path.join(artifacts, 'search.png'), fullPage: true });

  // 4. Ticking a facet value narrows the hits to its count and updates the counts.
  const option = page.locator('.facet[data-facet="funder"] .facet-option')
    .filter({ has: page.locator('input:not(:checked)') });
  check(await option.count() > 0, 'facets with values are shown');
  let picked = null;
  for (let i = 0; i < await option.count(); i++) {
    const n = countOf(await option.nth(i).locator('.count').textContent());
    if (n > 0 && n < total) { picked = option.nth(i); break; }
  }
  if (!picked) picked = option.first();
  const value = await picked.locator('.facet-value').textContent();
  const expected = countOf(await picked.locator('.count').textContent());
  const firstBefore = await page.locator('#results li').allTextContents();
  log(`ticking facet "${value}" (${expected})`);
  // The facet list is re-rendered after the click: address the box by its stable id.
  const boxId = await picked.locator('input').getAttribute('id');
  await page.locator('#' + boxId).check();
  await page.waitForFunction((prev) => document.getElementById('status').textContent !== prev, status);
  await page.waitForFunction(() => /projekt hittades|Inga projekt/.test(document.getElementById('status').textContent));
  const narrowed = countOf((await page.textContent('#status')).split('projekt')[0]);
  log('after facet:', await page.textContent('#status'), decodeURIComponent(page.url()));
  check(narrowed === expected, `the hit count (${narrowed}) equals the facet's count (${expected})`);
  const checked = page.locator('.facet-option input:checked');
  check(await checked.count() === 1, 'the ticked value stays ticked');
  const firstAfter = await page.locator('#results li').allTextContents();
  check(expected === total || JSON.stringify(firstAfter) !== JSON.stringify(firstBefore), 'the hits change');
  check(new URL(page.url()).searchParams.getAll('funder').length === 1, 'the selection is in the address');

  // 4b. The selection is a chip with its name; removing it (keyboard) widens the hits again.
  const chip = page.locator('#chips .chip');
  check(await chip.count() === 1, 'one chip for one selected value');
  check((await chip.locator('.chip-name').textContent()) === value, `the chip names the value "${value}"`);
  const beforeRemoval = await page.textContent('#status');
  await chip.locator('.chip-remove').focus();
  await page.keyboard.press('Enter');
  await page.waitForFunction((prev) => document.getElementById('status').textContent !== prev, beforeRemoval);
  await page.waitForFunction(statusSettled);
  check(countOf((await page.textContent('#status')).split('projekt')[0]) === total, 'removing the chip restores the hits');
  check(await page.locator('#chips .chip').count() === 0, 'the chip is gone');
  check(await page.locator('.facet-option input:checked').count() === 0, 'the value is unticked');
  check(await page.locator('#chips-box').isHidden(), 'no chip box without a selection');

  // 5. The timeline chart shows bars per year.
  const bars = await page.locator('#timeline svg rect.bar').count();
  log('timeline bars:', bars);

  // 5b. The region tree: riksområde > län > kommun, each level opened by a button.
  await page.goto(base);
  await page.waitForFunction(statusSettled);
  const everything = countOf((await page.textContent('#status')).split('projekt')[0]);
  const tree = page.locator('.facet[data-facet="region"]');
  check(await tree.locator('ul[data-depth="0"] > li[data-level="län"], ul[data-depth="0"] > li[data-level="kommun"]').count() === 0,
    'no län or kommun at the top of the tree');
  const rikNode = tree.locator('ul[data-depth="0"] > li[data-level="riksområde"]').first();
  const rikToggle = rikNode.locator(':scope > .tree-row > .tree-toggle');
  check(await rikToggle.count() === 1, 'a riksområde can be opened');
  const rikName = await rikNode.locator(':scope > .tree-row .facet-value').textContent();
  const rikCount = countOf(await rikNode.locator(':scope > .tree-row .count').textContent());
  check(await rikToggle.getAttribute('aria-expanded') === 'false', 'the tree starts closed');
  const lanList = page.locator('#' + await rikToggle.getAttribute('aria-controls'));
  check(await lanList.isHidden(), 'a closed riksområde hides its län');
  await rikToggle.focus();
  await page.keyboard.press('Enter');  // keyboard-usable
  check(await rikToggle.getAttribute('aria-expanded') === 'true', 'Enter opens the riksområde');
  check(await lanList.isVisible(), 'its län are shown');
  const lanNode = lanList.locator(':scope > li[data-level="län"]').first();
  const lanToggle = lanNode.locator(':scope > .tree-row > .tree-toggle');
  check(await lanToggle.count() === 1, 'a län can be opened');
  const lanName = await lanNode.locator(':scope > .tree-row .facet-value').textContent();
  const lanCount = countOf(await lanNode.locator(':scope > .tree-row .count').textContent());
  await lanToggle.click();
  const kommunList = page.locator('#' + await lanToggle.getAttribute('aria-controls'));
  check(await kommunList.isVisible(), 'the län shows its kommuner');
  const kommun = kommunList.locator(':scope > li[data-level="kommun"]').first();
  const kommunName = await kommun.locator('.facet-value').textContent();
  const kommunCount = countOf(await kommun.locator('.count').textContent());
  log(`region tree: ${rikName} (${rikCount}) > ${lanName} (${lanCount}) > ${kommunName} (${kommunCount})`);
  check(rikCount >= lanCount && lanCount >= kommunCount && kommunCount > 0, 'counts shrink down the tree');
  const kommunBox = '#' + await kommun.locator('input').getAttribute('id');
  await page.locator(kommunBox).focus();
  const beforeKommun = await page.textContent('#status');  // read before the key: the search may be quicker
  await page.keyboard.press('Space');
  await page.waitForFunction((prev) => document.getElementById('status').textContent !== prev, beforeKommun);
  await page.waitForFunction(statusSettled);
  const inKommun = countOf((await page.textContent('#status')).split('projekt')[0]);
  check(inKommun === kommunCount, `the hit count (${inKommun}) equals the kommun's count (${kommunCount})`);
  check(new URL(page.url()).searchParams.getAll('region').join() === kommunName, 'the kommun is in the address');
  check(await page.locator(kommunBox).isChecked() && await page.locator(kommunBox).isVisible(),
    'the kommun stays ticked and in view');
  check(await page.locator('#chips .chip-name').allTextContents().then((t) => t.join()) === kommunName,
    'a chip names the kommun');
  await page.screenshot({ path: path.join(artifacts, 'region-tree.png'), fullPage: true });

  // 5c. "Ladda ner (CSV)" downloads every hit of the search and filters.
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#download')]);
  const csvPath = path.join(os.tmpdir(), `fynd-download-${process.pid}.csv`);
  await download.saveAs(csvPath);
  const csv = fs.readFileSync(csvPath, 'utf8');
  fs.rmSync(csvPath, { force: true });
  check(csv.charCodeAt(0) === 0xfeff, 'the CSV starts with a byte order mark');
  const records = parseCsv(csv.slice(1));
  log(`download ${download.suggestedFilename()}: ${records.length - 1} rows, header ${records[0].join(',')}`);
  check(records[0].join(',') === 'rank,id,title,funders,regions,years,start,end,themes,budget_sek,owner,source,url',
    'the CSV header names the columns');
  check(records.length - 1 === inKommun, `the CSV has one row per hit (${records.length - 1} of ${inKommun})`);
  const regionsCol = records[0].indexOf('regions');
  check(records.slice(1).every((r) => r[regionsCol].split('; ').includes(kommunName)), 'every row is in the kommun');
  check(download.suggestedFilename().endsWith('.csv'), 'the download is a .csv file');

  // 5d. Removing the kommun's chip brings every project back and unticks it.
  await page.locator('#chips .chip-remove').click();
  await page.waitForFunction((n) => document.getElementById('status').textContent.includes(n),
    everything.toLocaleString('sv-SE'));
  await page.waitForFunction(statusSettled);
  check(countOf((await page.textContent('#status')).split('projekt')[0]) === everything, 'all projects again');
  check(!(await page.locator(kommunBox).isChecked()), 'the kommun is unticked');
  check(await page.locator('#chips .chip').count() === 0, 'no chips left');

  // 6. Opening a project shows it and its similar projects.
  const firstLink = page.locator('#results a.result-title').first();
  const title = (await firstLink.textContent()).trim();
  await firstLink.click();
  await page.waitForSelector('#project-view:not([hidden])');
  await page.waitForFunction((t) => document.getElementById('project-title').textContent.trim() === t, title);
  await page.waitForFunction(() => document.getElementById('similar-status').textContent.length > 0);
  const similar = await page.locator('#similar li').count();
  log(`project "${title}": ${similar} similar`, await page.textContent('#similar-status'));
  check(await page.locator('#project-facts dt').count() > 0, 'the project view lists facts');
  check(similar > 0, 'similar projects are listed');
  await page.screenshot({ path: path.join(artifacts, 'project.png'), fullPage: true });

  // 7. Back to the results; a narrow screen stacks the filters above the results.
  await page.click('#back');
  await page.waitForSelector('#search-view:not([hidden])');
  await page.setViewportSize({ width: 380, height: 800 });
  const filtersBox = await page.locator('#filters').boundingBox();
  const resultsBox = await page.locator('#main').boundingBox();
  check(filtersBox.y + filtersBox.height <= resultsBox.y + 1, 'on a narrow screen the filters come above the results');
  check(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1), 'no horizontal scrolling on a narrow screen');
  await page.screenshot({ path: path.join(artifacts, 'narrow.png'), fullPage: true });

  check(errors.length === 0, 'no script errors: ' + errors.join('; '));
}

async function main() {
  if (!fs.existsSync(CHROMIUM)) {
    console.log(`SKIP: no Chromium at ${CHROMIUM} (install it with scripts/setup.sh --browser)`);
    return SKIP;
  }
  check(serveBin && indexBin, 'FYND_SERVE and FYND_INDEX must name the fynd-serve and fynd-index binaries');
  fs.mkdirSync(artifacts, { recursive: true });
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'fynd-browser-'));
  const db = path.join(tmp, 'db');
  const inputs = [path.join(sourceDir, 'data', 'sample')];
  // The ERDF corpus makes a richer page but takes minutes to index in a sanitizer build.
  const corpus = path.join(sourceDir, '..', 'shared', 'corpus');
  if (process.env.FYND_BROWSER_CORPUS === '1') {
    if (fs.existsSync(corpus)) inputs.push(corpus);
    else log('../shared/corpus is absent: indexing data/sample only');
  }
  const indexed = spawnSync(indexBin, ['--db', db, '--quiet', ...inputs], { encoding: 'utf8' });
  check(indexed.status === 0, `fynd-index failed (${indexed.status}):\n${indexed.stderr}`);

  const { chromium } = require('playwright-core');
  const { proc, base } = await startServer(db);
  log('fynd-serve at', base);
  let context = null;
  try {
    context = await chromium.launchPersistentContext(path.join(tmp, 'profile'), {
      executablePath: CHROMIUM,
      headless: true,
      viewport: { width: 1280, height: 900 },
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
        '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    const page = context.pages()[0] || await context.newPage();
    page.setDefaultTimeout(15000);
    await run(page, base);
  } finally {
    if (context) await context.close();
    const exit = await stopServer(proc);
    fs.rmSync(tmp, { recursive: true, force: true });
    check(exit === 0, `fynd-serve did not exit cleanly on SIGTERM (${exit})`);
  }
  log('PASS');
  return 0;
}

main().then((code) => process.exit(code), (err) => {
  console.error('[browser] FAIL:', err.isAssertion ? err.message : err.stack || err);
  process.exit(1);
});
