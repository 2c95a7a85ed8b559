//! Renderings of a report, made from the report document only: one outline of sections
//! ([`Doc`]) written out as self-contained HTML, Markdown or plain text, in French
//! (authoritative) or English.

use super::doc::{Block, Doc};
use super::fixed::{GramsFixed, ShareFixed};
use super::manifest::{EvidenceKind, Text};
use super::model::*;
use super::svg;
use super::text::{co2e_of, date, energy_of, french};
use crate::format::{co2e_g, number, significant, Lang, NBSP};
use crate::words::vocabulary::phase_name;
use crate::words::{self, label_value, vocabulary as vocab};

/// A rendering format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RenderFormat {
    /// Self-contained HTML page, printable to A4.
    Html,
    /// Markdown.
    Markdown,
    /// Plain text.
    Text,
}

impl RenderFormat {
    /// Reads a format as people type it: `html`, `markdown` or `md`, `text` or `txt`
    /// (any case).
    ///
    /// # Errors
    /// [`crate::Error::InvalidArgument`] naming `format`.
    pub fn parse(text: &str) -> Result<RenderFormat, crate::error::Error> {
        match text.trim().to_ascii_lowercase().as_str() {
            "html" => Ok(RenderFormat::Html),
            "markdown" | "md" => Ok(RenderFormat::Markdown),
            "text" | "txt" => Ok(RenderFormat::Text),
            _ => Err(crate::error::Error::InvalidArgument {
                field: "format".to_owned(),
                message: format!("expected html, markdown (md) or text (txt), got {text:?}"),
            }),
        }
    }
}

/// `(fr, en)` chosen by `lang`.
fn tr(lang: Lang, fr: &str, en: &str) -> String {
    words::tr(lang, fr, en).to_owned()
}

fn quality_name(q: EvidenceKind, lang: Lang) -> String {
    match q {
        EvidenceKind::Measured => tr(lang, "mesuré", "measured"),
        EvidenceKind::Declared => tr(lang, "déclaré", "declared"),
        EvidenceKind::Default => tr(lang, "par défaut", "default"),
    }
}

fn origin_name(o: FactorOrigin, lang: Lang) -> String {
    match o {
        FactorOrigin::Dataset => tr(lang, "données", "dataset"),
        FactorOrigin::Declared => tr(lang, "déclaré", "declared"),
        FactorOrigin::Measured => tr(lang, "mesuré", "measured"),
        FactorOrigin::Rule => tr(lang, "règle", "rule"),
    }
}

fn kind_name(k: FactorKind, lang: Lang) -> String {
    let (fr, en) = match k {
        FactorKind::CarbonIntensity => (
            "Facteur d’émission de l’électricité",
            "Electricity emission factor",
        ),
        FactorKind::CpuPower => ("Puissance par cœur", "Power per core"),
        FactorKind::GpuPower => ("Puissance par GPU", "Power per GPU"),
        FactorKind::MemoryPower => ("Puissance de la mémoire", "Memory power"),
        FactorKind::Pue => ("PUE", "PUE"),
        FactorKind::Wue => ("WUE", "WUE"),
        FactorKind::Ewif => (
            "Intensité en eau de l’électricité",
            "Water intensity of electricity",
        ),
        FactorKind::Embodied => ("Émissions de fabrication", "Manufacturing emissions"),
        FactorKind::Equivalence => ("Équivalence", "Equivalence"),
    };
    tr(lang, fr, en)
}

/// A driver of the uncertainty, named for people.
fn driver_name(factor: &str, lang: Lang) -> String {
    vocab::driver_name(factor, lang).to_owned()
}

/// A share in [0, 1] as a percentage: `12,3 %` / `12.3%`.
fn percent(s: ShareFixed, lang: Lang) -> String {
    crate::format::percent(s.to_f64(), lang)
}

fn num(x: f64, lang: Lang) -> String {
    // factors are shown as written in the data, with the language's decimal mark
    let s = super::jcs::number_to_string(x).unwrap_or_else(|_| x.to_string());
    if s.contains('e') {
        return match lang {
            Lang::Fr => s.replace('.', ","),
            Lang::En => s,
        };
    }
    let decimals = s.split_once('.').map_or(0, |(_, f)| f.len());
    number(x, decimals, lang)
}

