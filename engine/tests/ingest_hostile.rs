//! Hostile XLSX files, each made here from the example's real workbook,
//! loaded through the real loader: each ends with `Error::Input` naming
//! the file (and the sheet and cell where there is one) in Russian, fast.
//! The same files through the binary, under a memory cap and with peak
//! memory measured: `cli/tests/hostile_xlsx_cli.rs`.

#[path = "support/hostile.rs"]
mod hostile;

use hostile::*;
use nastavnik_engine::{load, Error};
use std::time::{Duration, Instant};

const FILE: &str = "inputs/participants.xlsx";
const MENTORS: &str = "xl/worksheets/sheet1.xml";
const MENTEES: &str = "xl/worksheets/sheet2.xml";
const STRINGS: &str = "xl/sharedStrings.xml";

/// Loads the example with `participants.xlsx` replaced; its problems and
/// how long loading took. The bound is a guard against a hang, not a
/// benchmark: 15 s of wall time, since a debug build on a loaded 2-core
/// machine took 5.5 s for what takes 1 s idle (each test's own assertion
/// — the cell where reading stopped — proves the early stop).
fn refused(bytes: &[u8]) -> Vec<String> {
    let dir = programme_with(bytes);
    let started = Instant::now();
    let result = load::load(dir.path());
    let took = started.elapsed();
    assert!(took < Duration::from_secs(15), "loading took {took:?}");
    match result {
        Ok(_) => panic!("the hostile file was accepted"),
        Err(Error::Input(ps)) => ps.iter().map(ToString::to_string).collect(),
        Err(e) => panic!("not an input error: {e}"),
    }
}

fn has(problems: &[String], start: &str, part: &str) {
    assert!(
        problems
            .iter()
            .any(|p| p.starts_with(start) && p.contains(part)),
        "no «{start}…{part}…» among {problems:#?}"
    );
}

#[test]
fn a_stray_cell_at_the_last_cell_of_excel_is_refused_at_it() {
    for cell in ["XFD1048576", "AZ1048576"] {
        let bytes = edit(&participants(), MENTORS, |x| {
            add_before_end(
                x,
                &format!("<row r=\"1048576\"><c r=\"{cell}\" t=\"s\"><v>0</v></c></row>"),
            )
        });
        let ps = refused(&bytes);
        has(
            &ps,
            &format!("{FILE} › Наставники › {cell}: "),
            "заполнена ячейка в строке 1\u{a0}048\u{a0}576, а лист читается до строки 200\u{a0}000",
        );
    }
}

#[test]
fn a_cell_right_of_the_column_limit_is_refused_at_it() {
    let bytes = edit(&participants(), MENTORS, |x| {
        add_before_end(x, "<row r=\"3000\"><c r=\"HA3000\"><v>1</v></c></row>")
    });
    has(
        &refused(&bytes),
        &format!("{FILE} › Наставники › HA3000: "),
        "в столбце HA (209-м), а лист читается до столбца GR (200-го)",
    );
}

#[test]
fn references_beyond_excel_are_damage_named_by_the_reference() {
    for (row, cell) in [
        (
            "<row r=\"15\"><c r=\"ZZZZZZZZ15\"><v>1</v></c></row>",
            "ZZZZZZZZ15",
        ),
        (
            "<row r=\"99999999999\"><c><v>1</v></c></row>",
            "99999999999",
        ),
    ] {
        let bytes = edit(&participants(), MENTORS, |x| add_before_end(x, row));
        has(
            &refused(&bytes),
            &format!("{FILE} › Наставники › {cell}: "),
            "за пределами листа Excel",
        );
    }
    let bytes = edit(&participants(), MENTORS, |x| {
        x.replacen("<dimension ref=\"A1:", "<dimension ref=\"ZZZZZZZZ9:", 1)
    });
    has(
        &refused(&bytes),
        &format!("{FILE} › Наставники: "),
        "размер листа записан как «ZZZZZZZZ9:",
    );
}

