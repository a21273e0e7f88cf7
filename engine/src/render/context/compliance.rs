//! The compliance report: verdicts in words, findings, the parameters in force.
//!
//! Statements are typed, as in [`super::orders`].

use super::*;
use serde::Serialize;

/// A finding as the compliance report prints it (`compliance.stages[].rules[].findings[]`).
#[derive(Debug, Clone, Serialize)]
pub struct FindingEntry {
    /// The rule's id.
    pub rule: String,
    /// «ошибка», «предупреждение», «сведение» ([`Severity::russian`]).
    pub severity: &'static str,
    pub message: String,
    pub basis: String,
    /// For the reader of the signed report: the sheet, row and column in words.
    pub place: Option<String>,
    /// The technical place (file › sheet › cell), in small print beside it.
    pub pointer: Option<String>,
}

pub(super) fn finding(f: &crate::rules::Finding) -> FindingEntry {
    FindingEntry {
        rule: f.rule.clone(),
        severity: f.severity.russian(),
        message: f.message.clone(),
        basis: f.basis.clone(),
        place: f.source.as_ref().map(|s| s.for_reader()),
        pointer: match &f.source {
            Some(s @ crate::rules::Source::Row { .. }) => Some(s.to_string()),
            _ => None,
        },
    }
}

/// A finding to put right, with its stage (`compliance.to_fix[]`).
#[derive(Debug, Clone, Serialize)]
pub struct FindingToFix {
    #[serde(flatten)]
    pub finding: FindingEntry,
    pub stage: u8,
}

/// A parameter in force as the auditor reads it (`compliance.profile.params[]`).
#[derive(Debug, Clone, Serialize)]
pub struct ParameterRow {
    /// Its title in `schemas/params.schema.json`.
    pub name: String,
    pub value: String,
}

/// The parameters in force as rows «title — value» for the auditor, titled
/// as `schemas/params.schema.json` titles them; a value whose keys are not
/// words of the document (rule ids, categories) is named, not spelled out.
/// A parameter keyed by ids, in words an inspector reads: the titles of
/// the orders (`stage1_orders`), each form's categories of mentor and
/// mentee (`form_categories`), or each kind's plausible ages
/// (`age_by_class`); `None` for another shape.
pub(super) fn readable_map(v: &Value) -> Option<String> {
    let map = v.as_object()?;
    let list = |x: &Value| -> Option<String> {
        let items: Vec<&str> = x.as_array()?.iter().filter_map(Value::as_str).collect();
        Some(items.join(", "))
    };
    let parts: Option<Vec<String>> = map
        .iter()
        .map(|(key, x)| match x {
            Value::String(title) => Some(title.clone()),
            // `age_by_class`: a kind of organisation's plausible ages.
            Value::Object(range) if range.contains_key("from") => Some(format!(
                "{}: от N + {} до N + {} лет в N-м году обучения",
                match key.as_str() {
                    "school" => "общеобразовательная организация",
                    "college" => "профессиональная образовательная организация",
                    other => other,
                },
                range.get("from")?.as_i64()?,
                range.get("to")?.as_i64()?
            )),
            Value::Object(roles) => Some(format!(
                "{}: наставник — {}, наставляемый — {}",
                russian::quote(key),
                list(roles.get("mentor")?)?,
                list(roles.get("mentee")?)?
            )),
            _ => None,
        })
        .collect();
    parts.filter(|p| !p.is_empty()).map(|p| p.join("; "))
}