fn unit_fr(unit: &str, lang: Lang) -> String {
    vocab::unit(unit, lang)
}

fn text(t: &Text, lang: Lang) -> String {
    t.get(lang).to_owned()
}

fn not_computed_text(lang: Lang) -> String {
    tr(lang, "non calculé", "not computed")
}

fn section_value<T>(r: &Report, s: &Section<T>, lang: Lang, f: impl Fn(&T) -> String) -> String {
    match s {
        Section::Computed { value } => f(value),
        Section::NotComputed { limitation, .. } => {
            format!(
                "{} ({})",
                not_computed_text(lang),
                limitation_ref(r, limitation, lang)
            )
        }
    }
}

/// The number under which limitation `id` is listed: `L3`.
fn limitation_number(r: &Report, id: &str) -> String {
    r.limitations
        .iter()
        .position(|l| l.id == id)
        .map_or_else(|| "L?".to_owned(), |i| format!("L{}", i + 1))
}

fn limitation_ref(r: &Report, id: &str, lang: Lang) -> String {
    let n = limitation_number(r, id);
    tr(
        lang,
        &format!("voir limite {n}"),
        &format!("see limitation {n}"),
    )
}

fn verify_command(lang: Lang) -> String {
    tr(
        lang,
        "empreinte verify RAPPORT.json",
        "empreinte verify REPORT.json",
    )
}

fn frenchify(s: String, lang: Lang) -> String {
    match lang {
        Lang::Fr => french(&s),
        Lang::En => s,
    }
}

/// A factor's label for people: a component's name for the supplier's own values, the
/// words for a platform, a reference value or an embodied model instead of their keys.
fn factor_label(
    r: &Report,
    f: &ReportedFactor,
    name_of: &dyn Fn(&str) -> String,
    lang: Lang,
) -> String {
    if r.manifest.components.iter().any(|c| c.id == f.label) {
        return name_of(&f.label);
    }
    let named = match f.kind {
        FactorKind::Embodied => f
            .used_by
            .first()
            .and_then(|c| vocab::embodied_label(&f.label, &name_of(c), lang)),
        FactorKind::Equivalence | FactorKind::MemoryPower => {
            vocab::reference_value_name(&f.label, lang).map(str::to_owned)
        }
        FactorKind::Pue | FactorKind::Wue => match f.label.as_str() {
            "Unknown" => Some(tr(
                lang,
                "valeur par défaut de la plateforme",
                "platform default",
            )),
            p => vocab::platform_name(p, lang).map(str::to_owned),
        },
        _ => None,
    };
    named.unwrap_or_else(|| f.label.clone())
}

/// The outline of `r` in `lang`.
/// The section « summary » of the outline.
fn section_summary(r: &Report, lang: Lang, b: &mut Vec<Block>) {
    let m = &r.manifest;
    let total = &r.results.total.figures;
    b.push(Block::Heading(
        2,
        tr(lang, "Synthèse", "Summary"),
        "synthese",
    ));
    let total_co2e = section_value(r, &total.total_co2e_g, lang, |t| co2e_of(t.co2e_g, lang));
    let sci = section_value(r, &r.results.total.sci, lang, |s| {
        format!(
            "{} / {}",
            co2e_of(s.value, lang),
            text(&m.functional_unit.name, lang)
        )
    });
    b.push(Block::Figures(vec![
        (
            tr(lang, "Énergie consommée", "Energy used"),
            energy_of(total.energy_kwh.total, lang),
            "energy_kwh",
        ),
        (
            tr(
                lang,
                "Empreinte carbone opérationnelle",
                "Operational carbon footprint",
            ),
            co2e_of(total.operational_co2e_g.total, lang),
            "operational_co2e_g",
        ),
        (
            tr(
                lang,
                "Empreinte totale (avec fabrication)",
                "Total footprint (with embodied)",
            ),
            total_co2e,
            "total_co2e_g",
        ),
        (
            tr(
                lang,
                "Score SCI par unité fonctionnelle",
                "SCI score per functional unit",
            ),
            sci,
            "sci",
        ),
    ]));
    b.push(Block::Para(frenchify(
        tr(
            lang,
            &format!(
                "Période du {} au {} (UTC). Données Green Algorithms {}, outil {} {}.",
                date(&m.period.start.0),
                date(&m.period.end.0),
                r.datasets.first().map_or("", |d| d.version.as_str()),
                r.tool.name,
                r.tool.version
            ),
            &format!(
                "Period from {} to {} (UTC). Green Algorithms data {}, tool {} {}.",
                date(&m.period.start.0),
                date(&m.period.end.0),
                r.datasets.first().map_or("", |d| d.version.as_str()),
                r.tool.name,
                r.tool.version
            ),
        ),
        lang,
    )));
    let (svg1, alt1) = svg::breakdown(&total.operational_co2e_g, lang);
    b.push(Block::Chart {
        svg: svg1,
        alt: alt1,
    });
    let (svg2, alt2) = svg::phases(&r.results.phases, lang);
    b.push(Block::Chart {
        svg: svg2,
        alt: alt2,
    });
    let (svg3, alt3) = svg::range(&total.ranges, lang);
    b.push(Block::Chart {
        svg: svg3,
        alt: alt3,
    });
}

