//! The report's vocabulary: what each input is called, what a default or a measurement
//! rests on, the factors' labels and units, the grid-intensity sources' names.
//!
//! The report JSON keeps its machine names (`job.runtime_h`, `treeYear`,
//! `one run assumed (1)`); these functions turn them into words for people, in both
//! languages, so that a French rendering holds no English and no internal key.

use super::{quoted, tr};
use crate::format::{number, Lang};
use crate::ga::phases::Phase;

/// An input of a component or of the report (`job.runtime_h`, `choices.ci_source`,
/// `evidence.pue`), named for people; an unknown name is returned as it is.
pub fn input_label(input: &str, lang: Lang) -> String {
    let (fr, en) = match input {
        "job.runtime_h" => ("Durée d’exécution", "Runtime"),
        "job.cpu.cores" => ("Nombre de cœurs CPU", "CPU cores"),
        "job.cpu.tdp_per_core_w" => ("Puissance par cœur CPU", "Power per CPU core"),
        "job.cpu.usage" => ("Taux d’utilisation des CPU", "CPU usage factor"),
        "job.gpu.count" => ("Nombre de GPU", "GPU count"),
        "job.gpu.tdp_w" => ("Puissance par GPU", "Power per GPU"),
        "job.gpu.usage" => ("Taux d’utilisation des GPU", "GPU usage factor"),
        "job.memory_gb" => ("Mémoire allouée", "Memory allocated"),
        "job.platform" => ("Plateforme", "Platform"),
        "job.multiplicative_factor" => ("Nombre d’exécutions", "Number of runs"),
        "job.pue" | "pue" => ("PUE du site", "Site PUE"),
        "ci_g_per_kwh" => (
            "Intensité carbone de l’électricité",
            "Carbon intensity of electricity",
        ),
        "job.embodied" => ("Émissions de fabrication", "Embodied emissions"),
        "job.uncertainty" => ("Méthode d’incertitude", "Uncertainty method"),
        "job.water.wue_l_per_kwh" => ("Eau sur site (WUE)", "On-site water (WUE)"),
        "choices.data_version" => ("Version des données", "Data version"),
        "choices.ci_source" => ("Source d’intensité carbone", "Carbon-intensity source"),
        "choices.embodied_model" => ("Modèle de fabrication", "Embodied model"),
        "choices.uncertainty_method" => ("Méthode d’incertitude", "Uncertainty method"),
        "evidence.pue" => ("Justificatif du PUE", "PUE evidence"),
        "evidence.wue" => ("Justificatif du WUE", "WUE evidence"),
        other => (other, other),
    };
    tr(lang, fr, en).to_owned()
}

/// A default of an estimate (`data_version`, `cpu.usage`, `hardware_tables`, as
/// [`crate::Defaults::names`] lists them), named for people.
pub fn default_name(name: &str, lang: Lang) -> String {
    let (fr, en) = match name {
        "hardware_tables" => ("Tables de matériel", "Hardware tables"),
        "water" => ("Eau sur site (WUE)", "On-site water (WUE)"),
        "embodied" => ("Modèle de fabrication", "Embodied model"),
        "uncertainty" => ("Méthode d’incertitude", "Uncertainty method"),
        "data_version" | "ci_source" => return input_label(&format!("choices.{name}"), lang),
        _ => return input_label(&format!("job.{name}"), lang),
    };
    tr(lang, fr, en).to_owned()
}

/// A driver of the uncertainty (`ci`, `cpu_power`, `embodied`), named for people.
pub fn driver_name(factor: &str, lang: Lang) -> &str {
    match factor {
        "ci" | "ci_g_per_kwh" => tr(lang, "intensité carbone", "carbon intensity"),
        "embodied" => tr(lang, "fabrication", "embodied"),
        "pue" => "PUE",
        "cpu_power" => tr(lang, "puissance CPU", "CPU power"),
        "gpu_power" => tr(lang, "puissance GPU", "GPU power"),
        "memory_power" | "memory_power_w_per_gb" => tr(lang, "puissance mémoire", "memory power"),
        "runtime" | "runtime_h" => tr(lang, "durée", "runtime"),
        other => other,
    }
}

