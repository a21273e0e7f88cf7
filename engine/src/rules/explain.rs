//! `check --explain RULE`: why one rule gave its verdict, for an auditor.
//!
//! The rule runs alone, on the model's records traced
//! ([`record::model_traced`]): every field its code read of every record
//! (a mentor, a pair, a survey answer…) is recorded as it is read. The
//! explanation lists
//! - the rule (id, title, level, basis) and its verdict;
//! - the parameters its function names (`params.NAME` in its text), each
//!   with the value in force and the act that set it;
//! - the figures its function names (`figures.NAME`), with their values;
//! - the parts of the model its function names (`model.NAME`): the
//!   sections of programme.json are plain maps, so these are read from the
//!   text, not traced;
//! - every record read, at its place (sheet and row, or JSON pointer),
//!   with the fields read and its verdict: the findings at its row, or
//!   «без замечаний»;
//! - the findings tied to no record read (programme.json, the programme
//!   as a whole).
//!
//! Reads of a record as a whole (`r.keys()`, `r.to_map()`) are not traced
//! field by field; a record read only so does not appear.

use super::loader::{self, Script};
use super::meta::RuleMeta;
use super::params::InForce;
use super::record::{self, Read, ReadPlace};
use super::report::{Finding, RuleVerdict, Source, Verdict};
use super::sandbox;
use crate::diag::{Error, Problem, Result};
use crate::figures::Figures;
use crate::model::Model;
use std::collections::BTreeSet;

/// One rule explained.
#[derive(Debug, Clone)]
pub struct Explained {
    pub verdict: RuleVerdict,
    /// Parameters named by the rule's function: name, value in force, basis.
    pub params: Vec<(String, serde_json::Value, String)>,
    /// Parts of the model named by the rule's function (`mentors`, `orders`).
    pub sections: Vec<String>,
    /// Figures named by the rule's function (`figures.NAME`) and their values.
    pub figures: Vec<(String, String)>,
    /// Every record read, with its findings.
    pub records: Vec<(Read, Vec<Finding>)>,
    /// Findings at no record read.
    pub elsewhere: Vec<Finding>,
}

/// Runs `meta` alone over `model` with its reads traced.
pub fn run(
    scripts: &[Script],
    meta: &RuleMeta,
    params: &InForce,
    model: &Model,
    figures: &Figures,
) -> Result<Explained> {
    let records = super::eval::records(model);
    let mut engine = sandbox::engine(sandbox::max_operations(records));
    let clock = sandbox::Clock::start(sandbox::Budget::for_records(records));
    let failed = |what: &str, e: Box<rhai::EvalAltResult>| {
        Error::input(Problem::nowhere(format!(
            "не удалось передать {what} правилам: {e}"
        )))
    };
    let (model_dyn, fields, trace) =
        record::model_traced(model).map_err(|e| failed("модель", e))?;
    record::register_fields(&mut engine, &fields);
    let (params_dyn, bases_dyn) = loader::params_dynamic(params)?;
    let figures_dyn = rhai::serde::to_dynamic(figures).map_err(|e| failed("показатели", e))?;
    let mut scope = loader::scope(model_dyn, params_dyn, bases_dyn, figures_dyn);
    let verdict = super::eval::verdict(&engine, &mut scope, scripts, meta, model, &clock)?
        .ok_or_else(|| {
            Error::internal(format!(
                "правило «{}»: файл {} не загружен",
                meta.id, meta.file
            ))
        })?;
    let text = scripts
        .iter()
        .find(|s| s.file == meta.file)
        .map(|s| function_text(&s.text, &meta.check))
        .unwrap_or_default();
    let named_params = names_after(&text, &format!("{}.", loader::PARAMS));
    let params = params
        .params
        .iter()
        .filter(|p| named_params.contains(&p.name))
        .map(|p| (p.name.clone(), p.value.clone(), p.basis_text()))
        .collect();
    let sections = names_after(&text, &format!("{}.", loader::MODEL))
        .into_iter()
        .collect();
    let all_figures = serde_json::to_value(figures)
        .map_err(|e| Error::internal(format!("показатели не сериализуются: {e}")))?;
    let figures = names_after(&text, &format!("{}.", loader::FIGURES))
        .into_iter()
        .map(|name| {
            let value = all_figures
                .get(&name)
                .map(|v| v.to_string())
                .unwrap_or_else(|| "нет такого показателя".to_owned());
            (name, value)
        })
        .collect();
    let mut left: Vec<Finding> = verdict.findings.clone();
    let mut out = Vec::new();
    for read in trace.reads() {
        let (mine, rest): (Vec<Finding>, Vec<Finding>) =
            left.into_iter().partition(|f| at(f, &read.place));
        left = rest;
        out.push((read, mine));
    }
    Ok(Explained {
        verdict,
        params,
        sections,
        figures,
        records: out,
        elsewhere: left,
    })
}