/// The section « identification » of the outline.
fn section_identification(r: &Report, lang: Lang, b: &mut Vec<Block>) {
    let m = &r.manifest;
    let id = &m.identification;
    b.push(Block::Heading(
        2,
        tr(lang, "Identification", "Identification"),
        "identification",
    ));
    let party = |p: &super::manifest::Party| {
        let mut s = p.legal_name.clone();
        if let Some(n) = &p.siren {
            s.push_str(&format!(", SIREN {n}"));
        }
        if let Some(n) = &p.siret {
            s.push_str(&format!(", SIRET {n}"));
        }
        s
    };
    let mut pairs = vec![(
        tr(lang, "Fournisseur (titulaire)", "Supplier (contractor)"),
        party(&id.supplier),
    )];
    if let Some(c) = &id.supplier.contact {
        let mut s = c.role.clone();
        if let Some(e) = &c.email {
            s.push_str(&format!(" <{e}>"));
        }
        pairs.push((tr(lang, "Contact (fonction)", "Contact (role)"), s));
    }
    pairs.push((tr(lang, "Acheteur", "Buyer"), party(&id.buyer)));
    let mut contract = id.contract.reference.clone();
    if let Some(l) = &id.contract.lot {
        contract.push_str(&format!(", lot {l}"));
    }
    if let Some(c) = &id.contract.clause {
        contract.push_str(&format!(", {} {c}", tr(lang, "clause", "clause")));
    }
    pairs.push((tr(lang, "Marché", "Contract"), contract));
    let named = |n: &super::manifest::Named| match &n.version {
        Some(v) => format!("{} {v}", n.name),
        None => n.name.clone(),
    };
    pairs.push((tr(lang, "Projet", "Project"), named(&id.project)));
    pairs.push((tr(lang, "Logiciel", "Software"), named(&id.software)));
    if let Some(model) = &id.model {
        pairs.push((tr(lang, "Modèle", "Model"), named(model)));
    }
    b.push(Block::Pairs(pairs));
}

/// The section « purpose » of the outline.
fn section_purpose(r: &Report, lang: Lang, b: &mut Vec<Block>) {
    let m = &r.manifest;
    b.push(Block::Heading(
        2,
        tr(lang, "Objet et justification", "Purpose and justification"),
        "objet",
    ));
    let mut pairs = vec![
        (
            tr(lang, "Objet", "Purpose"),
            text(&m.purpose.statement, lang),
        ),
        (
            tr(lang, "Justification", "Justification"),
            text(&m.purpose.justification, lang),
        ),
    ];
    if let Some(a) = &m.purpose.alternatives_considered {
        pairs.push((
            tr(lang, "Alternatives étudiées", "Alternatives considered"),
            text(a, lang),
        ));
    }
    b.push(Block::Pairs(pairs));
}

