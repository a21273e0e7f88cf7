//! The Rhai engine rules run in: limits, no I/O, and the few pure helpers
//! scripts may call. Also turns Rhai's errors into Russian problems naming
//! the script, line and column.
//!
//! Limits are chosen so that a hostile or broken script stops well under a
//! second, while a real rule over 10,000 participants stays far inside them
//! (see `docs/bench.md`).
//!
//! Counting operations is not enough: one operation may be expensive (an
//! `index_of` over a 32 MB string, a `push` that makes Rhai re-measure a
//! growing array), so a script that stays under the operation limit could
//! still run for minutes. Every call of script code therefore also runs
//! under a wall-clock [`Budget`] (per call and per run), read through Rhai's
//! progress callback every [`CLOCK_EVERY`] operations, and the data a call
//! builds outside Rhai's size limits (findings, [`Index`] entries) has a
//! ceiling. Every place that runs script code goes through
//! [`super::loader::call`] with a [`Clock`], so `rules list` (`rules()`),
//! `rules test`, `check` and `generate` share the same limits.

use crate::diag::{Place, Problem};
use chrono::{Datelike, NaiveDate};
use rhai::{Array, Dynamic, Engine, EvalAltResult, Map, Position, INT};
use std::cell::Cell;
use std::collections::BTreeMap;
use std::sync::Arc;
use std::time::{Duration, Instant};

/// Operations one rule may spend on an empty model; more is granted per
/// record of the model (see [`max_operations`]).
pub const BASE_OPERATIONS: u64 = 2_000_000;
/// Extra operations per record (mentor, mentee, pair, roadmap event, survey answer).
pub const OPERATIONS_PER_RECORD: u64 = 400;
/// Nesting of function calls: deep enough for helpers, shallow enough to
/// stop runaway recursion at once.
pub const MAX_CALL_LEVELS: usize = 48;

/// Total string bytes one value may hold (summed over nested values).
pub const MAX_STRING_BYTES: usize = 64 << 20;
/// Total array elements / map entries one value may hold (summed over nested values).
pub const MAX_ITEMS: usize = 4_000_000;

/// The operation budget of one rule call for a model of `records` records.
pub fn max_operations(records: usize) -> u64 {
    BASE_OPERATIONS.saturating_add(OPERATIONS_PER_RECORD.saturating_mul(records as u64))
}

/// Wall-clock time one call of script code may take on an empty model
/// (a rule's check, a file's `rules()`); more per record ([`Budget::for_records`]).
pub const CALL_TIME: Duration = Duration::from_secs(1);
/// Extra time per record for one call (10,000 records: 2 s).
pub const CALL_TIME_PER_RECORD: Duration = Duration::from_micros(100);
/// Wall-clock time all calls of one run may take together.
pub const RUN_TIME: Duration = Duration::from_secs(10);
/// Extra time per record for a run (10,000 records: 20 s).
pub const RUN_TIME_PER_RECORD: Duration = Duration::from_millis(1);
/// The clock is read every this many operations: often enough that 16 of
/// the most expensive operations take a fraction of a second, rarely enough
/// to cost nothing measurable. A power of two.
pub const CLOCK_EVERY: u64 = 16;
/// Findings one rule may return on an empty model; 4 more per record.
pub const MAX_FINDINGS: usize = 10_000;
/// Entries all `index_by` / `group_by` of one call may hold together on an
/// empty model; 20 more per record. An [`Index`] is opaque to Rhai's size
/// limits, so without this a loop could build indexes until memory ends.
pub const MAX_INDEX_ENTRIES: usize = 1_000_000;

/// The limits of script code for a model of some size: parameters of the
/// engine, not of a profile (a methodologist's params.json cannot lift them).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Budget {
    /// One call of script code.
    pub call: Duration,
    /// All calls of one run ([`Clock`]).
    pub run: Duration,
    /// Findings of one rule.
    pub findings: usize,
    /// Entries of the indexes one call builds.
    pub index_entries: usize,
}