/// Whether `finding` is at the record at `place`.
fn at(finding: &Finding, place: &ReadPlace) -> bool {
    match (&finding.source, place) {
        (
            Some(Source::Row {
                file, sheet, row, ..
            }),
            ReadPlace::Row(s),
        ) => *file == s.file && *sheet == s.sheet && *row == s.row,
        (
            Some(Source::Row {
                file, sheet, row, ..
            }),
            ReadPlace::Rows(rows),
        ) => rows
            .iter()
            .any(|s| *file == s.file && *sheet == s.sheet && *row == s.row),
        (Some(Source::Pointer { pointer }), ReadPlace::Pointer(p)) => {
            pointer == p || pointer.starts_with(&format!("{p}/"))
        }
        _ => false,
    }
}

/// The text of `fn NAME(…) { … }` in a script: from its `fn` to the brace
/// that closes its body (braces inside strings and comments are rare in
/// rules; a miscount only widens the text scanned for names).
pub fn function_text(script: &str, name: &str) -> String {
    let head = format!("fn {name}(");
    let Some(start) = script.find(&head) else {
        return String::new();
    };
    let body = &script[start..];
    let mut depth = 0usize;
    let mut opened = false;
    for (i, c) in body.char_indices() {
        match c {
            '{' => {
                depth += 1;
                opened = true;
            }
            '}' => {
                depth = depth.saturating_sub(1);
                if opened && depth == 0 {
                    return body[..=i].to_owned();
                }
            }
            _ => {}
        }
    }
    body.to_owned()
}

/// The identifiers right after `prefix` in `text` (`params.` → names).
fn names_after(text: &str, prefix: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let mut rest = text;
    while let Some(i) = rest.find(prefix) {
        let before = rest[..i].chars().next_back();
        rest = &rest[i + prefix.len()..];
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
            continue;
        }
        let name: String = rest
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
            .collect();
        if !name.is_empty() {
            out.insert(name);
        }
    }
    out
}

/// Russian names of the model's lists, as the tables call them.
fn list_title(list: &str) -> &'static str {
    match list {
        "mentors" => "наставник",
        "mentees" => "наставляемый",
        "pairs" => "пара",
        "groups" => "пара или группа",
        "roadmap" => "мероприятие дорожной карты",
        "survey.responses" => "ответ анкеты",
        "team" => "член команды",
        "mentor_training" => "обучение наставников",
        "rewards" => "поощрение",
        _ => "запись",
    }
}