/// The section « functional unit and period » of the outline.
fn section_functional_unit(r: &Report, lang: Lang, b: &mut Vec<Block>) {
    let m = &r.manifest;
    b.push(Block::Heading(
        2,
        tr(
            lang,
            "Unité fonctionnelle et période",
            "Functional unit and period",
        ),
        "unite-fonctionnelle",
    ));
    b.push(Block::Pairs(vec![
        (
            tr(lang, "Unité fonctionnelle", "Functional unit"),
            text(&m.functional_unit.name, lang),
        ),
        (
            tr(lang, "Définition", "Definition"),
            text(&m.functional_unit.definition, lang),
        ),
        (
            tr(lang, "Quantité sur la période", "Quantity over the period"),
            num(m.functional_unit.quantity, lang),
        ),
        (
            tr(lang, "Début (UTC)", "Start (UTC)"),
            m.period.start.0.clone(),
        ),
        (tr(lang, "Fin (UTC)", "End (UTC)"), m.period.end.0.clone()),
    ]));
}

/// The section « boundary » of the outline.
fn section_boundary(r: &Report, lang: Lang, b: &mut Vec<Block>) {
    let m = &r.manifest;
    b.push(Block::Heading(
        2,
        tr(lang, "Périmètre", "Boundary"),
        "perimetre",
    ));
    b.push(Block::List(
        m.boundary
            .included
            .iter()
            .map(|i| match &i.description {
                Some(d) => format!("{} — {}", text(&i.item, lang), text(d, lang)),
                None => text(&i.item, lang),
            })
            .collect(),
    ));
    if !m.boundary.excluded.is_empty() {
        b.push(Block::Table {
            caption: tr(
                lang,
                "Exclusions et leurs raisons",
                "Exclusions and their reasons",
            ),
            head: vec![tr(lang, "Exclu", "Excluded"), tr(lang, "Raison", "Reason")],
            rows: m
                .boundary
                .excluded
                .iter()
                .map(|e| vec![text(&e.item, lang), text(&e.reason, lang)])
                .collect(),
            numeric: vec![false, false],
        });
    }
}

/// The section « results » of the outline.
fn section_results(r: &Report, lang: Lang, b: &mut Vec<Block>) {
    let total = &r.results.total.figures;
    let name_of = |cid: &str| component_name(r, cid, lang);
    b.push(Block::Heading(
        2,
        tr(lang, "Résultats", "Results"),
        "resultats",
    ));
    let mut rows: Vec<Vec<String>> = r
        .results
        .components
        .iter()
        .map(|c| {
            vec![
                name_of(&c.id),
                phase_name(c.phase, lang),
                energy_of(c.figures.energy_kwh.total, lang),
                co2e_of(c.figures.operational_co2e_g.total, lang),
                format!(
                    "{} ({})",
                    num(c.pue.value, lang),
                    quality_name(c.pue.evidence, lang)
                ),
                format!(
                    "{}{NBSP}{} ({})",
                    num(c.ci.g_per_kwh, lang),
                    unit_fr("gCO2e/kWh", lang),
                    c.ci.location
                ),
            ]
        })
        .collect();
    rows.push(vec![
        tr(lang, "Total", "Total"),
        String::new(),
        energy_of(total.energy_kwh.total, lang),
        co2e_of(total.operational_co2e_g.total, lang),
        String::new(),
        String::new(),
    ]);
    b.push(Block::Table {
        caption: tr(lang, "Résultats par composant", "Results per component"),
        head: vec![
            tr(lang, "Composant", "Component"),
            tr(lang, "Phase", "Phase"),
            tr(lang, "Énergie", "Energy"),
            tr(lang, "Empreinte opérationnelle", "Operational footprint"),
            "PUE".to_owned(),
            tr(lang, "Facteur d’émission", "Emission factor"),
        ],
        rows,
        numeric: vec![false, false, true, true, true, true],
    });
    let scaled: Vec<String> = r
        .results
        .components
        .iter()
        .filter_map(|c| {
            let s = c.scaling.as_ref()?;
            Some(tr(
                lang,
                &format!(
                    "{} : chiffres d’une exécution × {} (facteur d’entraînement {}, facteur de période {})",
                    name_of(&c.id),
                    num(s.factor, lang),
                    num(s.training_factor, lang),
                    num(s.period_factor, lang)
                ),
                &format!(
                    "{}: one run's figures × {} (training factor {}, period factor {})",
                    name_of(&c.id),
                    num(s.factor, lang),
                    num(s.training_factor, lang),
                    num(s.period_factor, lang)
                ),
            ))
        })
        .map(|t| frenchify(t, lang))
        .collect();
    if !scaled.is_empty() {
        b.push(Block::List(scaled));
    }
    b.push(Block::Table {
        caption: tr(lang, "Résultats par phase", "Results per phase"),
        head: vec![
            tr(lang, "Phase", "Phase"),
            tr(lang, "Énergie", "Energy"),
            tr(lang, "Empreinte opérationnelle", "Operational footprint"),
            tr(lang, "Fabrication", "Embodied"),
            tr(lang, "Part", "Share"),
        ],
        rows: r
            .results
            .phases
            .iter()
            .map(|p| {
                vec![
                    phase_name(p.phase, lang),
                    energy_of(p.figures.energy_kwh.total, lang),
                    co2e_of(p.figures.operational_co2e_g.total, lang),
                    section_value(r, &p.figures.embodied, lang, |e| co2e_of(e.co2e_g, lang)),
                    share_of(
                        p.figures.operational_co2e_g.total,
                        total.operational_co2e_g.total,
                        lang,
                    ),
                ]
            })
            .collect(),
        numeric: vec![false, true, true, false, true],
    });
}

