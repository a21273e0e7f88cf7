//! What the package says is true at its date: the example school (programme
//! 01.09.2025–30.06.2026, final event 22.05.2026) judged in December, in
//! the middle of its year, and after its end; pairs the check rejects and
//! consents refused kept out of the documents. Text is read from the
//! DOCX itself (word/document.xml), every document of the package.

#[path = "support/package_text.rs"]
mod package_text;

use nastavnik_engine::calendar::StageStatus;
use nastavnik_engine::model::{Form, MenteeCategory};
use nastavnik_engine::package;
use nastavnik_engine::rules::Verdict;
use nastavnik_engine::{Model, NaiveDate};
use package_text::package_at;

fn day(d: u32, m: u32, y: i32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap_or_else(|| panic!("{d}.{m}.{y}"))
}

fn report_at(model: &Model, date: NaiveDate) -> nastavnik_engine::rules::Report {
    let mut m = model.clone();
    m.report_date = Some(date);
    let profile = package::Profile::load(None, None, None).unwrap_or_else(|e| panic!("{e}"));
    profile.check(&m).unwrap_or_else(|e| panic!("{e}"))
}

fn verdict(report: &nastavnik_engine::rules::Report, id: &str) -> Verdict {
    report
        .rules
        .iter()
        .find(|r| r.meta.id == id)
        .unwrap_or_else(|| panic!("no rule {id}"))
        .verdict
}

#[test]
fn in_december_the_year_is_not_stated_as_done() {
    let model = nastavnik_engine::example::model();
    let december = day(20, 12, 2025);
    let report = report_at(&model, december);
    // Stage 6 runs while the pairs work (to June); stage 7 has not begun.
    assert_eq!(report.stages[5].status, StageStatus::Running);
    assert_eq!(report.stages[6].status, StageStatus::NotStarted);
    assert!(!report.stages[5].complete && !report.stages[6].complete);
    for id in [
        "stage7.order-final-event",
        "stage7.order-rewards",
        "stage7.monitoring-results",
    ] {
        assert_eq!(verdict(&report, id), Verdict::NotDue, "{id}");
    }
    // An unregistered order's date cannot be compared: not «соблюдено».
    assert_eq!(
        verdict(&report, "stage7.final-event-order-timely"),
        Verdict::NotJudged
    );
    let json = serde_json::to_value(&report).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(json["stages"][5]["status"], "running");
    assert!(report.to_text(None, true).contains("срок не наступил"));

    let (texts, manifest) = package_at(model, december);
    let drafts: Vec<&str> = manifest.drafts.iter().map(|d| d.id.as_str()).collect();
    assert_eq!(drafts, ["order-rewards", "order-results"]);
    for id in drafts {
        let text = &texts[&format!("{id}.docx")];
        assert!(
            text.starts_with("ПРОЕКТ\nподписывается не ранее 23.05.2026"),
            "{id}: {}",
            &text[..200.min(text.len())]
        );
    }
    // The monitoring report does not report June's survey in December.
    let monitoring = &texts["report-monitoring.docx"];
    assert!(
        monitoring.contains("Ответы этапа 2 мониторинга"),
        "{monitoring}"
    );
    let compliance = &texts["report-compliance.docx"];
    assert!(compliance.contains("этап идёт"), "{compliance}");
}

/// The roadmap's row of the final event (stage 7, on its day).
fn final_event_row(model: &Model) -> usize {
    let day = model.final_event.as_ref().and_then(|f| f.date);
    model
        .roadmap
        .iter()
        .position(|e| e.stage == 7 && e.deadline_date == day)
        .expect("the example's roadmap has the final event")
}

#[test]
fn after_the_final_event_the_results_are_signed_not_drafted() {
    let mut model = nastavnik_engine::example::model();
    let row = final_event_row(&model);
    model.roadmap[row].done = Some(true);
    model.roadmap[row].done_mark = Some("проведено".into());
    let (texts, manifest) = package_at(model, day(25, 5, 2026));
    // Only the order on the event itself, never registered before it.
    let ids: Vec<&str> = manifest.drafts.iter().map(|d| d.id.as_str()).collect();
    assert_eq!(ids, ["order-final-event"]);
    assert!(!texts["order-results.docx"].contains("ПРОЕКТ"));
}

