//! The texts of `empreinte whatif` (the best start over a carbon-intensity series),
//! `compare` (the same energy in other places) and `phases` (the AI view per phase), in
//! French or English, with the core's number formats and French typography.

use super::text_table::{Align, TextTable};
use super::vocabulary::{ci_source_name, phase_name, place_name};
use super::{french_typography, tr};
use crate::format::{co2e_g, duration_h, energy_kwh, number, plain, Lang, NBSP};
use crate::ga::phases::{PeriodLength, Phases};
use crate::ga::result::Estimate;
use crate::intensity::{format_timestamp, Comparison, WhatIf};

/// The best start of a job of `runtime_h` hours and `energy_kwh` in the window
/// `from_s`–`to_s` (Unix seconds), against starting at the window's start.
pub fn whatif_text(
    runtime_h: f64,
    energy: f64,
    from_s: i64,
    to_s: i64,
    w: &WhatIf,
    lang: Lang,
) -> String {
    let pct = number(w.saving_share * 100.0, 1, lang);
    let (job, start_at, window_start, mean, saving, pct_sign) = match lang {
        Lang::Fr => (
            "Tâche de",
            "Démarrer à",
            "Démarrer au début de la fenêtre :",
            "intensité moyenne",
            "Économie :",
            format!("{NBSP}%"),
        ),
        Lang::En => (
            "Job of",
            "Start at",
            "Start at the window's start:",
            "mean intensity",
            "Saving:",
            "%".to_owned(),
        ),
    };
    let text = format!(
        "{job} {} ({}) {} {} → {}\n\
         {start_at} {}{} {} ({mean} {}{NBSP}gCO₂e/kWh)\n\
         {window_start} {} ({mean} {}{NBSP}gCO₂e/kWh)\n\
         {saving} {} ({pct}{pct_sign})\n",
        duration_h(runtime_h, lang),
        energy_kwh(energy, lang),
        tr(lang, "dans la fenêtre", "in the window"),
        format_timestamp(from_s),
        format_timestamp(to_s),
        format_timestamp(w.best_start_unix_s),
        tr(lang, " :", ":"),
        co2e_g(w.best_co2e_g, lang),
        plain(w.best_mean_ci_g_per_kwh, lang),
        co2e_g(w.window_start_co2e_g, lang),
        plain(w.window_start_mean_ci_g_per_kwh, lang),
        co2e_g(w.saving_g, lang),
    );
    typography(text, lang)
}

/// The energy of estimate `e` in each place of `rows` under source `source_id`; `placed`
/// when the job gave no place and one was chosen only to estimate it.
pub fn compare_text(
    e: &Estimate,
    source_id: &str,
    rows: &[Comparison],
    placed: bool,
    lang: Lang,
) -> String {
    let mut t = TextTable::new(&[
        (tr(lang, "Lieu", "Location"), Align::Left),
        (tr(lang, "Nom", "Name"), Align::Left),
        ("gCO₂e/kWh", Align::Right),
        (tr(lang, "Empreinte", "Footprint"), Align::Right),
    ]);
    for r in rows {
        t.push(vec![
            r.location.clone(),
            place_name(&r.location, r.name, lang).to_owned(),
            plain(r.ci_g_per_kwh, lang),
            co2e_g(r.co2e_g, lang),
        ]);
    }
    let src = e.ci.value.source;
    let mut out = format!(
        "{} {} ({}, --ci-source {source_id}, {} {})\n",
        tr(lang, "Même énergie :", "Same energy:"),
        energy_kwh(e.figures.energy_kwh, lang),
        ci_source_name(src.id, src.name, lang),
        tr(lang, "données", "data"),
        e.data_version
    );
    if placed {
        out.push_str(tr(
            lang,
            "Lieu de la tâche non donné, et inutile (l’énergie ne dépend pas du lieu)\n",
            "Job location not given, and not needed (the energy does not depend on the place)\n",
        ));
    }
    out.push_str(&t.render());
    typography(out, lang)
}

/// The phases and their total: the factor applied to one run, energy, operational,
/// embodied and total CO2e; the reporting period of continuous phases.
pub fn phases_text(p: &Phases, lang: Lang) -> String {
    let mut t = TextTable::new(&[
        ("Phase", Align::Left),
        (tr(lang, "Facteur", "Factor"), Align::Right),
        (tr(lang, "Énergie", "Energy"), Align::Right),
        (tr(lang, "Exploitation", "Operational"), Align::Right),
        (tr(lang, "Fabrication", "Embodied"), Align::Right),
        ("Total", Align::Right),
    ]);
    for r in &p.phases {
        t.push(vec![
            phase_name(r.phase, lang),
            plain(r.training_factor * r.period_factor, lang),
            energy_kwh(r.energy_kwh, lang),
            co2e_g(r.co2e_g, lang),
            co2e_g(r.embodied_co2e_g, lang),
            co2e_g(r.total_co2e_g, lang),
        ]);
    }
    t.push(vec![
        "Total".to_owned(),
        String::new(),
        energy_kwh(p.energy_kwh, lang),
        co2e_g(p.co2e_g, lang),
        co2e_g(p.embodied_co2e_g, lang),
        co2e_g(p.total_co2e_g, lang),
    ]);
    let mut out = t.render();
    if let (Some(period), Some(h)) = (p.period, p.period_h) {
        let name = match period {
            PeriodLength::Month => tr(lang, "un mois", "a month"),
            PeriodLength::Year => tr(lang, "un an", "a year"),
        };
        out.push_str(&format!(
            "{} {name} ({}{NBSP}h)\n",
            tr(lang, "Période de référence :", "Reporting period:"),
            number(h, 0, lang)
        ));
    }
    typography(out, lang)
}

fn typography(text: String, lang: Lang) -> String {
    match lang {
        Lang::Fr => french_typography(&text),
        Lang::En => text,
    }
}
