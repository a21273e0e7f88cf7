//! One table on one sheet: finding the header row below any title rows,
//! matching headers forgivingly, and giving each data row with the places
//! of its cells.

use super::cell;
use super::grid::Grid;
use super::header::{assign, Assigned, Matcher, Unread};
use crate::diag::{cell_name, Place, Problem};
use crate::model::RowSource;
use calamine::Data;
use std::collections::BTreeMap;

/// How many rows from the top are searched for the header row.
pub const HEADER_SCAN_ROWS: usize = 20;

/// One expected column: its id, the header as the contract writes it, and
/// the other headers people use for it.
#[derive(Debug, Clone, Copy)]
pub struct Column {
    pub id: &'static str,
    pub title: &'static str,
    pub synonyms: &'static [&'static str],
    pub required: bool,
    /// What its cells hold: the blank forms (`crate::forms`) give the
    /// column its dropdown or rule from it.
    pub cells: Cells,
    /// What to type, in Russian: the blank forms' input message of the
    /// column (at most 255 characters, Excel's limit; tested).
    pub hint: &'static str,
}

/// What a column's cells hold, as the reader takes them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cells {
    /// Any text.
    Text,
    /// A number (years of experience).
    Number,
    /// A date: an Excel date or `дд.мм.гггг` text.
    Date,
    /// «да» / «нет» (or empty).
    YesNo,
    /// A mentor's category ([`super::categories::mentor`]).
    MentorCategory,
    /// A mentee's category ([`super::categories::mentee`]).
    MenteeCategory,
    /// A form of mentoring ([`crate::model::Form`]).
    Form,
    /// A stage of the programme, 1 to 7.
    Stage,
    /// A survey's role: наставник / наставляемый.
    Role,
    /// A monitoring stage, 1 or 2.
    Phase,
    /// A course of professional education, 1 to 6
    /// ([`super::people::COURSES`]).
    Course,
    /// A document's number and date («№ 14 от 10.10.2025», [`crate::docref`]).
    Reference,
    /// A deadline: a date or text («сентябрь 2025»).
    Deadline,
}

pub use crate::model::{ColumnRef, TableLayout};

/// The layout of a table whose header row holds `headers` from column A:
/// each expected column found there, by the same matching as reading.
/// The example school describes the sheets it writes with it.
pub fn layout_of(file: &str, sheet: &str, headers: &[&str], columns: &[Column]) -> TableLayout {
    let matcher = Matcher::new(columns, &BTreeMap::new());
    let row: Vec<(usize, String)> = headers
        .iter()
        .enumerate()
        .map(|(j, h)| (j, (*h).to_owned()))
        .collect();
    let assigned = assign(&matcher, &row);
    TableLayout {
        file: file.to_owned(),
        sheet: sheet.to_owned(),
        columns: assigned
            .columns
            .iter()
            .map(|(id, j)| {
                (
                    (*id).to_owned(),
                    ColumnRef {
                        letter: crate::diag::column_letters(u32::try_from(*j).unwrap_or(u32::MAX)),
                        header: assigned.titles.get(id).cloned().unwrap_or_default(),
                    },
                )
            })
            .collect(),
    }
}

/// A sheet with its header found: every data row can be read by column id.
pub struct Sheet<'r> {
    pub file: String,
    pub sheet: String,
    grid: &'r Grid,
    /// Absolute 0-based (row, column) of the grid's top-left cell.
    origin: (u32, u32),
    /// Relative index of the header row inside the grid.
    header_row: usize,
    /// Column id → relative column index.
    columns: BTreeMap<&'static str, usize>,
    /// Column id → its header as typed.
    titles: BTreeMap<&'static str, String>,
    /// Headers that matched no expected column: (relative column, text).
    pub other_headers: Vec<(usize, String)>,
    /// Headers not read as a column, with why (the survey reads some of
    /// [`Sheet::other_headers`] as its questions).
    pub unread: Vec<(usize, String, Unread)>,
    /// Relative columns holding values below a blank header.
    pub headerless: Vec<usize>,
}

/// One data row: where it is and its cells.
pub struct Row<'s, 'r> {
    sheet: &'s Sheet<'r>,
    /// Relative index inside the grid.
    index: usize,
}