/// An uncertainty method (`interval`, `monte_carlo`), named for people.
pub fn uncertainty_method_name(method: &str, lang: Lang) -> &str {
    match method {
        "interval" => tr(lang, "intervalle", "interval"),
        "monte_carlo" => tr(lang, "Monte-Carlo", "Monte Carlo"),
        other => other,
    }
}

/// The name of the rows of the data-quality table that concern the whole report.
pub fn whole_report(lang: Lang) -> &'static str {
    tr(lang, "Ensemble du rapport", "Whole report")
}

/// What an input's value rests on (`basis` in the report JSON), in words; `input` is the
/// input it is about, `source_name` gives a grid-intensity source's name in `lang` from
/// its English name.
pub fn basis(input: &str, basis: &str, lang: Lang) -> String {
    let fixed = |fr: &str, en: &str| tr(lang, fr, en).to_owned();
    match basis {
        "manifest" => return fixed("déclaré dans le manifeste", "stated in the manifest"),
        "full load assumed (1)" => {
            return fixed("pleine charge supposée (1)", "full load assumed (1)")
        }
        "local server assumed" => return fixed("serveur local supposé", "local server assumed"),
        "one run assumed (1)" => return fixed("une exécution supposée (1)", "one run assumed (1)"),
        "no evidence given" => return fixed("aucun justificatif fourni", "no evidence given"),
        "stated by the supplier" => {
            return fixed("déclarée par le fournisseur", "stated by the supplier")
        }
        "interval" => {
            return fixed(
                "intervalle de bornes documentées",
                "interval of documented bounds",
            )
        }
        "monte_carlo" => return fixed("Monte-Carlo", "Monte Carlo"),
        _ => {}
    }
    if let Some(tool) = basis.strip_prefix("default of ") {
        return format!("{} {tool}", tr(lang, "valeur par défaut de", "default of"));
    }
    if input == "job.embodied" {
        if let Some(b) = embodied_basis(basis, lang) {
            return b;
        }
    }
    if input == "ci_g_per_kwh" {
        if let Some(b) = ci_basis(basis, lang) {
            return b;
        }
    }
    let mut parts: Vec<String> = basis
        .split("; ")
        .map(|p| basis_part(p.trim(), lang))
        .collect();
    parts.retain(|p| !p.is_empty());
    parts.join(tr(lang, "\u{202F}; ", "; "))
}

/// One `; `-separated part of a basis: a fixed phrase, a sampling interval, a PUE rule,
/// or the supplier's or the data's own words.
fn basis_part(p: &str, lang: Lang) -> String {
    if let Some(s) = p
        .strip_prefix("sampled every ")
        .and_then(|s| s.strip_suffix(" s"))
    {
        return match lang {
            Lang::Fr => format!("échantillonné toutes les {} s", s.replace('.', ",")),
            Lang::En => format!("sampled every {s} s"),
        };
    }
    let (fr, en) = match p {
        "platform default PUE (dataset or rule)" => (
            "PUE par défaut de la plateforme (données ou règle)",
            "platform default PUE (dataset or rule)",
        ),
        "data centre's published PUE (dataset)" => (
            "PUE publié du centre de données (données)",
            "data centre's published PUE (dataset)",
        ),
        "cloud provider's default PUE (dataset)" => (
            "PUE par défaut du fournisseur de nuage (données)",
            "cloud provider's default PUE (dataset)",
        ),
        "stated" => ("déclaré", "stated"),
        _ => return p.to_owned(),
    };
    tr(lang, fr, en).to_owned()
}

/// `ga-v3.1: lifespan 43830 h, resource share 0.25`.
fn embodied_basis(basis: &str, lang: Lang) -> Option<String> {
    let (model, rest) = basis.split_once(": lifespan ")?;
    let (life, share) = rest.split_once(" h, resource share ")?;
    let life_h: f64 = life.parse().ok()?;
    let share: f64 = share.parse().ok()?;
    let show = |x: f64| {
        let s = format!("{x}");
        let decimals = s.split_once('.').map_or(0, |(_, f)| f.len());
        number(x, decimals, lang)
    };
    Some(match lang {
        Lang::Fr => format!(
            "modèle {model}, durée de vie {} h, part de la ressource {}",
            show(life_h),
            show(share)
        ),
        Lang::En => format!(
            "model {model}, lifespan {} h, resource share {}",
            show(life_h),
            show(share)
        ),
    })
}

