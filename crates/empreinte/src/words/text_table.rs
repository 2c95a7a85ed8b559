//! Aligned plain-text columns (`empreinte data`, `compare`, `whatif`, `phases`): a header
//! line, two spaces between columns, numbers flush right, widths counted in characters.

/// How a column's cells line up.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    /// Text: flush left.
    Left,
    /// Numbers: flush right.
    Right,
}

/// A table of text cells under a header line, rendered with aligned columns.
#[derive(Debug)]
pub struct TextTable {
    columns: Vec<(String, Align)>,
    rows: Vec<Vec<String>>,
}

impl TextTable {
    /// A table with these column headers.
    pub fn new(columns: &[(&str, Align)]) -> TextTable {
        TextTable {
            columns: columns.iter().map(|(h, a)| ((*h).to_owned(), *a)).collect(),
            rows: Vec::new(),
        }
    }

    /// Adds a row (missing cells are empty, extra cells are dropped).
    pub fn push(&mut self, mut row: Vec<String>) {
        row.resize(self.columns.len(), String::new());
        self.rows.push(row);
    }

    /// Number of rows.
    pub fn len(&self) -> usize {
        self.rows.len()
    }

    /// Whether there is no row.
    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// The header and the rows, two spaces between columns, no trailing spaces. Columns
    /// empty in every row are left out.
    pub fn render(&self) -> String {
        let shown: Vec<usize> = (0..self.columns.len())
            .filter(|&c| self.rows.is_empty() || self.rows.iter().any(|r| !r[c].is_empty()))
            .collect();
        let widths: Vec<usize> = shown
            .iter()
            .map(|&c| {
                self.rows
                    .iter()
                    .map(|r| width(&r[c]))
                    .chain([width(&self.columns[c].0)])
                    .max()
                    .unwrap_or(0)
            })
            .collect();
        let header: Vec<&str> = shown.iter().map(|&c| self.columns[c].0.as_str()).collect();
        let mut out = String::new();
        for row in std::iter::once(header).chain(
            self.rows
                .iter()
                .map(|r| shown.iter().map(|&c| r[c].as_str()).collect()),
        ) {
            let cells: Vec<String> = row
                .iter()
                .zip(&shown)
                .zip(&widths)
                .map(|((cell, &c), &w)| match self.columns[c].1 {
                    Align::Left => pad_right(cell, w),
                    Align::Right => pad_left(cell, w),
                })
                .collect();
            out.push_str(cells.join("  ").trim_end());
            out.push('\n');
        }
        out
    }
}

use crate::format::{pad_left, pad_right, width};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_line_up_and_empty_ones_go() {
        let mut t = TextTable::new(&[
            ("Name", Align::Left),
            ("W", Align::Right),
            ("Year", Align::Right),
            ("Source", Align::Left),
        ]);
        t.push(vec!["Xeon".into(), "7.5".into(), String::new(), "a".into()]);
        t.push(vec!["Any".into(), "12".into()]);
        assert_eq!(t.len(), 2);
        assert_eq!(t.render(), "Name    W  Source\nXeon  7.5  a\nAny    12\n");
    }
}
