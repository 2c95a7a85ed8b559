// End-to-end tests of the <empreinte-calculator> widget in headless Chromium (Debian's
// /usr/bin/chromium driven by playwright-core; no browser is downloaded). The demo page is
// served with a strict Content-Security-Policy; every request is recorded, and any request
// to another origin is aborted and fails the test.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os, { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { chromium } from 'playwright-core';

import * as empreinte from '../node/index.mjs';
import { serve, CSP } from './server.mjs';

const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run',
  '--disable-dev-shm-usage', '--disable-quic',
];
const ARTIFACTS = fileURLToPath(new URL('../../../artifacts/wasm/', import.meta.url));
/** Every file the demo page may load, all from its own origin. */
const STATIC = new Set([
  '/www/', '/www/demo.css', '/widget/empreinte-calculator.js',
  '/pkg/widget/empreinte.js', '/pkg/widget/empreinte_inline.js',
]);
const golden = JSON.parse(readFileSync(new URL('../../../tests/golden/ga-calculator.json', import.meta.url), 'utf8'));
const goldenCase = (id) => golden.cases.find((c) => c.id === id);

let server;
let context;
let profile;
const foreign = [];

before(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  server = await serve();
  profile = mkdtempSync(join(tmpdir(), 'empreinte-chromium-'));
  // a fresh profile (--user-data-dir) for every run
  context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM, headless: true, args: ARGS, viewport: { width: 1280, height: 900 },
  });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(`${server.url}/`)) return route.continue();
    foreign.push(url);
    return route.abort();
  });
});

after(async () => {
  await context?.close();
  await server?.close();
  if (profile) rmSync(profile, { recursive: true, force: true });
});