#[test]
fn a_huge_declared_count_of_shared_strings_is_refused_before_any_allocation() {
    for (count, shown) in [
        ("1000000000", "1\u{a0}000\u{a0}000\u{a0}000"),
        (
            "18446744073709551615",
            "18\u{a0}446\u{a0}744\u{a0}073\u{a0}709\u{a0}551\u{a0}615",
        ),
    ] {
        let bytes = edit(&participants(), STRINGS, |x| {
            let at = x.find("uniqueCount=\"").expect("uniqueCount") + "uniqueCount=\"".len();
            let end = at + x[at..].find('"').expect("quote");
            format!("{}{count}{}", &x[..at], &x[end..])
        });
        has(
            &refused(&bytes),
            &format!("{FILE}: "),
            &format!("объявлено {shown} строк, больше предела 1\u{a0}000\u{a0}000"),
        );
    }
}

#[test]
fn zip_bombs_stop_at_the_inflated_limit_whatever_the_headers_declare() {
    const GB3: u64 = 3 << 30;
    let sheet_head = b"<?xml version=\"1.0\"?><worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>";
    let strings_head = b"<?xml version=\"1.0\"?><sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" count=\"1\" uniqueCount=\"1\"><si><t>";
    for (part, head, fill) in [
        (MENTORS, &sheet_head[..], b' '),
        (STRINGS, &strings_head[..], b'a'),
        ("xl/media/image1.png", &b""[..], 0u8),
    ] {
        // Declared honestly (3 GiB) and as a lie (1 KiB).
        for declared in [GB3 as u32, 1024] {
            let bytes = with_bomb(&participants(), part, head, fill, GB3, declared);
            assert!(bytes.len() < 24 << 20, "the bomb is {} bytes", bytes.len());
            let ps = refused(&bytes);
            assert!(
                ps.iter().any(|p| p.starts_with(&format!("{FILE}: "))
                    && p.contains(part)
                    && (p.contains("больше чем в 128 МиБ") || p.contains("не распаковывается"))),
                "{part}, declared {declared}: {ps:#?}"
            );
        }
    }
}

#[test]
fn a_style_table_of_millions_of_formats_is_refused() {
    // 2,000,000 `<xf/>` are 10 MB of XML, gigabytes as calamine's styles.
    let bytes = edit(&participants(), "xl/styles.xml", |x| {
        let at = x.find("</cellXfs>").expect("cellXfs");
        format!("{}{}{}", &x[..at], "<xf/>".repeat(2_000_000), &x[at..])
    });
    has(
        &refused(&bytes),
        &format!("{FILE}: часть «xl/styles.xml»: "),
        "больше 100\u{a0}000 записей оформления",
    );
}

#[test]
fn one_shared_string_longer_than_excel_allows_is_refused() {
    let long = "а".repeat(300_000);
    let bytes = edit(&participants(), STRINGS, |x| {
        x.replacen("<si><t>", &format!("<si><t>{long}"), 1)
    });
    has(
        &refused(&bytes),
        &format!("{FILE}: "),
        "строка таблицы общих строк занимает больше 256 КиБ",
    );
}

#[test]
fn a_million_row_sheet_is_refused_at_the_first_row_past_the_limit() {
    let sheet = sheet_of_rows(1_000_000);
    let bytes = edit(&participants(), MENTORS, |_| sheet);
    has(
        &refused(&bytes),
        &format!("{FILE} › Наставники › A200001: "),
        "лист читается до строки 200\u{a0}000",
    );
}

#[test]
fn excel_error_values_are_named_at_their_cell() {
    let bytes = edit(&participants(), MENTEES, |x| {
        let x = replace_cell(
            x,
            "D3",
            "<c r=\"D3\" s=\"4\" t=\"e\"><f>1/0</f><v>#DIV/0!</v></c>",
        );
        replace_cell(x, "E4", "<c r=\"E4\" t=\"e\"><f>NA()</f><v>#N/A</v></c>")
    });
    let ps = refused(&bytes);
    has(
        &ps,
        &format!("{FILE} › Наставляемые › D3: «Дата рождения»: "),
        "в ячейке ошибка формулы #DIV/0!",
    );
    has(
        &ps,
        &format!("{FILE} › Наставляемые › E4: "),
        "в ячейке ошибка формулы #N/A",
    );
    assert!(!ps.iter().any(|p| p.contains("записано «»")), "{ps:#?}");
}

