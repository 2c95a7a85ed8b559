//! Tampering is caught: every leaf of a report (number, string, default flag) is changed
//! in turn, programmatically. Without a new digest, `verify` answers `tampered`; with the
//! digest recomputed over the forged content (a forger's best move), it answers `not
//! reproducible` for every computed leaf, naming a field; the members outside the digest
//! (report id, time, build target) are checked for form.
#![allow(clippy::unwrap_used, clippy::panic)]

use crate::common;

use empreinte::report::{self, Verdict};
use serde_json::Value;

/// JSON Pointers of every leaf (null, boolean, number, string) of `v`.
fn leaves(v: &Value, path: &mut String, out: &mut Vec<String>) {
    match v {
        Value::Object(map) => {
            for (k, x) in map {
                let len = path.len();
                path.push('/');
                path.push_str(&k.replace('~', "~0").replace('/', "~1"));
                leaves(x, path, out);
                path.truncate(len);
            }
        }
        Value::Array(items) => {
            for (i, x) in items.iter().enumerate() {
                let len = path.len();
                path.push_str(&format!("/{i}"));
                leaves(x, path, out);
                path.truncate(len);
            }
        }
        _ => out.push(path.clone()),
    }
}

/// A plausible change of a leaf: a number moved, a fixed-scale decimal moved by one unit
/// of its last digit, another text, a flipped boolean.
fn mutate(v: &Value) -> Value {
    match v {
        Value::Null => Value::from(0),
        Value::Bool(b) => Value::Bool(!b),
        Value::Number(n) => {
            if let Some(u) = n.as_u64() {
                Value::from(u + 1)
            } else {
                Value::from(n.as_f64().unwrap() * 1.5 + 0.25)
            }
        }
        Value::String(s) => {
            let decimal = s.contains('.')
                && s.trim_start_matches('-')
                    .bytes()
                    .all(|b| b.is_ascii_digit() || b == b'.');
            let hex = s.len() == 64 && s.bytes().all(|b| b.is_ascii_hexdigit());
            if hex {
                let mut t = s[..63].to_owned();
                t.push(if s.ends_with('0') { '1' } else { '0' });
                Value::from(t)
            } else if decimal {
                let mut chars: Vec<char> = s.chars().collect();
                let last = chars.len() - 1;
                chars[last] = if chars[last] == '9' {
                    '8'
                } else {
                    (chars[last] as u8 + 1) as char
                };
                Value::from(chars.into_iter().collect::<String>())
            } else if s.is_empty() {
                Value::from("x")
            } else {
                Value::from(format!("{s}x"))
            }
        }
        _ => unreachable!(),
    }
}

fn outside_digest(pointer: &str) -> bool {
    pointer.starts_with("/integrity/")
        || pointer == "/report_id"
        || pointer == "/generated_at"
        || pointer == "/tool/target"
}

fn redigest(v: &mut Value) {
    let d = report::payload_sha256(v).unwrap();
    v["integrity"]["payload_sha256"] = Value::from(d);
}

