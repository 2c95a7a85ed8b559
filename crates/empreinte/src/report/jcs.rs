//! RFC 8785 JSON Canonicalization Scheme (JCS): the bytes that the report's digest is taken
//! over.
//!
//! Objects have their members sorted by the UTF-16 code units of their names, no
//! whitespace is written, strings are escaped as ECMAScript's `JSON.stringify` does, and
//! numbers are written as ECMAScript's `Number.prototype.toString` writes an IEEE-754
//! double (shortest round-trip digits; exponent form below 1e-6 and from 1e21).

use serde_json::Value;

use crate::error::Error;

/// The canonical (RFC 8785) bytes of `value`.
///
/// # Errors
/// [`Error::InvalidReport`] for a number that is not a finite double (JCS has no NaN or
/// infinity; serde_json cannot hold them either, so this is only a guard).
pub fn canonical_bytes(value: &Value) -> Result<Vec<u8>, Error> {
    let mut out = String::with_capacity(1024);
    write_value(value, &mut out)?;
    Ok(out.into_bytes())
}

fn write_value(value: &Value, out: &mut String) -> Result<(), Error> {
    match value {
        Value::Null => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Number(n) => {
            // every JSON number is read as the IEEE-754 double it denotes (RFC 8785 §3.2.2.3)
            let x = n.as_f64().ok_or_else(|| Error::InvalidReport {
                field: ".".to_owned(),
                message: format!("number {n} is not a finite double"),
            })?;
            out.push_str(&number_to_string(x)?);
        }
        Value::String(s) => write_string(s, out),
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_value(item, out)?;
            }
            out.push(']');
        }
        Value::Object(map) => {
            let mut members: Vec<(&String, &Value)> = map.iter().collect();
            members.sort_by(|a, b| a.0.encode_utf16().cmp(b.0.encode_utf16()));
            out.push('{');
            for (i, (name, item)) in members.into_iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_string(name, out);
                out.push(':');
                write_value(item, out)?;
            }
            out.push('}');
        }
    }
    Ok(())
}