/** A fresh page of the demo, with its requests, console errors and CSP violations recorded. */
async function open() {
  const page = await context.newPage();
  const requests = [];
  const errors = [];
  page.on('request', (r) => requests.push(r.url()));
  page.on('console', (m) => { if (m.type() === 'error' || /Content.Security.Policy/i.test(m.text())) errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(e.message));
  await page.addInitScript(() => {
    window.cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      window.cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`);
    });
  });
  const response = await page.goto(`${server.url}/www/`);
  await page.waitForFunction(() => document.querySelector('empreinte-calculator')?.result);
  return { page, requests, errors, response };
}

async function checkClean({ page, requests, errors }) {
  assert.deepEqual(errors, [], 'no console error, page error or CSP report');
  assert.deepEqual(await page.evaluate(() => window.cspViolations), [], 'no CSP violation');
  for (const url of requests) {
    assert.ok(url.startsWith(`${server.url}/`), `request to another origin: ${url}`);
    assert.ok(STATIC.has(new URL(url).pathname), `unexpected request: ${url}`);
  }
  assert.deepEqual(foreign, [], 'no request left the page');
}

const $ = (page, suffix) => page.locator(`empreinte-calculator [id$="${suffix}"]`).first();
const result = (page) => page.evaluate(() => document.querySelector('empreinte-calculator').result);

/** Waits until the widget's result has this CO2e (relative 1e-9). */
async function waitForCo2e(page, co2e) {
  await page.waitForFunction((g) => {
    const r = document.querySelector('empreinte-calculator').result;
    return r && Math.abs(r.co2e_g - g) <= 1e-9 * Math.abs(g);
  }, co2e);
}

function close(actual, expected, what) {
  assert.ok(Math.abs(actual - expected) <= 1e-9 * Math.max(Math.abs(expected), 1e-300), `${what}: ${actual} != ${expected}`);
}

/** Fills the form for a job of the golden file, as a user would (mouse and typing). */
async function fillForm(page, job) {
  await $(page, '-version').selectOption(job.data_version);
  await $(page, '-runtime').fill(String(job.runtime_h));
  const type = job.cpu && job.gpu ? 'both' : job.gpu ? 'gpu' : 'cpu';
  await $(page, `-ct-${type}`).check();
  for (const [part, count, countField] of [['cpu', 'cores', '-cores'], ['gpu', 'count', '-gpus']]) {
    const spec = job[part];
    if (!spec) continue;
    // type part of the name, then pick it from the listbox
    await $(page, `-${part}-model`).fill(spec.model.slice(0, 6));
    const option = page.locator(`empreinte-calculator [id$="-${part}-model-list"] [role=option]`)
      .filter({ hasText: spec.model }).first();
    await option.click();
    assert.equal(await $(page, `-${part}-model`).inputValue(), spec.model);
    await $(page, countField).fill(String(spec[count]));
    await $(page, `-${part}-usage`).fill(String(spec.usage ?? 1));
  }
  await $(page, '-memory').fill(String(job.memory_gb));
  await $(page, '-platform').selectOption(job.platform);
  if (job.provider) await $(page, '-provider').selectOption(job.provider);
  if (job.datacenter) await $(page, '-datacenter').selectOption(job.datacenter);
  if (job.location) {
    await $(page, '-location').fill(job.location);
    await $(page, '-location').press('Escape');
  }
  await $(page, '-pue').fill(job.pue == null ? '' : String(job.pue));
}

test('the demo page loads under the strict CSP, shows a result and requests nothing else', async () => {
  const opened = await open();
  const { page, response } = opened;
  assert.equal(response.headers()['content-security-policy'], CSP);
  const r = await result(page);
  assert.equal(r.location, 'FR');
  assert.equal(await $(page, '-co2e').textContent(), empreinte.formatCo2e(r.co2e_g, 'fr'));
  await checkClean(opened);
  await page.close();
});

test('first result within 100 ms of the load event (median of 7 loads)', async () => {
  const runs = [];
  for (let i = 0; i < 7; i += 1) {
    const { page } = await open();
    await page.waitForFunction(() => performance.getEntriesByName('empreinte-first-render').length > 0);
    runs.push(await page.evaluate(() => {
      const nav = performance.getEntriesByType('navigation')[0];
      const mark = (name) => performance.getEntriesByName(name)[0].startTime;
      return {
        // 0 when the result was shown before the load event
        first_after_load: Math.max(0, mark('empreinte-first-result') - nav.loadEventStart),
        complete_after_load: Math.max(0, mark('empreinte-first-render') - nav.loadEventStart),
        // from the start of the navigation
        load_event: nav.loadEventStart,
        first_from_navigation: mark('empreinte-first-result'),
      };
    }));
    await page.close();
  }
  const median = (key) => runs.map((r) => r[key]).sort((a, b) => a - b)[runs.length >> 1];
  const summary = {
    median_first_after_load_ms: median('first_after_load'),
    median_complete_after_load_ms: median('complete_after_load'),
    median_load_event_ms: median('load_event'),
    median_first_from_navigation_ms: median('first_from_navigation'),
    loadavg: os.loadavg(),
  };
  writeFileSync(join(ARTIFACTS, 'first-result.json'), JSON.stringify({ runs_ms: runs, ...summary }, null, 2));
  const f = (x) => x.toFixed(1);
  console.log(`# first result after the load event (ms): ${runs.map((r) => f(r.first_after_load)).join(', ')}; median ${f(summary.median_first_after_load_ms)}`);
  console.log(`# complete first render after load: median ${f(summary.median_complete_after_load_ms)} ms; from navigation start: load event ${f(summary.median_load_event_ms)} ms, first result ${f(summary.median_first_from_navigation_ms)} ms; load average ${os.loadavg()[0].toFixed(2)}`);
  assert.ok(summary.median_first_after_load_ms <= 100, `median ${summary.median_first_after_load_ms} ms`);
});

for (const id of ['both_with_usage_factors', 'cloud_gcp_server_with_pue', 'issue15_site_check_v2.2']) {
  test(`golden case ${id}: the form gives the golden figures`, async () => {
    const { job, expected } = goldenCase(id);
    const opened = await open();
    const { page } = opened;
    await fillForm(page, job);
    await waitForCo2e(page, expected.co2e_g);
    const r = await result(page);
    close(r.energy_kwh, expected.energy_kwh, 'energy_kwh');
    close(r.co2e_g, expected.co2e_g, 'co2e_g');
    close(r.power_w, expected.power_w, 'power_w');
    for (const k of ['cpu', 'gpu', 'memory']) close(r.co2e_breakdown_g[k], expected.co2e_breakdown_g[k], `co2e ${k}`);
    // the page shows the same figures, formatted by the core
    assert.equal(await $(page, '-co2e').textContent(), empreinte.formatCo2e(expected.co2e_g, 'fr'));
    assert.equal(await $(page, '-energy').textContent(), empreinte.formatEnergy(expected.energy_kwh, 'fr'));
    assert.equal(await $(page, '-citation').textContent(), r.citation.fr);
    // the job the form gives is the golden job
    const formJob = await page.evaluate(() => document.querySelector('empreinte-calculator').job);
    close(empreinte.estimate(formJob).co2e_g, expected.co2e_g, 'co2e of the exported job');
    await checkClean(opened);
    await page.close();
  });
}

test('switching language: English, then French typography again', async () => {
  const opened = await open();
  const { page } = opened;
  const button = page.locator('empreinte-calculator button[lang]').first();
  await button.click();
  assert.equal(await page.evaluate(() => document.querySelector('empreinte-calculator').getAttribute('lang')), 'en');
  const r = await result(page);
  assert.equal(await $(page, '-results').textContent(), 'Results');
  assert.equal(await $(page, '-co2e').textContent(), empreinte.formatCo2e(r.co2e_g, 'en'));
  assert.equal(await $(page, '-citation').textContent(), r.citation.en);
  assert.equal(await button.textContent(), 'Français');
  await button.click();
  assert.equal(await $(page, '-results').textContent(), 'Résultats');
  assert.match(await $(page, '-co2e').textContent(), /^\d+,\d+\u00A0gCO₂e$/);
  // large figures: thousands grouped with a narrow no-break space in French
  await $(page, '-runtime').fill('100000');
  await page.waitForFunction(() => document.querySelector('empreinte-calculator').result.runtime_h === 100000);
  const car = await page.locator('empreinte-calculator li', { hasText: 'km en voiture' }).textContent();
  assert.match(car, /^\d{1,3}(\u202F\d{3})+(,\d+)?\u00A0km en voiture$/);
  // the `lang` attribute switches too
  await page.evaluate(() => document.querySelector('empreinte-calculator').setAttribute('lang', 'en'));
  assert.match(await page.locator('empreinte-calculator li', { hasText: 'km by car' }).textContent(), /^\d{1,3}(,\d{3})+/);
  await checkClean(opened);
  await page.close();
});

/** Presses Tab until the focused element inside the widget has an id ending with `suffix`. */
async function tabTo(page, suffix, key = 'Tab') {
  for (let i = 0; i < 60; i += 1) {
    await page.keyboard.press(key);
    const id = await page.evaluate(() => document.querySelector('empreinte-calculator').shadowRoot.activeElement?.id || '');
    if (id.endsWith(suffix)) return;
  }
  assert.fail(`focus never reached ${suffix}`);
}

/** Presses Tab until the focused element inside the widget has this text. */
async function tabToText(page, text) {
  for (let i = 0; i < 80; i += 1) {
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => document.querySelector('empreinte-calculator').shadowRoot.activeElement?.textContent);
    if (focused === text) return;
  }
  assert.fail(`focus never reached "${text}"`);
}

test('keyboard only: a golden case typed, picked from the listboxes, copied, in English', async () => {
  const { job, expected } = goldenCase('published_report_text_v2.2');
  const opened = await open();
  const { page } = opened;
  await tabTo(page, '-runtime');
  // focus is visible
  const outline = await page.evaluate(() => {
    const el = document.querySelector('empreinte-calculator').shadowRoot.activeElement;
    const cs = getComputedStyle(el);
    return { style: cs.outlineStyle, width: parseFloat(cs.outlineWidth) };
  });
  assert.notEqual(outline.style, 'none');
  assert.ok(outline.width >= 2, `outline ${outline.width}px`);
  await page.keyboard.press('Control+A');
  await page.keyboard.type(String(job.runtime_h));
  await tabTo(page, '-cpu-model');
  await page.keyboard.press('Control+A');
  await page.keyboard.type('e7-8880');
  const combobox = $(page, '-cpu-model');
  assert.equal(await combobox.getAttribute('aria-expanded'), 'true');
  await page.keyboard.press('ArrowDown');
  const active = await combobox.getAttribute('aria-activedescendant');
  assert.ok(active, 'an option is active');
  await page.keyboard.press('Enter');
  assert.equal(await combobox.inputValue(), job.cpu.model);
  assert.equal(await combobox.getAttribute('aria-expanded'), 'false');
  await tabTo(page, '-cores');
  await page.keyboard.press('Control+A');
  await page.keyboard.type(String(job.cpu.cores));
  await tabTo(page, '-location');
  await page.keyboard.press('Control+A');
  await page.keyboard.type('austria');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  assert.equal(await $(page, '-location').inputValue(), job.location);
  await tabTo(page, '-version');
  await page.keyboard.press('ArrowDown'); // v3.0 → v2.2
  assert.equal(await $(page, '-version').inputValue(), job.data_version);
  await waitForCo2e(page, expected.co2e_g);
  assert.equal(await $(page, '-co2e').textContent(), empreinte.formatCo2e(expected.co2e_g, 'fr'));
  // the language button, by keyboard
  await tabToText(page, 'English');
  await page.keyboard.press('Enter');
  assert.equal(await $(page, '-results').textContent(), 'Results');
  // copy the citation, by keyboard
  await tabToText(page, 'Copy the paragraph');
  await page.keyboard.press('Enter');
  await page.locator('empreinte-calculator [role=status]', { hasText: 'Paragraph copied.' }).waitFor();
  const r = await result(page);
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), r.citation.en);
  close(r.co2e_g, expected.co2e_g, 'co2e_g');
  await checkClean(opened);
  await page.close();
});

