//! One XML part of a workbook, scanned as a stream before calamine reads
//! it (see [`super::archive`]): the places where calamine would trust the
//! file are checked here, with calamine's own XML settings, so that the
//! scan sees the elements exactly as calamine will.
//!
//! - cell references (`<c r>`, `<row r>`, `<dimension ref>`): beyond
//!   Excel's sheet calamine's `u32` arithmetic overflows, so they are
//!   refused as damage; positions of cells without a reference are
//!   counted the way calamine counts them;
//! - every cell's position against [`limits::SHEET_ROWS`] and
//!   [`limits::SHEET_COLUMNS`]: a stray cell at `XFD1048576` or a
//!   million-row sheet stops here, at the first cell past the limit;
//! - the text of one cell or shared string ([`limits::CELL_XML_BYTES`]);
//! - the shared-strings table: its declared `uniqueCount` (calamine
//!   reserves memory for it) and its real count
//!   ([`limits::SHARED_STRINGS`]);
//! - records calamine keeps in memory, each larger than its XML: styles,
//!   sheets, defined names, relationships ([`limits::RECORDS`]).

use super::limits::{self, bytes_shown, count_shown};
use crate::diag::{cell_name, column_letters, Place, Problem};
use quick_xml::events::{BytesStart, Event};
use std::borrow::Cow;
use std::io::BufRead;

/// Which part is scanned, for the places of problems.
pub struct Context<'a> {
    pub file: &'a str,
    /// The part's path inside the zip.
    pub part: &'a str,
    /// The sheet's name, when the part is a known sheet.
    pub sheet: Option<&'a str>,
}

/// What a scan found that the caller decides on.
#[derive(Debug, Default)]
pub struct Scanned {
    /// `uniqueCount` of a shared-strings table, when it is a number.
    pub declared_strings: Option<u64>,
    /// What a sheet holds that calamine would read otherwise than the user
    /// means ([`Notes`]).
    pub notes: Notes,
}

/// A sheet's cells calamine drops without a word: formulas without a
/// computed value (calamine reads them as empty) and merged ranges
/// spanning rows (calamine gives the value to the first row only).
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Notes {
    /// 0-based (row, column) of formulas without a value, the first
    /// [`MAX_NOTES`].
    pub formulas: Vec<(u32, u32)>,
    /// Merged ranges of two rows and more, 0-based (first row, first
    /// column, last row, last column).
    pub merged: Vec<(u32, u32, u32, u32)>,
    /// 0-based rows marked hidden (`<row hidden="1">`) that hold cells, in
    /// file order, each once; at most [`limits::SHEET_ROWS`].
    pub hidden_rows: Vec<u32>,
    /// 0-based (first, last) columns marked hidden (`<col hidden="1">`);
    /// at most [`limits::EXCEL_COLUMNS`] ranges.
    pub hidden_columns: Vec<(u32, u32)>,
}

/// Formulas without a value noted per sheet: past this many, the first
/// ones are enough to say what is wrong.
pub const MAX_NOTES: usize = 100;

/// Why a scan stopped early.
#[derive(Debug)]
pub enum Stop {
    /// The part breaks a limit or is damaged where calamine would trust it.
    Problem(Problem),
    /// Reading the part failed (a limit of the counting reader, a damaged
    /// stream): the caller names it.
    Io(std::io::Error),
}

enum State {
    Outside,
    Strings {
        count: usize,
        /// Text bytes of the open `<si>`.
        open: Option<usize>,
    },
    Cells {
        row: u32,
        column: u32,
        /// The open `<c>`: its position and text bytes so far.
        open: Option<((u32, u32), usize)>,
    },
}

/// Elements calamine keeps one record in memory for ([`limits::RECORDS`]).
const RECORD_ELEMENTS: [&str; 9] = [
    "xf",
    "font",
    "fill",
    "border",
    "dxf",
    "numFmt",
    "sheet",
    "definedName",
    "Relationship",
];

