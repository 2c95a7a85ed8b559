//! WebAssembly binding of Empreinte: the npm package `empreinte`.
//!
//! Every export reads its arguments, calls one function of the core and converts the
//! result or the error; the conversions live in `convert`. Values cross as plain JS
//! objects with the core's JSON field names (`energy_kwh`, `co2e_g`, …); errors are JS
//! `Error`s with stable `code`, `field` and `suggestions` properties.

mod convert;

use empreinte::format;
use empreinte::DataVersion;
use wasm_bindgen::prelude::*;

use convert::{core_error, dataset, job, lang, to_js};
#[cfg(feature = "report")]
use convert::{envelope, json_text};

/// `estimate(job)`: the Green Algorithms estimate of a job (an object in the job JSON
/// shape, or its JSON text), as the result JSON's object.
#[wasm_bindgen]
pub fn estimate(job_value: JsValue) -> Result<JsValue, JsValue> {
    let job = job(&job_value)?;
    to_js(&empreinte::estimate(&job).map_err(core_error)?)
}

/// `dataVersions()`: the data versions, oldest first; the last is the default.
#[wasm_bindgen(js_name = dataVersions)]
pub fn data_versions() -> Result<JsValue, JsValue> {
    let names: Vec<&str> = DataVersion::ALL.iter().map(|v| v.as_str()).collect();
    to_js(&names)
}

/// `cpus(version?)`: the CPU table of a data version (default v3.0).
#[wasm_bindgen]
pub fn cpus(version: Option<String>) -> Result<JsValue, JsValue> {
    to_js(&dataset(version)?.cpus)
}

/// `gpus(version?)`: the GPU (and TPU) table.
#[wasm_bindgen]
pub fn gpus(version: Option<String>) -> Result<JsValue, JsValue> {
    to_js(&dataset(version)?.gpus)
}

/// `locations(version?)`: the locations with their carbon intensity.
#[wasm_bindgen]
pub fn locations(version: Option<String>) -> Result<JsValue, JsValue> {
    to_js(&dataset(version)?.locations)
}

/// `providers(version?)`: the cloud providers.
#[wasm_bindgen]
pub fn providers(version: Option<String>) -> Result<JsValue, JsValue> {
    to_js(&dataset(version)?.providers)
}

/// `datacenters(version?)`: the cloud data centres.
#[wasm_bindgen]
pub fn datacenters(version: Option<String>) -> Result<JsValue, JsValue> {
    to_js(&dataset(version)?.datacenters)
}

/// `ciValues(location, version?)`: every grid carbon-intensity source's value for a
/// location (`ga`, the data version's own, first), each with its source's metadata and
/// licence; the sources without a value there are left out.
#[wasm_bindgen(js_name = ciValues)]
pub fn ci_values(location: &str, version: Option<String>) -> Result<JsValue, JsValue> {
    let ds = dataset(version)?;
    to_js(&empreinte::intensity::values_at(location, ds).map_err(core_error)?)
}

/// `hardwareTable()`: the empreinte-hw table (CPUs, GPUs and accelerators released since
/// 2019 that the Green Algorithms tables lack), which `estimate` searches after the data
/// version's own tables: `{version, cpus, gpus, digest}`.
#[wasm_bindgen(js_name = hardwareTable)]
pub fn hardware_table() -> Result<JsValue, JsValue> {
    to_js(&convert::Hardware::from(&empreinte::EMPREINTE_HW))
}

/// `search(table, query, version?)`: the rows of `table` (`cpus`, `gpus`, `locations`,
/// `providers`, `datacenters`) matching every word of `query`, best first.
#[wasm_bindgen]
pub fn search(table: &str, query: &str, version: Option<String>) -> Result<JsValue, JsValue> {
    let table = empreinte::Table::parse(table).map_err(core_error)?;
    to_js(&dataset(version)?.search_table(table, query))
}

