//! The words of each kind of organisation: a school's «ученик», «класс»,
//! «учитель», «классный руководитель», «родительское собрание»; a
//! college's «студент», «учебная группа, курс, специальность»,
//! «преподаватель», «куратор учебной группы»; an additional-education
//! centre's «обучающийся», «объединение», «педагог дополнительного
//! образования». Declared once, in `templates/kinds/NAME.json`, and seen
//! by every template as `kind.*` (and by the plans' activities as
//! `{kind.KEY.CASE}`): templates never spell a kind's word themselves.
//!
//! Layered like the templates (base → region → `--templates`), merged key
//! by key, so a region changes one word without copying the file; a key
//! the base does not have is refused with the closest one (a misspelt key
//! would leave the base's word in force).

use crate::diag::{Error, Place, Problem, Result};
use crate::layers::{self, TEMPLATES};
use crate::model::{OrgKind, Study};
use serde_json::Value;
use std::collections::BTreeMap;

/// The file of each kind under `templates/kinds/`.
pub fn file_id(kind: OrgKind) -> &'static str {
    match kind {
        OrgKind::School => "school",
        OrgKind::College => "college",
        OrgKind::AdditionalEducation => "additional-education",
    }
}

const ALL: [OrgKind; 3] = [
    OrgKind::School,
    OrgKind::College,
    OrgKind::AdditionalEducation,
];

/// The vocabulary of every kind, layered.
#[derive(Debug, Clone, PartialEq)]
pub struct Kinds(BTreeMap<&'static str, Value>);

impl Kinds {
    /// The words shipped in the binary.
    pub fn base() -> Kinds {
        static BASE: std::sync::OnceLock<Kinds> = std::sync::OnceLock::new();
        BASE.get_or_init(|| {
            Kinds::of(&layers::Layers::default()).expect("the base kinds are valid")
        })
        .clone()
    }

    /// The words of `layers`: each kind's base file with the region's and
    /// the user's copies over it, key by key.
    pub fn of(layers: &layers::Layers) -> Result<Kinds> {
        let mut out = BTreeMap::new();
        let mut problems = Vec::new();
        for kind in ALL {
            let name = format!("kinds/{}.json", file_id(kind));
            let mut merged: Option<Value> = None;
            for (shown, text) in layers::stack(&TEMPLATES, layers, &name)? {
                let at = |pointer: String| Place::Pointer {
                    file: shown.clone(),
                    pointer,
                };
                if let Err(p) = crate::schema::unique_keys(&text, &shown) {
                    problems.push(p);
                    continue;
                }
                let value: Value = match serde_json::from_str(&text) {
                    Ok(v @ Value::Object(_)) => v,
                    Ok(_) => {
                        problems.push(Problem::new(
                            at(String::new()),
                            "слова вида организации — объект JSON: {\"group\": {\"nom\": \"класс\"}, …}".to_owned(),
                        ));
                        continue;
                    }
                    Err(e) => {
                        problems.push(Problem::new(
                            Place::File {
                                file: shown.clone(),
                            },
                            format!(
                                "слова вида организации не прочитаны (строка {}, столбец {}): {}",
                                e.line(),
                                e.column(),
                                crate::schema::serde_message(&e)
                            ),
                        ));
                        continue;
                    }
                };
                match merged.as_mut() {
                    None => merged = Some(value),
                    Some(base) => merge(base, value, "", &mut |pointer, key, known| {
                        let close =
                            crate::rules::suggest::closest(key, known.iter().map(String::as_str))
                                .map(|c| format!(" (может быть, «{c}»?)"))
                                .unwrap_or_default();
                        problems.push(Problem::new(
                            at(pointer.to_owned()),
                            format!("в словах вида организации нет ключа «{key}»{close}: ключ, которого нет в базовом файле, шаблоны не увидят"),
                        ));
                    }),
                }
            }
            match merged {
                Some(v) => {
                    out.insert(file_id(kind), v);
                }
                None => problems.push(Problem::new(
                    Place::File {
                        file: format!("templates/{name}"),
                    },
                    "нет слов вида организации".to_owned(),
                )),
            }
        }
        if problems.is_empty() {
            Ok(Kinds(out))
        } else {
            Err(Error::Input(problems))
        }
    }

    /// The words of `kind`.
    pub fn of_kind(&self, kind: OrgKind) -> &Value {
        static EMPTY: Value = Value::Null;
        self.0.get(file_id(kind)).unwrap_or(&EMPTY)
    }
}

/// `upper` over `base`, key by key (objects merged, anything else
/// replaced); a key `base` lacks is reported as `unknown(pointer, key,
/// known keys)`.
fn merge(
    base: &mut Value,
    upper: Value,
    pointer: &str,
    unknown: &mut dyn FnMut(&str, &str, &[String]),
) {
    let (Value::Object(b), Value::Object(u)) = (&mut *base, upper.clone()) else {
        *base = upper;
        return;
    };
    let known: Vec<String> = b.keys().cloned().collect();
    for (k, v) in u {
        let here = format!("{pointer}/{k}");
        match b.get_mut(&k) {
            Some(old) => merge(old, v, &here, unknown),
            None => unknown(&here, &k, &known),
        }
    }
}

/// `text` with every `{kind.KEY}` or `{kind.KEY.CASE}` replaced by that
/// word of `words` (a placeholder naming no word is left as written: the
/// tests over the base words keep none).
pub fn fill(text: &str, words: &Value) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find("{kind.") {
        out.push_str(&rest[..at]);
        let after = &rest[at + "{kind.".len()..];
        let Some(end) = after.find('}') else {
            out.push_str(&rest[at..]);
            return out;
        };
        let path = &after[..end];
        match word(words, path) {
            Some(word) => out.push_str(word),
            None => out.push_str(&rest[at..at + "{kind.".len() + end + 1]),
        }
        rest = &after[end + 1..];
    }
    out.push_str(rest);
    out
}

