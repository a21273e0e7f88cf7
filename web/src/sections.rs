//! The parts of programme.json beyond the organisation's and the
//! programme's fields, as forms generated from
//! `schemas/programme.schema.json`: each top-level property whose values
//! are flat records (texts, dates, numbers, choices; one nested record
//! such as a position's female forms is flattened) is a section —
//! one record (the curator, the council, the final event), a list of
//! records with «удалить» on each and an empty one to add (the team, the
//! mentors' training, the rewards), or records by a key typed in its own
//! field (the orders by their id, the declensions by the name). The
//! remaining top-level values (region, the reports' date and number, the
//! layout) make one section «Отчёты и оформление». What a plain form
//! cannot hold (`inputs`: a map of column names onto fields) is said on
//! the page with the way to change it: uploading programme.json.
//!
//! No document logic: the sections only move the form's texts into the
//! JSON the schema checks; the schema's messages are shown beside their
//! fields.

use serde_json::{Map, Value};

/// How a section's values sit in programme.json.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Shape {
    /// One object at the key (or the root's scalars: key "").
    Record,
    /// An array of objects.
    List,
    /// An object of objects, by a key the user types.
    Keyed,
}

/// A value of a record the form edits: its path inside the record.
#[derive(Clone)]
pub(crate) struct Leaf {
    path: Vec<String>,
    title: String,
    hint: String,
    /// `text`, `date`, `number`, `select`.
    input: &'static str,
    options: Vec<String>,
    required: bool,
}

/// A section of the schema the form edits.
#[derive(Clone)]
pub(crate) struct Section {
    /// programme.json's key ("" for the root's scalars).
    key: String,
    /// The URL's name of the section.
    slug: String,
    title: String,
    hint: String,
    shape: Shape,
    required: bool,
    /// A record's (an item's) name: «Работник», «Приказ».
    item: String,
    /// `Keyed`: what the key is.
    key_title: String,
    key_hint: String,
    leaves: Vec<Leaf>,
}

/// The root's key of the root's scalars' section.
pub(crate) const GENERAL: &str = "general";

/// Keys of programme.json edited by other forms or not by a form.
const ELSEWHERE: &[&str] = &["$schema", "organisation", "programme", "inputs"];

fn schema() -> &'static Value {
    static SCHEMA: std::sync::OnceLock<Value> = std::sync::OnceLock::new();
    SCHEMA.get_or_init(|| {
        serde_json::from_str(nastavnik_engine::schema::schema_text()).unwrap_or_default()
    })
}

fn resolve(v: &Value) -> &Value {
    match v["$ref"].as_str() {
        Some(r) => &schema()["$defs"][r.trim_start_matches("#/$defs/")],
        None => v,
    }
}

fn text(v: &Value, key: &str) -> String {
    v[key].as_str().unwrap_or_default().to_owned()
}

/// The leaf of a scalar property, `None` for anything else.
fn scalar(spec: &Value, path: Vec<String>, required: bool, prefix: &str) -> Option<Leaf> {
    let own = resolve(spec);
    let title = match spec["title"].as_str().or(own["title"].as_str()) {
        Some(t) if prefix.is_empty() => t.to_owned(),
        Some(t) => format!("{prefix}: {}", t.to_lowercase()),
        None => path.join("."),
    };
    let hint = spec["description"]
        .as_str()
        .or(own["description"].as_str())
        .unwrap_or_default()
        .to_owned();
    let (input, options) = if let Some(values) = own["enum"].as_array() {
        let options = values
            .iter()
            .filter_map(|v| v.as_str().map(str::to_owned))
            .collect();
        ("select", options)
    } else if own["type"] == "integer" {
        ("number", Vec::new())
    } else if own["type"] == "string" && own["format"] == "date" {
        ("date", Vec::new())
    } else if own["type"] == "string" {
        ("text", Vec::new())
    } else {
        return None;
    };
    Some(Leaf {
        path,
        title,
        hint,
        input,
        options,
        required,
    })
}