/// The parts calamine reads when it opens a workbook: XML damaged or cut
/// off in one of them is refused here, naming the part (calamine's own
/// error names none). A sheet's damage is left to calamine, which reads a
/// sheet only when a table asks for it, and is reported at the sheet.
fn structure(part: &str) -> bool {
    let key = part.replace('\\', "/").to_ascii_lowercase();
    matches!(
        key.strip_prefix('/').unwrap_or(&key),
        "_rels/.rels"
            | "xl/workbook.xml"
            | "xl/_rels/workbook.xml.rels"
            | "xl/sharedstrings.xml"
            | "xl/styles.xml"
    )
}

/// Why a structure part's XML is refused.
fn damaged_xml(cx: &Context, cut: bool) -> Stop {
    let what = if cut {
        "XML обрывается на середине: файл обрезан или сохранён не до конца"
    } else {
        "XML повреждён или обрывается: файл испорчен или обрезан"
    };
    problem(
        cx,
        None,
        format!("{what}; откройте его в Excel или LibreOffice и сохраните заново как «Книга Excel (*.xlsx)»"),
    )
}

/// Scans one part; `Ok` when nothing in it is refused. XML that does not
/// parse ends the scan of a sheet without a problem (calamine stops at the
/// same place, reported at the sheet); in a part of the workbook's
/// structure ([`structure`]) it is refused, naming the part.
pub fn part(reader: impl BufRead, cx: &Context) -> Result<Scanned, Stop> {
    let mut xml = quick_xml::Reader::from_reader(reader);
    // calamine's settings (calamine::xlsx::xml_reader).
    let config = xml.config_mut();
    config.check_end_names = false;
    config.trim_text(false);
    config.check_comments = false;
    config.expand_empty_elements = true;
    let mut buf = Vec::new();
    let mut out = Scanned::default();
    let mut state = State::Outside;
    let mut records = 0usize;
    let strict = structure(cx.part);
    let mut depth = 0usize;
    // The open cell: whether it has a formula, a value (a `<v>` or inline
    // text that is not empty), and `t="str"` (a formula whose value is an
    // empty text: Excel writes `<v></v>`).
    let (mut formula, mut valued, mut text_type, mut in_value) = (false, false, false, false);
    // The open `<row>` is hidden; its number, once noted.
    let (mut row_hidden, mut row_noted) = (false, false);
    loop {
        buf.clear();
        let event = match xml.read_event_into(&mut buf) {
            Ok(e) => e,
            Err(quick_xml::Error::Io(e)) => {
                return Err(Stop::Io(std::io::Error::new(e.kind(), e.to_string())))
            }
            // quick-xml's syntax errors but one are a construct left
            // unclosed at the end of the input.
            Err(quick_xml::Error::Syntax(e))
                if strict && !matches!(e, quick_xml::errors::SyntaxError::InvalidBangMarkup) =>
            {
                return Err(damaged_xml(cx, true))
            }
            Err(_) if strict => return Err(damaged_xml(cx, false)),
            Err(_) => return Ok(out),
        };
        match &event {
            Event::Start(_) => depth += 1,
            Event::End(_) => depth = depth.saturating_sub(1),
            Event::Eof if strict && depth > 0 => return Err(damaged_xml(cx, true)),
            _ => {}
        }
        if let Event::Start(e) = &event {
            if RECORD_ELEMENTS.contains(&e.local_name().as_ref()) {
                records += 1;
                if records > limits::RECORDS {
                    return Err(problem(
                        cx,
                        None,
                        format!(
                            "больше {} записей оформления, листов или связей: файл повреждён или подделан",
                            count_shown(limits::RECORDS as u64)
                        ),
                    ));
                }
            }
        }
        match event {
            Event::Start(e) => match (e.local_name().as_ref(), &mut state) {
                ("sst", State::Outside) => {
                    out.declared_strings = attr(&e, "uniqueCount").and_then(|v| digits(&v));
                    state = State::Strings {
                        count: 0,
                        open: None,
                    };
                }
                ("si", State::Strings { count, open }) => {
                    *count += 1;
                    if *count > limits::SHARED_STRINGS {
                        return Err(problem(
                            cx,
                            None,
                            format!(
                                "в таблице общих строк больше {} строк: таблица с таким числом разных текстов не читается",
                                count_shown(limits::SHARED_STRINGS as u64)
                            ),
                        ));
                    }
                    *open = Some(0);
                }
                ("dimension", State::Outside) => {
                    if let Some(range) = attr(&e, "ref") {
                        dimension(&range, cx)?;
                    }
                }
                ("sheetData", State::Outside) => {
                    state = State::Cells {
                        row: 0,
                        column: 0,
                        open: None,
                    };
                }
                ("row", State::Cells { row, .. }) => {
                    if let Some(r) = attr(&e, "r") {
                        let Some((number, _)) = reference(&r) else {
                            return Err(damaged_reference(cx, &r));
                        };
                        *row = number;
                    }
                    row_hidden = attr(&e, "hidden").is_some_and(|v| truth(&v));
                    row_noted = false;
                }
                ("col", State::Outside)
                    if attr(&e, "hidden").is_some_and(|v| truth(&v))
                        && out.notes.hidden_columns.len() < limits::EXCEL_COLUMNS as usize =>
                {
                    let bound = |name| {
                        attr(&e, name)
                            .and_then(|v| digits(&v))
                            .filter(|n| (1..=u64::from(limits::EXCEL_COLUMNS)).contains(n))
                            .map(|n| n as u32 - 1)
                    };
                    if let (Some(min), Some(max)) = (bound("min"), bound("max")) {
                        if min <= max {
                            out.notes.hidden_columns.push((min, max));
                        }
                    }
                }
                ("c", State::Cells { row, column, open }) => {
                    // `r` and `t` in one pass over the attributes.
                    let (r, t) = attr_pair(&e, "r", "t");
                    let at = match r {
                        Some(r) => match reference(&r) {
                            Some((number, Some(c))) => (number, c),
                            _ => return Err(damaged_reference(cx, &r)),
                        },
                        None => (*row, *column),
                    };
                    within_limits(at, cx)?;
                    if row_hidden
                        && !row_noted
                        && out.notes.hidden_rows.len() < limits::SHEET_ROWS as usize
                    {
                        out.notes.hidden_rows.push(at.0);
                        row_noted = true;
                    }
                    *column = at.1 + 1;
                    *open = Some((at, 0));
                    formula = false;
                    valued = false;
                    in_value = false;
                    text_type = t.is_some_and(|t| t == "str");
                }
                ("f", State::Cells { open: Some(_), .. }) => formula = true,
                ("v" | "t", State::Cells { open: Some(_), .. }) => in_value = true,
                ("mergeCell", State::Outside) => {
                    if let Some(range) = attr(&e, "ref") {
                        let (first, last) = range.split_once(':').unwrap_or((&range, &range));
                        if let (Some((r1, Some(c1))), Some((r2, Some(c2)))) =
                            (reference(first), reference(last))
                        {
                            if r2 > r1 {
                                if out.notes.merged.len() >= limits::RECORDS {
                                    return Err(problem(
                                        cx,
                                        None,
                                        format!(
                                            "больше {} объединённых областей: файл повреждён или подделан",
                                            count_shown(limits::RECORDS as u64)
                                        ),
                                    ));
                                }
                                out.notes.merged.push((r1, c1, r2, c2));
                            }
                        }
                    }
                }
                _ => {}
            },
            Event::End(e) => match (e.local_name().as_ref(), &mut state) {
                ("si", State::Strings { open, .. }) => *open = None,
                ("sst", State::Strings { .. }) => state = State::Outside,
                ("row", State::Cells { row, column, .. }) => {
                    *row = row.saturating_add(1);
                    *column = 0;
                    row_hidden = false;
                }
                ("c", State::Cells { open, .. }) => {
                    if let Some((at, _)) = open {
                        if formula && !valued && !text_type && out.notes.formulas.len() < MAX_NOTES
                        {
                            out.notes.formulas.push(*at);
                        }
                    }
                    *open = None;
                }
                ("v" | "t", State::Cells { .. }) => in_value = false,
                // Merged ranges come after the cells.
                ("sheetData", State::Cells { .. }) => state = State::Outside,
                _ => {}
            },
            Event::Text(t) => {
                if in_value && !t.is_empty() {
                    valued = true;
                }
                text(&mut state, t.len(), cx)?
            }
            Event::CData(t) => {
                if in_value && !t.is_empty() {
                    valued = true;
                }
                text(&mut state, t.len(), cx)?
            }
            Event::GeneralRef(t) => text(&mut state, t.len() + 2, cx)?,
            Event::Eof => return Ok(out),
            _ => {}
        }
    }
}

