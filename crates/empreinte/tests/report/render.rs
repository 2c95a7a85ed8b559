//! Renderings from the report JSON only, in French (authoritative) and English: key
//! figures with their typography, the digest and the verify command, a self-contained and
//! accessible HTML page.
#![allow(clippy::unwrap_used, clippy::panic)]

use crate::common;

use empreinte::report::{self, RenderFormat};
use empreinte::Lang;

const NNBSP: char = '\u{202F}';
const NBSP: char = '\u{A0}';

fn rendered(text: &str, format: RenderFormat, lang: Lang) -> String {
    // from the JSON text only, as `empreinte render` does
    let json = common::json(text);
    let r = report::parse_report(&json).unwrap();
    report::render(&r, format, lang)
}

#[test]
fn key_figures_with_french_and_english_typography() {
    for format in [
        RenderFormat::Html,
        RenderFormat::Markdown,
        RenderFormat::Text,
    ] {
        let fr = rendered(common::DIGITAL_TWIN, format, Lang::Fr);
        let en = rendered(common::DIGITAL_TWIN, format, Lang::En);
        // total energy 1038.6168 kWh and operational footprint 53 260.269 g
        assert!(fr.contains(&format!("1,04{NBSP}MWh")), "{format:?}");
        assert!(en.contains(&format!("1.04{NBSP}MWh")), "{format:?}");
        assert!(fr.contains(&format!("53,26{NBSP}kgCO₂e")), "{format:?}");
        assert!(en.contains(&format!("53.26{NBSP}kgCO₂e")), "{format:?}");
        // a factor in thousands: the Paris–Dublin flight, 110 000 gCO2e
        assert!(
            fr.contains(&format!("110{NNBSP}000{NBSP}gCO₂e")),
            "{format:?}"
        );
        assert!(en.contains(&format!("110,000{NBSP}gCO₂e")), "{format:?}");
        // PUE default 1.56, France 51.28 gCO2e/kWh
        assert!(fr.contains("1,56") && en.contains("1.56"));
        assert!(fr.contains(&format!("51,28{NBSP}gCO₂e/kWh")));
        // vocabulary
        for word in [
            "Empreinte carbone",
            "Facteur d’émission",
            "mix moyen",
            "Unité fonctionnelle",
            "par défaut",
        ] {
            assert!(fr.contains(word), "{format:?}: {word}");
        }
        for word in [
            "carbon footprint",
            "Emission factor",
            "Functional unit",
            "default",
        ] {
            assert!(en.contains(word), "{format:?}: {word}");
        }
        // narrow no-break spaces inside « » and before the colon
        assert!(fr.contains(&format!("«{NNBSP}Jumeau")), "{format:?}");
        assert!(
            fr.contains(&format!("«{NNBSP}mesuré{NNBSP}»{NNBSP}: l’écart")),
            "{format:?}"
        );
        assert!(fr.contains(&format!("«{NNBSP}location-based{NNBSP}»")));
        // digest and verify command
        let digest = common::build(common::DIGITAL_TWIN).integrity.payload_sha256;
        for out in [&fr, &en] {
            assert!(out.contains(&digest), "{format:?}");
            assert!(out.contains("empreinte verify"), "{format:?}");
            assert!(out.contains("0b7f3c5e-2a41-4d8e-9c3f-5a6b7c8d9e01"));
        }
        // beyond Green Algorithms: embodied share, total, SCI, interval
        assert!(fr.contains("Empreinte totale (avec fabrication)"));
        assert!(fr.contains("bas – central – haut") || fr.contains("Intervalle"));
        assert!(
            !fr.contains("non calculé") && !en.contains("not computed"),
            "{format:?}"
        );
    }
}

#[test]
fn html_is_self_contained_and_accessible() {
    for (name, text) in common::MANIFESTS {
        for lang in [Lang::Fr, Lang::En] {
            let html = rendered(text, RenderFormat::Html, lang);
            assert!(html.starts_with("<!DOCTYPE html>"), "{name}");
            assert!(html.contains(&format!("<html lang=\"{}\">", lang.as_str())));
            assert!(html.contains("<meta charset=\"utf-8\">"));
            assert!(html.contains("@page { size: A4"));
            for forbidden in [
                "<script",
                "<link",
                "<img",
                "<iframe",
                "src=",
                "href=\"http",
                "url(",
                "@import",
            ] {
                assert!(!html.contains(forbidden), "{name}: {forbidden}");
            }
            assert_eq!(html.matches("<h1").count(), 1);
            assert!(html.matches("<h2").count() >= 10);
            assert!(html.contains("<th scope=\"col\">") && html.contains("<th scope=\"row\">"));
            assert!(html.contains("<caption>"));
            assert_eq!(html.matches("<svg").count(), 3, "{name}");
            assert_eq!(html.matches("role=\"img\"").count(), 3);
            assert!(html.contains("data-figure=\"payload_sha256\""));
            // balanced sections and tables
            assert_eq!(
                html.matches("<section").count(),
                html.matches("</section>").count()
            );
            assert_eq!(
                html.matches("<table>").count(),
                html.matches("</table>").count()
            );
        }
    }
}

#[test]
fn user_text_is_escaped() {
    let hostile = common::DIGITAL_TWIN.replace(
        "Territoires Simulés SARL",
        "Territoires <script>alert(1)</script> & \\\"Cie\\\"",
    );
    let html = rendered(&hostile, RenderFormat::Html, Lang::Fr);
    assert!(!html.contains("<script>"));
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;Cie&quot;"));
}
