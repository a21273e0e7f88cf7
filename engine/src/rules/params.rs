//! Layered rule parameters: `rules/params.json` (base), deep-merged with
//! `rules/regions/NAME/params.json` and the user's `DIR/params.json`.
//!
//! Numbers a region may change (age limits, mentees per mentor, the coverage
//! target, …) live here and not in the scripts. Templates print some of them
//! (`region_name`, `regional_centre`, `regional_acts`), so [`load`] is public.
//!
//! Merging: objects merge key by key, anything else (numbers, strings,
//! arrays) is replaced by the upper layer, except `disabled`, the list of
//! rule ids switched off, which accumulates over the layers.

use crate::diag::{Error, Place, Problem, Result};
use crate::layers::{check_region, RULES};
use serde_json::{Map, Value};
use std::path::Path;

/// The file name of a parameter layer.
pub const FILE: &str = "params.json";
/// The key holding the rule ids a layer switches off.
pub const DISABLED: &str = "disabled";

/// The merged parameters for a profile and an optional user folder.
pub fn load(region: Option<&str>, user_dir: Option<&Path>) -> Result<Value> {
    let mut layers: Vec<(String, String)> = Vec::new();
    if let Some(text) = RULES.text(FILE) {
        layers.push((format!("rules/{FILE}"), text.to_owned()));
    }
    if let Some(region) = region {
        check_region(region)?;
        let path = format!("regions/{region}/{FILE}");
        if let Some(text) = RULES.text(&path) {
            layers.push((format!("rules/{path}"), text.to_owned()));
        }
    }
    if let Some(dir) = user_dir {
        let path = dir.join(FILE);
        // Present in any form (a FIFO, a folder) means meant: read or refused.
        if path.symlink_metadata().is_ok() {
            let text = crate::fsread::read_text(&path, crate::fsread::Kind::Params)
                .map_err(|e| Error::input(e.problem(&path.display().to_string())))?;
            layers.push((path.display().to_string(), text));
        }
    }
    let mut merged = Value::Object(Map::new());
    let mut disabled: Vec<Value> = Vec::new();
    for (file, text) in layers {
        let mut layer: Value = serde_json::from_str(&text).map_err(|e| {
            Error::input(Problem::new(
                Place::Text {
                    file: file.clone(),
                    line: e.line(),
                    column: e.column(),
                },
                format!("файл параметров правил не является корректным JSON: {e}"),
            ))
        })?;
        let Some(obj) = layer.as_object_mut() else {
            return Err(Error::input(Problem::new(
                Place::File { file },
                "файл параметров правил должен содержать объект JSON { … }",
            )));
        };
        if let Some(list) = obj.remove(DISABLED) {
            let Value::Array(ids) = list else {
                return Err(Error::input(Problem::new(
                    Place::Pointer {
                        file,
                        pointer: format!("/{DISABLED}"),
                    },
                    "«disabled» должен быть списком идентификаторов правил",
                )));
            };
            for id in ids {
                if !id.is_string() {
                    return Err(Error::input(Problem::new(
                        Place::Pointer {
                            file,
                            pointer: format!("/{DISABLED}"),
                        },
                        format!("«disabled»: идентификатор правила должен быть строкой, а не {id}"),
                    )));
                }
                if !disabled.contains(&id) {
                    disabled.push(id);
                }
            }
        }
        merge(&mut merged, layer);
    }
    if let Some(obj) = merged.as_object_mut() {
        obj.insert(DISABLED.to_owned(), Value::Array(disabled));
    }
    Ok(merged)
}

/// The rule ids switched off in merged parameters.
pub fn disabled(params: &Value) -> Vec<String> {
    params
        .get(DISABLED)
        .and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .filter_map(Value::as_str)
                .map(str::to_owned)
                .collect()
        })
        .unwrap_or_default()
}

/// The key mapping rule ids to a severity a profile gives them instead of
/// the script's (`{"stage2.mentee-min-age": "error"}`).
pub const SEVERITY: &str = "severity";

