//! The terminal summary of a [`Analysis`], in French or English (French typography: decimal
//! comma, narrow no-break spaces between thousands, a no-break space before units and
//! `%`).

use super::aggregate::GroupTotals;
use super::ci::ClusterSeries;
use super::findings::Analysis;
use crate::format::{co2e_g, energy_kwh, number, significant, Lang, NBSP};

pub(crate) use crate::words::tr;

/// `share` (0–1) as a percentage with no decimals: `92 %` (fr), `92%` (en).
pub(crate) fn percent(share: f64, lang: Lang) -> String {
    let v = if share.is_finite() {
        share * 100.0
    } else {
        0.0
    };
    let decimals = if v != 0.0 && v.abs() < 1.0 { 1 } else { 0 };
    match lang {
        Lang::Fr => format!("{}{NBSP}%", number(v, decimals, lang)),
        Lang::En => format!("{}%", number(v, decimals, lang)),
    }
}

/// A count grouped by thousands.
pub(crate) fn count(n: u64, lang: Lang) -> String {
    number(n as f64, 0, lang)
}

/// Hours, grouped by thousands, with the unit.
pub(crate) fn hours(h: f64, lang: Lang) -> String {
    format!("{}{NBSP}h", number(h, if h < 10.0 { 1 } else { 0 }, lang))
}

/// A money amount: `12,34 EUR`.
pub(crate) fn money(amount: f64, currency: &str, lang: Lang) -> String {
    format!("{}{NBSP}{currency}", number(amount, 2, lang))
}

/// An interval: `1 h`, `15 min`, `30 s` (a no-break space before the unit).
pub(crate) fn interval(seconds: i64, lang: Lang) -> String {
    let (n, unit) = if seconds % 3600 == 0 {
        (seconds / 3600, "h")
    } else if seconds % 60 == 0 {
        (seconds / 60, "min")
    } else {
        (seconds, "s")
    };
    format!("{}{NBSP}{unit}", count(n.unsigned_abs(), lang))
}

/// The carbon intensity used: its value and source (for a series: the jobs'
/// energy-weighted mean).
pub(crate) fn ci_text(report: &Analysis, lang: Lang) -> String {
    let c = &report.cluster;
    match &c.ci_series {
        None => format!(
            "{}{NBSP}gCO₂e/kWh ({})",
            significant(c.ci_g_per_kwh, lang),
            crate::words::vocabulary::ci_sources_in(&c.ci_source, lang)
        ),
        Some(s) => format!(
            "{}{NBSP}gCO₂e/kWh ({} ; {})",
            significant(
                report.totals.ci_g_per_kwh.unwrap_or(s.mean_g_per_kwh),
                lang
            ),
            tr(
                lang,
                "moyenne des tâches pondérée par leur énergie, chacune à la moyenne de la série sur son exécution",
                "mean of the jobs weighted by their energy, each at the series' mean over its run"
            ),
            crate::words::vocabulary::ci_sources_in(&c.ci_source, lang)
        ),
    }
}

/// What a carbon-intensity series is: points, span, interval, zone, column, mean, range.
pub(crate) fn series_text(s: &ClusterSeries, lang: Lang) -> String {
    let mut parts = vec![format!(
        "{} {}, {} → {}, {} {}",
        count(s.points as u64, lang),
        tr(lang, "points", "points"),
        s.first,
        s.end,
        tr(lang, "pas de", "every"),
        interval(s.interval_s, lang)
    )];
    if let Some(z) = &s.zone {
        parts.push(format!("zone {z}"));
    }
    if let Some(col) = &s.column {
        parts.push(match lang {
            Lang::Fr => format!("colonne «{NBSP}{col}{NBSP}»"),
            Lang::En => format!("column \"{col}\""),
        });
    }
    parts.push(format!(
        "{} {}, min {}, max {}{NBSP}gCO₂e/kWh",
        tr(lang, "moyenne", "mean"),
        significant(s.mean_g_per_kwh, lang),
        significant(s.min_g_per_kwh, lang),
        significant(s.max_g_per_kwh, lang),
    ));
    parts.push(
        tr(
            lang,
            "heures de sacct lues en UTC",
            "sacct times read as UTC",
        )
        .to_owned(),
    );
    parts.join(", ")
}

