//! French renderings are entirely French: every example report, rendered in French as
//! HTML, Markdown and text, has no string that is also in its English rendering other
//! than names, codes, numbers, units, source titles and URLs; no internal key or field
//! name; and French typography (a narrow no-break space before « : ; ! ? » and inside
//! « », one apostrophe style).
#![allow(clippy::unwrap_used, clippy::panic)]

use crate::common;
use crate::french;

use std::collections::BTreeSet;

use french::{internal_keys, language_left, segments, typography, without_urls};

use empreinte::report::{self, RenderFormat, Report};
use empreinte::Lang;

const FORMATS: [RenderFormat; 3] = [
    RenderFormat::Html,
    RenderFormat::Markdown,
    RenderFormat::Text,
];

fn reports() -> Vec<(&'static str, Report)> {
    common::MANIFESTS
        .iter()
        .map(|(name, text)| {
            let json = common::json(text);
            (*name, report::parse_report(&json).unwrap())
        })
        .collect()
}

/// The visible text of a rendering (code blocks left out; for HTML, the text and the
/// attributes that are read out).
fn visible(page: &str, format: RenderFormat) -> String {
    match format {
        RenderFormat::Html => french::visible_html(page),
        _ => french::without_blocks(page),
    }
}

/// Names, codes and source titles that a report carries and that stay as they are.
fn names(r: &Report) -> Vec<String> {
    let v = serde_json::to_value(r).unwrap();
    let mut out: Vec<String> = Vec::new();
    let mut strings = |x: &serde_json::Value| {
        fn walk(x: &serde_json::Value, out: &mut Vec<String>) {
            match x {
                serde_json::Value::String(s) => out.push(s.clone()),
                serde_json::Value::Array(a) => a.iter().for_each(|y| walk(y, out)),
                // a bilingual text is translated, not a name
                serde_json::Value::Object(o) if !(o.contains_key("fr") && o.contains_key("en")) => {
                    o.values().for_each(|y| walk(y, out));
                }
                _ => {}
            }
        }
        walk(x, &mut out);
    };
    strings(&v["manifest"]["identification"]);
    for c in v["manifest"]["components"].as_array().unwrap() {
        strings(&c["measured"]);
        strings(&c["evidence"]);
        strings(&c["job"]["cpu"]["model"]);
        strings(&c["job"]["gpu"]["model"]);
        strings(&c["job"]["location"]);
        strings(&c["job"]["provider"]);
        strings(&c["job"]["datacenter"]);
    }
    for f in v["factors"].as_array().unwrap() {
        strings(&f["source"]);
        strings(&f["licence"]);
        strings(&f["dataset"]);
        if matches!(
            f["kind"].as_str(),
            Some("carbon_intensity" | "cpu_power" | "gpu_power" | "ewif")
        ) {
            strings(&f["label"]);
        }
    }
    for d in v["datasets"].as_array().unwrap() {
        strings(d);
    }
    strings(&v["report_id"]);
    strings(&v["schema"]);
    strings(&v["tool"]);
    // the supplier's own words: texts given in one language, and in a text given in both,
    // the pieces it keeps the same in both (place names, products)
    fn own_words(x: &serde_json::Value, out: &mut Vec<String>) {
        match x {
            serde_json::Value::Object(o) => match (o.get("fr"), o.get("en")) {
                (Some(serde_json::Value::String(fr)), Some(serde_json::Value::String(en))) => {
                    let (fr, en) = (segments(fr), segments(en));
                    out.extend(fr.intersection(&en).cloned());
                }
                _ => o
                    .iter()
                    .filter(|(k, _)| {
                        !matches!(k.as_str(), "id" | "phase" | "defaults" | "fields" | "job")
                    })
                    .for_each(|(_, y)| own_words(y, out)),
            },
            serde_json::Value::Array(a) => a.iter().for_each(|y| own_words(y, out)),
            serde_json::Value::String(s) => out.push(s.clone()),
            _ => {}
        }
    }
    for key in ["purpose", "functional_unit", "boundary", "components"] {
        own_words(&v["manifest"][key], &mut out);
    }
    for key in ["project", "software", "model"] {
        let n = &v["manifest"]["identification"][key];
        if let (Some(name), Some(version)) = (n["name"].as_str(), n["version"].as_str()) {
            out.push(format!("{name} {version}"));
        }
    }
    out.extend(
        [
            "Green Algorithms",
            "Empreinte",
            "Lannelongue et al. 2021",
            "location-based",
            "SIREN",
            "SIRET",
        ]
        .map(str::to_owned),
    );
    let mut out: Vec<String> = out.iter().map(|s| without_urls(s)).collect();
    out.retain(|s| s.chars().any(char::is_alphabetic));
    out.sort_by_key(|s| std::cmp::Reverse(s.len()));
    out
}

#[test]
fn french_renderings_share_no_language_with_english_ones() {
    let mut leaks = BTreeSet::new();
    for (name, r) in reports() {
        let names = names(&r);
        for format in FORMATS {
            let fr = segments(&visible(&report::render(&r, format, Lang::Fr), format));
            let en = segments(&visible(&report::render(&r, format, Lang::En), format));
            for s in fr.intersection(&en) {
                if !language_left(s, &names).is_empty() {
                    leaks.insert(format!("{name} {format:?}: {s:?}"));
                }
            }
        }
    }
    assert!(
        leaks.is_empty(),
        "{} strings of the French renderings are also in the English ones:\n{}",
        leaks.len(),
        leaks.into_iter().collect::<Vec<_>>().join("\n")
    );
}

#[test]
fn french_renderings_show_no_internal_key() {
    let mut found = BTreeSet::new();
    for (name, r) in reports() {
        let names = names(&r);
        for format in FORMATS {
            let fr = visible(&report::render(&r, format, Lang::Fr), format);
            for k in internal_keys(&fr, &names) {
                found.insert(format!("{name} {format:?}: {k}"));
            }
        }
    }
    assert!(
        found.is_empty(),
        "internal keys in French renderings:\n{}",
        found.into_iter().collect::<Vec<_>>().join("\n")
    );
}

#[test]
fn french_renderings_follow_french_typography() {
    let mut found = BTreeSet::new();
    for (name, r) in reports() {
        for format in FORMATS {
            let fr = visible(&report::render(&r, format, Lang::Fr), format);
            for t in typography(&fr) {
                found.insert(format!("{name} {format:?}: {t}"));
            }
        }
    }
    assert!(
        found.is_empty(),
        "{} breaches of French typography:\n{}",
        found.len(),
        found.into_iter().collect::<Vec<_>>().join("\n")
    );
}
