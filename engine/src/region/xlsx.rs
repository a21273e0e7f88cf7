//! `region-summary.xlsx`: a row per school with its figures, the region's
//! indicators with a native Excel chart, the refused schools with their
//! problems.
//!
//! Every column is declared once in [`COLUMNS`] (header, width, value), so
//! the header and the cells cannot drift apart.

use super::Region;
use crate::batch::{BatchReport, School, Status, SUMMARY_XLSX};
use crate::diag::{Error, Result};
use crate::figures::{Coverage, Figures};
use rust_xlsxwriter::{
    Chart, ChartDataLabel, ChartType, DocProperties, ExcelDateTime, Format, Workbook, Worksheet,
    XlsxError,
};

/// The sheets, as users and tests find them.
pub const SCHOOLS_SHEET: &str = "Школы";
pub const INDICATORS_SHEET: &str = "Показатели региона";
pub const REFUSED_SHEET: &str = "Не приняты";

/// What one cell of a school's row holds.
enum Value {
    Text(String),
    Number(f64),
    Percent(Option<f64>),
    Empty,
}

type Column = (&'static str, f64, fn(&School) -> Value);

fn fig(s: &School, f: impl Fn(&Figures) -> Value) -> Value {
    s.figures.as_ref().map_or(Value::Empty, f)
}

fn pct(c: &Coverage) -> Value {
    Value::Percent(c.percent)
}

fn n(x: usize) -> Value {
    Value::Number(x as f64)
}

const COLUMNS: &[Column] = &[
    ("Папка", 18.0, |s| Value::Text(s.folder.clone())),
    ("Организация", 48.0, |s| {
        Value::Text(s.organisation.clone().unwrap_or_default())
    }),
    (
        "Муниципальное образование",
        28.0,
        |s| Value::Text(s.municipality.clone().unwrap_or_default()),
    ),
    ("Статус", 14.0, |s| {
        Value::Text(
            match s.status {
                Status::Ok => "этапы завершены",
                Status::Errors => "есть нарушения",
                Status::Refused => "не принят",
            }
            .to_owned(),
        )
    }),
    ("Обучающихся в программе", 14.0, |s| {
        fig(s, |f| n(f.learners.covered))
    }),
    ("Обучающихся всего", 12.0, |s| {
        fig(s, |f| Value::Number(f64::from(f.learners.total)))
    }),
    ("Охват обучающихся, %", 12.0, |s| {
        fig(s, |f| pct(&f.learners))
    }),
    ("Охват детей 10–19 лет, %", 12.0, |s| {
        fig(s, |f| pct(&f.learners_10_19))
    }),
    (
        "Охват подростков 15–19 лет, %",
        12.0,
        |s| fig(s, |f| pct(&f.learners_15_19)),
    ),
    ("Педагогов в программе", 14.0, |s| {
        fig(s, |f| n(f.teachers.covered))
    }),
    ("Педагогов всего", 12.0, |s| {
        fig(s, |f| Value::Number(f64::from(f.teachers.total)))
    }),
    ("Охват педагогов, %", 12.0, |s| {
        fig(s, |f| pct(&f.teachers))
    }),
    (
        "Охват молодых специалистов, %",
        14.0,
        |s| fig(s, |f| pct(&f.young_teachers)),
    ),
    ("Предприятий", 11.0, |s| {
        fig(s, |f| n(f.enterprises))
    }),
    ("Пар", 8.0, |s| fig(s, |f| n(f.pairs))),
    ("Групп", 8.0, |s| fig(s, |f| n(f.groups))),
    ("Этапов завершено", 10.0, |s| {
        n(s.stages_complete)
    }),
    ("Ошибок", 9.0, |s| n(s.errors)),
    ("Предупреждений", 14.0, |s| n(s.warnings)),
    ("Не включены в документы", 14.0, |s| {
        n(s.held_back)
    }),
];

fn failed(e: XlsxError) -> Error {
    Error::internal(format!("{SUMMARY_XLSX} не записывается: {e}"))
}

fn col(i: usize) -> u16 {
    u16::try_from(i).unwrap_or(u16::MAX)
}

fn row(i: usize) -> u32 {
    u32::try_from(i).unwrap_or(u32::MAX)
}

/// The workbook's bytes; the same schools give the same bytes.
pub fn write(report: &BatchReport, region: &Region) -> Result<Vec<u8>> {
    let mut book = Workbook::new();
    let created = ExcelDateTime::from_ymd(2025, 1, 1)
        .and_then(|d| d.and_hms(0, 0, 0))
        .map_err(failed)?;
    book.set_properties(
        &DocProperties::new()
            .set_author("nastavnik")
            .set_creation_datetime(&created),
    );
    let bold = Format::new().set_bold().set_text_wrap();
    let percent = Format::new().set_num_format("0.0");

    let sheet = book.add_worksheet();
    sheet.set_name(SCHOOLS_SHEET).map_err(failed)?;
    for (c, (h, w, _)) in COLUMNS.iter().enumerate() {
        sheet
            .write_with_format(0, col(c), *h, &bold)
            .map_err(failed)?;
        sheet.set_column_width(col(c), *w).map_err(failed)?;
    }
    let accepted: Vec<&School> = report
        .schools
        .iter()
        .filter(|s| s.status != Status::Refused)
        .collect();
    for (r, s) in accepted.iter().enumerate() {
        for (c, (_, _, value)) in COLUMNS.iter().enumerate() {
            put(sheet, row(r + 1), col(c), value(s), &percent)?;
        }
    }
    sheet.set_freeze_panes(1, 0).map_err(failed)?;
    if !accepted.is_empty() {
        sheet
            .autofilter(0, 0, row(accepted.len()), col(COLUMNS.len() - 1))
            .map_err(failed)?;
    }

    indicators(book.add_worksheet(), region, &bold, &percent)?;

    let refused = book.add_worksheet();
    refused.set_name(REFUSED_SHEET).map_err(failed)?;
    refused
        .write_with_format(0, 0, "Папка", &bold)
        .map_err(failed)?;
    refused
        .write_with_format(0, 1, "Проблема", &bold)
        .map_err(failed)?;
    refused.set_column_width(0, 18.0).map_err(failed)?;
    refused.set_column_width(1, 120.0).map_err(failed)?;
    let mut r = 0u32;
    for s in report
        .schools
        .iter()
        .filter(|s| s.status == Status::Refused)
    {
        for p in &s.problems {
            r += 1;
            refused.write(r, 0, &s.folder).map_err(failed)?;
            refused.write(r, 1, p).map_err(failed)?;
        }
    }
    refused.set_freeze_panes(1, 0).map_err(failed)?;
    book.save_to_buffer().map_err(failed)
}

fn put(sheet: &mut Worksheet, r: u32, c: u16, v: Value, percent: &Format) -> Result<()> {
    match v {
        Value::Text(t) => sheet.write(r, c, t).map(|_| ()),
        Value::Number(x) => sheet.write(r, c, x).map(|_| ()),
        Value::Percent(Some(p)) => sheet
            .write_with_format(r, c, (p * 10.0).round() / 10.0, percent)
            .map(|_| ()),
        Value::Percent(None) | Value::Empty => Ok(()),
    }
    .map_err(failed)
}

/// The region's indicators (seed 004) as a table and a bar chart of their
/// shares, then a table per municipality.
fn indicators(
    sheet: &mut Worksheet,
    region: &Region,
    bold: &Format,
    percent: &Format,
) -> Result<()> {
    sheet.set_name(INDICATORS_SHEET).map_err(failed)?;
    let t = &region.total;
    let lines = super::indicators(t);
    for (c, (h, w)) in [
        ("Показатель", 46.0),
        ("Вовлечено", 12.0),
        ("Всего", 12.0),
        ("Доля, %", 10.0),
    ]
    .iter()
    .enumerate()
    {
        sheet
            .write_with_format(0, col(c), *h, bold)
            .map_err(failed)?;
        sheet.set_column_width(col(c), *w).map_err(failed)?;
    }
    for (i, ind) in lines.iter().enumerate() {
        let r = row(i + 1);
        sheet.write(r, 0, ind.title).map_err(failed)?;
        sheet.write(r, 1, ind.covered as f64).map_err(failed)?;
        if let Some(total) = ind.of {
            sheet.write(r, 2, total as f64).map_err(failed)?;
        }
        put(sheet, r, 3, Value::Percent(ind.percent), percent)?;
    }
    let last = row(lines.len());
    let mut chart = Chart::new(ChartType::Bar);
    chart
        .add_series()
        .set_name("Доля, %")
        .set_categories((INDICATORS_SHEET, 1, 0, last, 0))
        .set_values((INDICATORS_SHEET, 1, 3, last, 3))
        .set_data_label(ChartDataLabel::new().show_value());
    chart.title().set_name("Показатели региона, %");
    chart.x_axis().set_name("Доля, %").set_min(0).set_max(100);
    chart.legend().set_hidden();
    sheet.insert_chart(last + 2, 0, &chart).map_err(failed)?;

    if region.municipalities.is_empty() {
        return Ok(());
    }
    // Below the chart (about 15 rows tall).
    let top = last + 20;
    let headers = [
        "Муниципальное образование",
        "Школ",
        "Принято",
        "Все этапы завершены",
        "Охват детей 10–19 лет, %",
        "Охват подростков 15–19 лет, %",
        "Охват педагогов, %",
        "Охват молодых специалистов, %",
        "Предприятий",
    ];
    for (c, h) in headers.iter().enumerate() {
        sheet
            .write_with_format(top, col(c), *h, bold)
            .map_err(failed)?;
    }
    for (i, m) in region.municipalities.iter().enumerate() {
        let r = top + row(i + 1);
        let f = &m.figures;
        sheet
            .write(r, 0, m.name.as_deref().unwrap_or("не указано"))
            .map_err(failed)?;
        for (c, x) in [
            (1u16, f.schools),
            (2, f.accepted),
            (3, f.complete),
            (8, f.enterprises),
        ] {
            sheet.write(r, c, x as f64).map_err(failed)?;
        }
        for (c, cov) in [
            (4u16, &f.learners_10_19),
            (5, &f.learners_15_19),
            (6, &f.teachers),
            (7, &f.young_teachers),
        ] {
            put(sheet, r, c, Value::Percent(cov.percent), percent)?;
        }
    }
    Ok(())
}