fn place_text(place: &ReadPlace) -> String {
    match place {
        ReadPlace::Row(s) => format!("{} › {} › строка {}", s.file, s.sheet, s.row),
        ReadPlace::Rows(rows) => match (rows.first(), rows.len()) {
            (None, _) => "без строки".to_owned(),
            (Some(s), 1) => format!("{} › {} › строка {}", s.file, s.sheet, s.row),
            (Some(s), _) => format!(
                "{} › {} › строки {}",
                s.file,
                s.sheet,
                rows.iter()
                    .map(|r| r.row.to_string())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        },
        ReadPlace::Pointer(p) => format!("programme.json › {p}"),
    }
}

impl Explained {
    /// Whether the rule found an error (exit code 1, as `check`).
    pub fn has_errors(&self) -> bool {
        self.verdict
            .findings
            .iter()
            .any(|f| f.severity == super::Severity::Error)
    }

    /// The explanation in Russian, for a terminal or a file.
    pub fn to_text(&self) -> String {
        let m = &self.verdict.meta;
        let mut out = String::new();
        out.push_str(&format!(
            "Правило {} (этап {}): {}\n",
            m.id, m.stage, m.title
        ));
        out.push_str(&format!("Уровень: {}\n", m.severity.russian()));
        out.push_str(&format!("Основание: {}\n", m.basis));
        out.push_str(&format!("Файл: {}, функция {}()\n", m.file, m.check));
        let verdict = match self.verdict.verdict {
            Verdict::Passed => Verdict::Passed.russian().to_owned(),
            Verdict::Failed => format!(
                "{}, замечаний: {}",
                Verdict::Failed.russian(),
                self.verdict.findings.len()
            ),
            Verdict::NotJudged => format!(
                "не может быть оценено: {}",
                self.verdict.not_judged.as_deref().unwrap_or("")
            ),
            Verdict::NotInForce => "не действует в период программы".to_owned(),
            v @ (Verdict::NotDue | Verdict::NotApplicable) => format!(
                "{}: {}",
                v.russian(),
                self.verdict.not_judged.as_deref().unwrap_or("")
            ),
        };
        out.push_str(&format!("Вердикт: {verdict}\n"));
        if !self.params.is_empty() {
            out.push_str(
                "\nПараметры, которые читает правило (значение в силе и его основание):\n",
            );
            for (name, value, basis) in &self.params {
                out.push_str(&format!("  {name} = {value} — {basis}\n"));
            }
        }
        if !self.sections.is_empty() {
            out.push_str(&format!(
                "\nЧасти программы, которые называет правило: {}\n",
                self.sections.join(", ")
            ));
        }
        if !self.figures.is_empty() {
            out.push_str("\nПоказатели программы, которые читает правило (figures):\n");
            for (name, value) in &self.figures {
                out.push_str(&format!("  {name} = {value}\n"));
            }
        }
        out.push_str(&format!(
            "\nПрочитанные записи: {}; с замечаниями: {}\n",
            self.records.len(),
            self.records.iter().filter(|(_, f)| !f.is_empty()).count()
        ));
        for (read, findings) in &self.records {
            let fields: Vec<String> = read
                .fields
                .iter()
                .map(|(k, v)| format!("{k} = {v}"))
                .collect();
            out.push_str(&format!(
                "  {}, {} (model.{}[{}]): {}\n",
                place_text(&read.place),
                list_title(read.list),
                read.list,
                read.index,
                fields.join("; ")
            ));
            if findings.is_empty() {
                out.push_str("    без замечаний\n");
            }
            for f in findings {
                out.push_str(&format!(
                    "    {}: {}{}\n",
                    f.severity.russian(),
                    f.message,
                    match &f.source {
                        Some(s @ Source::Row { cell: Some(_), .. }) => format!(" [{s}]"),
                        _ => String::new(),
                    }
                ));
            }
        }
        if !self.elsewhere.is_empty() {
            out.push_str("\nЗамечания вне прочитанных записей:\n");
            for f in &self.elsewhere {
                let place = f
                    .source
                    .as_ref()
                    .map(|s| format!("{s}: "))
                    .unwrap_or_default();
                out.push_str(&format!(
                    "  {place}{}: {}\n",
                    f.severity.russian(),
                    f.message
                ));
            }
        }
        out
    }
}
