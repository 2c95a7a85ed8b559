// The shared golden vectors (tests/golden/ga-calculator.json) through the wasm API under
// Node, plus the error mapping, the listings and searches, and the formatting.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

import * as empreinte from '../node/index.mjs';

const golden = JSON.parse(
  readFileSync(new URL('../../../tests/golden/ga-calculator.json', import.meta.url), 'utf8'),
);

/** Relative 1e-9, as every surface checks the golden vectors. */
function close(actual, expected, path) {
  if (typeof expected === 'number') {
    assert.equal(typeof actual, 'number', `${path}: not a number`);
    const tol = 1e-9 * Math.max(Math.abs(expected), 1e-300);
    assert.ok(Math.abs(actual - expected) <= tol || actual === expected, `${path}: ${actual} != ${expected}`);
  } else if (expected && typeof expected === 'object') {
    for (const [k, v] of Object.entries(expected)) close(actual?.[k], v, `${path}.${k}`);
  } else {
    assert.equal(actual, expected, path);
  }
}

test('golden vectors: every case of ga-calculator.json to 1e-9', () => {
  assert.ok(golden.cases.length > 0);
  for (const c of golden.cases) {
    const r = empreinte.estimate(c.job);
    const expected = { ...c.expected };
    // the result JSON gives the PUE as {value, source, reference}
    if (typeof expected.pue === 'number') {
      close(r.pue.value, expected.pue, `${c.id}.pue`);
      delete expected.pue;
    }
    close(r, expected, c.id);
    // the same through the JSON text
    close(empreinte.estimate(JSON.stringify(c.job)).co2e_g, r.co2e_g, `${c.id} (text)`);
  }
});

test('the result is a plain object with the core JSON field names', () => {
  const r = empreinte.estimate({
    runtime_h: 12, cpu: { model: 'Xeon E5-2683 v4', cores: 12 }, memory_gb: 64, location: 'FR',
  });
  assert.equal(Object.getPrototypeOf(r), Object.prototype);
  assert.equal(r.data_version, 'v3.0');
  assert.ok(Math.abs(r.energy_kwh - 2.1310848) < 1e-9);
  assert.ok(Math.abs(r.co2e_g - 109.282028544) < 1e-6);
  assert.equal(r.pue.source, 'platform_default');
  assert.equal(r.ci.location_name, 'France');
  assert.match(r.citation.fr, /109,28\u00A0gCO₂e/);
  assert.match(r.citation.en, /^This computation ran for 12h/);
  assert.ok(r.defaults.includes('pue'));
});

test('errors are Error objects with a stable code, the field and suggestions', () => {
  const cases = [
    [{ runtime_h: 1, cpu: { model: 'Xeon E5-2638 v4', cores: 12 }, memory_gb: 1, location: 'FR' }, 'unknown_cpu', 'cpu.model'],
    [{ runtime_h: 1, cpu: { model: 'Any', cores: 0 }, memory_gb: 1, location: 'FR' }, 'zero_count', 'cpu.cores'],
    [{ runtime_h: 1, cpu: { model: 'Any', cores: 'four' }, memory_gb: 1, location: 'FR' }, 'invalid_document', 'cpu.cores'],
    [{ runtime_h: 1, cpu: { model: 'Any', cores: 1, usage: 2 }, memory_gb: 1, location: 'FR' }, 'usage_out_of_range', 'cpu.usage'],
    [{ runtime_h: 1, cpu: { model: 'Any', cores: 1 }, memory_gb: 1, location: 'Frnace' }, 'unknown_location', 'location'],
    [{ runtime_h: 1, cpu: { model: 'Any', cores: 1 }, memory_gb: 1, location: 'FR', colour: 'red' }, 'invalid_document', '.'],
    [{ runtime_h: 1, memory_gb: 1, location: 'FR' }, 'no_processor', 'cpu'],
    [{ runtime_h: 1, cpu: { model: 'Any', cores: 1 }, memory_gb: 1, location: 'FR', data_version: 'v9' }, 'unknown_data_version', 'data_version'],
    [42, 'invalid_document', '.'],
    [undefined, 'invalid_document', '.'],
  ];
  for (const [job, code, field] of cases) {
    let caught;
    try {
      empreinte.estimate(job);
    } catch (e) {
      caught = e;
    }
    assert.ok(caught instanceof Error, `${code}: an Error is thrown`);
    assert.equal(caught.name, 'EmpreinteError');
    assert.equal(caught.code, code, caught.message);
    if (code !== 'invalid_document' || field !== '.') assert.equal(caught.field, field, caught.message);
    assert.ok(Array.isArray(caught.suggestions));
  }
  try {
    empreinte.estimate({ runtime_h: 1, cpu: { model: 'Xeon E5-2638 v4', cores: 12 }, memory_gb: 1, location: 'FR' });
  } catch (e) {
    assert.ok(e.suggestions.includes('Xeon E5-2683 v4'), e.suggestions.join());
    assert.match(e.message, /^unknown cpu\.model "Xeon E5-2638 v4" in data v3\.0: did you mean/);
  }
});

