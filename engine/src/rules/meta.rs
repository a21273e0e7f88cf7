//! Rule metadata: what a rule is, as declared by its script's `rules()`
//! function, read without running any check.

use crate::diag::{Error, Place, Problem, Result};
use chrono::NaiveDate;
use rhai::{Dynamic, Map};
use serde::Serialize;

/// How serious a finding is. Only errors make a stage incomplete.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    Error,
    Warning,
    Info,
}

impl Severity {
    pub fn parse(text: &str) -> Option<Severity> {
        match text {
            "error" => Some(Severity::Error),
            "warning" => Some(Severity::Warning),
            "info" => Some(Severity::Info),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }

    /// The Russian word printed in the text report.
    pub fn russian(self) -> &'static str {
        match self {
            Severity::Error => "ошибка",
            Severity::Warning => "предупреждение",
            Severity::Info => "замечание",
        }
    }
}

/// One rule as its script declares it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RuleMeta {
    /// Stable id, `stage5.young-specialist-experience`.
    pub id: String,
    /// Stage 1–7 of Р-145.
    pub stage: u8,
    pub severity: Severity,
    /// Russian title.
    pub title: String,
    /// The act and item the rule enforces.
    pub basis: String,
    /// How a document says why someone held back by this rule is not in
    /// it, naming the act's article rather than the check
    /// («не получено согласие … (статья 9 Федерального закона … № 152-ФЗ)»),
    /// after «так как». Without it documents cite the rule's title.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ground: Option<String>,
    pub effective_from: Option<NaiveDate>,
    pub effective_until: Option<NaiveDate>,
    /// A finding of this rule at a participant's row holds that participant
    /// back from every document stating participation ([`crate::cast`]):
    /// the rules of consents declare it (`hold_back: true`).
    pub hold_back: bool,
    /// The rule reads the figures over what is in force (`figures` after
    /// the hold-back rules decided who the orders fix): it runs in a second
    /// pass, so its message states the figures the documents print
    /// (`after_hold_back: true`; coverage against the target).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub after_hold_back: bool,
    /// Name of the script function that returns the findings.
    #[serde(skip)]
    pub check: String,
    /// The script file the rule comes from (`rules/stage5.rhai` or the user's path).
    pub file: String,
}

impl RuleMeta {
    /// Whether the rule applies to a programme running from `start` to `end`:
    /// the two periods overlap.
    pub fn in_force(&self, start: NaiveDate, end: NaiveDate) -> bool {
        self.effective_from.is_none_or(|from| end >= from)
            && self.effective_until.is_none_or(|until| start <= until)
    }
}

/// Reads the array returned by a script's `rules()` function.
pub fn parse_list(value: Dynamic, file: &str) -> Result<Vec<RuleMeta>> {
    let bad = |message: String| {
        Error::input(Problem::new(
            Place::File {
                file: file.to_owned(),
            },
            message,
        ))
    };
    let Some(items) = value.try_cast::<rhai::Array>() else {
        return Err(bad(
            "функция rules() должна вернуть массив описаний правил [#{ id, stage, … }]".into(),
        ));
    };
    let mut out = Vec::new();
    let mut problems = Vec::new();
    for (i, item) in items.into_iter().enumerate() {
        let n = i + 1;
        match item.try_cast::<Map>() {
            Some(map) => match parse_one(&map, file) {
                Ok(meta) => out.push(meta),
                Err(message) => problems.push(Problem::new(
                    Place::File {
                        file: file.to_owned(),
                    },
                    format!("правило № {n} в rules(): {message}"),
                )),
            },
            None => problems.push(Problem::new(
                Place::File {
                    file: file.to_owned(),
                },
                format!("правило № {n} в rules(): ожидалась карта #{{ id, stage, … }}"),
            )),
        }
    }
    if problems.is_empty() {
        Ok(out)
    } else {
        Err(Error::Input(problems))
    }
}

fn text(map: &Map, key: &str) -> Option<String> {
    map.get(key)
        .and_then(|v| v.clone().into_immutable_string().ok())
        .map(|s| s.trim().to_owned())
        .filter(|s| !s.is_empty())
}

fn required(map: &Map, key: &str) -> std::result::Result<String, String> {
    let t = text(map, key).ok_or_else(|| format!("нет поля «{key}» (непустая строка)"))?;
    // The title and basis are printed in the compliance report: a control
    // character would break its XML.
    match crate::text::forbidden_char(&t) {
        Some(c) => Err(format!(
            "поле «{key}»: {}",
            crate::text::forbidden_message(c)
        )),
        None => Ok(t),
    }
}

fn date(map: &Map, key: &str) -> std::result::Result<Option<NaiveDate>, String> {
    match map.get(key) {
        None => Ok(None),
        Some(v) if v.is_unit() => Ok(None),
        Some(_) => {
            let t = text(map, key).unwrap_or_default();
            NaiveDate::parse_from_str(&t, "%Y-%m-%d")
                .map(Some)
                .map_err(|_| format!("поле «{key}»: ожидалась дата ГГГГ-ММ-ДД, а не «{t}»"))
        }
    }
}

fn flag(map: &Map, key: &str) -> std::result::Result<bool, String> {
    match map.get(key) {
        None => Ok(false),
        Some(v) => v
            .as_bool()
            .map_err(|t| format!("поле «{key}»: ожидалось true или false, а не значение типа {t}")),
    }
}

/// The fields a rule's description may have.
const FIELDS: [&str; 11] = [
    "id",
    "stage",
    "severity",
    "title",
    "basis",
    "ground",
    "effective_from",
    "effective_until",
    "hold_back",
    "after_hold_back",
    "check",
];

