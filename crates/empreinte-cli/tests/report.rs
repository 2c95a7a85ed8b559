//! The supplier's and the buyer's path through the built binary: `report` from a
//! manifest, `render`, `verify` (exit 0 valid, 1 tampered or not reproducible, 2 invalid),
//! `schema`.
#![allow(clippy::unwrap_used, clippy::panic)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const ID: &str = "0b7f3c5e-2a41-4d8e-9c3f-5a6b7c8d9e01";
const AT: &str = "2026-01-15T09:30:00Z";

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn example(name: &str) -> PathBuf {
    root().join("examples").join(name)
}

fn run(args: &[&str]) -> Output {
    let out = Command::new(env!("CARGO_BIN_EXE_empreinte"))
        .args(args)
        .env_remove("LANG")
        .env_remove("SOURCE_DATE_EPOCH")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
    out
}

fn stdout(out: &Output) -> String {
    String::from_utf8(out.stdout.clone()).unwrap()
}

fn tmp(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("empreinte-report-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir.join(name)
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

#[test]
fn manifest_to_report_to_html_and_verify() {
    for name in [
        "jean-zay-training-cloud-inference",
        "city-digital-twin-local-server",
    ] {
        let manifest = example(&format!("{name}.toml"));
        let json = tmp(&format!("{name}.json"));
        let out = run(&[
            "report",
            s(&manifest),
            "-o",
            s(&json),
            "--report-id",
            ID,
            "--generated-at",
            AT,
        ]);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(out.stdout.is_empty());
        // byte for byte the committed example report
        let committed = std::fs::read_to_string(example(&format!("{name}.report.json"))).unwrap();
        assert_eq!(std::fs::read_to_string(&json).unwrap(), committed, "{name}");
        // the buyer verifies it
        let out = run(&["verify", s(&json)]);
        assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
        assert!(stdout(&out).contains(": valid: payload_sha256 "));
        // and renders it, French by default
        let html = tmp(&format!("{name}.html"));
        let out = run(&["render", s(&json), "-o", s(&html)]);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let page = std::fs::read_to_string(&html).unwrap();
        assert!(page.starts_with("<!DOCTYPE html>") && page.contains("<html lang=\"fr\">"));
        let value: serde_json::Value = serde_json::from_str(&committed).unwrap();
        let digest = value["integrity"]["payload_sha256"].as_str().unwrap();
        assert!(page.contains(digest));
        assert!(page.contains("empreinte verify RAPPORT.json"));
        let en = stdout(&run(&[
            "render",
            s(&json),
            "--format",
            "md",
            "--lang",
            "en",
        ]));
        assert!(en.contains("# Computation environmental footprint report") && en.contains(digest));
        let txt = stdout(&run(&["render", s(&json), "--format", "txt"]));
        assert!(txt.contains("Rapport d’empreinte") && txt.contains(digest));
    }
}

#[test]
fn report_straight_to_a_rendering_keeps_the_json() {
    let manifest = example("city-digital-twin-local-server.toml");
    let json = tmp("twin-direct.json");
    let out = run(&[
        "report",
        s(&manifest),
        "--format",
        "html",
        "--lang",
        "en",
        "--json",
        s(&json),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let page = stdout(&out);
    assert!(page.contains("<html lang=\"en\">"));
    // a fresh id and time each run, the same digest
    let value: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&json).unwrap()).unwrap();
    let id = value["report_id"].as_str().unwrap();
    assert_eq!(id.len(), 36);
    assert_ne!(id, ID);
    assert!(page.contains(value["integrity"]["payload_sha256"].as_str().unwrap()));
    assert_eq!(run(&["verify", s(&json)]).status.code(), Some(0));
    // SOURCE_DATE_EPOCH fixes the time
    let out = Command::new(env!("CARGO_BIN_EXE_empreinte"))
        .args(["report", s(&manifest)])
        .env("SOURCE_DATE_EPOCH", "1767225600")
        .output()
        .unwrap();
    let value: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(value["generated_at"], "2026-01-01T00:00:00Z");
}

#[test]
fn verify_exit_codes() {
    let committed =
        std::fs::read_to_string(example("jean-zay-training-cloud-inference.report.json")).unwrap();
    // tampered: a figure changed, digest left
    let tampered = committed.replacen("\"co2e_g\": \"", "\"co2e_g\": \"1", 1);
    let tampered = if tampered == committed {
        committed.replacen("\"total\": \"", "\"total\": \"1", 1)
    } else {
        tampered
    };
    assert_ne!(tampered, committed);
    let p = tmp("tampered.json");
    std::fs::write(&p, &tampered).unwrap();
    let out = run(&["verify", s(&p)]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stdout(&out).contains("tampered"), "{}", stdout(&out));
    // not reproducible: a figure changed and the digest recomputed
    let mut value: serde_json::Value = serde_json::from_str(&committed).unwrap();
    value["results"]["total"]["energy_kwh"]["total"] = serde_json::Value::from("1.000000");
    let d = empreinte::report::payload_sha256(&value).unwrap();
    value["integrity"]["payload_sha256"] = serde_json::Value::from(d);
    let p = tmp("forged.json");
    std::fs::write(&p, value.to_string()).unwrap();
    let out = run(&["verify", s(&p), "--format", "json"]);
    assert_eq!(out.status.code(), Some(1));
    let verdict: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(verdict["verdict"], "not_reproducible");
    assert_eq!(verdict["field"], "/results/total/energy_kwh/total");
    // invalid: not a report, unknown schema version, unreadable file
    let p = tmp("invalid.json");
    std::fs::write(&p, "{\"schema\": {\"version\": \"7.0\"}}").unwrap();
    let out = run(&["verify", s(&p)]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stdout(&out).contains("invalid"));
    assert_eq!(
        run(&["verify", "/nonexistent/report.json"]).status.code(),
        Some(2)
    );
}

#[test]
fn schema_and_errors() {
    let out = run(&["schema"]);
    assert!(out.status.success());
    let schema: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(schema["$id"], empreinte::report::SCHEMA_ID);
    // a bad manifest: exit 2, the key's path and line
    let text = std::fs::read_to_string(example("city-digital-twin-local-server.toml")).unwrap();
    let bad = text.replace("cores = 128, usage = 0.9", "cores = -3, usage = 0.9");
    let p = tmp("bad.toml");
    std::fs::write(&p, bad).unwrap();
    let out = run(&["report", s(&p)]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.starts_with("error: ") && err.contains("components[1].job.cpu.cores"),
        "{err}"
    );
    let bad = text.replace("quantity = 150", "quantity = \"many\"");
    std::fs::write(&p, bad).unwrap();
    let err = String::from_utf8(run(&["report", s(&p)]).stderr).unwrap();
    assert!(
        err.contains("functional_unit.quantity") && err.contains("(line "),
        "{err}"
    );
    // formats that do not apply
    assert_eq!(
        run(&["data", "cpus", "--format", "html"]).status.code(),
        Some(2)
    );
    let committed = example("city-digital-twin-local-server.report.json");
    assert_eq!(
        run(&["render", s(&committed), "--format", "json"])
            .status
            .code(),
        Some(2)
    );
    let out = run(&[
        "report",
        s(&example("city-digital-twin-local-server.toml")),
        "--json",
        "x.json",
    ]);
    assert_eq!(out.status.code(), Some(2));
}

/// `1234567` as `1,234,567` (`sep` = `,`) or `1 234 567` (`sep` = U+202F).
fn grouped(n: usize, sep: char) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, d) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(sep);
        }
        out.push(d);
    }
    out
}