pub(super) fn parameter_rows(params: &Value) -> Vec<ParameterRow> {
    let Some(map) = params.as_object() else {
        return Vec::new();
    };
    let titles = crate::layers::SCHEMAS
        .text("params.schema.json")
        .and_then(|t| serde_json::from_str::<Value>(t).ok());
    let title = |k: &str| {
        titles
            .as_ref()
            .and_then(|t| t.pointer(&format!("/properties/{k}/title")))
            .and_then(Value::as_str)
            .map(str::to_owned)
    };
    map.iter()
        .filter(|(k, _)| !matches!(k.as_str(), "disabled" | "severity" | "custom"))
        .filter(|(_, v)| !v.is_null())
        .filter_map(|(k, v)| {
            let latin_keys = v.as_object().is_some_and(|m| {
                m.keys()
                    .any(|key| key.chars().any(|c| c.is_ascii_alphabetic()))
            }) || v.as_object().is_some_and(|m| {
                m.values().any(|x| {
                    x.as_object().is_some_and(|n| {
                        n.keys()
                            .any(|key| key.chars().any(|c| c.is_ascii_alphabetic()))
                    })
                })
            });
            // A date («2025-03-01» in JSON) prints as documents print dates.
            let date = v.as_str().and_then(russian::parse_date);
            let value = if latin_keys {
                readable_map(v).unwrap_or_else(|| "задано в профиле (params.json)".to_owned())
            } else if let Some(d) = date {
                russian::date_short(d)
            } else {
                plain(v)
            };
            Some(ParameterRow {
                name: title(k)?,
                value,
            })
        })
        .collect()
}

/// A parameter's value as a reader reads it: lists with commas, maps as
/// «ключ: значение; …», an empty list as a dash.
pub(super) fn plain(v: &Value) -> String {
    match v {
        Value::String(t) => t.clone(),
        Value::Array(a) if a.is_empty() => "—".to_owned(),
        Value::Array(a) => a.iter().map(plain).collect::<Vec<_>>().join(", "),
        Value::Object(m) if m.is_empty() => "—".to_owned(),
        Value::Object(m) => m
            .iter()
            .map(|(k, v)| format!("{k}: {}", plain(v)))
            .collect::<Vec<_>>()
            .join("; "),
        Value::Number(n) => n
            .as_f64()
            .map(decimal_text)
            .unwrap_or_else(|| n.to_string()),
        Value::Bool(true) => "да".to_owned(),
        Value::Bool(false) => "нет".to_owned(),
        Value::Null => "—".to_owned(),
    }
}

/// The rules report arranged for the auditor (`compliance`).
#[derive(Debug, Clone, Serialize)]
pub struct Compliance {
    /// The package's date.
    pub date: Option<NaiveDate>,
    /// The files read, with their hashes.
    pub inputs: Vec<crate::model::InputFile>,
    pub profile: ProfileEntry,
    /// Every stage complete.
    pub complete: bool,
    pub incomplete: Vec<StageRef>,
    /// Stages whose time has come and that are not complete.
    pub overdue: Vec<StageAt>,
    /// Stages still running or not begun.
    pub running: Vec<StageAt>,
    /// The errors to put right.
    pub to_fix: Vec<FindingToFix>,
    pub has_rules: bool,
    pub stages: Vec<StageRules>,
    pub summary: SummaryEntry,
}

/// The profile the check ran under (`compliance.profile`).
#[derive(Debug, Clone, Serialize)]
pub struct ProfileEntry {
    pub region: Option<String>,
    pub rules_files: Vec<String>,
    /// The rules switched off, by title.
    pub disabled: Vec<String>,
    pub params: Vec<ParameterRow>,
}

/// A stage by number and title.
#[derive(Debug, Clone, Serialize)]
pub struct StageRef {
    pub stage: u8,
    pub title: String,
}

/// A stage with its status at the date in words.
#[derive(Debug, Clone, Serialize)]
pub struct StageAt {
    pub stage: u8,
    pub title: String,
    /// «просрочен», «идёт», … ([`crate::calendar::StageStatus`]).
    pub status_text: &'static str,
}

