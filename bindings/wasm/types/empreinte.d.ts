// Hand-written declarations of the npm package `empreinte` (the WebAssembly binding of the
// Empreinte core). Field names are those of the core's JSON; units are in the names.

/** A Green Algorithms data version name. */
export type DataVersionName = 'v1.0' | 'v1.1' | 'v2.0' | 'v2.1' | 'v2.2' | 'v3.0';

/** A language of the rendered texts. */
export type Lang = 'fr' | 'en';

/** Where the job runs; decides the default PUE. */
export type Platform = 'local_server' | 'personal_computer' | 'cloud';

/** The CPU part of a job. */
export interface CpuSpec {
  /** Name in the data version's CPU table, `"Any"` (12 W per core) or `"other"` (then `tdp_per_core_w` is required). */
  model?: string | null;
  /** Cores used, ≥ 1. */
  cores?: number | null;
  /** Core usage factor, 0 to 1 (default 1). */
  usage?: number | null;
  /** W per core; replaces the table's value. */
  tdp_per_core_w?: number | null;
  /** How `tdp_per_core_w` was measured (e.g. `RAPL energy of package-0`): the origin is then `measured`. */
  measured_by?: string | null;
}

/** The GPU part of a job. */
export interface GpuSpec {
  /** Name in the GPU table (TPUs included), `"Any"` (200 W) or `"other"` (then `tdp_w` is required). */
  model?: string | null;
  /** GPUs used, ≥ 1. */
  count?: number | null;
  /** GPU usage factor, 0 to 1 (default 1). */
  usage?: number | null;
  /** W per GPU; replaces the table's value. */
  tdp_w?: number | null;
  /** How `tdp_w` was measured (e.g. `NVML energy of NVIDIA H100`): the origin is then `measured`. */
  measured_by?: string | null;
}

/** A computation to estimate: the job JSON of the core. Unknown keys are errors. */
export interface Job {
  /** `v1.0` … `v3.0`, or `latest` (default v3.0). */
  data_version?: DataVersionName | 'latest' | string | null;
  /** Runtime, hours (required). */
  runtime_h?: number | null;
  cpu?: CpuSpec | null;
  gpu?: GpuSpec | null;
  /** Memory allocated to the job, GB (required). */
  memory_gb?: number | null;
  /** Default `local_server`. */
  platform?: Platform | null;
  /** Cloud provider code: `gcp`, `aws`, `azure` (and `OVHcloud`, `Oracle` in v3.0), or `other`. */
  provider?: string | null;
  /** Cloud data centre name, e.g. `us-west1`. */
  datacenter?: string | null;
  /** Location code or name: `FR`, `US-CA`, `WORLD`, `France`. */
  location?: string | null;
  /** Power usage effectiveness, ≥ 1; when given it always wins. */
  pue?: number | null;
  /** Number of identical runs, ≥ 1 (default 1). */
  multiplicative_factor?: number | null;
  /** Grid carbon-intensity source: `ga` (default), `ember`, `electricity-maps-2024`, … (see {@link ciValues}). */
  ci_source?: string | null;
}

/** A value split between CPU, GPU and memory. */
export interface Breakdown {
  cpu: number;
  gpu: number;
  memory: number;
}

/** The PUE used and where it came from. */
export interface PueUsed {
  value: number;
  source: 'stated' | 'datacenter' | 'provider_default' | 'platform_default';
  /** The data's reference for it (empty when stated). */
  reference: string;
}

/** A grid carbon-intensity source: a versioned table and its licence. */
export interface CiSource {
  id: string;
  name: string;
  year: number | null;
  kind: string;
  scope: string;
  basis: string;
  /** SPDX id where there is one (`CC-BY-4.0`, `ODbL-1.0`, `CC-BY-SA-4.0`). */
  licence: string;
  /** The attribution the licence asks for. */
  attribution: string;
  url: string;
  version: string;
  file: string;
  sha256: string;
}

/** A carbon intensity with its source. */
export interface CiValue {
  ci_g_per_kwh: number;
  source: CiSource;
  zone: string;
  zone_name: string;
  year: number | null;
  dataset_version: string;
  dataset_sha256: string;
}

/** The carbon intensity used and its provenance. */
export interface CarbonIntensity {
  g_per_kwh: number;
  location: string;
  location_name: string;
  location_source: 'stated' | 'datacenter';
  source: CiSource;
  zone: string;
  zone_name: string;
  year: number | null;
  [extra: string]: unknown;
}