test('the model picker lists the empreinte-hw models too', async () => {
  const opened = await open();
  const { page } = opened;
  const hw = empreinte.hardwareTable();
  const model = hw.cpus.find((c) => !empreinte.cpus('v3.0').some((g) => g.name === c.name)).name;
  await $(page, '-cpu-model').fill(model);
  const option = page.locator('empreinte-calculator [id$="-cpu-model-list"] [role=option]').filter({ hasText: hw.version }).first();
  assert.match(await option.textContent(), new RegExp(`^${model}`));
  await option.click();
  await page.waitForFunction((m) => document.querySelector('empreinte-calculator').result?.cpu?.model === m, model);
  await checkClean(opened);
  await page.close();
});

test('errors name the field, with suggestions as buttons', async () => {
  const opened = await open();
  const { page } = opened;
  await $(page, '-cpu-model').fill('Xeon E5-2638 v4');
  await $(page, '-cpu-model').press('Escape');
  assert.equal(await $(page, '-cpu-model').getAttribute('aria-invalid'), 'true');
  const suggestion = page.locator('empreinte-calculator .suggestions button', { hasText: 'Xeon E5-2683 v4' });
  await suggestion.click();
  assert.equal(await $(page, '-cpu-model').inputValue(), 'Xeon E5-2683 v4');
  assert.equal(await $(page, '-cpu-model').getAttribute('aria-invalid'), null);
  await $(page, '-cores').fill('0');
  assert.match(await $(page, '-cores-error').textContent(), /au moins 1/);
  await checkClean(opened);
  await page.close();
});