fn share(part: f64, whole: f64) -> f64 {
    if whole > 0.0 {
        part / whole
    } else {
        0.0
    }
}

/// The summary of `report` in `lang`, ending with a newline.
pub fn render(report: &Analysis, lang: Lang) -> String {
    let text = render_in(report, lang);
    match lang {
        Lang::Fr => crate::words::french_typography(&text),
        Lang::En => text,
    }
}

fn render_in(report: &Analysis, lang: Lang) -> String {
    let t: &GroupTotals = &report.totals;
    let c = &report.cluster;
    let d = &report.diagnostics;
    let mut rows: Vec<(String, String)> = Vec::new();
    let mut row = |label: &str, value: String| rows.push((label.to_owned(), value));

    let title = format!(
        "{} — {} {}",
        crate::ga::citation::TOOL,
        tr(lang, "journaux Slurm du cluster", "Slurm logs of cluster"),
        c.name
    );
    if let (Some(first), Some(last)) = (
        report.by_day.iter().find(|g| !g.name.is_empty()),
        report.by_day.iter().rev().find(|g| !g.name.is_empty()),
    ) {
        row(
            tr(lang, "Période (soumission)", "Period (submitted)"),
            format!("{} → {}", first.name, last.name),
        );
    }
    row(
        tr(lang, "Tâches", "Jobs"),
        if t.jobs == 0 {
            format!(
                "0 ({}) ; {} {}",
                tr(
                    lang,
                    "aucune tâche comptée : voir les avertissements",
                    "no job counted: see the warnings"
                ),
                count(d.lines, lang),
                tr(lang, "lignes lues", "lines read"),
            )
        } else {
            format!(
                "{} ({} {}, {} {}) ; {} {}",
                count(t.jobs, lang),
                percent(t.success_rate(), lang),
                tr(lang, "réussies", "succeeded"),
                count(t.failed, lang),
                tr(lang, "échouées", "failed"),
                count(d.lines, lang),
                tr(lang, "lignes lues", "lines read"),
            )
        },
    );
    row(
        tr(lang, "Énergie", "Energy"),
        format!(
            "{}  (CPU {}, GPU {}, {} {}, {} {})",
            energy_kwh(t.energy_kwh, lang),
            percent(share(t.energy_cpu_kwh, t.energy_kwh), lang),
            percent(share(t.energy_gpu_kwh, t.energy_kwh), lang),
            tr(lang, "mémoire", "memory"),
            percent(share(t.energy_memory_kwh, t.energy_kwh), lang),
            tr(lang, "infrastructure", "facility"),
            percent(share(t.energy_facility_kwh, t.energy_kwh), lang),
        ),
    );
    row(
        tr(lang, "Empreinte carbone", "Carbon footprint"),
        co2e_g(t.co2e_g, lang),
    );
    row(
        tr(lang, "Intensité carbone", "Carbon intensity"),
        ci_text(report, lang),
    );
    if let Some(s) = &c.ci_series {
        row(
            tr(lang, "Série d'intensité", "Intensity series"),
            series_text(s, lang),
        );
    }
    row(
        "PUE",
        format!(
            "{}{}",
            significant(c.pue, lang),
            c.pue_source
                .as_ref()
                .map(|s| format!(" ({s})"))
                .unwrap_or_default()
        ),
    );
    let e = &report.equivalences;
    row(
        tr(lang, "Équivalences", "Equivalent to"),
        format!(
            "{} {}, {}{NBSP}km {}, {} {} {}",
            significant(e.tree_months, lang),
            tr(lang, "arbres-mois", "tree-months"),
            number(e.car_km, 0, lang),
            tr(lang, "en voiture", "by car"),
            significant(e.flight.fraction, lang),
            tr(lang, "× vol", "× flight"),
            e.flight.route.as_str(),
        ),
    );
    row(
        tr(lang, "Tâches échouées", "Failed jobs"),
        format!(
            "{} ({} {})",
            co2e_g(t.co2e_failed_g, lang),
            percent(share(t.co2e_failed_g, t.co2e_g), lang),
            tr(lang, "de l'empreinte", "of the footprint"),
        ),
    );
    row(
        tr(lang, "Mémoire sur-allouée", "Memory over-allocation"),
        format!(
            "{} {} ; {} {}",
            tr(lang, "facteur moyen", "mean factor"),
            significant(t.mean_mem_overallocation_factor(), lang),
            co2e_g(t.co2e_memory_overallocation_g, lang),
            tr(
                lang,
                "dus à la mémoire demandée en trop",
                "from memory requested beyond need"
            ),
        ),
    );
    row(
        tr(lang, "Usage", "Usage"),
        format!(
            "{} {}, {} {}, {} {}",
            number(t.cpu_hours_used(), 0, lang),
            tr(lang, "heures CPU utilisées", "CPU hours used"),
            number(t.cpu_hours_charged(), 0, lang),
            tr(lang, "heures-cœur facturées", "core-hours charged"),
            number(t.gpu_hours(), 0, lang),
            tr(lang, "heures GPU", "GPU hours"),
        ),
    );
    if let Some(p) = &c.price {
        row(
            tr(lang, "Coût de l'électricité", "Electricity cost"),
            format!(
                "{} ({} {})",
                money(t.cost, &p.currency, lang),
                money(t.cost_failed, &p.currency, lang),
                tr(lang, "pour les tâches échouées", "for failed jobs"),
            ),
        );
    }
    for (label, groups) in [
        (
            tr(lang, "Principaux utilisateurs", "Top users"),
            &report.by_user,
        ),
        (
            tr(lang, "Principaux comptes", "Top accounts"),
            &report.by_account,
        ),
    ] {
        let top: Vec<String> = groups
            .iter()
            .take(5)
            .map(|g| {
                format!(
                    "{} {}",
                    display(&g.name, lang),
                    co2e_g(g.totals.co2e_g, lang)
                )
            })
            .collect();
        if !top.is_empty() {
            row(label, top.join(", "));
        }
    }

    let mut out = String::new();
    out.push_str(&title);
    out.push_str("\n\n");
    let w = rows
        .iter()
        .map(|(l, _)| l.chars().count())
        .max()
        .unwrap_or(0);
    for (label, value) in &rows {
        let pad = w - label.chars().count();
        out.push_str(label);
        out.push_str(&" ".repeat(pad + 2));
        out.push_str(value);
        out.push('\n');
    }
    let notes = warnings(report, lang);
    if !notes.is_empty() {
        out.push('\n');
        out.push_str(tr(lang, "Avertissements\n", "Warnings\n"));
        for n in notes {
            out.push_str("  - ");
            out.push_str(&n);
            out.push('\n');
        }
    }
    out.push('\n');
    out.push_str(&format!(
        "{} {}, {} [Lannelongue et al. 2021].\n",
        tr(
            lang,
            "Méthode Green Algorithms (GA4HPC), données",
            "Green Algorithms method (GA4HPC), data"
        ),
        c.data_version,
        crate::ga::citation::TOOL,
    ));
    typography(&out, lang)
}

