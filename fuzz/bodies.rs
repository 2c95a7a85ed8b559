//! The properties the fuzz targets check, one function per target, shared by the
//! libFuzzer targets (`fuzz/fuzz_targets/`, nightly) and by a stable test that replays
//! the seed corpus (`fuzz/seeds/`, committed; `fuzz/corpus/` is what libFuzzer grows) on every run of the test suite
//! (`crates/empreinte/tests/fuzz_corpus.rs`).
#![allow(dead_code)]

use empreinte::report::{self, Envelope, Manifest, Verdict};
use empreinte::{estimate, Job};

/// Any bytes as a job JSON: a typed error or an estimate with finite, non-negative
/// figures; the strict reader and the estimate agree on what they refuse.
pub fn job(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let strict = empreinte::json::check(text);
    match Job::from_json(text) {
        Ok(job) => {
            assert!(strict.is_ok(), "a job read despite {strict:?}");
            if let Ok(e) = estimate(&job) {
                let f = e.figures;
                for v in [f.energy_kwh, f.co2e_g, f.power_w] {
                    assert!(v.is_finite() && v >= 0.0, "{v}");
                }
            }
        }
        Err(e) => assert!(e.message().chars().count() <= empreinte::MAX_MESSAGE_CHARS + 40),
    }
}

/// Any bytes as a report: `verify` answers a verdict, never panics; a report with a key
/// given twice is never valid.
pub fn report(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let verdict = report::verify(text);
    if let Err(empreinte::json::Refusal::DuplicateKey { .. }) = empreinte::json::check(text) {
        assert!(matches!(verdict, Verdict::Invalid { .. }), "{verdict}");
    }
}

/// Any bytes as a manifest (TOML or JSON): a typed error, or a report that verifies.
pub fn manifest(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if Manifest::parse(text).is_err() {
        return;
    }
    let envelope = Envelope {
        report_id: "0b7f3c5e-2a41-4d8e-9c3f-5a6b7c8d9e01".to_owned(),
        generated_at: "2026-01-15T09:30:00Z".to_owned(),
        target: "rust".to_owned(),
    };
    if let Ok(r) = report::from_manifest_text(text, &envelope) {
        if let Ok(json) = report::to_json(&r) {
            let verdict = report::verify(&json);
            assert_eq!(verdict.label(), "valid", "{verdict}");
        }
    }
}
