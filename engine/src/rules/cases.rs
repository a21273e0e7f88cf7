//! Rule test cases written by methodologists: a small patch to the example
//! programme and the findings it must and must not produce.
//!
//! A case is a JSON file:
//! ```json
//! {
//!   "title": "Наставник без согласия на обработку ПДн",
//!   "region": null,
//!   "patch": [{"op": "replace", "path": "/mentors/0/consent_pd", "value": false}],
//!   "expect": [{"rule": "stage3.mentor-consent", "row": 3}],
//!   "expect_not": ["stage3.mentors-base"]
//! }
//! ```
//! `patch` is applied to the JSON of [`crate::example::model`] (the school
//! `init` writes): `add` (object key, array index or `-` to append),
//! `replace`, `remove`, with JSON pointers. An `expect` entry may also name
//! `sheet`, `file` or `pointer`; each must match at least one finding.
//! `expect_not` lists rule ids that must produce no finding; `verdicts`
//! maps rule ids to the verdict they must reach (`"not_applicable"`, …).
//! `rules`
//! names the rules folder the case belongs to, relative to the case file
//! (over `--rules`).
//!
//! Every case file runs: one that cannot (unreadable, not JSON, a patch
//! that does not apply) is a failed, broken case with its reason
//! (`rules test` then exits 2, as for invalid input). Broken rules (a
//! script, `params.json`, an unknown region) stop the run: every case
//! would fail alike. Rules with
//! no case that fires them or none that keeps them silent are listed for
//! the rules under test only: those of the cases' rules folder, or every
//! rule when the cases test the built-in ones.

use super::report::{Finding, Source};
use super::RuleSet;
use crate::diag::{Error, Place, Problem, Result};
use crate::layers::RULES;
use crate::model::Model;
use serde::Deserialize;
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::Path;

/// One case file as written.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Case {
    pub title: String,
    #[serde(default)]
    pub region: Option<String>,
    /// The rules folder the case belongs to, relative to the case file
    /// (over `--rules`): a methodologist's cases travel with their rules.
    #[serde(default)]
    pub rules: Option<String>,
    #[serde(default)]
    pub patch: Vec<PatchOp>,
    #[serde(default)]
    pub expect: Vec<Expect>,
    #[serde(default)]
    pub expect_not: Vec<String>,
    /// Rule id → the verdict it must reach («passed», «not_judged»,
    /// «not_applicable», «not_due», «failed», «not_in_force»): what a
    /// rule says when it finds nothing is tested too.
    #[serde(default)]
    pub verdicts: BTreeMap<String, super::report::Verdict>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PatchOp {
    pub op: String,
    pub path: String,
    /// `None` when absent; `"value": null` is `Some(Value::Null)`.
    #[serde(default, deserialize_with = "present")]
    pub value: Option<Value>,
}

fn present<'de, D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Option<Value>, D::Error> {
    Value::deserialize(d).map(Some)
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Expect {
    pub rule: String,
    #[serde(default)]
    pub row: Option<u32>,
    #[serde(default)]
    pub sheet: Option<String>,
    #[serde(default)]
    pub file: Option<String>,
    #[serde(default)]
    pub pointer: Option<String>,
}

impl Expect {
    fn matches(&self, f: &Finding) -> bool {
        if f.rule != self.rule {
            return false;
        }
        match &f.source {
            Some(Source::Row {
                file, sheet, row, ..
            }) => {
                self.pointer.is_none()
                    && self.row.is_none_or(|r| r == *row)
                    && self.sheet.as_ref().is_none_or(|s| s == sheet)
                    && self.file.as_ref().is_none_or(|x| x == file)
            }
            Some(Source::Pointer { pointer }) => {
                self.row.is_none()
                    && self.sheet.is_none()
                    && self.pointer.as_ref().is_none_or(|p| p == pointer)
            }
            None => self.row.is_none() && self.sheet.is_none() && self.pointer.is_none(),
        }
    }

    fn describe(&self) -> String {
        let mut s = self.rule.clone();
        if let Some(sheet) = &self.sheet {
            s.push_str(&format!(", лист «{sheet}»"));
        }
        if let Some(row) = self.row {
            s.push_str(&format!(", строка {row}"));
        }
        if let Some(p) = &self.pointer {
            s.push_str(&format!(", {p}"));
        }
        s
    }
}

