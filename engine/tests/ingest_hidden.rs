//! Hidden sheets, rows and columns (issue 24, class 2): read, because
//! hiding is formatting, not deletion, but each named in a notice (the
//! rows by number), so that a person hidden instead of removed does not
//! reach the documents unseen.

#[path = "support/hostile.rs"]
mod hostile;

use hostile::*;
use nastavnik_engine::load;

const MENTORS: &str = "xl/worksheets/sheet1.xml";

/// The notices of the example with `participants.xlsx` replaced, and the
/// rows of the mentors read.
fn read(bytes: &[u8]) -> (Vec<String>, Vec<u32>) {
    let dir = programme_with(bytes);
    let loaded = load::load(dir.path()).expect("loads");
    (
        loaded.notices.iter().map(ToString::to_string).collect(),
        loaded.model.mentors.iter().map(|m| m.source.row).collect(),
    )
}

fn hiding(notices: &[String]) -> Vec<&String> {
    notices.iter().filter(|n| n.contains("скрыт")).collect()
}

#[test]
fn the_example_hides_nothing() {
    let (notices, _) = read(&participants());
    assert!(hiding(&notices).is_empty(), "{notices:#?}");
}

#[test]
fn hidden_rows_are_read_and_named_by_number() {
    let (_, before) = read(&participants());
    for flag in ["1", "true"] {
        let bytes = edit(&participants(), MENTORS, |x| {
            x.replace(
                "<row r=\"4\" spans=\"1:12\">",
                &format!("<row r=\"4\" spans=\"1:12\" hidden=\"{flag}\">"),
            )
            .replace(
                "<row r=\"6\" spans=\"1:12\">",
                &format!("<row r=\"6\" spans=\"1:12\" hidden=\"{flag}\">"),
            )
            .replace(
                "<row r=\"7\" spans=\"1:12\">",
                &format!("<row r=\"7\" spans=\"1:12\" hidden=\"{flag}\">"),
            )
        });
        let (notices, rows) = read(&bytes);
        // Read all the same: the same mentors, rows 4, 6 and 7 among them.
        assert_eq!(rows, before);
        assert!(rows.contains(&4) && rows.contains(&6) && rows.contains(&7));
        let hidden = hiding(&notices);
        assert_eq!(hidden.len(), 1, "{notices:#?}");
        assert!(
            hidden[0].starts_with(
                "inputs/participants.xlsx › Наставники: строки 4, 6–7 скрыты в Excel, но прочитаны как данные таблицы inputs.mentors"
            ),
            "{}",
            hidden[0]
        );
    }
}

#[test]
fn a_hidden_row_that_is_no_data_is_not_said() {
    // Row 1 is the title above the header, `hidden="0"` is visible.
    let bytes = edit(&participants(), MENTORS, |x| {
        x.replace(
            "<row r=\"1\" spans=\"1:12\"",
            "<row r=\"1\" spans=\"1:12\" hidden=\"1\"",
        )
        .replace(
            "<row r=\"3\" spans=\"1:12\">",
            "<row r=\"3\" spans=\"1:12\" hidden=\"0\">",
        )
    });
    let (notices, _) = read(&bytes);
    assert!(hiding(&notices).is_empty(), "{notices:#?}");
}

#[test]
fn a_hidden_column_that_is_read_is_named_at_its_header() {
    let bytes = edit(&participants(), MENTORS, |x| {
        x.replace(
            "<col min=\"3\" max=\"4\" width=\"30.7109375\" customWidth=\"1\"/>",
            "<col min=\"3\" max=\"4\" width=\"30.7109375\" customWidth=\"1\" hidden=\"1\"/>",
        )
    });
    let (notices, _) = read(&bytes);
    let hidden = hiding(&notices);
    assert!(!hidden.is_empty(), "{notices:#?}");
    assert!(
        hidden.iter().any(|n| n
            .starts_with("inputs/participants.xlsx › Наставники › C2: столбец C «")
            && n.contains("скрыт в Excel, но прочитан")),
        "{hidden:#?}"
    );
    assert!(
        hidden
            .iter()
            .all(|n| n.contains("› C2:") || n.contains("› D2:")),
        "{hidden:#?}"
    );
}

#[test]
fn a_hidden_sheet_read_as_a_table_is_said() {
    for state in ["hidden", "veryHidden"] {
        let bytes = edit(&participants(), "xl/workbook.xml", |x| {
            x.replace(
                "<sheet name=\"Наставники\" sheetId=\"1\" r:id=\"rId1\"/>",
                &format!(
                    "<sheet name=\"Наставники\" sheetId=\"1\" r:id=\"rId1\" state=\"{state}\"/>"
                ),
            )
        });
        let (notices, rows) = read(&bytes);
        assert!(!rows.is_empty());
        let hidden = hiding(&notices);
        assert_eq!(hidden.len(), 1, "{notices:#?}");
        assert!(
            hidden[0].starts_with("inputs/participants.xlsx › Наставники: лист скрыт в книге"),
            "{}",
            hidden[0]
        );
        assert!(hidden[0].contains("inputs.mentors"));
    }
}
