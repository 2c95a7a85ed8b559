//! Human-readable figures in French and English: decimal comma and narrow no-break spaces
//! in French, a no-break space between a number and its unit in both.

use serde::{Deserialize, Serialize};

/// Narrow no-break space (U+202F), the French thousands separator.
pub const NNBSP: char = '\u{202F}';
/// No-break space (U+00A0), between a number and its unit.
pub const NBSP: char = '\u{00A0}';

/// A language of the rendered texts. French comes first: it is authoritative for reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// French.
    #[default]
    Fr,
    /// English.
    En,
}

impl Lang {
    /// Reads `fr`/`en` (also `fr_FR.UTF-8`-style locale names); `None` otherwise.
    pub fn from_tag(tag: &str) -> Option<Lang> {
        let t = tag.trim().to_ascii_lowercase();
        if t.starts_with("fr") {
            Some(Lang::Fr)
        } else if t.starts_with("en") {
            Some(Lang::En)
        } else {
            None
        }
    }

    /// The language of a locale such as the value of `$LANG` (`fr_FR.UTF-8`): French when
    /// it starts with `fr`, else English (also when there is none). What the command line
    /// and Python's `str(estimate)` use when no language is asked for.
    pub fn from_locale(locale: Option<&str>) -> Lang {
        locale.and_then(Lang::from_tag).unwrap_or(Lang::En)
    }

    /// Reads a language as people type it (`fr`, `FR`, `fr-FR`, `fr_FR.UTF-8`, `en-GB`).
    ///
    /// # Errors
    /// [`crate::Error::InvalidArgument`] naming `lang`.
    pub fn parse(tag: &str) -> Result<Lang, crate::error::Error> {
        Lang::from_tag(tag).ok_or_else(|| crate::error::Error::InvalidArgument {
            field: "lang".to_owned(),
            message: format!("expected fr or en, got {tag:?}"),
        })
    }

    /// `"fr"` or `"en"`.
    pub fn as_str(self) -> &'static str {
        match self {
            Lang::Fr => "fr",
            Lang::En => "en",
        }
    }
}

/// `value` with `decimals` decimals, grouped by thousands: `1 234,57` (fr) or
/// `1,234.57` (en). Non-finite values print as `NaN`/`∞`.
pub fn number(value: f64, decimals: usize, lang: Lang) -> String {
    if value.is_nan() {
        return "NaN".to_owned();
    }
    if value.is_infinite() {
        return if value > 0.0 { "∞" } else { "-∞" }.to_owned();
    }
    let text = format!("{:.*}", decimals, value.abs());
    let (int, frac) = match text.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (text.as_str(), None),
    };
    let (sep, point) = match lang {
        Lang::Fr => (NNBSP, ','),
        Lang::En => (',', '.'),
    };
    let mut out = String::with_capacity(text.len() + 8);
    let negative = value < 0.0 && text.bytes().any(|b| b.is_ascii_digit() && b != b'0');
    if negative {
        out.push('-');
    }
    for (i, ch) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push(sep);
        }
        out.push(ch);
    }
    if let Some(f) = frac {
        out.push(point);
        out.push_str(f);
    }
    out
}

/// `value` with three significant digits (at least two decimals below 100), e.g. `0,0427`,
/// `2,13`, `109,28`, `1 012`; scientific for very small values (`7,30e-9`).
pub fn significant(value: f64, lang: Lang) -> String {
    let a = value.abs();
    if a != 0.0 && a.is_finite() && a < 1e-2 {
        let text = format!("{value:.2e}");
        return match lang {
            Lang::Fr => text.replace('.', ","),
            Lang::En => text,
        };
    }
    let decimals = if a == 0.0 || a >= 100.0 {
        if a >= 1000.0 {
            0
        } else {
            2
        }
    } else {
        // enough decimals for three significant digits, at least two
        let lead = a.log10().floor() as i32; // -2..=1
        (2 - lead).max(2) as usize
    };
    number(value, decimals, lang)
}

fn with_unit(value: String, unit: &str) -> String {
    format!("{value}{NBSP}{unit}")
}

