// <empreinte-calculator>: the Green Algorithms calculator as a custom element, computed in
// the browser by Empreinte's WebAssembly module. Plain JS, shadow DOM, no framework, no
// network request (the WebAssembly module comes inlined in its module graph), no inline
// script or style attribute, no eval: it runs under
//   script-src 'self' 'wasm-unsafe-eval'
// and, being styled by a constructed stylesheet, under style-src 'self' too.
//
//   <script type="module" src="empreinte/widget/empreinte-calculator.js"></script>
//   <empreinte-calculator lang="fr" location="FR" data-version="v3.0"></empreinte-calculator>
//
// The element presents; every figure comes from the core (estimate, tables, searches and
// French/English number formatting).

import init, { initSync } from '../pkg/widget/empreinte.js';
import * as api from '../pkg/widget/empreinte.js';
import wasmText from '../pkg/widget/empreinte_inline.js';

/** The WebAssembly module ships inside the module graph as a string of one character per
 * byte: nothing is fetched (no `connect-src` needed), and it compiles synchronously while
 * this script is evaluated, so that an element already in the page shows its first result
 * during the page's load. Where a browser refuses a synchronous compilation on the main
 * thread, it compiles asynchronously. */
function wasmBytes() {
  const bytes = new Uint8Array(wasmText.length);
  for (let i = 0; i < bytes.length; i += 1) bytes[i] = wasmText.charCodeAt(i);
  return bytes;
}

let loaded = false;
let ready;
try {
  initSync({ module: wasmBytes() });
  loaded = true;
  ready = Promise.resolve();
} catch {
  ready = init({ module_or_path: wasmBytes() }).then(() => { loaded = true; });
}

const SVG = 'http://www.w3.org/2000/svg';
const NBSP = '\u00A0';
const COLOURS = { cpu: '#0b5cad', gpu: '#a64200', memory: '#2d6e31' };

/** The texts with `{name}` placeholders, and their names in the order of the arguments. */
const TEMPLATES = {
  treeMonths: ['n'],
  carKm: ['n'],
  flightShare: ['pct', 'route'],
  flights: ['n', 'route'],
  summary: ['co2e', 'energy'],
  waterParts: ['on', 'off'],
};
/** The widget's texts in each language, from the core's catalogue (`widgetWords`): the
 * plain ones as strings, the ones with placeholders as functions, the error messages
 * under `errors` by error code. */
const TEXT = {};
function texts(lang) {
  if (!TEXT[lang]) {
    const t = { errors: {} };
    for (const [key, text] of Object.entries(api.widgetWords(lang))) {
      if (key.startsWith('error.')) t.errors[key.slice(6)] = text;
      else if (TEMPLATES[key]) {
        t[key] = (...args) => TEMPLATES[key].reduce((out, name, i) => out.replaceAll(`{${name}}`, String(args[i])), text);
      } else t[key] = text;
    }
    TEXT[lang] = t;
  }
  return TEXT[lang];
}

const CSS = `
:host { display: block; color: #1b1b1b; background: #fff; font: 1rem/1.45 system-ui, sans-serif;
  --accent: #0b5cad; --muted: #4a4a4a; --line: #767676; --error: #b00020; }
:host([hidden]) { display: none; }
* { box-sizing: border-box; }
h2 { font-size: 1.35rem; margin: 0 0 .25rem; }
h3 { font-size: 1.05rem; margin: 1rem 0 .4rem; }
p { margin: .25rem 0; }
.wrap { display: grid; gap: 1.5rem; grid-template-columns: repeat(auto-fit, minmax(min(100%, 20rem), 1fr)); }
fieldset { border: 1px solid var(--line); border-radius: .4rem; margin: 0 0 .8rem; padding: .5rem .8rem .7rem; }
legend { font-weight: 600; padding: 0 .3rem; }
.field { margin: .45rem 0; position: relative; }
label { display: block; font-weight: 500; }
.hint { color: var(--muted); font-size: .875rem; }
input, select, button { font: inherit; color: inherit; }
input[type=text], select { width: 100%; min-height: 2.25rem; padding: .3rem .5rem; border: 1px solid var(--line);
  border-radius: .3rem; background: #fff; }
input[aria-invalid=true] { border: 2px solid var(--error); }
.radios { display: flex; flex-wrap: wrap; gap: .2rem 1rem; }
.radios label { display: inline-flex; gap: .35rem; align-items: center; font-weight: 400; }
button { min-height: 2.25rem; padding: .3rem .8rem; border: 1px solid var(--accent); border-radius: .3rem;
  background: #fff; color: var(--accent); cursor: pointer; }
button:hover { background: #e8f0fa; }
.actions { display: flex; flex-wrap: wrap; gap: .5rem; }
:focus-visible { outline: 3px solid var(--accent); outline-offset: 2px; }
input:focus-visible, select:focus-visible { outline-offset: 0; }
[role=listbox] { position: absolute; z-index: 10; left: 0; right: 0; max-height: 15rem; overflow-y: auto; margin: 0;
  padding: 0; list-style: none; background: #fff; border: 1px solid var(--line); border-radius: 0 0 .3rem .3rem;
  box-shadow: 0 4px 10px rgb(0 0 0 / 15%); }
[role=option] { padding: .3rem .5rem; cursor: pointer; }
[role=option] .hint { margin-left: .4rem; }
[role=option][aria-selected=true] { background: var(--accent); color: #fff; }
[role=option][aria-selected=true] .hint { color: #fff; }
.error { color: var(--error); font-size: .9rem; margin: .2rem 0 0; }
.error:empty { display: none; }
.suggestions { display: flex; flex-wrap: wrap; gap: .3rem; align-items: center; margin-top: .2rem; }
.suggestions button { min-height: 1.9rem; padding: .1rem .5rem; font-size: .9rem; }
.headline { display: flex; flex-wrap: wrap; gap: .5rem 2rem; margin: .5rem 0; }
.figure .label { color: var(--muted); font-size: .9rem; }
.figure .value { font-size: 1.6rem; font-weight: 700; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: .2rem .8rem; margin: .5rem 0; }
dt { color: var(--muted); }
dd { margin: 0; }
.small { font-size: .85rem; color: var(--muted); overflow-wrap: anywhere; }
svg { display: block; max-width: 100%; height: auto; }
svg text { font: 12px system-ui, sans-serif; fill: #1b1b1b; }
.legend { list-style: none; padding: 0; margin: .4rem 0; display: flex; flex-wrap: wrap; gap: .2rem 1.2rem; }
.legend li { display: inline-flex; align-items: center; gap: .35rem; }
.legend svg { display: inline; }
blockquote { margin: .3rem 0; padding: .5rem .8rem; border-left: 4px solid var(--accent); background: #f3f6fa; }
.stale { opacity: .7; }
.sr-only { position: absolute; width: 1px; height: 1px; margin: -1px; overflow: hidden; clip: rect(0 0 0 0);
  white-space: nowrap; border: 0; }
@media (forced-colors: active) { [role=option][aria-selected=true] { outline: 2px solid Highlight; } }
`;

