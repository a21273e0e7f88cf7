//! programme.json against `schemas/programme.schema.json`, with Russian messages.
//!
//! The schema is the single definition of programme.json: it is embedded in
//! the binary ([`crate::layers::SCHEMAS`]), compiled once, and every error
//! jsonschema reports is turned into a Russian message built from its
//! structured kind (jsonschema's own messages are English only), placed at
//! the JSON pointer of the offending value.

use crate::diag::{Error, Place, Problem};
use jsonschema::error::{TypeKind, ValidationErrorKind};
use jsonschema::{JsonType, ValidationError, Validator};
use serde_json::Value;
use std::sync::OnceLock;

/// Name of the embedded schema file.
pub const SCHEMA_FILE: &str = "programme.schema.json";

/// The schema's text as shipped (empty if the build lost it, which
/// [`validate`] reports as an internal error).
pub fn schema_text() -> &'static str {
    crate::layers::SCHEMAS.text(SCHEMA_FILE).unwrap_or_default()
}

fn validator() -> Result<&'static Validator, String> {
    static VALIDATOR: OnceLock<Result<Validator, String>> = OnceLock::new();
    VALIDATOR
        .get_or_init(|| {
            let schema: Value = serde_json::from_str(schema_text())
                .map_err(|e| format!("встроенная схема {SCHEMA_FILE} не читается: {e}"))?;
            jsonschema::draft202012::options()
                .should_validate_formats(true)
                .with_format("date", |text: &str| dated(text).is_some_and(in_years))
                .build(&schema)
                .map_err(|e| format!("схема не компилируется: {e}"))
        })
        .as_ref()
        .map_err(Clone::clone)
}

/// A date as the schema's `format: date` writes it: `ГГГГ-ММ-ДД`, in the
/// calendar.
fn dated(text: &str) -> Option<chrono::NaiveDate> {
    let b = text.as_bytes();
    let shape = b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
    shape
        .then(|| chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d").ok())
        .flatten()
}

/// A date of programme.json falls in the years a cell's date may
/// ([`crate::ingest::cell::YEARS`]): year 1 or 9999 is a slip of typing,
/// and would be printed in a signed document.
fn in_years(date: chrono::NaiveDate) -> bool {
    use chrono::Datelike;
    crate::ingest::cell::YEARS.contains(&date.year())
}

/// Parses programme.json (or params.json) text; a syntax error is placed
/// at its line and column, and so is a key given twice in one object.
pub fn parse(text: &str, file: &str) -> Result<Value, Problem> {
    let value = serde_json::from_str(text).map_err(|e| {
        Problem::new(
            Place::Text {
                file: file.to_owned(),
                line: e.line(),
                column: e.column(),
            },
            format!("ошибка синтаксиса JSON: {}", syntax_message(&e)),
        )
    })?;
    unique_keys(text, file)?;
    Ok(value)
}

/// JSON allows a key twice in one object and serde keeps the last value
/// silently: `"min_mentee_age": 12, "min_mentee_age": 13` would check 13
/// while the methodologist reads 12. Refused at the second one.
pub fn unique_keys(text: &str, file: &str) -> Result<(), Problem> {
    const MARK: &str = "повторный ключ ";
    struct Unique;
    impl<'de> serde::Deserialize<'de> for Unique {
        fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
            d.deserialize_any(Visit)
        }
    }
    struct Visit;
    impl<'de> serde::de::Visitor<'de> for Visit {
        type Value = Unique;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("JSON")
        }
        fn visit_map<A: serde::de::MapAccess<'de>>(
            self,
            mut map: A,
        ) -> std::result::Result<Unique, A::Error> {
            let mut seen = std::collections::HashSet::new();
            while let Some(key) = map.next_key::<String>()? {
                if !seen.insert(key.clone()) {
                    return Err(serde::de::Error::custom(format!("{MARK}{key}")));
                }
                map.next_value::<Unique>()?;
            }
            Ok(Unique)
        }
        fn visit_seq<A: serde::de::SeqAccess<'de>>(
            self,
            mut seq: A,
        ) -> std::result::Result<Unique, A::Error> {
            while seq.next_element::<Unique>()?.is_some() {}
            Ok(Unique)
        }
        fn visit_bool<E>(self, _: bool) -> std::result::Result<Unique, E> {
            Ok(Unique)
        }
        fn visit_i64<E>(self, _: i64) -> std::result::Result<Unique, E> {
            Ok(Unique)
        }
        fn visit_u64<E>(self, _: u64) -> std::result::Result<Unique, E> {
            Ok(Unique)
        }
        fn visit_f64<E>(self, _: f64) -> std::result::Result<Unique, E> {
            Ok(Unique)
        }
        fn visit_str<E>(self, _: &str) -> std::result::Result<Unique, E> {
            Ok(Unique)
        }
        fn visit_unit<E>(self) -> std::result::Result<Unique, E> {
            Ok(Unique)
        }
    }
    match serde_json::from_str::<Unique>(text) {
        Ok(_) => Ok(()),
        Err(e) => {
            let text = e.to_string();
            let key = text
                .strip_prefix(MARK)
                .and_then(|k| k.rsplit_once(" at line ").map(|(k, _)| k.to_owned()));
            let message = match key {
                Some(key) => format!(
                    "ключ «{key}» повторяется в одном объекте: действовало бы только последнее значение; оставьте один"
                ),
                None => format!("ошибка синтаксиса JSON: {}", syntax_message(&e)),
            };
            Err(Problem::new(
                Place::Text {
                    file: file.to_owned(),
                    line: e.line(),
                    column: e.column(),
                },
                message,
            ))
        }
    }
}

