//! `empreinte data`: the rows of one table of a Green Algorithms data version, all of them
//! or those matching a search, as an aligned table or a JSON array.

use anyhow::Context;
use clap::{Args, ValueEnum};
use empreinte::{DataVersion, Dataset, Lang};
use serde::Serialize;

use crate::table::{plain, Align, Table};
use crate::{Format, Style};

/// Options of `empreinte data`.
#[derive(Debug, Args)]
pub struct DataArgs {
    /// The table to list.
    #[arg(value_enum)]
    table: TableName,
    /// Only the rows whose name (or code, place, …) contains every word of TEXT.
    #[arg(long, short, value_name = "TEXT")]
    search: Option<String>,
    /// Green Algorithms data version: v1.0 … v3.0 [default: v3.0].
    #[arg(long, value_name = "VERSION")]
    data_version: Option<String>,
}

/// The tables of a data version.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum TableName {
    /// CPU models and their power per core.
    Cpus,
    /// GPU (and TPU) models and their power.
    Gpus,
    /// Locations and the carbon intensity of their electricity.
    Locations,
    /// Cloud providers.
    Providers,
    /// Cloud data centres, their location and PUE.
    #[value(alias = "datacentres")]
    Datacenters,
    /// Grid carbon-intensity sources, with their kind, scope, basis, year and licence.
    CiSources,
}

/// Runs `empreinte data`; returns what to print.
///
/// # Errors
/// An unknown data version.
pub fn run(args: &DataArgs, style: Style) -> anyhow::Result<String> {
    let version = match args.data_version.as_deref() {
        Some(v) => DataVersion::parse(v)?,
        None => DataVersion::DEFAULT,
    };
    let ds = version.dataset();
    let query = args.search.as_deref();
    let lang = style.lang;
    let (rows_json, table) = match args.table {
        TableName::Cpus => {
            let rows = query.map_or_else(|| ds.cpus.iter().collect(), |q| ds.search_cpus(q));
            (to_json(&rows, style)?, cpus(&rows, lang))
        }
        TableName::Gpus => {
            let rows = query.map_or_else(|| ds.gpus.iter().collect(), |q| ds.search_gpus(q));
            (to_json(&rows, style)?, gpus(&rows, lang))
        }
        TableName::Locations => {
            let rows =
                query.map_or_else(|| ds.locations.iter().collect(), |q| ds.search_locations(q));
            (to_json(&rows, style)?, locations(&rows, lang))
        }
        TableName::Providers => {
            let rows =
                query.map_or_else(|| ds.providers.iter().collect(), |q| ds.search_providers(q));
            (to_json(&rows, style)?, providers(ds, &rows, lang))
        }
        TableName::Datacenters => {
            let rows = query.map_or_else(
                || ds.datacenters.iter().collect(),
                |q| ds.search_datacenters(q),
            );
            (to_json(&rows, style)?, datacenters(&rows, lang))
        }
        TableName::CiSources => {
            let rows: Vec<&empreinte::intensity::CiSource> = empreinte::intensity::sources()
                .iter()
                .filter(|s| {
                    query.is_none_or(|q| {
                        let hay = format!("{} {} {}", s.id, s.name, s.licence).to_lowercase();
                        q.split_whitespace()
                            .all(|w| hay.contains(&w.to_lowercase()))
                    })
                })
                .collect();
            if let Some(json) = to_json(&rows, style)? {
                return Ok(json);
            }
            let mut out = ci_sources(&rows, lang).render();
            out.push_str(&match lang {
                Lang::Fr => format!("{}\u{a0}sources d’intensité carbone\n", rows.len()),
                Lang::En => format!("{} carbon-intensity sources\n", rows.len()),
            });
            return Ok(out);
        }
    };
    Ok(match rows_json {
        Some(json) => json,
        None => {
            let mut out = table.render();
            out.push_str(&footer(table.len(), version, lang));
            out
        }
    })
}

/// The rows as a pretty JSON array, when JSON is asked for.
fn to_json<T: Serialize>(rows: &[&T], style: Style) -> anyhow::Result<Option<String>> {
    if style.format != Format::Json {
        return Ok(None);
    }
    let mut out = serde_json::to_string_pretty(rows).context("cannot serialise the rows")?;
    out.push('\n');
    Ok(Some(out))
}

/// The last line: how many rows, from which data, under which licence.
fn footer(count: usize, version: DataVersion, lang: Lang) -> String {
    match lang {
        Lang::Fr => format!(
            "{count}\u{a0}ligne{} · données Green Algorithms {version} (CC BY 4.0)\n",
            if count > 1 { "s" } else { "" }
        ),
        Lang::En => format!(
            "{count} row{} · Green Algorithms data {version} (CC BY 4.0)\n",
            if count == 1 { "" } else { "s" }
        ),
    }
}

use empreinte::words::tr;

fn opt(value: Option<f64>, lang: Lang) -> String {
    value.map(|v| plain(v, lang)).unwrap_or_default()
}

