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
//! Scripts see three read-only constants: `model` (the validated [`Model`] as
//! a map, dates as `ГГГГ-ММ-ДД` strings; each element of its lists — a
//! mentor, a pair, an event — is a read-only [`record::Record`], a handle
//! into the model's own lists, read like a map: `p.mentor`, `p["mentor"]`,
//! `"age" in p`, `p.keys()`), `params` (the layered parameters in force,
//! [`params`]) and `params_basis` (for each parameter, the act that set the
//! value in force, so a rule's basis never contradicts it). Findings are built
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
//! Base files, then the region (`rules/regions/NAME/` built in, or the
//! `rules/` of a region folder), then the user's folder
//! ([`crate::layers::resolve`]): the same file name replaces, a new one adds.
//! `params.json` of each layer is checked against `schemas/params.schema.json`
//! and deep-merged; its `disabled` list switches rules off by id (an id
//! that names no loaded rule is refused). A rule is in force when the programme's period overlaps
//! `effective_from`…`effective_until`.
//!
//! # Safety
//! Every script is compiled once per run; the engine has operation,
//! call-depth, size limits, no `eval`, no modules, no I/O. A broken script
//! is an input error (exit 2) naming the file, line and column.

pub mod cases;
pub mod eval;
pub mod explain;
pub mod loader;
pub mod meta;
pub mod params;
pub mod params_check;
mod pick;
pub mod record;
pub mod report;
pub mod sandbox;
pub mod suggest;
pub mod syntax;

pub use meta::{RuleMeta, Severity};
pub use report::{Finding, Profile, Report, RuleVerdict, Source, StageReport, Summary, Verdict};

use crate::diag::Result;
use crate::model::Model;
use chrono::NaiveDate;
use std::borrow::Cow;
use std::path::Path;

/// The rules of one profile, compiled, with their parameters.
#[derive(Debug, Clone)]
pub struct RuleSet {
    region: Option<String>,
    scripts: Vec<loader::Script>,
    params: params::Params,
    /// The newest value of each parameter: what `rules list` shows.
    newest: params::InForce,
    /// The rules in force as read with `newest`.
    rules: Vec<RuleMeta>,
    disabled: Vec<String>,
    /// The rules switched off, by title and id, as a report names them.
    disabled_named: Vec<String>,
}

impl RuleSet {
    /// Loads and compiles the base rules, the region's and the user's folder.
    /// An unknown region, a broken script, parameters against the schema or
    /// a rule id in `disabled` / `severity` that names no rule are input errors.
    pub fn load(region: Option<&str>, user_dir: Option<&Path>) -> Result<RuleSet> {
        RuleSet::of(&crate::layers::Layers::builtin(region, user_dir, None)?)
    }

