//! `empreinte data`: the rows of one table of a Green Algorithms data version, all of them
//! or those matching a search, as an aligned table or a JSON array.

use anyhow::Context;
use clap::{Args, ValueEnum};
use empreinte::words::data_tables;
use empreinte::{DataVersion, Table};

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

/// Runs `empreinte data`; returns what to print (the core writes the rows, as text or
/// JSON).
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
    let json = style.format == Format::Json;
    let table = match args.table {
        TableName::Cpus => Table::Cpus,
        TableName::Gpus => Table::Gpus,
        TableName::Locations => Table::Locations,
        TableName::Providers => Table::Providers,
        TableName::Datacenters => Table::Datacenters,
        TableName::CiSources if json => {
            let rows = data_tables::ci_sources_matching(query);
            let mut out =
                serde_json::to_string_pretty(&rows).context("cannot serialise the rows")?;
            out.push('\n');
            return Ok(out);
        }
        TableName::CiSources => return Ok(data_tables::ci_sources_text(query, style.lang)),
    };
    Ok(if json {
        data_tables::table_json(ds, table, query)
    } else {
        data_tables::table_text(ds, table, query, style.lang)
    })
}
