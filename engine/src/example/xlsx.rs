//! Writing the example tables with rust_xlsxwriter so that they look like
//! real school tables: a merged title row, a bold header, column widths,
//! real Excel dates in date columns (and, on the «Пары» sheet, some dates
//! typed as text, to show that both are read). Fixed document properties
//! keep the bytes identical from run to run.

use super::FIRST_DATA_ROW;
use chrono::{Datelike, NaiveDate};
use rust_xlsxwriter::{
    DocProperties, ExcelDateTime, Format, FormatAlign, FormatBorder, Workbook, XlsxError,
};

/// One cell of an example sheet.
pub enum Cell {
    Text(String),
    Number(f64),
    Date(NaiveDate),
    Empty,
}

impl Cell {
    pub fn opt_text(t: &Option<String>) -> Cell {
        t.as_ref().map_or(Cell::Empty, |t| Cell::Text(t.clone()))
    }
    pub fn opt_number(n: Option<f64>) -> Cell {
        n.map_or(Cell::Empty, Cell::Number)
    }
    pub fn opt_date(d: Option<NaiveDate>) -> Cell {
        d.map_or(Cell::Empty, Cell::Date)
    }
    pub fn yes_no(b: Option<bool>) -> Cell {
        match b {
            Some(true) => Cell::Text("да".into()),
            Some(false) => Cell::Text("нет".into()),
            None => Cell::Empty,
        }
    }
}

/// One sheet: its name, a title above the table, headers with widths, rows.
pub struct SheetSpec {
    pub name: &'static str,
    pub title: String,
    pub columns: Vec<(&'static str, f64)>,
    pub rows: Vec<Vec<Cell>>,
}

fn date_time(d: NaiveDate) -> Result<ExcelDateTime, XlsxError> {
    let year = u16::try_from(d.year()).unwrap_or(1900);
    ExcelDateTime::from_ymd(year, d.month() as u8, d.day() as u8)
}

/// A workbook of `sheets` as XLSX bytes.
pub fn workbook(sheets: &[SheetSpec]) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    let created = ExcelDateTime::from_ymd(2025, 9, 1)?.and_hms(9, 0, 0)?;
    book.set_properties(
        &DocProperties::new()
            .set_author("nastavnik")
            .set_company("МБОУ «СОШ № 17» г. Омска")
            .set_creation_datetime(&created),
    );
    let title = Format::new()
        .set_bold()
        .set_font_size(13)
        .set_align(FormatAlign::Center)
        .set_align(FormatAlign::VerticalCenter)
        .set_text_wrap();
    let header = Format::new()
        .set_bold()
        .set_text_wrap()
        .set_align(FormatAlign::Center)
        .set_align(FormatAlign::VerticalCenter)
        .set_border(FormatBorder::Thin)
        .set_background_color("#DDEBF7");
    let body = Format::new()
        .set_text_wrap()
        .set_align(FormatAlign::Top)
        .set_border(FormatBorder::Thin);
    let date = body.clone().set_num_format("dd.mm.yyyy");
    for spec in sheets {
        let sheet = book.add_worksheet();
        sheet.set_name(spec.name)?;
        let last = u16::try_from(spec.columns.len().saturating_sub(1)).unwrap_or(0);
        sheet.merge_range(0, 0, 0, last, &spec.title, &title)?;
        sheet.set_row_height(0, 36)?;
        let header_row = FIRST_DATA_ROW - 2;
        for (j, (name, width)) in spec.columns.iter().enumerate() {
            let col = u16::try_from(j).unwrap_or(u16::MAX);
            sheet.set_column_width(col, *width)?;
            sheet.write_string_with_format(header_row, col, *name, &header)?;
        }
        sheet.set_freeze_panes(header_row + 1, 0)?;
        for (i, row) in spec.rows.iter().enumerate() {
            let r = FIRST_DATA_ROW - 1 + u32::try_from(i).unwrap_or(0);
            for (j, cell) in row.iter().enumerate() {
                let col = u16::try_from(j).unwrap_or(u16::MAX);
                match cell {
                    Cell::Text(t) => {
                        sheet.write_string_with_format(r, col, t, &body)?;
                    }
                    Cell::Number(n) => {
                        sheet.write_number_with_format(r, col, *n, &body)?;
                    }
                    Cell::Date(d) => {
                        sheet.write_datetime_with_format(r, col, date_time(*d)?, &date)?;
                    }
                    Cell::Empty => {
                        sheet.write_blank(r, col, &body)?;
                    }
                }
            }
        }
    }
    book.save_to_buffer()
}