/// `parseRuntime(text)`: a runtime as people write it (`12h30m`, `90m`, `1.5h`,
/// `1-02:00:00`, a number of hours), in hours.
#[wasm_bindgen(js_name = parseRuntime)]
pub fn parse_runtime(text: &str) -> Result<f64, JsValue> {
    empreinte::parse_runtime_h(text, "runtime_h").map_err(core_error)
}

/// `formatEnergy(kwh, lang)`: `2,13 kWh`, `446,28 Wh` (French or English typography).
#[wasm_bindgen(js_name = formatEnergy)]
pub fn format_energy(kwh: f64, lang_tag: &str) -> Result<String, JsValue> {
    Ok(format::energy_kwh(kwh, lang(lang_tag)?))
}

/// `formatCo2e(g, lang)`: `109,28 gCO₂e`, `1,28 kgCO₂e`.
#[wasm_bindgen(js_name = formatCo2e)]
pub fn format_co2e(g: f64, lang_tag: &str) -> Result<String, JsValue> {
    Ok(format::co2e_g(g, lang(lang_tag)?))
}

/// `formatPower(w, lang)`: `177,59 W`.
#[wasm_bindgen(js_name = formatPower)]
pub fn format_power(w: f64, lang_tag: &str) -> Result<String, JsValue> {
    Ok(format::power_w(w, lang(lang_tag)?))
}

/// `formatDuration(hours, lang)`: `12h`, `1h30`.
#[wasm_bindgen(js_name = formatDuration)]
pub fn format_duration(hours: f64, lang_tag: &str) -> Result<String, JsValue> {
    Ok(format::duration_h(hours, lang(lang_tag)?))
}

/// `referenceCountries()`: Green Algorithms' reference countries for comparisons
/// (`["CH", "SE", …]`).
#[wasm_bindgen(js_name = referenceCountries)]
pub fn reference_countries() -> Vec<String> {
    empreinte::intensity::REFERENCE_COUNTRIES
        .iter()
        .map(|c| (*c).to_owned())
        .collect()
}

/// `compare(energyKwh, locations, source?, dataVersion?, lang?)`: the same energy in each
/// location (Green Algorithms' reference countries when `locations` is `null`), under the
/// carbon-intensity source `source` (default `ga`; a stated value compares under `ga`):
/// `[{ location, name, zone, ci_g_per_kwh, year, co2e_g }]`, names in `lang` (default `en`).
#[wasm_bindgen]
pub fn compare(
    energy_kwh: f64,
    locations: Option<Vec<String>>,
    source: Option<String>,
    data_version: Option<String>,
    lang_tag: Option<String>,
) -> Result<JsValue, JsValue> {
    let lang = lang(lang_tag.as_deref().unwrap_or("en"))?;
    let codes: Vec<String> = locations.unwrap_or_else(reference_countries);
    let codes: Vec<&str> = codes.iter().map(String::as_str).collect();
    let rows = empreinte::intensity::compare(
        energy_kwh,
        &codes,
        source.as_deref().unwrap_or("ga"),
        dataset(data_version)?,
    )
    .map_err(core_error)?;
    let rows: Vec<serde_json::Value> = rows
        .iter()
        .map(|r| {
            serde_json::json!({
                "location": r.location,
                "name": empreinte::words::vocabulary::place_name(&r.location, r.name, lang),
                "zone": r.zone,
                "ci_g_per_kwh": r.ci_g_per_kwh,
                "year": r.year,
                "co2e_g": r.co2e_g,
            })
        })
        .collect();
    to_js(&rows)
}

/// `errorCodes()`: every `code` an error of this package may carry, the core's list.
#[wasm_bindgen(js_name = errorCodes)]
pub fn error_codes() -> Vec<String> {
    empreinte::Error::CODES
        .iter()
        .map(|c| (*c).to_owned())
        .collect()
}

/// `widgetWords(lang)`: the web widget's texts in `lang` (`{ title: …, "error.unknown_cpu": … }`),
/// from the core's catalogue; `{name}` placeholders are the widget's to fill.
#[wasm_bindgen(js_name = widgetWords)]
pub fn widget_words(lang_tag: &str) -> Result<JsValue, JsValue> {
    let words: std::collections::BTreeMap<&str, &str> =
        empreinte::words::widget::widget_words(lang(lang_tag)?).collect();
    to_js(&words)
}