/// Mutates every leaf of the report of `text`; returns the number of mutations checked.
/// `forge`: also recompute the digest after each mutation and check the recomputation.
fn mutate_every_leaf(name: &str, text: &str, forge: bool) -> usize {
    let mut count = 0;
    let value = report::to_value(&common::build(text)).unwrap();
    let mut all = Vec::new();
    leaves(&value, &mut String::new(), &mut all);
    assert!(all.len() > 100, "{name}: {} leaves", all.len());
    for pointer in &all {
        let mut m = value.clone();
        let leaf = m.pointer_mut(pointer).unwrap();
        *leaf = mutate(leaf);
        let verdict = report::verify(&serde_json::to_string_pretty(&m).unwrap());
        count += 1;
        if outside_digest(pointer) {
            // outside the digest: checked for form (a changed but well-formed target name
            // is by design not an alteration of the content)
            match pointer.as_str() {
                "/integrity/payload_sha256" => assert!(
                    matches!(verdict, Verdict::Tampered { .. }),
                    "{name} {pointer}: {verdict}"
                ),
                "/tool/target" => assert_eq!(verdict.label(), "valid", "{name} {pointer}"),
                _ => assert_eq!(verdict.label(), "invalid", "{name} {pointer}: {verdict}"),
            }
            continue;
        }
        if pointer.starts_with("/schema/") {
            // another schema: not a report this tool reads
            assert_eq!(verdict.label(), "invalid", "{name} {pointer}: {verdict}");
            continue;
        }
        assert_eq!(verdict.label(), "tampered", "{name} {pointer}: {verdict}");
        assert_eq!(verdict.exit_code(), 1);
        if !forge {
            continue;
        }
        // the forger recomputes the digest: the recomputation still catches it
        redigest(&mut m);
        let verdict = report::verify(&serde_json::to_string(&m).unwrap());
        count += 1;
        if pointer.starts_with("/manifest/") {
            // an input changed with its digest: a different report, consistent or not
            assert_ne!(verdict.label(), "tampered", "{name} {pointer}");
            continue;
        }
        match &verdict {
            Verdict::NotReproducible { field, .. } => {
                assert!(!field.is_empty(), "{name} {pointer}")
            }
            Verdict::Invalid { .. } => {} // e.g. a decimal or an enum no longer readable
            other => panic!("{name} {pointer}: {other}"),
        }
        assert_ne!(verdict.exit_code(), 0);
    }
    count
}

#[test]
fn every_leaf_change_is_caught() {
    // one thread per report; the forgeries (a full recomputation each) on the digital twin
    let total: usize = std::thread::scope(|s| {
        let handles: Vec<_> = common::MANIFESTS
            .iter()
            .enumerate()
            .map(|(i, (name, text))| s.spawn(move || mutate_every_leaf(name, text, i == 1)))
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).sum()
    });
    println!("{total} mutations caught");
    assert!(total > 2500);
}

#[test]
fn default_flags_cannot_be_dropped_or_added() {
    let value = report::to_value(&common::build(common::DIGITAL_TWIN)).unwrap();
    let mut checked = 0;
    for c in 0..value["manifest"]["components"].as_array().unwrap().len() {
        let n = value["manifest"]["components"][c]["defaults"]
            .as_array()
            .map_or(0, Vec::len);
        for i in 0..n {
            let mut m = value.clone();
            let flags = m["manifest"]["components"][c]["defaults"]
                .as_array_mut()
                .unwrap();
            let flag = flags.remove(i);
            assert_eq!(
                report::verify(&m.to_string()).label(),
                "tampered",
                "component {c} flag {flag}"
            );
            redigest(&mut m);
            let v = report::verify(&m.to_string());
            assert_eq!(
                v.label(),
                "not reproducible",
                "component {c} flag {flag}: {v}"
            );
            checked += 1;
        }
    }
    for i in 0..value["manifest"]["defaults"].as_array().unwrap().len() {
        let mut m = value.clone();
        let flag = m["manifest"]["defaults"].as_array_mut().unwrap().remove(i);
        assert_eq!(report::verify(&m.to_string()).label(), "tampered");
        redigest(&mut m);
        let v = report::verify(&m.to_string());
        assert_eq!(v.label(), "not reproducible", "flag {flag}: {v}");
        checked += 1;
    }
    // claiming a declared value was a default
    let mut m = value.clone();
    m["manifest"]["components"][0]["defaults"]
        .as_array_mut()
        .unwrap()
        .push(Value::from("job.cpu.usage"));
    redigest(&mut m);
    assert_eq!(report::verify(&m.to_string()).label(), "not reproducible");
    assert!(checked >= 9);
}

#[test]
fn a_recomputed_difference_names_the_field() {
    let mut value = report::to_value(&common::build(common::JEAN_ZAY)).unwrap();
    value["results"]["total"]["operational_co2e_g"]["total"] = Value::from("1.000");
    redigest(&mut value);
    match report::verify(&value.to_string()) {
        Verdict::NotReproducible {
            field,
            stated,
            recomputed,
            ..
        } => {
            assert_eq!(field, "/results/total/operational_co2e_g/total");
            assert_eq!(stated, "\"1.000\"");
            assert_ne!(recomputed, stated);
        }
        other => panic!("{other}"),
    }
}

