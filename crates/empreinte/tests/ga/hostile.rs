//! Hostile input on the job path: every one gives a clean, typed error naming its field,
//! in bounded time and with a bounded message (issue 19's reproducers).

use empreinte::batch::{Batch, RowInput};
use empreinte::report::Manifest;
use empreinte::{estimate, Error, Job, MAX_MESSAGE_CHARS, MAX_NAME_CHARS};

const QUICK: &str = r#"{"runtime_h": 12, "cpu": {"model": "Xeon E5-2683 v4", "cores": 12},
    "memory_gb": 64, "location": "FR"}"#;

fn field(e: &Error) -> String {
    e.field().unwrap_or("").to_owned()
}

#[test]
fn a_key_given_twice_is_refused_naming_it() {
    let text = r#"{"runtime_h": 1, "cpu": {"model": "Any", "cores": 1, "cores": 2},
        "memory_gb": 1, "location": "FR"}"#;
    let e = Job::from_json(text).unwrap_err();
    assert_eq!(
        (e.code(), field(&e).as_str()),
        ("invalid_document", "cpu.cores")
    );
    assert!(e.to_string().contains("appears twice"), "{e}");
}

#[test]
fn a_byte_order_mark_is_accepted_as_editors_write_it() {
    let plain = estimate(&Job::from_json(QUICK).unwrap()).unwrap();
    let bom = estimate(&Job::from_json(&format!("\u{FEFF}{QUICK}")).unwrap()).unwrap();
    assert_eq!(plain.figures, bom.figures);
}

#[test]
fn deep_nesting_is_refused_cleanly() {
    let deep = format!(
        "{{\"runtime_h\": {}1{}}}",
        "[".repeat(100_000),
        "]".repeat(100_000)
    );
    let e = Job::from_json(&deep).unwrap_err();
    assert_eq!(e.code(), "invalid_document");
    assert!(e.to_string().contains("recursion limit"), "{e}");
}

#[test]
fn a_name_longer_than_the_limit_is_refused_before_any_search() {
    for (key, json_field) in [
        ("cpu.model", "cpu"),
        ("gpu.model", "gpu"),
        ("location", "location"),
        ("provider", "provider"),
    ] {
        let name = "x".repeat(1_000_000);
        let mut job = Job::from_json(QUICK).unwrap();
        match json_field {
            "cpu" => job.cpu.as_mut().unwrap().model = Some(name),
            "gpu" => {
                job.gpu = Some(empreinte::GpuSpec {
                    model: Some(name),
                    count: Some(1),
                    ..Default::default()
                })
            }
            "location" => job.location = Some(name),
            _ => job.provider = Some(name),
        }
        let started = std::time::Instant::now();
        let e = estimate(&job).unwrap_err();
        // far below the 14 s a 1 MB name took in the suggestion search
        assert!(
            started.elapsed().as_secs() < 2,
            "{key}: {:?}",
            started.elapsed()
        );
        assert_eq!(field(&e), key);
        assert!(
            e.to_string().contains("1000000 characters"),
            "{key}: {}",
            e.message()
        );
        assert!(e.message().chars().count() <= MAX_MESSAGE_CHARS + 40);
    }
    // at the limit, a name is looked up (and not found) as usual, with suggestions
    let mut job = Job::from_json(QUICK).unwrap();
    job.location = Some("y".repeat(MAX_NAME_CHARS));
    assert_eq!(estimate(&job).unwrap_err().code(), "unknown_location");
}

#[test]
fn a_long_name_in_a_batch_row_is_refused_too() {
    let name = "z".repeat(100_000);
    let row = RowInput {
        runtime_h: Some(1.0),
        cpu_model: Some(&name),
        cpu_cores: Some(1.0),
        memory_gb: Some(1.0),
        location: Some("FR"),
        ..RowInput::default()
    };
    let e = Batch::new().estimate(&row).unwrap_err();
    assert_eq!(field(&e), "cpu.model");
}

#[test]
fn the_job_json_is_objects_only() {
    let positional = r#"{"runtime_h": 1, "cpu": ["Any", 4, null, null, null],
        "memory_gb": 1, "location": "FR"}"#;
    let e = Job::from_json(positional).unwrap_err();
    assert_eq!(field(&e), "cpu");
    let e = Job::from_json("[1, null, null]").unwrap_err();
    assert_eq!(field(&e), ".");
    // the arrays the format has stay arrays
    let series = r#"{"runtime_h": 1, "cpu": {"model": "Any", "cores": 1}, "memory_gb": 1,
        "location": "FR", "hardware_tables": ["green-algorithms"],
        "ci_series": {"points": [["2024-01-01T00:00:00Z", 50], ["2024-01-01T01:00:00Z", 60]]}}"#;
    assert!(Job::from_json(series).is_ok());
    let e = Job::from_value(serde_json::json!({"runtime_h": 1, "water": [1.0, 2.0]})).unwrap_err();
    assert_eq!(field(&e), "water");
}

#[test]
fn no_processor_names_its_field() {
    let e =
        estimate(&Job::from_json(r#"{"runtime_h": 1, "memory_gb": 1, "location": "FR"}"#).unwrap())
            .unwrap_err();
    assert_eq!((e.code(), field(&e).as_str()), ("no_processor", "cpu"));
}

#[test]
fn manifests_refuse_a_key_given_twice_in_toml_and_json() {
    let toml = "[identification]\nname = \"a\"\nname = \"b\"\n";
    let e = Manifest::parse(toml).unwrap_err();
    assert_eq!(e.code(), "invalid_manifest");
    let json = r#"{"identification": {"supplier": 1, "supplier": 2}}"#;
    let e = Manifest::parse(json).unwrap_err();
    assert_eq!(
        (e.code(), field(&e).as_str()),
        ("invalid_manifest", "identification.supplier")
    );
}

#[test]
fn cluster_files_refuse_a_key_given_twice() {
    let toml = "name = \"a\"\nname = \"b\"\npue = 1.2\nci_g_per_kwh = 50\n";
    assert!(empreinte::hpc::Cluster::from_toml(toml).is_err());
}
