//! `empreinte phases`: the AI view, per phase (training with its R&D multiple and
//! retrainings, inference scaled to a month or a year) and in total.

use std::io::Read;
use std::path::PathBuf;

use anyhow::Context;
use clap::Args;
use empreinte::ai::{estimate_phases, PhasesJob};

use crate::{Format, Style};

/// Options of `empreinte phases`.
#[derive(Debug, Args)]
pub struct PhasesArgs {
    /// The phases document (JSON: `{"phases": [{"phase", "job", "rd_multiple",
    /// "retrainings", "retrain_ratio", "continuous": {"span_h", "period"}}]}`), "-" for
    /// standard input.
    #[arg(long, short, value_name = "FILE")]
    input: PathBuf,
}

/// Runs `empreinte phases`.
///
/// # Errors
/// An unreadable or malformed document, any error of the core.
pub fn run(args: &PhasesArgs, style: Style) -> anyhow::Result<String> {
    let mut text = String::new();
    if args.input.as_os_str() == "-" {
        std::io::stdin()
            .lock()
            .read_to_string(&mut text)
            .context("cannot read the phases from standard input")?;
    } else {
        text = std::fs::read_to_string(&args.input)
            .with_context(|| format!("cannot read {}", args.input.display()))?;
    }
    let doc = PhasesJob::from_json(text.trim_start_matches('\u{FEFF}'))?;
    let r = estimate_phases(&doc)?;
    if style.format == Format::Json {
        let mut out = serde_json::to_string_pretty(&r).context("cannot serialise the result")?;
        out.push('\n');
        return Ok(out);
    }
    Ok(empreinte::words::scenarios::phases_text(
        &r.phases, style.lang,
    ))
}
