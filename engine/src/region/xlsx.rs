//! `region-summary.xlsx`: a row per school with its figures, the region's
//! indicators with a native Excel chart, the refused schools with their
//! problems.
//!
//! Every column is declared once in [`columns`] (header, width, value), so
//! the header and the cells cannot drift apart.

use super::{Region, RegionFigures};
use crate::batch::report::{School, Status};
use crate::batch::SUMMARY_XLSX;
use crate::diag::{Error, Result};
use crate::figures::{Coverage, Figures};
use crate::model::Form;
use rust_xlsxwriter::{
    Chart, ChartAxisCrossing, ChartDataLabel, ChartFormat, ChartLegendPosition, ChartLine,
    ChartLineDashType, ChartType, DocProperties, ExcelDateTime, Format, Workbook, Worksheet,
    XlsxError,
};

/// The sheets, as users and tests find them.
pub const SCHOOLS_SHEET: &str = "Школы";
pub const INDICATORS_SHEET: &str = "Показатели региона";
pub const REFUSED_SHEET: &str = "Не приняты";
pub const NOTES_SHEET: &str = "Замечания о данных";
pub const MUNICIPALITIES_SHEET: &str = "Муниципальные образования";
pub const FORMS_SHEET: &str = "Формы наставничества";

/// What one cell of a school's row holds.
enum Value {
    Text(String),
    Number(f64),
    Percent(Option<f64>),
    Empty,
}

/// A column of the «Школы» sheet: header, width, the cell of a school.
type Column = (String, f64, Box<dyn Fn(&School) -> Value>);

fn fig(s: &School, f: impl Fn(&Figures) -> Value) -> Value {
    s.figures.as_ref().map_or(Value::Empty, f)
}

fn pct(c: &Coverage) -> Value {
    Value::Percent(c.percent)
}

fn n(x: usize) -> Value {
    Value::Number(x as f64)
}

/// The satisfied share of a role (0 mentors, 1 mentees) at the school's
/// latest monitoring stage answered; empty when nobody was judged.
fn satisfied(s: &School, role: usize) -> Value {
    s.satisfied.map_or(Value::Empty, |r| {
        let r = r[role];
        pct(&Coverage::new(
            r.satisfied,
            u32::try_from(r.judged).unwrap_or(u32::MAX),
        ))
    })
}

/// Pairs (or groups) of one form at the school; 0 for a form it lacks.
fn of_form(s: &School, form: Form, groups: bool) -> Value {
    fig(s, |f| {
        let row = f.by_form.iter().find(|x| x.form == form.name());
        n(row.map_or(0, |x| if groups { x.groups } else { x.pairs }))
    })
}

