//! `word/embeddings/Microsoft_Excel_WorksheetN.xlsx`: a chart's data as the
//! workbook Word opens when the curator chooses «Изменить данные».
//!
//! The layout is the one Word gives a new chart, so Word edits it as its
//! own: categories in column A from row 2, one column per series from B,
//! the series' names in row 1. The chart part's formulas
//! ([`super::chart_space`]) name these cells. rust_xlsxwriter writes the
//! workbook valid as it stands; its creation date is fixed, so two runs
//! give the same bytes.

use crate::diag::{Error, Result};
use crate::render::markup::Chart;
use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Workbook, XlsxError};

/// The sheet the formulas name: Word's own name for it in Russian.
pub const SHEET: &str = "Лист1";

/// The column letter of the `n`-th column from 0 (A, B, … Z, AA, …).
pub fn column(n: usize) -> String {
    let mut n = n + 1;
    let mut out = Vec::new();
    while n > 0 {
        out.push(char::from(b'A' + ((n - 1) % 26) as u8));
        n = (n - 1) / 26;
    }
    out.iter().rev().collect()
}

/// The name of series `i` in the workbook and the chart: its own, or for
/// a chart of one unnamed series the chart's title.
pub fn series_name(chart: &Chart, i: usize) -> String {
    match chart.series.get(i).and_then(|s| s.name.clone()) {
        Some(name) => name,
        None if chart.title.is_empty() => "Значение".to_owned(),
        None => chart.title.clone(),
    }
}

/// The workbook's bytes.
pub fn workbook(chart: &Chart) -> Result<Vec<u8>> {
    build(chart).map_err(|e| Error::internal(format!("данные диаграммы не записаны в XLSX: {e}")))
}

fn build(chart: &Chart) -> std::result::Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    let created = ExcelDateTime::from_ymd(2000, 1, 1)?;
    book.set_properties(&DocProperties::new().set_creation_datetime(&created));
    let sheet = book.add_worksheet();
    sheet.set_name(SHEET)?;
    let bold = Format::new().set_bold();
    let longest = chart
        .labels()
        .map(|l| l.chars().count())
        .max()
        .unwrap_or(10);
    sheet.set_column_width(0, (longest as f64 * 1.1).clamp(10.0, 80.0))?;
    for (row, label) in chart.labels().enumerate() {
        sheet.write_string(row as u32 + 1, 0, label)?;
    }
    for (i, series) in chart.series.iter().enumerate() {
        let col = i as u16 + 1;
        sheet.write_string_with_format(0, col, series_name(chart, i), &bold)?;
        sheet.set_column_width(col, 14)?;
        for (row, bar) in series.bars.iter().enumerate() {
            if let Some(v) = bar.value {
                sheet.write_number(row as u32 + 1, col, v)?;
            }
        }
    }
    book.save_to_buffer()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::markup::{Bar, Direction, Series};

    #[test]
    fn columns_are_lettered_like_excel() {
        assert_eq!(column(0), "A");
        assert_eq!(column(1), "B");
        assert_eq!(column(25), "Z");
        assert_eq!(column(26), "AA");
    }

    #[test]
    fn the_workbook_is_the_same_every_time() {
        let chart = Chart {
            title: "Оценки".into(),
            direction: Direction::Column,
            max: None,
            category_axis: None,
            value_axis: None,
            series: vec![Series {
                name: None,
                bars: vec![Bar {
                    label: "1".into(),
                    value: Some(3.0),
                }],
                target: false,
            }],
        };
        let a = workbook(&chart).expect("written");
        assert!(a.starts_with(b"PK"));
        assert_eq!(workbook(&chart).expect("written"), a);
        assert_eq!(series_name(&chart, 0), "Оценки");
    }
}