/// The outcome of one case.
#[derive(Debug, Clone, serde::Serialize)]
pub struct CaseResult {
    pub file: String,
    pub title: String,
    pub passed: bool,
    /// Why it failed, in Russian.
    pub failures: Vec<String>,
    /// The case could not run at all (unreadable, not JSON, a patch that
    /// does not apply): invalid input, exit code 2.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub broken: bool,
}

/// The outcome of a folder of cases.
#[derive(Debug, Clone, serde::Serialize)]
pub struct CasesReport {
    pub cases: Vec<CaseResult>,
    /// Rules no case expects to fire.
    pub never_triggered: Vec<String>,
    /// Rules no case expects to stay silent.
    pub never_cleared: Vec<String>,
}

impl CasesReport {
    pub fn all_passed(&self) -> bool {
        self.cases.iter().all(|c| c.passed)
    }

    /// Why each case that could not run did not: invalid input.
    pub fn broken(&self) -> Vec<&str> {
        self.cases
            .iter()
            .filter(|c| c.broken)
            .flat_map(|c| c.failures.iter().map(String::as_str))
            .collect()
    }

    pub fn to_text(&self) -> String {
        let mut out = String::new();
        for c in &self.cases {
            let mark = if c.passed { "✓" } else { "✗" };
            if c.title.is_empty() {
                out.push_str(&format!("{mark} {}\n", c.file));
            } else {
                out.push_str(&format!("{mark} {} — {}\n", c.file, c.title));
            }
            for f in &c.failures {
                out.push_str(&format!("    {f}\n"));
            }
        }
        let passed = self.cases.iter().filter(|c| c.passed).count();
        out.push_str(&format!(
            "\nПройдено {passed} из {} случаев.\n",
            self.cases.len()
        ));
        if !self.never_triggered.is_empty() {
            out.push_str(&format!(
                "Правила без случая, в котором они срабатывают: {}\n",
                self.never_triggered.join(", ")
            ));
        }
        if !self.never_cleared.is_empty() {
            out.push_str(&format!(
                "Правила без случая, в котором они не срабатывают: {}\n",
                self.never_cleared.join(", ")
            ));
        }
        out
    }
}

/// Runs the cases of a folder (`*.json`, sorted by name).
pub fn run(dir: &Path, user_rules: Option<&Path>) -> Result<CasesReport> {
    let entries = std::fs::read_dir(dir).map_err(|e| {
        Error::input(Problem::new(
            Place::File {
                file: dir.display().to_string(),
            },
            format!(
                "не удалось прочитать папку случаев: {}",
                crate::diag::os_text(&e)
            ),
        ))
    })?;
    let mut paths = Vec::new();
    for (n, entry) in entries.enumerate() {
        // As a profile's folder: a real one holds tens of cases.
        if n >= crate::layers::MAX_PROFILE_ENTRIES {
            return Err(Error::input(Problem::new(
                Place::File {
                    file: dir.display().to_string(),
                },
                format!(
                    "в папке случаев больше {} файлов и папок: такая папка не читается; разделите случаи по папкам",
                    crate::layers::MAX_PROFILE_ENTRIES
                ),
            )));
        }
        let Ok(entry) = entry else { continue };
        let path = entry.path();
        if path.extension().is_some_and(|x| x == "json") {
            paths.push(path);
        }
    }
    paths.sort();
    let mut files = Vec::new();
    let mut unread = Vec::new();
    for p in paths {
        match crate::fsread::read_text(&p, crate::fsread::Kind::RuleCase) {
            Ok(text) => files.push((p.display().to_string(), text)),
            Err(e) => unread.push(CaseResult {
                file: p.display().to_string(),
                title: String::new(),
                passed: false,
                failures: vec![format!(
                    "случай не прочитан: {}",
                    e.problem(&p.display().to_string())
                )],
                broken: true,
            }),
        }
    }
    let mut report = run_texts(files, user_rules)?;
    report.cases.extend(unread);
    report.cases.sort_by(|a, b| a.file.cmp(&b.file));
    Ok(report)
}