/// The figures by part (CPU, GPU, memory, facility overhead) and beyond Green Algorithms.
fn section_parts(r: &Report, lang: Lang, b: &mut Vec<Block>) {
    let total = &r.results.total.figures;
    let name_of = |cid: &str| component_name(r, cid, lang);
    let split_rows = |kwh: bool| -> Vec<Vec<String>> {
        let mut rows: Vec<Vec<String>> = r
            .results
            .components
            .iter()
            .map(|c| (name_of(&c.id), &c.figures))
            .chain(std::iter::once((tr(lang, "Total", "Total"), total)))
            .map(|(name, f)| {
                if kwh {
                    let e = &f.energy_kwh;
                    [e.cpu, e.gpu, e.memory, e.facility_overhead, e.total]
                        .iter()
                        // one unit per row: the row total's
                        .map(|x| {
                            crate::format::energy_kwh_scaled(x.to_f64(), e.total.to_f64(), lang)
                        })
                        .fold(vec![name], |mut v, s| {
                            v.push(s);
                            v
                        })
                } else {
                    let g = &f.operational_co2e_g;
                    [g.cpu, g.gpu, g.memory, g.facility_overhead, g.total]
                        .iter()
                        .map(|x| crate::format::co2e_g_scaled(x.to_f64(), g.total.to_f64(), lang))
                        .fold(vec![name], |mut v, s| {
                            v.push(s);
                            v
                        })
                }
            })
            .collect();
        rows.shrink_to_fit();
        rows
    };
    let split_head = vec![
        tr(lang, "Composant", "Component"),
        "CPU".to_owned(),
        "GPU".to_owned(),
        tr(lang, "Mémoire", "Memory"),
        tr(lang, "Surcoût du site (PUE)", "Facility overhead (PUE)"),
        "Total".to_owned(),
    ];
    b.push(Block::Table {
        caption: tr(lang, "Énergie par poste", "Energy by part"),
        head: split_head.clone(),
        rows: split_rows(true),
        numeric: vec![false, true, true, true, true, true],
    });
    b.push(Block::Table {
        caption: tr(
            lang,
            "Empreinte opérationnelle par poste",
            "Operational footprint by part",
        ),
        head: split_head,
        rows: split_rows(false),
        numeric: vec![false, true, true, true, true, true],
    });
    b.push(Block::Pairs(vec![
        (
            tr(
                lang,
                "Fabrication (émissions intrinsèques)",
                "Embodied emissions",
            ),
            section_value(r, &total.embodied, lang, |e| {
                format!(
                    "{} ({})",
                    co2e_of(e.co2e_g, lang),
                    percent(e.share_of_total, lang)
                )
            }),
        ),
        (
            tr(
                lang,
                "Intervalle (bas – central – haut)",
                "Interval (low – central – high)",
            ),
            section_value(r, &total.ranges, lang, |x| {
                format!(
                    "{} – {} – {}",
                    co2e_of(x.co2e_g.low, lang),
                    co2e_of(x.co2e_g.central, lang),
                    co2e_of(x.co2e_g.high, lang)
                )
            }),
        ),
        (
            tr(
                lang,
                "Principaux facteurs d’incertitude",
                "Top uncertainty drivers",
            ),
            section_value(r, &total.drivers, lang, |d| {
                d.iter()
                    .map(|x| {
                        format!(
                            "{} {}",
                            driver_name(&x.factor, lang),
                            percent(x.share, lang)
                        )
                    })
                    .collect::<Vec<_>>()
                    .join(", ")
            }),
        ),
        (
            tr(
                lang,
                "Eau (sur site / hors site)",
                "Water (on-site / off-site)",
            ),
            section_value(r, &total.water_l, lang, |w| {
                format!(
                    "{} / {} L",
                    significant(w.onsite.to_f64(), lang),
                    significant(w.offsite.to_f64(), lang)
                )
            }),
        ),
        (
            tr(
                lang,
                "Avec une autre source d’intensité carbone",
                "Under an alternative CI source",
            ),
            section_value(r, &total.ci_alternative, lang, |a| {
                label_value(
                    &vocab::ci_sources_in(&a.source, lang),
                    &co2e_of(a.co2e_g, lang),
                    lang,
                )
            }),
        ),
    ]));
}

