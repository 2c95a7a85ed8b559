//! The manifest and report parsers never panic: arbitrary text, and random edits of valid
//! documents, get a value or a typed error. Bad manifests name the offending key and line.
#![allow(clippy::unwrap_used, clippy::panic)]

use crate::common;

use empreinte::report::{self, Manifest};
use empreinte::Error;
use proptest::prelude::*;

fn edit(base: &str, at: usize, cut: usize, insert: &str) -> String {
    let chars: Vec<char> = base.chars().collect();
    let at = at % (chars.len() + 1);
    let end = (at + cut).min(chars.len());
    let mut s: String = chars[..at].iter().collect();
    s.push_str(insert);
    s.extend(&chars[end..]);
    s
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_text_never_panics(text in "\\PC{0,400}") {
        let _ = Manifest::parse(&text);
        let _ = report::verify(&text);
        let _ = report::parse_report(&text);
    }

    #[test]
    fn edited_manifests_never_panic(at in 0usize..8000, cut in 0usize..40, insert in "[ -~\\n]{0,12}") {
        for base in [common::JEAN_ZAY, common::DIGITAL_TWIN] {
            let text = edit(base, at, cut, &insert);
            if let Ok(m) = Manifest::parse(&text) {
                let _ = report::build(&m, &common::envelope());
            }
        }
    }

    #[test]
    fn edited_reports_never_panic(at in 0usize..60000, cut in 0usize..40, insert in "[ -~]{0,12}") {
        let json = common::json(common::V2_2);
        let text = edit(&json, at, cut, &insert);
        let verdict = report::verify(&text);
        if verdict.label() == "valid" {
            // only an edit that leaves the content alone (layout, or a member outside the
            // digest) may still verify
            let original: serde_json::Value = serde_json::from_str(&json).unwrap();
            let edited: serde_json::Value = serde_json::from_str(&text).unwrap();
            prop_assert_eq!(
                report::payload_bytes(&original).unwrap(),
                report::payload_bytes(&edited).unwrap()
            );
        }
        let _ = report::parse_report(&text);
    }
}

fn field_and_line(text: &str) -> (String, Option<usize>) {
    match Manifest::parse(text).and_then(|m| report::build(&m, &common::envelope())) {
        Err(Error::InvalidManifest { field, line, .. }) => (field, line),
        Err(e) => (e.field().unwrap_or("").to_owned(), None),
        Ok(_) => panic!("accepted: {text}"),
    }
}

#[test]
fn errors_name_the_key_and_the_line() {
    // a type error deep in the third component: path and line
    let bad = common::JEAN_ZAY.replace("cores = 40, usage = 0.3", "cores = \"forty\", usage = 0.3");
    let (field, line) = field_and_line(&bad);
    assert_eq!(field, "components[2].job.cpu.cores");
    let expected = bad.lines().position(|l| l.contains("\"forty\"")).unwrap() + 1;
    assert_eq!(line, Some(expected));
    // a value the calculation rejects: its full path
    let bad = common::JEAN_ZAY.replace("cores = 40, usage = 0.3", "cores = 0, usage = 0.3");
    assert_eq!(field_and_line(&bad).0, "components[2].job.cpu.cores");
    let bad = common::JEAN_ZAY.replace(
        "\"NVIDIA Tesla T4\", count = 2",
        "\"NVIDIA Tesla T5\", count = 2",
    );
    assert_eq!(field_and_line(&bad).0, "components[3].job.gpu.model");
    // an unknown key
    let bad = common::DIGITAL_TWIN.replace("quantity = 150", "quantity = 150\ncolour = \"red\"");
    let (field, line) = field_and_line(&bad);
    assert!(field.starts_with("functional_unit"), "{field}");
    assert!(line.is_some());
    // identifiers, period, evidence
    let bad = common::JEAN_ZAY.replace("siren = \"904 128 576\"", "siren = \"904 128 577\"");
    assert_eq!(field_and_line(&bad).0, "identification.supplier.siren");
    let bad = common::JEAN_ZAY.replace(
        "end = \"2026-01-01T00:00:00Z\"",
        "end = \"2024-01-01T00:00:00Z\"",
    );
    assert_eq!(field_and_line(&bad).0, "period.end");
    let bad = common::DIGITAL_TWIN.replace(
        "start = \"2025-03-01T00:00:00Z\"",
        "start = \"2025-02-30T00:00:00Z\"",
    );
    assert_eq!(field_and_line(&bad).0, "period.start");
    let bad = common::DIGITAL_TWIN.replace("id = \"simulations\"", "id = \"integration\"");
    assert_eq!(field_and_line(&bad).0, "components[1].id");
    let bad = common::DIGITAL_TWIN.replace(
        "memory_gb = 128, location = \"FR\" }",
        "memory_gb = 128, location = \"FR\" }\nevidence.pue = { kind = \"measured\" }",
    );
    assert_eq!(field_and_line(&bad).0, "components[2].evidence.pue.kind");
    let bad = common::DIGITAL_TWIN.replace("phase = \"other\"", "phase = \"simulation\"");
    assert_eq!(field_and_line(&bad).0, "components[1].phase");
    // scaling (the AI view): its inputs are named under the component
    let bad = common::JEAN_ZAY.replace("rd_multiple = 2,", "rd_multiple = -2,");
    assert_eq!(field_and_line(&bad).0, "components[1].scaling.rd_multiple");
    let bad = common::JEAN_ZAY.replacen("span_h = 720", "span_h = 0", 1);
    assert_eq!(
        field_and_line(&bad).0,
        "components[3].scaling.continuous.span_h"
    );
    let bad = common::V1_0.replace("data_version = \"v1.0\"", "data_version = \"v0.9\"");
    assert_eq!(field_and_line(&bad).0, "choices.data_version");
    let bad = common::V1_0.replace("[choices]", "[choices]\nembodied_model = \"boavizta\"");
    assert_eq!(field_and_line(&bad).0, "choices.embodied_model");
}

#[test]
fn json_manifests_are_accepted_and_toml_datetimes_too() {
    let m = Manifest::parse(common::DIGITAL_TWIN).unwrap();
    let json = serde_json::to_string(&m).unwrap();
    let back = Manifest::parse(&json).unwrap();
    assert_eq!(m, back);
    let bad = json.replace("\"quantity\":150.0", "\"quantity\":\"many\"");
    let (field, line) = field_and_line(&bad);
    assert_eq!(field, "functional_unit.quantity");
    assert_eq!(line, Some(1));
    let unquoted = common::DIGITAL_TWIN.replace(
        "start = \"2025-03-01T00:00:00Z\"",
        "start = 2025-03-01T00:00:00Z",
    );
    assert_eq!(
        Manifest::parse(&unquoted).unwrap().period.start.0,
        "2025-03-01T00:00:00Z"
    );
}
