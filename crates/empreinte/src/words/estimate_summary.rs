//! The text summary of an [`Estimate`] (what `empreinte estimate` prints), in French or
//! English, with the core's words and number formats (decimal comma and narrow no-break
//! spaces in French, a no-break space before units), one unit per block.

use super::tr;
use super::vocabulary as vocab;
use crate::figures::Breakdown;
use crate::format::Lang;
use crate::format::{
    co2e_g, co2e_g_scaled, duration_h, energy_kwh_scaled, number, power_w, significant, NBSP,
};
use crate::format::{pad_left, pad_right, plain, width};
use crate::ga::citation::TOOL;
use crate::ga::result::{Estimate, PueSource};
use crate::intensity::CiKind;
use crate::platform::Platform;

/// One line of the summary.
enum Line {
    /// A label and its value; an empty label continues the row above.
    Row(String, String),
    /// A line as is.
    Raw(String),
    /// An empty line.
    Blank,
}

fn row(label: impl Into<String>, value: impl Into<String>) -> Line {
    Line::Row(label.into(), value.into())
}

/// The summary of `e` in `lang`, ending with a newline.
///
/// # Examples
/// ```
/// use empreinte::{estimate, CpuSpec, Job, Lang};
/// let job = Job {
///     runtime_h: Some(12.0),
///     cpu: Some(CpuSpec { model: Some("Xeon E5-2683 v4".into()), cores: Some(12), ..Default::default() }),
///     memory_gb: Some(64.0),
///     location: Some("FR".into()),
///     ..Default::default()
/// };
/// let text = empreinte::words::estimate_summary::render(&estimate(&job)?, Lang::Fr);
/// assert!(text.contains("Énergie               2,13\u{A0}kWh"));
/// # Ok::<(), empreinte::Error>(())
/// ```
pub fn render(e: &Estimate, lang: Lang) -> String {
    let mut lines = vec![
        Line::Raw(format!(
            "{TOOL} — {}",
            tr(lang, "méthode Green Algorithms", "Green Algorithms method")
        )),
        Line::Blank,
    ];
    inputs(e, lang, &mut lines);
    lines.push(Line::Blank);
    results(e, lang, &mut lines);
    lines.push(Line::Blank);
    beyond(e, lang, &mut lines);
    lines.push(Line::Blank);
    factors(e, lang, &mut lines);
    lines.push(Line::Blank);
    equivalences(e, lang, &mut lines);
    lines.push(Line::Blank);
    lines.push(Line::Raw(
        tr(lang, "Citer ce résultat", "Cite this result").to_owned(),
    ));
    lines.push(Line::Raw(e.citation(lang)));
    let text = layout(&lines);
    match lang {
        Lang::Fr => super::french_typography(&text),
        Lang::En => text,
    }
}

/// Aligns the values of the rows in one column.
fn layout(lines: &[Line]) -> String {
    let w = lines
        .iter()
        .filter_map(|l| match l {
            Line::Row(label, _) => Some(width(label)),
            _ => None,
        })
        .max()
        .unwrap_or(0);
    let mut out = String::new();
    for line in lines {
        match line {
            Line::Row(label, value) => {
                let text = format!("{}  {value}", pad_right(label, w));
                out.push_str(text.trim_end());
            }
            Line::Raw(text) => out.push_str(text),
            Line::Blank => {}
        }
        out.push('\n');
    }
    out
}

fn platform_name(p: Platform, lang: Lang) -> &'static str {
    match p {
        Platform::LocalServer => tr(lang, "serveur local", "local server"),
        Platform::PersonalComputer => tr(lang, "ordinateur personnel", "personal computer"),
        Platform::Cloud => "cloud",
    }
}