let sheet = null;
function styles() {
  if (!sheet) {
    sheet = new CSSStyleSheet();
    sheet.replaceSync(CSS);
  }
  return sheet;
}

/** Creates an element with attributes and children (strings become text nodes). */
function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === false || v == null) continue;
    if (k === 'text') el.textContent = v;
    else el.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children) if (c != null) el.append(c);
  return el;
}

/** Creates an SVG element with attributes (presentation attributes only: no style). */
function s(tag, attrs = {}, text) {
  const el = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  if (text != null) el.textContent = text;
  return el;
}

/** A number typed in French or English (`1,5` or `1.5`, spaces ignored); the text itself
 * when it is not a number, so that the core names the field in its error. */
function num(text) {
  const t = String(text).replace(/[\s\u00A0\u202F]/g, '').replace(',', '.');
  if (t === '') return null;
  const n = Number(t);
  return Number.isFinite(n) ? n : String(text);
}

let uid = 0;
/** The empreinte-hw table, read on the first search. */
let hardware = null;

/** A combobox with a list of suggestions (ARIA 1.2 pattern: input + listbox popup). */
class Combobox {
  constructor({ id, source, onCommit }) {
    this.source = source;
    this.onCommit = onCommit;
    this.options = [];
    this.active = -1;
    this.input = h('input', {
      type: 'text', id, role: 'combobox', autocomplete: 'off', spellcheck: 'false',
      'aria-autocomplete': 'list', 'aria-expanded': 'false', 'aria-controls': `${id}-list`,
    });
    this.list = h('ul', { id: `${id}-list`, role: 'listbox', hidden: true });
    this.input.addEventListener('input', () => { this.open(); this.onCommit(); });
    this.input.addEventListener('keydown', (e) => this.key(e));
    this.input.addEventListener('blur', () => this.close());
    this.input.addEventListener('click', () => (this.isOpen() ? this.close() : this.open()));
    // keep the focus in the input while an option is clicked
    this.list.addEventListener('mousedown', (e) => e.preventDefault());
    this.list.addEventListener('click', (e) => {
      const li = e.target.closest('[role=option]');
      if (li) this.choose(Number(li.dataset.index));
    });
  }

  get value() { return this.input.value.trim(); }
  set value(v) { this.input.value = v ?? ''; }
  isOpen() { return !this.list.hidden; }

  open() {
    this.options = this.source(this.input.value.trim()).slice(0, 60);
    this.list.replaceChildren(...this.options.map((o, i) => h('li', {
      role: 'option', id: `${this.list.id}-${i}`, 'data-index': i, 'aria-selected': 'false',
    }, o.label, o.detail ? h('span', { class: 'hint', text: o.detail }) : null)));
    this.active = -1;
    this.input.removeAttribute('aria-activedescendant');
    const show = this.options.length > 0;
    this.list.hidden = !show;
    this.input.setAttribute('aria-expanded', String(show));
  }

  close() {
    this.list.hidden = true;
    this.active = -1;
    this.input.setAttribute('aria-expanded', 'false');
    this.input.removeAttribute('aria-activedescendant');
  }

  move(delta) {
    if (!this.isOpen()) this.open();
    const n = this.options.length;
    if (!n) return;
    this.active = this.active < 0 ? (delta > 0 ? 0 : n - 1) : (this.active + delta + n) % n;
    for (const li of this.list.children) li.setAttribute('aria-selected', 'false');
    const li = this.list.children[this.active];
    li.setAttribute('aria-selected', 'true');
    this.input.setAttribute('aria-activedescendant', li.id);
    li.scrollIntoView({ block: 'nearest' });
  }

  choose(i) {
    const o = this.options[i];
    if (!o) return;
    this.input.value = o.value;
    this.close();
    this.onCommit();
  }

  key(e) {
    if (e.key === 'ArrowDown') { e.preventDefault(); if (e.altKey) this.open(); else this.move(1); }
    else if (e.key === 'ArrowUp') { e.preventDefault(); this.move(-1); }
    else if (e.key === 'Enter' && this.isOpen() && this.active >= 0) { e.preventDefault(); this.choose(this.active); }
    else if (e.key === 'Escape' && this.isOpen()) { e.preventDefault(); this.close(); }
    else if (e.key === 'Tab') this.close();
  }
}

function locationName(l) {
  if (l.code === 'WORLD') return 'World';
  return l.region === 'Any' ? l.country : `${l.region}, ${l.country}`;
}

class EmpreinteCalculator extends HTMLElement {
  static get observedAttributes() { return ['lang', 'location', 'data-version']; }

