//! The self-contained HTML rendering: no external resource, no script, A4 print styles,
//! headings, table captions and header scopes, the `lang` attribute, high-contrast colours.

use super::doc::{Block, Doc};

pub use crate::words::escape_html as escape;

const STYLE: &str = "\
@page { size: A4; margin: 16mm 14mm 18mm 14mm; }
:root { color: #111; background: #fff; }
body { font-family: system-ui, -apple-system, 'Segoe UI', Roboto, 'DejaVu Sans', sans-serif;
  font-size: 11pt; line-height: 1.45; max-width: 60rem; margin: 0 auto; padding: 1.5rem; }
h1 { font-size: 1.6rem; margin: 0 0 .2rem; color: #0b2a4a; }
h2 { font-size: 1.25rem; margin: 1.8rem 0 .6rem; padding-bottom: .2rem;
  border-bottom: 2px solid #1f4e79; color: #0b2a4a; break-after: avoid; }
h3 { font-size: 1.05rem; margin: 1.2rem 0 .4rem; color: #0b2a4a; break-after: avoid; }
.subtitle { color: #333; margin: 0 0 1rem; }
.figures { display: flex; flex-wrap: wrap; gap: .8rem; margin: .6rem 0 1rem; padding: 0; }
.figures div { border: 1px solid #1f4e79; border-radius: 4px; padding: .5rem .8rem; min-width: 12rem; flex: 1; }
.figures dt { font-size: .85rem; color: #333; }
.figures dd { margin: 0; font-size: 1.25rem; font-weight: 700; color: #0b2a4a; overflow-wrap: anywhere; }
dl.pairs { display: grid; grid-template-columns: minmax(10rem, 16rem) 1fr; gap: .25rem 1rem; margin: .4rem 0; }
dl.pairs dt { font-weight: 600; color: #222; }
dl.pairs dd { margin: 0; overflow-wrap: anywhere; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; font-size: .9rem; break-inside: auto; }
caption { text-align: left; font-weight: 600; padding: .2rem 0; color: #222; }
th, td { border: 1px solid #888; padding: .25rem .45rem; vertical-align: top; text-align: left; overflow-wrap: anywhere; min-width: 9ch; }
th { background: #e8eef5; color: #111; }
td.num { text-align: right; white-space: nowrap; }
tr { break-inside: avoid; }
.chart { max-width: 40rem; display: block; margin: .6rem 0; }
figure { margin: .6rem 0; break-inside: avoid; }
figcaption { font-size: .85rem; color: #333; }
code, pre { font-family: ui-monospace, 'DejaVu Sans Mono', monospace; }
pre { background: #f3f3f3; border: 1px solid #888; padding: .5rem .8rem; white-space: pre-wrap; }
.sr-only { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
footer { margin-top: 2rem; font-size: .85rem; color: #333; border-top: 1px solid #888; padding-top: .5rem; }
@media print { body { padding: 0; max-width: none; font-size: 10pt; } h2 { break-before: auto; } }
";

/// Writes `doc` as a complete HTML page.
pub fn write(doc: &Doc) -> String {
    let mut o = String::with_capacity(64 * 1024);
    let lang = doc.lang.as_str();
    o.push_str("<!DOCTYPE html>\n");
    o.push_str(&format!(
        "<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n"
    ));
    o.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    o.push_str("<meta name=\"generator\" content=\"Empreinte\">\n");
    o.push_str(&format!(
        "<title>{} — {}</title>\n",
        escape(&doc.title),
        escape(&doc.subtitle)
    ));
    o.push_str(&format!("<style>\n{STYLE}</style>\n</head>\n<body>\n"));
    o.push_str(&format!(
        "<header>\n<h1>{}</h1>\n<p class=\"subtitle\">{}</p>\n</header>\n<main>\n",
        escape(&doc.title),
        escape(&doc.subtitle)
    ));
    let mut open = false;
    for block in &doc.blocks {
        match block {
            Block::Heading(level, text, id) => {
                if *level == 2 {
                    if open {
                        o.push_str("</section>\n");
                    }
                    o.push_str(&format!(
                        "<section id=\"{id}\" aria-labelledby=\"h-{id}\">\n"
                    ));
                    open = true;
                }
                o.push_str(&format!(
                    "<h{level} id=\"h-{id}\">{}</h{level}>\n",
                    escape(text)
                ));
            }
            Block::Para(t) => o.push_str(&format!("<p>{}</p>\n", escape(t))),
            Block::Figures(items) => {
                o.push_str("<dl class=\"figures\">\n");
                for (label, value, name) in items {
                    o.push_str(&format!(
                        "<div><dt>{}</dt><dd data-figure=\"{name}\">{}</dd></div>\n",
                        escape(label),
                        escape(value)
                    ));
                }
                o.push_str("</dl>\n");
            }
            Block::Pairs(items) => {
                o.push_str("<dl class=\"pairs\">\n");
                for (k, v) in items {
                    o.push_str(&format!("<dt>{}</dt><dd>{}</dd>\n", escape(k), escape(v)));
                }
                o.push_str("</dl>\n");
            }
            Block::List(items) => {
                o.push_str("<ul>\n");
                for i in items {
                    o.push_str(&format!("<li>{}</li>\n", escape(i)));
                }
                o.push_str("</ul>\n");
            }
            Block::Table {
                caption,
                head,
                rows,
                numeric,
            } => {
                o.push_str(&format!(
                    "<table>\n<caption>{}</caption>\n<thead><tr>",
                    escape(caption)
                ));
                for h in head {
                    o.push_str(&format!("<th scope=\"col\">{}</th>", escape(h)));
                }
                o.push_str("</tr></thead>\n<tbody>\n");
                for row in rows {
                    o.push_str("<tr>");
                    for (i, cell) in row.iter().enumerate() {
                        if i == 0 {
                            o.push_str(&format!("<th scope=\"row\">{}</th>", escape(cell)));
                        } else if numeric.get(i).copied().unwrap_or(false) {
                            o.push_str(&format!("<td class=\"num\">{}</td>", escape(cell)));
                        } else {
                            o.push_str(&format!("<td>{}</td>", escape(cell)));
                        }
                    }
                    o.push_str("</tr>\n");
                }
                o.push_str("</tbody>\n</table>\n");
            }
            Block::Chart { svg, alt } => {
                o.push_str(&format!(
                    "<figure>\n{svg}\n<figcaption class=\"sr-only\">{}</figcaption>\n</figure>\n",
                    escape(alt)
                ));
            }
            Block::Code(cmd) => {
                o.push_str(&format!("<pre><code>{}</code></pre>\n", escape(cmd)));
            }
        }
    }
    if open {
        o.push_str("</section>\n");
    }
    o.push_str("</main>\n</body>\n</html>\n");
    o
}
