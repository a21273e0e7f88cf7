//! The result of a check: findings per stage, every rule's verdict, and the
//! three printed forms (text for people, JSON per the contract, SARIF 2.1.0
//! for CI systems and editors).

use super::meta::{RuleMeta, Severity};
use crate::calendar::StageStatus;
use crate::figures::Figures;
use serde::Serialize;
use serde_json::{json, Value};

pub use crate::model::STAGE_TITLES;

/// The title of stage `n` (1–7).
pub fn stage_title(n: u8) -> &'static str {
    STAGE_TITLES
        .get(usize::from(n).wrapping_sub(1))
        .copied()
        .unwrap_or("")
}

/// Where a finding is: a spreadsheet row or a programme.json pointer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum Source {
    Row {
        file: String,
        sheet: String,
        row: u32,
        /// The cell holding the offending value (`E12`), when the rule names
        /// its column (`cell(source, "experience", message)`).
        #[serde(skip_serializing_if = "Option::is_none")]
        cell: Option<String>,
        /// That column's header as typed in the sheet.
        #[serde(skip_serializing_if = "Option::is_none")]
        column: Option<String>,
    },
    Pointer {
        pointer: String,
    },
}

impl std::fmt::Display for Source {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Source::Row {
                file,
                sheet,
                cell: Some(cell),
                column: Some(column),
                ..
            } => write!(f, "{file} › {sheet} › {cell} («{column}»)"),
            Source::Row {
                file, sheet, row, ..
            } => write!(f, "{file} › {sheet} › строка {row}"),
            Source::Pointer { pointer } => write!(f, "programme.json › {pointer}"),
        }
    }
}

impl Source {
    /// The place written for a reader of a signed report: «файл
    /// participants.xlsx, лист «Наставляемые», строка 12, графа «Стаж»».
    pub fn for_reader(&self) -> String {
        match self {
            Source::Row {
                file,
                sheet,
                row,
                column,
                ..
            } => {
                let file = file.rsplit('/').next().unwrap_or(file);
                match column {
                    Some(c) => format!("файл {file}, лист «{sheet}», строка {row}, графа «{c}»"),
                    None => format!("файл {file}, лист «{sheet}», строка {row}"),
                }
            }
            Source::Pointer { pointer } => format!("programme.json, поле {pointer}"),
        }
    }
}

/// One finding of one rule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    pub rule: String,
    pub stage: u8,
    pub severity: Severity,
    pub message: String,
    pub basis: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<Source>,
    /// The model's field the finding is about (`consent_pd`), when the rule
    /// names its column (`cell(source, "consent_pd", …)`): how the cast
    /// tells a refusal («нет») from a blank.
    #[serde(skip)]
    pub field: Option<String>,
}

/// What became of one rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    Passed,
    Failed,
    NotInForce,
    /// The inputs hold nothing the rule could judge (`unjudged(reason)`).
    NotJudged,
    /// What the rule checks is due after the package's date
    /// (`not_due(reason)`): nothing to say yet.
    NotDue,
    /// The inputs hold no one the rule is about (`not_applicable(reason)`:
    /// a rule on minor mentors where every mentor is an adult). Not a
    /// pass — nothing was judged — and not a gap: the stage is not held
    /// open by it.
    NotApplicable,
}

impl Verdict {
    pub fn russian(self) -> &'static str {
        match self {
            Verdict::Passed => "соблюдено",
            Verdict::Failed => "нарушено",
            Verdict::NotInForce => "не действует",
            Verdict::NotJudged => "не проверено",
            Verdict::NotDue => "срок не наступил",
            Verdict::NotApplicable => "не применяется",
        }
    }

    /// The verdict as the auditor reads it in the compliance report: a
    /// failed warning or note is not a violation («предупреждение»,
    /// «замечание»).
    pub fn for_reader(self, severity: Severity) -> &'static str {
        match (self, severity) {
            (Verdict::Failed, Severity::Warning) => "предупреждение",
            (Verdict::Failed, Severity::Info) => "замечание",
            _ => self.russian(),
        }
    }
}

