//! One params.json layer against `schemas/params.schema.json`, with
//! Russian messages at the JSON pointer of the offending value.
//!
//! The schema is the one definition of what a layer may hold: every
//! parameter, its type and range, and the dated form
//! `{"value", "from", "basis"}` (or a list of them). It is checked for each
//! layer on its own (base, region, the user's folder), so a message names
//! the file the mistake is in. What the schema cannot say is checked here
//! too: dates of a list ascending, only the first value without `from`.
//! Rule ids in `disabled` and `severity` are checked later, against the
//! rules loaded ([`super::params::Params::check_rule_ids`]).

use super::suggest;
use crate::diag::{Place, Problem};
use crate::schema::{shown, type_name};
use jsonschema::error::{TypeKind, ValidationErrorKind};
use jsonschema::{ValidationError, Validator};
use serde_json::Value;
use std::sync::OnceLock;

/// Name of the embedded schema file (`schemas/params.schema.json`).
pub const SCHEMA_FILE: &str = "params.schema.json";

/// The fields of a dated value.
pub const DATED_FIELDS: [&str; 3] = ["value", "from", "basis"];

fn schema() -> &'static Value {
    static SCHEMA: OnceLock<Value> = OnceLock::new();
    SCHEMA.get_or_init(|| {
        crate::layers::SCHEMAS
            .text(SCHEMA_FILE)
            .and_then(|t| serde_json::from_str(t).ok())
            .unwrap_or(Value::Null)
    })
}

fn validator() -> Result<&'static Validator, String> {
    static VALIDATOR: OnceLock<Result<Validator, String>> = OnceLock::new();
    VALIDATOR
        .get_or_init(|| {
            let schema = schema();
            if schema.is_null() {
                return Err(format!("нет или не читается схема {SCHEMA_FILE}"));
            }
            jsonschema::draft202012::options()
                .should_validate_formats(true)
                .build(schema)
                .map_err(|e| format!("схема {SCHEMA_FILE} не компилируется: {e}"))
        })
        .as_ref()
        .map_err(Clone::clone)
}

/// The parameter names the schema knows, in its order.
pub fn known_names() -> Vec<&'static str> {
    schema()
        .get("properties")
        .and_then(Value::as_object)
        .map(|p| {
            p.keys()
                .map(String::as_str)
                .filter(|k| *k != "$schema")
                .collect()
        })
        .unwrap_or_default()
}

/// The schema's Russian title of a parameter.
pub fn title(name: &str) -> Option<&'static str> {
    schema()
        .get("properties")?
        .get(name)?
        .get("title")?
        .as_str()
}

/// Whether a value is written in the dated form: `{"value": …}` or a list of them.
pub fn dated_entries(value: &Value) -> Option<Vec<&serde_json::Map<String, Value>>> {
    match value {
        Value::Object(o) if o.contains_key("value") => Some(vec![o]),
        Value::Array(items) if !items.is_empty() => items
            .iter()
            .map(|i| i.as_object().filter(|o| o.contains_key("value")))
            .collect(),
        _ => None,
    }
}

/// Every problem of one layer: schema, then the order of dated values.
pub fn validate(layer: &Value, file: &str) -> Vec<Problem> {
    let validator = match validator() {
        Ok(v) => v,
        Err(e) => return vec![Problem::nowhere(format!("внутренняя ошибка: {e}"))],
    };
    let mut out = Vec::new();
    for error in validator.iter_errors(layer) {
        describe(&error, layer, file, &mut out);
    }
    if out.is_empty() {
        check_dates(layer, file, &mut out);
    }
    out
}

/// Escapes a name for a JSON pointer (RFC 6901).
pub fn escape(name: &str) -> String {
    name.replace('~', "~0").replace('/', "~1")
}

fn place(file: &str, pointer: String) -> Place {
    Place::Pointer {
        file: file.to_owned(),
        pointer,
    }
}

/// The parameter a pointer is under (`/min_mentee_age/0/value` → `min_mentee_age`).
fn parameter_of(pointer: &str) -> Option<String> {
    let first = pointer.strip_prefix('/')?.split('/').next()?;
    Some(first.replace("~1", "/").replace("~0", "~"))
}

/// «Минимальный возраст наставляемого обучающегося»: , naming what the key means.
fn meaning(pointer: &str) -> String {
    parameter_of(pointer)
        .and_then(|p| title(&p))
        .map(|t| format!("«{t}»: "))
        .unwrap_or_default()
}

fn expected_type(kind: &TypeKind) -> String {
    match kind {
        TypeKind::Single(t) => type_name(*t).to_owned(),
        TypeKind::Multiple(set) => set.iter().map(type_name).collect::<Vec<_>>().join(" или "),
    }
}

