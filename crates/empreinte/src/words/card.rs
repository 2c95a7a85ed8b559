//! The estimate's card for notebooks (Jupyter's `_repr_html_`): the key figures, the
//! energy split and the citable paragraph, in French then English, with the core's words
//! and number formats. Self-contained: inline styles, no script, no external resource.

use serde_json::Value;

use super::{escape_html as e, label_value, tr};
use crate::error::Error;
use crate::format::{co2e_g, energy_kwh, percent, power_w, significant, Lang, NBSP};

const COLOURS: [(&str, &str); 3] = [
    ("cpu", "#2b6cb0"),
    ("gpu", "#c05621"),
    ("memory", "#2f855a"),
];

/// The card of a result, from the result JSON's text (as `estimate` writes it).
///
/// # Errors
/// [`Error::InvalidDocument`] naming the field when the text is not a result JSON.
///
/// # Examples
/// ```
/// use empreinte::{estimate, CpuSpec, Job};
/// let job = Job {
///     runtime_h: Some(12.0),
///     cpu: Some(CpuSpec { model: Some("Xeon E5-2683 v4".into()), cores: Some(12), ..Default::default() }),
///     memory_gb: Some(64.0),
///     location: Some("FR".into()),
///     ..Default::default()
/// };
/// let result = serde_json::to_string(&estimate(&job)?).unwrap();
/// let card = empreinte::words::card::estimate_card_html(&result)?;
/// assert!(card.contains("Énergie") && card.contains("2,13\u{A0}kWh") && card.contains("2.13\u{A0}kWh"));
/// # Ok::<(), empreinte::Error>(())
/// ```
pub fn estimate_card_html(result_json: &str) -> Result<String, Error> {
    let d: Value = serde_json::from_str(result_json).map_err(|err| Error::InvalidDocument {
        field: ".".to_owned(),
        message: err.to_string(),
    })?;
    let version = text_at(&d, "data_version")?;
    let mut out = format!(
        "<div class=\"empreinte-card\" style=\"font-family:sans-serif;max-width:40em;\
         border:1px solid #ccc;border-radius:6px;padding:.8em 1em\">\
         <div style=\"font-weight:bold;margin-bottom:.4em\">Empreinte — Green Algorithms ({})</div>",
        e(version)
    );
    for lang in [Lang::Fr, Lang::En] {
        out.push_str(&section(&d, lang)?);
    }
    out.push_str("</div>");
    Ok(out)
}

/// The figures, the split and the citation in one language.
fn section(d: &Value, lang: Lang) -> Result<String, Error> {
    let pue_source = match text_at(d, "pue.source")? {
        "stated" => tr(lang, "indiqué", "stated"),
        "datacenter" => tr(lang, "centre de données", "data centre"),
        "provider_default" => tr(
            lang,
            "valeur par défaut du fournisseur",
            "provider's default",
        ),
        _ => tr(
            lang,
            "valeur par défaut de la plateforme",
            "platform default",
        ),
    };
    let rows = [
        (
            tr(lang, "Énergie", "Energy"),
            energy_kwh(num_at(d, "energy_kwh")?, lang),
        ),
        (
            tr(lang, "Empreinte carbone", "Carbon footprint"),
            co2e_g(num_at(d, "co2e_g")?, lang),
        ),
        (
            tr(lang, "Puissance appelée", "Power drawn"),
            power_w(num_at(d, "power_w")?, lang),
        ),
        (
            "PUE",
            format!(
                "{} ({pue_source})",
                significant(num_at(d, "pue.value")?, lang)
            ),
        ),
        (
            tr(lang, "Intensité carbone", "Carbon intensity"),
            format!(
                "{}{NBSP}gCO₂e/kWh ({})",
                significant(num_at(d, "ci_g_per_kwh")?, lang),
                d.get("location").and_then(Value::as_str).unwrap_or("—")
            ),
        ),
        (
            tr(lang, "Mois-arbre", "Tree-months"),
            significant(num_at(d, "tree_months")?, lang),
        ),
    ];
    let table: String = rows
        .iter()
        .map(|(label, value)| {
            format!(
                "<tr><th style=\"text-align:left;font-weight:normal;padding-right:1em\">{}</th>\
                 <td style=\"text-align:right\"><b>{}</b></td></tr>",
                e(label),
                e(value)
            )
        })
        .collect();
    let (bar, legend) = split(d, lang)?;
    let citation = d
        .get("citation")
        .and_then(|c| c.get(lang.as_str()))
        .and_then(Value::as_str)
        .unwrap_or("");
    Ok(format!(
        "<section lang=\"{}\" style=\"margin:.4em 0\"><table style=\"border-collapse:collapse\">{table}</table>\
         {bar}<div style=\"font-size:.85em\">{legend}</div>{}\
         <p style=\"font-size:.85em;margin:.4em 0\">{}</p></section>",
        lang.as_str(),
        measured(d, lang),
        e(citation)
    ))
}