/// Adds `len` bytes of text to the open cell or shared string.
fn text(state: &mut State, len: usize, cx: &Context) -> Result<(), Stop> {
    let (open, at) = match state {
        State::Strings {
            open: Some(bytes), ..
        } => (bytes, None),
        State::Cells {
            open: Some((at, bytes)),
            ..
        } => (bytes, Some(*at)),
        _ => return Ok(()),
    };
    *open += len;
    if *open > limits::CELL_XML_BYTES {
        let what = if at.is_some() {
            "текст ячейки"
        } else {
            "строка таблицы общих строк"
        };
        return Err(problem(
            cx,
            at.map(|(r, c)| cell_name(c, r + 1)),
            format!(
                "{what} занимает больше {}, а в ячейке Excel не больше 32 767 знаков: файл повреждён или подделан",
                bytes_shown(limits::CELL_XML_BYTES as u64)
            ),
        ));
    }
    Ok(())
}

/// A cell's 0-based (row, column) against the limits of a sheet as read.
fn within_limits((row, column): (u32, u32), cx: &Context) -> Result<(), Stop> {
    let cell = cell_name(column, row + 1);
    if row >= limits::SHEET_ROWS {
        return Err(problem(
            cx,
            Some(cell),
            format!(
                "заполнена ячейка в строке {}, а лист читается до строки {}: удалите то, что записано ниже таблицы, или разделите таблицу на несколько файлов",
                count_shown(u64::from(row) + 1),
                count_shown(u64::from(limits::SHEET_ROWS))
            ),
        ));
    }
    if column >= limits::SHEET_COLUMNS {
        return Err(problem(
            cx,
            Some(cell),
            format!(
                "заполнена ячейка в столбце {} ({}-м), а лист читается до столбца {} ({}-го): удалите то, что записано правее таблицы",
                column_letters(column),
                count_shown(u64::from(column) + 1),
                column_letters(limits::SHEET_COLUMNS - 1),
                limits::SHEET_COLUMNS
            ),
        ));
    }
    Ok(())
}