fn describe(error: &ValidationError<'_>, layer: &Value, file: &str, out: &mut Vec<Problem>) {
    let at = error.instance_path().as_str().to_owned();
    let value = shown(error.instance());
    let what = meaning(&at);
    let message = match error.kind() {
        ValidationErrorKind::AdditionalProperties { unexpected }
        | ValidationErrorKind::UnevaluatedProperties { unexpected } => {
            let here = layer.pointer(&at);
            for name in unexpected {
                let pointer = format!("{at}/{}", escape(name));
                let message = if at.is_empty() {
                    format!(
                        "неизвестный параметр «{name}»{}",
                        suggest::hint(name, known_names())
                    )
                } else if here.is_some_and(|v| v.get("value").is_some()) {
                    format!(
                        "{what}неизвестное поле «{name}» значения с датой{}",
                        suggest::hint(name, DATED_FIELDS)
                    )
                } else {
                    format!(
                        "{what}неизвестное поле «{name}»{}",
                        suggest::hint(name, ["mentor", "mentee"])
                    )
                };
                out.push(Problem::new(place(file, pointer), message));
            }
            return;
        }
        ValidationErrorKind::PropertyNames { error } => {
            let name = error.instance().as_str().unwrap_or_default().to_owned();
            let options: Vec<&str> = match error.kind() {
                ValidationErrorKind::Enum { options } => options
                    .as_array()
                    .map(|a| a.iter().filter_map(Value::as_str).collect())
                    .unwrap_or_default(),
                _ => Vec::new(),
            };
            out.push(Problem::new(
                place(file, format!("{at}/{}", escape(&name))),
                format!(
                    "{what}неизвестное имя «{name}»{}",
                    suggest::hint(&name, options)
                ),
            ));
            return;
        }
        ValidationErrorKind::Required { property } => {
            let name = property.as_str().unwrap_or_default().to_owned();
            out.push(Problem::new(
                place(file, format!("{at}/{}", escape(&name))),
                format!("{what}не заполнено обязательное поле «{name}»"),
            ));
            return;
        }
        ValidationErrorKind::Type { kind } => {
            let quoted_number = error
                .instance()
                .as_str()
                .is_some_and(|s| s.trim().parse::<f64>().is_ok());
            format!(
                "{what}ожидается {}, а записано {value}{}",
                expected_type(kind),
                if quoted_number {
                    " — число пишется без кавычек"
                } else {
                    ""
                }
            )
        }
        ValidationErrorKind::Enum { options } => {
            let names: Vec<&str> = options
                .as_array()
                .map(|a| a.iter().filter_map(Value::as_str).collect())
                .unwrap_or_default();
            let name = error.instance().as_str().unwrap_or_default();
            format!(
                "{what}недопустимое значение {value}{}",
                suggest::hint(name, names)
            )
        }
        ValidationErrorKind::Format { format } if format == "date" => {
            format!("{what}ожидается дата ГГГГ-ММ-ДД, существующая в календаре, а записано {value}")
        }
        ValidationErrorKind::Minimum { limit } => {
            format!("{what}значение {value} меньше наименьшего допустимого {limit}")
        }
        ValidationErrorKind::Maximum { limit } => {
            format!("{what}значение {value} больше наибольшего допустимого {limit}")
        }
        ValidationErrorKind::MinLength { .. } => format!("{what}строка не должна быть пустой"),
        ValidationErrorKind::MinItems { limit } => {
            format!("{what}в списке должно быть не меньше {limit} элемент(ов)")
        }
        ValidationErrorKind::MaxItems { limit } => {
            format!("{what}в списке должно быть не больше {limit} элемент(ов)")
        }
        ValidationErrorKind::FalseSchema => format!("{what}лишний элемент {value}"),
        ValidationErrorKind::UniqueItems => format!("{what}значения в списке повторяются: {value}"),
        ValidationErrorKind::Pattern { .. } => {
            format!("{what}идентификатор правила не может содержать пробелы: {value}")
        }
        _ => format!("{what}значение {value} не соответствует схеме schemas/{SCHEMA_FILE}"),
    };
    out.push(Problem::new(place(file, at), message));
}