/// Every column of the «Школы» sheet, in order: the one place that says
/// what a header holds. Pairs and groups by form only for the `forms`
/// some school works in (a column of a form nobody has is only width).
fn columns(forms: &[Form], schools: &[School]) -> Vec<Column> {
    fn c(h: &str, w: f64, f: impl Fn(&School) -> Value + 'static) -> Column {
        (h.to_owned(), w, Box::new(f))
    }
    let mut list = vec![
        c(
            "Папка",
            fit(schools.iter().map(|s| s.folder.as_str()), 10.0, 30.0),
            |s| Value::Text(s.folder.clone()),
        ),
        // A full name is long: wrapped in a column of at most 60.
        c(
            "Организация",
            fit(
                schools.iter().filter_map(|s| s.organisation.as_deref()),
                20.0,
                60.0,
            ),
            |s| Value::Text(s.organisation.clone().unwrap_or_default()),
        ),
        c(
            "Муниципальное образование",
            fit(
                schools.iter().filter_map(|s| s.municipality.as_deref()),
                16.0,
                40.0,
            ),
            |s| Value::Text(s.municipality.clone().unwrap_or_default()),
        ),
        c("Статус", 14.0, |s| {
            Value::Text(
                match s.status {
                    Status::Ok => "нарушений нет",
                    Status::Errors => "есть нарушения",
                    Status::Refused => "не принят",
                }
                .to_owned(),
            )
        }),
        c("Обучающихся в программе", 14.0, |s| {
            fig(s, |f| n(f.learners.covered))
        }),
        c("Обучающихся всего", 12.0, |s| {
            fig(s, |f| Value::Number(f64::from(f.learners.total)))
        }),
        c("Охват обучающихся, %", 12.0, |s| {
            fig(s, |f| pct(&f.learners))
        }),
        c("Охват детей 10–19 лет, %", 12.0, |s| {
            fig(s, |f| pct(&f.learners_10_19))
        }),
        c(
            "Охват подростков 15–19 лет, %",
            12.0,
            |s| fig(s, |f| pct(&f.learners_15_19)),
        ),
        c("Педагогов в программе", 14.0, |s| {
            fig(s, |f| n(f.teachers.covered))
        }),
        c("Педагогов всего", 12.0, |s| {
            fig(s, |f| Value::Number(f64::from(f.teachers.total)))
        }),
        c("Охват педагогов, %", 12.0, |s| {
            fig(s, |f| pct(&f.teachers))
        }),
        c(
            "Охват молодых специалистов, %",
            14.0,
            |s| fig(s, |f| pct(&f.young_teachers)),
        ),
        c(
            "Удовлетворённость наставников, %",
            15.0,
            |s| satisfied(s, 0),
        ),
        c(
            "Удовлетворённость наставляемых, %",
            15.0,
            |s| satisfied(s, 1),
        ),
        c("Предприятий", 11.0, |s| {
            fig(s, |f| n(f.enterprises))
        }),
        c("Пар", 8.0, |s| fig(s, |f| n(f.pairs))),
        c("Групп", 8.0, |s| fig(s, |f| n(f.groups))),
    ];
    for &form in forms {
        list.push(c(&format!("Пар «{}»", form.name()), 12.0, move |s| {
            of_form(s, form, false)
        }));
        list.push(c(
            &format!("Групп «{}»", form.name()),
            12.0,
            move |s| of_form(s, form, true),
        ));
    }
    list.extend([
        c("Этапов завершено", 10.0, |s| {
            n(s.stages_complete)
        }),
        // The report's column: stages still running are not overdue.
        c(
            "Этапов, срок которых наступил, не завершено",
            14.0,
            |s| n(s.stages_overdue),
        ),
        c("Ошибок", 9.0, |s| n(s.errors)),
        c("Предупреждений", 14.0, |s| n(s.warnings)),
        c("Не включены в документы", 14.0, |s| {
            n(s.held_back)
        }),
    ]);
    list
}

/// A column's width that fits the longest of `names` (in characters, one
/// more for the cell's margins) within `min`..=`max`; a longer text wraps.
pub fn fit<'a>(names: impl Iterator<Item = &'a str>, min: f64, max: f64) -> f64 {
    let longest = names.map(|n| n.chars().count()).max().unwrap_or(0);
    (longest as f64 + 1.0).clamp(min, max)
}

/// The width of a column of municipality names (and «Регион в целом»).
fn place_width(region: &Region) -> f64 {
    fit(
        region
            .municipalities
            .iter()
            .map(|m| m.name.as_deref().unwrap_or("не указано"))
            .chain(["Регион в целом"]),
        16.0,
        50.0,
    )
}

fn failed(e: XlsxError) -> Error {
    Error::internal(format!("{SUMMARY_XLSX} не записывается: {e}"))
}

fn col(i: usize) -> u16 {
    u16::try_from(i).unwrap_or(u16::MAX)
}

fn row(i: usize) -> u32 {
    u32::try_from(i).unwrap_or(u32::MAX)
}

