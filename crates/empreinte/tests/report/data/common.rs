//! Shared by the report tests (included with `mod`, not a test of its own).
#![allow(dead_code)]

use empreinte::report::{self, Envelope, Report};

pub const JEAN_ZAY: &str =
    include_str!("../../../../../examples/jean-zay-training-cloud-inference.toml");
pub const DIGITAL_TWIN: &str =
    include_str!("../../../../../examples/city-digital-twin-local-server.toml");
pub const V1_0: &str = include_str!("older-data-v1.0.toml");
pub const V2_2: &str = include_str!("older-data-v2.2.toml");

/// Every manifest the tests run, with its name.
pub const MANIFESTS: [(&str, &str); 4] = [
    ("jean-zay-training-cloud-inference", JEAN_ZAY),
    ("city-digital-twin-local-server", DIGITAL_TWIN),
    ("older-data-v1.0", V1_0),
    ("older-data-v2.2", V2_2),
];

pub fn envelope() -> Envelope {
    Envelope {
        report_id: "0b7f3c5e-2a41-4d8e-9c3f-5a6b7c8d9e01".to_owned(),
        generated_at: "2026-01-15T09:30:00Z".to_owned(),
        target: "rust".to_owned(),
    }
}

pub fn build(text: &str) -> Report {
    report::from_manifest_text(text, &envelope()).unwrap()
}

pub fn json(text: &str) -> String {
    report::to_json(&build(text)).unwrap()
}