/** The CPU part as computed. */
export interface CpuUsed {
  model: string;
  cores: number;
  usage: number;
  tdp_per_core_w: number;
  /** `table`; `stated` (the job's own power); `measured` (`source` says how). */
  origin: 'table' | 'stated' | 'measured';
  source: string;
  [extra: string]: unknown;
}

/** The GPU part as computed. */
export interface GpuUsed {
  model: string;
  count: number;
  usage: number;
  tdp_w: number;
  /** `table`; `stated` (the job's own power); `measured` (`source` says how). */
  origin: 'table' | 'stated' | 'measured';
  source: string;
  [extra: string]: unknown;
}

/** A flight equivalence. */
export interface Flight {
  route: 'Paris-London' | 'Paris-Dublin' | 'New York-San Francisco' | 'New York-Melbourne';
  /** CO2e ÷ the route's CO2e per passenger. */
  fraction: number;
}

/** The result of {@link estimate}: the core's result JSON. Numbers are not rounded. */
export interface Estimate {
  data_version: DataVersionName;
  runtime_h: number;
  /** Energy drawn, PUE and multiplicative factor included. */
  energy_kwh: number;
  /** Carbon footprint, grams CO2e. */
  co2e_g: number;
  /** Power drawn, PUE included. */
  power_w: number;
  energy_breakdown_kwh: Breakdown;
  co2e_breakdown_g: Breakdown;
  power_breakdown_w: Breakdown;
  pue: PueUsed;
  ci_g_per_kwh: number;
  /** Location code whose carbon intensity was used. */
  location: string;
  ci: CarbonIntensity;
  platform: Platform;
  provider: string | null;
  datacenter: string | null;
  cpu: CpuUsed | null;
  gpu: GpuUsed | null;
  memory_gb: number;
  memory_power_w_per_gb: number;
  multiplicative_factor: number;
  tree_months: number;
  car_km: number;
  flight: Flight;
  /** The citable paragraph in French and English. */
  citation: { fr: string; en: string };
  /** The input fields that took their default value, e.g. `"pue"`, `"cpu.usage"`. */
  defaults: string[];
  method: string;
  /** Embodied (manufacturing) emissions of the hardware, when they apply. */
  embodied?: { co2e_g: number; model: string; [extra: string]: unknown } | null;
  /** Operational + embodied CO2e, g. */
  total_co2e_g?: number;
  /** Embodied share of the total, 0 to 1. */
  embodied_share?: number;
  /** Low, central and high values of the energy, kWh. */
  energy_kwh_range?: Range | null;
  /** Low, central and high values of the operational CO2e, g. */
  co2e_g_range?: Range | null;
  /** Low, central and high values of the total CO2e, g. */
  total_co2e_g_range?: Range | null;
  /** Water consumed, litres, when the grid's water intensity is known. */
  water_l?: { onsite: number; offsite: number; total: number } | null;
  /** Other fields of the core's result (uncertainty details, SCI, water factors…). */
  [extra: string]: unknown;
}

/** A range of a quantity. */
export interface Range {
  low: number;
  central: number;
  high: number;
}

/** A CPU row of a data version's table. */
export interface CpuModel {
  name: string;
  tdp_w: number | null;
  cores: number | null;
  tdp_per_core_w: number;
  release_year: number | null;
  source: string;
}

/** A GPU (or TPU) row. */
export interface GpuModel {
  name: string;
  tdp_w: number;
  memory_gb: number | null;
  release_year: number | null;
  source: string;
}

/** A location row with its carbon intensity. */
export interface Location {
  code: string;
  continent: string;
  /** `"Any"` for the world. */
  country: string;
  /** `"Any"` for a whole country. */
  region: string;
  ci_g_per_kwh: number;
  /** `World`, `Country` or `Region`. */
  kind: string;
  source: string;
  comments: string;
}

/** A cloud provider. */
export interface Provider {
  code: string;
  name: string;
  has_datacenters: boolean;
}

/** A cloud data centre. */
export interface Datacenter {
  provider: string;
  name: string;
  location: string;
  place: string;
  source: string;
  pue: number | null;
  pue_source: string;
}

/** The empreinte-hw table: hardware since 2019 that the Green Algorithms tables lack. */
export interface HardwareTable {
  /** e.g. `"hw-2026.11"`. */
  version: string;
  cpus: CpuModel[];
  gpus: GpuModel[];
  digest: string;
}