/// The workbook's bytes; the same schools give the same bytes. `target`
/// is the coverage target the indicators' chart draws (the profile's).
pub fn write(schools: &[School], region: &Region, target: f64) -> Result<Vec<u8>> {
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
    let formats = Formats {
        count: Format::new().set_num_format("#,##0"),
        percent: Format::new().set_num_format("0.0"),
        text: Format::new()
            .set_text_wrap()
            .set_align(rust_xlsxwriter::FormatAlign::Top),
    };

    let sheet = book.add_worksheet();
    sheet.set_name(SCHOOLS_SHEET).map_err(failed)?;
    let forms: Vec<Form> = Form::ALL
        .into_iter()
        .filter(|f| region.total.by_form.iter().any(|x| x.form == f.name()))
        .collect();
    let columns = columns(&forms, schools);
    for (c, (h, w, _)) in columns.iter().enumerate() {
        sheet
            .write_with_format(0, col(c), h, &bold)
            .map_err(failed)?;
        sheet.set_column_width(col(c), *w).map_err(failed)?;
    }
    let accepted: Vec<&School> = schools
        .iter()
        .filter(|s| s.status != Status::Refused)
        .collect();
    for (r, s) in accepted.iter().enumerate() {
        for (c, (_, _, value)) in columns.iter().enumerate() {
            put(sheet, row(r + 1), col(c), value(s), &formats)?;
        }
    }
    sheet.set_freeze_panes(1, 0).map_err(failed)?;
    printed(sheet, 1)?;
    if !accepted.is_empty() {
        sheet
            .autofilter(0, 0, row(accepted.len()), col(columns.len() - 1))
            .map_err(failed)?;
    }

    indicators(book.add_worksheet(), region, target, &bold, &formats)?;
    if !region.municipalities.is_empty() {
        municipalities(book.add_worksheet(), region, &bold, &formats)?;
    }
    by_form(book.add_worksheet(), region, &bold, &formats)?;

    let refused = book.add_worksheet();
    refused.set_name(REFUSED_SHEET).map_err(failed)?;
    let listed: Vec<&School> = schools
        .iter()
        .filter(|s| s.status == Status::Refused)
        .collect();
    let names: Vec<String> = listed.iter().map(|s| s.name()).collect();
    for (c, (h, w)) in [
        (
            "Папка",
            fit(listed.iter().map(|s| s.folder.as_str()), 10.0, 30.0),
        ),
        (
            "Организация",
            fit(names.iter().map(String::as_str), 16.0, 50.0),
        ),
        (
            "Муниципальное образование",
            fit(
                listed.iter().filter_map(|s| s.municipality.as_deref()),
                16.0,
                40.0,
            ),
        ),
        ("Проблема", 90.0),
    ]
    .iter()
    .enumerate()
    {
        refused
            .write_with_format(0, col(c), *h, &bold)
            .map_err(failed)?;
        refused.set_column_width(col(c), *w).map_err(failed)?;
    }
    let wrap = Format::new().set_text_wrap();
    let mut r = 0u32;
    for s in listed {
        for p in &s.problems {
            r += 1;
            refused.write(r, 0, &s.folder).map_err(failed)?;
            refused
                .write_with_format(r, 1, s.name(), &wrap)
                .map_err(failed)?;
            refused
                .write_with_format(r, 2, s.municipality.as_deref().unwrap_or_default(), &wrap)
                .map_err(failed)?;
            refused.write_with_format(r, 3, p, &wrap).map_err(failed)?;
        }
    }
    refused.set_freeze_panes(1, 0).map_err(failed)?;
    printed(refused, 1)?;

    // The data-quality notes, as the centre's report lists them.
    let notes = book.add_worksheet();
    notes.set_name(NOTES_SHEET).map_err(failed)?;
    notes
        .write_with_format(0, 0, "Замечание", &bold)
        .map_err(failed)?;
    notes.set_column_width(0, 150.0).map_err(failed)?;
    for (i, n) in super::quality::notes(schools).iter().enumerate() {
        notes
            .write_with_format(row(i + 1), 0, n, &wrap)
            .map_err(failed)?;
    }
    printed(notes, 1)?;
    russian_charts(&book.save_to_buffer().map_err(failed)?)
}

/// The workbook with its charts' language Russian (rust_xlsxwriter writes
/// `c:lang` and the text's `lang` as en-US, which Excel then offers for
/// the chart's text: spelling, hyphenation) and every category labelled. Every other part is copied
/// as it is, compressed bytes and dates included, so the output stays
/// deterministic.
fn russian_charts(bytes: &[u8]) -> Result<Vec<u8>> {
    use std::io::{Cursor, Read, Write};
    let zipped = |e: zip::result::ZipError| Error::internal(format!("{SUMMARY_XLSX}: {e}"));
    let mut source = zip::ZipArchive::new(Cursor::new(bytes)).map_err(zipped)?;
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::with_capacity(bytes.len())));
    for i in 0..source.len() {
        let chart = {
            let entry = source.by_index_raw(i).map_err(zipped)?;
            entry.name().map_err(zipped)?.starts_with("xl/charts/chart")
        };
        if !chart {
            out.raw_copy_file(source.by_index_raw(i).map_err(zipped)?)
                .map_err(zipped)?;
            continue;
        }
        let mut entry = source.by_index(i).map_err(zipped)?;
        let mut xml = String::new();
        entry
            .read_to_string(&mut xml)
            .map_err(|e| Error::internal(format!("{SUMMARY_XLSX}: {e}")))?;
        // Every category labelled: rust_xlsxwriter writes no tickLblSkip
        // for an interval of 1, and Excel's default («auto») drops every
        // second label of a crowded axis.
        let xml = xml
            .replace(r#"<c:lang val="en-US"/>"#, r#"<c:lang val="ru-RU"/>"#)
            .replace(r#"lang="en-US""#, r#"lang="ru-RU""#)
            .replace(
                r#"<c:lblOffset val="100"/></c:catAx>"#,
                r#"<c:lblOffset val="100"/><c:tickLblSkip val="1"/></c:catAx>"#,
            );
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated)
            .last_modified_time(entry.last_modified().unwrap_or_default());
        let name = entry.name().map_err(zipped)?.into_owned();
        drop(entry);
        out.start_file(name, options).map_err(zipped)?;
        out.write_all(xml.as_bytes())
            .map_err(|e| Error::internal(format!("{SUMMARY_XLSX}: {e}")))?;
    }
    Ok(out.finish().map_err(zipped)?.into_inner())
}

