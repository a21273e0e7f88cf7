//! `nastavnik rules fields`: every field a rule can read, generated from
//! the model's types through their serde form — the same conversion that
//! gives scripts `model` ([`crate::rules::record`], `rules::pick`) and
//! `figures`, so the list cannot name a field scripts do not see.
//!
//! The walk goes over the example school ([`crate::example::model`]),
//! whose every list has records and almost every optional field a value;
//! each field's kind is what its values are across all records. Maps keyed
//! by data (orders by id, declensions by name) are shown with `[ключ]`.
//! `rules/README.md` carries the same text between the markers
//! [`BEGIN`] and [`END`]; a test fails when they differ.

use serde_json::Value;
use std::collections::BTreeMap;

/// The markers around the generated list in `rules/README.md`.
pub const BEGIN: &str = "<!-- rules fields: begin -->";
pub const END: &str = "<!-- rules fields: end -->";
/// The markers around the templates' list in `templates/README.md`.
pub const TEMPLATES_BEGIN: &str = "<!-- templates fields: begin -->";
pub const TEMPLATES_END: &str = "<!-- templates fields: end -->";

/// Maps whose keys are data, not field names.
const KEYED: [&str; 5] = [
    "model.orders",
    "model.declensions",
    "model.position_forms",
    "model.layouts[].columns",
    // The templates' context: declensions by person.
    "declensions",
];

/// What a field holds, merged over every value seen.
#[derive(Debug, Default, Clone)]
struct Kinds {
    string: bool,
    date: bool,
    integer: bool,
    number: bool,
    boolean: bool,
    null: bool,
    strings: bool,
    numbers: bool,
    /// A list empty in the example: its kind is not known from values.
    list: bool,
}

impl Kinds {
    fn text(&self) -> String {
        let mut parts = Vec::new();
        if self.date {
            parts.push("дата ГГГГ-ММ-ДД");
        } else if self.string {
            parts.push("строка");
        }
        if self.number {
            parts.push("число");
        } else if self.integer {
            parts.push("целое");
        }
        if self.boolean {
            parts.push("да/нет (true/false)");
        }
        if self.strings {
            parts.push("список строк");
        }
        if self.numbers {
            parts.push("список чисел");
        }
        if self.list && !self.strings && !self.numbers {
            parts.push("список");
        }
        let mut text = if parts.is_empty() {
            "значение".to_owned()
        } else {
            parts.join(" или ")
        };
        if self.null {
            text.push_str(", может быть пусто (())");
        }
        text
    }
}

fn is_date(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit())
}

fn walk(path: &str, value: &Value, out: &mut BTreeMap<String, Kinds>) {
    match value {
        Value::Object(map) if KEYED.contains(&path) => {
            for v in map.values() {
                walk(&format!("{path}[ключ]"), v, out);
            }
            out.entry(format!("{path}[ключ]")).or_default();
        }
        Value::Object(map) => {
            for (k, v) in map {
                walk(&format!("{path}.{k}"), v, out);
            }
        }
        Value::Array(items) if items.iter().any(|i| i.is_object()) => {
            for item in items {
                walk(&format!("{path}[]"), item, out);
            }
        }
        Value::Array(items) => {
            let k = out.entry(path.to_owned()).or_default();
            if items.is_empty() {
                k.list = true;
            } else if items.iter().all(Value::is_number) {
                k.numbers = true;
            } else {
                k.strings = true;
            }
        }
        Value::String(s) => {
            let k = out.entry(path.to_owned()).or_default();
            if is_date(s) {
                k.date = true;
            } else {
                k.string = true;
            }
        }
        Value::Number(n) => {
            let k = out.entry(path.to_owned()).or_default();
            if n.is_f64() {
                k.number = true;
            } else {
                k.integer = true;
            }
        }
        Value::Bool(_) => out.entry(path.to_owned()).or_default().boolean = true,
        Value::Null => out.entry(path.to_owned()).or_default().null = true,
    }
}