/// serde_json's error category in Russian (its own text is English).
fn syntax_message(e: &serde_json::Error) -> String {
    let text = e.to_string();
    let what = if text.starts_with("EOF while parsing") {
        "файл обрывается: не хватает закрывающей скобки или кавычки"
    } else if text.starts_with("trailing comma") {
        "лишняя запятая перед закрывающей скобкой"
    } else if text.starts_with("key must be a string") {
        "имя поля должно быть в двойных кавычках"
    } else if text.starts_with("expected `:`") {
        "после имени поля ожидается двоеточие «:»"
    } else if text.starts_with("expected `,` or `}`") {
        "ожидается запятая «,» или закрывающая скобка «}»"
    } else if text.starts_with("expected `,` or `]`") {
        "ожидается запятая «,» или закрывающая скобка «]»"
    } else if text.starts_with("control character") {
        "в строке недопустимый управляющий символ (перевод строки внутри кавычек?)"
    } else if text.starts_with("invalid escape") {
        "недопустимая escape-последовательность после «\\»"
    } else if text.starts_with("trailing characters") {
        "лишние символы после конца JSON"
    } else if text.starts_with("expected value") {
        "ожидается значение (строка, число, объект, массив, true, false или null)"
    } else if text.starts_with("invalid number") {
        "неверно записано число"
    } else if text.starts_with("invalid unicode") || text.starts_with("lone leading surrogate") {
        "неверный символ Юникода"
    } else {
        "неверный JSON"
    };
    what.to_owned()
}

/// A serde_json error in Russian: syntax (as [`parse`] reports it) or the
/// shape of a typed file (an unknown or missing field, an unknown value).
pub fn serde_message(e: &serde_json::Error) -> String {
    if e.is_syntax() || e.is_eof() {
        return format!("ошибка синтаксиса JSON: {}", syntax_message(e));
    }
    let text = e.to_string();
    // serde's texts: "unknown field `x`, expected one of `a`, `b` at line …".
    let text = text.split(" at line ").next().unwrap_or(&text);
    let ticked = |t: &str| -> Vec<String> {
        t.split('`')
            .skip(1)
            .step_by(2)
            .map(|s| format!("«{s}»"))
            .collect()
    };
    let names = ticked(text);
    let (first, rest) = match names.split_first() {
        Some((f, r)) => (f.clone(), r.join(", ")),
        None => (String::new(), String::new()),
    };
    if text.starts_with("unknown field") {
        format!("неизвестное поле {first}; допустимые поля: {rest}")
    } else if text.starts_with("unknown variant") {
        format!("неизвестное значение {first}; допустимые значения: {rest}")
    } else if text.starts_with("missing field") {
        format!("нет обязательного поля {first}")
    } else if text.starts_with("duplicate field") {
        format!("поле {first} указано дважды")
    } else if text.starts_with("invalid type") {
        "неверный тип значения (например, строка вместо списка или числа)".to_owned()
    } else {
        "неверная структура файла".to_owned()
    }
}

/// Validates programme.json against the schema, returning every problem
/// (empty when valid), each at the JSON pointer of the offending value.
/// A schema that does not compile is a bug of the build, not of the input.
pub fn validate(value: &Value, file: &str) -> Result<Vec<Problem>, Error> {
    let validator = validator().map_err(Error::internal)?;
    let mut out = Vec::new();
    for error in validator.iter_errors(value) {
        describe(&error, file, &mut out);
    }
    forbidden_chars(value, file, String::new(), &mut out);
    Ok(out)
}

