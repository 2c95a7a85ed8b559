//! The fuzz targets' properties (`fuzz/bodies.rs`) on their seed corpus (`fuzz/seeds/`),
//! on stable, in every run of the test suite: the targets compile and their seeds pass
//! (the libFuzzer runs themselves need nightly: `make fuzz-smoke`).
#![allow(clippy::unwrap_used, clippy::panic)]

#[path = "../../../fuzz/bodies.rs"]
mod bodies;

use std::path::Path;

fn replay(target: &str, check: fn(&[u8])) -> usize {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../fuzz/seeds")
        .join(target);
    let mut n = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        check(&std::fs::read(&path).unwrap());
        n += 1;
    }
    n
}

#[test]
fn the_job_seeds_pass() {
    assert!(replay("job", bodies::job) >= 15);
}

#[test]
fn the_report_seeds_pass() {
    assert!(replay("report", bodies::report) >= 5);
}

#[test]
fn the_manifest_seeds_pass() {
    assert!(replay("manifest", bodies::manifest) >= 4);
}

#[test]
fn the_forged_report_seed_is_the_case_the_report_property_guards() {
    // the seed holds a forged total before the true one: verify must call it invalid,
    // which is what `bodies::report` asserts of every input with a key given twice
    let dup =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fuzz/seeds/report/dup-total.report.json");
    let text = std::fs::read_to_string(dup).unwrap();
    assert!(matches!(
        empreinte::json::check(&text),
        Err(empreinte::json::Refusal::DuplicateKey { .. })
    ));
    assert_eq!(empreinte::report::verify(&text).label(), "invalid");
}
