//! The self-contained HTML report of a [`Analysis`]: key figures, inline SVG charts (daily
//! CO2e, jobs, core-hours and success rate, memory-efficiency histogram), top users,
//! accounts and partitions, warnings, method and sources. French and English in one file,
//! switched by two radio buttons in CSS (no script, no external resource).

use std::fmt::Write;

use super::aggregate::{Group, GroupTotals};
use super::ci::ClusterSeries;
use super::findings::Analysis;
use super::summary::{
    ci_text, count, display, hours, money, percent, series_text, tr, typography, warnings,
};
use crate::format::{co2e_g, energy_kwh, number, significant, Lang, NBSP};

pub use crate::words::escape_html as escape;

const STYLE: &str = r#"
:root { --ink:#1d2733; --muted:#5b6776; --line:#d9dee5; --bg:#f6f8fa; --accent:#2f7d5b; --warn:#b5542c; }
* { box-sizing: border-box; }
body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--ink); margin: 0; background: #fff; }
.page { max-width: 1000px; margin: 0 auto; padding: 24px; }
.switch { position: sticky; top: 0; background: #fff; padding: 8px 24px; border-bottom: 1px solid var(--line); text-align: right; }
.switch label { margin-left: 12px; cursor: pointer; color: var(--muted); }
input[name=lang] { position: absolute; opacity: 0; }
#l-fr:checked ~ .switch label[for=l-fr], #l-en:checked ~ .switch label[for=l-en] { color: var(--ink); font-weight: 600; text-decoration: underline; }
#l-fr:checked ~ div.en, #l-en:checked ~ div.fr { display: none; }
h1 { font-size: 24px; margin: 8px 0 4px; } h2 { font-size: 18px; margin: 28px 0 8px; border-bottom: 1px solid var(--line); padding-bottom: 4px; }
.sub { color: var(--muted); margin: 0 0 16px; }
.cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(210px, 1fr)); gap: 12px; }
.card { background: var(--bg); border-radius: 8px; padding: 12px 14px; }
.card .v { font-size: 22px; font-weight: 650; } .card .k { color: var(--muted); font-size: 13px; }
.split { display: flex; height: 18px; border-radius: 4px; overflow: hidden; margin: 6px 0; }
.legend span { margin-right: 14px; font-size: 13px; } .dot { display:inline-block; width:10px; height:10px; border-radius:2px; margin-right:4px; }
table { border-collapse: collapse; width: 100%; font-size: 13px; } th, td { padding: 4px 6px; border-bottom: 1px solid var(--line); text-align: right; }
th:first-child, td:first-child { text-align: left; } th { color: var(--muted); font-weight: 600; }
svg { width: 100%; height: auto; } svg text { font: 11px system-ui, sans-serif; fill: var(--muted); }
.warn li { color: var(--warn); } .small { font-size: 12px; color: var(--muted); }
"#;

const COLORS: [&str; 4] = ["#2f7d5b", "#6f4fb0", "#d99a29", "#8a96a3"];

/// The HTML report, French and English, `lang` shown first.
pub fn render(report: &Analysis, lang: Lang) -> String {
    let c = &report.cluster;
    let mut out = String::with_capacity(256 * 1024);
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{} — {}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n",
        lang.as_str(),
        crate::ga::citation::TOOL,
        escape(&c.name)
    );
    let (fr_checked, en_checked) = match lang {
        Lang::Fr => (" checked", ""),
        Lang::En => ("", " checked"),
    };
    let _ = write!(
        out,
        "<input type=\"radio\" name=\"lang\" id=\"l-fr\"{fr_checked}><input type=\"radio\" name=\"lang\" id=\"l-en\"{en_checked}>\n<div class=\"switch\"><label for=\"l-fr\">Français</label><label for=\"l-en\">English</label></div>\n"
    );
    for l in [Lang::Fr, Lang::En] {
        let _ = write!(
            out,
            "<div class=\"{0}\" lang=\"{0}\"><div class=\"page\">\n{1}</div></div>\n",
            l.as_str(),
            match l {
                Lang::Fr => crate::words::french_typography_html(&body(report, l)),
                Lang::En => body(report, l),
            }
        );
    }
    out.push_str("</body>\n</html>\n");
    out
}

