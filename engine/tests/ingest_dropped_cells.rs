//! Cell values calamine would drop without a word (issue 24, class 2): a
//! merged range spanning rows gives its value to the first row only, and
//! a formula without a computed value (what openpyxl and other generators
//! write) reads as empty. A merged value is read in every data row it
//! spans; a formula without a value is refused at its cell.

#[path = "support/hostile.rs"]
mod hostile;

use chrono::NaiveDate;
use hostile::*;
use nastavnik_engine::{load, Error};

const PAIRS: &str = "xl/worksheets/sheet3.xml";
const MENTORS: &str = "xl/worksheets/sheet1.xml";

fn problems(bytes: &[u8]) -> Vec<String> {
    let dir = programme_with(bytes);
    match load::load(dir.path()) {
        Ok(_) => Vec::new(),
        Err(Error::Input(ps)) => ps.iter().map(ToString::to_string).collect(),
        Err(e) => panic!("not an input error: {e}"),
    }
}

#[test]
fn a_merged_end_date_applies_to_every_pair_it_spans() {
    // 01.03.2026 typed once in F33, merged down over F34: the two pairs
    // of one mentor end that day.
    let bytes = edit(&participants(), PAIRS, |x| {
        let x = replace_cell(x, "F33", "<c r=\"F33\" s=\"4\"><v>46082</v></c>");
        x.replace(
            "<mergeCell ref=\"A1:F1\"/>",
            "<mergeCell ref=\"A1:F1\"/><mergeCell ref=\"F33:F34\"/>",
        )
        .replace("<mergeCells count=\"1\">", "<mergeCells count=\"2\">")
    });
    let dir = programme_with(&bytes);
    let loaded = load::load(dir.path()).expect("loads");
    let day = NaiveDate::from_ymd_opt(2026, 3, 1);
    let ended: Vec<u32> = loaded
        .model
        .pairs
        .iter()
        .filter(|p| p.end == day)
        .map(|p| p.source.row)
        .collect();
    assert_eq!(ended, [33, 34]);
    // The title merged over the header's columns changes nothing.
    let plain = programme_with(&participants());
    let before = load::load(plain.path()).expect("loads");
    assert_eq!(before.model.pairs.len(), loaded.model.pairs.len());
}

#[test]
fn a_formula_without_a_value_is_refused_at_its_cell() {
    for cell in [
        "<c r=\"D3\"><f>\"учитель\"</f></c>",
        "<c r=\"D3\"><f>\"учитель\"</f><v></v></c>",
        "<c r=\"D3\"><f>\"учитель\"</f><v/></c>",
    ] {
        let bytes = edit(&participants(), MENTORS, |x| replace_cell(x, "D3", cell));
        let ps = problems(&bytes);
        assert!(
            ps.iter().any(|p| p.starts_with("inputs/participants.xlsx › Наставники › D3: в ячейке формула без вычисленного значения")),
            "{cell}: {ps:#?}"
        );
    }
    // A formula with its value, or whose value is an empty text, is read.
    for cell in [
        "<c r=\"D3\" t=\"str\"><f>\"учитель\"</f><v>учитель</v></c>",
        "<c r=\"D3\" t=\"str\"><f>\"\"</f><v></v></c>",
    ] {
        let bytes = edit(&participants(), MENTORS, |x| replace_cell(x, "D3", cell));
        let ps = problems(&bytes);
        assert!(ps.iter().all(|p| !p.contains("формула")), "{cell}: {ps:#?}");
    }
}

#[test]
fn a_hundred_thousand_overlapping_merges_are_refused_fast() {
    // Every range over the whole «Пары» sheet, each starting on a filled
    // cell: the spreading is bounded by the sheet's cells, not their product.
    let merges: String = (0..100_000)
        .map(|_| "<mergeCell ref=\"A3:F34\"/>")
        .collect();
    let bytes = edit(&participants(), PAIRS, |x| {
        x.replace(
            "<mergeCells count=\"1\"><mergeCell ref=\"A1:F1\"/>",
            &format!("<mergeCells count=\"100001\"><mergeCell ref=\"A1:F1\"/>{merges}"),
        )
    });
    let started = std::time::Instant::now();
    let ps = problems(&bytes);
    assert!(
        started.elapsed() < std::time::Duration::from_secs(15),
        "{:?}",
        started.elapsed()
    );
    assert!(
        ps.iter()
            .any(|p| p.contains("объединённые ячейки покрывают больше")),
        "{ps:#?}"
    );
}

#[test]
fn two_sheets_alike_but_for_case_are_named_not_chosen_silently() {
    let bytes = edit(&participants(), "xl/workbook.xml", |x| {
        x.replace("name=\"Наставляемые\"", "name=\"наставники \"")
    });
    let ps = problems(&bytes);
    assert!(
        ps.iter().any(|p| p.starts_with(
            "inputs/participants.xlsx: в книге несколько листов «Наставники»: «Наставники», «наставники »"
        )),
        "{ps:#?}"
    );
}
