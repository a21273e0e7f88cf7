//! The rule set over a small hand-made programme: all 7 stages reported,
//! one broken row pointed at with the right rule and stage, the Omsk
//! profile's parameter and rules, and the three output formats.

use nastavnik_engine::rules::{RuleSet, Severity, Source, Verdict};
use nastavnik_engine::Model;
use serde_json::Value;

fn small() -> Value {
    serde_json::from_str(include_str!("fixtures/small.json")).unwrap_or_else(|e| panic!("{e}"))
}

fn model(v: Value) -> Model {
    serde_json::from_value(v).unwrap_or_else(|e| panic!("{e}"))
}

fn base() -> RuleSet {
    RuleSet::load(None, None).unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn compliant_programme_completes_all_seven_stages() {
    let report = base()
        .check(&model(small()))
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(report.stages.len(), 7);
    let errors: Vec<_> = report
        .findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .map(|f| format!("{}: {}", f.rule, f.message))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    assert!(report.stages.iter().all(|s| s.complete));
    assert!(!report.has_errors());
    assert_eq!(report.summary.stages_complete, 7);
    // Coverage is low (4 of 10 pupils, 2 of 4 teachers): a warning, not an error.
    assert!(report.findings.iter().any(|f| f.rule == "stage7.coverage"));
    assert!(report.rules.len() >= 30, "{}", report.rules.len());
}

#[test]
fn one_broken_row_is_pointed_at() {
    let mut v = small();
    v["mentors"][1]["consent_pd"] = Value::Null;
    let report = base().check(&model(v)).unwrap_or_else(|e| panic!("{e}"));
    let f: Vec<_> = report
        .findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .collect();
    assert_eq!(f.len(), 1, "{f:#?}");
    assert_eq!(f[0].rule, "stage3.mentor-consent");
    assert_eq!(f[0].stage, 3);
    assert!(f[0].message.contains("Ахмедов Тимур Русланович"));
    assert_eq!(
        f[0].source,
        Some(Source::Row {
            file: "inputs/participants.xlsx".into(),
            sheet: "Наставники".into(),
            row: 4,
            cell: None,
            column: None,
        })
    );
    assert!(report.has_errors());
    assert!(!report.stages[2].complete);
    assert!(report.stages[1].complete);
    let text = report.to_text(None, false);
    assert!(
        text.contains("✗ Этап 3. Формирование базы наставников"),
        "{text}"
    );
    assert!(
        text.contains("inputs/participants.xlsx › Наставники › строка 4"),
        "{text}"
    );
    let verdict = report
        .rules
        .iter()
        .find(|r| r.meta.id == "stage3.mentor-consent")
        .map(|r| r.verdict);
    assert_eq!(verdict, Some(Verdict::Failed));
}

#[test]
fn tk_351_8_is_not_in_force_before_march_2025() {
    let mut v = small();
    v["programme"]["start"] = "2024-09-01".into();
    v["programme"]["end"] = "2025-02-28".into();
    v["mentors"][0]["consent_mentoring"] = Value::Null;
    let report = base().check(&model(v)).unwrap_or_else(|e| panic!("{e}"));
    let r = report
        .rules
        .iter()
        .find(|r| r.meta.id == "stage3.mentor-written-consent");
    assert_eq!(r.map(|r| r.verdict), Some(Verdict::NotInForce));
    assert!(!report
        .findings
        .iter()
        .any(|f| f.rule == "stage3.mentor-written-consent"));
}

#[test]
fn written_consent_required_from_march_2025() {
    let mut v = small();
    v["mentors"][0]["consent_mentoring"] = Value::Null;
    let report = base().check(&model(v)).unwrap_or_else(|e| panic!("{e}"));
    let f = report
        .findings
        .iter()
        .find(|f| f.rule == "stage3.mentor-written-consent");
    assert!(f.is_some_and(|f| matches!(&f.source, Some(Source::Row { row: 3, .. }))));
}

#[test]
fn omsk_changes_a_parameter_and_adds_rules() {
    let omsk = RuleSet::load(Some("omsk"), None).unwrap_or_else(|e| panic!("{e}"));
    let ids: Vec<&str> = omsk.rules().iter().map(|r| r.id.as_str()).collect();
    assert!(ids.contains(&"stage7.omsk-coverage-pupils"));
    assert!(ids.contains(&"stage7.omsk-regional-centre-report"));
    assert!(
        !ids.contains(&"stage7.coverage"),
        "switched off by the profile"
    );
    assert!(base().rules().iter().all(|r| !r.id.contains("omsk")));
    // The minimum age is an error in Omsk (regional model: pupils from 10), a warning in the base.
    let sev = |set: &RuleSet| {
        set.rules()
            .iter()
            .find(|r| r.id == "stage2.mentee-min-age")
            .map(|r| r.severity)
    };
    assert_eq!(sev(&base()), Some(Severity::Warning));
    assert_eq!(sev(&omsk), Some(Severity::Error));
    assert_eq!(omsk.params()["region_name"], "Омская область");

    let mut v = small();
    v["mentees"][1]["age"] = 9.into();
    v["roadmap"][6]["title"] = "Отчёт".into();
    let m = model(v);
    let b = base().check(&m).unwrap_or_else(|e| panic!("{e}"));
    let o = omsk.check(&m).unwrap_or_else(|e| panic!("{e}"));
    assert!(!b.has_errors());
    assert!(o.has_errors());
    assert!(o
        .findings
        .iter()
        .any(|f| f.rule == "stage2.mentee-min-age" && f.severity == Severity::Error));
    assert!(o
        .findings
        .iter()
        .any(|f| f.rule == "stage7.omsk-regional-centre-report"));
    assert!(o
        .findings
        .iter()
        .any(|f| f.rule == "stage7.omsk-coverage-teachers"));
    assert_eq!(o.profile.region.as_deref(), Some("omsk"));
    assert!(o
        .profile
        .rules_files
        .iter()
        .any(|f| f.contains("regions/omsk/omsk.rhai")));
}

#[test]
fn unknown_region_is_an_input_error() {
    let err = RuleSet::load(Some("atlantis"), None).err();
    assert!(err.is_some_and(|e| e.to_string().contains("atlantis")));
}

#[test]
fn json_and_sarif_follow_the_contract() {
    let mut v = small();
    v["pairs"][1]["end"] = "2026-08-01".into();
    let report = base().check(&model(v)).unwrap_or_else(|e| panic!("{e}"));
    let j = report.to_json(None);
    assert_eq!(j["stages"].as_array().map(Vec::len), Some(7));
    let f = j["findings"]
        .as_array()
        .and_then(|a| a.iter().find(|f| f["rule"] == "stage5.pair-dates"))
        .cloned()
        .unwrap_or_default();
    assert_eq!(f["stage"], 5);
    assert_eq!(f["severity"], "error");
    assert_eq!(f["source"]["row"], 4);
    assert_eq!(f["source"]["sheet"], "Пары");
    assert!(f["basis"].as_str().is_some_and(|b| b.contains("Р-145")));
    for k in [
        "errors",
        "warnings",
        "infos",
        "stages_complete",
        "rules_in_force",
    ] {
        assert!(j["summary"][k].is_u64(), "{k}");
    }
    assert!(j["rules"][0]["verdict"].is_string());
    let only5 = report.to_json(Some(5));
    assert_eq!(only5["stages"].as_array().map(Vec::len), Some(1));
    assert!(only5["findings"]
        .as_array()
        .is_some_and(|a| a.iter().all(|f| f["stage"] == 5)));

    let s = report.to_sarif(None);
    assert_eq!(s["version"], "2.1.0");
    let run = &s["runs"][0];
    assert_eq!(run["tool"]["driver"]["name"], "nastavnik");
    let res = run["results"]
        .as_array()
        .and_then(|a| a.iter().find(|r| r["ruleId"] == "stage5.pair-dates"))
        .cloned()
        .unwrap_or_default();
    assert_eq!(res["level"], "error");
    let loc = &res["locations"][0]["physicalLocation"];
    assert_eq!(loc["artifactLocation"]["uri"], "inputs/participants.xlsx");
    assert_eq!(loc["region"]["startLine"], 4);
}

#[test]
fn same_model_gives_the_same_report() {
    let m = model(small());
    let set = base();
    let a = set
        .check(&m)
        .unwrap_or_else(|e| panic!("{e}"))
        .to_json(None);
    let b = set
        .check(&m)
        .unwrap_or_else(|e| panic!("{e}"))
        .to_json(None);
    assert_eq!(a.to_string(), b.to_string());
}

/// The order on the final event is issued before the event: one still
/// missing when the package's date is past the event could only be
/// back-dated (an error that says so); one registered after the event is
/// a warning (a signed order's date is not changed).
#[test]
fn an_order_on_a_past_final_event_cannot_be_back_dated() {
    let findings = |v: Value, rule: &str, severity: Severity| -> Vec<String> {
        base()
            .check(&model(v))
            .unwrap_or_else(|e| panic!("{e}"))
            .findings
            .iter()
            .filter(|f| f.rule == rule)
            .map(|f| {
                assert_eq!(f.severity, severity, "{}", f.message);
                f.message.clone()
            })
            .collect()
    };
    let missing = |v: Value| findings(v, "stage7.order-final-event", Severity::Error);
    let late = |v: Value| findings(v, "stage7.final-event-order-timely", Severity::Warning);
    // Registered on 01.05 for the festival of 22.05: in order.
    assert!(missing(small()).is_empty());
    assert!(late(small()).is_empty());

    let mut after = small();
    after["orders"]["order-final-event"]["date"] = "2026-05-25".into();
    assert!(missing(after.clone()).is_empty());
    let found = late(after);
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(
        found[0].contains("от 25.05.2026 № 7 издан после мероприятия «Фестиваль» (22.05.2026)"),
        "{found:?}"
    );

    // Not registered, the package dated 15.06.2026: only a back date is left.
    let mut unregistered = small();
    unregistered["orders"]
        .as_object_mut()
        .map(|o| o.remove("order-final-event"));
    unregistered["report_date"] = "2026-06-15".into();
    let found = missing(unregistered.clone());
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(
        found[0].contains("назначено на 22.05.2026, а приказ о его проведении на 15.06.2026 не зарегистрирован: издать его теперь можно только задним числом"),
        "{found:?}"
    );
    assert!(late(unregistered.clone()).is_empty());
    // Before the event it can still be issued: not due yet, nothing found.
    unregistered["report_date"] = "2026-05-10".into();
    assert!(missing(unregistered.clone()).is_empty());
    let report = base()
        .check(&model(unregistered.clone()))
        .unwrap_or_else(|e| panic!("{e}"));
    let v = report
        .rules
        .iter()
        .find(|r| r.meta.id == "stage7.order-final-event")
        .unwrap_or_else(|| panic!("rule"));
    assert_eq!(v.verdict, Verdict::NotDue);
    assert!(
        v.not_judged
            .as_deref()
            .is_some_and(|w| w.contains("22.05.2026")),
        "{v:?}"
    );
    // Without a date, the plain finding.
    unregistered
        .as_object_mut()
        .map(|o| o.remove("report_date"));
    assert_eq!(
        missing(unregistered),
        ["Не зарегистрирован приказ о проведении итогового мероприятия (номер и дата регистрации не указаны)"]
    );
}
