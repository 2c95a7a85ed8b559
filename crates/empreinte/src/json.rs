//! Strict reading of the JSON documents people read and sign (jobs, manifests, reports):
//! no duplicate key anywhere, since a reader of the text sees the first value and a parser
//! keeps the last (RFC 8785 rests on I-JSON, RFC 7493, which forbids duplicate names);
//! nesting at most [`MAX_DEPTH`] levels; one leading byte-order mark accepted, as editors
//! write one. The same limits hold on every surface (the Python and JavaScript
//! conversions use [`MAX_DEPTH`] too).

use std::collections::HashSet;
use std::fmt;

use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};

/// The deepest nesting of arrays and objects accepted in a document: serde_json's own
/// limit (it refuses the 128th level), used for every input of every surface.
pub const MAX_DEPTH: usize = 127;

/// Why a text is not a strict JSON document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// A key appears twice in one object; `path` names it (`results.total.energy_kwh`).
    DuplicateKey {
        /// Dotted path of the key, array indices as numbers.
        path: String,
    },
    /// Not JSON, or nested deeper than [`MAX_DEPTH`]: serde_json's message.
    Syntax(String),
}

impl fmt::Display for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Refusal::DuplicateKey { path } => write!(
                f,
                "key {path} appears twice in one object (a JSON document must name each key once)"
            ),
            Refusal::Syntax(message) => f.write_str(message),
        }
    }
}

impl Refusal {
    /// The field it names (the duplicate key's path, `.` for the whole document) and the
    /// message, for the caller's error variant.
    pub fn field_and_message(&self) -> (String, String) {
        match self {
            Refusal::DuplicateKey { path } => (path.clone(), self.to_string()),
            Refusal::Syntax(message) => (".".to_owned(), format!("not JSON: {message}")),
        }
    }
}

/// `text` without one leading byte-order mark.
pub fn without_bom(text: &str) -> &str {
    text.strip_prefix('\u{FEFF}').unwrap_or(text)
}

/// Checks that `text` (a leading byte-order mark allowed) is one JSON document with no
/// duplicate key, nested at most [`MAX_DEPTH`] levels.
///
/// # Errors
/// [`Refusal::DuplicateKey`] naming the first duplicate's path; [`Refusal::Syntax`] for
/// anything serde_json refuses.
pub fn check(text: &str) -> Result<(), Refusal> {
    let mut path = Vec::new();
    let mut duplicate = None;
    let mut de = serde_json::Deserializer::from_str(without_bom(text));
    let walked = Walk {
        path: &mut path,
        duplicate: &mut duplicate,
    }
    .deserialize(&mut de)
    .and_then(|()| de.end());
    match (walked, duplicate) {
        (_, Some(path)) => Err(Refusal::DuplicateKey { path }),
        (Err(e), None) => Err(Refusal::Syntax(e.to_string())),
        (Ok(()), None) => Ok(()),
    }
}

/// A walk over one value that records the first duplicate key's path.
struct Walk<'a> {
    path: &'a mut Vec<String>,
    duplicate: &'a mut Option<String>,
}

impl<'de> DeserializeSeed<'de> for Walk<'_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Walk<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_bool<E>(self, _: bool) -> Result<(), E> {
        Ok(())
    }
    fn visit_i64<E>(self, _: i64) -> Result<(), E> {
        Ok(())
    }
    fn visit_u64<E>(self, _: u64) -> Result<(), E> {
        Ok(())
    }
    fn visit_f64<E>(self, _: f64) -> Result<(), E> {
        Ok(())
    }
    fn visit_str<E>(self, _: &str) -> Result<(), E> {
        Ok(())
    }
    fn visit_unit<E>(self) -> Result<(), E> {
        Ok(())
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let mut i = 0usize;
        loop {
            self.path.push(i.to_string());
            let item = seq.next_element_seed(Walk {
                path: &mut *self.path,
                duplicate: &mut *self.duplicate,
            });
            self.path.pop();
            if item?.is_none() {
                return Ok(());
            }
            i += 1;
        }
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let mut seen = HashSet::new();
        while let Some(key) = map.next_key::<String>()? {
            self.path.push(key.clone());
            if !seen.insert(key) {
                *self.duplicate = Some(self.path.join("."));
                return Err(de::Error::custom("duplicate key"));
            }
            map.next_value_seed(Walk {
                path: &mut *self.path,
                duplicate: &mut *self.duplicate,
            })?;
            self.path.pop();
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_duplicate_key_is_refused_with_its_path() {
        let text = r#"{"results": {"total": {"energy_kwh": {"total": "1.0", "total": "2.0"}}}}"#;
        assert_eq!(
            check(text),
            Err(Refusal::DuplicateKey {
                path: "results.total.energy_kwh.total".to_owned()
            })
        );
        // the same key spelt with an escape is the same key
        let escaped = r#"{"a": [1, {"b": 1, "\u0062": 2}]}"#;
        assert_eq!(
            check(escaped),
            Err(Refusal::DuplicateKey {
                path: "a.1.b".to_owned()
            })
        );
    }

    #[test]
    fn distinct_keys_nested_and_a_bom_are_accepted() {
        assert_eq!(
            check("\u{FEFF}{\"a\": {\"a\": 1}, \"b\": [{\"a\": 1}, {\"a\": 2}]}"),
            Ok(())
        );
        assert_eq!(check("[]"), Ok(()));
    }

    #[test]
    fn deep_nesting_and_trailing_text_are_refused() {
        let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
        assert!(matches!(check(&deep), Err(Refusal::Syntax(m)) if m.contains("recursion limit")));
        let ok = format!("{}{}", "[".repeat(MAX_DEPTH), "]".repeat(MAX_DEPTH));
        assert_eq!(check(&ok), Ok(()));
        let over = format!("[{ok}]");
        assert!(matches!(check(&over), Err(Refusal::Syntax(_))));
        assert!(matches!(check("{} {}"), Err(Refusal::Syntax(_))));
    }
}