  constructor() {
    super();
    this.attachShadow({ mode: 'open' });
    this.shadowRoot.adoptedStyleSheets = [styles()];
    this._texts = [];
    this._fieldErrors = new Map();
    this._result = null;
    this._ready = false;
    this._announce = 0;
  }

  get lang() { return (this.getAttribute('lang') || 'fr').toLowerCase().startsWith('en') ? 'en' : 'fr'; }
  set lang(v) { this.setAttribute('lang', v); }
  get t() { return texts(this.lang); }

  /** The last result object (the core's result JSON), or null. */
  get result() { return this._result; }

  /** The inputs as a job object (the core's job JSON). */
  get job() { return this._ready ? this.readJob() : null; }
  set job(job) { ready.then(() => { this.fillForm(job); this.update(); }); }

  connectedCallback() {
    if (this._built) return;
    this._built = true;
    // the texts come from the module: the form is built once it is there
    const start = () => {
      this.build();
      this._ready = true;
      this.update();
    };
    if (loaded) {
      start();
    } else {
      ready.then(start, (err) => {
        this.shadowRoot.replaceChildren(h('p', { role: 'alert', text: String(err) }));
      });
    }
  }

  attributeChangedCallback(name, old, value) {
    if (!this._ready || old === value) return;
    if (name === 'lang') this.applyTexts();
    if (name === 'location' && value) this.f.location.value = value;
    if (name === 'data-version' && value && this._ready) this.f.version.value = value;
    this.update();
  }

  /** A text node or attribute that follows the language. */
  tx(el, key, attr) {
    this._texts.push([el, key, attr]);
    return el;
  }

  applyTexts() {
    const t = this.t;
    for (const [el, key, attr] of this._texts) {
      if (attr) el.setAttribute(attr, t[key]);
      else el.textContent = t[key];
    }
    this.f.langButton.setAttribute('lang', this.lang === 'fr' ? 'en' : 'fr');
    this._providersFor = null; // the "other provider" option is translated
  }

  label(forId, key) { return this.tx(h('label', { for: forId }), key); }

  /** A labelled text input with its hint and error lines. */
  textField(id, key, { hint, inputmode = 'decimal', value = '' } = {}) {
    const input = h('input', { type: 'text', id, inputmode, value, autocomplete: 'off' });
    return this.wrapField(id, key, input, hint);
  }

  wrapField(id, key, input, hint) {
    const described = [];
    const wrap = h('div', { class: 'field' }, this.label(id, key));
    const control = input.input || input;
    wrap.append(input.input ? h('div', {}, input.input, input.list) : input);
    if (hint) {
      wrap.append(this.tx(h('p', { class: 'hint', id: `${id}-hint` }), hint));
      described.push(`${id}-hint`);
    }
    const err = h('div', { class: 'error', id: `${id}-error` });
    wrap.append(err);
    described.push(`${id}-error`);
    control.setAttribute('aria-describedby', described.join(' '));
    this._fieldErrors.set(id, { control, err });
    return wrap;
  }