    /// [`RuleSet::load`] for any layers: a region built in or a folder,
    /// and `--rules`.
    pub fn of(layers: &crate::layers::Layers) -> Result<RuleSet> {
        let region = layers.region_name();
        let params = params::load_layers(layers)?;
        let engine = sandbox::engine(sandbox::BASE_OPERATIONS);
        let scripts = loader::load(&engine, layers)?;
        let newest = params.in_force(None)?;
        let all = loader::read_rules(&engine, &scripts, &newest)?;
        params.check_rule_ids(&all)?;
        let disabled = params.disabled();
        let disabled_named = disabled
            .iter()
            .map(|id| match all.iter().find(|r| &r.id == id) {
                Some(r) => format!("«{}» ({id})", r.title),
                None => id.clone(),
            })
            .collect();
        let rules = in_force(&params, all);
        Ok(RuleSet {
            region: region.map(str::to_owned),
            disabled_named,
            disabled,
            scripts,
            params,
            newest,
            rules,
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

    /// The merged parameters, each at its newest value (plain values, as
    /// scripts read `params`).
    pub fn params(&self) -> &serde_json::Value {
        &self.newest.values
    }

    /// The parameters in force for a programme: each value as of the
    /// programme's start (see [`params`]), as templates and rules read them.
    pub fn params_in_force(&self, model: &Model) -> Result<serde_json::Value> {
        Ok(self.params.in_force(Some(model.programme.start))?.values)
    }

    /// The parameters on `date` and the rules read with them: the rules
    /// read at load when no value differs, else each `rules()` again, so a
    /// basis never names another value than the one the check uses.
    fn on(&self, date: NaiveDate) -> Result<(params::InForce, Cow<'_, [RuleMeta]>)> {
        let now = self.params.in_force(Some(date))?;
        if now.values == self.newest.values && now.bases == self.newest.bases {
            return Ok((now, Cow::Borrowed(&self.rules)));
        }
        let engine = sandbox::engine(sandbox::BASE_OPERATIONS);
        let all = loader::read_rules(&engine, &self.scripts, &now)?;
        Ok((now, Cow::Owned(in_force(&self.params, all))))
    }

    /// Runs the rules in two passes: first every rule but those declared
    /// `after_hold_back`, then those with the figures `in_force` gives for
    /// the first pass's report (who the orders fix follows from the
    /// hold-back rules: [`crate::package`] decides it). The verdicts keep
    /// the rules' order; the report's `figures` stay the tables'.
    pub fn check_with(
        &self,
        model: &Model,
        in_force: impl FnOnce(&[RuleVerdict], &crate::figures::Figures) -> crate::figures::Figures,
    ) -> Result<Report> {
        let (params, rules) = self.on(model.programme.start)?;
        let figures = crate::figures::Figures::of(model);
        let (first, second): (Vec<RuleMeta>, Vec<RuleMeta>) =
            rules.iter().cloned().partition(|r| !r.after_hold_back);
        let runner = eval::Runner::new(model, &params)?;
        let mut verdicts = runner.run(&self.scripts, &first, &figures)?;
        let profile = Profile {
            region: self.region.clone(),
            rules_files: self.scripts.iter().map(|s| s.file.clone()).collect(),
            params: params.values.clone(),
            disabled: self.disabled.clone(),
            disabled_named: self.disabled_named.clone(),
            parameters: params.params.clone(),
        };
        let school = report::School {
            inputs: model.files.clone(),
            organisation: model.organisation.full_name.clone(),
            short_name: model.organisation.short_name.clone(),
            programme: model.programme.title.clone(),
            start: model.programme.start.to_string(),
            end: model.programme.end.to_string(),
        };
        if second.is_empty() {
            return Ok(Report::new(school, verdicts, profile, figures));
        }
        let stated = in_force(&verdicts, &figures);
        verdicts.extend(runner.run(&self.scripts, &second, &stated)?);
        let order = |id: &str| rules.iter().position(|r| r.id == id).unwrap_or(usize::MAX);
        verdicts.sort_by_key(|v| order(&v.meta.id));
        Ok(Report::new(school, verdicts, profile, figures))
    }
}

impl RuleSet {
    /// `check --explain ID`: the rule run alone with its reads traced
    /// ([`explain`]). A rule switched off or unknown is an input error
    /// naming the close ids. A second-pass rule reads the figures
    /// `in_force` gives, as in [`RuleSet::check_with`].
    pub fn explain_with(
        &self,
        model: &Model,
        id: &str,
        in_force: impl Fn(&[RuleVerdict], &crate::figures::Figures) -> crate::figures::Figures,
    ) -> Result<explain::Explained> {
        let (params, rules) = self.on(model.programme.start)?;
        let Some(meta) = rules.iter().find(|r| r.id == id) else {
            let message = if self.disabled.iter().any(|d| d == id) {
                format!(
                    "правило «{id}» отключено профилем (params.json › disabled) и не проверяется"
                )
            } else {
                format!(
                    "неизвестное правило «{id}»{}",
                    suggest::hint(id, rules.iter().map(|r| r.id.as_str()))
                )
            };
            return Err(crate::diag::Error::input(crate::diag::Problem::nowhere(
                format!("--explain: {message}"),
            )));
        };
        // A second-pass rule reads the figures in force, as in `check`.
        let figures = if meta.after_hold_back {
            let mut stated = None;
            self.check_with(model, |verdicts, tables| {
                let s = in_force(verdicts, tables);
                stated = Some(s.clone());
                s
            })?;
            stated.unwrap_or_else(|| crate::figures::Figures::of(model))
        } else {
            crate::figures::Figures::of(model)
        };
        explain::run(&self.scripts, meta, &params, model, &figures)
    }
}

/// The profile's severities given, the rules switched off removed.
fn in_force(params: &params::Params, mut rules: Vec<RuleMeta>) -> Vec<RuleMeta> {
    params.apply_severity(&mut rules);
    let disabled = params.disabled();
    rules.retain(|r| !disabled.contains(&r.id));
    rules
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
                (Some(f), None) => format!("с {}", crate::russian::date_short(f)),
                (None, Some(u)) => format!("по {}", crate::russian::date_short(u)),
                (Some(f), Some(u)) => {
                    format!(
                        "{} – {}",
                        crate::russian::date_short(f),
                        crate::russian::date_short(u)
                    )
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
            out.push_str(&format!("; отключены: {}", self.disabled_named.join(", ")));
        }
        out.push('\n');
        out
    }
}