/// [`forbidden_chars`] of any JSON file (a profile's `params.json`,
/// `catalogue.json`): each at its pointer.
pub fn forbidden_in_json(value: &Value, file: &str) -> Vec<Problem> {
    let mut out = Vec::new();
    forbidden_chars(value, file, String::new(), &mut out);
    out.truncate(crate::text::FORBIDDEN_PLACES);
    out
}

/// Every string (and field name) holding a character no document may hold
/// ([`crate::text::forbidden_char`]), at its pointer. serde_json refuses
/// such characters typed raw; this finds them written as `\u0001`.
/// Nesting is bounded by serde_json's depth limit (128).
fn forbidden_chars(value: &Value, file: &str, pointer: String, out: &mut Vec<Problem>) {
    let found = |text: &str, pointer: &str, out: &mut Vec<Problem>| {
        if let Some(c) = crate::text::forbidden_char(text) {
            out.push(Problem::new(
                pointer_place(file, pointer.to_owned()),
                crate::text::forbidden_message(c),
            ));
        }
    };
    match value {
        Value::String(s) => found(s, &pointer, out),
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                forbidden_chars(item, file, format!("{pointer}/{i}"), out);
            }
        }
        Value::Object(fields) => {
            for (name, item) in fields {
                let inner = format!("{pointer}/{}", escape(name));
                found(name, &inner, out);
                forbidden_chars(item, file, inner, out);
            }
        }
        _ => {}
    }
}

fn pointer_place(file: &str, pointer: String) -> Place {
    Place::Pointer {
        file: file.to_owned(),
        pointer,
    }
}

/// Escapes a property name for a JSON pointer (RFC 6901).
fn escape(name: &str) -> String {
    name.replace('~', "~0").replace('/', "~1")
}

/// The offending value, short enough for one line.
pub fn shown(value: &Value) -> String {
    let text = match value {
        Value::String(s) => format!("«{s}»"),
        other => other.to_string(),
    };
    let chars: Vec<char> = text.chars().collect();
    if chars.len() > 80 {
        format!("{}…", chars.iter().take(77).collect::<String>())
    } else {
        text
    }
}

/// A JSON type in Russian, for messages.
pub fn type_name(t: JsonType) -> &'static str {
    match t {
        JsonType::Null => "null",
        JsonType::Boolean => "логическое значение (true/false)",
        JsonType::Integer => "целое число",
        JsonType::Number => "число",
        JsonType::String => "строка",
        JsonType::Array => "массив […]",
        JsonType::Object => "объект {…}",
    }
}

fn list(options: &Value) -> String {
    match options {
        Value::Array(items) => items.iter().map(shown).collect::<Vec<_>>().join(", "),
        other => shown(other),
    }
}