/// An id the reports, `disabled` and severity overrides can name: lower-case
/// Latin letters, digits, `.`, `_` and `-`, starting with a letter
/// (`stage5.pair-before-order`).
fn is_rule_id(id: &str) -> bool {
    let b = id.as_bytes();
    (1..=64).contains(&b.len())
        && b[0].is_ascii_lowercase()
        && b.iter().all(|c| {
            c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, b'.' | b'_' | b'-')
        })
}

fn parse_one(map: &Map, file: &str) -> std::result::Result<RuleMeta, String> {
    let id = required(map, "id")?;
    let at = |m: String| format!("«{id}»: {m}");
    if !is_rule_id(&id) {
        return Err(at(
            "id правила: строчные латинские буквы, цифры, точка, дефис и подчёркивание, с буквы (например stage5.pair-before-order)"
                .into(),
        ));
    }
    // A misspelt optional field would otherwise be ignored: a rule meant
    // to start in 2026 would apply always.
    for key in map.keys() {
        if !FIELDS.contains(&key.as_str()) {
            let close = super::suggest::closest(key, FIELDS.iter().copied())
                .map(|c| format!("; возможно, имелось в виду «{c}»"))
                .unwrap_or_default();
            return Err(at(format!(
                "неизвестное поле «{key}»{close}; поля правила: {}",
                FIELDS.join(", ")
            )));
        }
    }
    let stage = map
        .get("stage")
        .and_then(|v| v.as_int().ok())
        .filter(|s| (1..=7).contains(s))
        .ok_or_else(|| at("поле «stage» должно быть числом от 1 до 7".into()))?;
    let severity_text = required(map, "severity").map_err(at)?;
    let severity = Severity::parse(&severity_text).ok_or_else(|| {
        at(format!(
            "поле «severity»: «{severity_text}» — допустимо error, warning или info"
        ))
    })?;
    let meta = RuleMeta {
        stage: u8::try_from(stage).unwrap_or(1),
        severity,
        title: required(map, "title").map_err(at)?,
        basis: required(map, "basis").map_err(at)?,
        ground: match text(map, "ground") {
            Some(_) => Some(required(map, "ground").map_err(at)?),
            None => None,
        },
        effective_from: date(map, "effective_from").map_err(at)?,
        effective_until: date(map, "effective_until").map_err(at)?,
        hold_back: flag(map, "hold_back").map_err(at)?,
        after_hold_back: flag(map, "after_hold_back").map_err(at)?,
        check: required(map, "check").map_err(at)?,
        file: file.to_owned(),
        id,
    };
    if let (Some(from), Some(until)) = (meta.effective_from, meta.effective_until) {
        if from > until {
            return Err(format!(
                "«{}»: effective_from ({from}) позже effective_until ({until}): правило не действовало бы ни дня",
                meta.id
            ));
        }
    }
    Ok(meta)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn meta(from: Option<&str>, until: Option<&str>) -> RuleMeta {
        let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok();
        RuleMeta {
            id: "x".into(),
            stage: 3,
            severity: Severity::Error,
            title: "t".into(),
            basis: "b".into(),
            ground: None,
            effective_from: from.and_then(d),
            effective_until: until.and_then(d),
            hold_back: false,
            after_hold_back: false,
            check: "x".into(),
            file: "f".into(),
        }
    }

    #[test]
    fn a_rule_is_in_force_when_periods_overlap() {
        let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap_or_default();
        let r = meta(Some("2025-03-01"), None);
        assert!(r.in_force(d("2025-01-01"), d("2025-06-30")));
        assert!(!r.in_force(d("2024-09-01"), d("2025-02-28")));
        let r = meta(None, Some("2024-12-31"));
        assert!(!r.in_force(d("2025-01-01"), d("2025-06-30")));
        assert!(r.in_force(d("2024-09-01"), d("2025-06-30")));
        assert!(meta(None, None).in_force(d("2030-01-01"), d("2030-02-01")));
    }

    fn parsed(rule: &str) -> std::result::Result<Vec<RuleMeta>, String> {
        let value: Dynamic = rhai::Engine::new()
            .eval(&format!("[{rule}]"))
            .unwrap_or_else(|e| panic!("{e}"));
        parse_list(value, "r.rhai").map_err(|e| e.to_string())
    }

    const OK: &str =
        r#"id: "user.rule", stage: 1, severity: "error", title: "t", basis: "b", check: "c""#;

    #[test]
    fn a_misspelt_field_a_bad_id_and_an_empty_period_are_refused() {
        assert!(parsed(&format!("#{{ {OK} }}")).is_ok());
        let e = parsed(&format!(r#"#{{ {OK}, efective_from: "2026-09-01" }}"#)).expect_err("typo");
        assert!(
            e.contains("«efective_from»") && e.contains("«effective_from»"),
            "{e}"
        );
        let e = parsed(&format!(
            r#"#{{ {OK}, effective_from: "2026-09-01", effective_until: "2025-01-01" }}"#
        ))
        .expect_err("empty period");
        assert!(e.contains("не действовало бы"), "{e}");
        let e = parsed(r#"#{ id: "T X/../", stage: 1, severity: "error", title: "t", basis: "b", check: "c" }"#)
            .expect_err("id");
        assert!(e.contains("id правила"), "{e}");
        let e = parsed(r#"#{ id: "user.rule", stage: 1, severity: "error", title: "t\x07", basis: "b", check: "c" }"#)
            .expect_err("control character");
        assert!(e.contains("«title»") && e.contains("U+0007"), "{e}");
    }
}
