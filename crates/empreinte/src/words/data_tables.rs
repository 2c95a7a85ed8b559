//! The data tables as text (`empreinte data`): the rows of one table of a data version,
//! all of them or those matching a search, in aligned columns with French or English
//! headers, and a last line naming the data and its licence; the same rows as JSON.

use serde::Serialize;

use super::text_table::{Align, TextTable};
use super::tr;
use crate::format::{plain, Lang};
use crate::intensity::CiSource;
use crate::tables::lookup::Table;
use crate::tables::{CpuModel, DataVersion, Datacenter, Dataset, GpuModel, Location, Provider};

/// The rows of `table` (all, in table order, without a query; else those matching every
/// word of it, best first) as text in `lang`, with the footer.
pub fn table_text(ds: &'static Dataset, table: Table, query: Option<&str>, lang: Lang) -> String {
    let t = match table {
        Table::Cpus => cpus(
            &rows(query, || ds.cpus.iter().collect(), |q| ds.search_cpus(q)),
            lang,
        ),
        Table::Gpus => gpus(
            &rows(query, || ds.gpus.iter().collect(), |q| ds.search_gpus(q)),
            lang,
        ),
        Table::Locations => locations(
            &rows(
                query,
                || ds.locations.iter().collect(),
                |q| ds.search_locations(q),
            ),
            lang,
        ),
        Table::Providers => providers(
            ds,
            &rows(
                query,
                || ds.providers.iter().collect(),
                |q| ds.search_providers(q),
            ),
            lang,
        ),
        Table::Datacenters => datacenters(
            &rows(
                query,
                || ds.datacenters.iter().collect(),
                |q| ds.search_datacenters(q),
            ),
            lang,
        ),
    };
    let mut out = t.render();
    out.push_str(&footer(t.len(), ds.version, lang));
    typography(out, lang)
}

/// The same rows as [`table_text`], as a pretty JSON array (fields in the rows' order).
pub fn table_json(ds: &'static Dataset, table: Table, query: Option<&str>) -> String {
    fn pretty<T: Serialize>(rows: &[&T]) -> String {
        // plain rows of strings and numbers always serialise
        let mut out = serde_json::to_string_pretty(rows).unwrap_or_default();
        out.push('\n');
        out
    }
    match table {
        Table::Cpus => pretty(&rows(
            query,
            || ds.cpus.iter().collect(),
            |q| ds.search_cpus(q),
        )),
        Table::Gpus => pretty(&rows(
            query,
            || ds.gpus.iter().collect(),
            |q| ds.search_gpus(q),
        )),
        Table::Locations => pretty(&rows(
            query,
            || ds.locations.iter().collect(),
            |q| ds.search_locations(q),
        )),
        Table::Providers => pretty(&rows(
            query,
            || ds.providers.iter().collect(),
            |q| ds.search_providers(q),
        )),
        Table::Datacenters => pretty(&rows(
            query,
            || ds.datacenters.iter().collect(),
            |q| ds.search_datacenters(q),
        )),
    }
}

/// The grid carbon-intensity sources whose id, name or licence holds every word of
/// `query` (all without one), in their order.
pub fn ci_sources_matching(query: Option<&str>) -> Vec<&'static CiSource> {
    crate::intensity::sources()
        .iter()
        .filter(|s| {
            query.is_none_or(|q| {
                let hay = format!("{} {} {}", s.id, s.name, s.licence).to_lowercase();
                q.split_whitespace()
                    .all(|w| hay.contains(&w.to_lowercase()))
            })
        })
        .collect()
}

/// The grid carbon-intensity sources as text, with their count.
pub fn ci_sources_text(query: Option<&str>, lang: Lang) -> String {
    let rows = ci_sources_matching(query);
    let mut out = ci_sources(&rows, lang).render();
    out.push_str(&match lang {
        Lang::Fr => format!("{}\u{a0}sources d’intensité carbone\n", rows.len()),
        Lang::En => format!("{} carbon-intensity sources\n", rows.len()),
    });
    typography(out, lang)
}

fn typography(text: String, lang: Lang) -> String {
    match lang {
        Lang::Fr => super::french_typography(&text),
        Lang::En => text,
    }
}

fn rows<T>(
    query: Option<&str>,
    all: impl FnOnce() -> Vec<&'static T>,
    search: impl FnOnce(&str) -> Vec<&'static T>,
) -> Vec<&'static T> {
    query.map_or_else(all, search)
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

fn opt(value: Option<f64>, lang: Lang) -> String {
    value.map(|v| plain(v, lang)).unwrap_or_default()
}

fn ci_sources(rows: &[&crate::intensity::CiSource], lang: Lang) -> TextTable {
    use crate::intensity::{CiBasis, CiKind, CiScope};
    let mut t = TextTable::new(&[
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

fn cpus(rows: &[&CpuModel], lang: Lang) -> TextTable {
    let mut t = TextTable::new(&[
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

fn gpus(rows: &[&GpuModel], lang: Lang) -> TextTable {
    let mut t = TextTable::new(&[
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

fn locations(rows: &[&Location], lang: Lang) -> TextTable {
    let mut t = TextTable::new(&[
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

fn providers(ds: &'static Dataset, rows: &[&Provider], lang: Lang) -> TextTable {
    let mut t = TextTable::new(&[
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

fn datacenters(rows: &[&Datacenter], lang: Lang) -> TextTable {
    let mut t = TextTable::new(&[
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