impl<'r> Sheet<'r> {
    /// Finds the header row: of the first [`HEADER_SCAN_ROWS`] rows, the one
    /// matching the most expected columns (required ones first). A required
    /// column missing from it is a problem naming the header expected and the
    /// headers found, placed at the sheet.
    pub fn find(
        file: &str,
        sheet: &str,
        grid: &'r Grid,
        columns: &[Column],
    ) -> Result<Sheet<'r>, Vec<Problem>> {
        Sheet::find_mapped(file, sheet, grid, columns, &BTreeMap::new())
    }

    /// [`Sheet::find`] with the headers programme.json maps to column ids
    /// (`inputs.NAME.columns`: header as typed → id).
    pub fn find_mapped(
        file: &str,
        sheet: &str,
        grid: &'r Grid,
        columns: &[Column],
        mapping: &BTreeMap<String, String>,
    ) -> Result<Sheet<'r>, Vec<Problem>> {
        let origin = grid.start().unwrap_or((0, 0));
        let matcher = Matcher::new(columns, mapping);
        let mut best: Option<(usize, usize, usize)> = None; // (required, all, row)
        for i in 0..grid.height().min(HEADER_SCAN_ROWS) {
            let mut seen = vec![false; columns.len()];
            for (_, d) in grid.row(i) {
                if let Data::String(s) = d {
                    for (c, _) in matcher.fits(s) {
                        seen[c] = true;
                    }
                }
            }
            let all = seen.iter().filter(|s| **s).count();
            let required = seen
                .iter()
                .zip(columns)
                .filter(|(s, c)| **s && c.required)
                .count();
            if all > 0 && best.is_none_or(|(r, a, _)| (required, all) > (r, a)) {
                best = Some((required, all, i));
            }
        }
        let sheet_place = || Place::Sheet {
            file: file.to_owned(),
            sheet: sheet.to_owned(),
        };
        let Some((_, _, header_row)) = best else {
            let expected: Vec<String> = columns
                .iter()
                .filter(|c| c.required)
                .map(|c| format!("«{}»", c.title))
                .collect();
            let message = if grid.is_empty() {
                format!(
                    "лист пуст; ожидается таблица со столбцами {}",
                    expected.join(", ")
                )
            } else {
                format!(
                    "не найдена строка заголовков: в первых {HEADER_SCAN_ROWS} строках нет ни одного из столбцов {}",
                    expected.join(", ")
                )
            };
            return Err(vec![Problem::new(sheet_place(), message)]);
        };
        let header: Vec<(usize, String)> = grid
            .row(header_row)
            .iter()
            .filter_map(|(j, d)| cell::text(d).ok().flatten().map(|t| (*j, t)))
            .collect();
        let Assigned {
            columns: map,
            titles,
            unread,
        } = assign(&matcher, &header);
        let other_headers = unread
            .iter()
            .filter(|(_, _, why)| *why == Unread::Unknown)
            .map(|(j, t, _)| (*j, t.clone()))
            .collect();
        let headerless = headerless(grid, header_row, &header);
        let found = header
            .iter()
            .map(|(_, t)| format!("«{t}»"))
            .collect::<Vec<_>>()
            .join(", ");
        let problems: Vec<Problem> = columns
            .iter()
            .filter(|c| c.required && !map.contains_key(c.id))
            .map(|c| {
                Problem::new(
                    sheet_place(),
                    format!(
                        "нет обязательного столбца «{}» (строка заголовков {}); найдены столбцы: {found}",
                        c.title,
                        origin.0 as usize + header_row + 1
                    ),
                )
            })
            .collect();
        if !problems.is_empty() {
            return Err(problems);
        }
        Ok(Sheet {
            file: file.to_owned(),
            sheet: sheet.to_owned(),
            grid,
            origin,
            header_row,
            columns: map,
            titles,
            other_headers,
            unread,
            headerless,
        })
    }

    /// Where each column of the table is: its letter and header as typed,
    /// so that a finding can name the cell of the value it is about.
    pub fn layout(&self) -> TableLayout {
        TableLayout {
            file: self.file.clone(),
            sheet: self.sheet.clone(),
            columns: self
                .columns
                .iter()
                .map(|(id, j)| {
                    let absolute = self.origin.1 + u32::try_from(*j).unwrap_or(u32::MAX);
                    (
                        (*id).to_owned(),
                        ColumnRef {
                            letter: crate::diag::column_letters(absolute),
                            header: self.titles.get(id).cloned().unwrap_or_default(),
                        },
                    )
                })
                .collect(),
        }
    }

    /// What Excel hides of the sheet ([`super::hidden`]).
    pub fn hidden(&self) -> &super::hidden::Hidden {
        &self.grid.hidden
    }

    /// Each column read: its id and absolute 0-based index.
    pub fn read_columns(&self) -> impl Iterator<Item = (&'static str, u32)> + '_ {
        self.columns
            .iter()
            .map(|(id, j)| (*id, self.origin.1 + u32::try_from(*j).unwrap_or(0)))
    }

    /// The header cell of absolute 0-based column `absolute`.
    pub fn header_place_absolute(&self, absolute: u32) -> Place {
        let row = self.origin.0 + u32::try_from(self.header_row).unwrap_or(0) + 1;
        Place::Cell {
            file: self.file.clone(),
            sheet: self.sheet.clone(),
            cell: cell_name(absolute, row),
        }
    }

    /// The column letter of relative column `relative`.
    pub fn letter(&self, relative: usize) -> String {
        crate::diag::column_letters(self.origin.1 + u32::try_from(relative).unwrap_or(0))
    }

    /// The header cell of relative column `relative`.
    pub fn header_place(&self, relative: usize) -> Place {
        let row = self.origin.0 + u32::try_from(self.header_row).unwrap_or(0) + 1;
        self.place_at(row, relative)
    }

    /// Does the header row hold `typed` (up to [`crate::text::key`])?
    pub fn has_header(&self, typed: &str) -> bool {
        let k = crate::text::key(typed);
        self.grid.row(self.header_row).iter().any(|(_, d)| match d {
            Data::String(s) => crate::text::key(s) == k,
            _ => false,
        })
    }

    /// The header a column id was read from, as typed.
    pub fn header_of(&self, id: &str) -> Option<&str> {
        self.titles.get(id).map(String::as_str)
    }

    /// Is the column present in the header?
    pub fn has(&self, id: &str) -> bool {
        self.columns.contains_key(id)
    }

    /// Absolute 0-based column index of a column id, for places of problems.
    pub fn column_index(&self, id: &str) -> Option<u32> {
        self.columns
            .get(id)
            .map(|j| self.origin.1 + u32::try_from(*j).unwrap_or(0))
    }

    /// Data rows below the header, blank rows skipped.
    pub fn rows(&self) -> impl Iterator<Item = Row<'_, 'r>> + '_ {
        (self.header_row + 1..self.grid.height())
            .map(move |index| Row { sheet: self, index })
            .filter(|r| !r.is_blank())
    }

    /// The cell place of column `relative` on a 1-based `row`.
    pub fn place_at(&self, row: u32, relative: usize) -> Place {
        Place::Cell {
            file: self.file.clone(),
            sheet: self.sheet.clone(),
            cell: cell_name(self.origin.1 + u32::try_from(relative).unwrap_or(0), row),
        }
    }
}