/// The leaves of an object of scalars, one nested object flattened;
/// `None` when it holds anything else (a list, a map).
fn leaves(object: &Value) -> Option<Vec<Leaf>> {
    let object = resolve(object);
    if object["type"] != "object" || object.get("additionalProperties") != Some(&false.into()) {
        return None;
    }
    let required = |o: &Value, k: &str| {
        o["required"]
            .as_array()
            .is_some_and(|r| r.iter().any(|x| x == k))
    };
    let mut out = Vec::new();
    for (key, spec) in object["properties"].as_object()? {
        let own = resolve(spec);
        if own["type"] == "object" {
            let prefix = spec["title"].as_str().or(own["title"].as_str())?;
            for (inner, inner_spec) in own["properties"].as_object()? {
                let leaf = scalar(
                    inner_spec,
                    vec![key.clone(), inner.clone()],
                    required(object, key) && required(own, inner),
                    prefix,
                )?;
                out.push(leaf);
            }
        } else {
            out.push(scalar(spec, vec![key.clone()], required(object, key), "")?);
        }
    }
    Some(out)
}

/// «ключ — ФИО в именительном падеже» of a description: «ФИО в
/// именительном падеже».
fn key_from_description(description: &str) -> Option<String> {
    let rest = description.split("ключ — ").nth(1)?;
    let words = rest.split([',', ';', '.']).next()?.trim();
    let mut chars = words.chars();
    let first = chars.next()?;
    Some(first.to_uppercase().chain(chars).collect())
}

/// Every section of the schema a form edits, in the schema's order, the
/// root's scalars last.
pub(crate) fn all() -> &'static [Section] {
    static ALL: std::sync::OnceLock<Vec<Section>> = std::sync::OnceLock::new();
    ALL.get_or_init(|| {
        let root = schema();
        let required = |k: &str| {
            root["required"]
                .as_array()
                .is_some_and(|r| r.iter().any(|x| x == k))
        };
        let mut sections = Vec::new();
        let mut general = Vec::new();
        for (key, spec) in root["properties"].as_object().into_iter().flatten() {
            if ELSEWHERE.contains(&key.as_str()) {
                continue;
            }
            let own = resolve(spec);
            let title = text(spec, "title");
            let hint = text(spec, "description");
            let section = |shape, item: &Value, key_title: String, key_hint: String| {
                let leaves = leaves(item)?;
                Some(Section {
                    key: key.clone(),
                    slug: key.replace('_', "-"),
                    title: title.clone(),
                    hint: hint.clone(),
                    shape,
                    required: required(key),
                    item: text(resolve(item), "title"),
                    key_title,
                    key_hint,
                    leaves,
                })
            };
            let made = if own["type"] == "array" {
                section(Shape::List, &own["items"], String::new(), String::new())
            } else if own["type"] == "object" && own["additionalProperties"].is_object() {
                let names = &own["propertyNames"];
                let key_title = names["title"]
                    .as_str()
                    .map(str::to_owned)
                    .or_else(|| key_from_description(&hint))
                    .unwrap_or_else(|| "Ключ".to_owned());
                section(
                    Shape::Keyed,
                    &own["additionalProperties"],
                    key_title,
                    text(names, "description"),
                )
            } else if own["type"] == "object" {
                section(Shape::Record, own, String::new(), String::new())
            } else {
                None
            };
            match made {
                Some(s) => sections.push(s),
                None => {
                    // A scalar of the root, or a small object of them
                    // (`layout`): the general section.
                    if let Some(leaf) = scalar(spec, vec![key.clone()], required(key), "") {
                        general.push(leaf);
                    } else if let Some(inner) = leaves(spec) {
                        general.extend(inner.into_iter().map(|mut l| {
                            l.path.insert(0, key.clone());
                            l.title = format!("{title}: {}", l.title.to_lowercase());
                            l
                        }));
                    }
                }
            }
        }
        if !general.is_empty() {
            sections.push(Section {
                key: String::new(),
                slug: GENERAL.to_owned(),
                title: "Отчёты, оформление, региональный профиль".to_owned(),
                hint: "Дата и номер отчётов пакета, редакция ГОСТ Р 7.0.97, региональный профиль."
                    .to_owned(),
                shape: Shape::Record,
                required: true,
                item: String::new(),
                key_title: String::new(),
                key_hint: String::new(),
                leaves: general,
            });
        }
        sections
    })
}

impl Section {
    pub(crate) fn title(&self) -> &str {
        &self.title
    }
}

/// The section of a URL's name.
pub(crate) fn by_slug(slug: &str) -> Option<&'static Section> {
    all().iter().find(|s| s.slug == slug)
}

