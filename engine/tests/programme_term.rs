//! «Учебный год» is said only of a school year: a programme run by
//! calendar year (01.01–31.12) reports «по итогам календарного года» and
//! plans «на следующий календарный год», one over another period names
//! its period (`calendar::Term`), read from the orders' DOCX.

#[path = "support/package_text.rs"]
mod package_text;

use nastavnik_engine::model::OrgKind;
use nastavnik_engine::NaiveDate;
use std::collections::BTreeMap;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).expect("date")
}

/// The implementation and results orders of the college example run
/// from `start` to `end`, at `date`.
fn orders(start: NaiveDate, end: NaiveDate, date: NaiveDate) -> BTreeMap<String, String> {
    let mut m = nastavnik_engine::example::model_of(OrgKind::College);
    m.programme.start = start;
    m.programme.end = end;
    m.programme.title = "Программа наставничества БПОУ ОО «ОТМ»".into();
    m.programme.academic_year = None;
    let (texts, _) = package_text::package_at(m, date);
    texts
        .into_iter()
        .filter(|(f, _)| f.starts_with("order-implementation") || f.starts_with("order-results"))
        .collect()
}

fn all(texts: &BTreeMap<String, String>) -> String {
    assert_eq!(texts.len(), 2, "{:?}", texts.keys());
    texts.values().cloned().collect::<Vec<_>>().join("\n")
}

#[test]
fn a_calendar_year_is_no_school_year() {
    let text = all(&orders(d(2025, 1, 1), d(2025, 12, 31), d(2025, 11, 20)));
    assert!(text.contains("по итогам календарного года"), "{text}");
    assert!(text.contains("на следующий календарный год"), "{text}");
    assert!(!text.contains("учебн"), "{text}");
}

#[test]
fn another_period_is_named_as_it_runs() {
    let text = all(&orders(d(2025, 3, 1), d(2026, 2, 28), d(2025, 11, 20)));
    assert!(
        text.contains("по итогам периода реализации программы"),
        "{text}"
    );
    assert!(
        text.contains("на следующий период реализации программы"),
        "{text}"
    );
    assert!(!text.contains("учебн"), "{text}");
}

#[test]
fn a_school_year_is_one() {
    let text = all(&orders(d(2025, 9, 1), d(2026, 5, 31), d(2025, 11, 20)));
    assert!(text.contains("по итогам учебного года"), "{text}");
    assert!(text.contains("на следующий учебный год"), "{text}");
}