fn body(report: &Analysis, lang: Lang) -> String {
    let mut s = String::new();
    heading(&mut s, report, lang);
    key_figures(&mut s, report, lang);
    energy_split(&mut s, report, lang);
    daily_charts(&mut s, report, lang);
    group_tables(&mut s, report, lang);
    warnings_list(&mut s, report, lang);
    method(&mut s, report, lang);
    s
}

/// The title and subtitle.
fn heading(s: &mut String, report: &Analysis, lang: Lang) {
    let c = &report.cluster;
    let _ = write!(
        s,
        "<h1>{}</h1>\n<p class=\"sub\">{}</p>\n",
        escape(&format!(
            "{} — {}",
            tr(
                lang,
                "Empreinte carbone du cluster",
                "Carbon footprint of cluster"
            ),
            c.name
        )),
        escape(&subtitle(report, lang))
    );
}

/// The cards of key figures.
fn key_figures(s: &mut String, report: &Analysis, lang: Lang) {
    let t = &report.totals;
    let c = &report.cluster;
    s.push_str("<div class=\"cards\">\n");
    let e = &report.equivalences;
    let mut cards = vec![
        (
            energy_kwh(t.energy_kwh, lang),
            tr(lang, "énergie consommée", "energy used").to_owned(),
        ),
        (
            co2e_g(t.co2e_g, lang),
            tr(lang, "empreinte carbone", "carbon footprint").to_owned(),
        ),
        (
            count(t.jobs, lang),
            format!(
                "{} ({} {})",
                tr(lang, "tâches", "jobs"),
                percent(t.success_rate(), lang),
                tr(lang, "réussies", "succeeded")
            ),
        ),
        (
            co2e_g(t.co2e_failed_g, lang),
            format!(
                "{} ({})",
                tr(lang, "tâches échouées", "failed jobs"),
                percent(ratio(t.co2e_failed_g, t.co2e_g), lang)
            ),
        ),
        (
            co2e_g(t.co2e_memory_overallocation_g, lang),
            format!(
                "{} ({} {})",
                tr(
                    lang,
                    "mémoire demandée en trop",
                    "memory requested beyond need"
                ),
                tr(lang, "facteur moyen", "mean factor"),
                significant(t.mean_mem_overallocation_factor(), lang)
            ),
        ),
        (
            significant(e.tree_months, lang),
            tr(
                lang,
                "arbres-mois pour l'absorber",
                "tree-months to absorb it",
            )
            .to_owned(),
        ),
        (
            format!("{}{NBSP}km", number(e.car_km, 0, lang)),
            tr(lang, "en voiture (UE)", "by car (EU)").to_owned(),
        ),
        (
            format!("{} ×", significant(e.flight.fraction, lang)),
            format!("{} {}", tr(lang, "vol", "flight"), e.flight.route.as_str()),
        ),
        (
            hours(t.cpu_hours_charged(), lang),
            tr(
                lang,
                "heures-cœur facturées (CPU)",
                "core-hours charged (CPU)",
            )
            .to_owned(),
        ),
        (
            hours(t.gpu_hours(), lang),
            tr(lang, "heures GPU", "GPU hours").to_owned(),
        ),
    ];
    if let Some(p) = &c.price {
        cards.push((
            money(t.cost, &p.currency, lang),
            tr(lang, "coût de l'électricité", "electricity cost").to_owned(),
        ));
    }
    if let Some(s) = &c.ci_series {
        cards.push((
            format!(
                "{}{NBSP}g/kWh",
                significant(t.ci_g_per_kwh.unwrap_or(s.mean_g_per_kwh), lang)
            ),
            format!(
                "{} ({} {})",
                tr(
                    lang,
                    "intensité carbone des tâches",
                    "carbon intensity of the jobs"
                ),
                tr(lang, "série :", "series:"),
                significant(s.mean_g_per_kwh, lang)
            ),
        ));
    }
    for (v, k) in cards {
        let _ = writeln!(
            s,
            "<div class=\"card\"><div class=\"v\">{}</div><div class=\"k\">{}</div></div>",
            escape(&v),
            escape(&typography(&k, lang))
        );
    }
    s.push_str("</div>\n");
}

