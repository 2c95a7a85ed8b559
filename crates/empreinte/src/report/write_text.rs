//! The Markdown and plain-text renderings of the outline (charts become their text
//! alternatives).

use super::doc::{Block, Doc};
use crate::words::colon;

fn md_cell(s: &str) -> String {
    s.replace('|', "\\|").replace('\n', " ")
}

/// Markdown.
pub fn markdown(doc: &Doc) -> String {
    let mut o = format!("# {}\n\n{}\n", doc.title, doc.subtitle);
    for block in &doc.blocks {
        o.push('\n');
        match block {
            Block::Heading(level, text, _) => {
                o.push_str(&format!("{} {text}\n", "#".repeat(usize::from(*level))));
            }
            Block::Para(t) => o.push_str(&format!("{t}\n")),
            Block::Figures(items) => {
                for (label, value, _) in items {
                    o.push_str(&format!("- **{label}**{}{value}\n", colon(doc.lang)));
                }
            }
            Block::Pairs(items) => {
                for (k, v) in items {
                    o.push_str(&format!("- **{k}**{}{v}\n", colon(doc.lang)));
                }
            }
            Block::List(items) => {
                for i in items {
                    o.push_str(&format!("- {i}\n"));
                }
            }
            Block::Table {
                caption,
                head,
                rows,
                numeric,
            } => {
                o.push_str(&format!("*{caption}*\n\n"));
                o.push_str(&format!(
                    "| {} |\n",
                    head.iter()
                        .map(|h| md_cell(h))
                        .collect::<Vec<_>>()
                        .join(" | ")
                ));
                o.push_str(&format!(
                    "|{}|\n",
                    (0..head.len())
                        .map(|i| if numeric.get(i).copied().unwrap_or(false) {
                            "---:"
                        } else {
                            "---"
                        })
                        .collect::<Vec<_>>()
                        .join("|")
                ));
                for row in rows {
                    o.push_str(&format!(
                        "| {} |\n",
                        row.iter()
                            .map(|c| md_cell(c))
                            .collect::<Vec<_>>()
                            .join(" | ")
                    ));
                }
            }
            Block::Chart { alt, .. } => o.push_str(&format!("> {alt}\n")),
            Block::Code(cmd) => o.push_str(&format!("```sh\n{cmd}\n```\n")),
        }
    }
    o
}

fn width(s: &str) -> usize {
    s.chars().count()
}

fn pad(s: &str, w: usize, right: bool) -> String {
    let n = w.saturating_sub(width(s));
    if right {
        format!("{}{s}", " ".repeat(n))
    } else {
        format!("{s}{}", " ".repeat(n))
    }
}

/// Plain text.
pub fn text(doc: &Doc) -> String {
    let rule = "=".repeat(width(&doc.title));
    let mut o = format!("{}\n{rule}\n{}\n", doc.title, doc.subtitle);
    for block in &doc.blocks {
        o.push('\n');
        match block {
            Block::Heading(level, t, _) => {
                let c = if *level == 2 { '-' } else { '.' };
                o.push_str(&format!("{t}\n{}\n", c.to_string().repeat(width(t))));
            }
            Block::Para(t) => o.push_str(&format!("{t}\n")),
            Block::Figures(items) => {
                let w = items.iter().map(|(l, _, _)| width(l)).max().unwrap_or(0);
                for (label, value, _) in items {
                    o.push_str(&format!("  {}  {value}\n", pad(label, w, false)));
                }
            }
            Block::Pairs(items) => {
                let w = items.iter().map(|(l, _)| width(l)).max().unwrap_or(0);
                for (k, v) in items {
                    o.push_str(&format!("  {}  {v}\n", pad(k, w, false)));
                }
            }
            Block::List(items) => {
                for i in items {
                    o.push_str(&format!("  * {i}\n"));
                }
            }
            Block::Table {
                caption,
                head,
                rows,
                numeric,
            } => {
                o.push_str(&format!("{caption}\n"));
                let mut widths: Vec<usize> = head.iter().map(|h| width(h)).collect();
                for row in rows {
                    for (i, c) in row.iter().enumerate() {
                        if let Some(w) = widths.get_mut(i) {
                            *w = (*w).max(width(c));
                        }
                    }
                }
                let line = |cells: &[String]| -> String {
                    let parts: Vec<String> = cells
                        .iter()
                        .enumerate()
                        .map(|(i, c)| {
                            pad(
                                c,
                                widths.get(i).copied().unwrap_or(0),
                                numeric.get(i).copied().unwrap_or(false),
                            )
                        })
                        .collect();
                    format!("  {}\n", parts.join("  ").trim_end())
                };
                o.push_str(&line(head));
                o.push_str(&format!(
                    "  {}\n",
                    widths
                        .iter()
                        .map(|w| "-".repeat(*w))
                        .collect::<Vec<_>>()
                        .join("  ")
                ));
                for row in rows {
                    o.push_str(&line(row));
                }
            }
            Block::Chart { alt, .. } => o.push_str(&format!("  {alt}\n")),
            Block::Code(cmd) => o.push_str(&format!("    $ {cmd}\n")),
        }
    }
    o
}
