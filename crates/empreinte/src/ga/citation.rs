//! The citable "how to report" paragraph under each result (methodology A.7), in French
//! and English. Unlike Green Algorithms v3.0, energy and CO2e are in their right places.

use crate::format::{co2e_g, duration_h, energy_kwh, number, significant, Lang};
use crate::ga::result::Estimate;

/// The tool's name and version as cited: `Empreinte 0.1.0`.
pub const TOOL: &str = concat!("Empreinte ", env!("CARGO_PKG_VERSION"));

/// "2 NVIDIA A100 40GB PCIe and 16 AMD EPYC 7763 cores" and its French counterpart.
fn hardware(e: &Estimate, lang: Lang) -> String {
    let unspecified =
        |model: &str| model.eq_ignore_ascii_case("any") || model.eq_ignore_ascii_case("other");
    let gpu = e.gpu.as_ref().map(|g| match (lang, unspecified(&g.model)) {
        (Lang::Fr, true) => format!("{}\u{A0}GPU (modèle non précisé)", g.count),
        (Lang::En, true) if g.count == 1 => "1 GPU (model unspecified)".to_owned(),
        (Lang::En, true) => format!("{} GPUs (model unspecified)", g.count),
        (_, false) => format!("{} {}", g.count, g.model),
    });
    let cpu = e.cpu.as_ref().map(|c| match (lang, unspecified(&c.model)) {
        (Lang::Fr, true) => format!("{}\u{A0}cœurs (modèle non précisé)", c.cores),
        (Lang::En, true) => format!("{} cores (model unspecified)", c.cores),
        (Lang::Fr, false) => format!("{}\u{A0}cœurs {}", c.cores, c.model),
        (Lang::En, false) => format!("{} {} cores", c.cores, c.model),
    });
    let and = match lang {
        Lang::Fr => " et ",
        Lang::En => " and ",
    };
    [gpu, cpu]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(and)
}

/// The paragraph for `e` in `lang`.
pub fn paragraph(e: &Estimate, lang: Lang) -> String {
    let runtime = duration_h(e.runtime_h, lang);
    let hw = hardware(e, lang);
    let energy = energy_kwh(e.figures.energy_kwh, lang);
    let co2e = co2e_g(e.figures.co2e_g, lang);
    let trees = significant(e.equivalences.tree_months, lang);
    let place = e.location.display_name();
    let version = e.data_version;
    let runs = e.multiplicative_factor;
    match lang {
        Lang::En => {
            let repeat = if runs > 1.0 {
                format!(
                    ", and run {} times",
                    number(runs, if runs.fract() == 0.0 { 0 } else { 2 }, lang)
                )
            } else {
                String::new()
            };
            format!(
                "This computation ran for {runtime} on {hw} and drew {energy}. Based in {place}{repeat}, \
                 it has a carbon footprint of {co2e}, equivalent to {trees} tree-months \
                 ({TOOL}, Green Algorithms method, data {version} [Lannelongue et al. 2021])."
            )
        }
        Lang::Fr => {
            let repeat = if runs > 1.0 {
                format!(
                    ", et exécuté {} fois",
                    number(runs, if runs.fract() == 0.0 { 0 } else { 2 }, lang)
                )
            } else {
                String::new()
            };
            format!(
                "Ce calcul a duré {runtime} sur {hw} et a consommé {energy}. Situé dans la zone {place}{repeat}, \
                 il a une empreinte carbone de {co2e}, soit l’équivalent de {trees}\u{A0}mois-arbre \
                 ({TOOL}, méthode Green Algorithms, données {version} [Lannelongue et al. 2021])."
            )
        }
    }
}

impl Estimate {
    /// The citable "how to report" paragraph, in French or English.
    pub fn citation(&self, lang: Lang) -> String {
        paragraph(self, lang)
    }
}
