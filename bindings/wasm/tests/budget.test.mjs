// The size budget of the widget: its JS, the wasm-bindgen glue and the WebAssembly module
// (every data version included), gzipped, at most 300 KB.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

const BUDGET = 300_000;
const FILES = ['widget/empreinte-calculator.js', 'pkg/widget/empreinte.js', 'pkg/widget/empreinte_inline.js'];

test('widget + glue + wasm ≤ 300 KB gzipped', () => {
  const sizes = {};
  let total = 0;
  for (const f of FILES) {
    const bytes = readFileSync(new URL(`../${f}`, import.meta.url));
    const gz = gzipSync(bytes, { level: 9 }).length;
    sizes[f] = { bytes: bytes.length, gzip: gz };
    total += gz;
  }
  const wasm = readFileSync(new URL('../pkg/widget/empreinte_bg.wasm', import.meta.url));
  sizes['pkg/widget/empreinte_bg.wasm (for reference)'] = { bytes: wasm.length, gzip: gzipSync(wasm, { level: 9 }).length };
  const artifacts = new URL('../../../artifacts/wasm/', import.meta.url);
  mkdirSync(artifacts, { recursive: true });
  writeFileSync(new URL('sizes.json', artifacts), JSON.stringify({ files: sizes, total_gzip: total, budget: BUDGET }, null, 2));
  for (const [f, s] of Object.entries(sizes)) console.log(`# ${f}: ${s.bytes} bytes, ${s.gzip} gzipped`);
  console.log(`# total gzipped: ${total} bytes (budget ${BUDGET})`);
  assert.ok(total <= BUDGET, `${total} > ${BUDGET}`);
});