/// What programme.json's keys the form cannot edit (and how to change
/// them): the page says so.
pub(crate) fn not_on_form() -> Vec<(String, String)> {
    let root = schema();
    root["properties"]
        .as_object()
        .into_iter()
        .flatten()
        .filter(|(k, _)| k.as_str() == "inputs")
        .map(|(k, v)| (k.clone(), text(v, "title")))
        .collect()
}

// ───────────────────────────── the view ─────────────────────────────

pub(crate) struct FieldView {
    pub id: String,
    pub name: String,
    pub title: String,
    pub hint_id: String,
    pub input: &'static str,
    pub value: String,
    pub options: Vec<String>,
    pub required: bool,
    pub error: String,
}

pub(crate) struct RowView {
    pub legend: String,
    /// `Keyed`: the key's field.
    pub key: Option<FieldView>,
    pub fields: Vec<FieldView>,
    /// The name of its «удалить» box (lists and keyed records).
    pub remove: String,
    pub new: bool,
    pub error: String,
}

pub(crate) struct HintView {
    pub id: String,
    pub title: String,
    pub hint: String,
}

pub(crate) struct SectionView {
    pub slug: String,
    pub title: String,
    pub hint: String,
    pub hints: Vec<HintView>,
    pub rows: Vec<RowView>,
    pub error: String,
}

/// A JSON pointer's token.
fn token(s: &str) -> String {
    s.replace('~', "~0").replace('/', "~1")
}

/// The JSON pointer a problem's place ends with (`programme.json ›
/// /team/0/name`).
fn pointer_of(place: &str) -> Option<&str> {
    let (_, p) = place.rsplit_once("› ")?;
    p.starts_with('/').then_some(p)
}

fn scalar_text(v: Option<&Value>) -> String {
    match v {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Number(n)) => n.to_string(),
        Some(Value::Bool(b)) => b.to_string(),
        _ => String::new(),
    }
}

fn at<'a>(record: &'a Value, path: &[String]) -> Option<&'a Value> {
    path.iter().try_fold(record, |v, k| v.get(k))
}

impl Section {
    /// The pointer of the section's value.
    fn base(&self) -> String {
        if self.key.is_empty() {
            String::new()
        } else {
            format!("/{}", token(&self.key))
        }
    }

    fn row(
        &self,
        prefix: &str,
        row_pointer: &str,
        record: Option<&Value>,
        problems: &[(String, String)],
    ) -> (Vec<FieldView>, String) {
        let mut used = vec![false; problems.len()];
        let fields = self
            .leaves
            .iter()
            .map(|leaf| {
                let path: String = leaf.path.iter().map(|p| format!("/{}", token(p))).collect();
                let pointer = format!("{row_pointer}{path}");
                let error = problems
                    .iter()
                    .enumerate()
                    .filter(|(_, (p, _))| *p == pointer || p.starts_with(&format!("{pointer}/")))
                    .map(|(i, (_, m))| {
                        used[i] = true;
                        m.clone()
                    })
                    .collect::<Vec<_>>()
                    .join("; ");
                let name = format!("{prefix}{}", leaf.path.join("."));
                FieldView {
                    id: format!("s-{}-{}", self.slug, name.replace('.', "-")),
                    hint_id: format!("sh-{}-{}", self.slug, leaf.path.join("-")),
                    name,
                    title: leaf.title.clone(),
                    input: leaf.input,
                    value: scalar_text(record.and_then(|r| at(r, &leaf.path))),
                    options: leaf.options.clone(),
                    required: leaf.required,
                    error,
                }
            })
            .collect();
        let row_error = problems
            .iter()
            .zip(&used)
            .filter(|((p, _), used)| {
                !**used && (*p == row_pointer || p.starts_with(&format!("{row_pointer}/")))
            })
            .map(|((_, m), _)| m.clone())
            .collect::<Vec<_>>()
            .join("; ");
        (fields, row_error)
    }

    fn key_field(&self, i: usize, value: &str, error: String) -> FieldView {
        FieldView {
            id: format!("s-{}-{i}-key", self.slug),
            name: format!("{i}.@key"),
            title: self.key_title.clone(),
            hint_id: format!("sh-{}-key", self.slug),
            input: "text",
            value: value.to_owned(),
            options: Vec::new(),
            required: true,
            error,
        }
    }

