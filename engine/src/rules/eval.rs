//! Running the rules in force over one model: the model becomes a read-only
//! Rhai map once per run (its records handles into the model's lists,
//! [`record`]), every rule function returns its findings.

use super::loader::{self, Script};
use super::meta::RuleMeta;
use super::params::InForce;
use super::record;
use super::report::{Finding, RuleVerdict, Source, Verdict};
use super::sandbox;
use crate::diag::{Error, Place, Problem, Result};
use crate::figures::Figures;
use crate::model::Model;
use rayon::prelude::*;
use rhai::{Dynamic, Engine, Map};
use std::sync::{Mutex, PoisonError};

/// Number of records a rule may walk over: sets the operation budget.
pub fn records(model: &Model) -> usize {
    model.mentors.len()
        + model.mentees.len()
        + model.pairs.len()
        + model.groups.len()
        + model.roadmap.len()
        + model.survey.responses.len()
}

/// One run of the rules over one model: the sandboxed engine, its clock
/// and the model and parameters as Rhai values, made once and shared by
/// both passes (the second reads the figures in force: `after_hold_back`).
pub struct Runner<'m> {
    engine: Engine,
    clock: sandbox::Clock,
    model: &'m Model,
    model_dyn: Dynamic,
    params_dyn: Dynamic,
    bases_dyn: Dynamic,
}

fn failed(what: &str, e: Box<rhai::EvalAltResult>) -> Error {
    Error::input(Problem::nowhere(format!(
        "не удалось передать {what} правилам: {e}"
    )))
}

impl<'m> Runner<'m> {
    pub fn new(model: &'m Model, params: &InForce) -> Result<Runner<'m>> {
        let mut engine = sandbox::engine(sandbox::max_operations(records(model)));
        let clock = sandbox::Clock::start(sandbox::Budget::for_records(records(model)));
        let (model_dyn, fields) = record::model(model).map_err(|e| failed("модель", e))?;
        record::register_fields(&mut engine, &fields);
        let (params_dyn, bases_dyn) = loader::params_dynamic(params)?;
        Ok(Runner {
            engine,
            clock,
            model,
            model_dyn,
            params_dyn,
            bases_dyn,
        })
    }

    /// Runs `rules` with `figures`; those out of their dates get the
    /// verdict «not in force».
    pub fn run(
        &self,
        scripts: &[Script],
        rules: &[RuleMeta],
        figures: &Figures,
    ) -> Result<Vec<RuleVerdict>> {
        let figures_dyn = rhai::serde::to_dynamic(figures).map_err(|e| failed("показатели", e))?;
        // Rules are independent of each other: they run on every core, each
        // thread with its own scope over the same shared model; the verdicts
        // keep the order of `rules`, and the first error in that order wins.
        // One scope a thread, made here: rayon's `map_init` made one per
        // split of the list, and copying and dropping the model's map that
        // often was 6 % of `check` on 10,000 participants (the profile,
        // docs/bench-profile.md). A scope holds only the constants between
        // calls (each call rewinds it), so any thread's is as good; a slot
        // is locked for one rule's call, which starts no parallel work.
        let threads = rayon::current_num_threads().max(1);
        let scopes: Vec<Mutex<rhai::Scope<'static>>> = (0..threads.min(rules.len().max(1)))
            .map(|_| {
                Mutex::new(loader::scope(
                    self.model_dyn.clone(),
                    self.params_dyn.clone(),
                    self.bases_dyn.clone(),
                    figures_dyn.clone(),
                ))
            })
            .collect();
        let timed = std::env::var_os(TIMES_VAR).is_some();
        let times = Mutex::new(Vec::new());
        let results: Vec<Result<Option<RuleVerdict>>> = rules
            .par_iter()
            .map(|meta| {
                let slot = rayon::current_thread_index().unwrap_or(0) % scopes.len();
                // A poisoned slot (a panic is caught inside the call) still
                // holds only the constants.
                let mut scope = scopes[slot].lock().unwrap_or_else(PoisonError::into_inner);
                let started = timed.then(thread_time);
                let out = verdict(
                    &self.engine,
                    &mut scope,
                    scripts,
                    meta,
                    self.model,
                    &self.clock,
                );
                if let Some(started) = started {
                    times
                        .lock()
                        .unwrap_or_else(PoisonError::into_inner)
                        .push((thread_time().saturating_sub(started), meta.id.clone()));
                }
                out
            })
            .collect();
        if timed {
            print_times(times.into_inner().unwrap_or_else(PoisonError::into_inner));
        }
        let mut out = Vec::with_capacity(rules.len());
        for r in results {
            out.extend(r?);
        }
        Ok(out)
    }
}

/// Set (to anything) to print each rule's time to stderr after each pass
/// of `check` / `generate`: the CPU time of its call on its thread (the
/// figure other processes on the machine do not inflate; wall time where
/// the system has no thread clock), the slowest first
/// (docs/bench-profile.md). Stdout and the report are the same with it or
/// without.
pub const TIMES_VAR: &str = "NASTAVNIK_RULE_TIMES";

/// The CPU time this thread has used.
#[cfg(unix)]
fn thread_time() -> std::time::Duration {
    let mut t = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: `t` is a valid timespec for the call to fill.
    let rc = unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut t) };
    if rc != 0 {
        return std::time::Duration::ZERO;
    }
    std::time::Duration::new(
        u64::try_from(t.tv_sec).unwrap_or(0),
        u32::try_from(t.tv_nsec).unwrap_or(0),
    )
}