fn ci_sources(rows: &[&empreinte::intensity::CiSource], lang: Lang) -> Table {
    use empreinte::intensity::{CiBasis, CiKind, CiScope};
    let mut t = Table::new(&[
        ("Id", Align::Left),
        (tr(lang, "Nom", "Name"), Align::Left),
        (tr(lang, "Année", "Year"), Align::Right),
        (tr(lang, "Type", "Kind"), Align::Left),
        (tr(lang, "Périmètre", "Scope"), Align::Left),
        (tr(lang, "Base", "Basis"), Align::Left),
        (tr(lang, "Zones", "Zones"), Align::Right),
        (tr(lang, "Licence", "Licence"), Align::Left),
    ]);
    for s in rows {
        let kind = match s.kind {
            CiKind::Average => tr(lang, "moyen", "average"),
            CiKind::Marginal => tr(lang, "marginal", "marginal"),
            _ => "",
        };
        let scope = match s.scope {
            CiScope::Lifecycle => tr(lang, "cycle de vie", "lifecycle"),
            CiScope::Direct => tr(lang, "direct", "direct"),
            CiScope::ProductionMixFactor => {
                tr(lang, "facteur mix de production", "production mix factor")
            }
            _ => "",
        };
        let basis = match s.basis {
            CiBasis::Production => tr(lang, "production", "production"),
            CiBasis::Consumption => tr(lang, "consommation", "consumption"),
            _ => "",
        };
        t.push(vec![
            s.id.to_owned(),
            s.name.to_owned(),
            s.year.map(|y| y.to_string()).unwrap_or_default(),
            kind.to_owned(),
            scope.to_owned(),
            basis.to_owned(),
            match s.zone_count() {
                0 => String::new(),
                n => n.to_string(),
            },
            s.licence.to_owned(),
        ]);
    }
    t
}

fn cpus(rows: &[&empreinte::CpuModel], lang: Lang) -> Table {
    let mut t = Table::new(&[
        (tr(lang, "Modèle", "Model"), Align::Left),
        (tr(lang, "W/cœur", "W/core"), Align::Right),
        ("TDP (W)", Align::Right),
        (tr(lang, "Cœurs", "Cores"), Align::Right),
        (tr(lang, "Année", "Year"), Align::Right),
        ("Source", Align::Left),
    ]);
    for r in rows {
        t.push(vec![
            r.name.to_owned(),
            plain(r.tdp_per_core_w, lang),
            opt(r.tdp_w, lang),
            r.cores.map(|c| c.to_string()).unwrap_or_default(),
            r.release_year.map(|y| y.to_string()).unwrap_or_default(),
            r.source.to_owned(),
        ]);
    }
    t
}

fn gpus(rows: &[&empreinte::GpuModel], lang: Lang) -> Table {
    let mut t = Table::new(&[
        (tr(lang, "Modèle", "Model"), Align::Left),
        ("TDP (W)", Align::Right),
        (tr(lang, "Mémoire (Go)", "Memory (GB)"), Align::Right),
        (tr(lang, "Année", "Year"), Align::Right),
        ("Source", Align::Left),
    ]);
    for r in rows {
        t.push(vec![
            r.name.to_owned(),
            plain(r.tdp_w, lang),
            opt(r.memory_gb, lang),
            r.release_year.map(|y| y.to_string()).unwrap_or_default(),
            r.source.to_owned(),
        ]);
    }
    t
}

fn locations(rows: &[&empreinte::Location], lang: Lang) -> Table {
    let mut t = Table::new(&[
        ("Code", Align::Left),
        (tr(lang, "Nom", "Name"), Align::Left),
        ("gCO₂e/kWh", Align::Right),
        ("Source", Align::Left),
    ]);
    for r in rows {
        let source = if r.comments.is_empty() {
            r.source.to_owned()
        } else {
            format!("{} ({})", r.source, r.comments)
        };
        t.push(vec![
            r.code.to_owned(),
            r.display_name(),
            plain(r.ci_g_per_kwh, lang),
            source,
        ]);
    }
    t
}

fn providers(ds: &'static Dataset, rows: &[&empreinte::Provider], lang: Lang) -> Table {
    let mut t = Table::new(&[
        ("Code", Align::Left),
        (tr(lang, "Nom", "Name"), Align::Left),
        (tr(lang, "Centres listés", "Data centres"), Align::Left),
        (tr(lang, "PUE par défaut", "Default PUE"), Align::Right),
    ]);
    for r in rows {
        t.push(vec![
            r.code.to_owned(),
            r.name.to_owned(),
            if r.has_datacenters {
                tr(lang, "oui", "yes")
            } else {
                tr(lang, "non", "no")
            }
            .to_owned(),
            opt(ds.default_pue(r.code).map(|p| p.pue), lang),
        ]);
    }
    t
}

fn datacenters(rows: &[&empreinte::Datacenter], lang: Lang) -> Table {
    let mut t = Table::new(&[
        (tr(lang, "Fournisseur", "Provider"), Align::Left),
        (tr(lang, "Nom", "Name"), Align::Left),
        (tr(lang, "Zone", "Location"), Align::Left),
        (tr(lang, "Lieu", "Place"), Align::Left),
        ("PUE", Align::Right),
    ]);
    for r in rows {
        t.push(vec![
            r.provider.to_owned(),
            r.name.to_owned(),
            r.location.to_owned(),
            r.place.to_owned(),
            opt(r.pue, lang),
        ]);
    }
    t
}