    /// The section as the page shows it: `programme`'s values, the
    /// problems at their fields (those of a row beside it, of the
    /// section above it).
    pub(crate) fn view(
        &self,
        programme: Option<&Value>,
        problems: &[(String, String)],
    ) -> SectionView {
        let base = self.base();
        let value = match (programme, self.key.is_empty()) {
            (Some(p), true) => Some(p),
            (Some(p), false) => p.get(&self.key),
            (None, _) => None,
        };
        let mine: Vec<(String, String)> = problems
            .iter()
            .filter(|(p, _)| match self.key.is_empty() {
                true => self
                    .leaves
                    .iter()
                    .any(|l| p.starts_with(&format!("/{}", token(&l.path[0])))),
                false => *p == base || p.starts_with(&format!("{base}/")),
            })
            .cloned()
            .collect();
        let mut hints = Vec::new();
        if self.shape == Shape::Keyed {
            hints.push(HintView {
                id: format!("sh-{}-key", self.slug),
                title: self.key_title.clone(),
                hint: self.key_hint.clone(),
            });
        }
        hints.extend(self.leaves.iter().map(|l| HintView {
            id: format!("sh-{}-{}", self.slug, l.path.join("-")),
            title: l.title.clone(),
            hint: l.hint.clone(),
        }));
        let mut rows = Vec::new();
        match self.shape {
            Shape::Record => {
                let (fields, error) = self.row("", &base, value, &mine);
                rows.push(RowView {
                    legend: self.title.clone(),
                    key: None,
                    fields,
                    remove: String::new(),
                    new: false,
                    error,
                });
            }
            Shape::List => {
                let items = value
                    .and_then(|v| v.as_array())
                    .cloned()
                    .unwrap_or_default();
                for (i, item) in items.iter().enumerate() {
                    let (fields, error) =
                        self.row(&format!("{i}."), &format!("{base}/{i}"), Some(item), &mine);
                    rows.push(RowView {
                        legend: format!("{} {}", self.item, i + 1),
                        key: None,
                        fields,
                        remove: format!("{i}.@remove"),
                        new: false,
                        error,
                    });
                }
                let n = items.len();
                let (fields, _) = self.row(&format!("{n}."), "\u{0}", None, &[]);
                rows.push(RowView {
                    legend: format!("Добавить: {}", self.item.to_lowercase()),
                    key: None,
                    fields,
                    remove: String::new(),
                    new: true,
                    error: String::new(),
                });
            }
            Shape::Keyed => {
                let items = value
                    .and_then(|v| v.as_object())
                    .cloned()
                    .unwrap_or_default();
                for (i, (k, item)) in items.iter().enumerate() {
                    let row_pointer = format!("{base}/{}", token(k));
                    let (fields, error) =
                        self.row(&format!("{i}."), &row_pointer, Some(item), &mine);
                    rows.push(RowView {
                        legend: format!("{} «{k}»", self.item),
                        key: Some(self.key_field(i, k, String::new())),
                        fields,
                        remove: format!("{i}.@remove"),
                        new: false,
                        error,
                    });
                }
                let n = items.len();
                let (fields, _) = self.row(&format!("{n}."), "\u{0}", None, &[]);
                rows.push(RowView {
                    legend: format!("Добавить: {}", self.item.to_lowercase()),
                    key: Some(self.key_field(n, "", String::new())),
                    fields,
                    remove: String::new(),
                    new: true,
                    error: String::new(),
                });
            }
        }
        // Problems of the section itself (a key refused, a list too long).
        let error = mine
            .iter()
            .filter(|(p, _)| match self.shape {
                Shape::Record => false,
                _ => *p == base,
            })
            .map(|(_, m)| m.clone())
            .collect::<Vec<_>>()
            .join("; ");
        SectionView {
            slug: self.slug.clone(),
            title: self.title.clone(),
            hint: self.hint.clone(),
            hints,
            rows,
            error,
        }
    }

    /// A leaf's value as typed: trimmed; a number as a number when it
    /// reads as one (else the text, for the schema to refuse by name).
    fn typed(leaf: &Leaf, given: &str) -> Value {
        match leaf.input {
            "number" => given
                .parse::<i64>()
                .map(Value::from)
                .unwrap_or_else(|_| Value::from(given)),
            _ => Value::from(given),
        }
    }