/// The section « factors and datasets » of the outline.
fn section_factors(r: &Report, lang: Lang, b: &mut Vec<Block>) {
    let name_of = |cid: &str| component_name(r, cid, lang);
    b.push(Block::Heading(
        2,
        tr(
            lang,
            "Facteurs d’émission et données",
            "Emission factors and data",
        ),
        "facteurs",
    ));
    b.push(Block::Table {
        caption: tr(lang, "Facteurs utilisés", "Factors used"),
        head: vec![
            tr(lang, "Facteur", "Factor"),
            tr(lang, "Valeur", "Value"),
            tr(lang, "Origine", "Origin"),
            tr(lang, "Source", "Source"),
            tr(lang, "Année", "Year"),
            tr(lang, "Licence", "Licence"),
        ],
        rows: r
            .factors
            .iter()
            .map(|f| {
                let mut label = label_value(
                    &kind_name(f.kind, lang),
                    &factor_label(r, f, &name_of, lang),
                    lang,
                );
                if let Some(ci) = &f.ci {
                    label.push_str(&format!(
                        " ({}, {})",
                        tr(
                            lang,
                            if ci.kind == "average" {
                                "mix moyen"
                            } else {
                                "marginal"
                            },
                            &ci.kind
                        ),
                        ci.approach
                    ));
                }
                vec![
                    label,
                    if f.kind == FactorKind::Embodied {
                        co2e_g(f.value, lang)
                    } else if f.unit == "1" {
                        num(f.value, lang)
                    } else {
                        format!("{}{NBSP}{}", num(f.value, lang), unit_fr(&f.unit, lang))
                    },
                    origin_name(f.origin, lang),
                    f.source.clone(),
                    f.year
                        .map_or_else(|| tr(lang, "non précisée", "not stated"), |y| y.to_string()),
                    f.licence.clone(),
                ]
            })
            .collect(),
        numeric: vec![false, true, false, false, false, false],
    });
    if r.factors.iter().any(|f| f.kind == FactorKind::Embodied) {
        b.push(Block::Para(vocab::embodied_factors_note(lang).to_owned()));
    }
    b.push(Block::Table {
        caption: tr(
            lang,
            "Jeux de données (version et empreinte SHA-256)",
            "Datasets (version and SHA-256 digest)",
        ),
        head: vec![
            tr(lang, "Jeu de données", "Dataset"),
            "Version".to_owned(),
            tr(lang, "Licence", "Licence"),
            "SHA-256".to_owned(),
        ],
        rows: r
            .datasets
            .iter()
            .map(|d| {
                vec![
                    d.name.clone(),
                    d.version.clone(),
                    d.licence.clone(),
                    d.digest.clone(),
                ]
            })
            .collect(),
        numeric: vec![false, false, false, false],
    });
    b.push(Block::Para(
        r.datasets
            .iter()
            .map(|d| d.attribution.clone())
            .collect::<Vec<_>>()
            .join(" "),
    ));
}