/// The energy split as a bar and its legend.
fn split(d: &Value, lang: Lang) -> Result<(String, String), Error> {
    let total = num_at(d, "energy_kwh")?;
    let (mut segments, mut legend) = (String::new(), String::new());
    for (key, colour) in COLOURS {
        let part = num_at(d, &format!("energy_breakdown_kwh.{key}"))?;
        let share = if total > 0.0 { part / total } else { 0.0 };
        if share <= 0.0 {
            continue;
        }
        let name = match key {
            "memory" => tr(lang, "Mémoire", "Memory").to_owned(),
            other => other.to_uppercase(),
        };
        let text = format!("{name} {}", percent(share, lang));
        segments.push_str(&format!(
            "<div title=\"{}\" style=\"width:{:.2}%;background:{colour}\"></div>",
            e(&text),
            share * 100.0
        ));
        legend.push_str(&format!(
            "<span style=\"margin-right:1em\"><span style=\"display:inline-block;width:.8em;\
             height:.8em;background:{colour};margin-right:.3em\"></span>{}</span>",
            e(&text)
        ));
    }
    let bar = format!(
        "<div role=\"img\" aria-label=\"{}\" style=\"display:flex;height:.9em;margin:.6em 0 .3em;\
         border-radius:3px;overflow:hidden;background:#eee\">{segments}</div>",
        e(tr(lang, "répartition de l’énergie", "energy split"))
    );
    Ok((bar, legend))
}

/// What a tracked run measured, per part, when it is one.
fn measured(d: &Value, lang: Lang) -> String {
    let Some(parts) = d
        .pointer("/measurement/components")
        .and_then(Value::as_object)
    else {
        return String::new();
    };
    let items: Vec<String> = parts
        .iter()
        .map(|(part, v)| {
            let status = match v.get("status").and_then(Value::as_str).unwrap_or("") {
                "measured" => tr(lang, "mesuré", "measured"),
                "estimated" => tr(lang, "estimé", "estimated"),
                "absent" => tr(lang, "absent", "absent"),
                other => other,
            };
            let part = match part.as_str() {
                "memory" => tr(lang, "mémoire", "memory").to_owned(),
                other => other.to_uppercase(),
            };
            format!("{part} {status}")
        })
        .collect();
    format!(
        "<div style=\"font-size:.85em;color:#555\">{}</div>",
        e(&label_value(
            tr(lang, "Mesure", "Measurement"),
            &items.join(", "),
            lang
        ))
    )
}

fn at<'a>(d: &'a Value, path: &str) -> Option<&'a Value> {
    path.split('.').try_fold(d, |v, key| v.get(key))
}

fn num_at(d: &Value, path: &str) -> Result<f64, Error> {
    at(d, path)
        .and_then(Value::as_f64)
        .ok_or_else(|| missing(path))
}

fn text_at<'a>(d: &'a Value, path: &str) -> Result<&'a str, Error> {
    at(d, path)
        .and_then(Value::as_str)
        .ok_or_else(|| missing(path))
}

fn missing(path: &str) -> Error {
    Error::InvalidDocument {
        field: path.to_owned(),
        message: "not a result JSON: the field is missing or of the wrong type".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bad_result_is_a_typed_error_naming_the_field() {
        let err = estimate_card_html(r#"{"data_version": "v3.0"}"#).unwrap_err();
        assert_eq!(err.field(), Some("pue.source"));
        assert!(estimate_card_html("not json").is_err());
    }
}