/// Its day passed but the roadmap does not record it held: the orders on
/// its results and rewards stay drafts, naming the cell to mark.
#[test]
fn a_final_event_the_roadmap_does_not_record_keeps_its_orders_drafts() {
    let mut model = nastavnik_engine::example::model();
    let row = final_event_row(&model);
    model.roadmap[row].done = None;
    model.roadmap[row].done_mark = None;
    let (texts, manifest) = package_at(model, day(25, 5, 2026));
    let ids: Vec<&str> = manifest.drafts.iter().map(|d| d.id.as_str()).collect();
    // The order on the event itself, unregistered after it: a draft that
    // may not be signed.
    assert_eq!(ids, ["order-final-event", "order-rewards", "order-results"]);
    assert_eq!(manifest.drafts[0].sign_from, None);
    assert!(
        manifest.drafts[2]
            .reason
            .contains("не отмечено проведённым в дорожной карте"),
        "{}",
        manifest.drafts[2].reason
    );
    assert!(texts["order-results.docx"].contains("ПРОЕКТ"));
}

#[test]
fn a_pair_the_check_rejects_is_not_fixed_by_any_document() {
    let mut model = nastavnik_engine::example::model();
    // A teachers' form for a pupil pair: stage5.form-categories rejects it.
    let i = model
        .pairs
        .iter()
        .position(|p| p.form == Form::PupilPupil)
        .unwrap_or_else(|| panic!("the example has pupil pairs"));
    model.pairs[i].form = Form::TeacherTeacher;
    let (mentor, mentee) = (model.pairs[i].mentor.clone(), model.pairs[i].mentee.clone());
    let groups = nastavnik_engine::load::groups::assign(&mut model.pairs);
    model.groups = groups;
    let (texts, manifest) = package_at(model, day(20, 12, 2025));
    let held: Vec<_> = manifest
        .held_back
        .iter()
        .filter(|h| h.name == format!("{mentor} — {mentee}"))
        .collect();
    assert!(!held.is_empty(), "{:#?}", manifest.held_back);
    assert!(held.iter().all(|h| h.rule == "stage5.form-categories"));
    let pairs = &texts["order-pairs.docx"];
    let annex = pairs
        .split("Список наставнических пар (групп)")
        .nth(1)
        .unwrap_or_else(|| panic!("{pairs}"));
    // The mentee is named in no row as a pupil under a teachers' form.
    for row in annex.split("\n").filter(|l| l.contains(&mentee)) {
        assert!(!row.contains("учитель – учитель"), "{row}");
    }
    assert!(!annex.contains(&format!("{mentee}\nучитель – учитель")));
    // The order gives the ground in the act's words, and cites no later
    // report.
    assert!(
        pairs.contains(
            "так как форма наставничества не соответствует категориям наставника и наставляемого"
        ),
        "{pairs}"
    );
    assert!(!pairs.contains("отчёт о полноте"), "{pairs}");
}

#[test]
fn a_refusal_gets_no_consent_form_and_no_request() {
    let mut model = nastavnik_engine::example::model();
    // The example's blank consent, and a mentor's «нет» to mentoring.
    let blank = model
        .mentees
        .iter()
        .find(|m| m.consent_pd.is_none())
        .map(|m| m.name.clone())
        .unwrap_or_else(|| panic!("the example has a consent not yet returned"));
    let i = model
        .mentees
        .iter()
        .position(|m| m.consent_pd == Some(true) && m.age.is_some_and(|a| a < 18))
        .unwrap_or_else(|| panic!("a minor with consent"));
    model.mentees[i].consent_pd = Some(false);
    let refused: Vec<String> = model
        .mentees
        .iter()
        .filter(|m| m.consent_pd == Some(false))
        .map(|m| m.name.clone())
        .collect();
    let (texts, manifest) = package_at(model, day(20, 12, 2025));
    assert!(manifest
        .held_back
        .iter()
        .filter(|h| refused.contains(&h.name))
        .all(|h| h.refused));
    // Consent forms are listed by whom they are for (the title names the
    // person in the nominative; the form itself declines the name).
    let forms: Vec<&str> = manifest
        .documents
        .iter()
        .filter(|d| d.id.starts_with("consent-"))
        .map(|d| d.title.as_str())
        .collect();
    for r in &refused {
        assert!(
            !forms.iter().any(|t| t.contains(r.as_str())),
            "a consent form for {r}, who refused"
        );
    }
    // The blank still gets its form, and the order asks for that one only.
    assert!(
        forms.iter().any(|t| t.contains(blank.as_str())),
        "no consent form for {blank}, whose cell is blank"
    );
    let pairs = &texts["order-pairs.docx"];
    assert!(
        pairs.contains("запросить недостающее согласие участника программы наставничества (участие добровольно)"),
        "{pairs}"
    );
}