  build() {
    const t = this.t;
    const p = `ec${++uid}`;
    const f = (this.f = {});
    const version = () => f.version.value;

    // data version (options filled once the module is ready)
    f.version = h('select', { id: `${p}-version` });

    // job
    f.runtime = h('input', { type: 'text', id: `${p}-runtime`, value: '12h', autocomplete: 'off' });
    const radios = h('div', { class: 'radios' });
    f.coreType = {};
    for (const [value, key] of [['cpu', 'cpuOnly'], ['gpu', 'gpuOnly'], ['both', 'both']]) {
      const r = h('input', { type: 'radio', name: `${p}-cores`, id: `${p}-ct-${value}`, value, checked: value === 'cpu' });
      f.coreType[value] = r;
      radios.append(h('label', { for: `${p}-ct-${value}` }, r, this.tx(h('span'), key)));
    }
    const coreTypeSet = h('fieldset', {}, this.tx(h('legend'), 'coreType'), radios);

    // the data version's table through the core's search, then the empreinte-hw models
    // (hardware since 2019) that estimate finds after it
    const modelSource = (table) => (q) => {
      const rows = q ? api.search(table, q, version()) : api[table](version());
      const known = new Set(rows.map((r) => r.name));
      hardware ??= api.hardwareTable();
      const words = q.toLowerCase().split(/\s+/).filter(Boolean);
      const extra = hardware[table].filter((r) => !known.has(r.name)
        && words.every((w) => r.name.toLowerCase().replace(/\s+/g, '').includes(w)));
      const power = (r) => (table === 'cpus'
        ? `${api.formatNumber(r.tdp_per_core_w, 1, this.lang)}${NBSP}${this.t.wattsPerCore}`
        : `${api.formatNumber(r.tdp_w, 0, this.lang)}${NBSP}W`);
      const opts = [
        ...rows.map((r) => ({ value: r.name, label: r.name, detail: power(r) })),
        ...extra.map((r) => ({ value: r.name, label: r.name, detail: `${power(r)} · ${hardware.version}` })),
      ];
      if (!q || 'other'.startsWith(q.toLowerCase()) || 'autre'.startsWith(q.toLowerCase())) {
        opts.push({ value: 'other', label: 'other', detail: this.t.otherModel });
      }
      return opts;
    };
    const commit = () => this.update();
    f.cpuModel = new Combobox({ id: `${p}-cpu-model`, source: modelSource('cpus'), onCommit: commit });
    f.cpuModel.value = 'Xeon E5-2683 v4';
    f.gpuModel = new Combobox({ id: `${p}-gpu-model`, source: modelSource('gpus'), onCommit: commit });
    f.gpuModel.value = 'NVIDIA Tesla V100';

    const cpuTdp = this.textField(`${p}-cpu-tdp`, 'cpuTdp');
    const gpuTdp = this.textField(`${p}-gpu-tdp`, 'gpuTdp');
    f.cpuSet = h('fieldset', {}, this.tx(h('legend'), 'cpu'),
      this.wrapField(`${p}-cpu-model`, 'cpuModel', f.cpuModel),
      cpuTdp,
      this.textField(`${p}-cores`, 'cores', { inputmode: 'numeric', value: '12' }),
      this.textField(`${p}-cpu-usage`, 'cpuUsage', { value: '1' }));
    f.gpuSet = h('fieldset', { hidden: true }, this.tx(h('legend'), 'gpu'),
      this.wrapField(`${p}-gpu-model`, 'gpuModel', f.gpuModel),
      gpuTdp,
      this.textField(`${p}-gpus`, 'gpus', { inputmode: 'numeric', value: '1' }),
      this.textField(`${p}-gpu-usage`, 'gpuUsage', { value: '1' }));
    f.cpuTdpField = cpuTdp;
    f.gpuTdpField = gpuTdp;

    // where
    f.platform = h('select', { id: `${p}-platform` });
    for (const v of ['local_server', 'personal_computer', 'cloud']) f.platform.append(this.tx(h('option', { value: v }), v));
    f.provider = h('select', { id: `${p}-provider` });
    f.datacenter = h('select', { id: `${p}-datacenter` });
    f.location = new Combobox({
      id: `${p}-location`,
      onCommit: commit,
      source: (q) => (q ? api.search('locations', q, version()) : api.locations(version())).map((l) => ({
        value: l.code,
        label: locationName(l),
        detail: `${l.code} · ${api.formatNumber(l.ci_g_per_kwh, 2, this.lang)}${NBSP}gCO₂e/kWh`,
      })),
    });
    f.location.value = this.getAttribute('location') || 'WORLD';
    f.providerField = this.wrapField(`${p}-provider`, 'provider', f.provider);
    f.datacenterField = this.wrapField(`${p}-datacenter`, 'datacenter', f.datacenter);
    f.locationField = this.wrapField(`${p}-location`, 'location', f.location, 'locationHint');
    f.dcNote = this.tx(h('p', { class: 'hint', hidden: true }), 'locationFromDc');
    // filled from the core after each result (the sources with a value for its location)
    f.ciSource = h('select', { id: `${p}-ci-source` }, h('option', { value: 'ga', text: 'Green Algorithms' }));
    f.ciSourceField = this.wrapField(`${p}-ci-source`, 'ciSource', f.ciSource, 'ciSourceHint');

    const jobSet = h('fieldset', {}, this.tx(h('legend'), 'job'),
      this.wrapField(`${p}-runtime`, 'runtime', f.runtime, 'runtimeHint'),
      coreTypeSet, f.cpuSet, f.gpuSet,
      this.textField(`${p}-memory`, 'memory', { value: '64' }),
      this.textField(`${p}-mf`, 'mf', { value: '1' }));
    const whereSet = h('fieldset', {}, this.tx(h('legend'), 'where'),
      this.wrapField(`${p}-platform`, 'platform', f.platform),
      f.providerField, f.datacenterField, f.locationField, f.dcNote, f.ciSourceField,
      this.textField(`${p}-pue`, 'pue', { hint: 'pueHint' }),
      this.wrapField(`${p}-version`, 'dataVersion', f.version));

    const byId = (id) => this._fieldErrors.get(`${p}-${id}`).control;
    Object.assign(f, {
      cores: byId('cores'), cpuUsage: byId('cpu-usage'), cpuTdp: byId('cpu-tdp'),
      gpus: byId('gpus'), gpuUsage: byId('gpu-usage'), gpuTdp: byId('gpu-tdp'),
      memory: byId('memory'), mf: byId('mf'), pue: byId('pue'),
    });
    // error field path → input id
    this._fieldIds = {
      runtime_h: 'runtime', 'cpu.model': 'cpu-model', 'cpu.cores': 'cores', 'cpu.usage': 'cpu-usage',
      'cpu.tdp_per_core_w': 'cpu-tdp', 'gpu.model': 'gpu-model', 'gpu.count': 'gpus', 'gpu.usage': 'gpu-usage',
      'gpu.tdp_w': 'gpu-tdp', memory_gb: 'memory', multiplicative_factor: 'mf', pue: 'pue', platform: 'platform',
      provider: 'provider', datacenter: 'datacenter', location: 'location', data_version: 'version',
      ci_source: 'ci-source',
    };
    this._prefix = p;

    // language and files
    f.langButton = this.tx(h('button', { type: 'button', lang: 'en' }), 'switchLang');
    this.tx(f.langButton, 'switchLangLabel', 'aria-label');
    f.langButton.addEventListener('click', () => { this.lang = this.lang === 'fr' ? 'en' : 'fr'; f.langButton.focus(); });
    const exportButton = this.tx(h('button', { type: 'button' }), 'exportJob');
    exportButton.addEventListener('click', () => this.save(JSON.stringify(this.readJob(), null, 2), 'empreinte-job.json'));
    f.file = h('input', { type: 'file', accept: 'application/json,.json', hidden: true, tabindex: '-1' });
    f.file.addEventListener('change', () => this.importFile());
    const importButton = this.tx(h('button', { type: 'button' }), 'importJob');
    importButton.addEventListener('click', () => f.file.click());
    f.download = this.tx(h('button', { type: 'button' }), 'downloadResult');
    f.download.addEventListener('click', () => {
      if (this._result) this.save(JSON.stringify(this._result, null, 2), 'empreinte-result.json');
    });
    const optionsSet = h('fieldset', {}, this.tx(h('legend'), 'options'),
      h('div', { class: 'actions' }, f.langButton, exportButton, importButton, f.download, f.file));

    const form = h('form', { novalidate: true }, jobSet, whereSet, optionsSet);
    form.addEventListener('submit', (e) => e.preventDefault());
    // selects and radios fire `input` too; comboboxes update through their own handler
    form.addEventListener('input', (e) => { if (e.target.getAttribute('role') !== 'combobox') this.onInput(e.target); });

    // results
    f.status = h('p', { class: 'sr-only', role: 'status', 'aria-live': 'polite', 'aria-atomic': 'true' });
    f.message = h('div', { class: 'error', id: `${p}-message` });
    f.co2e = h('span', { class: 'value', id: `${p}-co2e` });
    f.energy = h('span', { class: 'value', id: `${p}-energy` });
    f.details = h('dl');
    f.breakdown = h('div');
    f.equivalences = h('ul');
    f.beyond = h('div');
    f.comparison = h('div');
    f.citation = h('blockquote', { id: `${p}-citation` });
    f.copy = this.tx(h('button', { type: 'button' }), 'copy');
    f.copy.addEventListener('click', () => this.copyCitation());
    f.copyStatus = h('span', { class: 'hint', role: 'status' });
    f.results = h('div', {},
      h('div', { class: 'headline' },
        h('div', { class: 'figure' }, this.tx(h('div', { class: 'label' }), 'co2e'), f.co2e),
        h('div', { class: 'figure' }, this.tx(h('div', { class: 'label' }), 'energy'), f.energy)),
      f.details,
      this.tx(h('h3'), 'breakdown'), f.breakdown,
      f.beyond,
      this.tx(h('h3'), 'equivalences'), f.equivalences,
      this.tx(h('h3'), 'comparison'), f.comparison,
      this.tx(h('h3'), 'cite'), f.citation, h('div', { class: 'actions' }, f.copy, f.copyStatus));
    const heading = this.tx(h('h2', { id: `${p}-results` }), 'results');
    const results = h('section', { 'aria-labelledby': `${p}-results` }, heading, f.message, f.status, f.results);

    const title = this.tx(h('h2'), 'title');
    const intro = this.tx(h('p', { class: 'hint' }), 'intro');
    this.shadowRoot.replaceChildren(h('div', { class: 'wrap' }, h('div', {}, title, intro, form), results));

    this.applyTexts();
    this.syncVisibility();
    f.status.textContent = t.loading;
  }

