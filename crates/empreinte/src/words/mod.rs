//! The words of every surface, in French (authoritative) and English: the one place where
//! a visible label is chosen by language, French typography, and the vocabulary of the
//! report (inputs, factors, sources, what a figure rests on).
//!
//! Numbers, energies, masses and percentages are formatted by [`crate::format`]; this
//! module holds the words around them.
//!
//! ```
//! use empreinte::words::{french_typography, label_value, tr};
//! use empreinte::Lang;
//!
//! assert_eq!(tr(Lang::Fr, "Énergie", "Energy"), "Énergie");
//! assert_eq!(label_value("Énergie", "2 kWh", Lang::Fr), "Énergie\u{202F}: 2 kWh");
//! assert_eq!(label_value("Energy", "2 kWh", Lang::En), "Energy: 2 kWh");
//! assert_eq!(
//!     french_typography("pour l'agglomération ; « voir »: ceci"),
//!     "pour l’agglomération\u{202F}; «\u{202F}voir\u{202F}»\u{202F}: ceci"
//! );
//! ```

pub mod card;
pub mod data_tables;
pub mod estimate_summary;
pub mod scenarios;
pub mod text_table;
pub mod vocabulary;
pub mod widget;

use crate::format::{Lang, NBSP, NNBSP};

/// Escapes text for HTML content and attribute values (`& < > " '`): the one escaper of
/// the report, HPC and card pages.
pub fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// `fr` or `en`, chosen by `lang`.
pub fn tr<'a>(lang: Lang, fr: &'a str, en: &'a str) -> &'a str {
    match lang {
        Lang::Fr => fr,
        Lang::En => en,
    }
}

/// The separator between a label and its value: `\u{202F}: ` in French, `: ` in English.
pub fn colon(lang: Lang) -> &'static str {
    tr(lang, "\u{202F}: ", ": ")
}

/// `label: value` with the language's colon.
pub fn label_value(label: &str, value: &str, lang: Lang) -> String {
    format!("{label}{}{value}", colon(lang))
}

/// Quotation marks around `text`: `«\u{202F}text\u{202F}»` in French, `“text”` in English.
pub fn quoted(text: &str, lang: Lang) -> String {
    match lang {
        Lang::Fr => format!("«{NNBSP}{text}{NNBSP}»"),
        Lang::En => format!("“{text}”"),
    }
}

/// French typography applied to a text written by anyone (the supplier's own words
/// included): a narrow no-break space before « : ; ! ? » and inside « », the typographic
/// apostrophe. URLs, times (`12:30`) and `?` or `!` glued to a word (a query string) are
/// left alone.
pub fn french_typography(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len() + 8);
    let mut in_url = false;
    for (i, &c) in chars.iter().enumerate() {
        let before = if i > 0 { chars[i - 1] } else { ' ' };
        let after = chars.get(i + 1).copied().unwrap_or(' ');
        if c.is_whitespace() {
            in_url = false;
        } else if text_at(&chars, i, "http://") || text_at(&chars, i, "https://") {
            in_url = true;
        }
        if in_url {
            out.push(c);
            continue;
        }
        match c {
            ':' | ';' | '!' | '?'
                if after.is_whitespace() || after == NBSP || i + 1 == chars.len() =>
            {
                trim_space(&mut out);
                if !out.is_empty() {
                    out.push(NNBSP);
                }
                out.push(c);
            }
            '»' => {
                trim_space(&mut out);
                out.push(NNBSP);
                out.push(c);
            }
            '«' => {
                out.push(c);
                out.push(NNBSP);
            }
            ' ' | NBSP | NNBSP if before == '«' => {}
            '\'' if before.is_alphabetic() => out.push('’'),
            _ => out.push(c),
        }
    }
    out
}

/// [`french_typography`] applied to the text of an HTML page: outside tags, comments,
/// `<style>` and `<script>`; an escaped apostrophe (`&#39;`) after a letter becomes `’`.
pub fn french_typography_html(html: &str) -> String {
    let mut out = String::with_capacity(html.len() + 1024);
    let mut rest = html;
    while !rest.is_empty() {
        let Some(lt) = rest.find('<') else {
            out.push_str(&french_text_node(rest));
            break;
        };
        out.push_str(&french_text_node(&rest[..lt]));
        rest = &rest[lt..];
        // a raw-text element or a comment is copied whole, up to its end
        let end = ["<style", "<script", "<!--"]
            .iter()
            .zip(["</style>", "</script>", "-->"])
            .find(|(open, _)| rest.starts_with(**open))
            .and_then(|(_, close)| rest.find(close).map(|i| i + close.len()))
            .or_else(|| rest.find('>').map(|i| i + 1))
            .unwrap_or(rest.len());
        out.push_str(&rest[..end]);
        rest = &rest[end..];
    }
    out
}

fn french_text_node(text: &str) -> String {
    if text.trim().is_empty() {
        return text.to_owned();
    }
    // an escaped apostrophe after a letter is the typographic one
    let mut t = String::with_capacity(text.len());
    for (i, piece) in text.split("&#39;").enumerate() {
        if i > 0 {
            let after_letter = t.chars().next_back().is_some_and(char::is_alphabetic);
            t.push_str(if after_letter { "’" } else { "&#39;" });
        }
        t.push_str(piece);
    }
    french_typography(&t)
}

fn text_at(chars: &[char], i: usize, pat: &str) -> bool {
    pat.chars()
        .enumerate()
        .all(|(k, p)| chars.get(i + k) == Some(&p))
}

/// Removes the spaces (plain or no-break) at the end of `out`.
fn trim_space(out: &mut String) {
    while out.ends_with([' ', NBSP, NNBSP]) {
        out.pop();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn french_typography_spaces_and_apostrophes() {
        let t = french_typography;
        assert_eq!(t("a: b"), "a\u{202F}: b");
        assert_eq!(t("a : b"), "a\u{202F}: b");
        assert_eq!(t("a\u{A0}: b ; c !"), "a\u{202F}: b\u{202F}; c\u{202F}!");
        assert_eq!(t("« x »"), "«\u{202F}x\u{202F}»");
        assert_eq!(t("l'eau"), "l’eau");
        // left alone: times, URLs, query strings, already right
        assert_eq!(t("12:30:00"), "12:30:00");
        assert_eq!(t("https://a.b/c?v=0 ok"), "https://a.b/c?v=0 ok");
        assert_eq!(t("a\u{202F}: b"), "a\u{202F}: b");
        assert_eq!(t("voir : https://x.y/a:b"), "voir\u{202F}: https://x.y/a:b");
    }

    #[test]
    fn french_typography_in_html_text_only() {
        let page = "<style>a:hover { b: c; }</style><p title=\"x: y\">l&#39;eau : oui</p>";
        assert_eq!(
            french_typography_html(page),
            "<style>a:hover { b: c; }</style><p title=\"x: y\">l’eau\u{202F}: oui</p>"
        );
    }

    #[test]
    fn labels_and_quotes_by_language() {
        assert_eq!(label_value("Total", "3", Lang::Fr), "Total\u{202F}: 3");
        assert_eq!(quoted("x", Lang::Fr), "«\u{202F}x\u{202F}»");
        assert_eq!(quoted("x", Lang::En), "“x”");
    }
}