/** The tables that {@link search} searches, and the row type of each. */
export interface Tables {
  cpus: CpuModel;
  gpus: GpuModel;
  locations: Location;
  providers: Provider;
  datacenters: Datacenter;
}

/** The stable codes of {@link EmpreinteError}. */
export type ErrorCode =
  | 'negative_value'
  | 'non_finite_value'
  | 'usage_out_of_range'
  | 'pue_below_one'
  | 'multiplicative_factor_below_one'
  | 'zero_count'
  | 'count_out_of_range'
  | 'no_processor'
  | 'missing_field'
  | 'missing_tdp'
  | 'unknown_cpu'
  | 'unknown_gpu'
  | 'unknown_location'
  | 'unknown_provider'
  | 'unknown_datacenter'
  | 'unknown_data_version'
  | 'unknown_ci_source'
  | 'no_intensity'
  | 'invalid_timestamp'
  | 'invalid_series'
  | 'series_gap'
  | 'outside_series'
  | 'missing_location'
  | 'datacenter_without_intensity'
  | 'conflicting_input'
  | 'not_applicable'
  | 'overflow'
  | 'fraction_out_of_range'
  | 'not_positive'
  | 'invalid_bounds'
  | 'unknown_embodied_model'
  | 'missing_water_intensity'
  | 'invalid_duration'
  | 'invalid_document'
  | 'invalid_manifest'
  | 'invalid_report'
  | 'invalid_argument'
  | 'invalid_sacct_line'
  | (string & {});

/** What every function of the package throws: a JS `Error` with stable properties. */
export interface EmpreinteError extends Error {
  name: 'EmpreinteError';
  /** Stable machine-readable code, e.g. `"unknown_cpu"`. */
  code: ErrorCode;
  /** The input field at fault as a path (`"cpu.cores"`), or `null`. */
  field: string | null;
  /** Up to three nearest known names for an unknown name, else `[]`. */
  suggestions: string[];
}

/**
 * Estimates a job (an object in the job JSON shape, or its JSON text).
 * @throws {EmpreinteError} naming the field at fault.
 */
export function estimate(job: Job | string): Estimate;

/** The data versions, oldest first; the last one is the default. */
export function dataVersions(): DataVersionName[];

/** The CPU table of a data version (default v3.0). @throws {EmpreinteError} `unknown_data_version`. */
export function cpus(version?: string | null): CpuModel[];
/** The GPU (and TPU) table of a data version. */
export function gpus(version?: string | null): GpuModel[];
/** The locations of a data version, with their carbon intensity. */
export function locations(version?: string | null): Location[];
/** The cloud providers of a data version. */
export function providers(version?: string | null): Provider[];
/** The cloud data centres of a data version. */
export function datacenters(version?: string | null): Datacenter[];

/** The empreinte-hw table, which {@link estimate} searches after the data version's own tables. */
export function hardwareTable(): HardwareTable;
/** Every carbon-intensity source's value for a location (`ga` first), with its licence. */
export function ciValues(location: string, version?: string | null): CiValue[];

/**
 * The rows of a table matching every word of `query` (case- and space-insensitive), exact
 * names first, then names starting with the query.
 * @throws {EmpreinteError} `invalid_argument` on an unknown table.
 */
export function search<T extends keyof Tables>(table: T, query: string, version?: string | null): Tables[T][];

/**
 * A runtime as people write it (`12h30m`, `90m`, `1.5h`, `2d 3h`, `1-02:00:00`, a number
 * of hours), in hours. @throws {EmpreinteError} `invalid_duration`.
 */
export function parseRuntime(text: string): number;

/** An energy in kWh as text, in Wh/kWh/MWh/GWh as its size asks: `2,13 kWh` (fr), `2.13 kWh` (en). */
export function formatEnergy(kwh: number, lang: Lang | string): string;
/** A mass of CO2e in grams as text: `109,28 gCO₂e`, `1,28 kgCO₂e`. */
export function formatCo2e(g: number, lang: Lang | string): string;
/** A power in W as text: `177,59 W`. */
export function formatPower(w: number, lang: Lang | string): string;
/** A duration in hours as text: `12 h` (fr), `12h` (en). */
export function formatDuration(hours: number, lang: Lang | string): string;
/** A number with `decimals` decimals, grouped: `1 234,57` (fr, narrow no-break spaces), `1,234.57` (en). */
export function formatNumber(value: number, decimals: number, lang: Lang | string): string;
/** A number with three significant digits: `0,119`, `1 012`. */
export function formatSignificant(value: number, lang: Lang | string): string;
/**
 * The web widget's texts in `lang`, from the core's FR/EN catalogue: `{ title: …,
 * "error.unknown_cpu": … }`; `{name}` placeholders (`treeMonths`, `summary`…) are left to fill.
 */