/// French: a narrow no-break space before `;` and a no-break space before `:`; English:
/// no space before `;`.
pub(crate) fn typography(text: &str, lang: Lang) -> String {
    match lang {
        Lang::Fr => text.replace(" ;", "\u{202F};").replace(" :", "\u{A0}:"),
        Lang::En => text.replace(" ; ", "; "),
    }
}

/// A group name for people (`(aucun)` / `(none)` for the empty one).
pub(crate) fn display(name: &str, lang: Lang) -> String {
    if name.is_empty() {
        tr(lang, "(aucun)", "(none)").to_owned()
    } else {
        name.to_owned()
    }
}

/// What was skipped, assumed or flagged, one sentence each.
pub fn warnings(report: &Analysis, lang: Lang) -> Vec<String> {
    let d = &report.diagnostics;
    let mut w = Vec::new();
    if d.malformed_lines > 0 {
        let first: Vec<String> = d
            .malformed_examples
            .iter()
            .take(3)
            .map(|m| {
                format!(
                    "{} {}: {} {}",
                    tr(lang, "ligne", "line"),
                    m.line,
                    m.field,
                    m.reason
                )
            })
            .collect();
        w.push(format!(
            "{} {} ({}) ; {}",
            count(d.malformed_lines, lang),
            tr(
                lang,
                "lignes illisibles ignorées",
                "unreadable lines skipped"
            ),
            tr(
                lang,
                "--strict les rend fatales",
                "--strict makes them fatal"
            ),
            first.join(" ; "),
        ));
    }
    if d.last_line_unterminated {
        w.push(
            tr(
                lang,
                "la dernière ligne n'a pas de fin de ligne (journal tronqué ?)",
                "the last line has no line end (truncated log?)",
            )
            .to_owned(),
        );
    }
    if !d.unknown_partitions.is_empty() {
        let names: Vec<String> = d
            .unknown_partitions
            .iter()
            .map(|p| {
                format!(
                    "{} ({} {})",
                    display(&p.name, lang),
                    count(p.jobs, lang),
                    tr(lang, "tâches", "jobs")
                )
            })
            .collect();
        let what = if d.jobs_fallback_partition > 0 {
            tr(
                lang,
                "calculées avec la partition de repli",
                "computed with the fallback partition",
            )
        } else {
            tr(
                lang,
                "laissées de côté : ajoutez-les au fichier du cluster",
                "left out: add them to the cluster file",
            )
        };
        w.push(format!(
            "{} {} ; {what}",
            tr(lang, "partitions inconnues :", "unknown partitions:"),
            names.join(", ")
        ));
    }
    let counted = [
        (d.unfinished_jobs, "tâches non terminées (PENDING, RUNNING…) laissées de côté", "unfinished jobs (PENDING, RUNNING…) left out"),
        (d.jobs_without_job_line, "tâches dont seules des étapes figurent (ou arrivées trop tard pour la fenêtre de fusion) laissées de côté", "jobs with steps but no job line (or arriving too late for the merge window) left out"),
        (d.jobs_memory_unknown, "tâches sans mémoire demandée connue (comptée 0)", "jobs without a known memory request (counted as 0)"),
        (d.jobs_gpus_assumed, "tâches GPU sans AllocTRES, comptées avec 1 GPU", "GPU jobs without AllocTRES, counted with 1 GPU"),
        (d.jobs_total_cpu_above_cpu_time, "tâches dont TotalCPU dépasse CPUTime (TotalCPU retenu)", "jobs whose TotalCPU exceeds CPUTime (TotalCPU used)"),
        (d.lines_with_odd_fractions, "lignes avec des fractions de seconde hors millisecondes (lues en décimal ; GA4HPC les lit en ms)", "lines with sub-second fractions not in milliseconds (read as decimals; GA4HPC reads them as ms)"),
        (d.jobs_ci_at_submit, "tâches sans heure de début (Start) : exécution placée à leur soumission (Submit) sur la série d'intensité", "jobs without a Start time: run placed at their Submit time on the intensity series"),
        (d.jobs_ci_without_time, "tâches sans Start ni Submit : moyenne de la série d'intensité sur toute sa durée", "jobs with neither Start nor Submit: the intensity series' mean over its whole span"),
        (d.jobs_ci_outside_series, "tâches exécutées hors de la série d'intensité : moyenne de la série sur toute sa durée (--strict les rend fatales)", "jobs run outside the intensity series: the series' mean over its whole span (--strict makes them fatal)"),
    ];
    for (n, fr, en) in counted {
        if n > 0 {
            w.push(format!("{} {}", count(n, lang), tr(lang, fr, en)));
        }
    }
    if !d.missing_columns.is_empty() {
        w.push(format!(
            "{} {}",
            tr(lang, "colonnes absentes :", "missing columns:"),
            d.missing_columns.join(", ")
        ));
    }
    w.into_iter().map(|s| typography(&s, lang)).collect()
}