/// `<dimension ref>`: one cell or a range whose end is not before its start.
fn dimension(range: &str, cx: &Context) -> Result<(), Stop> {
    let parts: Vec<Option<(u32, Option<u32>)>> = range.split(':').map(reference).collect();
    let ok = match parts.as_slice() {
        [Some((_, Some(_)))] => true,
        [Some((r1, Some(c1))), Some((r2, Some(c2)))] => r1 <= r2 && c1 <= c2,
        _ => false,
    };
    if ok {
        return Ok(());
    }
    Err(problem(
        cx,
        None,
        format!(
            "файл повреждён: размер листа записан как «{}», а это не диапазон ячеек Excel",
            shortened(range)
        ),
    ))
}

fn damaged_reference(cx: &Context, r: &str) -> Stop {
    problem(
        cx,
        Some(shortened(r)),
        format!(
            "файл повреждён: ссылка на ячейку «{}» за пределами листа Excel (последняя ячейка — XFD1048576)",
            shortened(r)
        ),
    )
}

/// A cell reference `AB12` (or a row number `12`, column `None`) as
/// 0-based (row, column), when it lies within Excel's sheet. calamine
/// accepts lower-case letters too.
pub fn reference(text: &str) -> Option<(u32, Option<u32>)> {
    let bytes = text.as_bytes();
    let letters = bytes.iter().take_while(|b| b.is_ascii_alphabetic()).count();
    let digits = &bytes[letters..];
    if letters > 3 || digits.is_empty() || digits.len() > 7 {
        return None;
    }
    if !digits.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let row: u32 = digits.iter().fold(0, |n, d| n * 10 + u32::from(d - b'0'));
    if row == 0 || row > limits::EXCEL_ROWS {
        return None;
    }
    let column = if letters == 0 {
        None
    } else {
        let n = bytes[..letters].iter().fold(0u32, |n, b| {
            n * 26 + u32::from(b.to_ascii_uppercase() - b'A') + 1
        });
        if n > limits::EXCEL_COLUMNS {
            return None;
        }
        Some(n - 1)
    };
    Some((row - 1, column))
}

