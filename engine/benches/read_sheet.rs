//! Reading a 100,000-row «Наставляемые» sheet through the real ingestion
//! path (open workbook → find header → read every cell → build mentees).
//!
//! `cargo bench -p nastavnik-engine --bench read_sheet` runs criterion.
//! For peak memory, run the built bench binary once under `/usr/bin/time -v`
//! with `READ_SHEET_ONCE=1` (see docs/bench-ingest.md): it reads the file
//! written by the criterion run and prints rows per second.

use criterion::Criterion;
use nastavnik_engine::diag::Problem;
use nastavnik_engine::ingest::{people, sheet::Sheet, workbook::Workbook};
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook as Writer};
use std::hint::black_box;
use std::path::PathBuf;
use std::time::Instant;

const ROWS: u32 = 100_000;

fn file() -> PathBuf {
    std::env::temp_dir().join("nastavnik-bench-100k.xlsx")
}

/// A realistic sheet: a title row, the header, 100,000 mentees with text,
/// real dates and yes/no values.
fn write_file() -> PathBuf {
    let path = file();
    if path.exists() {
        return path;
    }
    let mut wb = Writer::new();
    let ws = wb.add_worksheet();
    ws.set_name("Наставляемые").expect("name");
    let date = Format::new().set_num_format("dd.mm.yyyy");
    ws.write_string(0, 0, "Список наставляемых").expect("w");
    let headers = [
        "ФИО",
        "Категория",
        "Класс или должность",
        "Дата рождения",
        "Стаж (лет)",
        "Запрос",
        "Согласие на обработку ПДн",
    ];
    for (c, h) in headers.iter().enumerate() {
        ws.write_string(1, c as u16, *h).expect("w");
    }
    for i in 0..ROWS {
        let r = i + 2;
        ws.write_string(r, 0, format!("Иванов{i} Пётр Сергеевич"))
            .expect("w");
        ws.write_string(r, 1, "обучающийся").expect("w");
        ws.write_string(r, 2, format!("{} «А» класс", 5 + i % 5))
            .expect("w");
        let dt = ExcelDateTime::from_ymd(
            2010 + (i % 5) as u16,
            1 + (i % 12) as u8,
            1 + (i % 28) as u8,
        )
        .expect("d");
        ws.write_datetime_with_format(r, 3, &dt, &date).expect("w");
        ws.write_string(r, 5, "помощь в подготовке к олимпиаде по математике")
            .expect("w");
        ws.write_string(r, 6, if i % 7 == 0 { "нет" } else { "да" })
            .expect("w");
    }
    wb.save(&path).expect("save");
    path
}

fn read_once(path: &PathBuf) -> usize {
    let bytes = std::fs::read(path).expect("read");
    let mut book = Workbook::from_bytes(bytes, "bench.xlsx").expect("open");
    let (name, range) = book.sheet("Наставляемые").expect("sheet");
    let sheet =
        Sheet::find("bench.xlsx", &name, &range, &people::mentee_columns::ALL).expect("header");
    let mut problems: Vec<Problem> = Vec::new();
    let mentees = people::mentees(&sheet, &mut problems);
    assert!(problems.is_empty());
    mentees.len()
}

fn main() {
    if std::env::var_os("READ_SHEET_ONCE").is_some() {
        let path = write_file();
        let start = Instant::now();
        let n = read_once(&path);
        let secs = start.elapsed().as_secs_f64();
        println!(
            "{n} строк за {secs:.3} с: {:.0} строк в секунду",
            n as f64 / secs
        );
        return;
    }
    let path = write_file();
    let mut c = Criterion::default().sample_size(10).configure_from_args();
    c.bench_function("read 100k-row sheet", |b| {
        b.iter(|| black_box(read_once(&path)))
    });
    c.final_summary();
}
