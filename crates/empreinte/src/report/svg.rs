//! Inline SVG charts of a report: the operational footprint by part, by phase, and the
//! uncertainty range. Plain shapes and text, no script, readable without colour (labels
//! carry the values).

use super::fixed::GramsFixed;
use super::model::{Co2eSplit, Ranges, ReportedPhase, Section};
use super::text::co2e_of;
use crate::format::Lang;
use crate::words::{colon, escape_html as escape, label_value, tr};

/// The separator of the items of a text alternative.
fn items_sep(lang: Lang) -> &'static str {
    crate::words::tr(lang, "\u{202F}; ", "; ")
}

/// Colours with at least 4.5:1 contrast against white for the text beside them.
const COLOURS: [&str; 6] = [
    "#1f4e79", "#2e7d32", "#8e44ad", "#b35900", "#5d4037", "#37474f",
];

const WIDTH: f64 = 640.0;

fn svg(title: &str, height: f64, body: &str, id: &str) -> String {
    format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" aria-labelledby=\"{id}-title\" \
         viewBox=\"0 0 {WIDTH} {height}\" width=\"100%\" class=\"chart\">\
         <title id=\"{id}-title\">{}</title>{body}</svg>",
        escape(title)
    )
}

fn share(part: GramsFixed, whole: GramsFixed) -> f64 {
    if whole.0 <= 0 {
        0.0
    } else {
        (part.0.max(0) as f64 / whole.0 as f64).clamp(0.0, 1.0)
    }
}

fn share_text(part: GramsFixed, whole: GramsFixed, lang: Lang) -> String {
    let s = super::fixed::ShareFixed::from_f64(share(part, whole), "share").unwrap_or_default();
    crate::format::percent(s.to_f64(), lang)
}

/// A stacked bar of the operational footprint by part, with a legend.
pub fn breakdown(c: &Co2eSplit, lang: Lang) -> (String, String) {
    let title = tr(
        lang,
        "Empreinte opérationnelle par poste",
        "Operational footprint by part",
    );
    let parts = [
        ("CPU", c.cpu),
        ("GPU", c.gpu),
        (tr(lang, "Mémoire", "Memory"), c.memory),
        (
            tr(lang, "Surcoût du site (PUE)", "Facility overhead (PUE)"),
            c.facility_overhead,
        ),
    ];
    let mut body = String::new();
    let (x0, bar_w, y, h) = (10.0, WIDTH - 20.0, 10.0, 28.0);
    let mut x = x0;
    for (i, (_, g)) in parts.iter().enumerate() {
        let w = share(*g, c.total) * bar_w;
        if w > 0.0 {
            body.push_str(&format!(
                "<rect x=\"{x:.2}\" y=\"{y}\" width=\"{w:.2}\" height=\"{h}\" fill=\"{}\"/>",
                COLOURS[i]
            ));
        }
        x += w;
    }
    let mut alt = Vec::new();
    for (i, (name, g)) in parts.iter().enumerate() {
        let ly = 58.0 + 20.0 * i as f64;
        let label = format!(
            "{name}{}{} ({})",
            colon(lang),
            co2e_of(*g, lang),
            share_text(*g, c.total, lang)
        );
        body.push_str(&format!(
            "<rect x=\"10\" y=\"{:.0}\" width=\"12\" height=\"12\" fill=\"{}\"/>\
             <text x=\"28\" y=\"{:.0}\" font-size=\"13\" fill=\"#111\">{}</text>",
            ly - 10.0,
            COLOURS[i],
            ly,
            escape(&label)
        ));
        alt.push(label);
    }
    let height = 58.0 + 20.0 * parts.len() as f64;
    (
        svg(title, height, &body, "chart-breakdown"),
        label_value(title, &alt.join(items_sep(lang)), lang),
    )
}