/// Runtime, runs, hardware, memory and place of the job.
fn inputs(e: &Estimate, lang: Lang, lines: &mut Vec<Line>) {
    lines.push(row(
        tr(lang, "Durée", "Runtime"),
        duration_h(e.runtime_h, lang),
    ));
    if e.multiplicative_factor != 1.0 {
        lines.push(row(
            tr(lang, "Exécutions", "Runs"),
            format!("×{}", plain(e.multiplicative_factor, lang)),
        ));
    }
    let usage = tr(lang, "utilisation", "usage");
    let origin = |o: crate::ga::result::PowerOrigin, source: &str| match o {
        crate::ga::result::PowerOrigin::Table => String::new(),
        crate::ga::result::PowerOrigin::Stated => {
            tr(lang, " (valeur indiquée)", " (stated)").to_owned()
        }
        crate::ga::result::PowerOrigin::Measured => match lang {
            Lang::Fr => format!(" (mesurée\u{202F}: {source})"),
            Lang::En => format!(" (measured: {source})"),
        },
    };
    if let Some(c) = &e.cpu {
        lines.push(row(
            "CPU",
            format!(
                "{} × {}, {}{NBSP}W/{}{}, {usage} {}",
                c.cores,
                c.model,
                plain(c.tdp_per_core_w, lang),
                tr(lang, "cœur", "core"),
                origin(c.origin, &c.source),
                usage_percent(c.usage, lang)
            ),
        ));
    }
    if let Some(g) = &e.gpu {
        lines.push(row(
            "GPU",
            format!(
                "{} × {}, {}{NBSP}W{}, {usage} {}",
                g.count,
                g.model,
                plain(g.tdp_w, lang),
                origin(g.origin, &g.source),
                usage_percent(g.usage, lang)
            ),
        ));
    }
    lines.push(row(
        tr(lang, "Mémoire", "Memory"),
        format!("{}{NBSP}{}", plain(e.memory_gb, lang), tr(lang, "Go", "GB")),
    ));
    lines.push(row(
        tr(lang, "Plateforme", "Platform"),
        platform_name(e.platform, lang),
    ));
    if let Some(p) = e.provider {
        lines.push(row(tr(lang, "Fournisseur", "Provider"), p));
    }
    if let Some(d) = e.datacenter {
        lines.push(row(
            tr(lang, "Centre de données", "Data centre"),
            format!("{} ({}, {})", d.name, d.place, d.location),
        ));
    }
}

/// A usage factor as a percentage: `80 %` (fr, narrow no-break space, as every percentage),
/// `80%` (en), one decimal when needed.
fn usage_percent(usage: f64, lang: Lang) -> String {
    let p = usage * 100.0;
    let decimals = if (p - p.round()).abs() < 1e-9 { 0 } else { 1 };
    match lang {
        Lang::Fr => format!("{}\u{202F}%", number(p, decimals, lang)),
        Lang::En => format!("{}%", number(p, decimals, lang)),
    }
}

/// The share of `part` in `total`, in percent.
fn percent(part: f64, total: f64, lang: Lang) -> String {
    crate::format::percent(if total > 0.0 { part / total } else { 0.0 }, lang)
}

/// A figure split at its no-break space into number and unit, so that columns line up.
fn split_unit(text: &str) -> (&str, &str) {
    text.rsplit_once(NBSP).unwrap_or((text, ""))
}

/// A total and its cpu/gpu/memory split, numbers right-aligned and units left-aligned, with
/// percentages.
fn breakdown(
    e: &Estimate,
    lang: Lang,
    label: &str,
    total: f64,
    parts: &Breakdown,
    fmt: fn(f64, f64, Lang) -> String,
    lines: &mut Vec<Line>,
) {
    let mut components = vec![(label.to_owned(), total)];
    if e.cpu.is_some() {
        components.push(("  CPU".to_owned(), parts.cpu));
    }
    if e.gpu.is_some() {
        components.push(("  GPU".to_owned(), parts.gpu));
    }
    components.push((format!("  {}", tr(lang, "Mémoire", "Memory")), parts.memory));
    // one unit for the block, the total's
    let texts: Vec<String> = components
        .iter()
        .map(|(_, v)| fmt(*v, total, lang))
        .collect();
    let wn = texts
        .iter()
        .map(|t| width(split_unit(t).0))
        .max()
        .unwrap_or(0);
    let wu = texts
        .iter()
        .map(|t| width(split_unit(t).1))
        .max()
        .unwrap_or(0);
    let shares: Vec<String> = components
        .iter()
        .map(|(_, v)| percent(*v, total, lang))
        .collect();
    let wp = shares.iter().skip(1).map(|p| width(p)).max().unwrap_or(0);
    for (i, ((name, _), (text, share))) in
        components.iter().zip(texts.iter().zip(&shares)).enumerate()
    {
        let (n, u) = split_unit(text);
        let mut value = format!("{}{NBSP}{}", pad_left(n, wn), pad_right(u, wu));
        if i > 0 {
            value = format!("{value}  {}", pad_left(share, wp));
        }
        lines.push(row(name.as_str(), value));
    }
}

