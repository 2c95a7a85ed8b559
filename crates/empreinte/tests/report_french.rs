//! French renderings are entirely French: every example report, rendered in French as
//! HTML, Markdown and text, has no string that is also in its English rendering other
//! than names, codes, numbers, units, source titles and URLs; no internal key or field
//! name; and French typography (a narrow no-break space before « : ; ! ? » and inside
//! « », one apostrophe style).
#![allow(clippy::unwrap_used, clippy::panic)]

#[path = "report_data/common.rs"]
mod common;

use std::collections::BTreeSet;

use empreinte::report::{self, RenderFormat, Report};
use empreinte::Lang;

const NNBSP: char = '\u{202F}';
const NBSP: char = '\u{A0}';

/// Words that are spelt the same in French and English and are French words here.
const SAME_IN_BOTH: &[&str] = &[
    "total",
    "phase",
    "source",
    "licence",
    "version",
    "identification",
    "justification",
    "citation",
    "contact",
    "date",
    "durée",
    "rapport",
    "composant",
    "simulations",
    "serveur",
    "parts",
    "transport",
    "central",
    "lot",
    "clause",
    "art",
    "message",
    "options",
    "type",
    "mode",
    "minutes",
    "secondes",
];

/// Units and symbols that read the same in both languages.
const UNITS: &[&str] = &[
    "wh", "kwh", "mwh", "gwh", "w", "kw", "l", "h", "min", "s", "j", "go", "g", "kg", "t", "km",
];

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

