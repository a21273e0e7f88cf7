//! Every document is true at its own date: a registered order dated before
//! the package states what was so on its day, a document it approves
//! carries that day, and nothing cites what was issued later. The example
//! of an additional-education centre (programme 01.09.2025–30.06.2026,
//! final event 22.05.2026, held) generated in December 2026 with its order
//! on results registered in May; text read from the DOCX itself.

#[path = "support/package_text.rs"]
mod package_text;

use nastavnik_engine::model::{OrgKind, RegisteredOrder};
use nastavnik_engine::{Model, NaiveDate};
use package_text::{assert_nothing_later_cited, package_at};

fn day(d: u32, m: u32, y: i32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap_or_else(|| panic!("{d}.{m}.{y}"))
}

/// The centre with its final event marked held.
fn centre() -> Model {
    let mut m = nastavnik_engine::example::model_of(OrgKind::AdditionalEducation);
    let event = m.final_event.as_ref().and_then(|f| f.date);
    let row = m
        .roadmap
        .iter()
        .position(|e| e.stage == 7 && e.deadline_date == event)
        .expect("the example's roadmap has the final event");
    m.roadmap[row].done = Some(true);
    m.roadmap[row].done_mark = Some("проведено".into());
    m
}

fn register(m: &mut Model, id: &str, number: &str, date: NaiveDate) {
    m.orders.insert(
        id.to_owned(),
        RegisteredOrder {
            number: number.to_owned(),
            date,
        },
    );
}

fn date_of(manifest: &nastavnik_engine::package::Manifest, id: &str) -> Option<NaiveDate> {
    manifest
        .documents
        .iter()
        .find(|d| d.id == id)
        .unwrap_or_else(|| panic!("no {id}"))
        .date
}

#[test]
fn an_order_on_results_registered_in_may_states_may() {
    let december = day(20, 12, 2026);
    let may = day(26, 5, 2026);
    let mut model = centre();
    register(&mut model, "order-results", "171-о", may);
    let (texts, manifest) = package_at(model.clone(), december);

    // Its date, and its approved report's, are the order's.
    assert_eq!(date_of(&manifest, "order-results"), Some(may));
    assert_eq!(date_of(&manifest, "report-monitoring"), Some(may));
    assert_eq!(date_of(&manifest, "report-compliance"), Some(december));
    assert_eq!(manifest.earlier.len(), 1, "{:?}", manifest.earlier);
    assert_eq!(manifest.earlier[0].date, may);
    assert_eq!(
        manifest.earlier[0].documents,
        ["order-results", "report-monitoring"]
    );

    // The period ends on its day, not the programme's end; the report it
    // approves carries that day and its stamp.
    let results = &texts["order-results.docx"];
    assert!(
        results.contains("за период с 01.09.2025 по 26.05.2026"),
        "{results}"
    );
    let report = &texts["report-monitoring.docx"];
    assert!(report.starts_with("ОДОБРЕН\n"), "{report}");
    assert!(report.contains("от 26.05.2026 №\u{a0}171-о"), "{report}");
    assert!(
        report.contains("26\u{a0}мая\u{a0}2026\u{a0}г. №"),
        "{report}"
    );

    // Exactly what a package made on that day states: the same pipeline.
    // Restated, the report does not send the reader to the compliance
    // report, which is of December: only those references differ.
    let (on_the_day, _) = package_at(model.clone(), may);
    assert_eq!(
        texts["order-results.docx"],
        on_the_day["order-results.docx"]
    );
    let restated = &texts["report-monitoring.docx"];
    assert!(!restated.contains("отчёте о полноте этапов"), "{restated}");
    let plain = |t: &str| {
        t.replace(" (подробно — в отчёте о полноте этапов)", "")
            .replace(
                ": что нужно устранить или выполнить, с местом во входных данных, — в отчёте о полноте этапов",
                "",
            )
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    };
    assert_eq!(
        plain(restated),
        plain(&on_the_day["report-monitoring.docx"])
    );
    // And not what December states: the roadmap's events after 26.05 (due
    // 05.06 and in June) are not yet counted as due.
    let mut unregistered = model;
    unregistered.orders.remove("order-results");
    let (later, _) = package_at(unregistered, december);
    let due = |t: &str| {
        t.split("Выполнено ")
            .nth(1)
            .and_then(|r| r.split(" мероприят").next())
            .map(str::to_owned)
            .unwrap_or_default()
    };
    assert_ne!(
        due(report),
        due(&later["report-monitoring.docx"]),
        "the roadmap's execution as of 26.05 and as of December"
    );
    assert!(later["order-results.docx"].contains("за период с 01.09.2025 по 30.06.2026"));
    assert_nothing_later_cited(&texts, &manifest);
}