test('export and import of the inputs, download of the result: blobs, no network', async () => {
  const opened = await open();
  const { page } = opened;
  const before = opened.requests.length;
  await $(page, '-runtime').fill('3h30m');
  const [exported] = await Promise.all([
    page.waitForEvent('download'),
    page.locator('empreinte-calculator button', { hasText: 'Exporter les paramètres' }).click(),
  ]);
  assert.match(exported.url(), /^blob:/);
  const jobText = readFileSync(await exported.path(), 'utf8');
  const job = JSON.parse(jobText);
  assert.equal(job.runtime_h, 3.5);
  const [downloaded] = await Promise.all([
    page.waitForEvent('download'),
    page.locator('empreinte-calculator button', { hasText: 'Télécharger le résultat' }).click(),
  ]);
  assert.match(downloaded.url(), /^blob:/);
  const saved = JSON.parse(readFileSync(await downloaded.path(), 'utf8'));
  assert.deepEqual(saved, await result(page));
  // import: another job from a file
  const other = { ...job, runtime_h: 7, location: 'SE' };
  await page.locator('empreinte-calculator input[type=file]').setInputFiles({
    name: 'job.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(other)),
  });
  await page.waitForFunction(() => document.querySelector('empreinte-calculator').result.location === 'SE');
  const r = await result(page);
  close(r.co2e_g, empreinte.estimate(other).co2e_g, 'imported job');
  assert.equal(opened.requests.length, before, 'no request after load');
  await checkClean(opened);
  await page.close();
});