/// Wall time since the first call, where there is no thread clock.
#[cfg(not(unix))]
fn thread_time() -> std::time::Duration {
    static START: std::sync::OnceLock<std::time::Instant> = std::sync::OnceLock::new();
    START.get_or_init(std::time::Instant::now).elapsed()
}

fn print_times(mut times: Vec<(std::time::Duration, String)>) {
    times.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
    let total: std::time::Duration = times.iter().map(|t| t.0).sum();
    let mut out = format!(
        "время правил, процессорное ({} правил, всего {:.1} мс):\n",
        times.len(),
        total.as_secs_f64() * 1e3
    );
    for (time, id) in &times {
        out.push_str(&format!("{:>9.1} мс  {id}\n", time.as_secs_f64() * 1e3));
    }
    eprint!("{out}");
}

/// One rule's verdict; `None` if its script is not loaded.
pub(super) fn verdict(
    engine: &Engine,
    scope: &mut rhai::Scope,
    scripts: &[Script],
    meta: &RuleMeta,
    model: &Model,
    clock: &sandbox::Clock,
) -> Result<Option<RuleVerdict>> {
    if !meta.in_force(model.programme.start, model.programme.end) {
        return Ok(Some(RuleVerdict {
            meta: meta.clone(),
            verdict: Verdict::NotInForce,
            findings: Vec::new(),
            not_judged: None,
        }));
    }
    let Some(script) = scripts.iter().find(|s| s.file == meta.file) else {
        return Ok(None);
    };
    let Outcome {
        findings,
        not_judged,
        not_due,
        not_applicable,
    } = run_one(engine, scope, script, meta, model, clock)?;
    let (verdict, not_judged) = if !findings.is_empty() {
        (Verdict::Failed, None)
    } else if not_due.is_some() {
        (Verdict::NotDue, not_due)
    } else if not_judged.is_some() {
        (Verdict::NotJudged, not_judged)
    } else if not_applicable.is_some() {
        (Verdict::NotApplicable, not_applicable)
    } else {
        (Verdict::Passed, None)
    };
    Ok(Some(RuleVerdict {
        meta: meta.clone(),
        verdict,
        findings,
        not_judged,
    }))
}

/// What one rule's function returned: its findings and, when it found
/// none, the reasons it gave for judging nothing.
#[derive(Default)]
struct Outcome {
    findings: Vec<Finding>,
    not_judged: Option<String>,
    not_due: Option<String>,
    not_applicable: Option<String>,
}