fn describe(error: &ValidationError<'_>, file: &str, out: &mut Vec<Problem>) {
    let at = error.instance_path().as_str().to_owned();
    let value = shown(error.instance());
    let here = |message: String| Problem::new(pointer_place(file, at.clone()), message);
    let message = match error.kind() {
        ValidationErrorKind::Required { property } => {
            let name = property
                .as_str()
                .map(str::to_owned)
                .unwrap_or_else(|| property.to_string());
            out.push(Problem::new(
                pointer_place(file, format!("{at}/{}", escape(&name))),
                format!("не заполнено обязательное поле «{name}»"),
            ));
            return;
        }
        ValidationErrorKind::AdditionalProperties { unexpected }
        | ValidationErrorKind::UnevaluatedProperties { unexpected } => {
            for name in unexpected {
                out.push(Problem::new(
                    pointer_place(file, format!("{at}/{}", escape(name))),
                    format!("лишнее поле «{name}»: такого поля в programme.json нет (проверьте написание)"),
                ));
            }
            return;
        }
        ValidationErrorKind::PropertyNames { error } => {
            let name = error.instance().as_str().unwrap_or_default().to_owned();
            let why = match error.kind() {
                ValidationErrorKind::Enum { options } => {
                    format!("допустимые: {}", list(options))
                }
                _ => "имя поля недопустимо".to_owned(),
            };
            out.push(Problem::new(
                pointer_place(file, format!("{at}/{}", escape(&name))),
                format!("неизвестное поле «{name}»; {why}"),
            ));
            return;
        }
        ValidationErrorKind::Type { kind } => {
            let expected = match kind {
                TypeKind::Single(t) => type_name(*t).to_owned(),
                TypeKind::Multiple(set) => {
                    set.iter().map(type_name).collect::<Vec<_>>().join(" или ")
                }
            };
            format!("неверный тип значения {value}: ожидается {expected}")
        }
        ValidationErrorKind::Enum { options } => {
            format!(
                "недопустимое значение {value}; допустимые: {}",
                list(options)
            )
        }
        ValidationErrorKind::Constant { expected_value } => {
            format!(
                "недопустимое значение {value}; ожидается {}",
                shown(expected_value)
            )
        }
        ValidationErrorKind::Format { format } if format == "date" => {
            match error.instance().as_str().and_then(dated) {
                Some(_) => format!(
                    "дата {value} вне {}–{} годов; проверьте год",
                    crate::ingest::cell::YEARS.start(),
                    crate::ingest::cell::YEARS.end()
                ),
                None => format!(
                "дата должна быть в виде ГГГГ-ММ-ДД и существовать в календаре, а записано {value}"
            ),
            }
        }
        ValidationErrorKind::Format { format } => {
            format!("значение {value} не соответствует формату «{format}»")
        }
        ValidationErrorKind::MinLength { .. } => "поле не должно быть пустым".to_owned(),
        ValidationErrorKind::MaxLength { limit } => {
            format!("слишком длинное значение: не более {limit} символов")
        }
        ValidationErrorKind::MinItems { limit } => {
            format!("в списке должно быть не меньше {limit} элемент(ов)")
        }
        ValidationErrorKind::MaxItems { limit } => {
            format!("в списке должно быть не больше {limit} элемент(ов)")
        }
        ValidationErrorKind::Minimum { limit }
        | ValidationErrorKind::ExclusiveMinimum { limit } => {
            format!("значение {value} меньше допустимого ({limit})")
        }
        ValidationErrorKind::Maximum { limit }
        | ValidationErrorKind::ExclusiveMaximum { limit } => {
            format!("значение {value} больше допустимого ({limit})")
        }
        ValidationErrorKind::UniqueItems => format!("значения в списке повторяются: {value}"),
        ValidationErrorKind::Pattern { pattern } => {
            format!("значение {value} не соответствует образцу {pattern}")
        }
        _ => format!("значение {value} не соответствует схеме programme.json"),
    };
    out.push(here(message));
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn minimal() -> Value {
        json!({
            "organisation": {
                "full_name": "Школа", "short_name": "Школа", "kind": "school", "city": "Омск",
                "head": {"name": "Иванов Иван Иванович", "position": "Директор"},
                "students": 10, "teachers": 2
            },
            "programme": {"title": "П", "start": "2025-09-01", "end": "2026-06-30", "forms": ["ученик – ученик"]},
            "curator": {"name": "Петрова Анна Сергеевна", "position": "заместитель директора"},
            "inputs": {
                "mentors": {"file": "p.xlsx"}, "mentees": {"file": "p.xlsx"},
                "pairs": {"file": "p.xlsx"}, "roadmap": {"file": "r.xlsx", "sheet": "ДК"}
            }
        })
    }

    fn messages(v: &Value) -> Vec<String> {
        validate(v, "programme.json")
            .expect("the embedded schema compiles")
            .iter()
            .map(|p| p.to_string())
            .collect()
    }

    #[test]
    fn minimal_programme_is_valid() {
        assert_eq!(messages(&minimal()), Vec::<String>::new());
    }

    #[test]
    fn missing_required_field_names_its_pointer() {
        let mut v = minimal();
        v["organisation"]
            .as_object_mut()
            .map(|o| o.remove("full_name"));
        assert_eq!(
            messages(&v),
            ["programme.json › /organisation/full_name: не заполнено обязательное поле «full_name»"]
        );
    }

    #[test]
    fn impossible_date_wrong_type_enum_and_extra_field_all_reported() {
        let mut v = minimal();
        v["programme"]["start"] = json!("2026-02-31");
        v["organisation"]["students"] = json!("много");
        v["organisation"]["kind"] = json!("гимназия");
        v["programme"]["forms"] = json!(["ученик-ученик"]);
        v["colour"] = json!(1);
        // An id the catalogue does not know is refused with the catalogue
        // (a region may add an order); one no catalogue could hold, here.
        v["orders"] = json!({"Приказ 1": {"number": "1", "date": "2025-09-01"}});
        let got = messages(&v);
        let expect = [
            "programme.json › /programme/start: дата должна быть в виде ГГГГ-ММ-ДД и существовать в календаре, а записано «2026-02-31»",
            "programme.json › /organisation/students: неверный тип значения «много»: ожидается целое число",
            "programme.json › /organisation/kind: недопустимое значение «гимназия»; допустимые: «school», «college», «additional_education»",
            "programme.json › /colour: лишнее поле «colour»: такого поля в programme.json нет (проверьте написание)",
            "programme.json › /programme/forms/0: недопустимое значение «ученик-ученик»; допустимые: «ученик – ученик», «учитель – учитель», «студент – ученик», «работодатель – ученик», «работодатель – студент», «педагог – обучающийся», «студент – студент»",
        ];
        for e in expect {
            assert!(got.iter().any(|g| g == e), "нет «{e}» среди {got:#?}");
        }
        assert!(
            got.iter()
                .any(|g| g.starts_with("programme.json › /orders") && g.contains("Приказ 1")),
            "{got:#?}"
        );
    }

    #[test]
    fn control_characters_are_refused_at_their_pointer() {
        let mut v = minimal();
        v["curator"]["name"] = Value::String("Иванова\u{1} Мария".to_owned());
        v["team"] = serde_json::json!([{"name": "Петров\u{ffff}", "position": "учитель"}]);
        let found: Vec<String> = validate(&v, "p.json")
            .expect("the schema compiles")
            .iter()
            .filter(|p| p.message.contains("управляющий символ"))
            .map(|p| p.to_string())
            .collect();
        assert_eq!(found.len(), 2, "{found:?}");
        assert!(
            found[0].starts_with("p.json › /curator/name: в тексте управляющий символ U+0001"),
            "{found:?}"
        );
        assert!(
            found[1].starts_with("p.json › /team/0/name: в тексте управляющий символ U+FFFF"),
            "{found:?}"
        );
    }

    #[test]
    fn numbers_out_of_range_are_named_with_their_pointer() {
        let mut v = minimal();
        v["organisation"]["students"] = serde_json::from_str("1e30").expect("number");
        v["organisation"]["teachers"] =
            serde_json::from_str("18446744073709551616").expect("number");
        assert_eq!(
            messages(&v),
            [
                "programme.json › /organisation/students: значение 1e+30 больше допустимого (1000000)",
                "programme.json › /organisation/teachers: значение 1.8446744073709552e+19 больше допустимого (100000)",
            ]
        );
    }

    /// Every integer of the model is a `u32`: with a maximum in its range
    /// for each, a programme that passes the schema always deserialises.
    #[test]
    fn every_integer_of_the_schema_has_a_maximum_a_u32_holds() {
        fn walk(at: &str, v: &Value, found: &mut Vec<String>) {
            match v {
                Value::Object(map) => {
                    if map.get("type") == Some(&json!("integer")) {
                        let max = map.get("maximum").and_then(Value::as_u64);
                        let min = map.get("minimum").and_then(Value::as_u64);
                        if !(max.is_some_and(|m| m <= u64::from(u32::MAX)) && min.is_some()) {
                            found.push(at.to_owned());
                        }
                    }
                    for (k, v) in map {
                        walk(&format!("{at}/{k}"), v, found);
                    }
                }
                Value::Array(items) => {
                    for (i, v) in items.iter().enumerate() {
                        walk(&format!("{at}/{i}"), v, found);
                    }
                }
                _ => {}
            }
        }
        let schema: Value = serde_json::from_str(schema_text()).expect("schema");
        let mut unbounded = Vec::new();
        walk("", &schema, &mut unbounded);
        assert_eq!(unbounded, Vec::<String>::new(), "integers without bounds");
        let text = schema_text();
        assert!(
            !text.contains("\"type\": \"number\""),
            "a number field needs the same check"
        );
    }

    #[test]
    fn syntax_error_has_line_and_column() {
        let p = parse("{\n  \"a\": 1,\n}", "programme.json").expect_err("syntax");
        assert_eq!(
            p.to_string(),
            "programme.json:3:1: ошибка синтаксиса JSON: лишняя запятая перед закрывающей скобкой"
        );
    }

    #[test]
    fn a_key_given_twice_is_refused_at_its_place() {
        let p = unique_keys(
            "{\n  \"a\": 1,\n  \"b\": {\"c\": 1, \"c\": 2}\n}",
            "params.json",
        )
        .expect_err("twice");
        let text = p.to_string();
        assert!(
            text.contains("«c» повторяется") && text.contains("params.json"),
            "{text}"
        );
        assert!(unique_keys(r#"{"a": [{"c": 1}, {"c": 2}], "c": 3}"#, "f").is_ok());
        assert!(parse(r#"{"x": 1, "x": 2}"#, "programme.json").is_err());
    }
}