/// How numbers show: counts in thousands groups («1 700» in a Russian
/// Excel, like «42 600» beside it), shares with one decimal.
struct Formats {
    count: Format,
    percent: Format,
    /// Text wraps within its column: a long name is never cut.
    text: Format,
}

fn put(sheet: &mut Worksheet, r: u32, c: u16, v: Value, formats: &Formats) -> Result<()> {
    match v {
        Value::Text(t) => sheet.write_with_format(r, c, t, &formats.text).map(|_| ()),
        Value::Number(x) => sheet.write_with_format(r, c, x, &formats.count).map(|_| ()),
        Value::Percent(Some(p)) => sheet
            .write_with_format(r, c, (p * 10.0).round() / 10.0, &formats.percent)
            .map(|_| ()),
        Value::Percent(None) | Value::Empty => Ok(()),
    }
    .map_err(failed)
}

/// Landscape, one page wide, the header rows repeated on every page.
fn printed(sheet: &mut Worksheet, header_rows: u32) -> Result<()> {
    sheet.set_landscape();
    sheet.set_paper_size(9); // A4
    sheet.set_print_fit_to_pages(1, 0);
    if header_rows > 0 {
        sheet.set_repeat_rows(0, header_rows - 1).map_err(failed)?;
    }
    Ok(())
}

/// The column of the indicators' sheet holding the coverage target on the
/// rows judged against it (the chart's target series reads it).
const TARGET_COLUMN: u16 = 7;

/// The name of the target's series in the chart and of its column.
fn target_name(target: f64) -> String {
    format!(
        "Целевое значение охвата обучающихся и педагогических работников — {}",
        crate::russian::percent(target)
    )
}

