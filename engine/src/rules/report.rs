//! The result of a check: findings per stage, every rule's verdict, and the
//! three printed forms (text for people, JSON per the contract, SARIF 2.1.0
//! for CI systems and editors).

use super::meta::{RuleMeta, Severity};
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
    },
    Pointer {
        pointer: String,
    },
}

impl std::fmt::Display for Source {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Source::Row { file, sheet, row } => write!(f, "{file} › {sheet} › строка {row}"),
            Source::Pointer { pointer } => write!(f, "programme.json › {pointer}"),
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
}

/// What became of one rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    Passed,
    Failed,
    NotInForce,
}

impl Verdict {
    pub fn russian(self) -> &'static str {
        match self {
            Verdict::Passed => "соблюдено",
            Verdict::Failed => "нарушено",
            Verdict::NotInForce => "не действует",
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
}

#[derive(Debug, Clone, Serialize)]
pub struct StageReport {
    pub stage: u8,
    pub title: String,
    /// No error-severity finding in this stage.
    pub complete: bool,
    pub findings: Vec<Finding>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Summary {
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
    pub stages_complete: usize,
    pub rules_in_force: usize,
}

/// The profile the check ran with.
#[derive(Debug, Clone, Serialize)]
pub struct Profile {
    pub region: Option<String>,
    /// Every rule file used, with the layer it came from.
    pub rules_files: Vec<String>,
    /// The parameters in force for the programme, each with its act and file.
    pub parameters: Vec<super::params::ParamInForce>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Report {
    pub stages: Vec<StageReport>,
    pub findings: Vec<Finding>,
    pub summary: Summary,
    pub rules: Vec<RuleVerdict>,
    pub profile: Profile,
}

impl Report {
    /// Builds the report from the verdicts, in rule order.
    pub fn new(rules: Vec<RuleVerdict>, profile: Profile) -> Report {
        let findings: Vec<Finding> = rules.iter().flat_map(|r| r.findings.clone()).collect();
        let mut stages: Vec<StageReport> = (1..=7u8)
            .map(|n| StageReport {
                stage: n,
                title: stage_title(n).to_owned(),
                complete: true,
                findings: Vec::new(),
            })
            .collect();
        for f in &findings {
            if let Some(s) = stages.get_mut(usize::from(f.stage).wrapping_sub(1)) {
                if f.severity == Severity::Error {
                    s.complete = false;
                }
                s.findings.push(f.clone());
            }
        }
        let count = |sev| findings.iter().filter(|f| f.severity == sev).count();
        let summary = Summary {
            errors: count(Severity::Error),
            warnings: count(Severity::Warning),
            infos: count(Severity::Info),
            stages_complete: stages.iter().filter(|s| s.complete).count(),
            rules_in_force: rules
                .iter()
                .filter(|r| r.verdict != Verdict::NotInForce)
                .count(),
        };
        Report {
            stages,
            findings,
            summary,
            rules,
            profile,
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
                self.rules
                    .iter()
                    .filter(|r| r.meta.stage == n)
                    .cloned()
                    .collect(),
                self.profile.clone(),
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

    /// A readable table of the stages with findings grouped under them.
    pub fn to_text(&self, stage: Option<u8>) -> String {
        let r = self.for_stage(stage);
        let mut out = String::new();
        if let Some(region) = &r.profile.region {
            out.push_str(&format!("Региональный профиль: {region}\n\n"));
        }
        for s in &r.stages {
            let mark = if s.complete { "✓" } else { "✗" };
            let state = if s.complete {
                "завершён"
            } else {
                "не завершён"
            };
            out.push_str(&format!("{mark} Этап {}. {} — {state}\n", s.stage, s.title));
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
        out.push_str(&format!(
            "\nИтого: этапов завершено {} из {total}; ошибок {}, предупреждений {}, замечаний {}; действующих правил {}.\n",
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
                    Some(Source::Row { file, sheet, row }) => Some(json!({
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

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}