    /// A record from the form's fields under `prefix`, over `old` (the
    /// fields left empty removed); `None` when nothing is filled.
    fn record(
        &self,
        prefix: &str,
        old: Option<&Value>,
        given: &dyn Fn(&str) -> Option<String>,
    ) -> Option<Value> {
        let mut record = old.cloned().unwrap_or_else(|| Value::Object(Map::new()));
        for leaf in &self.leaves {
            let name = format!("{prefix}{}", leaf.path.join("."));
            let Some(v) = given(&name) else { continue };
            set(
                &mut record,
                &leaf.path,
                (!v.is_empty()).then(|| Self::typed(leaf, &v)),
            );
        }
        record
            .as_object()
            .is_some_and(|o| !o.is_empty())
            .then_some(record)
    }

    /// Puts the form's values of this section into `programme`. Nothing
    /// is checked here but what the schema cannot see (a keyed record
    /// without its key, a key given twice): the schema checks the rest.
    pub(crate) fn apply(
        &self,
        programme: &mut Value,
        form: &[(String, String)],
    ) -> Result<(), Vec<(String, String)>> {
        let given = |name: &str| -> Option<String> {
            form.iter()
                .find(|(k, _)| k == name)
                .map(|(_, v)| v.trim().to_owned())
        };
        let removed = |i: usize| given(&format!("{i}.@remove")).is_some_and(|v| !v.is_empty());
        let rows = (0..)
            .take_while(|i| form.iter().any(|(k, _)| k.starts_with(&format!("{i}."))))
            .collect::<Vec<usize>>();
        let Some(root) = programme.as_object_mut() else {
            return Err(vec![(
                String::new(),
                "programme.json — не объект JSON".to_owned(),
            )]);
        };
        let new = match self.shape {
            Shape::Record if self.key.is_empty() => {
                let mut whole = Value::Object(std::mem::take(root));
                for leaf in &self.leaves {
                    let Some(v) = given(&leaf.path.join(".")) else {
                        continue;
                    };
                    set(
                        &mut whole,
                        &leaf.path,
                        (!v.is_empty()).then(|| Self::typed(leaf, &v)),
                    );
                }
                if let Value::Object(o) = whole {
                    *root = o;
                }
                return Ok(());
            }
            Shape::Record => self.record("", root.get(&self.key), &given),
            Shape::List => {
                let old = root
                    .get(&self.key)
                    .and_then(|v| v.as_array())
                    .cloned()
                    .unwrap_or_default();
                let items: Vec<Value> = rows
                    .iter()
                    .filter(|&&i| !removed(i))
                    .filter_map(|&i| self.record(&format!("{i}."), old.get(i), &given))
                    .collect();
                (!items.is_empty()).then(|| Value::Array(items))
            }
            Shape::Keyed => {
                let old: Vec<(String, Value)> = root
                    .get(&self.key)
                    .and_then(|v| v.as_object())
                    .map(|o| o.iter().map(|(k, v)| (k.clone(), v.clone())).collect())
                    .unwrap_or_default();
                let mut items = Map::new();
                let mut problems = Vec::new();
                for &i in rows.iter().filter(|&&i| !removed(i)) {
                    let prefix = format!("{i}.");
                    let key = given(&format!("{i}.@key")).unwrap_or_default();
                    let was = old.get(i).map(|(_, v)| v);
                    let Some(record) = self.record(&prefix, was, &given) else {
                        if !key.is_empty() {
                            problems.push((
                                format!("{}/{}", self.base(), token(&key)),
                                format!("«{key}»: не заполнено ни одного поля; заполните их или отметьте «удалить»"),
                            ));
                        }
                        continue;
                    };
                    if key.is_empty() {
                        problems.push((
                            self.base(),
                            format!(
                                "запись {} не сохранена: не указано поле «{}»",
                                i + 1,
                                self.key_title
                            ),
                        ));
                    } else if items.contains_key(&key) {
                        problems.push((
                            self.base(),
                            format!("«{key}» указан дважды: оставьте одну запись"),
                        ));
                    } else {
                        items.insert(key, record);
                    }
                }
                if !problems.is_empty() {
                    return Err(problems);
                }
                (!items.is_empty()).then_some(Value::Object(items))
            }
        };
        match new {
            Some(v) => {
                root.insert(self.key.clone(), v);
            }
            // Emptied: a required section stays for the schema to refuse
            // by name; an optional one goes.
            None if self.required => {
                root.insert(
                    self.key.clone(),
                    match self.shape {
                        Shape::List => Value::Array(Vec::new()),
                        _ => Value::Object(Map::new()),
                    },
                );
            }
            None => {
                root.remove(&self.key);
            }
        }
        Ok(())
    }
}