  fillVersions() {
    const f = this.f;
    this._versionsFilled = true;
    const versions = api.dataVersions();
    f.version.replaceChildren(...versions.slice().reverse().map((v) => h('option', { value: v, text: v })));
    const wanted = this.getAttribute('data-version');
    if (wanted && versions.includes(wanted)) f.version.value = wanted;
  }

  /** Fills the provider and data-centre lists of the data version, when the platform is
   * cloud (not before: the first result does not wait for them). */
  ensureProviders() {
    const f = this.f;
    if (!this._ready || f.platform.value !== 'cloud' || this._providersFor === f.version.value) return;
    this._providersFor = f.version.value;
    const v = f.version.value;
    const keep = f.provider.value;
    f.provider.replaceChildren(...api.providers(v).map((pr) => h('option', { value: pr.code, text: pr.name })),
      h('option', { value: 'other', text: this.t.otherProvider }));
    if ([...f.provider.options].some((o) => o.value === keep)) f.provider.value = keep;
    this.fillDatacenters();
  }

  fillDatacenters() {
    const f = this.f;
    if (!this._ready) return;
    const keep = f.datacenter.value;
    const dcs = api.datacenters(f.version.value).filter((d) => d.provider === f.provider.value);
    f.datacenter.replaceChildren(h('option', { value: '', text: this.t.noDatacenter }),
      ...dcs.map((d) => h('option', { value: d.name, text: d.place ? `${d.name} (${d.place})` : d.name })));
    if ([...f.datacenter.options].some((o) => o.value === keep)) f.datacenter.value = keep;
  }

  onInput(target) {
    const f = this.f;
    this.ensureProviders();
    if (target === f.provider) this.fillDatacenters();
    this.syncVisibility();
    this.update();
  }

  coreType() {
    const c = this.f.coreType;
    return c.both.checked ? 'both' : c.gpu.checked ? 'gpu' : 'cpu';
  }

  syncVisibility() {
    const f = this.f;
    const type = this.coreType();
    f.cpuSet.hidden = type === 'gpu';
    f.gpuSet.hidden = type === 'cpu';
    f.cpuTdpField.hidden = f.cpuModel.value.toLowerCase() !== 'other';
    f.gpuTdpField.hidden = f.gpuModel.value.toLowerCase() !== 'other';
    const cloud = f.platform.value === 'cloud';
    f.providerField.hidden = !cloud;
    f.datacenterField.hidden = !cloud || f.datacenter.options.length < 2;
    const fromDc = cloud && f.datacenter.value !== '' && !f.datacenterField.hidden;
    f.locationField.hidden = fromDc;
    f.dcNote.hidden = !fromDc;
  }

