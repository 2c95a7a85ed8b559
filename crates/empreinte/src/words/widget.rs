//! The words of the web widget (`<empreinte-calculator>`): labels, hints, messages and
//! the messages of the error codes (`error.<code>`), in French and English. Texts with
//! `{name}` placeholders (`treeMonths`, `summary`…) are filled in by the widget.

use crate::format::Lang;

/// `(key, French, English)` for every text of the widget.
pub static WIDGET: [(&str, &str, &str); 104] = [
    ("title", "Calculateur d’empreinte carbone", "Carbon footprint calculator"),
    ("intro", "Méthode Green Algorithms, calculée dans votre navigateur.", "Green Algorithms method, computed in your browser."),
    ("job", "Le calcul", "The computation"),
    ("runtime", "Durée d’exécution", "Runtime"),
    ("runtimeHint", "Par exemple 12h30m, 90m, 1,5 (heures) ou 1-02:00:00.", "For example 12h30m, 90m, 1.5 (hours) or 1-02:00:00."),
    ("coreType", "Type de processeurs", "Type of cores"),
    ("cpuOnly", "CPU", "CPU"),
    ("gpuOnly", "GPU", "GPU"),
    ("both", "CPU et GPU", "CPU and GPU"),
    ("cpu", "Processeur (CPU)", "Processor (CPU)"),
    ("cpuModel", "Modèle de CPU", "CPU model"),
    ("cores", "Nombre de cœurs", "Number of cores"),
    ("cpuUsage", "Taux d’utilisation des cœurs (0 à 1)", "Core usage factor (0 to 1)"),
    ("wattsPerCore", "W/cœur", "W/core"),
    ("cpuTdp", "Puissance par cœur (W)", "Power per core (W)"),
    ("gpu", "Carte graphique (GPU)", "Graphics card (GPU)"),
    ("gpuModel", "Modèle de GPU", "GPU model"),
    ("gpus", "Nombre de GPU", "Number of GPUs"),
    ("gpuUsage", "Taux d’utilisation des GPU (0 à 1)", "GPU usage factor (0 to 1)"),
    ("gpuTdp", "Puissance par GPU (W)", "Power per GPU (W)"),
    ("memory", "Mémoire allouée (Go)", "Memory allocated (GB)"),
    ("where", "Où le calcul tourne", "Where it runs"),
    ("platform", "Plateforme", "Platform"),
    ("local_server", "Serveur local", "Local server"),
    ("personal_computer", "Ordinateur personnel", "Personal computer"),
    ("cloud", "Nuage (cloud)", "Cloud"),
    ("provider", "Fournisseur", "Provider"),
    ("otherProvider", "Autre fournisseur", "Other provider"),
    ("datacenter", "Centre de données", "Data centre"),
    ("noDatacenter", "Non listé (indiquer la localisation)", "Not listed (give the location)"),
    ("location", "Localisation", "Location"),
    ("locationHint", "Code ou nom\u{202F}: FR, US-CA, Allemagne… (tapez pour chercher).", "Code or name: FR, US-CA, Germany… (type to search)."),
    ("locationFromDc", "Donnée par le centre de données.", "Given by the data centre."),
    ("ciSource", "Source de l’intensité carbone", "Carbon-intensity source"),
    ("ciSourceHint", "Les sources qui ont une valeur pour ce lieu\u{202F}; par défaut, les données Green Algorithms.", "The sources with a value for this place; by default, the Green Algorithms data."),
    ("pue", "PUE (facultatif)", "PUE (optional)"),
    ("pueHint", "Vide\u{202F}: la valeur par défaut.", "Empty: the default value."),
    ("mf", "Nombre d’exécutions identiques", "Number of identical runs"),
    ("dataVersion", "Version des données", "Data version"),
    ("otherModel", "autre (indiquer la puissance)", "other (enter the power)"),
    ("options", "Langue et fichiers", "Language and files"),
    ("switchLang", "English", "Français"),
    ("switchLangLabel", "Switch to English", "Passer en français"),
    ("exportJob", "Exporter les paramètres (JSON)", "Export the inputs (JSON)"),
    ("importJob", "Importer des paramètres (JSON)", "Import inputs (JSON)"),
    ("downloadResult", "Télécharger le résultat (JSON)", "Download the result (JSON)"),
    ("results", "Résultats", "Results"),
    ("co2e", "Empreinte carbone", "Carbon footprint"),
    ("energy", "Énergie consommée", "Energy needed"),
    ("power", "Puissance appelée", "Power drawn"),
    ("ci", "Intensité carbone", "Carbon intensity"),
    ("pueUsed", "PUE utilisé", "PUE used"),
    ("breakdown", "Répartition de l’empreinte carbone", "Carbon footprint breakdown"),
    ("equivalences", "Équivalences", "Equivalences"),
    ("treeMonths", "{n}\u{A0}mois-arbre", "{n} tree-months"),
    ("carKm", "{n}\u{A0}km en voiture", "{n}\u{A0}km by car"),
    ("flightShare", "{pct}\u{202F}% d’un vol {route}", "{pct}% of a flight {route}"),
    ("flights", "{n} vols {route}", "{n} flights {route}"),
    ("comparison", "Le même calcul dans d’autres pays", "The same computation in other countries"),
    ("yourLocation", "votre choix", "your choice"),
    ("cite", "Citer ce résultat", "Cite this result"),
    ("copy", "Copier le paragraphe", "Copy the paragraph"),
    ("copied", "Paragraphe copié.", "Paragraph copied."),
    ("copyFailed", "Copie impossible\u{202F}: le paragraphe est sélectionné, copiez-le avec Ctrl+C.", "Could not copy: the paragraph is selected, copy it with Ctrl+C."),
    ("summary", "Empreinte carbone\u{202F}: {co2e}, énergie\u{202F}: {energy}.", "Carbon footprint: {co2e}, energy: {energy}."),
    ("didYouMean", "Vouliez-vous dire\u{202F}:", "Did you mean:"),
    ("imported", "Paramètres importés.", "Inputs imported."),
    ("importFailed", "Fichier illisible\u{202F}: un JSON de paramètres est attendu.", "Unreadable file: a JSON of inputs is expected."),
    ("stated", "indiqué", "stated"),
    ("datacenterPue", "centre de données", "data centre"),
    ("provider_default", "valeur par défaut du fournisseur", "default of the provider"),
    ("platform_default", "valeur par défaut", "default value"),
    ("source", "Source", "Source"),
    ("data", "Données", "Data"),
    ("uncertainty", "Fourchette (empreinte d’usage)", "Range (operational footprint)"),
    ("embodied", "Fabrication du matériel (part)", "Hardware manufacturing (share)"),
    ("total", "Total usage et fabrication", "Total, use and manufacturing"),
    ("water", "Eau consommée", "Water consumed"),
    ("waterParts", "sur site\u{202F}: {on}\u{A0}L, production d’électricité\u{202F}: {off}\u{A0}L", "on site: {on}\u{A0}L, electricity generation: {off}\u{A0}L"),
    ("alternative", "Autre source", "Other source"),
    ("cpuPart", "CPU", "CPU"),
    ("gpuPart", "GPU", "GPU"),
    ("memoryPart", "Mémoire", "Memory"),
    ("loading", "Chargement du calculateur…", "Loading the calculator…"),
    ("error.invalid_duration", "Durée illisible\u{202F}: écrivez par exemple 12h30m, 90m ou 1,5.", "Unreadable runtime: write e.g. 12h30m, 90m or 1.5."),
    ("error.unknown_cpu", "Modèle de CPU inconnu dans ces données.", "Unknown CPU model in this data."),
    ("error.unknown_gpu", "Modèle de GPU inconnu dans ces données.", "Unknown GPU model in this data."),
    ("error.unknown_location", "Localisation inconnue dans ces données.", "Unknown location in this data."),
    ("error.unknown_provider", "Fournisseur inconnu.", "Unknown provider."),
    ("error.unknown_datacenter", "Centre de données inconnu.", "Unknown data centre."),
    ("error.missing_field", "Ce champ est requis.", "This field is required."),
    ("error.missing_location", "Indiquez une localisation.", "Give a location."),
    ("error.missing_tdp", "Indiquez la puissance pour un modèle «\u{202F}autre\u{202F}».", "Give the power for an “other” model."),
    ("error.usage_out_of_range", "Le taux d’utilisation doit être entre 0 et 1.", "The usage factor must be between 0 and 1."),
    ("error.zero_count", "Il faut au moins 1.", "At least 1 is needed."),
    ("error.count_out_of_range", "Nombre entier entre 1 et 1 000 000 000 attendu.", "A whole number between 1 and 1,000,000,000 is expected."),
    ("error.negative_value", "La valeur ne peut pas être négative.", "The value cannot be negative."),
    ("error.non_finite_value", "Un nombre est attendu.", "A number is expected."),
    ("error.pue_below_one", "Le PUE vaut au moins 1.", "The PUE is at least 1."),
    ("error.multiplicative_factor_below_one", "Il faut au moins 1 exécution.", "At least 1 run is needed."),
    ("error.invalid_document", "Valeur invalide\u{202F}: un nombre est attendu.", "Invalid value: a number is expected."),
    ("error.no_processor", "Choisissez au moins un CPU ou un GPU.", "Choose at least a CPU or a GPU."),
    ("error.datacenter_without_intensity", "Ces données n’ont pas d’intensité carbone pour ce centre de données.", "This data has no carbon intensity for this data centre."),
    ("error.overflow", "Les valeurs sont trop grandes.", "The values are too large."),
];

/// The widget's texts in `lang`, as `(key, text)` pairs.
pub fn widget_words(lang: Lang) -> impl Iterator<Item = (&'static str, &'static str)> {
    WIDGET
        .iter()
        .map(move |(key, fr, en)| (*key, super::tr(lang, fr, en)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    #[test]
    fn keys_are_unique_and_french_follows_french_typography() {
        let keys: BTreeSet<&str> = WIDGET.iter().map(|(k, _, _)| *k).collect();
        assert_eq!(keys.len(), WIDGET.len());
        for (key, fr, en) in WIDGET {
            assert_eq!(super::super::french_typography(fr), *fr, "{key}");
            assert!(!fr.is_empty() && !en.is_empty(), "{key}");
        }
    }

    #[test]
    fn every_error_code_of_the_core_has_a_message_or_a_fallback() {
        // the widget shows `error.<code>` where there is one, else the core's message
        let fr: Vec<_> = widget_words(Lang::Fr).collect();
        assert!(fr.iter().any(|(k, _)| *k == "error.unknown_cpu"));
        assert_eq!(
            widget_words(Lang::En)
                .find(|(k, _)| *k == "treeMonths")
                .map(|(_, t)| t),
            Some("{n} tree-months")
        );
    }
}