/// An energy given in kWh, in Wh, kWh, MWh or GWh as its size asks: `2,13 kWh`.
pub fn energy_kwh(kwh: f64, lang: Lang) -> String {
    energy_kwh_scaled(kwh, kwh, lang)
}

/// An energy given in kWh, in the unit that `scale_kwh` asks for (the largest value of a
/// block, so that one block shows one unit): `energy_kwh_scaled(0.45, 2.13, …)` is
/// `0,446 kWh`, not `446 Wh`.
pub fn energy_kwh_scaled(kwh: f64, scale_kwh: f64, lang: Lang) -> String {
    let a = scale_kwh.abs();
    let (v, unit) = if a < 1.0 {
        (kwh * 1000.0, "Wh")
    } else if a < 1e3 {
        (kwh, "kWh")
    } else if a < 1e6 {
        (kwh / 1e3, "MWh")
    } else {
        (kwh / 1e6, "GWh")
    };
    with_unit(significant(v, lang), unit)
}

/// A mass of CO2e given in grams, in mg, g, kg or t as its size asks: `109,28 gCO₂e`.
pub fn co2e_g(g: f64, lang: Lang) -> String {
    co2e_g_scaled(g, g, lang)
}

/// A mass of CO2e given in grams, in the unit that `scale_g` asks for (the largest value
/// of a block).
pub fn co2e_g_scaled(g: f64, scale_g: f64, lang: Lang) -> String {
    let a = scale_g.abs();
    let (v, unit) = if a != 0.0 && a < 1.0 {
        (g * 1000.0, "mgCO₂e")
    } else if a < 1e3 {
        (g, "gCO₂e")
    } else if a < 1e6 {
        (g / 1e3, "kgCO₂e")
    } else {
        (g / 1e6, "tCO₂e")
    };
    with_unit(significant(v, lang), unit)
}

/// A percentage of a share in [0, 1] with one decimal: `12,3 %` (narrow no-break space in
/// French), `12.3%`.
pub fn percent(share: f64, lang: Lang) -> String {
    let v = number(share * 100.0, 1, lang);
    match lang {
        Lang::Fr => format!("{v}{NNBSP}%"),
        Lang::En => format!("{v}%"),
    }
}

/// A power in W (or kW): `177,59 W`.
pub fn power_w(w: f64, lang: Lang) -> String {
    if w.abs() >= 1e4 {
        with_unit(significant(w / 1e3, lang), "kW")
    } else {
        with_unit(significant(w, lang), "W")
    }
}

/// A duration given in hours: `12 h 30 min` (fr) or `12h 30min` (en); `45 s` under a minute.
pub fn duration_h(hours: f64, lang: Lang) -> String {
    if !hours.is_finite() {
        return number(hours, 0, lang);
    }
    let total_s = (hours * 3600.0).round();
    if total_s < 60.0 {
        return match lang {
            Lang::Fr => format!("{}{NBSP}s", total_s as u64),
            Lang::En => format!("{}s", total_s as u64),
        };
    }
    let total_min = (total_s / 60.0).round() as u64;
    let (h, m) = (total_min / 60, total_min % 60);
    let hours = number(h as f64, 0, lang);
    match (lang, m) {
        (Lang::Fr, 0) => format!("{hours}{NBSP}h"),
        (Lang::En, 0) => format!("{hours}h"),
        (Lang::Fr, _) if h == 0 => format!("{m}{NBSP}min"),
        (Lang::En, _) if h == 0 => format!("{m}min"),
        (Lang::Fr, _) => format!("{hours}{NBSP}h{NBSP}{m}{NBSP}min"),
        (Lang::En, _) => format!("{hours}h {m}min"),
    }
}

/// Width of `text` on a terminal, counted in characters (the data has no wide characters).
pub fn width(text: &str) -> usize {
    text.chars().count()
}

/// `text` followed by spaces up to `w` characters.
pub fn pad_right(text: &str, w: usize) -> String {
    let mut s = text.to_owned();
    s.extend(std::iter::repeat_n(' ', w.saturating_sub(width(text))));
    s
}