/// The energy split bar and its legend.
fn energy_split(s: &mut String, report: &Analysis, lang: Lang) {
    let t = &report.totals;
    let parts = [
        ("CPU", t.energy_cpu_kwh),
        ("GPU", t.energy_gpu_kwh),
        (tr(lang, "mémoire", "memory"), t.energy_memory_kwh),
        (
            tr(lang, "infrastructure (PUE)", "facility (PUE)"),
            t.energy_facility_kwh,
        ),
    ];
    let _ = write!(
        s,
        "<h2>{}</h2>\n<div class=\"split\">",
        tr(lang, "Répartition de l'énergie", "Energy split")
    );
    for (i, (_, v)) in parts.iter().enumerate() {
        let w = ratio(*v, t.energy_kwh) * 100.0;
        if w > 0.0 {
            let _ = write!(
                s,
                "<div style=\"width:{w:.3}%;background:{}\"></div>",
                COLORS[i]
            );
        }
    }
    s.push_str("</div>\n<div class=\"legend\">");
    for (i, (name, v)) in parts.iter().enumerate() {
        let _ = write!(
            s,
            "<span><i class=\"dot\" style=\"background:{}\"></i>{} {} ({})</span>",
            COLORS[i],
            escape(name),
            escape(&energy_kwh(*v, lang)),
            escape(&percent(ratio(*v, t.energy_kwh), lang))
        );
    }
    s.push_str("</div>\n");
}

/// The charts per day, of the carbon-intensity series and of memory efficiency.
fn daily_charts(s: &mut String, report: &Analysis, lang: Lang) {
    let c = &report.cluster;
    let days: Vec<&Group> = report
        .by_day
        .iter()
        .filter(|g| !g.name.is_empty())
        .collect();
    if !days.is_empty() {
        let series = |f: &dyn Fn(&GroupTotals) -> f64| -> Vec<(String, f64)> {
            days.iter()
                .map(|g| (g.name.clone(), f(&g.totals)))
                .collect()
        };
        let charts: [Chart<'_>; 4] = [
            (
                tr(
                    lang,
                    "Empreinte carbone par jour (kgCO₂e)",
                    "Carbon footprint per day (kgCO₂e)",
                ),
                series(&|t| t.co2e_g / 1000.0),
                Unit::Plain,
            ),
            (
                tr(lang, "Tâches par jour", "Jobs per day"),
                series(&|t| t.jobs as f64),
                Unit::Plain,
            ),
            (
                tr(
                    lang,
                    "Heures-cœur CPU utilisées par jour",
                    "CPU core-hours used per day",
                ),
                series(&|t| t.cpu_hours_used()),
                Unit::Plain,
            ),
            (
                tr(lang, "Taux de réussite par jour", "Success rate per day"),
                series(&|t| t.success_rate() * 100.0),
                Unit::Percent,
            ),
        ];
        for (title, data, unit) in charts {
            let _ = write!(
                s,
                "<h2>{}</h2>\n{}",
                escape(title),
                bar_chart(&data, unit, lang)
            );
        }
    }
    if let Some(series) = &c.ci_series {
        let _ = write!(
            s,
            "<h2>{}</h2>\n<p class=\"small\">{}</p>\n{}",
            escape(tr(
                lang,
                "Intensité carbone de la série par jour (gCO₂e/kWh, UTC)",
                "Carbon intensity of the series per day (gCO₂e/kWh, UTC)"
            )),
            escape(&typography(&series_text(series, lang), lang)),
            bar_chart(&series_days(series), Unit::Plain, lang)
        );
    }
    let hist: Vec<(String, f64)> = report
        .memory_efficiency
        .iter()
        .map(|b| {
            let label = match b.label {
                "unknown" => tr(lang, "inconnue", "unknown").to_owned(),
                l => l.to_owned(),
            };
            (label, b.jobs as f64)
        })
        .collect();
    let _ = write!(
        s,
        "<h2>{}</h2>\n<p class=\"small\">{}</p>\n{}",
        tr(
            lang,
            "Efficacité mémoire (mémoire utilisée ÷ demandée)",
            "Memory efficiency (memory used ÷ requested)"
        ),
        escape(&typography(
            tr(
                lang,
                "Nombre de tâches par tranche ; « inconnue » : sans MaxRSS.",
                "Jobs per bin; \"unknown\": without MaxRSS."
            ),
            lang
        )),
        bar_chart(&hist, Unit::Plain, lang)
    );
}

