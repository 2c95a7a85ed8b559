//! The fixed texts of a report, in French (authoritative) and English: limitations,
//! statements, the report's citation paragraph.

use super::fixed::{GramsFixed, KwhFixed};
use super::manifest::Manifest;
use super::model::{Bilingual, Co2eSplit, EnergySplit, Statements};
use crate::format::{co2e_g, energy_kwh, Lang};
use crate::tables::DataVersion;

/// The French and English text of limitation `id`.
pub fn limitation(id: &str) -> (String, String) {
    let (fr, en) = match id {
        "embodied_unavailable" => (
            "Les émissions de fabrication (empreinte intrinsèque du matériel) ne sont pas calculées \
             pour au moins un composant : aucun modèle ne s’applique à son matériel. L’empreinte \
             totale et le score SCI ne sont donc pas donnés.",
            "Embodied (manufacturing) emissions are not computed for at least one component: no \
             model applies to its hardware. The total footprint and the SCI score are therefore \
             not given.",
        ),
        "embodied_model" => (
            "Les émissions de fabrication sont modélisées (modèle nommé par composant) : part des \
             émissions de fabrication du matériel au prorata du temps compté sur sa durée de vie \
             et de la part réservée.",
            "Embodied emissions are modelled (model named per component): the hardware's \
             manufacturing emissions in proportion to the time counted over its lifespan and to \
             the share reserved.",
        ),
        "uncertainty_unavailable" => (
            "Les intervalles d’incertitude ne sont pas calculés pour au moins un composant ; les \
             valeurs données sont centrales.",
            "Uncertainty intervals are not computed for at least one component; the values given \
             are central values.",
        ),
        "uncertainty_method" => (
            "Les intervalles (bas, central, haut) propagent des bornes documentées sur chaque \
             facteur (puissance, mémoire, PUE, intensité carbone, fabrication) ; la valeur \
             centrale est celle de la méthode Green Algorithms.",
            "Intervals (low, central, high) propagate documented bounds on each factor (power, \
             memory, PUE, carbon intensity, embodied); the central value is the Green Algorithms \
             value.",
        ),
        "ranges_summed" => (
            "Les intervalles par phase et du total sont les sommes des bornes des composants \
             (prudent) ; leurs principaux facteurs sont ceux des composants pondérés par la \
             largeur de leur intervalle.",
            "Phase and total intervals are the sums of the components' bounds (conservative); \
             their top drivers are the components' weighted by the width of their interval.",
        ),
        "water_unavailable" => (
            "La consommation d’eau n’est pas calculée pour au moins un composant : l’intensité en \
             eau de l’électricité de son lieu n’est pas connue.",
            "Water use is not computed for at least one component: the water intensity of its \
             location's electricity is not known.",
        ),
        "ci_alternative_unavailable" => (
            "Le résultat avec une autre source d’intensité carbone n’est pas donné pour au moins \
             un composant : aucune autre source ne couvre son lieu.",
            "The result under an alternative carbon-intensity source is not given for at least \
             one component: no other source covers its location.",
        ),
        "scaled" => (
            "Les chiffres d’au moins un composant sont ceux d’une exécution (ou d’une durée mesurée) \
             multipliés par un facteur déclaré : facteur d’entraînement 1 + R&D + ré-entraînements × \
             taille relative, ou fonctionnement continu ramené à la période (mois ou année) ; le \
             paragraphe Green Algorithms de ce composant décrit une exécution.",
            "The figures of at least one component are those of one run (or of a measured span) \
             times a declared factor: the training factor 1 + R&D + retrainings × relative size, \
             or continuous operation scaled to the period (month or year); that component's Green \
             Algorithms paragraph describes one run.",
        ),
        "wue_default" => (
            "Au moins un WUE est une valeur par défaut, non déclarée par l’exploitant.",
            "At least one WUE is a default, not declared by the operator.",
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
        "Le projet «\u{A0}{project}\u{A0}» du fournisseur {supplier}, pour l’acheteur {buyer} (marché {contract}), a consommé {e_fr} \
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
        "Project \"{project}\" of supplier {supplier}, for buyer {buyer} (contract {contract}), used {e_en} from \
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
pub fn energy_of(k: KwhFixed, lang: Lang) -> String {
    energy_kwh(k.to_f64(), lang)
}

/// A mass of CO2e from the report, formatted for `lang`.
pub fn co2e_of(g: GramsFixed, lang: Lang) -> String {
    co2e_g(g.to_f64(), lang)
}