impl Budget {
    /// The budget for a model of `records` records (mentors, mentees,
    /// pairs, groups, roadmap events, survey answers).
    pub fn for_records(records: usize) -> Budget {
        let n = u32::try_from(records).unwrap_or(u32::MAX);
        Budget {
            call: CALL_TIME.saturating_add(CALL_TIME_PER_RECORD.saturating_mul(n)),
            run: RUN_TIME.saturating_add(RUN_TIME_PER_RECORD.saturating_mul(n)),
            findings: MAX_FINDINGS.saturating_add(records.saturating_mul(4)),
            index_entries: MAX_INDEX_ENTRIES.saturating_add(records.saturating_mul(20)),
        }
    }
}

/// The clock of one run: every call of script code made through it stops
/// at its own deadline or at the run's, whichever comes first.
#[derive(Debug, Clone, Copy)]
pub struct Clock {
    started: Instant,
    budget: Budget,
}

/// The limits of the call running on this thread.
#[derive(Debug, Clone, Copy)]
struct Limits {
    call_deadline: Instant,
    run_deadline: Instant,
    budget: Budget,
    index_left: usize,
}

thread_local! {
    // Rules run in parallel on rayon's threads, each call on one thread:
    // the progress callback (one per engine) finds its call's limits here.
    static LIMITS: Cell<Option<Limits>> = const { Cell::new(None) };
}

impl Clock {
    /// Starts a run's clock now.
    pub fn start(budget: Budget) -> Clock {
        Clock {
            started: Instant::now(),
            budget,
        }
    }

    pub fn budget(&self) -> Budget {
        self.budget
    }

    /// Runs `f`, one call of script code, under this run's limits.
    pub fn guard<T>(&self, f: impl FnOnce() -> T) -> T {
        let now = Instant::now();
        let run_deadline = self.started + self.budget.run;
        let limits = Limits {
            call_deadline: (now + self.budget.call).min(run_deadline),
            run_deadline,
            budget: self.budget,
            index_left: self.budget.index_entries,
        };
        let before = LIMITS.with(|l| l.replace(Some(limits)));
        let out = f();
        LIMITS.with(|l| l.set(before));
        out
    }
}

/// `1 с`, `2,3 с`: a duration for messages, to a tenth of a second.
fn seconds(d: Duration) -> String {
    let text = format!("{:.1}", d.as_secs_f64());
    let text = text.strip_suffix(".0").unwrap_or(&text).replace('.', ",");
    format!("{text} с")
}

/// The progress callback: stops the call past its deadline with a Russian
/// reason (shown by [`runtime_problem`]).
fn past_deadline(ops: u64) -> Option<Dynamic> {
    // A power of two: a mask, not a division, on every operation.
    if ops & (CLOCK_EVERY - 1) != 0 {
        return None;
    }
    let limits = LIMITS.with(Cell::get)?;
    let now = Instant::now();
    if now >= limits.run_deadline {
        Some(
            format!(
                "правила вместе превысили отведённое на проверку время ({})",
                seconds(limits.budget.run)
            )
            .into(),
        )
    } else if now >= limits.call_deadline {
        Some(
            format!(
                "сценарий превысил отведённое время ({}): бесконечный цикл или слишком дорогие операции?",
                seconds(limits.budget.call)
            )
            .into(),
        )
    } else {
        None
    }
}

/// Takes `n` entries from the call's index ceiling.
fn spend_index_entries(n: usize) -> Result<(), Box<EvalAltResult>> {
    LIMITS.with(|l| {
        let Some(mut limits) = l.get() else {
            return Ok(());
        };
        if n > limits.index_left {
            return Err(runtime(format!(
                "указатели index_by / group_by одного правила превысили {} записей — превышен лимит песочницы",
                limits.budget.index_entries
            )));
        }
        limits.index_left -= n;
        l.set(Some(limits));
        Ok(())
    })
}