/// A string as ECMAScript's `JSON.stringify` writes it (RFC 8785 §3.2.2.2).
fn write_string(s: &str, out: &mut String) {
    out.push('"');
    for ch in s.chars() {
        match ch {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\u{08}' => out.push_str("\\b"),
            '\u{0C}' => out.push_str("\\f"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => {
                out.push_str(&format!("\\u{:04x}", c as u32));
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

/// ECMAScript `Number.prototype.toString(x)` for a finite double (ECMA-262 §6.1.6.1.20),
/// as RFC 8785 §3.2.2.3 requires: `-0` is `0`, the digits are the shortest that read back
/// as `x`, plain notation for 1e-6 ≤ |x| < 1e21, exponent notation (`1e+21`, `1e-7`)
/// outside.
///
/// # Errors
/// [`Error::InvalidReport`] for NaN and infinities.
pub fn number_to_string(x: f64) -> Result<String, Error> {
    if !x.is_finite() {
        return Err(Error::InvalidReport {
            field: ".".to_owned(),
            message: format!("{x} has no JSON form"),
        });
    }
    if x == 0.0 {
        return Ok("0".to_owned());
    }
    let (digits, exp) = shortest_digits(x.abs());
    let k = digits.len() as i32;
    let n = exp + 1; // position of the decimal point relative to the digits
    let mut out = String::with_capacity(32);
    if x < 0.0 {
        out.push('-');
    }
    if k <= n && n <= 21 {
        out.push_str(&digits);
        out.extend(std::iter::repeat_n('0', (n - k) as usize));
    } else if 0 < n && n <= 21 {
        out.push_str(&digits[..n as usize]);
        out.push('.');
        out.push_str(&digits[n as usize..]);
    } else if -6 < n && n <= 0 {
        out.push_str("0.");
        out.extend(std::iter::repeat_n('0', (-n) as usize));
        out.push_str(&digits);
    } else {
        out.push_str(&digits[..1]);
        if k > 1 {
            out.push('.');
            out.push_str(&digits[1..]);
        }
        out.push('e');
        out.push(if n - 1 < 0 { '-' } else { '+' });
        out.push_str(&(n - 1).abs().to_string());
    }
    Ok(out)
}

/// Digits and decimal exponent of `x > 0` as ECMAScript chooses them: the fewest digits
/// that read back as `x`; among those, the closest to `x`; on a tie, the even one.
fn shortest_digits(x: f64) -> (String, i32) {
    let split = |sci: &str| -> (String, i32) {
        let (mantissa, exp) = sci.split_once('e').unwrap_or((sci, "0"));
        let digits: String = mantissa.chars().filter(char::is_ascii_digit).collect();
        (digits, exp.parse().unwrap_or(0))
    };
    // Rust's `{:e}` writes the shortest round-trip digits, the closest ones, but breaks
    // an exact tie upwards: 1424953923781206.25 → …206.3 where ECMAScript writes …206.2
    let (digits, exp) = split(&format!("{x:e}"));
    let k = digits.len();
    // an ambiguity needs a neighbour (last digit ± 1) that reads back as `x` too; most
    // numbers have none, and then the exact expansion below is not needed
    let neighbour_reads_back = digits.parse::<u64>().ok().is_some_and(|d| {
        [d.checked_sub(1), d.checked_add(1)]
            .into_iter()
            .flatten()
            .any(|n| format!("{n}e{}", exp - k as i32 + 1).parse::<f64>().ok() == Some(x))
    });
    if !neighbour_reads_back {
        return (digits, exp);
    }
    // a double's exact decimal expansion has at most 767 significant digits
    let (exact, exact_exp) = split(&format!("{x:.767e}"));
    let tail = exact.get(k..).unwrap_or("");
    let is_tie = tail.starts_with('5') && tail[1..].bytes().all(|b| b == b'0');
    if !is_tie || k > 19 {
        return (digits, exp);
    }
    let Ok(low) = exact[..k].parse::<u64>() else {
        return (digits, exp);
    };
    let reads_back = |d: u64, e: i32| {
        let n = d.to_string().len() as i32;
        format!("{d}e{}", e - n + 1).parse::<f64>().ok() == Some(x)
    };
    let candidates = [(low, exact_exp), (low + 1, exact_exp)];
    let ok: Vec<(u64, i32)> = candidates
        .into_iter()
        .filter(|&(d, e)| reads_back(d, e + (d.to_string().len() as i32 - k as i32)))
        .collect();
    let chosen = match ok.as_slice() {
        [one] => *one,
        [a, b] => {
            if a.0 % 2 == 0 {
                *a
            } else {
                *b
            }
        }
        _ => return (digits, exp),
    };
    let text = chosen.0.to_string();
    let e = chosen.1 + (text.len() as i32 - k as i32);
    let trimmed = text.trim_end_matches('0');
    let trimmed = if trimmed.is_empty() { "0" } else { trimmed };
    (trimmed.to_owned(), e)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn canon(text: &str) -> String {
        let v: Value = serde_json::from_str(text).unwrap();
        String::from_utf8(canonical_bytes(&v).unwrap()).unwrap()
    }

    /// RFC 8785 Appendix B: IEEE-754 bit patterns and their ECMAScript forms.
    #[test]
    fn rfc8785_appendix_b_numbers() {
        let cases: [(u64, &str); 22] = [
            (0x0000000000000000, "0"),
            (0x8000000000000000, "0"),
            (0x0000000000000001, "5e-324"),
            (0x8000000000000001, "-5e-324"),
            (0x7fefffffffffffff, "1.7976931348623157e+308"),
            (0xffefffffffffffff, "-1.7976931348623157e+308"),
            (0x4340000000000000, "9007199254740992"),
            (0xc340000000000000, "-9007199254740992"),
            (0x4430000000000000, "295147905179352830000"),
            (0x44b52d02c7e14af5, "9.999999999999997e+22"),
            (0x44b52d02c7e14af6, "1e+23"),
            (0x44b52d02c7e14af7, "1.0000000000000001e+23"),
            (0x444b1ae4d6e2ef4e, "999999999999999700000"),
            (0x444b1ae4d6e2ef4f, "999999999999999900000"),
            (0x444b1ae4d6e2ef50, "1e+21"),
            (0x3eb0c6f7a0b5ed8c, "9.999999999999997e-7"),
            (0x3eb0c6f7a0b5ed8d, "0.000001"),
            (0x41b3de4355555553, "333333333.3333332"),
            (0x41b3de4355555554, "333333333.33333325"),
            (0x41b3de4355555555, "333333333.3333333"),
            (0x41b3de4355555556, "333333333.3333334"),
            (0x41b3de4355555557, "333333333.33333343"),
        ];
        for (bits, expected) in cases {
            assert_eq!(
                number_to_string(f64::from_bits(bits)).unwrap(),
                expected,
                "{bits:#018x}"
            );
        }
        assert_eq!(
            number_to_string(f64::from_bits(0xbecbf647612f3696)).unwrap(),
            "-0.0000033333333333333333"
        );
        assert_eq!(
            number_to_string(f64::from_bits(0x43143ff3c1cb0959)).unwrap(),
            "1424953923781206.2"
        );
        assert!(number_to_string(f64::NAN).is_err());
        assert!(number_to_string(f64::INFINITY).is_err());
    }

    /// RFC 8785 §3.2.2: the sample input and its canonical form.
    #[test]
    fn rfc8785_sample() {
        let input = r#"{
  "numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],
  "string": "\u20ac$\u000F\u000aA'\u0042\u0022\u005c\\\"\/",
  "literals": [null, true, false]
}"#;
        assert_eq!(
            canon(input),
            r#"{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],"string":"€$\u000f\nA'B\"\\\\\"/"}"#
        );
    }

    /// RFC 8785 §3.2.3: members sorted by UTF-16 code units, not by code points.
    #[test]
    fn rfc8785_sorting() {
        let input = r#"{
  "\u20ac": "Euro Sign",
  "\r": "Carriage Return",
  "\ufb33": "Hebrew Letter Dalet With Dagesh",
  "1": "One",
  "\ud83d\ude00": "Emoji: Grinning Face",
  "\u0080": "Control",
  "\u00f6": "Latin Small Letter O With Diaeresis"
}"#;
        let v: Value = serde_json::from_str(input).unwrap();
        let out = canon(input);
        let order: Vec<&str> = [
            "\r",
            "1",
            "\u{80}",
            "\u{f6}",
            "\u{20ac}",
            "\u{1F600}",
            "\u{fb33}",
        ]
        .to_vec();
        let mut last = 0;
        for key in order {
            let pos = out
                .find(&format!("\"{}\":", key.replace('\r', "\\r")))
                .unwrap();
            assert!(pos >= last, "{key:?} out of order in {out}");
            last = pos;
        }
        assert_eq!(v.as_object().unwrap().len(), 7);
    }

    #[test]
    fn nested_and_integers() {
        assert_eq!(
            canon(r#"{"b": [1, 2.0, -0.0, {"z": 1, "a": "x"}], "a": 10000000000000000000000}"#),
            r#"{"a":1e+22,"b":[1,2,0,{"a":"x","z":1}]}"#
        );
        assert_eq!(canon("\"\u{7f}\\u001f\""), "\"\u{7f}\\u001f\"");
    }
}