/// One stage of the report with its rules (`compliance.stages[]`).
#[derive(Debug, Clone, Serialize)]
pub struct StageRules {
    pub stage: u8,
    pub title: String,
    /// `null` when the stage was not checked.
    pub complete: Option<bool>,
    pub passed_count: usize,
    /// Errors failed.
    pub failed_count: usize,
    /// Warnings and notes failed.
    pub remarks_count: usize,
    pub not_judged_count: usize,
    pub not_due_count: usize,
    pub not_in_force_count: usize,
    /// «этап завершён», … at the report's date (crate::calendar).
    pub complete_text: String,
    /// The part of the basis most of its rules share ([`factor_basis`]).
    pub common_basis: Option<String>,
    pub rules: Vec<RuleEntry>,
}

/// A rule with its verdict (`compliance.stages[].rules[]`).
#[derive(Debug, Clone, Serialize)]
pub struct RuleEntry {
    pub id: String,
    pub title: String,
    pub basis: String,
    /// The rule's level in words.
    pub severity: &'static str,
    /// «соблюдено», «нарушено», … ([`Verdict::for_reader`]).
    pub verdict: &'static str,
    /// An error rule failed.
    pub failed: bool,
    pub in_force: bool,
    /// Why it could not be judged, or when it falls due.
    pub not_judged: Option<String>,
    pub findings: Vec<FindingEntry>,
    /// The basis without the stage's common part ([`factor_basis`]).
    pub basis_rest: String,
}

/// The report's counts (`compliance.summary`).
#[derive(Debug, Clone, Serialize)]
pub struct SummaryEntry {
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
    pub stages_complete: usize,
    pub rules_in_force: usize,
}

/// The rules report arranged for the auditor: per stage, each rule in
/// force with its basis, verdict and flagged rows.
pub(super) fn compliance(report: &Report, model: &Model) -> Compliance {
    let stages: Vec<StageRules> = STAGES
        .iter()
        .enumerate()
        .map(|(i, default_title)| {
            let n = (i + 1) as u8;
            let st = report.stages.iter().find(|s| s.stage == n);
            let title = st.map_or(*default_title, |s| s.title.as_str());
            let complete = st.map(|s| s.complete);
            let own: Vec<&crate::rules::RuleVerdict> =
                report.rules.iter().filter(|r| r.meta.stage == n).collect();
            let count = |f: &dyn Fn(&crate::rules::RuleVerdict) -> bool| {
                own.iter().filter(|r| f(r)).count()
            };
            let failed_error = |r: &crate::rules::RuleVerdict| {
                r.verdict == Verdict::Failed && r.meta.severity == Severity::Error
            };
            let passed = count(&|r| r.verdict == Verdict::Passed);
            let failed = count(&failed_error);
            let remarks = count(&|r| r.verdict == Verdict::Failed && !failed_error(r));
            let not_judged = count(&|r| r.verdict == Verdict::NotJudged);
            let not_due = count(&|r| r.verdict == Verdict::NotDue);
            // Both say the requirement had nothing to apply to: the law
            // was not in force, or no one it concerns is in the tables.
            let not_in_force =
                count(&|r| matches!(r.verdict, Verdict::NotInForce | Verdict::NotApplicable));
            let stage_rules: Vec<RuleEntry> = own
                .iter()
                .map(|r| RuleEntry {
                    id: r.meta.id.clone(),
                    title: r.meta.title.clone(),
                    basis: r.meta.basis.clone(),
                    severity: r.meta.severity.russian(),
                    verdict: r.verdict.for_reader(r.meta.severity),
                    failed: failed_error(r),
                    in_force: r.verdict != Verdict::NotInForce,
                    not_judged: r.not_judged.clone(),
                    findings: r.findings.iter().map(finding).collect(),
                    basis_rest: String::new(),
                })
                .collect();
            let (common_basis, stage_rules) = factor_basis(stage_rules);
            StageRules {
                stage: n,
                title: title.to_owned(),
                complete,
                passed_count: passed,
                failed_count: failed,
                remarks_count: remarks,
                not_judged_count: not_judged,
                not_due_count: not_due,
                not_in_force_count: not_in_force,
                complete_text: match st {
                    Some(s) => format!("этап {}", s.status_text),
                    None => "не проверялся".to_owned(),
                },
                common_basis,
                rules: stage_rules,
            }
        })
        .collect();
    let incomplete: Vec<StageRef> = report
        .stages
        .iter()
        .filter(|s| !s.complete)
        .map(|s| StageRef {
            stage: s.stage,
            title: s.title.clone(),
        })
        .collect();
    // Overdue (its time come, not complete) apart from still running or
    // not begun: only the first is a failure to put right.
    let of_status = |wanted: &[crate::calendar::StageStatus]| -> Vec<StageAt> {
        report
            .stages
            .iter()
            .filter(|s| wanted.contains(&s.status))
            .map(|s| StageAt {
                stage: s.stage,
                title: s.title.clone(),
                status_text: s.status_text,
            })
            .collect()
    };
    use crate::calendar::StageStatus as St;
    let overdue = of_status(&[St::Overdue, St::Incomplete]);
    let running = of_status(&[St::Running, St::NotStarted]);
    let to_fix: Vec<FindingToFix> = report
        .findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .map(|f| FindingToFix {
            finding: finding(f),
            stage: f.stage,
        })
        .collect();
    Compliance {
        date: model.report_date,
        inputs: model.files.clone(),
        profile: ProfileEntry {
            region: report.profile.region.clone(),
            rules_files: report.profile.rules_files.clone(),
            disabled: report.profile.disabled_named.clone(),
            params: parameter_rows(&report.profile.params),
        },
        complete: incomplete.is_empty(),
        incomplete,
        overdue,
        running,
        to_fix,
        has_rules: !report.rules.is_empty(),
        stages,
        summary: SummaryEntry {
            errors: report.summary.errors,
            warnings: report.summary.warnings,
            infos: report.summary.infos,
            stages_complete: report.summary.stages_complete,
            rules_in_force: report.summary.rules_in_force,
        },
    }
}

