//! The cells of one sheet as read: a stream of calamine's cells kept row
//! by row, only the filled ones. calamine's `Range` would allocate the
//! whole rectangle from the first filled cell to the last (one stray cell
//! at `XFD1048576` is 17 billion cells); here memory follows the cells
//! there are, bounded by [`limits::SHEET_CELLS`] and
//! [`limits::SHEET_TEXT_BYTES`]. Text that no document may hold
//! ([`forbidden_char`]) is a problem at its cell.
//!
//! What calamine would drop without a word (the scan notes it,
//! [`super::scan::Notes`]) is not dropped: a formula without a computed
//! value is a problem at its cell (calamine reads it as empty), and the
//! value of a merged range spanning rows is read in every row of it that
//! holds other cells (calamine gives it to the first row only: two pairs
//! of a group merged in «Дата окончания» had got another end date).

use super::limits::{self, bytes_shown, count_shown};
use super::scan::Notes;
use crate::diag::{cell_name, Place, Problem};
use crate::text::{forbidden_char, forbidden_message};
use calamine::{Data, DataRef, Xlsx, XlsxError};
use std::io::{Read, Seek};

/// Filled cells of a sheet, by row; positions relative to [`Grid::start`].
#[derive(Debug, Default)]
pub struct Grid {
    /// Absolute 0-based (row, column) of the top-left filled cell.
    start: Option<(u32, u32)>,
    /// One entry per row from the first filled row to the last; each holds
    /// its filled cells as (relative column, value), by column.
    rows: Vec<Vec<(usize, Data)>>,
    width: usize,
    /// Cells whose text no document may hold, found while reading.
    pub problems: Vec<Problem>,
    /// What Excel hides and is read all the same ([`super::hidden`]).
    pub hidden: super::hidden::Hidden,
}

/// Why a sheet could not be read.
#[derive(Debug)]
pub enum Unread {
    /// calamine could not read it (damaged XML, a missing part).
    Calamine(XlsxError),
    /// It breaks a limit: one problem, at the cell or the sheet.
    Limit(Problem),
}

impl Grid {
    /// Reads sheet `name` of `book`; `file` and `sheet` name it in problems;
    /// `notes` are the scan's of this sheet.
    pub fn read<RS: Read + Seek>(
        book: &mut Xlsx<RS>,
        name: &str,
        file: &str,
        sheet: &str,
        notes: Option<&Notes>,
    ) -> Result<Grid, Unread> {
        let mut reader = match book.worksheet_cells_reader(name) {
            Ok(r) => r,
            // A chart sheet or a dialog sheet holds no cells.
            Err(XlsxError::NotAWorksheet(_)) => return Ok(Grid::default()),
            Err(e) => return Err(Unread::Calamine(e)),
        };
        let place = |row: u32, column: u32| Place::Cell {
            file: file.to_owned(),
            sheet: sheet.to_owned(),
            cell: cell_name(column, row + 1),
        };
        let mut cells: Vec<(u32, u32, Data)> = Vec::new();
        let mut text_bytes = 0usize;
        let mut problems = Vec::new();
        while let Some(cell) = reader.next_cell().map_err(Unread::Calamine)? {
            let (row, column) = cell.get_position();
            let value = cell.get_value();
            if matches!(value, DataRef::Empty) {
                continue;
            }
            // The scan of the part (`scan`) refused these already; calamine
            // counts positions the same way, so this only guards that.
            if row >= limits::SHEET_ROWS || column >= limits::SHEET_COLUMNS {
                return Err(Unread::Limit(Problem::new(
                    place(row, column),
                    format!(
                        "ячейка за пределами читаемого листа ({} строк, {} столбцов)",
                        count_shown(u64::from(limits::SHEET_ROWS)),
                        limits::SHEET_COLUMNS
                    ),
                )));
            }
            if cells.len() >= limits::SHEET_CELLS {
                return Err(Unread::Limit(Problem::new(
                    Place::Sheet {
                        file: file.to_owned(),
                        sheet: sheet.to_owned(),
                    },
                    format!(
                        "на листе больше {} заполненных ячеек: такой лист не читается; разделите таблицу на несколько файлов",
                        count_shown(limits::SHEET_CELLS as u64)
                    ),
                )));
            }
            let text = match value {
                DataRef::String(s) | DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => {
                    Some(s.as_str())
                }
                DataRef::SharedString(s) => Some(*s),
                _ => None,
            };
            if let Some(text) = text {
                text_bytes += text.len();
                if text_bytes > limits::SHEET_TEXT_BYTES {
                    return Err(Unread::Limit(Problem::new(
                        place(row, column),
                        format!(
                            "текста на листе набралось больше {}: такой лист не читается; разделите таблицу на несколько файлов",
                            bytes_shown(limits::SHEET_TEXT_BYTES as u64)
                        ),
                    )));
                }
                if let Some(c) = forbidden_char(text) {
                    problems.push(Problem::new(place(row, column), forbidden_message(c)));
                }
            }
            cells.push((row, column, Data::from(value.clone())));
        }
        if let Some(notes) = notes {
            for &(row, column) in &notes.formulas {
                problems.push(Problem::new(
                    place(row, column),
                    "в ячейке формула без вычисленного значения (файл записан программой, которая не вычисляет формулы): nastavnik прочитал бы её как пустую; откройте файл в Excel или LibreOffice и сохраните заново — значения будут вычислены",
                ));
            }
            spread_merged(&mut cells, &notes.merged).map_err(|message| {
                Unread::Limit(Problem::new(
                    Place::Sheet {
                        file: file.to_owned(),
                        sheet: sheet.to_owned(),
                    },
                    message,
                ))
            })?;
        }
        let mut grid = Grid::from_cells(cells, problems);
        if let Some(notes) = notes {
            grid.hidden.rows = notes.hidden_rows.clone();
            grid.hidden.columns = notes.hidden_columns.clone();
        }
        Ok(grid)
    }