/// A sandboxed engine with the helpers registered.
pub fn engine(max_ops: u64) -> Engine {
    let mut engine = Engine::new();
    engine
        .set_max_operations(max_ops)
        .set_max_call_levels(MAX_CALL_LEVELS)
        .set_max_expr_depths(64, 48)
        // Rhai sums sizes over a whole value (the model included): these
        // bound a runaway script, not the model (10,000 participants hold
        // about 3 MB of text).
        .set_max_string_size(MAX_STRING_BYTES)
        .set_max_array_size(MAX_ITEMS)
        .set_max_map_size(MAX_ITEMS)
        .set_max_modules(0)
        .set_module_resolver(rhai::module_resolvers::DummyModuleResolver::new())
        .set_strict_variables(true)
        .set_fail_on_invalid_map_property(true);
    engine.disable_symbol("eval");
    // Output goes to stdout in JSON/SARIF: scripts must not write there.
    engine.on_print(|_| {}).on_debug(|_, _, _| {});
    engine.on_progress(past_deadline);
    register_helpers(&mut engine);
    engine
}

fn runtime(message: String) -> Box<EvalAltResult> {
    Box::new(EvalAltResult::ErrorRuntime(message.into(), Position::NONE))
}

/// Reads `ГГГГ-ММ-ДД` (the model's form) or `ДД.ММ.ГГГГ` (as people type).
pub fn parse_date(text: &str) -> Option<NaiveDate> {
    let t = text.trim();
    NaiveDate::parse_from_str(t, "%Y-%m-%d")
        .or_else(|_| NaiveDate::parse_from_str(t, "%d.%m.%Y"))
        .ok()
}

fn date_arg(text: &str) -> Result<NaiveDate, Box<EvalAltResult>> {
    parse_date(text).ok_or_else(|| runtime(format!("«{text}» — не дата (ожидалось ГГГГ-ММ-ДД)")))
}

/// Whole years from `a` to `b` (an age or an experience).
fn years_between(a: NaiveDate, b: NaiveDate) -> INT {
    let mut years = INT::from(b.year() - a.year());
    if (b.month(), b.day()) < (a.month(), a.day()) {
        years -= 1;
    }
    years
}

/// Whole months from `a` to `b`.
fn months_between(a: NaiveDate, b: NaiveDate) -> INT {
    let mut months =
        INT::from(b.year() - a.year()) * 12 + INT::from(b.month()) - INT::from(a.month());
    if b.day() < a.day() {
        months -= 1;
    }
    months
}

/// The key naming the column of a `cell(source, field, message)` finding.
pub const FIELD: &str = "field";
/// The key marking the result of `unjudged(reason)`.
pub const UNJUDGED: &str = "unjudged";
/// The key marking the result of `not_due(reason)`: what the rule checks
/// falls due after the package's date.
pub const NOT_DUE: &str = "not_due";
/// The key marking the result of `not_applicable(reason)`: the inputs
/// hold no one the rule is about.
pub const NOT_APPLICABLE: &str = "not_applicable";

fn finding(message: &str, source: Dynamic) -> Map {
    let mut m = Map::new();
    m.insert("message".into(), message.into());
    if !source.is_unit() {
        m.insert("source".into(), source);
    }
    m
}