/// A rule with its verdict and findings: what the auditor's report prints.
#[derive(Debug, Clone, Serialize)]
pub struct RuleVerdict {
    #[serde(flatten)]
    pub meta: RuleMeta,
    pub verdict: Verdict,
    pub findings: Vec<Finding>,
    /// Why the rule could not be judged ([`Verdict::NotJudged`]), when
    /// its subject falls due ([`Verdict::NotDue`]), or whom it would be
    /// about ([`Verdict::NotApplicable`]).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub not_judged: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct StageReport {
    pub stage: u8,
    pub title: String,
    /// The stage at the package's date ([`StageStatus::at`]): its work done
    /// and its time come. `complete` is `status == complete`.
    pub complete: bool,
    pub status: StageStatus,
    /// The status in Russian: «не начат», «идёт», «завершён», «просрочен».
    pub status_text: &'static str,
    pub findings: Vec<Finding>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Summary {
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
    pub stages_complete: usize,
    /// Stages whose time has come by the package's date and that are not
    /// complete («просрочен», or «не завершён» without a date): a school
    /// with none is on schedule, whatever still runs.
    pub stages_overdue: usize,
    pub rules_in_force: usize,
}

/// The profile the check ran with.
#[derive(Debug, Clone, Serialize)]
pub struct Profile {
    pub region: Option<String>,
    /// Every rule file used, with the layer it came from.
    pub rules_files: Vec<String>,
    /// The parameters in force (base, region and user layers merged).
    pub params: Value,
    /// Rule ids switched off by the profile's `disabled` lists.
    pub disabled: Vec<String>,
    /// The same rules by title and id: «Охват … не ниже целевого»
    /// (stage7.coverage), as the compliance report names them.
    pub disabled_named: Vec<String>,
    /// The parameters in force for the programme, each with its act and file.
    pub parameters: Vec<super::params::ParamInForce>,
}

/// The school the report is about.
#[derive(Debug, Clone, Default, Serialize)]
pub struct School {
    pub inputs: Vec<crate::model::InputFile>,
    pub organisation: String,
    pub short_name: String,
    pub programme: String,
    pub start: String,
    pub end: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Report {
    pub organisation: String,
    pub programme: String,
    /// The files checked, with their SHA-256.
    pub inputs: Vec<crate::model::InputFile>,
    #[serde(skip)]
    pub school: School,
    pub stages: Vec<StageReport>,
    pub findings: Vec<Finding>,
    pub summary: Summary,
    pub rules: Vec<RuleVerdict>,
    pub profile: Profile,
    /// The figures the rules read, as both reports print them.
    pub figures: Figures,
}

impl Report {
    /// Builds the report from the verdicts, in rule order.
    pub fn new(
        school: School,
        rules: Vec<RuleVerdict>,
        profile: Profile,
        figures: Figures,
    ) -> Report {
        let findings: Vec<Finding> = rules.iter().flat_map(|r| r.findings.clone()).collect();
        let mut stages: Vec<StageReport> = crate::model::STAGE_NUMBERS
            .map(|n| StageReport {
                stage: n,
                title: stage_title(n).to_owned(),
                complete: true,
                status: StageStatus::Complete,
                status_text: StageStatus::Complete.russian(),
                findings: Vec::new(),
            })
            .collect();
        for f in &findings {
            if let Some(s) = stages.get_mut(usize::from(f.stage).wrapping_sub(1)) {
                s.findings.push(f.clone());
            }
        }
        // A stage is open while an error stands, an error rule could not
        // be checked, or a rule's subject is not yet due.
        for s in &mut stages {
            let blocked = s.findings.iter().any(|f| f.severity == Severity::Error)
                || rules.iter().filter(|r| r.meta.stage == s.stage).any(|r| {
                    r.verdict == Verdict::NotDue
                        || (r.verdict == Verdict::NotJudged && r.meta.severity == Severity::Error)
                });
            let calendar = &figures.calendar;
            s.status = StageStatus::at(calendar.stage(s.stage), calendar.date, blocked);
            s.status_text = s.status.russian();
            s.complete = s.status == StageStatus::Complete;
        }
        let count = |sev| findings.iter().filter(|f| f.severity == sev).count();
        let summary = Summary {
            errors: count(Severity::Error),
            warnings: count(Severity::Warning),
            infos: count(Severity::Info),
            stages_complete: stages.iter().filter(|s| s.complete).count(),
            stages_overdue: stages
                .iter()
                .filter(|s| matches!(s.status, StageStatus::Overdue | StageStatus::Incomplete))
                .count(),
            rules_in_force: rules
                .iter()
                .filter(|r| r.verdict != Verdict::NotInForce)
                .count(),
        };
        Report {
            inputs: school.inputs.clone(),
            organisation: school.organisation.clone(),
            programme: school.programme.clone(),
            school,
            stages,
            findings,
            summary,
            rules,
            profile,
            figures,
        }
    }