export function widgetWords(lang: Lang | string): Record<string, string>;
/** Green Algorithms' reference countries for comparisons: `["CH", "SE", "FR", …]`. */
export function referenceCountries(): string[];
/** One location of {@link compare}. */
export interface Comparison {
  location: string;
  /** Its name, in the language asked for. */
  name: string;
  /** The source's zone for it. */
  zone: string;
  ci_g_per_kwh: number;
  year: number | null;
  co2e_g: number;
}
/**
 * The same energy in each location (the reference countries when `locations` is null),
 * under a carbon-intensity source (default `ga`), names in `lang` (default `en`).
 */
export function compare(
  energyKwh: number,
  locations?: string[] | null,
  source?: string | null,
  dataVersion?: string | null,
  lang?: Lang | string | null,
): Comparison[];
/** Every `code` an error of this package may carry: the core's list, which `ErrorCode` follows. */
export function errorCodes(): ErrorCode[];
/** A share in [0, 1] as a percentage: `12,3 %` (fr, narrow no-break space), `12.3%` (en). */
export function formatPercent(share: number, lang: Lang | string): string;
/** The separator of a label and its value: `\u202F: ` (fr), `: ` (en). */
export function colon(lang: Lang | string): string;
/** A grid-intensity source's name in `lang` (`ga`, `ember`…); the id itself when unknown. */
export function ciSourceName(id: string, lang: Lang | string): string;

/**
 * The audit-grade report: the report JSON document of Empreinte's report schema (figures as
 * fixed-scale decimal strings), with `integrity.payload_sha256` over its canonical form.
 */
export interface Report {
  schema: string;
  report_id: string;
  generated_at: string;
  tool: { name: string; version: string; target: 'rust' | 'python' | 'wasm' | string };
  integrity: { algorithm: string; canonicalization: string; excluded: string[]; payload_sha256: string };
  [section: string]: unknown;
}

/** What {@link verify} finds. */
export type Verdict =
  | { verdict: 'valid'; payload_sha256: string }
  | { verdict: 'tampered'; stated: string; computed: string }
  | { verdict: 'not_reproducible'; field: string; stated: string; recomputed: string; note: string }
  | { verdict: 'invalid'; reason: string };

/** The envelope of a report: outside its digest. */
export interface ReportOptions {
  /** Lowercase hyphenated UUID (default: `crypto.randomUUID()`). */
  report_id?: string;
  /** `YYYY-MM-DDTHH:MM:SSZ` (default: now). */
  generated_at?: string;
}

/**
 * Builds the report of a manifest (TOML or JSON text, or an object).
 * @throws {EmpreinteError} naming the manifest key at fault.
 */
export function report(manifest: string | object, options?: ReportOptions): Report;

/** Verifies a report (its JSON text or the object): digest, then recomputation. Never throws. */
export function verify(report: string | Report | object): Verdict;

/**
 * A report as a self-contained HTML page, Markdown or plain text, in French or English.
 * @throws {EmpreinteError} `invalid_argument` on an unknown format or language, or the
 * report's own error when it cannot be read.
 */
export function renderReport(report: string | Report | object, format: 'html' | 'markdown' | 'text', lang: Lang | string): string;

/** The tool as cited, e.g. `"Empreinte 0.1.0"`. */
export function version(): string;

/** What `init` accepts: the wasm module's URL, bytes or compiled module (browsers). */
export type InitInput =
  | RequestInfo
  | URL
  | Response
  | BufferSource
  | WebAssembly.Module
  | Promise<RequestInfo | URL | Response | BufferSource | WebAssembly.Module>;

/**
 * Loads the WebAssembly module; await it once before any other call in a browser (by
 * default it fetches `empreinte_bg.wasm` next to the module). Under Node the module is
 * ready on import and `init` resolves at once.
 */
export default function init(
  input?: { module_or_path?: InitInput } | InitInput,
): Promise<unknown>;

/**
 * Compiles and instantiates the WebAssembly module synchronously from its bytes (browsers;
 * under Node the module is ready on import and this does nothing).
 */
export function initSync(input: { module: BufferSource | WebAssembly.Module } | BufferSource | WebAssembly.Module): unknown;