test('tables, searches and data versions', () => {
  const versions = empreinte.dataVersions();
  assert.deepEqual(versions, ['v1.0', 'v1.1', 'v2.0', 'v2.1', 'v2.2', 'v3.0']);
  const counts = { 'v1.0': [70, 17], 'v3.0': [95, 22] };
  for (const [v, [ncpu, ngpu]] of Object.entries(counts)) {
    assert.equal(empreinte.cpus(v).length, ncpu, v);
    assert.equal(empreinte.gpus(v).length, ngpu, v);
  }
  assert.equal(empreinte.cpus().length, empreinte.cpus('v3.0').length);
  assert.equal(empreinte.locations('v3.0').length, 131);
  assert.ok(empreinte.providers('v3.0').some((p) => p.code === 'gcp'));
  assert.ok(empreinte.datacenters('v3.0').some((d) => d.name === 'us-west1'));
  const xeon = empreinte.search('cpus', 'e5-2683', 'v3.0');
  assert.equal(xeon[0].name, 'Xeon E5-2683 v4');
  assert.equal(empreinte.search('locations', 'france')[0].code, 'FR');
  assert.ok(empreinte.search('gpus', 'v100').length >= 1);
  assert.ok(empreinte.search('datacenters', 'us-west1').length >= 1);
  assert.ok(empreinte.search('providers', 'aws').length >= 1);
  assert.throws(() => empreinte.search('planets', 'x'), (e) => e.code === 'invalid_argument' && e.field === 'table');
  assert.throws(() => empreinte.cpus('v0.1'), (e) => e.code === 'unknown_data_version');
  const hw = empreinte.hardwareTable();
  assert.match(hw.version, /^hw-/);
  assert.ok(hw.cpus.length > 0 && hw.gpus.length > 0);
  // a model of that table only: estimate finds it after the data version's table
  const model = hw.cpus.find((c) => !empreinte.cpus('v3.0').some((g) => g.name === c.name)).name;
  const r = empreinte.estimate({ runtime_h: 1, cpu: { model, cores: 4 }, memory_gb: 8, location: 'FR' });
  assert.equal(r.cpu.model, model);
});

test('runtimes and French / English formatting from the core', () => {
  assert.equal(empreinte.parseRuntime('12h30m'), 12.5);
  assert.equal(empreinte.parseRuntime('1-02:00:00'), 26);
  assert.throws(() => empreinte.parseRuntime('soon'), (e) => e.code === 'invalid_duration');
  assert.equal(empreinte.formatNumber(1234567.891, 2, 'fr'), '1\u202F234\u202F567,89');
  assert.equal(empreinte.formatNumber(1234567.891, 2, 'en'), '1,234,567.89');
  assert.equal(empreinte.formatEnergy(2.1310848, 'fr'), '2,13\u00A0kWh');
  assert.equal(empreinte.formatCo2e(109.282, 'fr'), '109,28\u00A0gCO₂e');
  assert.equal(empreinte.formatCo2e(1012.26, 'en'), '1.01\u00A0kgCO₂e');
  assert.equal(empreinte.formatPower(177.5904, 'en'), '177.59\u00A0W');
  assert.equal(empreinte.formatDuration(12.5, 'fr'), '12\u00A0h\u00A030\u00A0min');
  assert.equal(empreinte.formatSignificant(0.0427136, 'fr'), '0,0427');
  assert.throws(() => empreinte.formatNumber(1, 2, 'de'), (e) => e.code === 'invalid_argument' && e.field === 'lang');
  assert.match(empreinte.version(), /^Empreinte \d+\.\d+\.\d+/);
});

test('the widget\'s words come from the core, in both languages', () => {
  const fr = empreinte.widgetWords('fr');
  const en = empreinte.widgetWords('en');
  assert.deepEqual(Object.keys(fr), Object.keys(en));
  assert.equal(fr.title, 'Calculateur d’empreinte carbone');
  assert.equal(en['error.unknown_cpu'], 'Unknown CPU model in this data.');
  assert.equal(fr.summary, 'Empreinte carbone\u202F: {co2e}, énergie\u202F: {energy}.');
  for (const [key, text] of Object.entries(fr)) {
    assert.ok(!text.includes("'"), `${key}: one apostrophe style`);
    assert.ok(!/[^\u202F][:;!?](\s|$)/.test(text), `${key}: a narrow no-break space before : ; ! ?`);
  }
  assert.throws(() => empreinte.widgetWords('de'), (e) => e.code === 'invalid_argument');
  assert.equal(empreinte.formatPercent(0.375, 'fr'), '37,5\u202F%');
  assert.equal(empreinte.formatPercent(0.375, 'en'), '37.5%');
  assert.equal(empreinte.colon('fr'), '\u202F: ');
  assert.equal(empreinte.ciSourceName('ember', 'fr'), 'données annuelles d’électricité d’Ember, dernière année par pays');
  assert.equal(empreinte.ciSourceName('ember', 'en'), 'Ember yearly electricity data, latest year per country');
});