fn register_helpers(engine: &mut Engine) {
    engine.register_fn("date", |t: &str| -> Result<String, Box<EvalAltResult>> {
        Ok(date_arg(t)?.format("%Y-%m-%d").to_string())
    });
    engine.register_fn("is_date", |t: &str| parse_date(t).is_some());
    // The date of a document reference as typed («№ 14 от 10.10.2025»,
    // read by the same code as the documents: `docref`), or ().
    engine.register_fn("agreement_date", |t: &str| -> Dynamic {
        crate::docref::parse(t)
            .ok()
            .and_then(|r| r.date)
            .map_or(Dynamic::UNIT, |d| Dynamic::from(d.to_string()))
    });
    engine.register_fn(
        "years_between",
        |a: &str, b: &str| -> Result<INT, Box<EvalAltResult>> {
            Ok(years_between(date_arg(a)?, date_arg(b)?))
        },
    );
    engine.register_fn(
        "months_between",
        |a: &str, b: &str| -> Result<INT, Box<EvalAltResult>> {
            Ok(months_between(date_arg(a)?, date_arg(b)?))
        },
    );
    engine.register_fn(
        "days_between",
        |a: &str, b: &str| -> Result<INT, Box<EvalAltResult>> {
            Ok((date_arg(b)? - date_arg(a)?).num_days())
        },
    );
    engine.register_fn(
        "add_months",
        |d: &str, n: INT| -> Result<String, Box<EvalAltResult>> {
            let d = date_arg(d)?;
            let months = chrono::Months::new(u32::try_from(n.unsigned_abs()).unwrap_or(u32::MAX));
            let out = if n >= 0 {
                d.checked_add_months(months)
            } else {
                d.checked_sub_months(months)
            };
            out.map(|d| d.format("%Y-%m-%d").to_string())
                .ok_or_else(|| runtime("дата вне допустимого диапазона".into()))
        },
    );
    // «дд.мм.гггг» for messages.
    engine.register_fn("ru_date", |d: &str| -> Result<String, Box<EvalAltResult>> {
        Ok(crate::russian::date_short(date_arg(d)?))
    });
    // Numbers for messages as Russian prints them (engine/russian): «9»,
    // «2,5»; `years` with the agreeing noun: «1 год», «3 года», «9 лет»;
    // `years_gen` after «больше», «старше», «моложе»: «3 лет», «21 года».
    engine.register_fn("number", |x: f64| crate::russian::number(x));
    engine.register_fn("number", |x: INT| x.to_string());
    engine.register_fn("years", |x: f64| crate::russian::years(x));
    engine.register_fn("years", |x: INT| crate::russian::years(x as f64));
    // «старше 35 лет», «больше 1 года»: after a comparative, the genitive.
    engine.register_fn("years_gen", |x: f64| crate::russian::years_genitive(x));
    engine.register_fn("years_gen", |x: INT| {
        crate::russian::years_genitive(x as f64)
    });
    engine.register_fn("percent", |part: INT, whole: INT| -> f64 {
        if whole <= 0 {
            0.0
        } else {
            part as f64 * 100.0 / whole as f64
        }
    });
    // Lookups: `index_by(model.mentors, "name")` → `name in idx`, `idx[name]`;
    // `group_by(model.pairs, "mentor")` → `idx[mentor]` is an array.
    engine.register_fn(
        "index_by",
        |items: Array, key: &str| -> Result<Index, Box<EvalAltResult>> {
            spend_index_entries(items.len())?;
            let mut out = BTreeMap::new();
            for item in items {
                if let Some(k) = key_of(&item, key) {
                    out.entry(k).or_insert(item);
                }
            }
            Ok(Index(Arc::new(out)))
        },
    );
    engine.register_fn(
        "group_by",
        |items: Array, key: &str| -> Result<Index, Box<EvalAltResult>> {
            spend_index_entries(items.len())?;
            let mut groups: BTreeMap<String, Array> = BTreeMap::new();
            for item in items {
                if let Some(k) = key_of(&item, key) {
                    groups.entry(k).or_default().push(item);
                }
            }
            Ok(Index(Arc::new(
                groups
                    .into_iter()
                    .map(|(k, v)| (k, Dynamic::from_array(v)))
                    .collect(),
            )))
        },
    );
    // Partners (`model.partners`): the index of the one an organisation
    // as typed names (full or short name, as the documents match it), or
    // (); and the name closest to it by spelling, for the message.
    engine.register_fn(
        "partner_of",
        |partners: Array, organisation: &str| -> Dynamic {
            let text = |p: &Dynamic, k: &str| {
                super::record::field(p, k)
                    .and_then(|v| v.into_immutable_string().ok())
                    .map(|s| s.to_string())
                    .unwrap_or_default()
            };
            partners
                .iter()
                .position(|p| {
                    crate::model::partner_named(
                        &text(p, "name"),
                        &text(p, "short_name"),
                        organisation,
                    )
                })
                .map_or(Dynamic::UNIT, |i| Dynamic::from(i as INT))
        },
    );
    // «…» around a name, its own quotes turned inner („…“), as documents
    // quote: «АО „Омскводоканал“», not «АО «Омскводоканал»».
    engine.register_fn("quote", |t: &str| crate::russian::quote(t));
    engine.register_fn("closest", |typed: &str, names: Array| -> Dynamic {
        let names: Vec<String> = names
            .into_iter()
            .filter_map(|n| n.into_immutable_string().ok())
            .map(|s| s.to_string())
            .collect();
        crate::load::checks::closest(typed, names.iter().map(String::as_str))
            .map_or(Dynamic::UNIT, |n| Dynamic::from(n.to_owned()))
    });
    register_index(engine);
    super::record::register(engine);
    // Findings: about a table row (the model's `source`), a programme.json
    // pointer, or the programme as a whole.
    engine.register_fn("row", |source: Dynamic, message: &str| -> Map {
        finding(message, source)
    });
    // About one cell: the row's source and the column (`"start"`,
    // `"experience"`) holding the value; the finding names the cell.
    engine.register_fn(
        "cell",
        |source: Dynamic, field: &str, message: &str| -> Map {
            let mut m = finding(message, source);
            m.insert(FIELD.into(), field.into());
            m
        },
    );
    engine.register_fn("at", |pointer: &str, message: &str| -> Map {
        let mut s = Map::new();
        s.insert("pointer".into(), pointer.into());
        finding(message, s.into())
    });
    engine.register_fn("note", |message: &str| -> Map {
        finding(message, Dynamic::UNIT)
    });
    // A rule that cannot be judged on these inputs says so instead of
    // passing: its verdict is «не проверено», with the reason.
    engine.register_fn("unjudged", |message: &str| -> Map {
        let mut m = finding(message, Dynamic::UNIT);
        m.insert(UNJUDGED.into(), true.into());
        m
    });
    // What the rule checks is due after the package's date (an order on
    // an event still to come): «срок не наступил», with the reason.
    engine.register_fn("not_due", |message: &str| -> Map {
        let mut m = finding(message, Dynamic::UNIT);
        m.insert(NOT_DUE.into(), true.into());
        m
    });
    // No one the rule is about (no minor mentors, no refusal, no pair):
    // «не применяется», with whom it would concern — never «соблюдено».
    engine.register_fn("not_applicable", |message: &str| -> Map {
        let mut m = finding(message, Dynamic::UNIT);
        m.insert(NOT_APPLICABLE.into(), true.into());
        m
    });
}