/// The tables by user, account and partition.
fn group_tables(s: &mut String, report: &Analysis, lang: Lang) {
    for (title, groups) in [
        (tr(lang, "Utilisateurs", "Users"), &report.by_user),
        (
            tr(lang, "Comptes (projets)", "Accounts (projects)"),
            &report.by_account,
        ),
        ("Partitions", &report.by_partition),
    ] {
        let _ = write!(
            s,
            "<h2>{}</h2>\n{}",
            escape(title),
            group_table(groups, lang, 20)
        );
    }
}

/// The warnings, when there are any.
fn warnings_list(s: &mut String, report: &Analysis, lang: Lang) {
    let notes = warnings(report, lang);
    if !notes.is_empty() {
        let _ = write!(
            s,
            "<h2>{}</h2>\n<ul class=\"warn\">",
            tr(lang, "Avertissements", "Warnings")
        );
        for n in notes {
            let _ = write!(s, "<li>{}</li>", escape(&n));
        }
        s.push_str("</ul>\n");
    }
}

/// The method and sources, and the partitions' table.
fn method(s: &mut String, report: &Analysis, lang: Lang) {
    let c = &report.cluster;
    let _ = write!(
        s,
        "<h2>{}</h2>\n<ul>",
        tr(lang, "Méthode et sources", "Method and sources")
    );
    let items = [
        format!(
            "{} {}",
            tr(lang, "Intensité carbone :", "Carbon intensity:"),
            ci_text(report, lang)
        ),
        format!(
            "PUE{} {} — {}",
            tr(lang, " :", ":"),
            significant(c.pue, lang),
            c.pue_source.as_deref().unwrap_or(tr(lang, "indiqué dans le fichier du cluster", "stated in the cluster file"))
        ),
        format!(
            "{} {}{NBSP}W/Go, {} {}{NBSP}Go",
            tr(lang, "Mémoire :", "Memory:"),
            significant(c.memory_power_w_per_gb, lang),
            tr(lang, "pas de demande", "request step"),
            significant(c.memory_request_step_gb, lang),
        ),
        tr(
            lang,
            "Énergie par tâche : temps CPU utilisé × W par cœur + durée × GPU × W par GPU + durée × mémoire demandée × W/Go, le tout × PUE ; CO₂e = énergie × intensité carbone (méthode GA4HPC).",
            "Energy per job: CPU time used × W per core + wall time × GPUs × W per GPU + wall time × memory requested × W/GB, all × PUE; CO₂e = energy × carbon intensity (GA4HPC method).",
        )
        .to_owned(),
        match &c.ci_series {
            Some(_) => tr(
                lang,
                "Intensité par tâche : moyenne de la série pondérée par le temps sur son exécution [Start, Start + Elapsed] ; sans Start, à partir de Submit ; sans Start ni Submit, ou hors de la série, la moyenne de la série sur toute sa durée (voir les avertissements).",
                "Intensity per job: the series' time-weighted mean over its run [Start, Start + Elapsed]; without Start, from Submit; with neither, or outside the series, the series' mean over its whole span (see the warnings).",
            )
            .to_owned(),
            None => String::new(),
        },
        format!(
            "{} {} — Lannelongue, Grealey & Inouye, Advanced Science 8 (2021) 2100707 (CC BY 4.0). {}.",
            tr(lang, "Green Algorithms, données", "Green Algorithms, data"),
            c.data_version,
            crate::ga::citation::TOOL
        ),
    ];
    for i in items.iter().filter(|i| !i.is_empty()) {
        let _ = write!(s, "<li>{}</li>", escape(&typography(i, lang)));
    }
    s.push_str("</ul>\n");
    let _ = write!(
        s,
        "<table><tr><th>Partition</th><th>type</th><th>{}</th><th>W/GPU</th><th>{}</th><th>Source</th></tr>",
        tr(lang, "W/cœur", "W/core"),
        tr(lang, "Go/nœud", "GB/node"),
    );
    for p in &c.partitions {
        let _ = write!(
            s,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            escape(&p.name),
            p.kind.as_str(),
            escape(&significant(p.w_per_core, lang)),
            escape(&significant(p.w_per_gpu, lang)),
            p.memory_per_node_gb
                .map(|m| escape(&significant(m, lang)))
                .unwrap_or_default(),
            escape(p.source.as_deref().unwrap_or(""))
        );
    }
    s.push_str("</table>\n");
}