/// `{source name} {version}: {zone}[, year] ({kind}, location-based[, time series])`.
fn ci_basis(basis: &str, lang: Lang) -> Option<String> {
    let source = crate::intensity::sources()
        .iter()
        .find(|s| basis.starts_with(s.name))?;
    let rest = basis[source.name.len()..].trim_start();
    let (version, rest) = rest.split_once(": ")?;
    let (place, meta) = rest.split_once(" (")?;
    let meta = meta.strip_suffix(')')?;
    let mut words: Vec<String> = Vec::new();
    for m in meta.split(", ") {
        words.push(match m {
            "average" => tr(lang, "mix moyen", "average").to_owned(),
            "marginal" => tr(lang, "marginal", "marginal").to_owned(),
            "location-based" => tr(
                lang,
                "approche «\u{202F}location-based\u{202F}»",
                "location-based",
            )
            .to_owned(),
            "time series" => tr(lang, "série temporelle", "time series").to_owned(),
            other => other.to_owned(),
        });
    }
    Some(format!(
        "{} {version}{}{place} ({})",
        ci_source_name(source.id, source.name, lang),
        super::colon(lang),
        words.join(", ")
    ))
}

/// A grid-intensity source's name in `lang` (`name` is its English name).
pub fn ci_source_name<'a>(id: &str, name: &'a str, lang: Lang) -> &'a str {
    if lang == Lang::En {
        return name;
    }
    match id {
        "ga" => "données Green Algorithms (CI_aggregated.csv de la version des données)",
        "ember" => "données annuelles d’électricité d’Ember, dernière année par pays",
        "electricity-maps-2021" => "Electricity Maps, moyenne annuelle 2021",
        "electricity-maps-2022" => "Electricity Maps, moyenne annuelle 2022",
        "electricity-maps-2023" => "Electricity Maps, moyenne annuelle 2023",
        "electricity-maps-2024" => "Electricity Maps, moyenne annuelle 2024",
        "electricity-maps-2025" => "Electricity Maps, moyenne annuelle 2025",
        "ifi-2021-om" => "facteurs harmonisés des IFI v3.1, marge d’exploitation",
        "ifi-2021-cm" => "facteurs harmonisés des IFI v3.1, marge combinée pour la consommation",
        "fr-rte-2024" => "RTE éCO2mix, bilan électrique 2024 (France seulement)",
        "fr-ember-2023" => "données annuelles d’électricité d’Ember 2023 (France seulement)",
        "custom" => "valeur déclarée par l’utilisateur",
        _ => name,
    }
}

/// A grid-intensity source's name in `lang` from its English name (as a report stores
/// it), or the name itself when no source has it.
pub fn ci_source_named(name: &str, lang: Lang) -> &str {
    match crate::intensity::sources().iter().find(|s| s.name == name) {
        Some(s) => ci_source_name(s.id, name, lang),
        None => name,
    }
}

/// A text that names grid-intensity sources by their English names (`Ember yearly …, FRA,
/// 2024`, several joined by `; `, or within a sentence), with each name in `lang`.
pub fn ci_sources_in(text: &str, lang: Lang) -> String {
    let mut sources: Vec<_> = crate::intensity::sources().iter().collect();
    sources.sort_by_key(|s| std::cmp::Reverse(s.name.len()));
    let mut out = text.to_owned();
    for s in sources {
        if out.contains(s.name) {
            out = out.replace(s.name, ci_source_name(s.id, s.name, lang));
        }
    }
    match lang {
        Lang::Fr => out.replace("; ", "\u{202F}; "),
        Lang::En => out,
    }
}

/// A place's name in `lang`: the French names of Green Algorithms' reference countries
/// ([`crate::intensity::REFERENCE_COUNTRIES`]) and of a few others, else `name` (the
/// data's own, English).
pub fn place_name<'a>(code: &str, name: &'a str, lang: Lang) -> &'a str {
    if lang == Lang::En {
        return name;
    }
    match code.trim().to_ascii_uppercase().as_str() {
        "CH" => "Suisse",
        "SE" => "Suède",
        "FR" => "France",
        "CA" => "Canada",
        "GB" => "Royaume-Uni",
        "US" => "États-Unis",
        "CN" => "Chine",
        "IN" => "Inde",
        "AU" => "Australie",
        "DE" => "Allemagne",
        "WORLD" => "Monde",
        _ => name,
    }
}

