//! Every report the tests produce validates against the published JSON Schema (2020-12),
//! with the `jsonschema` crate; the schema the core embeds is the one in `schemas/`.
#![allow(clippy::unwrap_used, clippy::panic)]

use crate::common;

use empreinte::report;
use serde_json::Value;

const PUBLISHED: &str = include_str!("../../../../schemas/empreinte-report-1.0.schema.json");

fn validator() -> jsonschema::Validator {
    let schema: Value = serde_json::from_str(report::SCHEMA_JSON).unwrap();
    jsonschema::draft202012::new(&schema).unwrap()
}

#[test]
fn the_embedded_schema_is_the_published_one() {
    assert_eq!(report::SCHEMA_JSON, PUBLISHED);
    let schema: Value = serde_json::from_str(PUBLISHED).unwrap();
    assert_eq!(schema["$id"], report::SCHEMA_ID);
    assert_eq!(
        schema["$schema"],
        "https://json-schema.org/draft/2020-12/schema"
    );
}

#[test]
fn every_report_validates() {
    let v = validator();
    for (name, text) in common::MANIFESTS {
        let value = report::to_value(&common::build(text)).unwrap();
        let errors: Vec<String> = v
            .iter_errors(&value)
            .map(|e| format!("{}: {e}", e.instance_path()))
            .collect();
        assert!(errors.is_empty(), "{name}: {errors:#?}");
    }
}

#[test]
fn the_schema_rejects_what_verify_rejects() {
    let v = validator();
    let value = report::to_value(&common::build(common::DIGITAL_TWIN)).unwrap();
    for (pointer, bad) in [
        ("/results/total/energy_kwh/total", Value::from(1.5)),
        ("/results/total/energy_kwh/total", Value::from("1.5")),
        ("/schema/version", Value::from("2.0")),
        ("/report_id", Value::from("not-a-uuid")),
        ("/integrity/payload_sha256", Value::from("ABC")),
        ("/manifest/components/0/phase", Value::from("pretraining")),
        (
            "/results/total/embodied/status",
            Value::from("not_computed"),
        ),
    ] {
        let mut m = value.clone();
        *m.pointer_mut(pointer).unwrap() = bad.clone();
        assert!(!v.is_valid(&m), "{pointer} = {bad} should be rejected");
    }
    let mut m = value;
    m.as_object_mut()
        .unwrap()
        .insert("extra".to_owned(), Value::Null);
    assert!(!v.is_valid(&m), "unknown top-level member");
}