/// Energy, carbon footprint and power.
fn results(e: &Estimate, lang: Lang, lines: &mut Vec<Line>) {
    breakdown(
        e,
        lang,
        tr(lang, "Énergie", "Energy"),
        e.figures.energy_kwh,
        &e.figures.energy_breakdown_kwh,
        energy_kwh_scaled,
        lines,
    );
    breakdown(
        e,
        lang,
        tr(lang, "Empreinte carbone", "Carbon footprint"),
        e.figures.co2e_g,
        &e.figures.co2e_breakdown_g,
        co2e_g_scaled,
        lines,
    );
    lines.push(row(
        tr(lang, "Puissance appelée", "Power drawn"),
        power_w(e.figures.power_w, lang),
    ));
}

/// `label: text` with the French space before the colon.
fn labelled(lang: Lang, fr: &'static str, en: &'static str, text: &str) -> String {
    match lang {
        Lang::Fr => format!("{fr}\u{202F}: {text}"),
        Lang::En => format!("{en}: {text}"),
    }
}

/// PUE, carbon intensity, data version and defaults, with their origins.
fn factors(e: &Estimate, lang: Lang, lines: &mut Vec<Line>) {
    let origin = match e.pue.source {
        PueSource::Stated => tr(lang, "indiqué", "stated").to_owned(),
        PueSource::Datacenter => format!(
            "{} {}",
            tr(lang, "centre de données", "data centre"),
            e.datacenter.map_or("", |d| d.name)
        ),
        PueSource::ProviderDefault => format!(
            "{} {}",
            tr(
                lang,
                "valeur par défaut du fournisseur",
                "default of provider"
            ),
            e.provider.unwrap_or("")
        ),
        PueSource::PlatformDefault => format!(
            "{} ({})",
            tr(lang, "valeur par défaut", "platform default"),
            platform_name(e.platform, lang)
        ),
    };
    lines.push(row(
        "PUE",
        format!("{} — {origin}", plain(e.pue.value, lang)),
    ));
    if !e.pue.reference.is_empty() {
        lines.push(row(
            "",
            labelled(lang, "référence", "reference", e.pue.reference),
        ));
    }
    let loc = e.location;
    let via = match (e.location_source, e.datacenter) {
        (crate::ga::result::LocationSource::Datacenter, Some(d)) => format!(
            ", {} {}",
            tr(lang, "zone du centre de données", "location of data centre"),
            d.name
        ),
        _ => String::new(),
    };
    lines.push(row(
        tr(lang, "Intensité carbone", "Carbon intensity"),
        format!(
            "{}{NBSP}gCO₂e/kWh — {} ({}){via}",
            plain(e.figures.ci_g_per_kwh, lang),
            loc.code,
            loc.display_name()
        ),
    ));
    let src = e.ci.value.source;
    let kind = match (src.kind, lang) {
        (CiKind::Average, Lang::Fr) => "mix moyen",
        (CiKind::Average, Lang::En) => "average",
        (CiKind::Marginal, Lang::Fr) => "marginal",
        (CiKind::Marginal, Lang::En) => "marginal",
        (_, Lang::Fr) => "type non précisé",
        (_, Lang::En) => "type unspecified",
    };
    let year =
        e.ci.value
            .year
            .map(|y| format!(", {y}"))
            .unwrap_or_default();
    lines.push(row(
        "",
        labelled(
            lang,
            "source",
            "source",
            &format!(
                "{} (--ci-source {}; {kind}{year}, {})",
                vocab::ci_source_name(src.id, src.name, lang),
                src.id,
                src.licence
            ),
        ),
    ));
    if let Some(series) = &e.ci.series {
        lines.push(row(
            "",
            format!(
                "{} {} → {} ({} {})",
                tr(lang, "série temporelle :", "time series:"),
                crate::intensity::format_timestamp(series.start_unix_s),
                crate::intensity::format_timestamp(series.end_unix_s.ceil() as i64),
                series.intervals_used,
                tr(lang, "intervalles", "intervals"),
            ),
        ));
    } else if src.id == "ga" {
        let reference = if loc.comments.is_empty() {
            loc.source.to_owned()
        } else {
            format!("{} ({})", loc.source, loc.comments)
        };
        if !reference.is_empty() {
            lines.push(row(
                "",
                labelled(lang, "référence", "reference", &reference),
            ));
        }
    }
    if let Some(alt) = &e.ci_alternative {
        let year = alt.year.map(|y| format!(" {y}")).unwrap_or_default();
        lines.push(row(
            tr(lang, "Autre source", "Other source"),
            format!(
                "{}{year} (--ci-alternative {}) : {}{NBSP}gCO₂e/kWh → {}",
                vocab::ci_source_named(alt.source_name, lang),
                alt.source,
                plain(alt.ci_g_per_kwh, lang),
                co2e_g(alt.co2e_g, lang)
            )
            .replace(" : ", if lang == Lang::Fr { "\u{202F}: " } else { ": " }),
        ));
    }
    let default_mark = if e.defaults.contains("data_version") {
        tr(lang, " (par défaut)", " (default)")
    } else {
        ""
    };
    lines.push(row(
        tr(lang, "Version des données", "Data version"),
        format!(
            "Green Algorithms {}{default_mark}, CC BY 4.0",
            e.data_version
        ),
    ));
    let names: Vec<String> = e
        .defaults
        .names()
        .map(|n| vocab::default_name(n, lang))
        .collect();
    lines.push(row(
        tr(lang, "Valeurs par défaut", "Defaults applied"),
        if names.is_empty() {
            tr(lang, "aucune", "none").to_owned()
        } else {
            names.join(", ")
        },
    ));
}

