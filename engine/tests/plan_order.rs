//! An individual plan's work goes in the order it is done, in the example
//! of every kind, read from the plans' DOCX: each row's period starts
//! after the one before; acquaintance and the plan first; the track's
//! opening (the difficulties found, the documents studied, the
//! enterprise's safety briefing, the project's theme chosen) before what
//! the requests ask and the rest of the work; summing up, then closing,
//! last. A reader found a centre's plan diagnosing a group's difficulties
//! in January, after two months of work on its requests.

#[path = "support/package_text.rs"]
mod package_text;

use nastavnik_engine::model::OrgKind;
use nastavnik_engine::NaiveDate;

/// What opens each track's work (`render::plan_activities`), as printed.
const OPENINGS: [&str; 7] = [
    "Изучение нормативных документов",
    "Выявление затруднений",
    "Знакомство с жизнью",
    "Выбор темы совместного проекта",
    "Определение образовательных целей",
    "Знакомство с предприятием",
    "Инструктаж по охране труда",
];

const MONTHS: [&str; 12] = [
    "январь",
    "февраль",
    "март",
    "апрель",
    "май",
    "июнь",
    "июль",
    "август",
    "сентябрь",
    "октябрь",
    "ноябрь",
    "декабрь",
];

/// The first month of a period as (year, month): «Октябрь 2025»,
/// «Ноябрь – декабрь 2025», «Декабрь 2025 – январь 2026».
fn first_month(period: &str) -> (i32, usize) {
    let lower = period.to_lowercase();
    let words: Vec<&str> = lower.split_whitespace().collect();
    let month = MONTHS
        .iter()
        .position(|m| words.first() == Some(m))
        .unwrap_or_else(|| panic!("a period opening with a month: {period}"));
    let year = words
        .iter()
        .find_map(|w| w.parse::<i32>().ok())
        .unwrap_or_else(|| panic!("a year in {period}"));
    (year, month + 1)
}

/// The rows of a plan's table «План работы»: (period, content).
fn rows(text: &str) -> Vec<(String, String)> {
    let lines: Vec<&str> = text.lines().collect();
    let start = lines
        .iter()
        .position(|l| *l == "Отметка о выполнении")
        .expect("the plan's table");
    let mut out = Vec::new();
    let mut i = start + 1;
    while i + 2 < lines.len() && lines[i] == (out.len() + 1).to_string() {
        out.push((lines[i + 1].to_owned(), lines[i + 2].to_owned()));
        i += 5;
    }
    out
}

#[test]
fn every_plans_work_goes_in_order_in_every_kind() {
    let date = NaiveDate::from_ymd_opt(2026, 1, 20).expect("date");
    for kind in [
        OrgKind::School,
        OrgKind::College,
        OrgKind::AdditionalEducation,
    ] {
        let (texts, _) = package_text::package_at(nastavnik_engine::example::model_of(kind), date);
        let plans: Vec<(&String, &String)> = texts
            .iter()
            .filter(|(f, _)| f.starts_with("plan-"))
            .collect();
        assert!(plans.len() >= 5, "{kind:?}: {} plans", plans.len());
        let mut opened = 0;
        for (file, text) in plans {
            let rows = rows(text);
            let at = format!("{kind:?} {file}: {rows:#?}");
            assert!(rows.len() >= 3, "{at}");
            let months: Vec<(i32, usize)> = rows.iter().map(|(p, _)| first_month(p)).collect();
            assert!(months.windows(2).all(|w| w[0] < w[1]), "{at}");
            assert!(rows[0].1.starts_with("Знакомство, уточнение"), "{at}");
            let last = &rows[rows.len() - 1].1;
            if last.starts_with("Завершение работы") {
                assert!(
                    rows[rows.len() - 2].1.starts_with("Подведение итогов"),
                    "{at}"
                );
            } else {
                assert!(last.starts_with("Подведение итогов"), "{at}");
            }
            // The track's opening, when the plan has it, is its first work.
            if let Some(i) = rows
                .iter()
                .position(|(_, c)| OPENINGS.iter().any(|o| c.starts_with(o)))
            {
                assert_eq!(i, 1, "{at}");
                opened += 1;
            }
        }
        assert!(opened >= 3, "{kind:?}: {opened} plans open their track");
    }
}