/// The section « data quality and defaults » of the outline.
fn section_data_quality(r: &Report, lang: Lang, b: &mut Vec<Block>) {
    let m = &r.manifest;
    let name_of = |cid: &str| component_name(r, cid, lang);
    b.push(Block::Heading(
        2,
        tr(lang, "Qualité des données", "Data quality"),
        "qualite",
    ));
    b.push(Block::Table {
        caption: tr(
            lang,
            "Origine de chaque donnée d’entrée",
            "How each input is known",
        ),
        head: vec![
            tr(lang, "Composant", "Component"),
            tr(lang, "Donnée", "Input"),
            tr(lang, "Qualité", "Quality"),
            tr(lang, "Fondement", "Basis"),
        ],
        rows: r
            .data_quality
            .iter()
            .map(|q| {
                vec![
                    if q.component == "manifest" {
                        vocab::whole_report(lang).to_owned()
                    } else {
                        name_of(&q.component)
                    },
                    vocab::input_label(&q.input, lang),
                    quality_name(q.quality, lang),
                    vocab::basis(&q.input, &q.basis, lang),
                ]
            })
            .collect(),
        numeric: vec![false, false, false, false],
    });
    let mut defaults: Vec<String> = m
        .defaults
        .iter()
        .map(|d| vocab::input_label(d, lang))
        .collect();
    for c in &m.components {
        defaults.extend(
            c.defaults
                .iter()
                .map(|d| label_value(&text(&c.name, lang), &vocab::input_label(d, lang), lang)),
        );
    }
    b.push(Block::Heading(
        3,
        tr(lang, "Valeurs par défaut appliquées", "Defaults applied"),
        "defauts",
    ));
    b.push(Block::List(defaults));
}

/// The section « limitations and statements » of the outline.
fn section_limitations(r: &Report, lang: Lang, b: &mut Vec<Block>) {
    b.push(Block::Heading(
        2,
        tr(lang, "Limites", "Limitations"),
        "limites",
    ));
    b.push(Block::List(
        r.limitations
            .iter()
            .enumerate()
            .map(|(i, l)| {
                format!(
                    "L{}. {}",
                    i + 1,
                    if lang == Lang::Fr { &l.fr } else { &l.en }
                )
            })
            .collect(),
    ));
    b.push(Block::Heading(
        2,
        tr(lang, "Déclarations", "Statements"),
        "declarations",
    ));
    b.push(Block::List(vec![
        r.statements.no_offsets.get(lang).to_owned(),
        r.statements.location_based.get(lang).to_owned(),
    ]));
}

/// The section « equivalences » of the outline.
fn section_equivalences(r: &Report, lang: Lang, b: &mut Vec<Block>) {
    b.push(Block::Heading(
        2,
        tr(lang, "Équivalences", "Equivalences"),
        "equivalences",
    ));
    b.push(Block::Para(r.statements.equivalences.get(lang).to_owned()));
    b.push(Block::Table {
        caption: tr(
            lang,
            "Équivalences de l’empreinte opérationnelle",
            "Equivalences of the operational footprint",
        ),
        head: vec![
            tr(lang, "Équivalence", "Equivalence"),
            tr(lang, "Valeur", "Value"),
            tr(lang, "Facteur", "Factor"),
            tr(lang, "Source", "Source"),
        ],
        rows: r
            .equivalences
            .iter()
            .map(|e| {
                let f = r.factors.iter().find(|f| f.id == e.factor);
                let metric = match (e.metric.as_str(), lang) {
                    ("tree_months", Lang::Fr) => "Mois-arbre".to_owned(),
                    ("tree_months", Lang::En) => "Tree-months".to_owned(),
                    ("car_km", Lang::Fr) => "Kilomètres en voiture (UE)".to_owned(),
                    ("car_km", Lang::En) => "Car kilometres (EU)".to_owned(),
                    (_, Lang::Fr) => format!("Vol {}", e.route.as_deref().unwrap_or("")),
                    (_, Lang::En) => format!("Flight {}", e.route.as_deref().unwrap_or("")),
                };
                vec![
                    metric,
                    significant(e.value.to_f64(), lang),
                    f.map_or_else(String::new, |f| {
                        format!("{}{NBSP}{}", num(f.value, lang), unit_fr(&f.unit, lang))
                    }),
                    f.map_or_else(String::new, |f| f.source.clone()),
                ]
            })
            .collect(),
        numeric: vec![false, true, true, false],
    });
}