test('where a synchronous compilation is refused, the module compiles asynchronously', async () => {
  const page = await context.newPage();
  await page.addInitScript(() => {
    // as browsers that cap synchronous compilation on the main thread
    WebAssembly.Module = function Module() { throw new RangeError('synchronous compilation refused'); };
  });
  await page.goto(`${server.url}/www/`);
  await page.waitForFunction(() => document.querySelector('empreinte-calculator')?.result);
  const r = await result(page);
  assert.equal(await $(page, '-co2e').textContent(), empreinte.formatCo2e(r.co2e_g, 'fr'));
  await page.close();
});

test('the result event carries the result object', async () => {
  const { page } = await open();
  const detail = await page.evaluate(() => new Promise((resolve) => {
    const el = document.querySelector('empreinte-calculator');
    el.addEventListener('result', (e) => resolve(e.detail), { once: true });
    el.setAttribute('location', 'SE');
  }));
  assert.equal(detail.location, 'SE');
  assert.deepEqual(detail, await result(page));
  await page.close();
});

test('a carbon-intensity source picked among those of the place, with its licence', async () => {
  const { page, requests, errors } = await open();
  const before = await result(page);
  assert.equal(before.location, 'FR');
  assert.equal(before.ci.source.id, 'ga');
  // the picker lists what the core has for France, Green Algorithms first
  const expected = empreinte.ciValues('FR', 'v3.0');
  const picker = $(page, '-ci-source');
  await page.waitForFunction((n) => document.querySelector('empreinte-calculator').shadowRoot
    .querySelector('[id$="-ci-source"]').options.length === n, expected.length);
  const values = await picker.evaluate((el) => [...el.options].map((o) => o.value));
  assert.deepEqual(values, expected.map((v) => v.source.id));
  assert.ok(values.includes('fr-rte-2024') && values.includes('electricity-maps-2024'), values.join());
  // Electricity Maps 2024: the estimate under that source, its ODbL licence and attribution
  const em = expected.find((v) => v.source.id === 'electricity-maps-2024');
  await picker.selectOption('electricity-maps-2024');
  await page.waitForFunction(() => document.querySelector('empreinte-calculator').result?.ci.source.id === 'electricity-maps-2024');
  const r = await result(page);
  close(r.ci_g_per_kwh, em.ci_g_per_kwh, 'ci');
  close(r.co2e_g, r.energy_kwh * em.ci_g_per_kwh, 'co2e');
  const data = await page.locator('empreinte-calculator dd', { hasText: 'Green Algorithms v3.0' }).textContent();
  assert.ok(data.includes(em.source.licence) && data.includes(em.source.attribution), data);
  // exported inputs carry the choice; the default source is not written
  const job = await page.evaluate(() => document.querySelector('empreinte-calculator').job);
  assert.equal(job.ci_source, 'electricity-maps-2024');
  await picker.selectOption('ga');
  await page.waitForFunction(() => document.querySelector('empreinte-calculator').result?.ci.source.id === 'ga');
  close((await result(page)).co2e_g, before.co2e_g, 'back to the default');
  assert.equal((await page.evaluate(() => document.querySelector('empreinte-calculator').job)).ci_source, undefined);
  await checkClean({ page, requests, errors });
  await page.close();
});

test('screenshot of the widget (artifacts/wasm/)', async () => {
  const { page } = await open();
  await $(page, '-ct-both').check();
  await page.locator('empreinte-calculator').screenshot({ path: join(ARTIFACTS, 'empreinte-calculator-fr.png') });
  await page.locator('empreinte-calculator button[lang]').first().click();
  await page.locator('empreinte-calculator').screenshot({ path: join(ARTIFACTS, 'empreinte-calculator-en.png') });
  await page.close();
});