/// Runs the built-in cases (`rules/tests/` in the repository).
pub fn run_builtin(user_rules: Option<&Path>) -> Result<CasesReport> {
    let mut files: Vec<(String, String)> = RULES
        .dir
        .get_dir("tests")
        .map(|d| {
            d.files()
                .filter(|f| f.path().extension().is_some_and(|x| x == "json"))
                .map(|f| {
                    (
                        format!("rules/{}", f.path().display()),
                        f.contents_utf8().unwrap_or_default().to_owned(),
                    )
                })
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    run_texts(files, user_rules)
}

/// The rules a case runs against: its region and rules folder.
type SetKey = (Option<String>, Option<std::path::PathBuf>);

/// Runs every case; a case that cannot run (not JSON, a patch that does
/// not apply, an unknown region or a broken rules folder) is a failed
/// case with its reason, and the others still run.
fn run_texts(files: Vec<(String, String)>, user_rules: Option<&Path>) -> Result<CasesReport> {
    let base = serde_json::to_value(crate::example::model()).map_err(|e| {
        Error::internal(format!(
            "не удалось представить пример программы в JSON: {e}"
        ))
    })?;
    let mut sets: BTreeMap<SetKey, RuleSet> = BTreeMap::new();
    let mut triggered = std::collections::BTreeSet::new();
    let mut cleared = std::collections::BTreeSet::new();
    let mut cases = Vec::new();
    for (file, text) in files {
        let mut title = String::new();
        let outcome = run_case(
            &file,
            &text,
            &base,
            user_rules,
            &mut sets,
            &mut title,
            &mut triggered,
            &mut cleared,
        );
        let (failures, broken) = match outcome {
            Ok(failures) => (failures, false),
            // The rules themselves are broken (a script, params.json, a
            // hostile loop): every case would fail alike, so stop here.
            Err(Failure::Rules(e)) => return Err(e),
            Err(Failure::Case(Error::Input(problems))) => (
                problems
                    .iter()
                    .map(|p| format!("случай не выполнен: {p}"))
                    .collect(),
                true,
            ),
            Err(Failure::Case(e)) => return Err(e),
        };
        cases.push(CaseResult {
            file,
            title,
            passed: failures.is_empty(),
            failures,
            broken,
        });
    }
    // Missing cases are reported for the rules under test only: those of
    // the rules folder the cases belong to (`--rules`, a case's `rules`),
    // or every rule when the cases test the built-in ones.
    let mut all_ids: Vec<String> = Vec::new();
    if sets.is_empty() {
        sets.insert(
            (None, user_rules.map(Path::to_path_buf)),
            RuleSet::load(None, user_rules)?,
        );
    }
    for ((_, folder), set) in &sets {
        let shown = folder.as_ref().map(|f| f.display().to_string());
        for r in set.rules() {
            let under_test = shown
                .as_ref()
                .is_none_or(|f| r.file.starts_with(f.as_str()));
            if under_test && !all_ids.contains(&r.id) {
                all_ids.push(r.id.clone());
            }
        }
    }
    Ok(CasesReport {
        cases,
        never_triggered: all_ids
            .iter()
            .filter(|id| !triggered.contains(*id))
            .cloned()
            .collect(),
        never_cleared: all_ids
            .iter()
            .filter(|id| !cleared.contains(*id))
            .cloned()
            .collect(),
    })
}

/// Why a case did not run: the case itself, or the rules it runs against.
enum Failure {
    Case(Error),
    Rules(Error),
}

/// One case: its failures, or why it cannot run.
#[allow(clippy::too_many_arguments)]
fn run_case(
    file: &str,
    text: &str,
    base: &Value,
    user_rules: Option<&Path>,
    sets: &mut BTreeMap<SetKey, RuleSet>,
    title: &mut String,
    triggered: &mut std::collections::BTreeSet<String>,
    cleared: &mut std::collections::BTreeSet<String>,
) -> std::result::Result<Vec<String>, Failure> {
    let case: Case = serde_json::from_str(text).map_err(|e| {
        Failure::Case(Error::input(Problem::new(
            Place::Text {
                file: file.to_owned(),
                line: e.line(),
                column: e.column(),
            },
            format!(
                "случай не соответствует формату: {}",
                crate::schema::serde_message(&e)
            ),
        )))
    })?;
    title.clone_from(&case.title);
    let folder = match &case.rules {
        Some(rules) => Some(
            Path::new(file)
                .parent()
                .unwrap_or(Path::new(""))
                .join(rules),
        ),
        None => user_rules.map(Path::to_path_buf),
    };
    let key = (case.region.clone(), folder.clone());
    if !sets.contains_key(&key) {
        let set =
            RuleSet::load(case.region.as_deref(), folder.as_deref()).map_err(Failure::Rules)?;
        sets.insert(key.clone(), set);
    }
    let Some(set) = sets.get(&key) else {
        return Err(Failure::Rules(Error::internal(
            "набор правил случая не сохранён",
        )));
    };
    let mut json = base.clone();
    if let Some(obj) = json.as_object_mut() {
        obj.insert(
            "region".into(),
            case.region
                .clone()
                .map(Value::String)
                .unwrap_or(Value::Null),
        );
    }
    for (i, op) in case.patch.iter().enumerate() {
        apply(&mut json, op).map_err(|m| {
            Failure::Case(Error::input(Problem::new(
                Place::Pointer {
                    file: file.to_owned(),
                    pointer: format!("/patch/{i}"),
                },
                m,
            )))
        })?;
    }
    let model: Model = serde_json::from_value(json).map_err(|e| {
        Failure::Case(Error::input(Problem::new(
            Place::Pointer {
                file: file.to_owned(),
                pointer: "/patch".into(),
            },
            format!("после изменений модель программы стала неверной: {e}"),
        )))
    })?;
    // As `check` and `generate` judge it: orders dated after the
    // package's date are not yet issued.
    let report = set
        .check(&crate::calendar::issued_by(&model))
        .map_err(Failure::Rules)?;
    let mut failures = Vec::new();
    for e in &case.expect {
        triggered.insert(e.rule.clone());
        if !report.findings.iter().any(|f| e.matches(f)) {
            let got: Vec<String> = report
                .findings
                .iter()
                .filter(|f| f.rule == e.rule)
                .map(|f| match &f.source {
                    Some(s) => s.to_string(),
                    None => "без места".into(),
                })
                .collect();
            failures.push(if got.is_empty() {
                format!("ожидалась находка {}, правило не сработало", e.describe())
            } else {
                format!(
                    "ожидалась находка {}, а правило сработало в: {}",
                    e.describe(),
                    got.join("; ")
                )
            });
        }
    }
    for id in &case.expect_not {
        cleared.insert(id.clone());
        if let Some(f) = report.findings.iter().find(|f| &f.rule == id) {
            failures.push(format!(
                "правило {id} не должно было сработать, но сработало: {}",
                f.message
            ));
        }
    }
    for (id, want) in &case.verdicts {
        if let Some(got) = report.rules.iter().find(|r| &r.meta.id == id) {
            if got.verdict != *want {
                failures.push(format!(
                    "правило {id}: ожидался вердикт «{}», получен «{}»{}",
                    want.russian(),
                    got.verdict.russian(),
                    got.not_judged
                        .as_deref()
                        .map(|r| format!(" ({r})"))
                        .unwrap_or_default()
                ));
            }
        }
    }
    for id in case
        .expect
        .iter()
        .map(|e| &e.rule)
        .chain(&case.expect_not)
        .chain(case.verdicts.keys())
    {
        if !set.rules().iter().any(|r| &r.id == id) {
            failures.push(format!(
                "правила {id} нет среди действующих{}",
                super::suggest::hint(id, set.rules().iter().map(|r| r.id.as_str()))
            ));
        }
    }
    Ok(failures)
}

/// Splits a JSON pointer into unescaped tokens.
fn tokens(path: &str) -> std::result::Result<Vec<String>, String> {
    if path.is_empty() {
        return Ok(Vec::new());
    }
    let Some(rest) = path.strip_prefix('/') else {
        return Err(format!("путь «{path}» должен начинаться с «/»"));
    };
    Ok(rest
        .split('/')
        .map(|t| t.replace("~1", "/").replace("~0", "~"))
        .collect())
}

/// Applies one patch operation (RFC 6902 `add`, `replace`, `remove`, `test`).
///
/// `test` lets a case pin the element it edits by index: if the example
/// changes and the index now points elsewhere, the case fails loudly
/// instead of silently testing something else.
pub fn apply(doc: &mut Value, op: &PatchOp) -> std::result::Result<(), String> {
    if op.op == "test" {
        let expected = op
            .value
            .as_ref()
            .ok_or("операция «test» требует поле value")?;
        let actual = doc.pointer(&op.path);
        if actual != Some(expected) {
            return Err(format!(
                "проверка не прошла: по пути «{}» ожидалось {expected}, найдено {}",
                op.path,
                actual.map_or("ничего".to_string(), |v| v.to_string())
            ));
        }
        return Ok(());
    }
    let mut toks = tokens(&op.path)?;
    let Some(last) = toks.pop() else {
        return Err("нельзя изменить весь документ целиком".into());
    };
    let mut parent = &mut *doc;
    for t in &toks {
        parent = match parent {
            Value::Object(m) => m.get_mut(t),
            Value::Array(a) => t.parse::<usize>().ok().and_then(|i| a.get_mut(i)),
            _ => None,
        }
        .ok_or_else(|| format!("путь «{}»: нет элемента «{t}»", op.path))?;
    }
    let value = || {
        op.value
            .clone()
            .ok_or_else(|| format!("операция «{}» требует поле value", op.op))
    };
    let missing = || format!("путь «{}»: нет элемента «{last}»", op.path);
    match (op.op.as_str(), parent) {
        ("add", Value::Object(m)) | ("replace", Value::Object(m)) => {
            if op.op == "replace" && !m.contains_key(&last) {
                return Err(missing());
            }
            m.insert(last, value()?);
        }
        ("add", Value::Array(a)) => {
            let v = value()?;
            if last == "-" {
                a.push(v);
            } else {
                let i = last
                    .parse::<usize>()
                    .ok()
                    .filter(|i| *i <= a.len())
                    .ok_or_else(missing)?;
                a.insert(i, v);
            }
        }
        ("replace", Value::Array(a)) => {
            let slot = last
                .parse::<usize>()
                .ok()
                .and_then(|i| a.get_mut(i))
                .ok_or_else(missing)?;
            *slot = value()?;
        }
        ("remove", Value::Object(m)) => {
            m.remove(&last).ok_or_else(missing)?;
        }
        ("remove", Value::Array(a)) => {
            let i = last
                .parse::<usize>()
                .ok()
                .filter(|i| *i < a.len())
                .ok_or_else(missing)?;
            a.remove(i);
        }
        ("add" | "replace" | "remove", _) => {
            return Err(format!(
                "путь «{}»: родитель не объект и не массив",
                op.path
            ))
        }
        (other, _) => {
            return Err(format!(
                "неизвестная операция «{other}»: допустимо add, replace, remove, test"
            ))
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn op(op: &str, path: &str, value: Option<Value>) -> PatchOp {
        PatchOp {
            op: op.into(),
            path: path.into(),
            value,
        }
    }

    #[test]
    fn patches_follow_rfc6902() {
        let mut d = json!({"a": [1, 2], "b": {"c/d": 1}});
        apply(&mut d, &op("add", "/a/-", Some(json!(3)))).ok();
        apply(&mut d, &op("add", "/a/0", Some(json!(0)))).ok();
        apply(&mut d, &op("replace", "/b/c~1d", Some(json!(5)))).ok();
        apply(&mut d, &op("remove", "/a/1", None)).ok();
        assert_eq!(d, json!({"a": [0, 2, 3], "b": {"c/d": 5}}));
        assert!(apply(&mut d, &op("replace", "/b/x", Some(json!(1)))).is_err());
        assert!(apply(&mut d, &op("remove", "/a/9", None)).is_err());
        assert!(apply(&mut d, &op("move", "/a", None)).is_err());
        assert!(apply(&mut d, &op("test", "/b/c~1d", Some(json!(5)))).is_ok());
        assert!(apply(&mut d, &op("test", "/b/c~1d", Some(json!(6)))).is_err());
        assert!(apply(&mut d, &op("test", "/nowhere", Some(json!(6)))).is_err());
        assert!(apply(&mut d, &op("add", "/z/y", Some(json!(1)))).is_err());
    }
}