/// The word of `words` at `path` (`lesson.pl_gen`), the one way a kind's
/// word is read: by [`fill`] and by a context needing one.
pub fn word<'a>(words: &'a Value, path: &str) -> Option<&'a str> {
    path.split('.')
        .try_fold(words, |v, k| v.get(k))
        .and_then(Value::as_str)
}

/// A learner's study as the documents print it beside her name, from the
/// group, course, specialty and profession of their own columns
/// ([`Study`]) in the kind's words (`study.*`, `{}` the value):
/// - with nothing typed in the combined column, a status the orders decline
///   as an apposition: «студент 2 курса группы ТМ-24, специальность
///   15.02.16 Технология машиностроения» («студентка …» for a woman,
///   «студентку 2 курса …» declined);
/// - after what the combined column holds, the parts in the nominative:
///   «староста, группа ТМ-24, 2 курс».
///
/// `None` when neither is there; `combined` alone when no part is.
pub fn study_phrase(
    words: &Value,
    combined: Option<&str>,
    study: &Study,
    gender: crate::russian::Gender,
) -> Option<String> {
    let combined = combined.map(str::trim).filter(|c| !c.is_empty());
    let clean = |v: &Option<String>| {
        v.as_deref()
            .map(str::trim)
            .filter(|v| !v.is_empty())
            .map(str::to_owned)
    };
    let (group, specialty, profession) = (
        clean(&study.group),
        clean(&study.specialty),
        clean(&study.profession),
    );
    let course = study.course.map(|c| c.to_string());
    if group.is_none() && course.is_none() && specialty.is_none() && profession.is_none() {
        return combined.map(str::to_owned);
    }
    let phrase = |key: &str, value: &str| {
        word(words, &format!("study.{key}"))
            .unwrap_or("{}")
            .replace("{}", value)
    };
    let mut tail: Vec<String> = Vec::new();
    tail.extend(specialty.map(|s| phrase("specialty", &s)));
    tail.extend(profession.map(|s| phrase("profession", &s)));
    let out = match combined {
        Some(head) => {
            let mut parts = vec![head.to_owned()];
            parts.extend(group.map(|g| phrase("group", &g)));
            parts.extend(course.map(|c| phrase("course", &c)));
            parts.extend(tail);
            parts.join(", ")
        }
        None => {
            // «студентка», «обучающаяся» for a woman.
            let learner = word(words, "learner.nom").unwrap_or("");
            let mut status = if gender == crate::russian::Gender::Female && !learner.is_empty() {
                crate::russian::position_in(learner, crate::russian::Case::Nominative, gender)
            } else {
                learner.to_owned()
            };
            for part in [
                course.map(|c| phrase("course_gen", &c)),
                group.map(|g| phrase("group_gen", &g)),
            ]
            .into_iter()
            .flatten()
            {
                if !status.is_empty() {
                    status.push(' ');
                }
                status.push_str(&part);
            }
            std::iter::once(status)
                .filter(|s| !s.is_empty())
                .chain(tail)
                .collect::<Vec<_>>()
                .join(", ")
        }
    };
    Some(out)
}

