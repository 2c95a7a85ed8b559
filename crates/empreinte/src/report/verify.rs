//! `verify`: is a report intact, and does recomputing it from its own inputs give the same
//! document?

use serde::Serialize;
use serde_json::Value;

use super::build::{build_as, payload_sha256, to_value, Envelope, EXCLUDED};
use super::model::{Report, SCHEMA_ID, SCHEMA_VERSION};
use super::tool::{TOOL_NAME, TOOL_VERSION};
use crate::error::Error;

/// The answer of [`verify`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "verdict", rename_all = "snake_case")]
pub enum Verdict {
    /// The digest matches and the recomputation gives the same document.
    Valid {
        /// The digest.
        payload_sha256: String,
    },
    /// The digest does not match the content.
    Tampered {
        /// The digest the report states.
        stated: String,
        /// The digest of its content.
        computed: String,
    },
    /// The digest matches but the recomputation differs.
    NotReproducible {
        /// JSON Pointer of the first field that differs.
        field: String,
        /// Its value in the report.
        stated: String,
        /// Its recomputed value (`absent` when missing).
        recomputed: String,
        /// Why it may differ (e.g. another tool version), or empty.
        note: String,
    },
    /// Not a report of a known schema version, or unreadable.
    Invalid {
        /// What is wrong.
        reason: String,
    },
}

impl Verdict {
    /// `valid`, `tampered`, `not reproducible` or `invalid`.
    pub fn label(&self) -> &'static str {
        match self {
            Verdict::Valid { .. } => "valid",
            Verdict::Tampered { .. } => "tampered",
            Verdict::NotReproducible { .. } => "not reproducible",
            Verdict::Invalid { .. } => "invalid",
        }
    }

    /// The exit status the CLI uses: 0 valid, 1 tampered or not reproducible, 2 invalid.
    pub fn exit_code(&self) -> u8 {
        match self {
            Verdict::Valid { .. } => 0,
            Verdict::Tampered { .. } | Verdict::NotReproducible { .. } => 1,
            Verdict::Invalid { .. } => 2,
        }
    }
}

impl std::fmt::Display for Verdict {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Verdict::Valid { payload_sha256 } => {
                write!(
                    f,
                    "valid: payload_sha256 {payload_sha256}, results recomputed identically; \
                     the report is not signed: its digest shows that the content is intact, \
                     not who issued it"
                )
            }
            Verdict::Tampered { stated, computed } => write!(
                f,
                "tampered: the report states payload_sha256 {stated} but its content hashes to {computed}"
            ),
            Verdict::NotReproducible {
                field,
                stated,
                recomputed,
                note,
            } => {
                write!(
                    f,
                    "not reproducible: {field} is {stated} in the report but {recomputed} when recomputed"
                )?;
                if !note.is_empty() {
                    write!(f, " ({note})")?;
                }
                Ok(())
            }
            Verdict::Invalid { reason } => write!(f, "invalid: {reason}"),
        }
    }
}

fn invalid(reason: impl Into<String>) -> Verdict {
    Verdict::Invalid {
        reason: reason.into(),
    }
}

/// Reads a report of a known schema version (no digest check, no recomputation: see
/// [`verify`]).
///
/// # Errors
/// [`Error::InvalidReport`] naming the offending key.
pub fn parse_report(text: &str) -> Result<Report, Error> {
    let value = parse_value(text)?;
    check_schema(&value)?;
    report_from_value(value)
}

fn parse_value(text: &str) -> Result<Value, Error> {
    if text.len() > super::manifest::MAX_TEXT {
        return Err(Error::InvalidReport {
            field: ".".to_owned(),
            message: "larger than 4 MiB".to_owned(),
        });
    }
    // a key given twice would show a reader one value and the parser another
    crate::json::check(text).map_err(|r| {
        let (field, message) = r.field_and_message();
        Error::InvalidReport { field, message }
    })?;
    serde_json::from_str(crate::json::without_bom(text)).map_err(|e| Error::InvalidReport {
        field: ".".to_owned(),
        message: format!("not JSON: {e}"),
    })
}

fn check_schema(value: &Value) -> Result<(), Error> {
    let bad = |field: &str, message: String| Error::InvalidReport {
        field: field.to_owned(),
        message,
    };
    let schema = value
        .get("schema")
        .ok_or_else(|| bad(".", "no schema member: not an Empreinte report".to_owned()))?;
    let version = schema.get("version").and_then(Value::as_str).unwrap_or("");
    if version != SCHEMA_VERSION {
        return Err(bad(
            "schema.version",
            format!("unknown schema version {version:?}: this tool reads {SCHEMA_VERSION}"),
        ));
    }
    let id = schema.get("id").and_then(Value::as_str).unwrap_or("");
    if id != SCHEMA_ID {
        return Err(bad("schema.id", format!("unknown schema {id:?}")));
    }
    Ok(())
}

fn report_from_value(value: Value) -> Result<Report, Error> {
    serde_path_to_error::deserialize(value).map_err(|e| {
        let path = e.path().to_string();
        Error::InvalidReport {
            field: if path.is_empty() || path == "?" {
                ".".to_owned()
            } else {
                path
            },
            message: e.inner().to_string(),
        }
    })
}