    /// Any error-severity finding: `check` exits with 1.
    pub fn has_errors(&self) -> bool {
        self.summary.errors > 0
    }

    /// The report restricted to one stage (the summary counts that stage only).
    pub fn for_stage(&self, stage: Option<u8>) -> Report {
        match stage {
            None => self.clone(),
            Some(n) => Report::new(
                self.school.clone(),
                self.rules
                    .iter()
                    .filter(|r| r.meta.stage == n)
                    .cloned()
                    .collect(),
                self.profile.clone(),
                self.figures.clone(),
            )
            .only_stage(n),
        }
    }

    fn only_stage(mut self, n: u8) -> Report {
        self.stages.retain(|s| s.stage == n);
        self.summary.stages_complete = self.stages.iter().filter(|s| s.complete).count();
        self
    }

    /// The contract's JSON plus `rules` and `profile`.
    pub fn to_json(&self, stage: Option<u8>) -> Value {
        serde_json::to_value(self.for_stage(stage)).unwrap_or(Value::Null)
    }

    /// A readable table of the stages with findings grouped under them;
    /// with `all`, every rule in force is listed with its verdict too.
    pub fn to_text(&self, stage: Option<u8>, all: bool) -> String {
        let r = self.for_stage(stage);
        let mut out = String::new();
        out.push_str(&format!(
            "{} — {}\n",
            r.school.organisation, r.school.programme
        ));
        if let Some(region) = &r.profile.region {
            out.push_str(&format!("Региональный профиль: {region}\n\n"));
        }
        for s in &r.stages {
            let mark = match s.status {
                StageStatus::Complete => "✓",
                StageStatus::NotStarted | StageStatus::Running => "…",
                StageStatus::Overdue | StageStatus::Incomplete => "✗",
            };
            let state = s.status_text;
            out.push_str(&format!("{mark} Этап {}. {} — {state}\n", s.stage, s.title));
            if all {
                for v in r.rules.iter().filter(|v| v.meta.stage == s.stage) {
                    let why = v
                        .not_judged
                        .as_deref()
                        .map(|w| format!(" ({w})"))
                        .unwrap_or_default();
                    out.push_str(&format!(
                        "    {} — {}: {}{why}\n",
                        v.meta.id,
                        v.verdict.russian(),
                        v.meta.title
                    ));
                }
            }
            for f in &s.findings {
                out.push_str(&format!(
                    "    [{}] {}: {}\n",
                    f.severity.russian(),
                    f.rule,
                    f.message
                ));
                if let Some(src) = &f.source {
                    out.push_str(&format!("        место: {src}\n"));
                }
                out.push_str(&format!("        основание: {}\n", f.basis));
            }
        }
        let total = r.stages.len();
        let on = r
            .figures
            .calendar
            .date
            .map(|d| format!(" на {}", crate::russian::date_short(d)))
            .unwrap_or_default();
        let open: Vec<String> = [
            StageStatus::Running,
            StageStatus::NotStarted,
            StageStatus::Overdue,
        ]
        .iter()
        .filter_map(|st| {
            let n = r.stages.iter().filter(|s| s.status == *st).count();
            (n > 0).then(|| format!("{} — {n}", st.russian()))
        })
        .collect();
        let open = if open.is_empty() {
            String::new()
        } else {
            format!(" ({})", open.join(", "))
        };
        out.push_str(&format!(
            "\nИтого{on}: этапов завершено {} из {total}{open}; ошибок {}, предупреждений {}, замечаний {}; действующих правил {}.\n",
            r.summary.stages_complete,
            r.summary.errors,
            r.summary.warnings,
            r.summary.infos,
            r.summary.rules_in_force
        ));
        out
    }