/// An attribute's raw value by local name (cell references and counts
/// have no entities; calamine reads them raw too).
///
/// Without quick-xml's duplicate check (quadratic in the attributes, 2 % of
/// `validate` on 5,000): the first attribute of the name is found either
/// way, a repeated one was skipped after it.
fn attr<'e>(e: &'e BytesStart, name: &str) -> Option<Cow<'e, str>> {
    e.attributes()
        .with_checks(false)
        .filter_map(Result::ok)
        .find(|a| a.key.local_name().as_ref() == name)
        .map(|a| a.value)
}

/// The raw values of two attributes, each the first of its name, in one
/// pass (what two calls of [`attr`] give).
fn attr_pair<'e>(
    e: &'e BytesStart,
    first: &str,
    second: &str,
) -> (Option<Cow<'e, str>>, Option<Cow<'e, str>>) {
    let (mut a, mut b) = (None, None);
    for x in e.attributes().with_checks(false).filter_map(Result::ok) {
        let name = x.key.local_name();
        if a.is_none() && name.as_ref() == first {
            a = Some(x.value);
        } else if b.is_none() && name.as_ref() == second {
            b = Some(x.value);
        }
        if a.is_some() && b.is_some() {
            break;
        }
    }
    (a, b)
}

/// An XML boolean that is true (`1` or `true`).
fn truth(value: &str) -> bool {
    matches!(value.trim(), "1" | "true")
}

/// A count as calamine reads it (ASCII digits only), saturating.
fn digits(text: &str) -> Option<u64> {
    if text.is_empty() || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    Some(text.bytes().fold(0u64, |n, d| {
        n.saturating_mul(10).saturating_add(u64::from(d - b'0'))
    }))
}

/// At most 24 characters of what the file wrote, for a message.
fn shortened(text: &str) -> String {
    let mut out: String = text.chars().take(24).collect();
    if out.len() < text.len() {
        out.push('…');
    }
    out
}

/// A problem at the cell (or the sheet) when the part is a known sheet,
/// else at the file with the part named.
fn problem(cx: &Context, cell: Option<String>, message: String) -> Stop {
    let file = cx.file.to_owned();
    Stop::Problem(match (cx.sheet, cell) {
        (Some(sheet), Some(cell)) => Problem::new(
            Place::Cell {
                file,
                sheet: sheet.to_owned(),
                cell,
            },
            message,
        ),
        (Some(sheet), None) => Problem::new(
            Place::Sheet {
                file,
                sheet: sheet.to_owned(),
            },
            message,
        ),
        (None, Some(cell)) => Problem::new(
            Place::File { file },
            format!("часть «{}», ячейка {cell}: {message}", cx.part),
        ),
        (None, None) => Problem::new(
            Place::File { file },
            format!("часть «{}»: {message}", cx.part),
        ),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_within_excel_only() {
        assert_eq!(reference("A1"), Some((0, Some(0))));
        assert_eq!(reference("ab12"), Some((11, Some(27))));
        assert_eq!(reference("XFD1048576"), Some((1_048_575, Some(16_383))));
        assert_eq!(reference("15"), Some((14, None)));
        assert_eq!(reference("XFE1"), None);
        assert_eq!(reference("A1048577"), None);
        assert_eq!(reference("ZZZZZZZZ15"), None);
        assert_eq!(reference("A0"), None);
        assert_eq!(reference("A"), None);
        assert_eq!(reference("A99999999999"), None);
        assert_eq!(reference("$A$1"), None);
        assert_eq!(reference("A1B"), None);
    }

    #[test]
    fn counts_as_calamine_reads_them() {
        assert_eq!(digits("1000000000"), Some(1_000_000_000));
        assert_eq!(digits("18446744073709551615"), Some(u64::MAX));
        assert_eq!(digits("99999999999999999999999"), Some(u64::MAX));
        assert_eq!(digits("12a"), None);
        assert_eq!(digits(""), None);
    }
}
