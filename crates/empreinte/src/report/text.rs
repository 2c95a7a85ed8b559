//! The fixed texts of a report, in French (authoritative) and English: limitations,
//! statements, the report's citation paragraph.

use super::fixed::{Grams, Kwh};
use super::manifest::Manifest;
use super::model::{Bilingual, Co2eSplit, EnergySplit, Statements};
use crate::format::{co2e_g, energy_kwh, Lang};
use crate::tables::DataVersion;

/// The French and English text of limitation `id`.
pub fn limitation(id: &str) -> (String, String) {
    let (fr, en) = match id {
        "embodied_not_computed" => (
            "Les émissions de fabrication (empreinte intrinsèque du matériel) ne sont pas calculées : \
             cette version d’Empreinte n’a pas encore de modèle d’émissions intrinsèques. \
             L’empreinte totale (opérationnelle + fabrication) n’est donc pas donnée.",
            "Embodied (manufacturing) emissions are not computed: this version of Empreinte has no \
             embodied-emissions model yet. The total footprint (operational + embodied) is \
             therefore not given.",
        ),
        "uncertainty_not_computed" => (
            "Les intervalles d’incertitude (bas, central, haut) et leurs principaux facteurs ne sont \
             pas calculés : cette version n’a pas encore de méthode d’incertitude. Les valeurs \
             données sont centrales.",
            "Uncertainty intervals (low, central, high) and their top drivers are not computed: \
             this version has no uncertainty method yet. The values given are central values.",
        ),
        "water_not_computed" => (
            "La consommation d’eau (sur site et hors site) n’est pas calculée dans cette version.",
            "Water use (on-site and off-site) is not computed in this version.",
        ),
        "ci_alternative_not_computed" => (
            "Le résultat avec une autre source d’intensité carbone n’est pas calculé : cette \
             version n’a que la source Green Algorithms.",
            "The result under an alternative carbon-intensity source is not computed: this \
             version only has the Green Algorithms source.",
        ),
        "sci_not_computed" => (
            "Le score SCI (ISO/IEC 21031:2024) par unité fonctionnelle n’est pas calculé : il \
             requiert les émissions de fabrication.",
            "The SCI score (ISO/IEC 21031:2024) per functional unit is not computed: it requires \
             embodied emissions.",
        ),
        "power_model" => (
            "La puissance est modélisée (TDP × taux d’utilisation), sauf mention «\u{A0}mesuré\u{A0}» : \
             l’écart à la puissance réelle mesurée au mur peut atteindre environ 40 %.",
            "Power is modelled (TDP × usage factor) unless marked measured: it may differ from \
             measured wall power by up to about 40%.",
        ),
        "memory_allocated" => (
            "La puissance de la mémoire est calculée sur la mémoire allouée (0,3725 W/Go), non \
             sur la mémoire utilisée.",
            "Memory power is computed on the memory allocated (0.3725 W/GB), not the memory used.",
        ),
        "ci_annual_average" => (
            "L’intensité carbone est une moyenne annuelle du mix moyen du lieu (approche «\u{A0}location-based\u{A0}»), \
             sans résolution temporelle.",
            "The carbon intensity is an annual average of the location's average mix \
             (location-based), without time resolution.",
        ),
        "idle_capacity" => (
            "La capacité réservée inutilisée et la redondance ne sont comptées que si elles sont \
             déclarées comme composants ; un taux d’utilisation nul compte une puissance nulle.",
            "Idle reserved capacity and redundancy are counted only where declared as components; \
             a zero usage factor counts zero power.",
        ),
        "pue_default" => (
            "Au moins un PUE est une valeur par défaut des données, non déclarée par l’exploitant.",
            "At least one PUE is a default of the dataset, not declared by the operator.",
        ),
        "pue_without_evidence" => (
            "Au moins un PUE est déclaré sans preuve (type, année, méthode).",
            "At least one PUE is declared without evidence (type, year, method).",
        ),
        "usage_default" => (
            "Au moins un taux d’utilisation n’est pas donné : la pleine charge (1) est supposée, \
             ce qui majore la puissance.",
            "At least one usage factor is not given: full load (1) is assumed, an upper bound.",
        ),
        "wue_not_used" => (
            "Le WUE déclaré est rapporté mais n’est pas utilisé : l’eau n’est pas calculée dans \
             cette version.",
            "The declared WUE is reported but not used: water is not computed in this version.",
        ),
        _ => ("", ""),
    };
    (french(fr), en.to_owned())
}

