//! The HPC summary in French is French: no string shared with the English
//! ones other than names, codes, numbers, units and URLs; no internal key; French
//! typography. On a synthetic log with every kind of job (failed, GPU, over-allocated).
#![allow(clippy::panic, clippy::unwrap_used)]

use crate::french;

use empreinte::hpc::{analyze, html, summary, synth, Cluster, Options};
use empreinte::Lang;

#[test]
fn the_hpc_summary_is_french() {
    let cluster = Cluster::from_toml(synth::CLUSTER_TOML).unwrap();
    let names: Vec<String> = [
        cluster.name.as_str(),
        "Lannelongue et al. 2021",
        "Empreinte",
        "Green Algorithms",
        "France",
    ]
    .map(str::to_owned)
    .to_vec();
    let report = analyze(
        synth::generate(7, 2_000).as_bytes(),
        cluster,
        Options::default(),
        &mut |_| {},
    )
    .unwrap();
    let mut found = Vec::new();
    for (what, fr, en) in [(
        "summary",
        summary::render(&report, Lang::Fr),
        summary::render(&report, Lang::En),
    )] {
        for s in french::shared_language(&fr, &en, &names) {
            found.push(format!("{what}: shared {s:?}"));
        }
        for k in french::internal_keys(&fr, &names) {
            found.push(format!("{what}: key {k}"));
        }
        for t in french::typography(&fr) {
            found.push(format!("{what}: {t}"));
        }
    }
    // the page holds both languages, a switch shows one: its French part against its
    // English part
    let page = html::render(&report, Lang::Fr);
    let part = |l: &str| {
        let open = format!("<div class=\"{l}\" lang=\"{l}\">");
        let from = page.find(&open).unwrap();
        let to = page[from..].find("</div></div>").unwrap() + from;
        french::visible_html(&page[from..to])
    };
    let (fr, en) = (part("fr"), part("en"));
    for s in french::shared_language(&fr, &en, &names) {
        found.push(format!("html: shared {s:?}"));
    }
    for k in french::internal_keys(&fr, &names) {
        found.push(format!("html: key {k}"));
    }
    for t in french::typography(&fr) {
        found.push(format!("html: {t}"));
    }
    assert!(found.is_empty(), "{}", found.join("\n"));
}
