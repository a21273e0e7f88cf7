//! Stage rules in Rhai: loading (layered), sandbox, findings, reports.
//!
//! # How rules are written
//! A rule file (`rules/*.rhai`, `rules/regions/NAME/*.rhai`, or a user's
//! `--rules DIR`) holds only functions. `rules()` returns the metadata of the
//! file's rules; each rule names the function (`check`) that returns its
//! findings. Metadata is read by calling `rules()` alone, so `rules list`
//! never runs a check.
//!
//! ```rhai
//! fn rules() {
//!     [#{ id: "stage4.mentor-training", stage: 4, severity: "error",
//!         title: "Обучение наставников проведено",
//!         basis: "Р-145, этап 4 «Отбор и обучение наставников»",
//!         check: "mentor_training" }]
//! }
//! fn mentor_training() {
//!     if model.mentor_training.is_empty() {
//!         return [at("/mentor_training", "Не проведено ни одного обучения наставников")];
//!     }
//!     []
//! }
//! ```
//!
//! Scripts see two read-only constants: `model` (the validated [`Model`] as
//! a map, dates as `ГГГГ-ММ-ДД` strings; each element of its lists — a
//! mentor, a pair, an event — is a read-only [`record::Record`], a handle
//! into the model's own lists, read like a map: `p.mentor`, `p["mentor"]`,
//! `"age" in p`, `p.keys()`) and `params` (the layered parameters,
//! [`params::load`]). Findings are built
//! with `row(source, msg)` for a table row, `at(pointer, msg)` for
//! programme.json, `note(msg)` for the programme as a whole. Only the
//! function a rule names sees `model` and `params` (rhai gives the scope to
//! the called function alone): helper functions get what they need as
//! arguments. Helpers: `date`, `is_date`, `years_between`, `months_between`,
//! `days_between`, `add_months`, `ru_date`, `percent`, `index_by`,
//! `group_by` ([`sandbox`]; they return an opaque [`sandbox::Index`], not a
//! map, so that lookups stay O(log n) under Rhai's data-size limits).
//!
//! # Layering
//! Base files, then `rules/regions/NAME/`, then the user's folder
//! ([`crate::layers::resolve`]): the same file name replaces, a new one adds.
//! `params.json` of each layer is deep-merged; its `disabled` list switches
//! rules off by id. A rule is in force when the programme's period overlaps
//! `effective_from`…`effective_until`.
//!
//! # Safety
//! Every script is compiled once per run; the engine has operation,
//! call-depth, size limits, no `eval`, no modules, no I/O. A broken script
//! is an input error (exit 2) naming the file, line and column.

pub mod cases;
pub mod eval;
pub mod loader;
pub mod meta;
pub mod params;
mod pick;
pub mod record;
pub mod report;
pub mod sandbox;

pub use meta::{RuleMeta, Severity};
pub use report::{Finding, Profile, Report, RuleVerdict, Source, StageReport, Summary, Verdict};

use crate::diag::Result;
use crate::model::Model;
use std::path::Path;

/// The rules of one profile, compiled, with their parameters.
#[derive(Debug, Clone)]
pub struct RuleSet {
    region: Option<String>,
    scripts: Vec<loader::Script>,
    rules: Vec<RuleMeta>,
    params: serde_json::Value,
    disabled: Vec<String>,
}

impl RuleSet {
    /// Loads and compiles the base rules, the region's and the user's folder.
    /// An unknown region, a broken script or broken parameters are input errors.
    pub fn load(region: Option<&str>, user_dir: Option<&Path>) -> Result<RuleSet> {
        let params = params::load(region, user_dir)?;
        let engine = sandbox::engine(sandbox::BASE_OPERATIONS);
        let params_dyn = rhai::serde::to_dynamic(&params).map_err(|e| {
            crate::diag::Error::input(crate::diag::Problem::nowhere(format!(
                "не удалось передать параметры правилам: {e}"
            )))
        })?;
        let (scripts, mut rules) = loader::load(&engine, region, user_dir, params_dyn)?;
        params::apply_severity(&params, &mut rules)?;
        let disabled = params::disabled(&params);
        rules.retain(|r| !disabled.contains(&r.id));
        Ok(RuleSet {
            region: region.map(str::to_owned),
            scripts,
            rules,
            params,
            disabled,
        })
    }

    /// Every rule of the profile that is not switched off, in stage order.
    pub fn rules(&self) -> &[RuleMeta] {
        &self.rules
    }

    /// Rule ids switched off by the profile or the user's folder.
    pub fn disabled(&self) -> &[String] {
        &self.disabled
    }

    /// The merged parameters.
    pub fn params(&self) -> &serde_json::Value {
        &self.params
    }

    /// Runs the rules over a model.
    pub fn check(&self, model: &Model) -> Result<Report> {
        let figures = crate::figures::Figures::of(model);
        let verdicts = eval::run(&self.scripts, &self.rules, &self.params, model, &figures)?;
        let profile = Profile {
            region: self.region.clone(),
            rules_files: self.scripts.iter().map(|s| s.file.clone()).collect(),
            params: self.params.clone(),
            disabled: self.disabled.clone(),
        };
        let school = report::School {
            organisation: model.organisation.full_name.clone(),
            short_name: model.organisation.short_name.clone(),
            programme: model.programme.title.clone(),
            start: model.programme.start.to_string(),
            end: model.programme.end.to_string(),
        };
        Ok(Report::new(school, verdicts, profile, figures))
    }
}

impl RuleSet {
    /// The profile's region, if any.
    pub fn region(&self) -> Option<&str> {
        self.region.as_deref()
    }

    /// `rules list`: one block per rule — id, stage, severity, dates, title, basis.
    pub fn list_text(&self) -> String {
        let mut out = String::new();
        let width = self
            .rules
            .iter()
            .map(|r| r.id.chars().count())
            .max()
            .unwrap_or(0);
        out.push_str(&format!(
            "{:<width$}  этап  уровень         действует\n",
            "правило"
        ));
        for r in &self.rules {
            let dates = match (r.effective_from, r.effective_until) {
                (None, None) => "всегда".to_owned(),
                (Some(f), None) => format!("с {}", f.format("%d.%m.%Y")),
                (None, Some(u)) => format!("по {}", u.format("%d.%m.%Y")),
                (Some(f), Some(u)) => {
                    format!("{} – {}", f.format("%d.%m.%Y"), u.format("%d.%m.%Y"))
                }
            };
            out.push_str(&format!(
                "{:<width$}  {:<4}  {:<14}  {dates}\n",
                r.id,
                r.stage,
                r.severity.russian()
            ));
            out.push_str(&format!("{:width$}  {}\n", "", r.title));
            out.push_str(&format!("{:width$}  основание: {}\n", "", r.basis));
        }
        out.push_str(&format!("\nВсего правил: {}", self.rules.len()));
        if !self.disabled.is_empty() {
            out.push_str(&format!("; отключены: {}", self.disabled.join(", ")));
        }
        out.push('\n');
        out
    }
}
