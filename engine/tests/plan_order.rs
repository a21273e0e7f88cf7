//! An individual plan's work goes in the order it is done, in the example
//! of every kind, read from the plans' DOCX: each row's period starts
//! after the one before; acquaintance and the plan first; the track's
//! opening (the difficulties found, the documents studied, the
//! enterprise's safety briefing, the project's theme chosen) before what
//! the requests ask and the rest of the work; summing up, then closing,
//! last. A reader found a centre's plan diagnosing a group's difficulties
//! in January, after two months of work on its requests; and one with
//! «Работа над проектом … предварительная защита» and no defence after
//! it, a group's adaptation in its fourth month, a young teacher's
//! joining the staff after her documentation though she asked it first.
//! Every part of every mentee's request is answered in the plan of the
//! pair or group: a reader found a group plan that answered two of its
//! four mentees.

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

/// The first month of a period as (year, month): «Октябрь 2025»,
/// «Ноябрь – декабрь 2025», «Декабрь 2025 – январь 2026».
fn first_month(period: &str) -> (i32, usize) {
    let lower = period.to_lowercase();
    let words: Vec<&str> = lower.split_whitespace().collect();
    // The engine's own month names (`russian::month_nominative`).
    let month = (1..=12)
        .position(|m| words.first() == Some(&nastavnik_engine::russian::month_nominative(m)))
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
        let model = nastavnik_engine::example::model_of(kind);
        every_request_is_answered(&model, &texts);
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
            // A preliminary defence comes before the defence.
            let work: String = rows.iter().map(|(_, c)| format!("{c}\n")).collect();
            if let Some(pre) = work.find("предварительная защита") {
                assert!(
                    work.rfind("Защита проекта").is_some_and(|d| d > pre),
                    "no defence after the preliminary one: {at}"
                );
            }
            // Adaptation right after acquaintance or the track's opening.
            if let Some(i) = rows.iter().position(|(_, c)| {
                c.contains("Адаптация к новым условиям") || c.contains("Вхождение в коллектив")
            }) {
                assert!(i <= 2, "adaptation in row {}: {at}", i + 1);
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

/// What answers a request's part naming it (the part contains the key):
/// one of the activities' words. A part is answered too by being named,
/// quoted, in its plan (a theme of its own, a pair's request).
const ANSWERS: &[(&str, &[&str])] = &[
    (
        "адаптац",
        &["Адаптация к новым условиям", "Вхождение в коллектив"],
    ),
    ("знакомств", &["Адаптация к новым условиям"]),
    ("общежит", &["Адаптация к новым условиям"]),
    ("задолженн", &["Устранение затруднений в учёбе"]),
    ("неуспева", &["Устранение затруднений в учёбе"]),
    ("пробел", &["Устранение затруднений в учёбе"]),
    ("помощь в освоении", &["Устранение затруднений в учёбе"]),
    ("трудности с", &["Устранение затруднений в учёбе"]),
    ("чертеж", &["Работа с чертежом"]),
    ("чертёж", &["Работа с чертежом"]),
    ("пассив", &["Вовлечение в общие дела"]),
    ("не участву", &["Вовлечение в общие дела"]),
    (
        "демонстрационн",
        &["демонстрационному экзамену", "к экзамену"],
    ),
    ("олимпиад", &["Подготовка к олимпиаде"]),
    ("огэ", &["Подготовка к экзамену"]),
    ("егэ", &["Подготовка к экзамену"]),
    ("выбор профил", &["Выбор дальнейшей траектории"]),
    ("выбор професси", &["Выбор дальнейшей траектории"]),
    ("самоопредел", &["Выбор дальнейшей траектории"]),
    ("выбор колледж", &["Выбор дальнейшей траектории"]),
    ("выбор вуз", &["Выбор дальнейшей траектории"]),
    ("профориент", &["Выбор дальнейшей траектории"]),
    ("траектор", &["Выбор дальнейшей траектории"]),
    ("предприят", &["Выбор места практики"]),
    ("учебной практики", &["Организация практического обучения"]),
    ("курсов", &["Работа над проектом"]),
    ("проект", &["Работа над проектом"]),
    (
        "выставк",
        &["Подготовка работы к конкурсу", "к конкурсам и выставкам"],
    ),
    (
        "конкурс",
        &["Подготовка работы к конкурсу", "к конкурсам и выставкам"],
    ),
    ("неуверенн", &["Тренировка выступлений"]),
    ("выбор направлени", &["Выбор дальнейшей траектории"]),
    ("журнал", &["Ведение документации"]),
    ("рабочая программ", &["Ведение документации"]),
    ("общеобразовательная программ", &["Ведение документации"]),
    ("дисциплина на", &["Дисциплина на"]),
    ("родител", &["Работа с родителями"]),
    ("удержан", &["к занятиям"]),
    ("охрана труда", &["Охрана труда на занятиях"]),
];

/// Every part (between commas) of every mentee's request has an activity
/// in the plan of the mentee's pair or group.
fn every_request_is_answered(
    model: &nastavnik_engine::model::Model,
    texts: &std::collections::BTreeMap<String, String>,
) {
    let (mut several, mut checked) = (0, 0);
    for g in &model.groups {
        // The plan signed by the mentor and every mentee of the group.
        let surnames: Vec<&str> = std::iter::once(&g.mentor)
            .chain(&g.mentees)
            .filter_map(|n| n.split_whitespace().next())
            .collect();
        let plans: Vec<&String> = texts
            .iter()
            .filter(|(f, t)| f.starts_with("plan-") && surnames.iter().all(|s| t.contains(s)))
            .map(|(_, t)| t)
            .collect();
        let [text] = plans[..] else {
            continue;
        };
        checked += 1;
        let work: String = rows(text).iter().map(|(_, c)| format!("{c}\n")).collect();
        let mut asked = std::collections::BTreeSet::new();
        for name in &g.mentees {
            let Some(request) = model
                .mentees
                .iter()
                .find(|m| &m.name == name)
                .and_then(|m| m.request.as_deref())
            else {
                continue;
            };
            asked.insert(request.to_owned());
            for part in request
                .split([',', ';'])
                .map(str::trim)
                .filter(|p| !p.is_empty())
            {
                let lower = part.to_lowercase();
                // A group's plan names no child's request: what no theme
                // names is its one activity on the mentees' own requests.
                let answered = match ANSWERS.iter().find(|(key, _)| lower.contains(key)) {
                    Some((_, words)) => words.iter().any(|w| work.contains(w)),
                    None if g.is_group() => {
                        work.contains("Работа по индивидуальным запросам наставляемых")
                    }
                    None => work.contains(part),
                } || work.contains(part);
                assert!(
                    answered,
                    "group {}: {name}'s «{part}» is not answered:\n{work}",
                    g.id
                );
            }
        }
        if asked.len() > 2 {
            several += 1;
        }
    }
    assert!(
        checked * 4 >= model.groups.len() * 3,
        "{checked} plans of {} groups found",
        model.groups.len()
    );
    assert!(
        several > 0,
        "{:?}: no group with several different requests",
        model.organisation.kind
    );
}