/// The series' time-weighted mean per UTC day (`YYYY-MM-DD`, gCO2e/kWh); per several days
/// (labelled by the first) for a series of more than 1 000 days.
fn series_days(s: &ClusterSeries) -> Vec<(String, f64)> {
    const DAY: i64 = 86_400;
    let (start, end) = (s.series.start_unix_s(), s.series.end_unix_s());
    let first = start.div_euclid(DAY);
    let days = (end - 1).div_euclid(DAY) - first + 1;
    let step = (days + 999) / 1000;
    let mut out = Vec::new();
    let mut day = first;
    while day * DAY < end {
        let a = (day * DAY).max(start);
        let b = ((day + step) * DAY).min(end);
        let label = crate::intensity::format_timestamp(day * DAY);
        out.push((label[..10].to_owned(), s.series.mean_over(a, b as f64).0));
        day += step;
    }
    out
}

fn ratio(part: f64, whole: f64) -> f64 {
    if whole > 0.0 {
        part / whole
    } else {
        0.0
    }
}

fn subtitle(report: &Analysis, lang: Lang) -> String {
    let c = &report.cluster;
    let mut parts = Vec::new();
    if let Some(i) = &c.institution {
        parts.push(i.clone());
    }
    let days: Vec<&str> = report
        .by_day
        .iter()
        .map(|g| g.name.as_str())
        .filter(|n| !n.is_empty())
        .collect();
    if let (Some(a), Some(b)) = (days.first(), days.last()) {
        parts.push(format!(
            "{} {a} → {b}",
            tr(lang, "tâches soumises du", "jobs submitted")
        ));
    }
    parts.push(format!(
        "{} {}",
        count(report.diagnostics.lines, lang),
        tr(lang, "lignes sacct", "sacct lines")
    ));
    parts.join(" · ")
}

/// A chart's title, its (label, value) bars and how its values read.
type Chart<'a> = (&'a str, Vec<(String, f64)>, Unit);

/// How a chart's values read.
#[derive(Clone, Copy)]
enum Unit {
    Plain,
    Percent,
}

fn tick(v: f64, unit: Unit, lang: Lang) -> String {
    match unit {
        Unit::Percent => format!(
            "{}{}",
            number(v, 0, lang),
            if lang == Lang::Fr { "\u{A0}%" } else { "%" }
        ),
        Unit::Plain if v.abs() >= 1000.0 || v.fract() == 0.0 => number(v, 0, lang),
        Unit::Plain => significant(v, lang),
    }
}

/// A "nice" axis maximum at or above `max`: 1, 2 or 5 × a power of ten.
fn nice_max(max: f64) -> f64 {
    if max.is_nan() || max <= 0.0 || !max.is_finite() {
        return 1.0;
    }
    let p = 10f64.powf(max.log10().floor());
    for m in [1.0, 2.0, 5.0, 10.0] {
        if m * p >= max {
            return m * p;
        }
    }
    10.0 * p
}