/// The region's indicators as a table with the base of each, then two
/// charts of their shares (of people, with the coverage target drawn on
/// the bars judged against it; of schools). The cells say what the docx
/// says: «нет данных» for a share no school gave the base of, «—» for
/// what a count has not.
fn indicators(
    sheet: &mut Worksheet,
    region: &Region,
    target: f64,
    bold: &Format,
    formats: &Formats,
) -> Result<()> {
    sheet.set_name(INDICATORS_SHEET).map_err(failed)?;
    let t = &region.total;
    let lines = super::indicators(t);
    let wrap = Format::new()
        .set_text_wrap()
        .set_align(rust_xlsxwriter::FormatAlign::Top);
    for (c, (h, w)) in [
        ("№", 5.0),
        ("Показатель", 46.0),
        ("Число", 11.0),
        ("Из", 11.0),
        ("Доля, %", 10.0),
        ("База расчёта", 60.0),
        ("Не указали численность", 40.0),
        ("Целевое значение, %", 12.0),
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
        put(sheet, r, 0, Value::Number((i + 1) as f64), formats)?;
        sheet
            .write_with_format(r, 1, &ind.title, &wrap)
            .map_err(failed)?;
        if ind.no_data() {
            sheet.write(r, 2, "—").map_err(failed)?;
        } else {
            put(sheet, r, 2, Value::Number(ind.covered as f64), formats)?;
        }
        match ind.of {
            Some(total) => put(sheet, r, 3, Value::Number(total as f64), formats)?,
            None => {
                sheet.write(r, 3, "—").map_err(failed)?;
            }
        }
        match ind.percent {
            Some(p) => put(sheet, r, 4, Value::Percent(Some(p)), formats)?,
            None => {
                sheet
                    .write(
                        r,
                        4,
                        if ind.no_data() {
                            "нет данных"
                        } else {
                            "—"
                        },
                    )
                    .map_err(failed)?;
            }
        }
        sheet
            .write_with_format(r, 5, &ind.base, &wrap)
            .map_err(failed)?;
        sheet
            .write_with_format(r, 6, ind.missing.join("; "), &wrap)
            .map_err(failed)?;
        if ind.against_target {
            put(sheet, r, TARGET_COLUMN, Value::Number(target), formats)?;
        }
    }
    let last = row(lines.len());
    // Shares of people and shares of schools on charts of their own: one
    // axis for both would compare what cannot be compared.
    let people: Vec<u32> = (0..lines.len())
        .filter(|&i| !lines[i].of_schools && !lines[i].count)
        .map(|i| row(i + 1))
        .collect();
    let schools: Vec<u32> = (0..lines.len())
        .filter(|&i| lines[i].of_schools)
        .map(|i| row(i + 1))
        .collect();
    let mut at = last + 2;
    for (rows, title, with_target) in [
        (
            &people,
            "Доли участников, вовлечённых в наставничество, %",
            true,
        ),
        (&schools, "Доли организаций, %", false),
    ] {
        let (Some(&first), Some(&end)) = (rows.first(), rows.last()) else {
            continue;
        };
        let mut chart = Chart::new(ChartType::Bar);
        let series = chart
            .add_series()
            .set_name("Доля, %")
            .set_categories((INDICATORS_SHEET, first, 1, end, 1))
            .set_values((INDICATORS_SHEET, first, 4, end, 4))
            // The share as the tables print it: «4», «6,2» (the cells' «0.0»
            // would label «4,0» beside a table's «4 %»).
            .set_data_label(ChartDataLabel::new().show_value().set_num_format("General"))
            .set_format(
                ChartFormat::new()
                    .set_solid_fill(rust_xlsxwriter::ChartSolidFill::new().set_color("#262626"))
                    .set_border(ChartLine::new().set_color("#000000")),
            );
        if with_target {
            // The target over each bar judged against it: an outline
            // without fill, dashed, ending at the target (overlap 100), as
            // the docx draws it; the rows without a target are gaps.
            series.set_overlap(100);
            let name = target_name(target);
            chart
                .add_series()
                .set_name(name.as_str())
                .set_categories((INDICATORS_SHEET, first, 1, end, 1))
                .set_values((INDICATORS_SHEET, first, TARGET_COLUMN, end, TARGET_COLUMN))
                .set_format(
                    ChartFormat::new().set_no_fill().set_border(
                        ChartLine::new()
                            .set_color("#000000")
                            .set_width(1.5)
                            .set_dash_type(ChartLineDashType::Dash),
                    ),
                );
            chart.legend().set_position(ChartLegendPosition::Bottom);
        } else {
            chart.legend().set_hidden();
        }
        chart.title().set_name(title);
        // A bar chart draws its first category at the bottom: reversed, the
        // indicators read top to bottom as the table lists them, and the
        // value axis, crossing at the last category, stays at the bottom.
        // (For a bar chart rust_xlsxwriter's y axis is the category axis,
        // and the crossing set on it is where the value axis crosses it.)
        // Every category labelled.
        chart
            .y_axis()
            .set_reverse()
            .set_label_interval(1)
            .set_crossing(ChartAxisCrossing::Max);
        chart.x_axis().set_name("Доля, %").set_min(0).set_max(100);
        let height = 80 + 40 * (end - first + 1) + if with_target { 40 } else { 0 };
        chart.set_width(900).set_height(height.max(240));
        sheet.insert_chart(at, 1, &chart).map_err(failed)?;
        at += height.max(240) / 20 + 2;
    }
    printed(sheet, 1)
}

