// The hand-written TypeScript declarations: every export of the package is declared, and a
// strict program using each function and object compiles against them (tsc).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

import * as node from '../node/index.mjs';

const read = (path) => readFileSync(new URL(path, import.meta.url), 'utf8');

test('every export of the Node and web modules is declared', () => {
  const declared = new Set([...read('../types/empreinte.d.ts').matchAll(/^export (?:default )?function (\w+)/gm)].map((m) => m[1]));
  const web = [...read('../pkg/web/empreinte.js').matchAll(/^export (?:async )?function (\w+)/gm)].map((m) => m[1]);
  const nodeNames = Object.keys(node).filter((n) => n !== 'default');
  for (const name of [...nodeNames, ...web]) {
    assert.ok(declared.has(name), `${name} is declared in types/empreinte.d.ts`);
  }
  for (const name of declared) {
    if (name !== 'init') assert.ok(nodeNames.includes(name), `${name} is exported under Node`);
  }
});

test('the ErrorCode union lists exactly the core\'s codes', () => {
  const text = read('../types/empreinte.d.ts');
  const union = text.slice(text.indexOf('export type ErrorCode ='), text.indexOf('(string & {})'));
  const declared = [...union.matchAll(/\| '([a-z_]+)'/g)].map((m) => m[1]).sort();
  assert.deepEqual(declared, [...node.errorCodes()].sort());
});

test('a strict TypeScript program compiles against the declarations', () => {
  const tsc = fileURLToPath(new URL('../node_modules/.bin/tsc', import.meta.url));
  const project = fileURLToPath(new URL('tsconfig.json', import.meta.url));
  execFileSync(tsc, ['-p', project], { encoding: 'utf8' });
});