/// The part of the legal basis most rules of a stage share, printed once
/// above the stage's table so the auditor reads it once, not on every row.
///
/// A basis reads «Распоряжение … № Р-145, методология …, этап 1 «…»: приказ
/// о внедрении»; the shared part is what comes before the first «: ». It is
/// factored out only when at least two rules share it; each rule then keeps
/// `basis_rest` (its own tail), the others keep their whole basis there.
pub(super) fn factor_basis(mut rules: Vec<RuleEntry>) -> (Option<String>, Vec<RuleEntry>) {
    let head =
        |r: &RuleEntry| -> Option<String> { r.basis.split_once(": ").map(|(h, _)| h.to_owned()) };
    let mut counts: Vec<(String, usize)> = Vec::new();
    for h in rules.iter().filter_map(head) {
        match counts.iter_mut().find(|(k, _)| *k == h) {
            Some((_, n)) => *n += 1,
            None => counts.push((h, 1)),
        }
    }
    // The first of the most shared heads, so the choice is deterministic.
    let best = counts
        .iter()
        .fold(None::<&(String, usize)>, |acc, c| match acc {
            Some(a) if a.1 >= c.1 => Some(a),
            _ => Some(c),
        })
        .filter(|(_, n)| *n >= 2)
        .map(|(h, _)| h.clone());
    for r in &mut rules {
        let basis = r.basis.clone();
        r.basis_rest = match &best {
            Some(h) => basis
                .strip_prefix(h.as_str())
                .and_then(|t| t.strip_prefix(": "))
                .map(|t| {
                    let mut cs = t.trim_end_matches('.').chars();
                    let first = cs.next().map(|c| c.to_uppercase().collect::<String>());
                    format!("{}{}.", first.unwrap_or_default(), cs.as_str())
                })
                .unwrap_or(basis),
            None => basis,
        };
    }
    (best, rules)
}