#[test]
fn invalid_documents() {
    for text in [
        "",
        "{",
        "[]",
        "{}",
        "{\"schema\": {\"version\": \"9.9\"}}",
        "null",
    ] {
        let v = report::verify(text);
        assert_eq!(v.label(), "invalid", "{text:?}: {v}");
        assert_eq!(v.exit_code(), 2);
    }
    let mut value = report::to_value(&common::build(common::V1_0)).unwrap();
    value["schema"]["version"] = Value::from("0.9");
    assert_eq!(report::verify(&value.to_string()).label(), "invalid");
}

/// The JSON text of `v` with a forged member written before the real one in the object at
/// `parent` (a JSON Pointer), for key `key`: what a reader of the text sees first.
fn with_duplicate(v: &Value, at: &str, parent: &str, key: &str, forged: &Value) -> String {
    match v {
        Value::Object(map) => {
            let mut parts = Vec::new();
            if at == parent {
                parts.push(format!("{}:{forged}", Value::from(key)));
            }
            for (k, x) in map {
                let child = format!("{at}/{}", k.replace('~', "~0").replace('/', "~1"));
                parts.push(format!(
                    "{}:{}",
                    Value::from(k.as_str()),
                    with_duplicate(x, &child, parent, key, forged)
                ));
            }
            format!("{{{}}}", parts.join(","))
        }
        Value::Array(items) => {
            let parts: Vec<String> = items
                .iter()
                .enumerate()
                .map(|(i, x)| with_duplicate(x, &format!("{at}/{i}"), parent, key, forged))
                .collect();
            format!("[{}]", parts.join(","))
        }
        other => other.to_string(),
    }
}

/// Every member (leaf or not) of `v`: (parent pointer, key, dotted path).
fn members(v: &Value, at: &str, dotted: &str, out: &mut Vec<(String, String, String)>) {
    match v {
        Value::Object(map) => {
            for (k, x) in map {
                let path = if dotted.is_empty() {
                    k.clone()
                } else {
                    format!("{dotted}.{k}")
                };
                out.push((at.to_owned(), k.clone(), path.clone()));
                let child = format!("{at}/{}", k.replace('~', "~0").replace('/', "~1"));
                members(x, &child, &path, out);
            }
        }
        Value::Array(items) => {
            for (i, x) in items.iter().enumerate() {
                members(x, &format!("{at}/{i}"), &format!("{dotted}.{i}"), out);
            }
        }
        _ => {}
    }
}

#[test]
fn a_key_given_twice_anywhere_makes_the_report_invalid_naming_it() {
    let value = report::to_value(&common::build(common::JEAN_ZAY)).unwrap();
    // the text without duplicates is valid: the writer above is faithful
    let plain = with_duplicate(&value, "", "-", "", &Value::Null);
    assert_eq!(report::verify(&plain).label(), "valid");
    let mut all = Vec::new();
    members(&value, "", "", &mut all);
    assert!(all.len() > 100, "{} members", all.len());
    for (parent, key, path) in &all {
        let pointer = format!("{parent}/{}", key.replace('~', "~0").replace('/', "~1"));
        // the forgery: a forged value first, the true one last
        let forged = match value.pointer(&pointer).unwrap() {
            Value::String(_) => Value::from("1.000000"),
            Value::Object(_) => serde_json::json!({}),
            Value::Array(_) => serde_json::json!([]),
            other => mutate(other),
        };
        let text = with_duplicate(&value, "", parent, key, &forged);
        match report::verify(&text) {
            Verdict::Invalid { reason } => assert!(
                reason.contains(&format!("key {path} appears twice")),
                "{path}: {reason}"
            ),
            other => panic!("{path}: {other}"),
        }
    }
}

#[test]
fn a_byte_order_mark_is_read_as_editors_write_it() {
    let text = common::json(common::V1_0);
    assert_eq!(report::verify(&format!("\u{FEFF}{text}")).label(), "valid");
}