/// A lookup table made by `index_by` / `group_by`, opaque to Rhai.
///
/// Why not a Rhai map: with data-size limits on, Rhai re-measures a map
/// every time it is passed to `in` or indexed, walking every nested value.
/// With the model's records inside, one lookup per pair made `check`
/// quadratic (11 s for 5,000 pairs, measured). A custom type is measured as
/// nothing; its elements come from an array that was already measured, so
/// the limits still bound what a script can build.
#[derive(Clone)]
pub struct Index(Arc<BTreeMap<String, Dynamic>>);

fn key_of(item: &Dynamic, key: &str) -> Option<String> {
    super::record::field(item, key)
        .filter(|v| !v.is_unit())
        .map(|v| v.to_string())
}

fn register_index(engine: &mut Engine) {
    engine.register_type_with_name::<Index>("Index");
    // `key in idx`: Rhai turns `in` into `contains(idx, key)`.
    engine.register_fn("contains", |idx: &mut Index, key: &str| {
        idx.0.contains_key(key)
    });
    engine.register_fn("contains", |idx: &mut Index, key: INT| {
        idx.0.contains_key(&key.to_string())
    });
    // A missing key gives `()`, as a map does.
    engine.register_indexer_get(|idx: &mut Index, key: &str| {
        idx.0.get(key).cloned().unwrap_or(Dynamic::UNIT)
    });
    engine.register_indexer_get(|idx: &mut Index, key: INT| {
        idx.0
            .get(&key.to_string())
            .cloned()
            .unwrap_or(Dynamic::UNIT)
    });
    engine.register_fn("len", |idx: &mut Index| idx.0.len() as INT);
    engine.register_fn("is_empty", |idx: &mut Index| idx.0.is_empty());
    engine.register_fn("keys", |idx: &mut Index| -> Array {
        idx.0.keys().map(|k| Dynamic::from(k.clone())).collect()
    });
    engine.register_fn("values", |idx: &mut Index| -> Array {
        idx.0.values().cloned().collect()
    });
    engine.register_fn("to_string", |idx: &mut Index| {
        format!("Index({})", idx.0.len())
    });
    engine.register_fn("to_debug", |idx: &mut Index| {
        format!("Index({})", idx.0.len())
    });
}