#[test]
fn writing_a_file_says_what_was_written_on_stderr() {
    let manifest = example("city-digital-twin-local-server.toml");
    let committed =
        std::fs::read_to_string(example("city-digital-twin-local-server.report.json")).unwrap();
    let value: serde_json::Value = serde_json::from_str(&committed).unwrap();
    let digest = value["integrity"]["payload_sha256"].as_str().unwrap();
    assert_eq!(digest.len(), 64);
    let json = tmp("said.json");
    let _ = std::fs::remove_file(&json);
    let args = [
        "report",
        s(&manifest),
        "-o",
        s(&json),
        "--report-id",
        ID,
        "--generated-at",
        AT,
    ];
    // English without LANG
    let out = run(&args);
    assert!(out.status.success());
    assert!(out.stdout.is_empty(), "{}", stdout(&out));
    let written = std::fs::read_to_string(&json).unwrap();
    assert_eq!(written, committed);
    let bytes = written.len();
    assert!(bytes > 1000);
    assert_eq!(
        String::from_utf8(out.stderr).unwrap(),
        format!(
            "wrote {} (report JSON, {} bytes), SHA-256 digest of the report's content {digest}\n",
            json.display(),
            grouped(bytes, ',')
        )
    );
    // French with LANG=fr_FR.UTF-8: narrow no-break spaces between thousands, a no-break
    // space before the unit
    let out = Command::new(env!("CARGO_BIN_EXE_empreinte"))
        .args(args)
        .env("LANG", "fr_FR.UTF-8")
        .env_remove("SOURCE_DATE_EPOCH")
        .output()
        .unwrap();
    assert!(out.status.success() && out.stdout.is_empty());
    assert_eq!(
        String::from_utf8(out.stderr).unwrap(),
        format!(
            "{} écrit (rapport JSON, {}\u{a0}octets), empreinte SHA-256 du contenu du rapport {digest}\n",
            json.display(),
            grouped(bytes, '\u{202f}')
        )
    );
    // a rendering: what it holds and in which language; --lang picks both
    let md = tmp("said.md");
    let out = run(&[
        "render",
        s(&json),
        "-o",
        s(&md),
        "--format",
        "md",
        "--lang",
        "en",
    ]);
    assert!(out.status.success() && out.stdout.is_empty());
    let page = std::fs::read_to_string(&md).unwrap();
    assert!(page.contains(digest));
    assert_eq!(
        String::from_utf8(out.stderr).unwrap(),
        format!(
            "wrote {} (Markdown rendering in English, {} bytes), SHA-256 digest of the report's content {digest}\n",
            md.display(),
            grouped(page.len(), ',')
        )
    );
    let html = tmp("said.html");
    let out = run(&["render", s(&json), "-o", s(&html), "--lang", "fr"]);
    assert!(out.status.success() && out.stdout.is_empty());
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.starts_with(&format!(
            "{} écrit (rendu HTML en français, ",
            html.display()
        )),
        "{stderr}"
    );
    assert!(
        stderr.ends_with(&format!("du rapport {digest}\n")),
        "{stderr}"
    );
    // straight to a rendering on stdout, the JSON to --json: stdout is the page, stderr
    // says where the JSON went
    let _ = std::fs::remove_file(&json);
    let mut both = args.to_vec();
    both.truncate(2);
    both.extend([
        "--json",
        s(&json),
        "--format",
        "txt",
        "--lang",
        "en",
        "--report-id",
        ID,
        "--generated-at",
        AT,
    ]);
    let out = run(&both);
    assert!(out.status.success());
    assert!(stdout(&out).contains(digest));
    assert_eq!(std::fs::read_to_string(&json).unwrap(), committed);
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.starts_with(&format!("wrote {} (report JSON, ", json.display())));
    // on a failure nothing is said to have been written
    let out = run(&["render", "/nonexistent/report.json", "-o", s(&md)]);
    assert_eq!(out.status.code(), Some(2));
    assert!(!String::from_utf8(out.stderr).unwrap().contains("wrote"));
}

#[test]
fn verify_refuses_a_key_given_twice_and_says_a_digest_is_not_a_signature() {
    // the committed example report (byte for byte what `report` writes: tested above)
    let json = example("city-digital-twin-local-server.report.json");
    let out = run(&["verify", s(&json)]);
    assert_eq!(out.status.code(), Some(0));
    assert!(stdout(&out).contains("not signed"), "{}", stdout(&out));
    // the forgery: a forged total shown first, the true one last
    let text = std::fs::read_to_string(&json).unwrap();
    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
    let total = v["results"]["total"]["energy_kwh"]["total"]
        .as_str()
        .unwrap()
        .to_owned();
    let needle = format!("\"total\": \"{total}\"");
    assert!(text.contains(&needle), "{needle}");
    let forged = text.replacen(&needle, &format!("\"total\": \"1.000000\", {needle}"), 1);
    let p = tmp("dup.json");
    std::fs::write(&p, forged).unwrap();
    let out = run(&["verify", s(&p)]);
    assert_eq!(out.status.code(), Some(2), "{}", stdout(&out));
    assert!(stdout(&out).contains("appears twice"), "{}", stdout(&out));
    let out = run(&["render", s(&p)]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("appears twice"));
}