#[test]
fn an_order_never_cites_an_order_of_a_later_date() {
    let december = day(20, 12, 2026);
    let mut model = centre();
    register(&mut model, "order-rewards", "180-о", day(28, 5, 2026));
    register(&mut model, "order-results", "171-о", day(26, 5, 2026));
    let (texts, manifest) = package_at(model.clone(), december);
    let results = &texts["order-results.docx"];
    assert!(!results.contains("180-о"), "{results}");
    // Not asked to prepare what its own day had not yet seen issued? It
    // was not issued then: the curator prepares it.
    assert!(results.contains("представить к поощрению"), "{results}");
    assert_nothing_later_cited(&texts, &manifest);

    // Rewarded before the results: cited as issued.
    register(&mut model, "order-rewards", "170-о", day(25, 5, 2026));
    let (texts, manifest) = package_at(model, december);
    assert!(
        texts["order-results.docx"].contains("от 25.05.2026 №\u{a0}170-о"),
        "{}",
        texts["order-results.docx"]
    );
    assert_nothing_later_cited(&texts, &manifest);
}

#[test]
fn without_an_earlier_dated_document_nothing_is_run_twice() {
    // Orders registered at the package's date or later, or none dated
    // before it that states figures: one pipeline, the package's date.
    let mut model = centre();
    let date = day(26, 5, 2026);
    register(&mut model, "order-results", "171-о", date);
    let (_, manifest) = package_at(model, date);
    assert!(manifest.earlier.is_empty(), "{:?}", manifest.earlier);
    assert_eq!(date_of(&manifest, "report-monitoring"), Some(date));
    // The regulation carries the date of the order approving it.
    let (_, manifest) = package_at(centre(), day(20, 12, 2025));
    let regulation = centre().orders["order-regulation"].date;
    assert_eq!(date_of(&manifest, "regulation"), Some(regulation));
    assert!(manifest.earlier.is_empty());
    // An agreement carries the date its row gives (10.10.2025); the
    // employee's consent, not dated by any table, the package's.
    assert_eq!(date_of(&manifest, "agreement-001"), Some(day(10, 10, 2025)));
    assert_eq!(
        date_of(&manifest, "consent-mentor-001"),
        Some(day(20, 12, 2025))
    );
}

#[test]
fn an_order_on_an_event_already_held_is_a_draft_that_may_not_be_signed() {
    let mut model = centre();
    let event = day(22, 5, 2026);
    let (texts, manifest) = package_at(model.clone(), day(15, 6, 2026));
    let draft = manifest
        .drafts
        .iter()
        .find(|d| d.id == "order-final-event")
        .expect("listed among the drafts");
    assert_eq!(draft.sign_from, None);
    assert!(
        draft.reason.contains("назначено на 22.05.2026"),
        "{draft:?}"
    );
    let order = &texts["order-final-event.docx"];
    assert!(order.starts_with("ПРОЕКТ\n"), "{order}");
    assert!(
        order.contains(
            "Проект не подлежит подписанию: итоговое мероприятие назначено на 22.05.2026"
        ),
        "{order}"
    );
    // Before the event, or registered: signed, not a draft.
    for (m, date) in [
        (model.clone(), day(1, 5, 2026)),
        (
            {
                register(
                    &mut model,
                    "order-final-event",
                    "150-о",
                    event - chrono::Days::new(20),
                );
                model
            },
            day(15, 6, 2026),
        ),
    ] {
        let (texts, manifest) = package_at(m, date);
        assert!(manifest.drafts.iter().all(|d| d.id != "order-final-event"));
        assert!(!texts["order-final-event.docx"].contains("ПРОЕКТ"));
    }
}
