//! Checks that a French text for people is French: the strings it shares with its English
//! twin (other than names, codes, numbers, units and URLs), internal keys, and French
//! typography. Read by the Rust tests of every crate:
//! `#[path = "…/tests/support/french.rs"] mod french;`.
#![allow(dead_code, clippy::unwrap_used)]

use std::collections::BTreeSet;

pub const NNBSP: char = '\u{202F}';
pub const NBSP: char = '\u{A0}';

/// Words that are spelt the same in French and English and are French words here.
pub const SAME_IN_BOTH: &[&str] = &[
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
pub const UNITS: &[&str] = &[
    "wh", "kwh", "mwh", "gwh", "w", "kw", "l", "h", "min", "s", "j", "go", "g", "kg", "t", "km",
];

/// `page` without its style, preformatted and fenced code blocks.
pub fn without_blocks(page: &str) -> String {
    let mut s = page.to_owned();
    for (open, close) in [
        ("<style", "</style>"),
        ("<script", "</script>"),
        ("<pre", "</pre>"),
        ("```", "\n```"),
    ] {
        while let Some(i) = s.find(open) {
            let Some(j) = s[i + open.len()..].find(close) else {
                break;
            };
            s.replace_range(i..i + open.len() + j + close.len(), "\n");
        }
    }
    s
}

/// The visible text of an HTML page: its text and the attributes that are read out
/// (`alt`, `aria-label`, `title`), entities decoded; style, script and code left out.
pub fn visible_html(page: &str) -> String {
    let s = without_blocks(page);
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

/// `s` without its URLs, line by line.
pub fn without_urls(s: &str) -> String {
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
pub fn segments(text: &str) -> BTreeSet<String> {
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
                .trim_matches(|c: char| matches!(c, '.' | ':' | ';' | '#' | '>' | '='))
                .trim_start_matches("- ")
                .trim_matches(|c: char| c.is_whitespace() || c == NNBSP || c == NBSP);
            if p.chars().any(char::is_alphabetic) {
                out.insert(p.to_owned());
            }
        }
    }
    out
}

/// What is left of `segment` that is language: words other than names, codes, numbers,
/// units and the words French and English share.
pub fn language_left(segment: &str, names: &[String]) -> Vec<String> {
    // a command-line option and its value are code
    if segment.starts_with("--") || names.iter().any(|n| n.contains(segment)) {
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

/// `snake_case`, `camelCase`, `job.field` and `[key]` shapes, outside URLs and names.
pub fn internal_keys(text: &str, names: &[String]) -> Vec<String> {
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
        // a file's name (CI_aggregated.csv) is a name
        let file = [".csv", ".json", ".toml", ".txt"]
            .iter()
            .any(|e| w.ends_with(e));
        if file {
            continue;
        }
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

/// Breaches of French typography in `text`, with a little context.
pub fn typography(text: &str) -> Vec<String> {
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

/// The segments of `fr` that are also in `en` and hold language, other than `names`.
pub fn shared_language(fr: &str, en: &str, names: &[String]) -> Vec<String> {
    segments(fr)
        .intersection(&segments(en))
        .filter(|s| !language_left(s, names).is_empty())
        .cloned()
        .collect()
}

#[test]
fn the_checks_can_fail() {
    // a leak, a key and two typographic faults are found in a made-up French text
    let names = vec!["Territoires Simulés SARL".to_owned()];
    let shared = shared_language(
        "Énergie : 2 kWh\nPUE: Unknown\none run assumed (1)",
        "Energy: 2 kWh\nPUE: Unknown\none run assumed (1)",
        &names,
    );
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