    /// SARIF 2.1.0: one run of the tool `nastavnik`.
    pub fn to_sarif(&self, stage: Option<u8>) -> Value {
        let r = self.for_stage(stage);
        let rules: Vec<Value> = r
            .rules
            .iter()
            .map(|v| {
                json!({
                    "id": v.meta.id,
                    "name": v.meta.id,
                    "shortDescription": {"text": v.meta.title},
                    "help": {"text": v.meta.basis},
                    "defaultConfiguration": {"level": level(v.meta.severity)},
                    "properties": {"stage": v.meta.stage, "stageTitle": stage_title(v.meta.stage)},
                })
            })
            .collect();
        // Rules without findings are results too, so a reader of the log
        // sees what was checked and passed, not only what failed.
        let quiet = r
            .rules
            .iter()
            .enumerate()
            .filter(|(_, v)| v.findings.is_empty())
            .map(|(i, v)| {
                let (kind, text) = match v.verdict {
                    Verdict::NotInForce => (
                        "notApplicable",
                        format!("{}: не действует в период программы", v.meta.title),
                    ),
                    Verdict::NotJudged => (
                        "review",
                        format!(
                            "{}: не проверено — {}",
                            v.meta.title,
                            v.not_judged.as_deref().unwrap_or("")
                        ),
                    ),
                    Verdict::NotDue => (
                        "notApplicable",
                        format!(
                            "{}: срок не наступил — {}",
                            v.meta.title,
                            v.not_judged.as_deref().unwrap_or("")
                        ),
                    ),
                    Verdict::NotApplicable => (
                        "notApplicable",
                        format!(
                            "{}: не применяется — {}",
                            v.meta.title,
                            v.not_judged.as_deref().unwrap_or("")
                        ),
                    ),
                    _ => ("pass", format!("{}: соблюдено", v.meta.title)),
                };
                json!({
                    "ruleId": v.meta.id,
                    "ruleIndex": i,
                    "kind": kind,
                    "level": "none",
                    "message": {"text": text},
                    "properties": {"stage": v.meta.stage, "basis": v.meta.basis},
                })
            });
        let results: Vec<Value> = r
            .findings
            .iter()
            .map(|f| {
                let index = r.rules.iter().position(|v| v.meta.id == f.rule);
                let mut result = json!({
                    "ruleId": f.rule,
                    "level": level(f.severity),
                    "message": {"text": f.message},
                    "properties": {"stage": f.stage, "basis": f.basis},
                });
                if let (Some(i), Some(obj)) = (index, result.as_object_mut()) {
                    obj.insert("ruleIndex".into(), json!(i));
                }
                let location = match &f.source {
                    Some(Source::Row {
                        file, sheet, row, ..
                    }) => Some(json!({
                        "physicalLocation": {
                            "artifactLocation": {"uri": file},
                            "region": {"startLine": row}
                        },
                        "logicalLocations": [{"name": sheet, "kind": "module"}]
                    })),
                    Some(Source::Pointer { pointer }) => Some(json!({
                        "physicalLocation": {"artifactLocation": {"uri": "programme.json"}},
                        "logicalLocations": [{"fullyQualifiedName": pointer, "kind": "member"}]
                    })),
                    None => None,
                };
                if let (Some(loc), Some(obj)) = (location, result.as_object_mut()) {
                    obj.insert("locations".into(), json!([loc]));
                }
                result
            })
            .chain(quiet)
            .collect();
        json!({
            "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
            "version": "2.1.0",
            "runs": [{
                "tool": {"driver": {
                    "name": "nastavnik",
                    "version": env!("CARGO_PKG_VERSION"),
                    "rules": rules
                }},
                "results": results
            }]
        })
    }
}

impl Report {
    /// JUnit XML: a test suite per stage, a test case per rule in force, a
    /// failure per rule with findings (its severity as the failure type),
    /// a skipped case per rule that could not be judged.
    pub fn to_junit(&self, stage: Option<u8>) -> String {
        use crate::text::escape_xml as esc;
        let r = self.for_stage(stage);
        let in_force: Vec<&RuleVerdict> = r
            .rules
            .iter()
            .filter(|v| v.verdict != Verdict::NotInForce)
            .collect();
        let count = |of: &[&RuleVerdict], verdict: Verdict| {
            of.iter().filter(|v| v.verdict == verdict).count()
        };
        let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        out.push_str(&format!(
            "<testsuites name=\"{}\" tests=\"{}\" failures=\"{}\" skipped=\"{}\">\n",
            esc(&format!("{} — {}", r.organisation, r.programme)),
            in_force.len(),
            count(&in_force, Verdict::Failed),
            count(&in_force, Verdict::NotJudged)
                + count(&in_force, Verdict::NotDue)
                + count(&in_force, Verdict::NotApplicable),
        ));
        for s in &r.stages {
            let own: Vec<&RuleVerdict> = in_force
                .iter()
                .copied()
                .filter(|v| v.meta.stage == s.stage)
                .collect();
            out.push_str(&format!(
                "  <testsuite name=\"Этап {}. {}\" tests=\"{}\" failures=\"{}\" skipped=\"{}\">\n",
                s.stage,
                esc(&s.title),
                own.len(),
                count(&own, Verdict::Failed),
                count(&own, Verdict::NotJudged)
                    + count(&own, Verdict::NotDue)
                    + count(&own, Verdict::NotApplicable),
            ));
            for v in own {
                out.push_str(&format!(
                    "    <testcase classname=\"stage{}\" name=\"{}: {}\"",
                    v.meta.stage,
                    esc(&v.meta.id),
                    esc(&v.meta.title)
                ));
                if v.verdict == Verdict::Failed {
                    out.push_str(">\n");
                    for f in &v.findings {
                        let place = f
                            .source
                            .as_ref()
                            .map(|p| format!(" ({p})"))
                            .unwrap_or_default();
                        out.push_str(&format!(
                            "      <failure type=\"{}\" message=\"{}\">{}</failure>\n",
                            f.severity.as_str(),
                            esc(&format!("{}{place}", f.message)),
                            esc(&format!("Основание: {}", f.basis)),
                        ));
                    }
                    out.push_str("    </testcase>\n");
                } else if matches!(
                    v.verdict,
                    Verdict::NotJudged | Verdict::NotDue | Verdict::NotApplicable
                ) {
                    let word = v.verdict.russian();
                    out.push_str(&format!(
                        ">\n      <skipped message=\"{}\"/>\n    </testcase>\n",
                        esc(&format!(
                            "{word}: {}",
                            v.not_judged.as_deref().unwrap_or("")
                        ))
                    ));
                } else {
                    out.push_str("/>\n");
                }
            }
            out.push_str("  </testsuite>\n");
        }
        out.push_str("</testsuites>\n");
        out
    }
}

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}