/// The visible text of a rendering: for HTML, the text content plus the attributes that
/// are read out (`alt`, `aria-label`, `title`), entities decoded; style and code removed.
fn visible(page: &str, format: RenderFormat) -> String {
    let mut s = page.to_owned();
    for (open, close) in [("<style", "</style>"), ("<pre", "</pre>"), ("```", "\n```")] {
        while let Some(i) = s.find(open) {
            let Some(j) = s[i + open.len()..].find(close) else {
                break;
            };
            s.replace_range(i..i + open.len() + j + close.len(), "\n");
        }
    }
    if format != RenderFormat::Html {
        return s;
    }
    let mut out = String::new();
    let mut rest = s.as_str();
    while let Some(i) = rest.find('<') {
        out.push_str(&rest[..i]);
        let j = rest[i..].find('>').map_or(rest.len(), |j| i + j + 1);
        let tag = &rest[i..j];
        for attr in ["alt=\"", "aria-label=\"", "title=\""] {
            if let Some(k) = tag.find(attr) {
                let v = &tag[k + attr.len()..];
                out.push('\n');
                out.push_str(&v[..v.find('"').unwrap_or(v.len())]);
            }
        }
        out.push('\n');
        rest = &rest[j..];
    }
    out.push_str(rest);
    out.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

fn without_urls(s: &str) -> String {
    s.lines()
        .map(without_urls_in_line)
        .collect::<Vec<_>>()
        .join("\n")
}

fn without_urls_in_line(s: &str) -> String {
    s.split(' ')
        .map(|w| {
            if w.contains("://") || w.contains("www.") {
                ""
            } else {
                w
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Segments: the pieces of text between markup, table cells and punctuation.
fn segments(text: &str) -> BTreeSet<String> {
    let text = without_urls(text);
    let mut out = BTreeSet::new();
    for line in text.lines() {
        let mut pieces = vec![line.to_owned()];
        for sep in [
            "|", ": ", "; ", " — ", " – ", "(", ")", ", ", "«", "»", "“", "”", "\"", "**", " / ",
            "→", "…", "*", "[", "]",
        ] {
            pieces = pieces
                .iter()
                .flat_map(|p| p.split(sep).map(str::to_owned).collect::<Vec<_>>())
                .collect();
        }
        for p in pieces {
            let p = p
                .trim_matches(|c: char| c.is_whitespace() || c == NNBSP || c == NBSP)
                .trim_matches(|c: char| matches!(c, '.' | ':' | ';' | '-' | '#' | '>' | '='))
                .trim_matches(|c: char| c.is_whitespace() || c == NNBSP || c == NBSP);
            if p.chars().any(char::is_alphabetic) {
                out.insert(p.to_owned());
            }
        }
    }
    out
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

/// What is left of `segment` that is language: words other than names, codes, numbers,
/// units and the words French and English share.
fn language_left(segment: &str, names: &[String]) -> Vec<String> {
    if names.iter().any(|n| n.contains(segment)) {
        return Vec::new();
    }
    let mut s = segment.to_owned();
    for n in names {
        if n.len() > 2 {
            s = s.replace(n.as_str(), " ");
        }
    }
    s.split(|c: char| !(c.is_alphanumeric() || c == '_' || c == '’' || c == '\''))
        .filter(|w| !w.is_empty())
        .filter(|w| w.chars().any(char::is_lowercase)) // codes: CPU, PUE, SHA, FR
        .filter(|w| !w.chars().any(|c| c.is_ascii_digit())) // v3.0, E5-2683
        .filter(|w| !w.contains("CO₂") && !w.contains("CO2"))
        .filter(|w| {
            let l = w.to_lowercase();
            !SAME_IN_BOTH.contains(&l.as_str()) && !UNITS.contains(&l.as_str())
        })
        .map(str::to_owned)
        .collect()
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

/// `snake_case`, `camelCase`, `job.field` and `[key]` shapes, outside URLs and names.
fn internal_keys(text: &str, names: &[String]) -> Vec<String> {
    let mut s = without_urls(text);
    for n in names {
        if n.len() > 2 {
            s = s.replace(n.as_str(), " ");
        }
    }
    let mut out = Vec::new();
    for w in s.split(|c: char| c.is_whitespace() || c == NNBSP || c == NBSP || c == '|') {
        let w = w.trim_matches(|c: char| !c.is_alphanumeric() && c != '[' && c != ']');
        let snake = w.contains('_') && w.chars().any(char::is_lowercase);
        let unit = w.contains("CO2") || w.contains("CO₂") || w.contains("Wh");
        let camel = !unit
            && w.char_indices().skip(1).any(|(i, c)| {
                c.is_ascii_uppercase() && w[..i].chars().all(|c| c.is_ascii_lowercase())
            });
        let dotted = ["job.", "choices.", "evidence.", "results.", "manifest."]
            .iter()
            .any(|p| w.starts_with(p));
        let bracket = w.starts_with('[') && w.ends_with(']') && w.len() > 2;
        if snake || camel || dotted || bracket {
            out.push(w.to_owned());
        }
    }
    out
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

/// Breaches of French typography in `text`, with a little context.
fn typography(text: &str) -> Vec<String> {
    let text = without_urls(text);
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let context = |i: usize| -> String {
        chars[i.saturating_sub(25)..(i + 10).min(chars.len())]
            .iter()
            .collect::<String>()
            .replace('\n', "⏎")
    };
    for (i, &c) in chars.iter().enumerate() {
        let before = if i > 0 { chars[i - 1] } else { '\n' };
        let after = chars.get(i + 1).copied().unwrap_or('\n');
        let bad = match c {
            // times (12:30:00), markdown alignment rows (---:) and line starts aside
            ':' if before.is_ascii_digit() && after.is_ascii_digit() => false,
            ':' if before == '-' || before == '\n' => false,
            // not punctuation: doi:10…, urn:…
            ':' | ';' | '!' | '?' if !after.is_whitespace() && after != NBSP => false,
            ':' | ';' | '!' | '?' => before != NNBSP,
            '«' => after != NNBSP,
            '»' => before != NNBSP,
            '\'' => true,
            _ => false,
        };
        if bad {
            out.push(format!("{c:?} in {:?}", context(i)));
        }
    }
    out
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

#[test]
fn the_checks_can_fail() {
    // a leak, a key and two typographic faults are found in a made-up French text
    let names = vec!["Territoires Simulés SARL".to_owned()];
    let fr = segments("Énergie : 2 kWh\nPUE: Unknown\none run assumed (1)");
    let en = segments("Energy: 2 kWh\nPUE: Unknown\none run assumed (1)");
    let shared: Vec<_> = fr
        .intersection(&en)
        .filter(|s| !language_left(s, &names).is_empty())
        .collect();
    assert_eq!(shared, ["Unknown", "one run assumed"]);
    assert_eq!(
        internal_keys(
            "integration: job.runtime_h [pue_default] memoryPower",
            &names
        )
        .len(),
        3
    );
    assert_eq!(typography("par poste: CPU d'abord").len(), 2);
    assert!(typography(&format!("par poste{NNBSP}: CPU d’abord, à 12:30")).is_empty());
}