/// Tree-months, car kilometres and the share of a flight.
fn equivalences(e: &Estimate, lang: Lang, lines: &mut Vec<Line>) {
    let eq = &e.equivalences;
    let trees = significant(eq.tree_months, lang);
    let car = significant(eq.car_km, lang);
    let route = eq.flight.route.as_str();
    let flight = if eq.flight.fraction < 1.0 {
        let pct = significant(eq.flight.fraction * 100.0, lang);
        match lang {
            Lang::Fr => format!("{pct}{NBSP}% d’un vol {route}"),
            Lang::En => format!("{pct}% of a flight {route}"),
        }
    } else {
        let n = significant(eq.flight.fraction, lang);
        match lang {
            Lang::Fr => format!("{n} vols {route}"),
            Lang::En => format!("{n} flights {route}"),
        }
    };
    let label = tr(lang, "Équivalences", "Equivalences");
    lines.push(row(
        label,
        match lang {
            Lang::Fr => format!("{trees}{NBSP}mois-arbre"),
            Lang::En => format!("{trees} tree-months"),
        },
    ));
    lines.push(row(
        "",
        match lang {
            Lang::Fr => format!("{car}{NBSP}km en voiture"),
            Lang::En => format!("{car}{NBSP}km by car"),
        },
    ));
    lines.push(row("", flight));
}