    /// Arranges cells in any order by row; of two cells at one place the
    /// later one in the file wins, as in calamine's `Range`.
    fn from_cells(mut cells: Vec<(u32, u32, Data)>, problems: Vec<Problem>) -> Grid {
        let Some(first_row) = cells.iter().map(|c| c.0).min() else {
            return Grid {
                problems,
                ..Grid::default()
            };
        };
        let first_column = cells.iter().map(|c| c.1).min().unwrap_or(0);
        let last_row = cells.iter().map(|c| c.0).max().unwrap_or(first_row);
        let last_column = cells.iter().map(|c| c.1).max().unwrap_or(first_column);
        // Stable: cells at one place keep their file order.
        cells.sort_by_key(|c| (c.0, c.1));
        let mut rows: Vec<Vec<(usize, Data)>> =
            (first_row..=last_row).map(|_| Vec::new()).collect();
        for (row, column, value) in cells {
            let cells = &mut rows[(row - first_row) as usize];
            let j = (column - first_column) as usize;
            match cells.last_mut() {
                Some(last) if last.0 == j => last.1 = value,
                _ => cells.push((j, value)),
            }
        }
        Grid {
            start: Some((first_row, first_column)),
            rows,
            width: (last_column - first_column) as usize + 1,
            problems,
            hidden: super::hidden::Hidden::default(),
        }
    }

    /// Absolute 0-based (row, column) of the top-left filled cell.
    pub fn start(&self) -> Option<(u32, u32)> {
        self.start
    }

    pub fn is_empty(&self) -> bool {
        self.start.is_none()
    }

    /// Rows from the first filled one to the last.
    pub fn height(&self) -> usize {
        self.rows.len()
    }

    /// Columns from the first filled one to the last.
    pub fn width(&self) -> usize {
        self.width
    }

    /// The filled cells of relative row `i`, by column.
    pub fn row(&self, i: usize) -> &[(usize, Data)] {
        self.rows.get(i).map_or(&[], Vec::as_slice)
    }

    /// The cell at relative (row, column), when it is filled.
    pub fn get(&self, (i, j): (usize, usize)) -> Option<&Data> {
        let row = self.row(i);
        row.binary_search_by_key(&j, |c| c.0)
            .ok()
            .map(|k| &row[k].1)
    }
}

/// Gives the value of each merged range of several rows (its first cell)
/// to the cells below it in its first column, in every row of the range
/// that holds other cells (a data row), where that cell is empty: as the
/// user sees the table. A row of nothing but the range (a title merged
/// over two rows) stays empty. The work is bounded by the cells of the
/// sheet ([`limits::SHEET_CELLS`]).
fn spread_merged(
    cells: &mut Vec<(u32, u32, Data)>,
    merged: &[(u32, u32, u32, u32)],
) -> Result<(), String> {
    if merged.is_empty() {
        return Ok(());
    }
    // Only the columns a range starts in are indexed: a sheet of two
    // million cells and one range costs little more than the range.
    let columns: std::collections::BTreeSet<u32> = merged.iter().map(|m| m.1).collect();
    let mut at: std::collections::BTreeMap<(u32, u32), usize> = std::collections::BTreeMap::new();
    let mut rows: std::collections::BTreeSet<u32> = std::collections::BTreeSet::new();
    for (i, (r, c, _)) in cells.iter().enumerate() {
        if columns.contains(c) {
            at.insert((*r, *c), i);
        }
        rows.insert(*r);
    }
    let mut work = 0usize;
    for &(r1, c1, r2, _) in merged {
        let Some(&first) = at.get(&(r1, c1)) else {
            continue;
        };
        let value = cells[first].2.clone();
        if matches!(value, Data::Empty) {
            continue;
        }
        let below: Vec<u32> = rows.range(r1 + 1..=r2).copied().collect();
        for r in below {
            work += 1;
            if work > limits::SHEET_CELLS || cells.len() >= limits::SHEET_CELLS {
                return Err(format!(
                    "объединённые ячейки покрывают больше {} ячеек: такой лист не читается; разъедините ячейки",
                    count_shown(limits::SHEET_CELLS as u64)
                ));
            }
            if let std::collections::btree_map::Entry::Vacant(e) = at.entry((r, c1)) {
                e.insert(cells.len());
                cells.push((r, c1, value.clone()));
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_in_any_order_arranged_by_row_last_one_wins() {
        let g = Grid::from_cells(
            vec![
                (7, 3, Data::Int(1)),
                (5, 2, Data::Int(2)),
                (7, 2, Data::Int(3)),
                (7, 3, Data::Int(4)),
            ],
            Vec::new(),
        );
        assert_eq!(g.start(), Some((5, 2)));
        assert_eq!((g.height(), g.width()), (3, 2));
        assert_eq!(g.get((0, 0)), Some(&Data::Int(2)));
        assert_eq!(g.get((1, 0)), None);
        assert_eq!(g.get((2, 0)), Some(&Data::Int(3)));
        assert_eq!(g.get((2, 1)), Some(&Data::Int(4)));
        assert_eq!(g.row(2).len(), 2);
        assert!(Grid::from_cells(Vec::new(), Vec::new()).is_empty());
    }
}