/// A platform's name (`local_server`, `cloud`, `personal_computer`).
pub fn platform_name(platform: &str, lang: Lang) -> Option<&'static str> {
    Some(match platform {
        "local_server" => tr(lang, "serveur local", "local server"),
        "cloud" => tr(lang, "nuage", "cloud"),
        "personal_computer" => tr(lang, "ordinateur personnel", "personal computer"),
        _ => return None,
    })
}

/// A device of an embodied model (`server`, `laptop`, `desktop`).
pub fn device_name(device: &str, lang: Lang) -> &str {
    match device {
        "server" => tr(lang, "serveur", "server"),
        "laptop" => tr(lang, "ordinateur portable", "laptop"),
        "desktop" => tr(lang, "ordinateur de bureau", "desktop"),
        other => other,
    }
}

/// A Green Algorithms reference value (`treeYear`, `passengerCar_EU_perkm`,
/// `flight_PAR-DUB`, `memoryPower`), named for people.
pub fn reference_value_name(variable: &str, lang: Lang) -> Option<&'static str> {
    Some(match variable {
        "treeYear" => tr(
            lang,
            "CO₂e absorbé par un arbre en un an",
            "CO₂e absorbed by a tree in a year",
        ),
        "passengerCar_EU_perkm" => tr(
            lang,
            "voiture particulière (UE), par km",
            "passenger car (EU), per km",
        ),
        "passengerCar_US_perkm" => tr(
            lang,
            "voiture particulière (É.-U.), par km",
            "passenger car (US), per km",
        ),
        "flight_PAR-LON" => tr(
            lang,
            "vol Paris-Londres, par passager",
            "flight Paris-London, per passenger",
        ),
        "flight_PAR-DUB" => tr(
            lang,
            "vol Paris-Dublin, par passager",
            "flight Paris-Dublin, per passenger",
        ),
        "flight_NY-SF" => tr(
            lang,
            "vol New York-San Francisco, par passager",
            "flight New York-San Francisco, per passenger",
        ),
        "flight_NYC-MEL" => tr(
            lang,
            "vol New York-Melbourne, par passager",
            "flight New York-Melbourne, per passenger",
        ),
        "memoryPower" => tr(lang, "mémoire, par Go alloué", "memory, per GB allocated"),
        _ => return None,
    })
}

/// A unit as shown in `lang`: `CO₂e`, and French words for the units' denominators.
pub fn unit(unit: &str, lang: Lang) -> String {
    let u = unit.replace("CO2e", "CO₂e");
    match lang {
        Lang::Fr => u
            .replace("/GB", "/Go")
            .replace("W/core", "W/cœur")
            .replace("/passenger", "/passager")
            .replace("/tree/year", "/arbre/an"),
        Lang::En => u,
    }
}

/// The note that says what the manufacturing figures of the factors table are.
pub fn embodied_factors_note(lang: Lang) -> &'static str {
    tr(
        lang,
        "Les émissions de fabrication du tableau sont l’empreinte de fabrication totale du \
         matériel modélisé pour chaque composant (selon ses processeurs, sa mémoire et ses \
         GPU)\u{202F}; chaque composant n’en compte qu’une part, au prorata du temps compté sur \
         la durée de vie du matériel et de la part qui lui est réservée.",
        "The manufacturing emissions in the table are the whole manufacturing footprint of the \
         hardware modelled for each component (after its processors, memory and GPUs); each \
         component counts only a share of it, in proportion to the time counted over the \
         hardware's lifespan and to the share reserved for it.",
    )
}

/// The label of an embodied factor (`ga-v3.1: 1 × server (integration)`): its model, the
/// devices and the component (named by `component`), or `None` when it is not of that form.
pub fn embodied_label(label: &str, component: &str, lang: Lang) -> Option<String> {
    let (model, rest) = label.split_once(": ")?;
    let (devices, _) = rest.rsplit_once(" (")?;
    let (n, device) = devices.split_once(" × ")?;
    Some(match lang {
        Lang::Fr => format!(
            "modèle {model}, {n} × {}, matériel de {}",
            device_name(device, lang),
            quoted(component, lang)
        ),
        Lang::En => format!(
            "model {model}, {n} × {}, hardware of {}",
            device_name(device, lang),
            quoted(component, lang)
        ),
    })
}