test('compare: the same energy in the reference countries, from the core', () => {
  const rows = empreinte.compare(2, null, 'ga', 'v3.0', 'fr');
  assert.deepEqual(rows.map((r) => r.location), empreinte.referenceCountries());
  const fr = rows.find((r) => r.location === 'FR');
  assert.equal(fr.name, 'France');
  assert.equal(fr.co2e_g, 2 * fr.ci_g_per_kwh);
  // the estimate's own intensity for France, v3.0: 51.28 gCO2e/kWh
  close(fr.ci_g_per_kwh, 51.28, 'FR');
  assert.equal(rows.find((r) => r.location === 'GB').name, 'Royaume-Uni');
  assert.equal(empreinte.compare(1, ['GB'], null, null, 'en')[0].name, 'United Kingdom');
  assert.throws(() => empreinte.compare(1, ['XX']), (e) => e.code === 'unknown_location');
  assert.throws(() => empreinte.compare(-1, ['FR']), (e) => e.code === 'negative_value');
});

test('report, verify and renderReport on the example manifest', () => {
  const manifest = readFileSync(new URL('../../../examples/city-digital-twin-local-server.toml', import.meta.url), 'utf8');
  const envelope = { report_id: '0b7f3c5e-2a41-4d8e-9c3f-5a6b7c8d9e01', generated_at: '2026-01-15T09:30:00Z' };
  const r = empreinte.report(manifest, envelope);
  assert.equal(Object.getPrototypeOf(r), Object.prototype);
  assert.equal(r.tool.target, 'wasm');
  assert.equal(r.report_id, envelope.report_id);
  assert.equal(r.generated_at, envelope.generated_at);
  const verdict = empreinte.verify(r);
  assert.equal(verdict.verdict, 'valid', JSON.stringify(verdict));
  assert.equal(verdict.payload_sha256, r.integrity.payload_sha256);
  assert.equal(empreinte.verify(JSON.stringify(r, null, 2)).verdict, 'valid');
  const tampered = structuredClone(r);
  tampered.tool.version = '9.9.9'; // inside the digest
  assert.equal(empreinte.verify(tampered).verdict, 'tampered');
  assert.equal(empreinte.verify('{').verdict, 'invalid');
  // without options: a random UUID and the current time, outside the digest
  const fresh = empreinte.report(manifest);
  assert.match(fresh.report_id, /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  assert.match(fresh.generated_at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  assert.equal(fresh.integrity.payload_sha256, r.integrity.payload_sha256);
  const html = empreinte.renderReport(r, 'html', 'fr');
  assert.match(html, /^<!DOCTYPE html>/i);
  assert.match(html, /\u00A0kWh/);
  assert.match(empreinte.renderReport(JSON.stringify(r), 'markdown', 'en'), /kWh/);
  assert.throws(() => empreinte.renderReport(r, 'pdf', 'fr'), (e) => e.code === 'invalid_argument' && e.field === 'format');
  assert.throws(() => empreinte.report('[identification]\nsupplier = 1\n'), (e) => e.name === 'EmpreinteError' && typeof e.code === 'string');
});

test('hostile input: deep nesting, a key given twice, a huge name are clean errors', () => {
  const base = { runtime_h: 1, cpu: { model: 'Any', cores: 1 }, memory_gb: 1, location: 'FR' };
  let deep = 1;
  for (let i = 0; i < 100000; i += 1) deep = [deep];
  assert.throws(() => empreinte.estimate({ ...base, runtime_h: deep }), (e) => e.code === 'invalid_document');
  const deepText = `{"runtime_h": ${'['.repeat(100000)}1${']'.repeat(100000)}}`;
  assert.throws(() => empreinte.estimate(deepText), (e) => e.code === 'invalid_document');
  const dup = '{"runtime_h": 1, "runtime_h": 2, "cpu": {"model": "Any", "cores": 1}, "memory_gb": 1, "location": "FR"}';
  assert.throws(() => empreinte.estimate(dup),
    (e) => e.code === 'invalid_document' && e.field === 'runtime_h' && /appears twice/.test(e.message));
  const huge = { ...base, cpu: { model: 'x'.repeat(1000000), cores: 1 } };
  assert.throws(() => empreinte.estimate(huge),
    (e) => e.code === 'invalid_document' && e.field === 'cpu.model' && e.message.length < 300);
  assert.throws(() => empreinte.estimate({ runtime_h: 1, memory_gb: 1, location: 'FR' }),
    (e) => e.code === 'no_processor' && e.field === 'cpu');
});