/// The fields, one a line: `model.mentors[].experience — число, может быть пусто (())`.
pub fn to_text() -> crate::diag::Result<String> {
    let model = crate::example::model();
    let failed = |e: serde_json::Error| {
        crate::diag::Error::internal(format!("модель не сериализуется: {e}"))
    };
    let mut found = BTreeMap::new();
    walk(
        "model",
        &serde_json::to_value(&model).map_err(failed)?,
        &mut found,
    );
    let figures = crate::figures::Figures::of(&model);
    walk(
        "figures",
        &serde_json::to_value(&figures).map_err(failed)?,
        &mut found,
    );
    Ok(listing(&found))
}

/// The fields found, one a line, in a fenced block.
fn listing(found: &BTreeMap<String, Kinds>) -> String {
    let mut out = String::new();
    out.push_str("```\n");
    for (path, kinds) in found {
        // A keyed map's own line carries no kind: its entries follow.
        if path.ends_with("[ключ]") && found.keys().any(|p| p.starts_with(&format!("{path}.")))
        {
            continue;
        }
        out.push_str(&format!("{path} — {}\n", kinds.text()));
    }
    out.push_str("```\n");
    out
}

/// The names a document template can read (`{{org.short_name}}`), over
/// every document of the example's package: each document's context as
/// `generate` builds it ([`crate::render::context::build`]), merged.
pub fn templates_text() -> crate::diag::Result<String> {
    let model = crate::example::model();
    let checked = crate::package::Checked::with_profile(&model, None, None)?;
    let sources = checked.sources();
    let mut found = BTreeMap::new();
    for doc in checked.plan().documents {
        let ctx = crate::render::context::build(&sources, &doc);
        if let Value::Object(map) = ctx {
            for (k, v) in map {
                walk(&k, &v, &mut found);
            }
        }
    }
    Ok(listing(&found))
}

/// `readme` with the list between `begin` and `end` replaced by `fields`;
/// `None` if the markers are missing.
pub fn with_list(readme: &str, begin: &str, end: &str, fields: &str) -> Option<String> {
    let start = readme.find(begin)? + begin.len();
    let stop = readme[start..].find(end)? + start;
    Some(format!("{}\n{fields}{}", &readme[..start], &readme[stop..]))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The README's list is the generated one. To refresh it:
    /// `NASTAVNIK_WRITE_FIELDS=1 cargo test -p nastavnik-engine --lib fields`.
    #[test]
    fn the_readmes_carry_the_generated_lists() {
        let root = concat!(env!("CARGO_MANIFEST_DIR"), "/..");
        for (file, begin, end, fields) in [
            ("rules/README.md", BEGIN, END, to_text().expect("fields")),
            (
                "templates/README.md",
                TEMPLATES_BEGIN,
                TEMPLATES_END,
                templates_text().expect("fields"),
            ),
        ] {
            let path = format!("{root}/{file}");
            let readme = std::fs::read_to_string(&path).expect("README");
            let wanted =
                with_list(&readme, begin, end, &fields).expect("the markers are in the README");
            if std::env::var_os("NASTAVNIK_WRITE_FIELDS").is_some() {
                std::fs::write(&path, &wanted).expect("written");
                continue;
            }
            assert!(
                readme == wanted,
                "{file} differs from `nastavnik rules fields`; refresh it with NASTAVNIK_WRITE_FIELDS=1"
            );
        }
    }

    #[test]
    fn templates_see_the_document_context() {
        let text = templates_text().expect("fields");
        for line in [
            "org.short_name — строка",
            "curator.name — строка",
            "group.mentees[].name — строка",
        ] {
            assert!(text.lines().any(|l| l == line), "no «{line}» in\n{text}");
        }
        assert!(!text.contains("Черных"), "names are keys, not fields");
    }

    #[test]
    fn every_list_of_records_and_its_fields_are_named() {
        let text = to_text().expect("fields");
        for line in [
            "model.mentors[].experience — число, может быть пусто (())",
            "model.mentees[].source.row — целое",
            "model.pairs[].start — дата ГГГГ-ММ-ДД",
            "model.orders[ключ].number — строка",
            "model.programme.start — дата ГГГГ-ММ-ДД",
            "figures.learners.percent — число",
        ] {
            assert!(text.lines().any(|l| l == line), "no «{line}» in\n{text}");
        }
        assert!(!text.contains("order-curator"), "data keys are not fields");
    }
}
