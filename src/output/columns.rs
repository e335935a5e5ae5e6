//! Columns of machine output: CSV cells made safe for spreadsheets, and `--fields`, which
//! picks the columns of CSV or the keys of each JSON hit.
//!
//! A spreadsheet runs a cell that starts with `=`, `+`, `-` or `@` (or a tab or carriage
//! return before one) as a formula, so a quote or title from an untrusted archive could run
//! one when a CSV download is opened ("CSV injection"). Every CSV cell morgue writes that
//! starts with one of those characters gets a leading `'`, which spreadsheets take as "this
//! is text" and do not show; the rest of the cell is unchanged.

use std::borrow::Cow;
use std::io::{self, Write};

/// The characters that make a spreadsheet read a cell as a formula.
const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// A cell as written: prefixed with `'` when a spreadsheet would take it for a formula.
pub fn safe_cell(cell: &str) -> Cow<'_, str> {
    if cell.starts_with(FORMULA_STARTS) {
        Cow::Owned(format!("'{cell}"))
    } else {
        Cow::Borrowed(cell)
    }
}

/// Rows of named columns, written as CSV with [`safe_cell`] cells.
pub struct Table {
    pub header: &'static [&'static str],
    pub rows: Vec<Vec<String>>,
}

impl Table {
    pub fn new(header: &'static [&'static str]) -> Table {
        Table {
            header,
            rows: Vec::new(),
        }
    }

    /// Write the header and rows, only the `fields` columns (in their order) when given;
    /// `fields` were checked by [`check`] against this header.
    pub fn write_csv(&self, out: &mut impl Write, fields: Option<&[String]>) -> io::Result<()> {
        let picked: Vec<usize> = match fields {
            Some(f) => f
                .iter()
                .filter_map(|name| self.header.iter().position(|h| h == name))
                .collect(),
            None => (0..self.header.len()).collect(),
        };
        let mut w = csv::Writer::from_writer(out);
        w.write_record(picked.iter().map(|&i| self.header[i]))?;
        for row in &self.rows {
            w.write_record(
                picked
                    .iter()
                    .map(|&i| safe_cell(row.get(i).map_or("", String::as_str)))
                    .map(|c| c.into_owned()),
            )?;
        }
        w.flush()
    }
}

/// Refuse a `--fields` list naming anything not in `valid`, with a message listing them.
pub fn check(fields: &[String], valid: &[&str]) -> Result<(), String> {
    let bad: Vec<&str> = fields
        .iter()
        .map(String::as_str)
        .filter(|f| !valid.contains(f))
        .collect();
    if bad.is_empty() && !fields.is_empty() {
        return Ok(());
    }
    Err(format!(
        "--fields: {} {}; valid fields here: {}",
        if bad.is_empty() {
            "nothing".to_string()
        } else {
            bad.join(", ")
        },
        if bad.len() == 1 {
            "is not a field"
        } else {
            "are not fields"
        },
        valid.join(", ")
    ))
}

/// Keep only the `fields` keys of each object in `items` (a JSON array of hits).
pub fn pick_json(items: &mut serde_json::Value, fields: Option<&[String]>) {
    let (Some(fields), Some(list)) = (fields, items.as_array_mut()) else {
        return;
    };
    for item in list {
        if let Some(map) = item.as_object_mut() {
            map.retain(|k, _| fields.iter().any(|f| f == k));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_cells_are_neutralised_and_others_kept() {
        for bad in ["=1+1", "+44 20", "-2", "@SUM(A1)", "\t=1", "\r=1"] {
            assert_eq!(safe_cell(bad), format!("'{bad}"), "{bad:?}");
        }
        for ok in ["Blair said", "", "2016-01-01", "1.5", " =x", "'quoted"] {
            assert_eq!(safe_cell(ok), ok);
        }
    }

    #[test]
    fn fields_pick_columns_in_the_order_given() {
        let mut t = Table::new(&["a", "b", "c"]);
        t.rows.push(vec!["1".into(), "=2".into(), "3".into()]);
        let mut out = Vec::new();
        t.write_csv(&mut out, Some(&["c".into(), "b".into()]))
            .unwrap();
        assert_eq!(String::from_utf8(out).unwrap(), "c,b\n3,'=2\n");
        assert!(check(&["a".into()], &["a", "b"]).is_ok());
        let e = check(&["x".into()], &["a", "b"]).unwrap_err();
        assert!(e.contains("x is not a field") && e.contains("a, b"), "{e}");
        assert!(check(&[], &["a"]).is_err());
    }

    #[test]
    fn json_hits_keep_only_the_fields() {
        let mut v = serde_json::json!([{"a": 1, "b": 2}, {"a": 3, "c": 4}]);
        pick_json(&mut v, Some(&["a".into()]));
        assert_eq!(v, serde_json::json!([{"a": 1}, {"a": 3}]));
    }
}