#[test]
fn nothing_to_judge_is_not_passed() {
    let mut model = nastavnik_engine::example::model();
    for m in &mut model.mentees {
        m.birth_date = None;
        m.age = None;
    }
    model.orders.remove("order-pairs");
    let report = report_at(&model, day(20, 12, 2025));
    assert_eq!(
        verdict(&report, "stage5.young-specialist-age"),
        Verdict::NotJudged
    );
    assert_eq!(
        verdict(&report, "stage5.pair-before-order"),
        Verdict::NotJudged
    );
}

#[test]
fn an_order_registered_after_the_date_is_not_yet_issued() {
    let model = nastavnik_engine::example::model();
    let pairs = model.orders["order-pairs"].clone();
    let before = pairs.date - chrono::Duration::days(1);
    let (texts, _) = package_at(model.clone(), before);
    let order = &texts["order-pairs.docx"];
    assert!(
        !order.contains(&pairs.number),
        "the pairs order of {} printed as issued on {before}",
        pairs.date
    );
    // The agreements and plans cite no pairs order that does not exist yet.
    for (name, t) in texts.iter().filter(|(n, _)| n.starts_with("agreement-")) {
        assert!(!t.contains(&pairs.number), "{name} cites a later order");
    }
    let report = report_at(&model, before);
    assert_ne!(verdict(&report, "stage5.order-pairs"), Verdict::Passed);
}

#[test]
fn a_rule_that_holds_back_cannot_be_switched_off() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(
        dir.path().join("params.json"),
        r#"{"disabled": ["stage3.consent-refused"]}"#,
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let refused = nastavnik_engine::rules::RuleSet::load(None, Some(dir.path()))
        .err()
        .map(|e| e.to_string())
        .unwrap_or_default();
    assert!(
        refused.contains("stage3.consent-refused") && refused.contains("нельзя отключить"),
        "{refused}"
    );
    // Its level may still change.
    std::fs::write(
        dir.path().join("params.json"),
        r#"{"severity": {"stage3.consent-refused": "warning"}}"#,
    )
    .unwrap_or_else(|e| panic!("{e}"));
    assert!(nastavnik_engine::rules::RuleSet::load(None, Some(dir.path())).is_ok());
}

/// The pairs' year-long work marked «выполнено»: before the first pair it
/// has not begun, in the middle of the year it goes on, after the year it
/// is done — counted so by the monitoring report's roadmap figures.
#[test]
fn year_long_pair_work_is_done_only_when_its_year_is() {
    use nastavnik_engine::calendar::EventState;
    use nastavnik_engine::figures::monitoring::Monitoring;
    use nastavnik_engine::figures::Figures;
    let mut model = nastavnik_engine::example::model();
    let i = model
        .roadmap
        .iter()
        .position(|e| e.stage == 6 && e.deadline.contains("в течение"))
        .expect("a year-long stage 6 event in the example");
    model.roadmap[i].done = Some(true);
    model.roadmap[i].done_mark = Some("выполнено".into());
    let first_pair = model.pairs.iter().map(|p| p.start).min().expect("pairs");
    let done_at = |date: NaiveDate| {
        let mut m = model.clone();
        m.report_date = Some(date);
        let state = EventState::at(&m, &m.roadmap[i]);
        let figures = Figures::of(&m);
        let stage6 = Monitoring::of(&m, &figures, 8.0).roadmap[5].done;
        (state, state.done(&m.roadmap[i]), stage6)
    };
    let before = done_at(first_pair.pred_opt().expect("day"));
    assert_eq!((before.0, before.1), (EventState::NotBegun, false));
    let (state, done, mid_done) = done_at(day(15, 2, 2026));
    assert_eq!((state, done), (EventState::Running, false));
    let (state, done, end_done) = done_at(day(1, 7, 2026));
    assert_eq!((state, done), (EventState::Due, true));
    assert_eq!(end_done, mid_done + 1, "counted once the year is over");
}