/// A bar chart as inline SVG, labels under the bars (thinned to about twelve).
fn bar_chart(data: &[(String, f64)], unit: Unit, lang: Lang) -> String {
    const W: f64 = 960.0;
    const H: f64 = 240.0;
    const LEFT: f64 = 64.0;
    const BOTTOM: f64 = 28.0;
    const TOP: f64 = 10.0;
    let plot_w = W - LEFT - 10.0;
    let plot_h = H - BOTTOM - TOP;
    let max = match unit {
        Unit::Percent => 100.0,
        Unit::Plain => nice_max(data.iter().map(|d| d.1).fold(0.0, f64::max)),
    };
    let mut s = format!("<svg viewBox=\"0 0 {W} {H}\" role=\"img\">");
    for i in 0..=4 {
        let v = max * f64::from(i) / 4.0;
        let y = TOP + plot_h - plot_h * f64::from(i) / 4.0;
        let _ = write!(
            s,
            "<line x1=\"{LEFT}\" x2=\"{}\" y1=\"{y:.1}\" y2=\"{y:.1}\" stroke=\"#e3e7ec\"/><text x=\"{}\" y=\"{:.1}\" text-anchor=\"end\">{}</text>",
            W - 10.0,
            LEFT - 6.0,
            y + 4.0,
            escape(&tick(v, unit, lang))
        );
    }
    let n = data.len().max(1) as f64;
    let step = plot_w / n;
    let bar = (step * 0.8).max(0.5);
    let every = (data.len() / 12).max(1);
    for (i, (label, v)) in data.iter().enumerate() {
        let v = if v.is_finite() { v.max(0.0) } else { 0.0 };
        let h = plot_h * (v / max).min(1.0);
        let x = LEFT + step * i as f64 + (step - bar) / 2.0;
        let _ = write!(
            s,
            "<rect x=\"{x:.2}\" y=\"{:.2}\" width=\"{bar:.2}\" height=\"{h:.2}\" fill=\"#2f7d5b\"><title>{} : {}</title></rect>",
            TOP + plot_h - h,
            escape(label),
            escape(&tick(v, unit, lang))
        );
        if i % every == 0 {
            let _ = write!(
                s,
                "<text x=\"{:.1}\" y=\"{}\" text-anchor=\"middle\">{}</text>",
                x + bar / 2.0,
                H - 10.0,
                escape(label)
            );
        }
    }
    s.push_str("</svg>\n");
    s
}

fn group_table(groups: &[Group], lang: Lang, limit: usize) -> String {
    let mut s = format!(
        "<table><tr><th></th><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr>",
        tr(lang, "tâches", "jobs"),
        tr(lang, "réussite", "success"),
        tr(lang, "h CPU", "CPU h"),
        tr(lang, "h GPU", "GPU h"),
        tr(lang, "énergie", "energy"),
        "CO₂e",
        tr(lang, "dont échecs", "of which failed"),
    );
    for g in groups.iter().take(limit) {
        let t = &g.totals;
        let _ = write!(
            s,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            escape(&display(&g.name, lang)),
            escape(&count(t.jobs, lang)),
            escape(&percent(t.success_rate(), lang)),
            escape(&number(t.cpu_hours_used(), 0, lang)),
            escape(&number(t.gpu_hours(), 0, lang)),
            escape(&energy_kwh(t.energy_kwh, lang)),
            escape(&co2e_g(t.co2e_g, lang)),
            escape(&co2e_g(t.co2e_failed_g, lang)),
        );
    }
    if groups.len() > limit {
        let _ = write!(
            s,
            "<tr><td colspan=\"8\" class=\"small\">… {} {}</td></tr>",
            count((groups.len() - limit) as u64, lang),
            tr(lang, "autres", "more")
        );
    }
    s.push_str("</table>\n");
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn axis_maxima_are_round() {
        assert_eq!(nice_max(0.0), 1.0);
        assert_eq!(nice_max(7.0), 10.0);
        assert_eq!(nice_max(13.0), 20.0);
        assert_eq!(nice_max(420.0), 500.0);
        assert_eq!(nice_max(f64::NAN), 1.0);
        assert_eq!(
            escape("<a href='x'>&\"</a>"),
            "&lt;a href=&#39;x&#39;&gt;&amp;&quot;&lt;/a&gt;"
        );
    }
}
