//! Fixed-scale decimal quantities: how every computed figure of a report is written.
//!
//! A quantity with scale `S` is an integer count of `10^-S` units, serialised as a JSON
//! string with exactly `S` decimals (`"5.049600"` kWh at scale 6). The count is the
//! core's double rounded **half to even on its exact binary value** — what Rust's
//! `format!("{:.S}")` and Python's `Decimal(x).quantize(Decimal(10) ** -S,
//! ROUND_HALF_EVEN)` both do — so every implementation writes the same bytes, and sums of
//! quantities are exact integer sums.

use std::fmt;

use serde::de::{self, Deserializer, Visitor};
use serde::{Deserialize, Serialize, Serializer};

use crate::error::Error;

/// Scale of energies in kWh (0.000001 kWh = 1 mWh).
pub const KWH: u32 = 6;
/// Scale of masses of CO2e in g (1 mg).
pub const GRAMS: u32 = 3;
/// Scale of volumes of water in L (1 mL).
pub const LITRES: u32 = 3;
/// Scale of shares and fractions in [0, 1] (0.01 %).
pub const SHARE: u32 = 4;
/// Scale of equivalences (tree-months, km, flights).
pub const EQUIV: u32 = 3;

/// A decimal quantity: `units × 10^-S`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Fixed<const S: u32>(pub i64);

/// Energy, kWh, 6 decimals.
pub type KwhFixed = Fixed<KWH>;
/// Mass of CO2e, g, 3 decimals.
pub type GramsFixed = Fixed<GRAMS>;
/// Volume of water, L, 3 decimals.
pub type LitresFixed = Fixed<LITRES>;
/// Share in [0, 1], 4 decimals.
pub type ShareFixed = Fixed<SHARE>;
/// Equivalence, 3 decimals.
pub type EquivFixed = Fixed<EQUIV>;

impl<const S: u32> Fixed<S> {
    /// Zero.
    pub const ZERO: Fixed<S> = Fixed(0);

    /// `x` rounded half to even on its exact binary value to `S` decimals.
    ///
    /// # Errors
    /// [`Error::Overflow`] on `field` when `x` is not finite or does not fit.
    pub fn from_f64(x: f64, field: &str) -> Result<Self, Error> {
        let overflow = || Error::Overflow {
            field: field.to_owned(),
        };
        if !x.is_finite() || x.abs() >= 9.0e18 / 10f64.powi(S as i32) {
            return Err(overflow());
        }
        // `{:.S}` is exact (round half to even on the binary value)
        let text = format!("{:.*}", S as usize, x);
        // a tiny negative value rounds to "-0.000": that is zero
        let text = match text.strip_prefix('-') {
            Some(rest) if rest.bytes().all(|b| b == b'0' || b == b'.') => rest,
            _ => text.as_str(),
        };
        Self::parse(text).ok_or_else(overflow)
    }

    /// Reads `"-12.345"` with exactly `S` decimals (no exponent, no `+`, no spaces).
    pub fn parse(text: &str) -> Option<Self> {
        let (negative, body) = match text.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, text),
        };
        let (int, frac) = if S == 0 {
            (body, "")
        } else {
            body.split_once('.')?
        };
        if int.is_empty()
            || frac.len() != S as usize
            || !int.bytes().all(|b| b.is_ascii_digit())
            || !frac.bytes().all(|b| b.is_ascii_digit())
            || (int.len() > 1 && int.starts_with('0'))
        {
            return None;
        }
        let digits = format!("{int}{frac}");
        let units: i64 = digits.parse().ok()?;
        if negative && units == 0 {
            return None; // "-0.000" is not canonical
        }
        Some(Fixed(if negative { -units } else { units }))
    }

    /// The value as a double (for display and for the calculations that follow).
    pub fn to_f64(self) -> f64 {
        // the text form is exact; parsing it gives the nearest double
        self.to_string().parse().unwrap_or(f64::NAN)
    }

    /// Exact sum.
    ///
    /// # Errors
    /// [`Error::Overflow`] on `field` when the sum does not fit.
    pub fn checked_add(self, other: Self, field: &str) -> Result<Self, Error> {
        self.0
            .checked_add(other.0)
            .map(Fixed)
            .ok_or_else(|| Error::Overflow {
                field: field.to_owned(),
            })
    }
}

impl<const S: u32> fmt::Display for Fixed<S> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sign = if self.0 < 0 { "-" } else { "" };
        let abs = self.0.unsigned_abs();
        if S == 0 {
            return write!(f, "{sign}{abs}");
        }
        let scale = 10u64.pow(S);
        write!(
            f,
            "{sign}{}.{:0width$}",
            abs / scale,
            abs % scale,
            width = S as usize
        )
    }
}

impl<const S: u32> Serialize for Fixed<S> {
    fn serialize<Z: Serializer>(&self, s: Z) -> Result<Z::Ok, Z::Error> {
        s.collect_str(self)
    }
}

impl<'de, const S: u32> Deserialize<'de> for Fixed<S> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V<const S: u32>;
        impl<const S: u32> Visitor<'_> for V<S> {
            type Value = Fixed<S>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "a decimal string with exactly {S} decimals")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Fixed<S>, E> {
                Fixed::parse(v).ok_or_else(|| E::invalid_value(de::Unexpected::Str(v), &self))
            }
        }
        d.deserialize_str(V::<S>)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rounds_half_to_even_on_the_binary_value() {
        assert_eq!(Fixed::<1>::from_f64(0.25, "x").unwrap().to_string(), "0.2");
        assert_eq!(Fixed::<1>::from_f64(0.35, "x").unwrap().to_string(), "0.3");
        assert_eq!(Fixed::<0>::from_f64(2.5, "x").unwrap().to_string(), "2");
        assert_eq!(Fixed::<0>::from_f64(3.5, "x").unwrap().to_string(), "4");
        assert_eq!(
            KwhFixed::from_f64(2.1310848, "x").unwrap().to_string(),
            "2.131085"
        );
        assert_eq!(
            GramsFixed::from_f64(-0.0001, "x").unwrap(),
            GramsFixed::ZERO
        );
        assert_eq!(
            GramsFixed::from_f64(-1.5, "x").unwrap().to_string(),
            "-1.500"
        );
        assert!(GramsFixed::from_f64(f64::NAN, "x").is_err());
        assert!(GramsFixed::from_f64(1e30, "x").is_err());
    }

    #[test]
    fn parses_only_the_canonical_form() {
        assert_eq!(GramsFixed::parse("109.282"), Some(Fixed(109_282)));
        assert_eq!(GramsFixed::parse("0.001"), Some(Fixed(1)));
        assert_eq!(GramsFixed::parse("-2.000"), Some(Fixed(-2000)));
        for bad in [
            "109.28", "109.2820", "1e3", "+1.000", " 1.000", "01.000", "-0.000", "", ".000", "1.",
            "1.00a",
        ] {
            assert_eq!(GramsFixed::parse(bad), None, "{bad:?}");
        }
        let g = GramsFixed::parse("123456.789").unwrap();
        assert_eq!(g.to_f64(), 123456.789);
        assert_eq!(
            serde_json::to_string(&g).unwrap(),
            "\"123456.789\"".to_owned()
        );
        let back: GramsFixed = serde_json::from_str("\"123456.789\"").unwrap();
        assert_eq!(back, g);
        assert!(serde_json::from_str::<GramsFixed>("123456.789").is_err());
    }
}