/// The innermost error of a chain of function calls: the place that failed.
fn innermost(err: &EvalAltResult) -> &EvalAltResult {
    match err {
        EvalAltResult::ErrorInFunctionCall(_, _, inner, _) => innermost(inner),
        EvalAltResult::ErrorInModule(_, inner, _) => innermost(inner),
        other => other,
    }
}

/// The position nearest to the failure along a chain of calls: a limit
/// error may carry none itself, the call that led to it does.
fn deepest_position(err: &EvalAltResult) -> Position {
    match err {
        EvalAltResult::ErrorInFunctionCall(_, _, inner, pos)
        | EvalAltResult::ErrorInModule(_, inner, pos) => {
            let p = deepest_position(inner);
            if p.is_none() {
                *pos
            } else {
                p
            }
        }
        other => other.position(),
    }
}

fn text_place(file: &str, pos: Position) -> Place {
    match (pos.line(), pos.position()) {
        (Some(line), column) => Place::Text {
            file: file.to_owned(),
            line,
            column: column.unwrap_or(1),
        },
        (None, _) => Place::File {
            file: file.to_owned(),
        },
    }
}

/// Where `fn NAME(` stands in a script's text (1-based line and column).
fn function_position(text: &str, name: &str) -> Option<(usize, usize)> {
    text.lines().enumerate().find_map(|(i, line)| {
        let at = line.find("fn ")?;
        let rest = line.get(at + 3..)?.trim_start();
        let after = rest.strip_prefix(name)?;
        after
            .trim_start()
            .starts_with('(')
            .then_some((i + 1, at + 1))
    })
}