/// Sets (or, with `None`, removes) the value at `path`, creating the
/// objects on the way and removing those left empty.
fn set(record: &mut Value, path: &[String], value: Option<Value>) {
    let Some((last, parents)) = path.split_last() else {
        return;
    };
    if !record.is_object() {
        *record = Value::Object(Map::new());
    }
    let Some(object) = record.as_object_mut() else {
        return;
    };
    match parents.split_first() {
        None => match value {
            Some(v) => {
                object.insert(last.clone(), v);
            }
            None => {
                object.remove(last);
            }
        },
        Some((first, rest)) => {
            let mut inner = object.remove(first).unwrap_or(Value::Object(Map::new()));
            let mut inner_path = rest.to_vec();
            inner_path.push(last.clone());
            set(&mut inner, &inner_path, value);
            if inner.as_object().is_none_or(|o| !o.is_empty()) {
                object.insert(first.clone(), inner);
            }
        }
    }
}

/// The problems' pointers and messages (those with a pointer).
pub(crate) fn pointed(problems: &[crate::pages::ProblemView]) -> Vec<(String, String)> {
    problems
        .iter()
        .filter_map(|p| pointer_of(&p.place).map(|ptr| (ptr.to_owned(), p.message.clone())))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every top-level key of the schema is on a form or said not to be.
    #[test]
    fn every_key_of_the_schema_has_its_place() {
        let root = schema();
        let on_form: Vec<String> = all()
            .iter()
            .flat_map(|s| match s.key.is_empty() {
                true => s.leaves.iter().map(|l| l.path[0].clone()).collect(),
                false => vec![s.key.clone()],
            })
            .collect();
        let said: Vec<String> = not_on_form().into_iter().map(|(k, _)| k).collect();
        for key in root["properties"].as_object().unwrap().keys() {
            let elsewhere = ["$schema", "organisation", "programme"].contains(&key.as_str());
            assert!(
                elsewhere || on_form.contains(key) || said.contains(key),
                "{key} is on no form"
            );
        }
        for key in [
            "team",
            "orders",
            "council",
            "rewards",
            "mentor_training",
            "declensions",
            "position_forms",
            "curator",
            "final_event",
        ] {
            assert!(on_form.iter().any(|k| k == key), "{key}");
        }
    }

    #[test]
    fn a_list_adds_removes_and_keeps_order() {
        let team = by_slug("team").unwrap();
        let mut p = serde_json::json!({"team": [
            {"name": "А", "position": "учитель"},
            {"name": "Б", "position": "учитель", "role": "член группы"}
        ]});
        let form: Vec<(String, String)> = [
            ("0.name", "А"),
            ("0.position", "учитель"),
            ("0.role", ""),
            ("0.@remove", "1"),
            ("1.name", "Б"),
            ("1.position", "завуч"),
            ("1.role", ""),
            ("2.name", "В"),
            ("2.position", "педагог"),
            ("2.role", "секретарь"),
        ]
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
        team.apply(&mut p, &form).unwrap();
        assert_eq!(
            p,
            serde_json::json!({"team": [
                {"name": "Б", "position": "завуч"},
                {"name": "В", "position": "педагог", "role": "секретарь"}
            ]})
        );
    }

    #[test]
    fn a_keyed_record_needs_its_key_and_a_nested_one_is_flattened() {
        let orders = by_slug("orders").unwrap();
        let mut p = serde_json::json!({});
        let form: Vec<(String, String)> =
            [("0.@key", ""), ("0.number", "5"), ("0.date", "2025-09-01")]
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect();
        let e = orders.apply(&mut p, &form).unwrap_err();
        assert!(e[0].1.contains("Идентификатор приказа"), "{e:?}");
        let forms = by_slug("position-forms").unwrap();
        let form: Vec<(String, String)> = [
            ("0.@key", "студент"),
            ("0.female.nominative", "студентка"),
            ("0.genitive", ""),
        ]
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
        forms.apply(&mut p, &form).unwrap();
        assert_eq!(
            p,
            serde_json::json!({"position_forms": {"студент": {"female": {"nominative": "студентка"}}}})
        );
    }
}
