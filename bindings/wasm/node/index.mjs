// The package's entry point for `import` under Node: the CommonJS build of wasm-bindgen
// (--target nodejs, loaded synchronously), re-exported as ES module names. `init()` is
// there for code shared with browsers, where the module must be awaited first.
import { createRequire } from 'node:module';

const wasm = createRequire(import.meta.url)('../pkg/node/empreinte.js');

export const {
  estimate,
  dataVersions,
  cpus,
  gpus,
  locations,
  providers,
  datacenters,
  hardwareTable,
  ciValues,
  search,
  parseRuntime,
  formatEnergy,
  formatCo2e,
  formatPower,
  formatDuration,
  formatNumber,
  formatSignificant,
  widgetWords,
  errorCodes,
  referenceCountries,
  compare,
  formatPercent,
  colon,
  ciSourceName,
  report,
  verify,
  renderReport,
  version,
} = wasm;

/** Resolves at once under Node: the module is ready when imported. */
export default async function init() {
  return wasm;
}

/** Does nothing under Node, where the module is ready when imported. */
export function initSync() {
  return wasm;
}
