// The npm package as users get it: `npm pack`, installed from the tarball into an empty
// folder (no registry needed: it has no dependencies), then imported and required.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const PACKAGE = fileURLToPath(new URL('..', import.meta.url));
const npm = (args, cwd) => execFileSync('npm', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

test('npm pack, install into an empty folder, import and estimate', (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'empreinte-pack-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const [packed] = JSON.parse(npm(['pack', '--json', '--pack-destination', dir], PACKAGE));
  const files = packed.files.map((f) => f.path).sort();
  for (const f of [
    'package.json', 'README.md', 'node/index.mjs', 'pkg/node/empreinte.js', 'pkg/node/empreinte_bg.wasm',
    'pkg/node/package.json', 'pkg/web/empreinte.js', 'pkg/web/empreinte_bg.wasm',
    'pkg/widget/empreinte.js', 'pkg/widget/empreinte_inline.js',
    'types/empreinte.d.ts', 'types/widget.d.ts', 'widget/empreinte-calculator.js',
  ]) assert.ok(files.includes(f), `${f} is in the package`);
  assert.ok(!files.some((f) => /^(src|tests|www)\/|Cargo|node_modules/.test(f)), files.join(' '));

  const app = join(dir, 'app');
  mkdirSync(app);
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'app', private: true, type: 'module' }));
  npm(['install', '--offline', '--no-audit', '--no-fund', join(dir, packed.filename)], app);

  const job = { runtime_h: 12, cpu: { model: 'Xeon E5-2683 v4', cores: 12 }, memory_gb: 64, location: 'FR' };
  const esm = `
    import init, { estimate, cpus, dataVersions } from 'empreinte';
    await init();
    const r = estimate(${JSON.stringify(job)});
    let code = null;
    try { estimate({ runtime_h: 1, memory_gb: 1, location: 'FR' }); } catch (e) { code = e.code; }
    console.log(JSON.stringify({ co2e: r.co2e_g, cpus: cpus('v3.0').length, versions: dataVersions(), code,
      widget: import.meta.resolve('empreinte/widget'), wasm: import.meta.resolve('empreinte/empreinte_bg.wasm') }));`;
  const out = JSON.parse(execFileSync('node', ['--input-type=module', '-e', esm], { cwd: app, encoding: 'utf8' }));
  assert.ok(Math.abs(out.co2e - 109.282028544) < 1e-6, String(out.co2e));
  assert.equal(out.cpus, 95);
  assert.equal(out.versions.at(-1), 'v3.0');
  assert.equal(out.code, 'no_processor');
  assert.match(out.widget, /node_modules\/empreinte\/widget\/empreinte-calculator\.js$/);
  assert.match(out.wasm, /node_modules\/empreinte\/pkg\/web\/empreinte_bg\.wasm$/);

  const cjs = `const { estimate } = require('empreinte');
    console.log(estimate(${JSON.stringify(JSON.stringify(job))}).energy_kwh);`;
  const energy = Number(execFileSync('node', ['-e', cjs], { cwd: app, encoding: 'utf8' }));
  assert.ok(Math.abs(energy - 2.1310848) < 1e-9, String(energy));
});