  /** The form as a job object in the core's job JSON shape. */
  readJob() {
    const f = this.f;
    const type = this.coreType();
    // before the version list is filled (it follows the first result): the attribute
    const job = { data_version: f.version.value || this.getAttribute('data-version') || undefined };
    const runtime = f.runtime.value.trim();
    if (/^\d+(\.\d+)?$/.test(runtime)) {
      job.runtime_h = Number(runtime);
    } else if (runtime) {
      try {
        job.runtime_h = api.parseRuntime(runtime);
      } catch (e) {
        job.runtime_h = runtime; // the estimate will report it
        this._runtimeError = e;
      }
    }
    if (type !== 'gpu') {
      job.cpu = { model: f.cpuModel.value || null, cores: num(f.cores.value), usage: num(f.cpuUsage.value) };
      if (f.cpuModel.value.toLowerCase() === 'other') job.cpu.tdp_per_core_w = num(f.cpuTdp.value);
    }
    if (type !== 'cpu') {
      job.gpu = { model: f.gpuModel.value || null, count: num(f.gpus.value), usage: num(f.gpuUsage.value) };
      if (f.gpuModel.value.toLowerCase() === 'other') job.gpu.tdp_w = num(f.gpuTdp.value);
    }
    job.memory_gb = num(f.memory.value);
    job.platform = f.platform.value;
    if (f.platform.value === 'cloud') {
      job.provider = f.provider.value;
      if (f.datacenter.value && !f.datacenterField.hidden) job.datacenter = f.datacenter.value;
    }
    if (!job.datacenter) job.location = f.location.value || null;
    if (f.ciSource.value && f.ciSource.value !== 'ga') job.ci_source = f.ciSource.value;
    const pue = num(f.pue.value);
    if (pue !== null) job.pue = pue;
    job.multiplicative_factor = num(f.mf.value) ?? 1;
    return job;
  }

  /** Fills the form from a job object (an imported file, or the `job` property). */
  fillForm(job) {
    const f = this.f;
    const str = (v) => (v == null ? '' : String(v));
    if (job.data_version && api.dataVersions().includes(job.data_version)) f.version.value = job.data_version;
    f.platform.value = job.platform || 'local_server';
    this.ensureProviders();
    if (job.runtime_h != null) f.runtime.value = typeof job.runtime_h === 'number' ? `${job.runtime_h}` : str(job.runtime_h);
    const type = job.cpu && job.gpu ? 'both' : job.gpu ? 'gpu' : 'cpu';
    f.coreType[type].checked = true;
    if (job.cpu) {
      f.cpuModel.value = str(job.cpu.model ?? (job.cpu.tdp_per_core_w != null ? 'other' : ''));
      f.cores.value = str(job.cpu.cores);
      f.cpuUsage.value = str(job.cpu.usage ?? 1);
      f.cpuTdp.value = str(job.cpu.tdp_per_core_w);
    }
    if (job.gpu) {
      f.gpuModel.value = str(job.gpu.model ?? (job.gpu.tdp_w != null ? 'other' : ''));
      f.gpus.value = str(job.gpu.count);
      f.gpuUsage.value = str(job.gpu.usage ?? 1);
      f.gpuTdp.value = str(job.gpu.tdp_w);
    }
    if (job.memory_gb != null) f.memory.value = str(job.memory_gb);
    if (job.provider) f.provider.value = job.provider;
    this.fillDatacenters();
    f.datacenter.value = job.datacenter || '';
    if (job.location) f.location.value = job.location;
    this.chooseSource(job.ci_source || 'ga');
    f.pue.value = str(job.pue);
    f.mf.value = str(job.multiplicative_factor ?? 1);
    this.syncVisibility();
  }

  /** Recomputes and redraws: called on every input. */
  update() {
    if (!this._ready) return;
    this.ensureProviders();
    this.syncVisibility();
    this._runtimeError = null;
    const job = this.readJob();
    let result;
    try {
      if (this._runtimeError) throw this._runtimeError;
      result = api.estimate(job);
    } catch (e) {
      if (!this._versionsFilled) this.fillVersions();
      // the same error again (another keystroke): leave it, and its buttons, as they are
      const key = `${this.lang} ${e.code} ${e.field} ${e.message}`;
      if (key !== this._errorKey) {
        this.clearErrors();
        this._errorKey = key;
        this.showError(e);
      }
      return;
    }
    this.clearErrors();
    this._result = result;
    this.f.results.classList.remove('stale');
    this.f.download.disabled = false;
    this.renderHeadline(result);
    const rest = () => {
      if (this._result !== result) return; // a newer input won
      this.render(result, job);
      this.dispatchEvent(new CustomEvent('result', { detail: result, bubbles: true, composed: true }));
    };
    if (this._firstResult) {
      rest();
    } else {
      // the first result is shown at once; its details follow in the next task
      this._firstResult = true;
      performance.mark('empreinte-first-result');
      setTimeout(() => {
        rest();
        performance.mark('empreinte-first-render');
        if (!this._versionsFilled) this.fillVersions();
      }, 0);
    }
  }

  clearErrors() {
    this._errorKey = null;
    for (const { control, err } of this._fieldErrors.values()) {
      control.removeAttribute('aria-invalid');
      err.replaceChildren();
    }
    this.f.message.replaceChildren();
  }

  showError(e) {
    const t = this.t;
    const f = this.f;
    f.results.classList.add('stale');
    f.download.disabled = true;
    const text = t.errors[e.code] || e.message;
    const id = this._fieldIds[e.field];
    const slot = id && this._fieldErrors.get(`${this._prefix}-${id}`);
    const box = slot && !slot.control.closest('[hidden]') ? slot.err : f.message;
    box.append(h('p', { text }));
    if (slot) slot.control.setAttribute('aria-invalid', 'true');
    if (e.suggestions && e.suggestions.length && slot) {
      const row = h('div', { class: 'suggestions' }, h('span', { text: t.didYouMean }));
      for (const name of e.suggestions) {
        const b = h('button', { type: 'button', text: name });
        b.addEventListener('click', () => {
          if (slot.control.getAttribute('role') === 'combobox') slot.control.value = name;
          slot.control.focus();
          this.update();
        });
        row.append(b);
      }
      box.append(row);
    }
    this.announce(text);
  }

  /** Updates the live region once the typing settles, so that screen readers are not
   * flooded with intermediate results. */
  announce(text) {
    clearTimeout(this._announce);
    this._announce = setTimeout(() => { this.f.status.textContent = text; }, 600);
  }

