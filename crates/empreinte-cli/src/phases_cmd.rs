//! `empreinte phases`: the AI view, per phase (training with its R&D multiple and
//! retrainings, inference scaled to a month or a year) and in total.

use std::io::Read;
use std::path::PathBuf;

use anyhow::Context;
use clap::Args;
use empreinte::ai::{estimate_phases, PhasesJob};
use empreinte::format::{co2e_g, energy_kwh};
use empreinte::Lang;

use crate::{Format, Style};
use empreinte::format::plain;
use empreinte::words::text_table::{Align, TextTable};

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
    let lang = style.lang;
    let tr = |fr: &'static str, en: &'static str| if lang == Lang::Fr { fr } else { en };
    let mut t = TextTable::new(&[
        (tr("Phase", "Phase"), Align::Left),
        (tr("Facteur", "Factor"), Align::Right),
        (tr("Énergie", "Energy"), Align::Right),
        (tr("Exploitation", "Operational"), Align::Right),
        (tr("Fabrication", "Embodied"), Align::Right),
        ("Total", Align::Right),
    ]);
    for p in &r.phases.phases {
        t.push(vec![
            serde_json::to_value(p.phase)
                .ok()
                .and_then(|v| v.as_str().map(str::to_owned))
                .unwrap_or_default(),
            plain(p.training_factor * p.period_factor, lang),
            energy_kwh(p.energy_kwh, lang),
            co2e_g(p.co2e_g, lang),
            co2e_g(p.embodied_co2e_g, lang),
            co2e_g(p.total_co2e_g, lang),
        ]);
    }
    let p = &r.phases;
    t.push(vec![
        "total".to_owned(),
        String::new(),
        energy_kwh(p.energy_kwh, lang),
        co2e_g(p.co2e_g, lang),
        co2e_g(p.embodied_co2e_g, lang),
        co2e_g(p.total_co2e_g, lang),
    ]);
    let mut out = t.render();
    if let (Some(period), Some(h)) = (p.period, p.period_h) {
        out.push_str(&format!(
            "{} {} ({}\u{a0}h)\n",
            tr("Période de référence :", "Reporting period:"),
            serde_json::to_value(period)
                .ok()
                .and_then(|v| v.as_str().map(str::to_owned))
                .unwrap_or_default(),
            empreinte::format::number(h, 0, lang)
        ));
    }
    Ok(out)
}