/// `formatPercent(share, lang)`: a share in [0, 1] as `12,3 %` (narrow no-break space) or
/// `12.3%`.
#[wasm_bindgen(js_name = formatPercent)]
pub fn format_percent(share: f64, lang_tag: &str) -> Result<String, JsValue> {
    Ok(format::percent(share, lang(lang_tag)?))
}

/// `colon(lang)`: the separator of a label and its value, `\u202F: ` in French, `: ` in
/// English.
#[wasm_bindgen]
pub fn colon(lang_tag: &str) -> Result<String, JsValue> {
    Ok(empreinte::words::colon(lang(lang_tag)?).to_owned())
}

/// `ciSourceName(id, lang)`: a grid-intensity source's name in `lang` (the id itself when
/// no source has it).
#[wasm_bindgen(js_name = ciSourceName)]
pub fn ci_source_name(id: &str, lang_tag: &str) -> Result<String, JsValue> {
    let lang = lang(lang_tag)?;
    Ok(empreinte::intensity::sources()
        .iter()
        .find(|s| s.id == id)
        .map_or(id, |s| {
            empreinte::words::vocabulary::ci_source_name(s.id, s.name, lang)
        })
        .to_owned())
}

/// `formatNumber(value, decimals, lang)`: `1 234,57` (narrow no-break space) or `1,234.57`.
#[wasm_bindgen(js_name = formatNumber)]
pub fn format_number(value: f64, decimals: u32, lang_tag: &str) -> Result<String, JsValue> {
    Ok(format::number(
        value,
        decimals.min(20) as usize,
        lang(lang_tag)?,
    ))
}

/// `formatSignificant(value, lang)`: three significant digits, `0,119`, `1 012`.
#[wasm_bindgen(js_name = formatSignificant)]
pub fn format_significant(value: f64, lang_tag: &str) -> Result<String, JsValue> {
    Ok(format::significant(value, lang(lang_tag)?))
}

/// `report(manifest, options?)`: the audit-grade report of a manifest (TOML or JSON text,
/// or an object), as the report JSON's object. `options.report_id` (a lowercase UUID) and
/// `options.generated_at` (`YYYY-MM-DDTHH:MM:SSZ`) default to a random UUID and now.
#[cfg(feature = "report")]
#[wasm_bindgen]
pub fn report(manifest: JsValue, options: JsValue) -> Result<JsValue, JsValue> {
    let text = json_text(&manifest, "manifest")?;
    let built =
        empreinte::report::from_manifest_text(&text, &envelope(&options)?).map_err(core_error)?;
    to_js(&built)
}

/// `verify(report)`: checks a report (its JSON text, or the object): the digest, then a
/// recomputation from its own inputs. `{verdict: "valid" | "tampered" |
/// "not_reproducible" | "invalid", …}`; never throws for a bad report.
#[cfg(feature = "report")]
#[wasm_bindgen]
pub fn verify(report: JsValue) -> Result<JsValue, JsValue> {
    to_js(&empreinte::report::verify(&json_text(&report, "report")?))
}

/// `renderReport(report, format, lang)`: a report as a self-contained HTML page
/// (`"html"`), Markdown (`"markdown"`) or plain text (`"text"`), in French or English.
#[cfg(feature = "report")]
#[wasm_bindgen(js_name = renderReport)]
pub fn render_report(report: JsValue, format: &str, lang_tag: &str) -> Result<String, JsValue> {
    let format = empreinte::report::RenderFormat::parse(format).map_err(core_error)?;
    let lang = lang(lang_tag)?;
    let parsed =
        empreinte::report::parse_report(&json_text(&report, "report")?).map_err(core_error)?;
    Ok(empreinte::report::render(&parsed, format, lang))
}

/// `version()`: the tool as cited, e.g. `Empreinte 0.1.0`.
#[wasm_bindgen]
pub fn version() -> String {
    empreinte::TOOL.to_owned()
}