/// Each municipality's indicators, then the region's, on a sheet of its
/// own (its header repeated on each page, its names in a column as wide
/// as they need).
fn municipalities(
    sheet: &mut Worksheet,
    region: &Region,
    bold: &Format,
    formats: &Formats,
) -> Result<()> {
    sheet.set_name(MUNICIPALITIES_SHEET).map_err(failed)?;
    let headers: [(&str, f64); 15] = [
        ("Муниципальное образование", place_width(region)),
        ("Школ", 8.0),
        ("Данные приняты", 10.0),
        ("Данные не приняты", 10.0),
        ("Этапы, срок которых наступил, завершены", 14.0),
        ("Охват детей 10–19 лет, %", 11.0),
        ("Охват подростков 15–19 лет, %", 11.0),
        ("Охват обучающихся, %", 11.0),
        ("Охват педагогов, %", 11.0),
        ("Охват молодых специалистов, %", 12.0),
        ("Удовлетворённость наставляемых, %", 14.0),
        ("Удовлетворённость наставников, %", 14.0),
        ("Предприятий", 12.0),
        ("Средняя оценка наставляемых", 12.0),
        ("Средняя оценка наставников", 12.0),
    ];
    for (c, (h, w)) in headers.iter().enumerate() {
        sheet
            .write_with_format(0, col(c), *h, bold)
            .map_err(failed)?;
        sheet.set_column_width(col(c), *w).map_err(failed)?;
    }
    for (i, (name, f)) in places(region).enumerate() {
        let r = row(i + 1);
        sheet
            .write_with_format(r, 0, name, &formats.text)
            .map_err(failed)?;
        for (c, x) in [(1u16, f.schools), (2, f.accepted), (3, f.refused)] {
            put(sheet, r, c, Value::Number(x as f64), formats)?;
        }
        if f.accepted == 0 {
            sheet.write(r, 4, "данные не приняты").map_err(failed)?;
            continue;
        }
        put(sheet, r, 4, Value::Number(f.complete as f64), formats)?;
        for (c, cov) in [
            (5u16, &f.learners_10_19),
            (6, &f.learners_15_19),
            (7, &f.learners),
            (8, &f.teachers),
            (9, &f.young_teachers),
            (10, &f.satisfied_mentees),
            (11, &f.satisfied_mentors),
        ] {
            match cov.percent {
                Some(_) => put(sheet, r, c, Value::Percent(cov.percent), formats)?,
                None => {
                    sheet.write(r, c, "нет данных").map_err(failed)?;
                }
            }
        }
        put(sheet, r, 12, Value::Number(f.enterprises as f64), formats)?;
        for (c, mean) in [(13u16, f.mean_score[1]), (14, f.mean_score[0])] {
            match mean {
                Some(m) => put(sheet, r, c, Value::Percent(Some(m)), formats)?,
                None => {
                    sheet.write(r, c, "нет данных").map_err(failed)?;
                }
            }
        }
    }
    sheet.set_freeze_panes(1, 1).map_err(failed)?;
    printed(sheet, 1)
}

/// Each municipality (as programme.json names it), then the region.
fn places(region: &Region) -> impl Iterator<Item = (&str, &RegionFigures)> {
    region
        .municipalities
        .iter()
        .map(|m| (m.name.as_deref().unwrap_or("не указано"), &m.figures))
        .chain(std::iter::once(("Регион в целом", &region.total)))
}

/// The pairs, groups and people of each form, for the region and each
/// municipality: a row per form each works in.
fn by_form(sheet: &mut Worksheet, region: &Region, bold: &Format, formats: &Formats) -> Result<()> {
    sheet.set_name(FORMS_SHEET).map_err(failed)?;
    for (c, (h, w)) in [
        ("Муниципальное образование", place_width(region)),
        ("Форма наставничества", 26.0),
        ("Пар", 9.0),
        ("Групп", 9.0),
        ("Наставников", 12.0),
        ("Наставляемых", 13.0),
        ("Участников", 12.0),
    ]
    .iter()
    .enumerate()
    {
        sheet
            .write_with_format(0, col(c), *h, bold)
            .map_err(failed)?;
        sheet.set_column_width(col(c), *w).map_err(failed)?;
    }
    // The region first: what the centre reports; then each municipality.
    let region_first = std::iter::once(("Регион в целом", &region.total)).chain(
        region
            .municipalities
            .iter()
            .map(|m| (m.name.as_deref().unwrap_or("не указано"), &m.figures)),
    );
    let mut r = 0u32;
    for (name, f) in region_first {
        if f.by_form.is_empty() {
            r += 1;
            sheet
                .write_with_format(r, 0, name, &formats.text)
                .map_err(failed)?;
            let why = if f.accepted == 0 {
                "данные не приняты"
            } else {
                "пар и групп, закреплённых приказами, нет"
            };
            sheet.write(r, 1, why).map_err(failed)?;
            continue;
        }
        for x in &f.by_form {
            r += 1;
            sheet
                .write_with_format(r, 0, name, &formats.text)
                .map_err(failed)?;
            sheet
                .write_with_format(r, 1, &x.form, &formats.text)
                .map_err(failed)?;
            for (c, n) in [
                (2u16, x.pairs),
                (3, x.groups),
                (4, x.mentors),
                (5, x.mentees),
                (6, x.people),
            ] {
                put(sheet, r, c, Value::Number(n as f64), formats)?;
            }
        }
    }
    sheet.set_freeze_panes(1, 0).map_err(failed)?;
    printed(sheet, 1)
}