/// `text` after spaces up to `w` characters.
pub fn pad_left(text: &str, w: usize) -> String {
    let mut s: String = std::iter::repeat_n(' ', w.saturating_sub(width(text))).collect();
    s.push_str(text);
    s
}

/// A table value as stored, in the shortest form that reads back the same (`1.125`, `7.5`,
/// `475`), with a decimal comma in French.
pub fn plain(value: f64, lang: Lang) -> String {
    let text = value.to_string();
    match lang {
        Lang::Fr => text.replace('.', ","),
        Lang::En => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_locale_gives_french_only_when_it_is_french() {
        assert_eq!(Lang::from_locale(Some("fr_FR.UTF-8")), Lang::Fr);
        assert_eq!(Lang::from_locale(Some("FR")), Lang::Fr);
        assert_eq!(Lang::from_locale(Some("de_DE.UTF-8")), Lang::En);
        assert_eq!(Lang::from_locale(Some("C")), Lang::En);
        assert_eq!(Lang::from_locale(None), Lang::En);
    }

    #[test]
    fn french_uses_decimal_comma_and_narrow_spaces() {
        assert_eq!(
            number(1234567.891, 2, Lang::Fr),
            "1\u{202F}234\u{202F}567,89"
        );
        assert_eq!(number(1234567.891, 2, Lang::En), "1,234,567.89");
        assert_eq!(number(-0.001, 2, Lang::En), "0.00");
        assert_eq!(number(-12.5, 1, Lang::Fr), "-12,5");
        assert_eq!(energy_kwh(2.1310848, Lang::Fr), "2,13\u{A0}kWh");
        assert_eq!(energy_kwh(0.35216959, Lang::En), "352.17\u{A0}Wh");
        assert_eq!(co2e_g(109.282, Lang::Fr), "109,28\u{A0}gCO₂e");
        assert_eq!(co2e_g(1012.26, Lang::En), "1.01\u{A0}kgCO₂e");
        assert_eq!(co2e_g(6.695e-6, Lang::En), "6.70e-3\u{A0}mgCO₂e");
        assert_eq!(significant(0.0427136, Lang::Fr), "0,0427");
        // one unit per block: the unit of the block's largest value
        assert_eq!(
            energy_kwh_scaled(0.44628, 2.131, Lang::En),
            "0.446\u{A0}kWh"
        );
        assert_eq!(co2e_g_scaled(16.93, 352.4, Lang::En), "16.93\u{A0}gCO₂e");
        assert_eq!(co2e_g_scaled(450.0, 1200.0, Lang::Fr), "0,450\u{A0}kgCO₂e");
        assert_eq!(percent(0.375, Lang::Fr), "37,5\u{202F}%");
        assert_eq!(significant(1234.0, Lang::Fr), "1\u{202F}234");
        assert_eq!(duration_h(12.5, Lang::Fr), "12\u{A0}h\u{A0}30\u{A0}min");
        assert_eq!(duration_h(12.5, Lang::En), "12h 30min");
        assert_eq!(duration_h(12.0, Lang::En), "12h");
        assert_eq!(duration_h(12.0, Lang::Fr), "12\u{A0}h");
        assert_eq!(duration_h(0.5, Lang::Fr), "30\u{A0}min");
        assert_eq!(duration_h(1.0 / 120.0, Lang::En), "30s");
        assert_eq!(Lang::from_tag("fr_FR.UTF-8"), Some(Lang::Fr));
        assert_eq!(Lang::from_tag("C"), None);
        assert_eq!(plain(1.125, Lang::Fr), "1,125");
        assert_eq!(plain(475.0, Lang::En), "475");
        assert_eq!(plain(51.28, Lang::En), "51.28");
        assert_eq!(pad_left("ab", 4), "  ab");
        assert_eq!(pad_right("é", 3), "é  ");
        assert_eq!(Lang::parse("fr-FR").unwrap(), Lang::Fr);
        assert_eq!(Lang::parse("FR").unwrap(), Lang::Fr);
        assert_eq!(Lang::parse("de").unwrap_err().field(), Some("lang"));
    }
}