fn run_one(
    engine: &Engine,
    scope: &mut rhai::Scope,
    script: &Script,
    meta: &RuleMeta,
    model: &Model,
    clock: &sandbox::Clock,
) -> Result<Outcome> {
    let value = loader::call(engine, scope, script, &meta.check, clock).map_err(|e| {
        Error::input(sandbox::runtime_problem(
            &script.file,
            &script.text,
            &meta.id,
            &meta.check,
            &e,
        ))
    })?;
    if value.is_unit() {
        return Ok(Outcome::default());
    }
    let bad = |what: String| {
        Error::input(Problem::new(
            Place::File {
                file: script.file.clone(),
            },
            format!("правило «{}»: {what}", meta.id),
        ))
    };
    let Some(items) = value.try_cast::<rhai::Array>() else {
        return Err(bad(
            "функция проверки должна вернуть массив находок [row(…), at(…), note(…)]".into(),
        ));
    };
    let ceiling = clock.budget().findings;
    if items.len() > ceiling {
        return Err(bad(format!(
            "функция проверки вернула {} находок — больше предела {ceiling}: проверьте правило",
            items.len()
        )));
    }
    let mut out = Vec::with_capacity(items.len());
    let mut not_judged: Option<String> = None;
    let mut not_due: Option<String> = None;
    let mut not_applicable: Option<String> = None;
    // Reasons of several calls read as one.
    let join = |slot: &mut Option<String>, message: String| {
        *slot = Some(match slot.take() {
            Some(before) => format!("{before}; {message}"),
            None => message,
        });
    };
    for item in items {
        let (message, source, field) = if item.is_string() {
            (item.to_string(), None, None)
        } else if let Some(map) = item.try_cast::<Map>() {
            let message = map
                .get("message")
                .filter(|m| m.is_string())
                .map(|m| m.to_string())
                .ok_or_else(|| bad("у находки нет строки message".into()))?;
            if map.contains_key(sandbox::NOT_DUE) {
                join(&mut not_due, message);
                continue;
            }
            if map.contains_key(sandbox::UNJUDGED) {
                join(&mut not_judged, message);
                continue;
            }
            if map.contains_key(sandbox::NOT_APPLICABLE) {
                join(&mut not_applicable, message);
                continue;
            }
            let field = map
                .get(sandbox::FIELD)
                .filter(|f| f.is_string())
                .map(|f| f.to_string());
            let source = match map.get("source") {
                None => None,
                Some(s) if s.is_unit() => None,
                Some(s) => Some(source(s, field.as_deref(), model).ok_or_else(|| {
                    bad(format!(
                        "место находки должно быть #{{file, sheet, row}} или #{{pointer}}, а не {s}"
                    ))
                })?),
            };
            (message, source, field)
        } else {
            return Err(bad("находка должна быть картой #{ message, source }".into()));
        };
        if let Some(c) = crate::text::forbidden_char(&message) {
            return Err(bad(format!(
                "текст находки: {}",
                crate::text::forbidden_message(c)
            )));
        }
        out.push(Finding {
            rule: meta.id.clone(),
            stage: meta.stage,
            severity: meta.severity,
            message,
            basis: meta.basis.clone(),
            source,
            field,
        });
    }
    Ok(Outcome {
        findings: out,
        not_judged,
        not_due,
        not_applicable,
    })
}

fn source(value: &Dynamic, field: Option<&str>, model: &Model) -> Option<Source> {
    let text = |k: &str| {
        record::field(value, k)
            .filter(|v| v.is_string())
            .map(|v| v.to_string())
    };
    if let Some(pointer) = text("pointer") {
        return Some(Source::Pointer { pointer });
    }
    let row = record::field(value, "row").and_then(|v| v.as_int().ok())?;
    let file = text("file")?;
    let sheet = text("sheet")?;
    let row = u32::try_from(row).ok()?;
    // `cell(source, field, message)`: the finding names the column, the
    // cell is found from the table's layout.
    let (cell, column) = match field {
        Some(field) => {
            let at = crate::model::RowSource {
                file: file.clone(),
                sheet: sheet.clone(),
                row,
            };
            match model.cell(&at, field) {
                Some((cell, column)) => (Some(cell), Some(column)),
                None => (None, None),
            }
        }
        None => (None, None),
    };
    Some(Source::Row {
        file,
        sheet,
        row,
        cell,
        column,
    })
}