  renderHeadline(r) {
    const lang = this.lang;
    const co2e = api.formatCo2e(r.co2e_g, lang);
    const energy = api.formatEnergy(r.energy_kwh, lang);
    this.f.co2e.textContent = co2e;
    this.f.energy.textContent = energy;
    this.announce(this.t.summary(co2e, energy));
  }

  render(r, job) {
    const t = this.t;
    const lang = this.lang;
    const f = this.f;

    const pueOrigin = r.pue.source === 'datacenter' ? `${t.datacenterPue} ${r.datacenter}`
      : r.pue.source === 'provider_default' ? `${t.provider_default} ${r.provider}`
        : r.pue.source === 'platform_default' ? `${t.platform_default} (${t[r.platform]})` : t.stated;
    const ci = `${api.formatNumber(r.ci_g_per_kwh, 2, lang)}${NBSP}gCO₂e/kWh — ${r.ci.location_name} (${r.location})`;
    const src = r.ci.source;
    const source = src && typeof src === 'object'
      ? [api.ciSourceName(src.id, lang), r.ci.year, r.ci.location_reference].filter(Boolean).join(' — ')
      : src;
    const alt = r.ci_alternative;
    f.details.replaceChildren(
      h('dt', { text: t.power }), h('dd', { text: api.formatPower(r.power_w, lang) }),
      h('dt', { text: t.pueUsed }), h('dd', { text: `${api.formatNumber(r.pue.value, 2, lang)} — ${pueOrigin}` }),
      h('dt', { text: t.ci }), h('dd', {}, ci, h('div', { class: 'small', text: `${t.source}${api.colon(lang)}${source}` })),
      ...(alt && Number.isFinite(alt.ci_g_per_kwh) ? [h('dt', { text: t.alternative }), h('dd', {},
        `${api.formatNumber(alt.ci_g_per_kwh, 2, lang)}${NBSP}gCO₂e/kWh → ${api.formatCo2e(alt.co2e_g, lang)}`,
        h('div', { class: 'small', text: [api.ciSourceName(alt.source, lang), alt.year].filter(Boolean).join(', ') }))] : []),
      h('dt', { text: t.data }), h('dd', {}, `Green Algorithms ${r.data_version}, CC BY 4.0`,
        // another source's licence and the attribution it asks for
        ...(src && typeof src === 'object' && src.id !== 'ga'
          ? [h('div', { class: 'small', text: `${api.ciSourceName(src.id, lang)}, ${src.licence} — ${src.attribution}` })] : [])));
    f.pue.setAttribute('placeholder', api.formatNumber(r.pue.value, 2, lang));
    this.fillSources(r);

    this.renderBreakdown(r);
    this.renderBeyond(r);

    const route = r.flight.route.replace('-', '–');
    const flight = r.flight.fraction < 1
      ? t.flightShare(api.formatSignificant(r.flight.fraction * 100, lang), route)
      : t.flights(api.formatSignificant(r.flight.fraction, lang), route);
    f.equivalences.replaceChildren(
      h('li', { text: t.treeMonths(api.formatSignificant(r.tree_months, lang)) }),
      h('li', { text: t.carKm(api.formatSignificant(r.car_km, lang)) }),
      h('li', { text: flight }));

    this.renderComparison(r);
    f.citation.textContent = r.citation[lang];
    f.citation.setAttribute('lang', lang);
    f.copyStatus.textContent = '';
  }

  /** Lists the carbon-intensity sources with a value for the result's location (the core
   * says which), keeping the one chosen. */
  fillSources(r) {
    const f = this.f;
    const lang = this.lang;
    const key = `${lang} ${r.data_version} ${r.location}`;
    if (key === this._sourcesKey) return;
    let values;
    try {
      values = api.ciValues(r.location, r.data_version);
    } catch {
      return;
    }
    this._sourcesKey = key;
    const chosen = r.ci.source?.id || f.ciSource.value;
    const label = (v) => {
      const name = api.ciSourceName(v.source.id, lang).replace(/\s*\(.*\)$/, '');
      return v.year && !name.includes(String(v.year)) ? `${name} (${v.year})` : name;
    };
    f.ciSource.replaceChildren(...values.map((v) => h('option', {
      value: v.source.id,
      // the name without its parenthesis (the full name is shown with the result)
      text: `${label(v)} — ${api.formatNumber(v.ci_g_per_kwh, 2, lang)}${NBSP}gCO₂e/kWh`,
    })));
    this.chooseSource(chosen);
  }

  /** Selects a source, adding it to the list when it is not there yet (an imported job). */
  chooseSource(id) {
    const f = this.f;
    if (![...f.ciSource.options].some((o) => o.value === id)) f.ciSource.append(h('option', { value: id, text: id }));
    f.ciSource.value = id;
  }

  renderBreakdown(r) {
    const t = this.t;
    const lang = this.lang;
    const parts = [['cpu', t.cpuPart], ['gpu', t.gpuPart], ['memory', t.memoryPart]]
      .map(([k, name]) => ({ k, name, g: r.co2e_breakdown_g[k], kwh: r.energy_breakdown_kwh[k] }))
      .filter((p) => p.kwh > 0 || (p.k !== 'gpu' && p.k !== 'cpu') || r[p.k]);
    const total = parts.reduce((a, p) => a + p.kwh, 0) || 1;
    const width = 300;
    const svg = s('svg', { viewBox: `0 0 ${width} 28`, width: '100%', role: 'img', 'aria-labelledby': `${this._prefix}-bd-title`, focusable: 'false' });
    const items = parts.map((p) => ({ ...p, share: p.kwh / total }));
    const label = items.map((p) => `${p.name} ${api.formatPercent(p.share, lang)}`).join(', ');
    svg.append(s('title', { id: `${this._prefix}-bd-title` }, `${t.breakdown}: ${label}`));
    let x = 0;
    for (const p of items) {
      const w = p.share * width;
      if (w > 0) svg.append(s('rect', { x: x.toFixed(2), y: 2, width: w.toFixed(2), height: 24, fill: COLOURS[p.k], stroke: '#fff', 'stroke-width': 1 }));
      x += w;
    }
    const legend = h('ul', { class: 'legend' }, ...items.map((p) => {
      const sw = s('svg', { width: 14, height: 14, viewBox: '0 0 14 14', 'aria-hidden': 'true' });
      sw.append(s('rect', { width: 14, height: 14, fill: COLOURS[p.k] }));
      return h('li', {}, sw, `${p.name} ${api.formatCo2e(p.g, lang)} (${api.formatPercent(p.share, lang)})`);
    }));
    this.f.breakdown.replaceChildren(svg, legend);
  }