/// A list of dated values: `from` ascending, only the first may omit it.
fn check_dates(layer: &Value, file: &str, out: &mut Vec<Problem>) {
    let Some(map) = layer.as_object() else {
        return;
    };
    for (name, value) in map {
        let Value::Array(items) = value else {
            continue;
        };
        if dated_entries(value).is_none() {
            continue;
        }
        let mut last: Option<&str> = None;
        for (i, item) in items.iter().enumerate() {
            let from = item.get("from").and_then(Value::as_str);
            let pointer = format!("/{}/{i}", escape(name));
            match (from, last) {
                (None, _) if i > 0 => out.push(Problem::new(
                    place(file, pointer),
                    format!(
                        "{}без «from» может быть только первое значение списка (оно действует всегда)",
                        meaning(&format!("/{name}"))
                    ),
                )),
                // ГГГГ-ММ-ДД (checked by the schema) sorts as text.
                (Some(f), Some(prev)) if f <= prev => out.push(Problem::new(
                    place(file, format!("{pointer}/from")),
                    format!(
                        "{}даты «from» должны идти по возрастанию: {f} не позже предыдущей {prev}",
                        meaning(&format!("/{name}"))
                    ),
                )),
                _ => {}
            }
            if from.is_some() {
                last = from;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn messages(layer: Value) -> Vec<String> {
        validate(&layer, "p.json")
            .iter()
            .map(|p| p.to_string())
            .collect()
    }

    #[test]
    fn the_schema_compiles_and_accepts_the_shipped_layers() {
        assert!(validator().is_ok(), "{:?}", validator().err());
        for path in ["params.json", "regions/omsk/params.json"] {
            let text = crate::layers::RULES.text(path).unwrap_or("null");
            let layer: Value = serde_json::from_str(text).unwrap_or(Value::Null);
            assert_eq!(messages(layer), Vec::<String>::new(), "{path}");
        }
    }

    #[test]
    fn wrong_type_range_and_key_are_refused_at_their_pointer() {
        let got = messages(json!({"min_mentee_age": "100"}));
        assert_eq!(got.len(), 1, "{got:?}");
        assert!(got[0].starts_with("p.json › /min_mentee_age: "), "{got:?}");
        assert!(
            got[0].contains("ожидается целое число, а записано «100» — число пишется без кавычек"),
            "{got:?}"
        );
        let got = messages(json!({"coverage_target_percent": "80 %"}));
        assert!(
            got[0].contains("ожидается число, а записано «80 %»"),
            "{got:?}"
        );
        let got = messages(json!({"min_mentee_age": 200}));
        assert!(
            got[0].contains("больше наибольшего допустимого 30"),
            "{got:?}"
        );
        let got = messages(json!({"min_menteee_age": 12}));
        assert_eq!(
            got,
            ["p.json › /min_menteee_age: неизвестный параметр «min_menteee_age»; возможно, имелось в виду «min_mentee_age»"]
        );
        let got = messages(json!({"severity": {"stage2.mentee-min-age": "eror"}}));
        assert!(
            got[0].contains("возможно, имелось в виду «error»"),
            "{got:?}"
        );
        let got = messages(json!({"max_mentees_per_mentor": {"учитель-учитель": 3}}));
        assert!(got[0].contains("«учитель – учитель»"), "{got:?}");
    }

    #[test]
    fn dated_values_are_checked_inside() {
        assert!(messages(json!({"young_specialist_max_experience_years":
            {"value": 5, "from": "2026-09-01", "basis": "Приказ № 1"}}))
        .is_empty());
        assert!(messages(json!({"young_specialist_max_experience_years": [
            {"value": 3, "basis": "Письмо"},
            {"value": 5, "from": "2026-09-01", "basis": "Приказ № 1"}]}))
        .is_empty());
        let got = messages(json!({"young_specialist_max_experience_years":
            {"value": "5", "form": "2026-09-01"}}));
        assert!(
            got.iter().any(
                |m| m.contains("/young_specialist_max_experience_years/value")
                    && m.contains("целое число")
            ),
            "{got:?}"
        );
        assert!(
            got.iter()
                .any(|m| m.contains("/form") && m.contains("возможно, имелось в виду «from»")),
            "{got:?}"
        );
        let got = messages(json!({"min_mentee_age": [
            {"value": 10, "from": "2026-09-01"}, {"value": 12, "from": "2026-01-01"}, {"value": 14}]}));
        assert_eq!(got.len(), 2, "{got:?}");
        assert!(
            got[0].contains("/min_mentee_age/1/from") && got[0].contains("по возрастанию"),
            "{got:?}"
        );
        assert!(
            got[1].contains("/min_mentee_age/2") && got[1].contains("только первое"),
            "{got:?}"
        );
        let got = messages(json!({"mentor_consent_required_from": {"value": "2025-02-30"}}));
        assert!(got[0].contains("ГГГГ-ММ-ДД"), "{got:?}");
    }
}
