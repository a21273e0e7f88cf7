//! Property tests: organisations generated from the example (school,
//! college, additional education; package dates from before the programme
//! to after its end; consents given, missing and refused; forms invalid for
//! the categories; groups over the limit; orders not registered; agreements
//! dated before the order they would cite), each package rendered and every
//! document's text read back from its DOCX. What must hold in every one:
//! - nothing after the package's date stated as done (the orders on results
//!   and rewards are drafts before the final event; no stage complete while
//!   its work runs; no survey stage reported before it opens);
//! - no one held back in any order, plan or consent form, and no pair the
//!   check rejects in the pairs order;
//! - no consent form for a refusal, and no request to obtain it;
//! - one figure, one value: coverage as the manifest states it, in both
//!   reports and `check`; no «ответили X из Y» with X above Y;
//! - no document citing or approving one dated after it (each document's
//!   own date, `manifest.json › documents[].date`: an order on results
//!   registered before the package states its own day, and so does the
//!   monitoring report it approves);
//! - no «соблюдено» for a rule that had nothing to judge.
//!
//! `PROPTEST_CASES` sets how many (200 by default).

#[path = "support/package_text.rs"]
mod package_text;

#[path = "support/seeded.rs"]
mod seeded;
use nastavnik_engine::model::{Form, MenteeCategory, Model, OrgKind};
use nastavnik_engine::rules::Verdict;
use nastavnik_engine::NaiveDate;
use package_text::{later_cited, package_at};
use proptest::prelude::*;

/// What is changed in the example.
#[derive(Debug, Clone)]
struct Plan {
    kind: OrgKind,
    /// Days from the programme's start (it runs 01.09.2025–30.06.2026).
    day: i64,
    /// Per mentee: 0 consent given, 1 blank, 2 refused.
    mentee_consents: Vec<u8>,
    /// Per mentor: 0 given, 1 blank, 2 refused (the written one for
    /// employees, personal data for others).
    mentor_consents: Vec<u8>,
    /// Pairs given a form their categories do not allow.
    wrong_forms: Vec<usize>,
    /// Pupil groups merged into the first one (over the limit of 5).
    merge_groups: u8,
    /// Orders removed from programme.json.
    unregister: Vec<bool>,
    /// Agreements dated a month before the order on mentors.
    early_agreements: bool,
    /// The final event marked held in the roadmap.
    final_marked: bool,
    /// The order on results registered, this many days after the final
    /// event (some before the package's date, some after).
    results_after_event: Option<i64>,
}

const ORDERS: [&str; 5] = [
    "order-mentors",
    "order-pairs",
    "order-final-event",
    "order-rewards",
    "order-roadmap",
];

fn consent(weights: [u32; 3]) -> impl Strategy<Value = u8> {
    prop_oneof![weights[0] => Just(0u8), weights[1] => Just(1u8), weights[2] => Just(2u8)]
}

fn plans() -> impl Strategy<Value = Plan> {
    let model = nastavnik_engine::example::model();
    let (mentees, mentors, pairs) = (model.mentees.len(), model.mentors.len(), model.pairs.len());
    (
        prop_oneof![
            Just(OrgKind::School),
            Just(OrgKind::College),
            Just(OrgKind::AdditionalEducation)
        ],
        -40i64..360,
        proptest::collection::vec(consent([8, 1, 1]), mentees),
        proptest::collection::vec(consent([10, 1, 1]), mentors),
        proptest::collection::vec(0..pairs, 0..3),
        0u8..3,
        proptest::collection::vec(proptest::bool::weighted(0.25), ORDERS.len()),
        proptest::bool::weighted(0.3),
        proptest::bool::weighted(0.5),
        proptest::option::weighted(0.3, 1i64..40),
    )
        .prop_map(
            |(
                kind,
                day,
                mentee_consents,
                mentor_consents,
                wrong_forms,
                merge,
                unregister,
                early,
                final_marked,
                results_after_event,
            )| {
                Plan {
                    kind,
                    day,
                    mentee_consents,
                    mentor_consents,
                    wrong_forms,
                    merge_groups: merge,
                    unregister,
                    early_agreements: early,
                    final_marked,
                    results_after_event,
                }
            },
        )
}