/// A Russian problem for a script that failed while running `function`
/// of a rule. Rhai drops the position of limit errors (operations, call
/// depth, sizes) on the way out of script functions; then the definition of
/// the rule's function is named instead, found in the script's `text`.
pub fn runtime_problem(
    file: &str,
    text: &str,
    rule: &str,
    function: &str,
    err: &EvalAltResult,
) -> Problem {
    let inner = innermost(err);
    let pos = deepest_position(err);
    let fallback = if pos.is_none() {
        function_position(text, function)
    } else {
        None
    };
    let what = match inner {
        EvalAltResult::ErrorTerminated(reason, _) => reason.to_string(),
        EvalAltResult::ErrorTooManyOperations(_) => {
            "сценарий превысил лимит операций (бесконечный цикл?)".to_owned()
        }
        EvalAltResult::ErrorStackOverflow(_) => {
            "слишком глубокая вложенность вызовов (бесконечная рекурсия?)".to_owned()
        }
        EvalAltResult::ErrorDataTooLarge(what, _) => {
            format!("слишком большие данные ({what}) — превышен лимит песочницы")
        }
        EvalAltResult::ErrorVariableNotFound(name, _) => format!("неизвестная переменная «{name}»"),
        EvalAltResult::ErrorFunctionNotFound(name, _) => format!("неизвестная функция «{name}»"),
        EvalAltResult::ErrorPropertyNotFound(name, _) => format!("нет поля «{name}»"),
        EvalAltResult::ErrorModuleNotFound(name, _) => {
            format!("модули запрещены в правилах («{name}»)")
        }
        EvalAltResult::ErrorAssignmentToConstant(name, _)
        | EvalAltResult::ErrorNonPureMethodCallOnConstant(name, _) => {
            format!("модель и параметры доступны только для чтения («{name}»)")
        }
        EvalAltResult::ErrorArithmetic(m, _) => format!("арифметическая ошибка: {m}"),
        EvalAltResult::ErrorRuntime(v, _) => format!("ошибка: {v}"),
        EvalAltResult::ErrorMismatchDataType(want, got, _) => {
            format!("неверный тип данных: ожидался {want}, получен {got}")
        }
        other => format!("ошибка выполнения: {other}"),
    };
    match fallback {
        Some((line, column)) => Problem::new(
            Place::Text {
                file: file.to_owned(),
                line,
                column,
            },
            format!("правило «{rule}», функция {function}(): {what}"),
        ),
        None => Problem::new(text_place(file, pos), format!("правило «{rule}»: {what}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        parse_date(s).unwrap_or_default()
    }

    #[test]
    fn whole_years_and_months() {
        assert_eq!(years_between(d("2000-06-27"), d("2025-06-26")), 24);
        assert_eq!(years_between(d("2000-06-27"), d("2025-06-27")), 25);
        assert_eq!(months_between(d("2025-09-01"), d("2026-06-30")), 9);
        assert_eq!(months_between(d("2025-09-01"), d("2025-12-01")), 3);
        assert_eq!(parse_date("01.03.2025"), parse_date("2025-03-01"));
    }

    #[test]
    fn helpers_work_in_scripts() {
        let e = engine(100_000);
        let v: INT = e
            .eval(r#"years_between("2010-05-01", date("30.04.2025"))"#)
            .unwrap_or(-1);
        assert_eq!(v, 14);
        let v: String = e.eval(r#"add_months("2025-01-31", 1)"#).unwrap_or_default();
        assert_eq!(v, "2025-02-28");
        let err = e.eval::<INT>(r#"years_between("вчера", "2025-01-01")"#);
        assert!(err.is_err());
    }

    #[test]
    fn indexes_look_up_like_maps() {
        let e = engine(100_000);
        let script = r#"
            let people = [#{ name: "Иванов", n: 1 }, #{ name: "Петров", n: 2 }, #{ name: "Иванов", n: 3 }];
            let by_name = index_by(people, "name");
            let groups = group_by(people, "name");
            let out = [];
            out.push("Иванов" in by_name);
            out.push("Сидоров" in by_name);
            out.push(by_name["Петров"].n);
            out.push(by_name["Сидоров"] == ());
            out.push(groups["Иванов"].len());
            out.push(by_name.len());
            out.push(by_name.keys());
            out
        "#;
        let v: Array = e.eval(script).unwrap_or_default();
        let text: Vec<String> = v.iter().map(|d| d.to_string()).collect();
        assert_eq!(
            text,
            [
                "true",
                "false",
                "2",
                "true",
                "2",
                "2",
                "[\"Иванов\", \"Петров\"]"
            ]
        );
    }

    #[test]
    fn finds_function_definitions() {
        let text = "fn rules() { [] }\n\n  fn  bad () {\n}\nfn badder() {}";
        assert_eq!(function_position(text, "bad"), Some((3, 3)));
        assert_eq!(function_position(text, "badder"), Some((5, 1)));
        assert_eq!(function_position(text, "none"), None);
    }

    #[test]
    fn eval_and_modules_are_refused() {
        let e = engine(100_000);
        assert!(e.compile(r#"eval("1")"#).is_err());
        assert!(
            e.compile(r#"import "x" as y;"#).is_err()
                || e.eval::<()>(r#"import "x" as y;"#).is_err()
        );
    }
}