/// A mentor's «нет» to mentoring: her mentee is left without a pair because
/// she refused, not «until the remarks are fixed», and the documents say so.
#[test]
fn a_mentor_refusal_is_told_as_a_refusal() {
    let mut model = nastavnik_engine::example::model();
    let i = model
        .mentors
        .iter()
        .position(|m| m.employee && model.pairs.iter().filter(|p| p.mentor == m.name).count() == 1)
        .expect("an employee mentor of one pair");
    model.mentors[i].consent_mentoring = Some(false);
    let mentor = model.mentors[i].name.clone();
    let (texts, manifest) = package_at(model, day(20, 12, 2025));
    let mentee = manifest
        .held_back
        .iter()
        .find(|h| h.partner.as_deref() == Some(mentor.as_str()))
        .expect("her mentee left without a pair");
    assert!(mentee.partner_refused);
    let pairs = &texts["order-pairs.docx"];
    assert!(
        pairs.contains(
            "так как наставник-работник отказался дать письменное согласие на наставничество (статья 351.8 Трудового кодекса Российской Федерации)"
        ),
        "{pairs}"
    );
    assert!(
        !pairs.contains("так как не включён второй участник пары"),
        "{pairs}"
    );
    let report = &texts["report-monitoring.docx"];
    assert!(
        report.contains("в связи с отказом дать согласие"),
        "{report}"
    );
    assert!(
        report.contains("остался без пары, так как не включён второй участник пары"),
        "{report}"
    );
}

/// The rules on mentees without a pair read who the package holds back
/// (`figures.held_back`) instead of deciding it again: one who refused is
/// not asked for support «until consent», a pair the check rejects leaves
/// its mentee listed with that reason.
#[test]
fn unpaired_mentees_follow_what_is_held_back() {
    let mut model = nastavnik_engine::example::model();
    let refused = model
        .mentees
        .iter()
        .position(|m| {
            m.consent_pd == Some(true)
                && m.category == MenteeCategory::Pupil
                && model.pairs.iter().filter(|p| p.mentee == m.name).count() == 1
        })
        .expect("a paired pupil");
    model.mentees[refused].consent_pd = Some(false);
    let refused = model.mentees[refused].name.clone();
    let moved = model
        .pairs
        .iter()
        .position(|p| p.form == Form::TeacherTeacher)
        .expect("a teachers' pair");
    model.pairs[moved].form = Form::PupilPupil;
    let rejected = model.pairs[moved].mentee.clone();
    let report = report_at(&model, day(20, 12, 2025));
    let found: Vec<&str> = report
        .findings
        .iter()
        .filter(|f| f.rule == "stage5.unpaired-mentees")
        .map(|f| f.message.as_str())
        .collect();
    assert!(
        !found.iter().any(|m| m.starts_with(&refused)),
        "{refused} refused: {found:#?}"
    );
    assert!(
        found
            .iter()
            .any(|m| m.starts_with(&rejected) && m.contains("пара не закреплена")),
        "{rejected}: {found:#?}"
    );
}