fn answer(x: u8) -> Option<bool> {
    match x {
        0 => Some(true),
        1 => None,
        _ => Some(false),
    }
}

fn build(plan: &Plan) -> (Model, NaiveDate) {
    let mut m = nastavnik_engine::example::model();
    m.organisation.kind = plan.kind;
    let date = m.programme.start + chrono::Duration::days(plan.day);
    for (p, &c) in m.mentees.iter_mut().zip(&plan.mentee_consents) {
        p.consent_pd = answer(c);
    }
    for (p, &c) in m.mentors.iter_mut().zip(&plan.mentor_consents) {
        if p.employee {
            p.consent_mentoring = answer(c);
        } else {
            p.consent_pd = answer(c);
        }
    }
    for &i in &plan.wrong_forms {
        let p = &mut m.pairs[i];
        p.form = if p.form == Form::TeacherTeacher {
            Form::PupilPupil
        } else {
            Form::TeacherTeacher
        };
    }
    // Merge pupil groups into the first pupil mentor's.
    let mut pupil_mentors: Vec<String> = Vec::new();
    for p in &m.pairs {
        if p.form == Form::PupilPupil && !pupil_mentors.contains(&p.mentor) {
            pupil_mentors.push(p.mentor.clone());
        }
    }
    if let Some(first) = pupil_mentors.first().cloned() {
        for other in pupil_mentors
            .iter()
            .skip(1)
            .take(usize::from(plan.merge_groups))
        {
            for p in m.pairs.iter_mut().filter(|p| &p.mentor == other) {
                p.mentor = first.clone();
            }
        }
    }
    m.groups = nastavnik_engine::load::groups::assign(&mut m.pairs);
    for (id, &off) in ORDERS.iter().zip(&plan.unregister) {
        if off {
            m.orders.remove(*id);
        }
    }
    if plan.early_agreements {
        if let Some(o) = m.orders.get("order-mentors") {
            let d = o.date - chrono::Duration::days(30);
            for p in m.mentors.iter_mut().filter(|p| p.employee) {
                p.agreement = Some(format!("№ 9 от {}", d.format("%d.%m.%Y")));
            }
        }
    }
    if let (Some(after), Some(event)) = (
        plan.results_after_event,
        m.final_event.as_ref().and_then(|f| f.date),
    ) {
        m.orders.insert(
            "order-results".into(),
            nastavnik_engine::model::RegisteredOrder {
                number: "171-о".into(),
                date: event + chrono::Duration::days(after),
            },
        );
    }
    if plan.final_marked {
        let day = m.final_event.as_ref().and_then(|f| f.date);
        for e in m.roadmap.iter_mut() {
            if e.stage == 7 && e.deadline_date == day {
                e.done = Some(true);
                e.done_mark = Some("проведено".into());
            }
        }
    }
    (m, date)
}