/// French typography: a no-break space before `:` and a narrow one before `;`, `!`, `?`.
pub fn french(text: &str) -> String {
    text.replace(" : ", "\u{A0}: ")
        .replace(" ; ", "\u{202F}; ")
        .replace(" !", "\u{202F}!")
        .replace(" ?", "\u{202F}?")
}

/// The fixed statements.
pub fn statements() -> Statements {
    Statements {
        no_offsets: Bilingual::new(
            french("Aucune compensation carbone, aucune garantie d’origine, aucun certificat (REC) ni \
             contrat d’achat d’électricité (PPA) n’est déduit des résultats."),
            "No offsets, guarantees of origin, renewable energy certificates (RECs) or power \
             purchase agreements (PPAs) are deducted from the results.",
        ),
        location_based: Bilingual::new(
            french("Le facteur d’émission de l’électricité est celui du mix moyen du lieu d’exécution \
             (approche «\u{A0}location-based\u{A0}»), avec sa source, son type et son année."),
            "The emission factor of electricity is the average mix of the place where the \
             computation ran (location-based), with its source, type and year.",
        ),
        equivalences: Bilingual::new(
            french("Les équivalences sont données pour situer les ordres de grandeur, avec leurs \
             facteurs et leurs sources ; elles ne remplacent jamais les résultats chiffrés."),
            "Equivalences give orders of magnitude, with their factors and sources; they never \
             replace the figures.",
        ),
    }
}

/// The report's citable paragraph.
pub fn report_citation(
    m: &Manifest,
    v: DataVersion,
    energy: &EnergySplit,
    co2e: &Co2eSplit,
    tool_version: &str,
) -> Bilingual {
    let id = &m.identification;
    let tool = format!("Empreinte {tool_version}");
    let total = |lang: Lang| (energy_of(energy.total, lang), co2e_of(co2e.total, lang));
    let (e_fr, c_fr) = total(Lang::Fr);
    let (e_en, c_en) = total(Lang::En);
    let n = m.components.len();
    let fr = format!(
        "Le projet «\u{A0}{project}\u{A0}» de {supplier}, pour {buyer} (marché {contract}), a consommé {e_fr} \
         du {start} au {end} ({n}\u{A0}composant{s}), soit une empreinte carbone opérationnelle de {c_fr} \
         ({tool}, méthode Green Algorithms, données {v} [Lannelongue et al. 2021]).",
        project = id.project.name,
        supplier = id.supplier.legal_name,
        buyer = id.buyer.legal_name,
        contract = id.contract.reference,
        start = date(&m.period.start.0),
        end = date(&m.period.end.0),
        s = if n > 1 { "s" } else { "" },
    );
    let en = format!(
        "Project \"{project}\" of {supplier}, for {buyer} (contract {contract}), used {e_en} from \
         {start} to {end} ({n} component{s}), an operational carbon footprint of {c_en} \
         ({tool}, Green Algorithms method, data {v} [Lannelongue et al. 2021]).",
        project = id.project.name,
        supplier = id.supplier.legal_name,
        buyer = id.buyer.legal_name,
        contract = id.contract.reference,
        start = date(&m.period.start.0),
        end = date(&m.period.end.0),
        s = if n > 1 { "s" } else { "" },
    );
    Bilingual::new(fr, en)
}

/// The date part of an RFC 3339 time.
pub fn date(ts: &str) -> &str {
    ts.get(..10).unwrap_or(ts)
}

/// An energy from the report, formatted for `lang`.
pub fn energy_of(k: Kwh, lang: Lang) -> String {
    energy_kwh(k.to_f64(), lang)
}

/// A mass of CO2e from the report, formatted for `lang`.
pub fn co2e_of(g: Grams, lang: Lang) -> String {
    co2e_g(g.to_f64(), lang)
}