/// A range as `low – high`, in the unit `fmt` writes.
fn range(
    r: &crate::beyond::uncertainty::Range,
    fmt: fn(f64, f64, Lang) -> String,
    lang: Lang,
) -> String {
    format!(
        "{} – {}",
        fmt(r.low, r.high, lang),
        fmt(r.high, r.high, lang)
    )
}

/// Embodied emissions, total, SCI, ranges and their drivers, water: beyond Green Algorithms,
/// each reported apart from the Green Algorithms figure.
fn beyond(e: &Estimate, lang: Lang, lines: &mut Vec<Line>) {
    lines.push(Line::Raw(
        tr(
            lang,
            "Au-delà de Green Algorithms (reporté séparément)",
            "Beyond Green Algorithms (reported separately)",
        )
        .to_owned(),
    ));
    if let Some(m) = &e.embodied {
        let years = number(m.lifespan_h / 8766.0, 1, lang);
        lines.push(row(
            tr(lang, "Fabrication", "Embodied"),
            format!(
                "{} — {} {}, {} {}{NBSP}{}, {} {}",
                co2e_g(m.co2e_g, lang),
                tr(lang, "modèle", "model"),
                m.model.as_str(),
                tr(lang, "durée de vie", "lifespan"),
                years,
                tr(lang, "ans", "years"),
                tr(
                    lang,
                    "part du matériel réservée au calcul",
                    "share of the hardware reserved for the job"
                ),
                percent(m.resource_share, 1.0, lang),
            ),
        ));
    }
    lines.push(row(
        tr(lang, "Total", "Total"),
        format!(
            "{} ({} {})",
            co2e_g(e.totals.total_co2e_g, lang),
            percent(e.totals.embodied_share, 1.0, lang),
            tr(lang, "dû à la fabrication", "embodied"),
        ),
    ));
    if let Some(s) = &e.sci {
        lines.push(row(
            "SCI",
            format!("{} {}", co2e_g(s.value, lang), tr(lang, "par", "per"))
                + &format!(" {}", s.functional_unit.name),
        ));
    }
    if let Some(u) = &e.uncertainty {
        lines.push(row(
            tr(lang, "Fourchette", "Range"),
            format!(
                "{} : {} ({}) ; total {}",
                tr(lang, "énergie", "energy"),
                range(&u.energy_kwh_range, energy_kwh_scaled, lang),
                range(&u.co2e_g_range, co2e_g_scaled, lang),
                range(&u.total_co2e_g_range, co2e_g_scaled, lang),
            )
            .replace(" : ", if lang == Lang::Fr { "\u{202F}: " } else { ": " })
            .replace(" ; ", if lang == Lang::Fr { "\u{202F}; " } else { "; " }),
        ));
        let drivers: Vec<String> = u
            .drivers
            .as_slice()
            .iter()
            .take(3)
            .map(|d| {
                format!(
                    "{} {}",
                    vocab::driver_name(d.factor.as_str(), lang),
                    percent(d.share, 1.0, lang)
                )
            })
            .collect();
        lines.push(row(
            tr(lang, "Principaux facteurs", "Top drivers"),
            format!(
                "{} ({} {})",
                drivers.join(", "),
                tr(
                    lang,
                    "part de l’incertitude, méthode",
                    "share of the uncertainty, method"
                ),
                vocab::uncertainty_method_name(u.method, lang)
            ),
        ));
    }
    match &e.water {
        Some(w) => lines.push(row(
            tr(lang, "Eau", "Water"),
            format!(
                "{}{NBSP}L ({} {}{NBSP}L, {} {}{NBSP}L)",
                significant(w.total_l, lang),
                tr(lang, "sur site", "on site"),
                significant(w.onsite_l, lang),
                tr(lang, "hors site", "off site"),
                significant(w.offsite_l, lang),
            ),
        )),
        None => lines.push(row(
            tr(lang, "Eau", "Water"),
            tr(
                lang,
                "non calculée : intensité en eau du réseau inconnue ici (--ewif)",
                "not computed: the grid's water intensity is unknown here (--ewif)",
            ),
        )),
    }
}