/// A life-cycle phase, named for people (reports, `empreinte phases`).
pub fn phase_name(p: Phase, lang: Lang) -> String {
    let (fr, en) = match p {
        Phase::DataPreparation => ("Préparation des données", "Data preparation"),
        Phase::Training => ("Entraînement", "Training"),
        Phase::FineTuning => ("Affinage", "Fine-tuning"),
        Phase::Evaluation => ("Évaluation", "Evaluation"),
        Phase::Inference => ("Inférence", "Inference"),
        Phase::Other => ("Autre", "Other"),
    };
    super::tr(lang, fr, en).to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bases_in_both_languages() {
        let fr = |i: &str, b: &str| basis(i, b, Lang::Fr);
        assert_eq!(fr("job.platform", "manifest"), "déclaré dans le manifeste");
        assert_eq!(
            fr("job.runtime_h", "durée ; GNU time; sampled every 10 s"),
            "durée\u{202F}; GNU time\u{202F}; échantillonné toutes les 10 s"
        );
        assert_eq!(
            fr(
                "job.embodied",
                "ga-v3.1: lifespan 43830 h, resource share 0.25"
            ),
            "modèle ga-v3.1, durée de vie 43\u{202F}830 h, part de la ressource 0,25"
        );
        assert_eq!(
            basis("choices.ci_source", "default of Empreinte 0.1.0", Lang::Fr),
            "valeur par défaut de Empreinte 0.1.0"
        );
        assert_eq!(
            fr(
                "ci_g_per_kwh",
                "Green Algorithms data (CI_aggregated.csv of the data version) v3.0: FR, 2020 (average, location-based)"
            ),
            "données Green Algorithms (CI_aggregated.csv de la version des données) v3.0\u{202F}: \
             FR, 2020 (mix moyen, approche «\u{202F}location-based\u{202F}»)"
        );
        // what is not ours stays as it is
        assert_eq!(
            fr("job.pue", "PUE mesuré; 2024"),
            "PUE mesuré\u{202F}; 2024"
        );
    }

    #[test]
    fn labels_of_factors() {
        assert_eq!(
            embodied_label("ga-v3.1: 4 × server (corpus)", "Corpus", Lang::Fr).unwrap(),
            "modèle ga-v3.1, 4 × serveur, matériel de «\u{202F}Corpus\u{202F}»"
        );
        assert_eq!(
            reference_value_name("treeYear", Lang::En),
            Some("CO₂e absorbed by a tree in a year")
        );
        assert_eq!(unit("gCO2e/tree/year", Lang::Fr), "gCO₂e/arbre/an");
        assert_eq!(
            input_label("job.cpu.usage", Lang::Fr),
            "Taux d’utilisation des CPU"
        );
        assert_eq!(input_label("job.unknown", Lang::Fr), "job.unknown");
        assert_eq!(default_name("cpu.usage", Lang::En), "CPU usage factor");
        assert_eq!(
            default_name("data_version", Lang::Fr),
            "Version des données"
        );
        assert_eq!(driver_name("ci", Lang::Fr), "intensité carbone");
    }

    #[test]
    fn source_names_within_a_text() {
        assert_eq!(
            ci_sources_in(
                "FR (Ember yearly electricity data, latest year per country, 2024)",
                Lang::Fr
            ),
            "FR (données annuelles d’électricité d’Ember, dernière année par pays, 2024)"
        );
    }

    #[test]
    fn reference_countries_have_french_names() {
        for code in crate::intensity::REFERENCE_COUNTRIES {
            assert_ne!(place_name(code, "x", Lang::Fr), "x", "{code}");
            assert_eq!(place_name(code, "x", Lang::En), "x");
        }
        assert_eq!(place_name("gb", "United Kingdom", Lang::Fr), "Royaume-Uni");
        assert_eq!(place_name("US-CA", "California", Lang::Fr), "California");
    }

    #[test]
    fn every_source_has_a_french_name() {
        for s in crate::intensity::sources() {
            assert_ne!(ci_source_name(s.id, s.name, Lang::Fr), s.name, "{}", s.id);
        }
    }
}
