//! The document model of a rendering: one outline of blocks (headings, paragraphs, key
//! figures, tables, charts), written out by `html` and `plain`, built by `render`.

use crate::format::Lang;

/// A block of the outline.
#[derive(Debug, Clone)]
pub(crate) enum Block {
    /// A section heading (level 2 or 3) with its anchor.
    Heading(u8, String, &'static str),
    /// A paragraph.
    Para(String),
    /// A key figure: label, value, machine-readable name.
    Figures(Vec<(String, String, &'static str)>),
    /// Label–value pairs.
    Pairs(Vec<(String, String)>),
    /// A bulleted list.
    List(Vec<String>),
    /// A table: caption, header, rows; `numeric[i]` right-aligns column i.
    Table {
        caption: String,
        head: Vec<String>,
        rows: Vec<Vec<String>>,
        numeric: Vec<bool>,
    },
    /// An inline SVG chart (HTML only) with its text alternative.
    Chart { svg: String, alt: String },
    /// A command line.
    Code(String),
}

/// The outline of a rendering.
#[derive(Debug, Clone)]
pub(crate) struct Doc {
    pub lang: Lang,
    pub title: String,
    pub subtitle: String,
    pub blocks: Vec<Block>,
}

impl Doc {
    /// Applies `f` to every text of the outline that people read (not to command lines
    /// or to the charts' markup, whose labels are written in the language already).
    pub(crate) fn map_text(&mut self, f: impl Fn(&str) -> String) {
        self.title = f(&self.title);
        self.subtitle = f(&self.subtitle);
        let all = |v: &mut Vec<String>| v.iter_mut().for_each(|s| *s = f(s));
        for block in &mut self.blocks {
            match block {
                Block::Heading(_, t, _) | Block::Para(t) => *t = f(t),
                Block::Figures(items) => items.iter_mut().for_each(|(l, v, _)| {
                    *l = f(l);
                    *v = f(v);
                }),
                Block::Pairs(items) => items.iter_mut().for_each(|(l, v)| {
                    *l = f(l);
                    *v = f(v);
                }),
                Block::List(items) => all(items),
                Block::Table {
                    caption,
                    head,
                    rows,
                    ..
                } => {
                    *caption = f(caption);
                    all(head);
                    rows.iter_mut().for_each(all);
                }
                Block::Chart { alt, .. } => *alt = f(alt),
                Block::Code(_) => {}
            }
        }
    }
}