/// Horizontal bars of the operational footprint by phase.
pub fn phases(phases: &[ReportedPhase], lang: Lang) -> (String, String) {
    let title = tr(
        lang,
        "Empreinte opérationnelle par phase",
        "Operational footprint by phase",
    );
    let max = phases
        .iter()
        .map(|p| p.figures.operational_co2e_g.total)
        .max()
        .unwrap_or_default();
    let total = phases.iter().fold(0i64, |acc, p| {
        acc.saturating_add(p.figures.operational_co2e_g.total.0)
    });
    let mut body = String::new();
    let mut alt = Vec::new();
    let (label_w, bar_x, bar_w) = (180.0, 190.0, WIDTH - 200.0);
    for (i, p) in phases.iter().enumerate() {
        let y = 10.0 + 34.0 * i as f64;
        let g = p.figures.operational_co2e_g.total;
        let name = crate::words::vocabulary::phase_name(p.phase, lang);
        let w = share(g, max) * bar_w * 0.5;
        let value = format!(
            "{} ({})",
            co2e_of(g, lang),
            share_text(g, super::fixed::Fixed(total), lang)
        );
        body.push_str(&format!(
            "<text x=\"{label_w}\" y=\"{:.0}\" font-size=\"13\" text-anchor=\"end\" fill=\"#111\">{}</text>\
             <rect x=\"{bar_x}\" y=\"{y:.0}\" width=\"{w:.2}\" height=\"22\" fill=\"{}\"/>\
             <text x=\"{:.2}\" y=\"{:.0}\" font-size=\"13\" fill=\"#111\">{}</text>",
            y + 16.0,
            escape(&name),
            COLOURS[i % COLOURS.len()],
            bar_x + w + 6.0,
            y + 16.0,
            escape(&value)
        ));
        alt.push(label_value(&name, &value, lang));
    }
    let height = 20.0 + 34.0 * phases.len().max(1) as f64;
    (
        svg(title, height, &body, "chart-phases"),
        label_value(title, &alt.join(items_sep(lang)), lang),
    )
}

/// The low–central–high interval of the total, or a note that it is not computed.
pub fn range(r: &Section<Ranges>, lang: Lang) -> (String, String) {
    let title = tr(lang, "Intervalle d’incertitude", "Uncertainty interval");
    match r {
        Section::Computed { value } => {
            let (lo, c, hi) = (value.co2e_g.low, value.co2e_g.central, value.co2e_g.high);
            let scale = |g: GramsFixed| 20.0 + share(g, hi) * (WIDTH - 60.0);
            let label = format!(
                "{}{}{} – {} – {}",
                tr(lang, "bas – central – haut", "low – central – high"),
                colon(lang),
                co2e_of(lo, lang),
                co2e_of(c, lang),
                co2e_of(hi, lang)
            );
            let body = format!(
                "<line x1=\"{:.2}\" y1=\"30\" x2=\"{:.2}\" y2=\"30\" stroke=\"#1f4e79\" stroke-width=\"6\"/>\
                 <circle cx=\"{:.2}\" cy=\"30\" r=\"8\" fill=\"#b35900\"/>\
                 <text x=\"20\" y=\"70\" font-size=\"13\" fill=\"#111\">{}</text>",
                scale(lo),
                scale(hi),
                scale(c),
                escape(&label)
            );
            (
                svg(title, 84.0, &body, "chart-range"),
                label_value(title, &label, lang),
            )
        }
        Section::NotComputed { reason, .. } => {
            let note = label_value(title, tr(lang, "non calculé", "not computed"), lang);
            let body = format!(
                "<rect x=\"1\" y=\"1\" width=\"{}\" height=\"38\" fill=\"none\" stroke=\"#555\" stroke-dasharray=\"4 3\"/>\
                 <text x=\"12\" y=\"25\" font-size=\"13\" fill=\"#111\">{}</text>",
                WIDTH - 2.0,
                escape(&note)
            );
            (
                svg(title, 40.0, &body, "chart-range"),
                format!("{note}. {}", reason.get(lang)),
            )
        }
    }
}