  /** Ranges, embodied share and water, when the core's result carries them. */
  renderBeyond(r) {
    const t = this.t;
    const lang = this.lang;
    const pct = (x) => api.formatPercent(x, lang);
    const rows = [];
    const range = r.co2e_g_range;
    if (range && Number.isFinite(range.low) && Number.isFinite(range.high)) {
      rows.push([t.uncertainty, `${api.formatCo2e(range.low, lang)} – ${api.formatCo2e(range.high, lang)}`]);
    }
    const embodied = r.embodied?.co2e_g;
    if (Number.isFinite(embodied)) {
      const share = Number.isFinite(r.embodied_share) ? r.embodied_share : embodied / (embodied + r.co2e_g || 1);
      rows.push([t.embodied, `${api.formatCo2e(embodied, lang)} (${pct(share)})`]);
      if (Number.isFinite(r.total_co2e_g)) rows.push([t.total, api.formatCo2e(r.total_co2e_g, lang)]);
    }
    const water = r.water_l;
    if (water && Number.isFinite(water.total)) {
      rows.push([t.water, `${api.formatSignificant(water.total, lang)}${NBSP}L (${t.waterParts(
        api.formatSignificant(water.onsite, lang), api.formatSignificant(water.offsite, lang))})`]);
    }
    this.f.beyond.replaceChildren(...(rows.length
      ? [h('dl', { class: 'beyond' }, ...rows.flatMap(([k, v]) => [h('dt', { text: k }), h('dd', { text: v })]))]
      : []));
  }

  /** The same energy in the core's reference countries (and the chosen location), computed
   * by the core's `compare` under the result's carbon-intensity source. */
  renderComparison(r) {
    const t = this.t;
    const lang = this.lang;
    const refs = api.referenceCountries();
    const codes = refs.includes(r.location) ? refs : [r.location, ...refs];
    const source = r.ci.source?.id;
    const bars = [];
    for (const code of codes) {
      let row;
      try {
        [row] = api.compare(r.energy_kwh, [code], source, r.data_version, lang);
      } catch {
        continue; // a place that the source or an old data version lacks
      }
      const mine = code === r.location;
      const name = refs.includes(code) ? row.name : `${r.ci.location_name} (${t.yourLocation})`;
      bars.push({ code, name, g: mine ? r.co2e_g : row.co2e_g, mine });
    }
    const max = Math.max(...bars.map((b) => b.g), 1e-12);
    const row = 22;
    const labelW = 150;
    const barW = 220;
    const width = labelW + barW + 110;
    const svg = s('svg', { viewBox: `0 0 ${width} ${bars.length * row + 4}`, width: '100%', role: 'img', 'aria-labelledby': `${this._prefix}-cmp-title`, focusable: 'false' });
    svg.append(s('title', { id: `${this._prefix}-cmp-title` },
      `${t.comparison}${api.colon(lang)}${bars.map((b) => `${b.name} ${api.formatCo2e(b.g, lang)}`).join(', ')}`));
    bars.forEach((b, i) => {
      const y = i * row + 2;
      const w = Math.max((b.g / max) * barW, 1);
      svg.append(s('text', { x: labelW - 6, y: y + 15, 'text-anchor': 'end', 'font-weight': b.mine ? 700 : 400 }, b.name));
      svg.append(s('rect', { x: labelW, y: y + 3, width: w.toFixed(2), height: row - 7, fill: b.mine ? COLOURS.cpu : '#5c5c5c' }));
      svg.append(s('text', { x: labelW + w + 5, y: y + 15, 'font-weight': b.mine ? 700 : 400 }, api.formatCo2e(b.g, lang)));
    });
    this.f.comparison.replaceChildren(svg);
  }

  async copyCitation() {
    const t = this.t;
    const text = this.f.citation.textContent;
    try {
      await navigator.clipboard.writeText(text);
      this.f.copyStatus.textContent = t.copied;
    } catch {
      const range = document.createRange();
      range.selectNodeContents(this.f.citation);
      const sel = window.getSelection();
      sel.removeAllRanges();
      sel.addRange(range);
      this.f.copyStatus.textContent = t.copyFailed;
    }
  }

  /** Saves a text as a file: a Blob and an object URL, no network. */
  save(text, name) {
    const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
    const a = h('a', { href: url, download: name, hidden: true });
    this.shadowRoot.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 0);
  }

  async importFile() {
    const file = this.f.file.files[0];
    this.f.file.value = '';
    if (!file) return;
    try {
      const job = JSON.parse(await file.text());
      if (!job || typeof job !== 'object') throw new Error('not an object');
      this.fillForm(job);
      this.update();
      this.f.copyStatus.textContent = '';
      this.announce(this.t.imported);
    } catch {
      this.f.message.replaceChildren(h('p', { text: this.t.importFailed }));
      this.announce(this.t.importFailed);
    }
  }
}

if (!customElements.get('empreinte-calculator')) {
  customElements.define('empreinte-calculator', EmpreinteCalculator);
}

export { EmpreinteCalculator };