#[test]
fn dates_outside_1900_2100_are_refused_at_their_cell() {
    let bytes = edit(&participants(), MENTEES, |x| {
        let x = replace_cell(x, "D3", "<c r=\"D3\" s=\"4\"><v>-700000</v></c>");
        replace_cell(
            x,
            "D4",
            "<c r=\"D4\" t=\"inlineStr\"><is><t>31.12.1800</t></is></c>",
        )
    });
    let ps = refused(&bytes);
    has(
        &ps,
        &format!("{FILE} › Наставляемые › D3: «Дата рождения»: "),
        "вне 1900–2100 годов",
    );
    has(
        &ps,
        &format!("{FILE} › Наставляемые › D4: «Дата рождения»: "),
        "дата «31.12.1800» вне 1900–2100 годов",
    );
}

#[test]
fn control_characters_in_any_text_cell_are_refused_at_it() {
    let bytes = edit(&participants(), MENTORS, |x| {
        let x = replace_cell(
            x,
            "A3",
            "<c r=\"A3\" t=\"inlineStr\"><is><t>Иванова\u{1} Мария Петровна</t></is></c>",
        );
        // A title row is checked too: every text cell.
        replace_cell(
            x,
            "A1",
            "<c r=\"A1\" t=\"inlineStr\"><is><t>Список\u{ffff}</t></is></c>",
        )
    });
    let ps = refused(&bytes);
    has(
        &ps,
        &format!("{FILE} › Наставники › A3: "),
        "управляющий символ U+0001",
    );
    has(
        &ps,
        &format!("{FILE} › Наставники › A1: "),
        "управляющий символ U+FFFF",
    );
    // Tabs and line breaks inside a name are spaces, not problems.
    let bytes = edit(&participants(), MENTORS, |x| {
        replace_cell(
            x,
            "A3",
            "<c r=\"A3\" t=\"inlineStr\"><is><t xml:space=\"preserve\">Иванова\tМария\nПетровна</t></is></c>",
        )
    });
    let dir = programme_with(&bytes);
    if let Err(e) = load::load(dir.path()) {
        assert!(!e.to_string().contains("управляющий символ"), "{e}");
    }
}

#[test]
fn too_many_parts_and_a_file_too_big_are_refused() {
    let mut all = parts(&participants());
    for i in 0..1_001 {
        all.push((format!("customXml/item{i}.xml"), b"<a/>".to_vec()));
    }
    has(
        &refused(&zip_of(&all)),
        &format!("{FILE}: "),
        "частей, больше предела 1\u{a0}000",
    );
    let dir = programme_with(&participants());
    let path = dir.path().join(FILE);
    let file = std::fs::OpenOptions::new()
        .write(true)
        .open(&path)
        .expect("open");
    file.set_len(65 << 20).expect("grow");
    let started = Instant::now();
    let message = match load::load(dir.path()) {
        Err(Error::Input(ps)) => ps.iter().map(ToString::to_string).collect::<Vec<_>>(),
        other => panic!("{:?}", other.map(|_| ())),
    };
    assert!(started.elapsed() < Duration::from_secs(5));
    has(
        &message,
        &format!("{FILE}: "),
        "допускается не больше 64 МиБ",
    );
}

#[cfg(unix)]
#[test]
fn a_fifo_or_a_device_named_as_an_input_is_refused_at_once() {
    let dir = programme_with(&participants());
    let path = dir.path().join(FILE);
    std::fs::remove_file(&path).expect("remove");
    let made = std::process::Command::new("mkfifo")
        .arg(&path)
        .status()
        .expect("mkfifo");
    assert!(made.success());
    let started = Instant::now();
    let message = match load::load(dir.path()) {
        Err(Error::Input(ps)) => ps.iter().map(ToString::to_string).collect::<Vec<_>>(),
        other => panic!("{:?}", other.map(|_| ())),
    };
    assert!(started.elapsed() < Duration::from_secs(5));
    has(&message, &format!("{FILE}: "), "а не обычный файл");
    std::fs::remove_file(&path).expect("remove");
    std::os::unix::fs::symlink("/dev/zero", &path).expect("symlink");
    let message = match load::load(dir.path()) {
        Err(Error::Input(ps)) => ps.iter().map(ToString::to_string).collect::<Vec<_>>(),
        other => panic!("{:?}", other.map(|_| ())),
    };
    has(&message, &format!("{FILE}: "), "а не обычный файл");
}

#[test]
fn the_real_workbook_still_loads() {
    // The patching itself changes nothing: the example rezipped loads.
    let bytes = zip_of(&parts(&participants()));
    let dir = programme_with(&bytes);
    load::load(dir.path()).expect("the example loads");
}