/// The section « citation » of the outline.
fn section_citation(r: &Report, lang: Lang, b: &mut Vec<Block>) {
    let name_of = |cid: &str| component_name(r, cid, lang);
    b.push(Block::Heading(
        2,
        tr(lang, "Citation", "Citation"),
        "citation",
    ));
    b.push(Block::Para(r.citation.get(lang).to_owned()));
    b.push(Block::List(
        r.results
            .components
            .iter()
            .map(|c| label_value(&name_of(&c.id), c.citation.get(lang), lang))
            .collect(),
    ));
}

/// The section « integrity » of the outline.
fn section_integrity(r: &Report, lang: Lang, b: &mut Vec<Block>) {
    b.push(Block::Heading(
        2,
        tr(
            lang,
            "Intégrité et vérification",
            "Integrity and verification",
        ),
        "integrite",
    ));
    b.push(Block::Figures(vec![(
        tr(
            lang,
            "Empreinte SHA-256 du contenu (RFC 8785)",
            "SHA-256 digest of the content (RFC 8785)",
        ),
        r.integrity.payload_sha256.clone(),
        "payload_sha256",
    )]));
    b.push(Block::Pairs(vec![
        (
            tr(lang, "Identifiant du rapport", "Report id"),
            r.report_id.clone(),
        ),
        (
            tr(lang, "Généré le (UTC)", "Generated at (UTC)"),
            r.generated_at.clone(),
        ),
        (
            tr(lang, "Outil", "Tool"),
            format!("{} {} ({})", r.tool.name, r.tool.version, r.tool.target),
        ),
        (
            tr(lang, "Schéma", "Schema"),
            format!("{} ({})", r.schema.id, r.schema.version),
        ),
    ]));
    b.push(Block::Para(frenchify(
        tr(
            lang,
            "Pour vérifier ce rapport (empreinte, puis recalcul à partir de ses propres données d’entrée) :",
            "To verify this report (digest, then recomputation from its own inputs):",
        ),
        lang,
    )));
    b.push(Block::Code(verify_command(lang)));
    b.push(Block::Para(tr(
        lang,
        "Le français fait foi ; une version anglaise est fournie.",
        "French is the authoritative language; this English version is provided for convenience.",
    )));
}

/// The name of component `cid` in `lang` (its id when the manifest has no such component).
fn component_name(r: &Report, cid: &str, lang: Lang) -> String {
    r.manifest
        .components
        .iter()
        .find(|c| c.id == cid)
        .map_or_else(|| cid.to_owned(), |c| text(&c.name, lang))
}

/// The sections of a report, in order.
const SECTIONS: [fn(&Report, Lang, &mut Vec<Block>); 13] = [
    section_summary,
    section_identification,
    section_purpose,
    section_functional_unit,
    section_boundary,
    section_results,
    section_parts,
    section_factors,
    section_data_quality,
    section_limitations,
    section_equivalences,
    section_citation,
    section_integrity,
];

/// The outline of `r` in `lang`: its sections, one function each.
pub(crate) fn outline(r: &Report, lang: Lang) -> Doc {
    let id = &r.manifest.identification;
    let mut b = Vec::new();
    for section in SECTIONS {
        section(r, lang, &mut b);
    }
    Doc {
        lang,
        title: tr(
            lang,
            "Rapport d’empreinte environnementale du calcul",
            "Computation environmental footprint report",
        ),
        subtitle: format!(
            "{} — {} → {}",
            id.project.name, id.supplier.legal_name, id.buyer.legal_name
        ),
        blocks: b,
    }
}

fn share_of(part: GramsFixed, whole: GramsFixed, lang: Lang) -> String {
    if whole.0 == 0 {
        return "—".to_owned();
    }
    let s = ShareFixed::from_f64(part.0 as f64 / whole.0 as f64, "share").unwrap_or_default();
    percent(s, lang)
}

/// Renders `report` in `format` and `lang`.
pub fn render(report: &Report, format: RenderFormat, lang: Lang) -> String {
    let mut doc = outline(report, lang);
    if lang == Lang::Fr {
        doc.map_text(words::french_typography);
    }
    match format {
        RenderFormat::Html => super::write_html::write(&doc),
        RenderFormat::Markdown => super::write_text::markdown(&doc),
        RenderFormat::Text => super::write_text::text(&doc),
    }
}