/// Every path of `words` to a string, for the tests and the fields list.
pub fn paths(words: &Value) -> Vec<String> {
    fn walk(v: &Value, at: &str, out: &mut Vec<String>) {
        match v {
            Value::Object(m) => {
                for (k, v) in m {
                    let here = if at.is_empty() {
                        k.clone()
                    } else {
                        format!("{at}.{k}")
                    };
                    walk(v, &here, out);
                }
            }
            _ => out.push(at.to_owned()),
        }
    }
    let mut out = Vec::new();
    walk(words, "", &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_has_every_word_of_the_school() {
        let kinds = Kinds::base();
        let school = paths(kinds.of_kind(OrgKind::School));
        for kind in ALL {
            assert_eq!(paths(kinds.of_kind(kind)), school, "{kind:?}");
        }
    }

    #[test]
    fn a_region_changes_one_word_and_a_typo_is_named() {
        let dir = tempfile::tempdir().expect("tmp");
        std::fs::create_dir_all(dir.path().join("kinds")).expect("dir");
        std::fs::write(
            dir.path().join("kinds/college.json"),
            r#"{"group": {"nom": "академическая группа"}}"#,
        )
        .expect("write");
        let layers = layers::Layers::builtin(None, None, Some(dir.path())).expect("layers");
        let kinds = Kinds::of(&layers).expect("merged");
        let college = kinds.of_kind(OrgKind::College);
        assert_eq!(college["group"]["nom"], "академическая группа");
        assert_eq!(college["group"]["gen"], "учебной группы");
        std::fs::write(
            dir.path().join("kinds/college.json"),
            r#"{"grup": {"nom": "академическая группа"}}"#,
        )
        .expect("write");
        let Err(Error::Input(problems)) = Kinds::of(&layers) else {
            panic!("a key the base lacks passed")
        };
        assert!(problems[0].message.contains("«group»"), "{problems:?}");
    }

    #[test]
    fn a_study_reads_in_the_kinds_words() {
        use crate::russian::Gender;
        let college = Kinds::base().of_kind(OrgKind::College).clone();
        let study = Study {
            group: Some("ТМ-24".into()),
            course: Some(2),
            specialty: Some("15.02.16 Технология машиностроения".into()),
            profession: None,
        };
        assert_eq!(
            study_phrase(&college, None, &study, Gender::Male).as_deref(),
            Some("студент 2 курса группы ТМ-24, специальность 15.02.16 Технология машиностроения")
        );
        assert_eq!(
            study_phrase(&college, Some("староста"), &study, Gender::Female).as_deref(),
            Some(
                "староста, группа ТМ-24, 2 курс, специальность 15.02.16 Технология машиностроения"
            )
        );
        let welder = Study {
            course: Some(1),
            profession: Some("15.01.05 Сварщик".into()),
            ..Study::default()
        };
        assert_eq!(
            study_phrase(&college, None, &welder, Gender::Female).as_deref(),
            Some("студентка 1 курса, профессия 15.01.05 Сварщик")
        );
        assert_eq!(
            study_phrase(
                &college,
                Some("ТМ-24, 2 курс"),
                &Study::default(),
                Gender::Male
            )
            .as_deref(),
            Some("ТМ-24, 2 курс")
        );
        assert_eq!(
            study_phrase(&college, None, &Study::default(), Gender::Male),
            None
        );
    }

    #[test]
    fn placeholders_are_filled() {
        let words = Kinds::base().of_kind(OrgKind::College).clone();
        assert_eq!(
            fill("работа с {kind.group.ins} и {kind.x}", &words),
            "работа с учебной группой и {kind.x}"
        );
    }
}