/// Before the pairs order (the example on 01.10.2025, pairs from 15.10):
/// what is dated later is not «соблюдено» — the agreements are drafts, no
/// questionnaire is counted yet, no refusal exists to honour — and a
/// roadmap event still in its period is not counted done, whatever its
/// mark says.
#[test]
fn before_the_pairs_nothing_later_is_stated_as_done() {
    use nastavnik_engine::calendar::EventState;
    let model = nastavnik_engine::example::model();
    let date = day(1, 10, 2025);
    let report = report_at(&model, date);
    assert_eq!(
        verdict(&report, "stage3.mentor-agreement"),
        Verdict::NotDue,
        "the agreements are dated after the package"
    );
    assert_eq!(
        verdict(&report, "stage6.survey-respondents"),
        Verdict::NotDue,
        "no questionnaire is counted before monitoring opens"
    );
    for id in ["stage2.consent-refused", "stage3.consent-refused"] {
        assert_eq!(
            verdict(&report, id),
            Verdict::NotApplicable,
            "{id}: no refusal"
        );
    }
    let mut at = model.clone();
    at.report_date = Some(date);
    let running: Vec<&str> = at
        .roadmap
        .iter()
        .filter(|e| e.done == Some(true) && EventState::at(&at, e) == EventState::Running)
        .map(|e| e.title.as_str())
        .collect();
    assert!(
        !running.is_empty(),
        "the example marks an October event done"
    );
    for e in &at.roadmap {
        if EventState::at(&at, e) == EventState::Running {
            assert!(
                !EventState::at(&at, e).done(e),
                "«{}» counted done",
                e.title
            );
        }
    }
    let (texts, _) = package_at(model, date);
    let results = &texts["order-results.docx"];
    assert!(
        !results.contains("работали"),
        "no pair worked by 01.10.2025: {results}"
    );
    assert!(results.contains("работу после даты"), "{results}");
}

/// A refusal in the tables is judged: the rule on honouring it passes or
/// fails on that row, it is not «не проверено».
#[test]
fn a_refusal_is_judged_by_the_refusal_rules() {
    let mut model = nastavnik_engine::example::model();
    model.mentees[0].consent_pd = Some(false);
    let report = report_at(&model, day(20, 12, 2025));
    assert_ne!(
        verdict(&report, "stage2.consent-refused"),
        Verdict::NotJudged
    );
}

/// A child younger than the regulation allows is held back as ineligible:
/// no consent form, no request to obtain a consent, no pair sought «until
/// fixed»; the reports say why in the regulation's words.
#[test]
fn a_child_too_young_is_held_back_without_a_consent_asked() {
    let mut model = nastavnik_engine::example::model();
    let paired: Vec<String> = model.pairs.iter().map(|p| p.mentee.clone()).collect();
    let i = model
        .mentees
        .iter()
        .position(|m| {
            m.consent_pd == Some(true)
                && m.category == MenteeCategory::Pupil
                && paired.contains(&m.name)
        })
        .unwrap_or_else(|| panic!("a paired pupil with consent"));
    model.mentees[i].age = Some(9);
    let child = model.mentees[i].name.clone();
    let surname = child
        .split_whitespace()
        .next()
        .unwrap_or_default()
        .to_owned();
    let (texts, manifest) = package_at(model, day(20, 12, 2025));
    let held: Vec<_> = manifest
        .held_back
        .iter()
        .filter(|h| h.name == child)
        .collect();
    assert!(!held.is_empty(), "{child} not held back");
    assert!(held.iter().all(|h| h.ineligible && !h.refused), "{held:?}");
    assert!(
        !manifest
            .documents
            .iter()
            .any(|d| d.id.starts_with("consent-") && d.title.contains(&child)),
        "a consent form for {child}, who is too young to take part"
    );
    let pairs = &texts["order-pairs.docx"];
    assert!(!pairs.contains(&surname), "{child} in the pairs order");
    // The example's one blank consent is still asked for, and only it.
    assert!(
        pairs.contains("запросить недостающее согласие участника"),
        "{pairs}"
    );
    let compliance = &texts["report-compliance.docx"];
    assert!(
        compliance.contains("не отвечающие требованиям Положения о программе наставничества — пока не станут им отвечать"),
        "{compliance}"
    );
    let monitoring = &texts["report-monitoring.docx"];
    assert!(
        monitoring.contains("так как не отвечает требованиям Положения о программе наставничества"),
        "{monitoring}"
    );
    assert!(
        !monitoring.contains("до получения недостающих согласий"),
        "{monitoring}"
    );
}