fn check(plan: &Plan) -> Result<(), TestCaseError> {
    let (model, date) = build(plan);
    let (texts, manifest) = package_at(model.clone(), date);
    let text = |id: &str| {
        texts
            .get(&format!("{id}.docx"))
            .cloned()
            .unwrap_or_default()
    };

    // Nothing after the date stated as done.
    let event = model.final_event.as_ref().and_then(|f| f.date);
    for id in ["order-results", "order-rewards"] {
        let Some(t) = texts.get(&format!("{id}.docx")) else {
            continue;
        };
        // A registered order (by the package's date) is issued: stated at
        // its own date, never a draft (the check warns when it came before
        // the event was held: `stage7.results-after-event`). Otherwise,
        // before the event, or after it while the roadmap does not record
        // it held: a draft.
        let registered = model.orders.get(id).is_some_and(|o| o.date <= date);
        // Registered on a later day: a draft until that day.
        let later = model.orders.get(id).is_some_and(|o| o.date > date);
        if registered {
            prop_assert!(!t.starts_with("ПРОЕКТ"), "{id} registered, yet a draft");
        } else if later || event.is_some_and(|e| date <= e) || !plan.final_marked {
            prop_assert!(t.starts_with("ПРОЕКТ\n"), "{id} on {date} not a draft");
            prop_assert!(manifest.drafts.iter().any(|d| d.id == id));
        } else {
            prop_assert!(!t.starts_with("ПРОЕКТ"), "{id} on {date} a draft");
        }
    }
    let mut dated = model.clone();
    dated.report_date = Some(date);
    let profile =
        nastavnik_engine::package::Profile::load(None, None, None).map_err(|e| fail(&e))?;
    let report = profile.check(&dated).map_err(|e| fail(&e))?;
    for s in &report.stages {
        let period = report.figures.calendar.stage(s.stage);
        if let Some(end) = period.and_then(|p| p.work_end) {
            prop_assert!(
                !(s.complete && date <= end),
                "stage {} complete on {date} while its work runs to {end}",
                s.stage
            );
        }
    }
    if !report.figures.calendar.survey_open(2) {
        prop_assert!(
            !text("report-monitoring").contains("Этап 2 (оценка влияния программы на участников):"),
            "June's survey reported on {date}"
        );
    }
    // «соблюдено» only where something was judged: no rule with nothing to
    // judge passes (these read data that the plans may leave empty).
    for r in &report.rules {
        if r.not_judged.is_some() {
            prop_assert!(
                r.verdict != Verdict::Passed,
                "{} passed unjudged",
                r.meta.id
            );
        }
    }

    // Who signs follows the age at the pair's start: never a parent's form
    // for an adult, never an adult's own form for a minor.
    for m in &model.mentees {
        let forms: Vec<&str> = manifest
            .documents
            .iter()
            .filter(|d| d.title.ends_with(&format!("({})", m.name)))
            .map(|d| d.id.as_str())
            .collect();
        match m.age {
            Some(a) if a >= 18 => prop_assert!(
                forms.iter().all(|id| !id.starts_with("consent-parent")),
                "a parent's form for {} ({a}): {forms:?}",
                m.name
            ),
            Some(a) => prop_assert!(
                forms
                    .iter()
                    .all(|id| !id.starts_with("consent-participant")),
                "an adult's form for {} ({a}): {forms:?}",
                m.name
            ),
            None => {}
        }
    }

    // Nobody held back in an order, plan or consent; no rejected pair fixed.
    let people: Vec<&nastavnik_engine::cast::HeldBack> = manifest
        .held_back
        .iter()
        .filter(|h| h.role != nastavnik_engine::cast::PAIR && h.partner.is_none())
        .collect();
    let pairs_annex = text("order-pairs");
    let annex = pairs_annex
        .split("Список наставнических пар (групп)")
        .nth(1)
        .unwrap_or("");
    for h in &people {
        prop_assert!(!annex.contains(&h.name), "{} in the pairs order", h.name);
        for (name, t) in texts.iter().filter(|(n, _)| n.starts_with("plan-")) {
            prop_assert!(!t.contains(&h.name), "{} in {name}", h.name);
        }
        if h.role == "наставник" {
            let mentors = text("order-mentors");
            let annexed = mentors.split("ПРИКАЗЫВАЮ").nth(1).unwrap_or("");
            prop_assert!(!annexed.contains(&h.name), "{} in order-mentors", h.name);
        }
        if h.refused {
            // Consent forms are listed by whom they are for (the form
            // itself declines the name).
            for d in manifest
                .documents
                .iter()
                .filter(|d| d.id.starts_with("consent-"))
            {
                prop_assert!(
                    !d.title.contains(&h.name),
                    "a refusal, {}, in {}",
                    h.name,
                    d.id
                );
            }
        }
    }
    for h in manifest
        .held_back
        .iter()
        .filter(|h| h.role == nastavnik_engine::cast::PAIR)
    {
        let (mentor, mentee) = h.name.split_once(" — ").unwrap_or(("", ""));
        for (name, t) in texts.iter().filter(|(n, _)| n.starts_with("plan-")) {
            prop_assert!(
                !(t.contains(mentor) && t.contains(mentee)),
                "rejected pair {} in {name}",
                h.name
            );
        }
    }
    if manifest
        .held_back
        .iter()
        .all(|h| h.refused || h.partner.is_some())
    {
        prop_assert!(!pairs_annex.contains("запросить недостающ"));
    }

    // No document cites or approves one dated after it; a report approved
    // by an order registered before the date carries the order's date.
    if let Some(wrong) = later_cited(&texts, &manifest) {
        prop_assert!(false, "{wrong}");
    }
    let dated = |id: &str| {
        manifest
            .documents
            .iter()
            .find(|d| d.id == id)
            .and_then(|d| d.date)
    };
    if let Some(o) = model.orders.get("order-results") {
        if o.date <= date && dated("order-results") == Some(o.date) {
            prop_assert_eq!(dated("report-monitoring"), Some(o.date));
        }
    }
    prop_assert!(manifest.documents.iter().all(|d| d.date <= Some(date)));

    // One figure, one value (the figures of the report's own date); no
    // rate above 100 %.
    let f = manifest
        .earlier
        .iter()
        .find(|e| e.documents.iter().any(|d| d == "report-monitoring"))
        .map_or(&manifest.figures, |e| &e.figures);
    let covered = format!("{} из {}", f.learners.covered, f.learners.total);
    prop_assert!(text("report-monitoring").contains(&covered), "{covered}");
    prop_assert_eq!(
        report.figures.learners.covered,
        manifest.figures.learners.covered
    );
    for t in [text("order-results"), text("report-monitoring")] {
        for part in t.split("ответили ").skip(1) {
            let mut words = part.split_whitespace();
            let (x, of, y) = (words.next(), words.next(), words.next());
            if let (Some(x), Some("из"), Some(y)) = (x, of, y) {
                let x: usize = x.parse().unwrap_or(0);
                let y: usize = y
                    .trim_end_matches([')', ';', ',', '.'])
                    .parse()
                    .unwrap_or(usize::MAX);
                prop_assert!(x <= y, "ответили {x} из {y}");
            }
        }
    }
    // No agreement cites the order on mentors dated after it.
    if let Some(o) = model.orders.get("order-mentors") {
        let cited = format!("от {}", o.date.format("%d.%m.%Y"));
        for p in model.mentors.iter().filter(|p| p.employee) {
            let early = p
                .agreement
                .as_deref()
                .and_then(|a| nastavnik_engine::docref::parse(a).ok())
                .and_then(|r| r.date)
                .is_some_and(|d| d < o.date);
            if !early {
                continue;
            }
            for (name, t) in texts.iter().filter(|(n, _)| n.starts_with("agreement-")) {
                if t.contains(&p.name) {
                    prop_assert!(
                        !t.contains(&format!("{cited}\u{a0}№\u{a0}{}", o.number)),
                        "{name} cites a later order"
                    );
                }
            }
        }
    }
    // College and additional-education packages count their own learners.
    if plan.kind != OrgKind::School {
        prop_assert!(model
            .mentees
            .iter()
            .any(|m| m.category == MenteeCategory::Pupil));
    }
    Ok(())
}

fn fail(e: &nastavnik_engine::Error) -> TestCaseError {
    TestCaseError::fail(e.to_string())
}

proptest! {
    #![proptest_config(ProptestConfig {
        failure_persistence: None,
        ..seeded::config(200)
    })]

    #[test]
    fn every_package_is_true_at_its_date(plan in plans()) {
        check(&plan)?;
    }
}