/// Verifies a report: its schema version, its digest, then a recomputation from its own
/// manifest with this tool and the data version the manifest names.
pub fn verify(text: &str) -> Verdict {
    let value = match parse_value(text) {
        Ok(v) => v,
        Err(e) => return invalid(e.to_string()),
    };
    if let Err(e) = check_schema(&value) {
        return invalid(e.to_string());
    }
    let integrity = value.get("integrity");
    let stated = integrity
        .and_then(|i| i.get("payload_sha256"))
        .and_then(Value::as_str)
        .unwrap_or("");
    if stated.len() != 64
        || !stated
            .bytes()
            .all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase())
    {
        return invalid(
            "integrity.payload_sha256 is missing or not a lowercase SHA-256 hex digest",
        );
    }
    let i = integrity.cloned().unwrap_or_default();
    let excluded: Vec<&str> = i
        .get("excluded")
        .and_then(Value::as_array)
        .map(|a| a.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    if i.get("algorithm").and_then(Value::as_str) != Some("SHA-256")
        || i.get("canonicalization").and_then(Value::as_str) != Some("RFC 8785")
        || excluded != EXCLUDED
    {
        return invalid(
            "integrity must state algorithm SHA-256, canonicalization RFC 8785 and the excluded members of schema 1.0",
        );
    }
    let text_at = |pointer: &str| {
        value
            .pointer(pointer)
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_owned()
    };
    let envelope = Envelope {
        report_id: text_at("/report_id"),
        generated_at: text_at("/generated_at"),
        target: text_at("/tool/target"),
    };
    if let Err(e) = envelope.check() {
        return invalid(e.to_string());
    }
    let computed = match payload_sha256(&value) {
        Ok(d) => d,
        Err(e) => return invalid(e.to_string()),
    };
    if computed != stated {
        return Verdict::Tampered {
            stated: stated.to_owned(),
            computed,
        };
    }
    let report = match report_from_value(value.clone()) {
        Ok(r) => r,
        Err(e) => return invalid(e.to_string()),
    };
    let note = if report.tool.name != TOOL_NAME || report.tool.version != TOOL_VERSION {
        format!(
            "made with {} {}, recomputed with {TOOL_NAME} {TOOL_VERSION}",
            report.tool.name, report.tool.version
        )
    } else {
        String::new()
    };
    if report.tool.name != TOOL_NAME {
        return invalid(format!(
            "tool.name {:?}: this tool verifies {TOOL_NAME} reports",
            report.tool.name
        ));
    }
    let rebuilt = match build_as(&report.manifest, &envelope, &report.tool.version)
        .and_then(|r| to_value(&r))
    {
        Ok(v) => v,
        Err(e) => {
            return Verdict::NotReproducible {
                field: "/manifest".to_owned(),
                stated: "a manifest".to_owned(),
                recomputed: format!("an error: {e}"),
                note,
            }
        }
    };
    // the content first, in the document's order; the digest last
    let mut content = rebuilt.clone();
    let mut stated_content = value.clone();
    for v in [&mut content, &mut stated_content] {
        if let Some(o) = v.as_object_mut() {
            o.remove("integrity");
        }
    }
    let difference = first_difference(&stated_content, &content, &mut String::new())
        .or_else(|| first_difference(&value, &rebuilt, &mut String::new()));
    match difference {
        None => Verdict::Valid {
            payload_sha256: computed,
        },
        Some((field, stated, recomputed)) => Verdict::NotReproducible {
            field,
            stated,
            recomputed,
            note,
        },
    }
}

fn show(v: Option<&Value>) -> String {
    match v {
        None => "absent".to_owned(),
        Some(v) => {
            let s = v.to_string();
            if s.chars().count() > 120 {
                let cut: String = s.chars().take(117).collect();
                format!("{cut}...")
            } else {
                s
            }
        }
    }
}

/// The first field (JSON Pointer) where `a` and `b` differ, walking `b`'s members in
/// order, numbers compared as doubles.
fn first_difference(a: &Value, b: &Value, path: &mut String) -> Option<(String, String, String)> {
    let differ = |path: &str| Some((path_or_root(path), show(Some(a)), show(Some(b))));
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => {
            for (k, vb) in y {
                let len = path.len();
                path.push('/');
                path.push_str(&k.replace('~', "~0").replace('/', "~1"));
                let found = match x.get(k) {
                    Some(va) => first_difference(va, vb, path),
                    None => Some((path.clone(), "absent".to_owned(), show(Some(vb)))),
                };
                path.truncate(len);
                if found.is_some() {
                    return found;
                }
            }
            x.iter().find(|(k, _)| !y.contains_key(*k)).map(|(k, va)| {
                (
                    format!("{path}/{}", k.replace('~', "~0").replace('/', "~1")),
                    show(Some(va)),
                    "absent".to_owned(),
                )
            })
        }
        (Value::Array(x), Value::Array(y)) => {
            for (i, vb) in y.iter().enumerate() {
                let len = path.len();
                path.push_str(&format!("/{i}"));
                let found = match x.get(i) {
                    Some(va) => first_difference(va, vb, path),
                    None => Some((path.clone(), "absent".to_owned(), show(Some(vb)))),
                };
                path.truncate(len);
                if found.is_some() {
                    return found;
                }
            }
            if x.len() > y.len() {
                Some((
                    format!("{path}/{}", y.len()),
                    show(x.get(y.len())),
                    "absent".to_owned(),
                ))
            } else {
                None
            }
        }
        (Value::Number(x), Value::Number(y)) => {
            if x.as_f64() == y.as_f64() {
                None
            } else {
                differ(path)
            }
        }
        _ if a == b => None,
        _ => differ(path),
    }
}

fn path_or_root(path: &str) -> String {
    if path.is_empty() {
        "/".to_owned()
    } else {
        path.to_owned()
    }
}
