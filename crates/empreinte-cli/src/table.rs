//! Aligned plain-text columns, and numbers written as the data stores them.

use empreinte::Lang;

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
pub struct Table {
    columns: Vec<(String, Align)>,
    rows: Vec<Vec<String>>,
}

impl Table {
    /// A table with these column headers.
    pub fn new(columns: &[(&str, Align)]) -> Table {
        Table {
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
    fn columns_line_up_and_empty_ones_go() {
        let mut t = Table::new(&[
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

    #[test]
    fn plain_numbers_keep_their_digits() {
        assert_eq!(plain(1.125, Lang::Fr), "1,125");
        assert_eq!(plain(475.0, Lang::En), "475");
        assert_eq!(plain(51.28, Lang::En), "51.28");
    }
}