impl Row<'_, '_> {
    /// 1-based row number as the spreadsheet shows it.
    pub fn number(&self) -> u32 {
        self.sheet.origin.0 + u32::try_from(self.index).unwrap_or(u32::MAX - 1) + 1
    }

    pub fn source(&self) -> RowSource {
        RowSource {
            file: self.sheet.file.clone(),
            sheet: self.sheet.sheet.clone(),
            row: self.number(),
        }
    }

    fn is_blank(&self) -> bool {
        self.sheet
            .grid
            .row(self.index)
            .iter()
            .all(|(_, d)| cell::is_blank(d))
    }

    fn raw(&self, relative: usize) -> Option<&Data> {
        self.sheet.grid.get((self.index, relative))
    }

    /// The cell of a column id (blank when the column is absent).
    pub fn get(&self, id: &str) -> &Data {
        static EMPTY: Data = Data::Empty;
        self.sheet
            .columns
            .get(id)
            .and_then(|j| self.raw(*j))
            .unwrap_or(&EMPTY)
    }

    /// The cell at a relative column index (for survey questions).
    pub fn get_at(&self, relative: usize) -> &Data {
        static EMPTY: Data = Data::Empty;
        self.raw(relative).unwrap_or(&EMPTY)
    }

    /// The place of a column id's cell on this row.
    pub fn place(&self, id: &str) -> Place {
        match self.sheet.columns.get(id) {
            Some(j) => self.sheet.place_at(self.number(), *j),
            None => Place::Row {
                file: self.sheet.file.clone(),
                sheet: self.sheet.sheet.clone(),
                row: self.number(),
            },
        }
    }

    pub fn place_at(&self, relative: usize) -> Place {
        self.sheet.place_at(self.number(), relative)
    }

    /// Reads a cell with `read`; an unreadable value becomes a problem at
    /// the cell, prefixed by the column's title.
    pub fn read<T>(
        &self,
        column: &Column,
        read: impl Fn(&Data) -> Result<Option<T>, String>,
        problems: &mut Vec<Problem>,
    ) -> Option<T> {
        match read(self.get(column.id)) {
            Ok(v) => v,
            Err(message) => {
                problems.push(Problem::new(
                    self.place(column.id),
                    format!("«{}»: {message}", column.title),
                ));
                None
            }
        }
    }

    /// Like [`Row::read`], but a blank cell in a required column is a problem too.
    pub fn require<T>(
        &self,
        column: &Column,
        read: impl Fn(&Data) -> Result<Option<T>, String>,
        problems: &mut Vec<Problem>,
    ) -> Option<T> {
        let before = problems.len();
        let value = self.read(column, read, problems);
        if value.is_none() && problems.len() == before {
            problems.push(Problem::new(
                self.place(column.id),
                format!("не заполнен обязательный столбец «{}»", column.title),
            ));
        }
        value
    }
}

/// Columns with a value below the header row and no header: their values
/// are read by nothing, and said so.
fn headerless(grid: &Grid, header_row: usize, header: &[(usize, String)]) -> Vec<usize> {
    let width = grid.width();
    let mut named = vec![false; width];
    for (j, _) in header {
        if let Some(n) = named.get_mut(*j) {
            *n = true;
        }
    }
    let mut found = vec![false; width];
    for i in header_row + 1..grid.height() {
        for (j, d) in grid.row(i) {
            if named.get(*j) == Some(&false) && !found[*j] && !cell::is_blank(d) {
                found[*j] = true;
            }
        }
    }
    (0..width).filter(|j| found[*j]).collect()
}
