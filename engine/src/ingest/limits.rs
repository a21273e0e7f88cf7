//! The bounds an XLSX file is read within, in one place (README «Limits»
//! lists them). Each one turns a file that would cost gigabytes or minutes
//! into one problem naming the file (and the sheet and cell where there is
//! one) before the cost is paid.
//!
//! The figures are far above real schools: the 10,000-participant example
//! is a 0.56 MB file whose largest sheet inflates to 2 MB, about 340 bytes
//! inflated per row; a 200,000-row sheet is then about 70 MB. Together
//! they keep the memory of reading under 1 GiB: the parts are never held
//! inflated (they are checked as a stream), calamine holds the shared
//! strings (at most [`PART_BYTES`] of XML) once per table being read, and
//! each sheet read keeps at most [`SHEET_CELLS`] cells and
//! [`SHEET_TEXT_BYTES`] of text.

/// Size of a workbook file on disk: 64 MiB (100 times the 10,000-participant
/// example). Checked before the file is read.
pub const FILE_BYTES: u64 = 64 << 20;

/// Parts (files) inside the zip of a workbook: a real XLSX has 10 to 50.
pub const PARTS: usize = 1_000;

/// Inflated size of one part, counted while inflating (the sizes the zip
/// declares are never trusted): 128 MiB, about 380,000 rows of the example.
pub const PART_BYTES: u64 = 128 << 20;

/// Inflated size of all parts together: 256 MiB.
pub const TOTAL_BYTES: u64 = 256 << 20;

/// Raw XML text of one cell or one shared string: 256 KiB. Excel itself
/// holds at most 32,767 characters in a cell; written with entities that
/// is at most about 200 KiB.
pub const CELL_XML_BYTES: usize = 256 << 10;

/// Entries of the shared-strings table: one per distinct text of the book.
pub const SHARED_STRINGS: usize = 1_000_000;

/// Records of one part that calamine keeps in memory, each far larger
/// than its XML (a 5-byte `<xf/>` becomes a style of some hundred bytes):
/// cell formats, fonts, fills, borders, number formats, sheets, defined
/// names, relationships. Excel itself holds at most 65,490 cell formats.
pub const RECORDS: usize = 100_000;

/// Rows of a sheet: the last row a cell may be in. A regional list of
/// 100,000 participants fits twice.
pub const SHEET_ROWS: u32 = 200_000;

/// Columns of a sheet: the last column a cell may be in (`GR`). The widest
/// table of the contract, a survey, has three columns and one per question.
pub const SHEET_COLUMNS: u32 = 200;

/// Filled cells of one sheet as read: 2,000,000 (200,000 rows of ten).
pub const SHEET_CELLS: usize = 2_000_000;

/// Text of one sheet as read, shared strings counted at every cell that
/// shows them: 128 MiB. A shared string is copied into each of its cells,
/// so without this bound a 32 KiB string shown in a million cells would
/// take 32 GB.
pub const SHEET_TEXT_BYTES: usize = 128 << 20;

/// Excel's own last row and column (`XFD1048576`): a reference beyond them
/// is not a spreadsheet's, and is refused as a damaged file.
pub const EXCEL_ROWS: u32 = 1_048_576;
pub const EXCEL_COLUMNS: u32 = 16_384;

/// `64 МиБ`, `256 КиБ`: a byte limit as a message shows it.
pub fn bytes_shown(n: u64) -> String {
    if n >= 1 << 20 && n.is_multiple_of(1 << 20) {
        format!("{} МиБ", n >> 20)
    } else if n >= 1 << 10 && n.is_multiple_of(1 << 10) {
        format!("{} КиБ", n >> 10)
    } else {
        format!("{n} байт")
    }
}

/// `200 000`: a count as a Russian text writes it (thin groups of three).
pub fn count_shown(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('\u{a0}');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limits_are_shown_as_people_read_them() {
        assert_eq!(bytes_shown(FILE_BYTES), "64 МиБ");
        assert_eq!(bytes_shown(CELL_XML_BYTES as u64), "256 КиБ");
        assert_eq!(bytes_shown(1000), "1000 байт");
        assert_eq!(count_shown(u64::from(SHEET_ROWS)), "200\u{a0}000");
        assert_eq!(count_shown(1_048_576), "1\u{a0}048\u{a0}576");
        assert_eq!(count_shown(999), "999");
    }
}