/// Applies the profile's severity overrides to the rules.
pub fn apply_severity(params: &Value, rules: &mut [super::RuleMeta]) -> Result<()> {
    let Some(map) = params.get(SEVERITY) else {
        return Ok(());
    };
    let Some(map) = map.as_object() else {
        return Err(Error::input(Problem::nowhere(
            "параметр «severity» должен быть объектом { \"id правила\": \"error|warning|info\" }",
        )));
    };
    for (id, level) in map {
        let sev = level
            .as_str()
            .and_then(super::Severity::parse)
            .ok_or_else(|| {
                Error::input(Problem::nowhere(format!(
                    "параметр «severity» для «{id}»: {level} — допустимо error, warning или info"
                )))
            })?;
        for r in rules.iter_mut().filter(|r| &r.id == id) {
            r.severity = sev;
        }
    }
    Ok(())
}

/// Deep merge: objects key by key, everything else replaced.
pub fn merge(base: &mut Value, upper: Value) {
    match (base, upper) {
        (Value::Object(b), Value::Object(u)) => {
            for (k, v) in u {
                match b.get_mut(&k) {
                    Some(slot) => merge(slot, v),
                    None => {
                        b.insert(k, v);
                    }
                }
            }
        }
        (slot, v) => *slot = v,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn merge_is_deep_for_objects_only() {
        let mut a = json!({"a": 1, "m": {"x": 1, "y": 2}, "l": [1, 2]});
        merge(&mut a, json!({"m": {"y": 3}, "l": [9], "n": null}));
        assert_eq!(
            a,
            json!({"a": 1, "m": {"x": 1, "y": 3}, "l": [9], "n": null})
        );
    }

    #[test]
    fn base_parameters_have_the_names_templates_use() {
        let p = load(None, None).unwrap_or_default();
        assert_eq!(p["coverage_target_percent"], json!(70));
        assert_eq!(p["young_specialist_max_experience_years"], json!(3));
        assert_eq!(p["young_specialist_max_age"], json!(35));
        assert_eq!(p["mentor_consent_required_from"], json!("2025-03-01"));
        assert_eq!(p["region_name"], Value::Null);
        assert!(p["max_mentees_per_mentor"].is_object());
        assert_eq!(p["regional_acts"], json!([]));
    }

    #[test]
    fn omsk_changes_parameters_over_the_base() {
        let p = load(Some("omsk"), None).unwrap_or_default();
        assert_eq!(p["region_name"], json!("Омская область"));
        assert!(p["regional_centre"]
            .as_str()
            .is_some_and(|s| s.contains("Вместе к успеху")));
        assert!(p["regional_acts"].as_array().is_some_and(|a| !a.is_empty()));
        // Unchanged keys come from the base.
        assert_eq!(p["young_specialist_max_age"], json!(35));
    }

    #[test]
    fn user_layer_merges_and_disables() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        std::fs::write(
            dir.path().join(FILE),
            r#"{"young_specialist_max_age": 30, "max_mentees_per_mentor": {"учитель – учитель": 1}, "disabled": ["stage4.mentor-training"]}"#,
        )
        .unwrap_or_else(|e| panic!("{e}"));
        let p = load(Some("omsk"), Some(dir.path())).unwrap_or_default();
        assert_eq!(p["young_specialist_max_age"], json!(30));
        assert_eq!(p["max_mentees_per_mentor"]["учитель – учитель"], json!(1));
        assert_eq!(p["max_mentees_per_mentor"]["ученик – ученик"], json!(5));
        // Switch-offs add up over the layers: the user's on top of Omsk's.
        assert_eq!(
            disabled(&p),
            vec![
                "stage7.coverage".to_owned(),
                "stage4.mentor-training".to_owned()
            ]
        );
    }

    #[test]
    fn broken_user_params_name_the_place() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        std::fs::write(dir.path().join(FILE), "{\n  \"a\": ,\n}").unwrap_or_else(|e| panic!("{e}"));
        let err = load(None, Some(dir.path()))
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(err.contains("params.json:2:"), "{err}");
    }
}
