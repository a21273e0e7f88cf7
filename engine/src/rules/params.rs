//! Layered rule parameters: `rules/params.json` (base), deep-merged with
//! `rules/regions/NAME/params.json` and the user's `DIR/params.json`.
//!
//! Numbers a region may change (age limits, mentees per mentor, the coverage
//! target, …) live here and not in the scripts. Each layer is checked
//! against `schemas/params.schema.json` ([`super::params_check`]) before it
//! is merged: a wrong type or a misspelt key is refused, never read as
//! «no value» (a string `"100"` once switched a rule off silently).
//!
//! # Dated parameters
//! A parameter is written plain (`"min_mentee_age": 10`), with the act that
//! set it (`{"value": 5, "basis": "Приказ … от … № …"}`), with the date it
//! applies from (`"from": "2026-09-01"`), or as a list of such values in
//! ascending `from`. The value in force for a programme is the one with the
//! latest `from` not after the programme's **start**: a programme is
//! planned, ordered and checked under the law of the day it starts, so one
//! check never mixes two values. A value without `from` applies always.
//! Without a programme (`rules list`) the newest value is shown.
//! Scripts read the plain value in force as `params.NAME` and the act that
//! set it as `params_basis.NAME` ([`InForce`]).
//!
//! # Merging
//! Objects merge key by key (a layer changes one form of
//! `max_mentees_per_mentor`); anything else (numbers, strings, arrays, and a
//! dated value on either side) is replaced by the upper layer; `disabled`,
//! the list of rule ids switched off, accumulates over the layers. Rule ids
//! in `disabled` and `severity` must name a loaded rule
//! ([`Params::check_rule_ids`]).

use super::meta::{RuleMeta, Severity};
use super::params_check::{self, dated_entries, escape};
use super::suggest;
use crate::diag::{Error, Place, Problem, Result};
use crate::layers::{SetBy, RULES};
use chrono::NaiveDate;
use serde::Serialize;
use serde_json::{Map, Value};
use std::collections::BTreeMap;
use std::path::Path;

/// The file name of a parameter layer.
pub const FILE: &str = "params.json";
/// The key holding the rule ids a layer switches off.
pub const DISABLED: &str = "disabled";
/// The key mapping rule ids to a severity a profile gives them instead of
/// the script's (`{"stage2.mentee-min-age": "error"}`).
pub const SEVERITY: &str = "severity";
/// The key of free-form parameters of a profile's own rules (`params.custom.NAME`).
pub const CUSTOM: &str = "custom";

/// A rule id named by a layer, with its place for messages.
#[derive(Debug, Clone)]
struct Named {
    id: String,
    file: String,
    pointer: String,
}

/// The layered parameters of a profile, as written (values may be dated).
#[derive(Debug, Clone)]
pub struct Params {
    /// Every parameter as its upper-most layer wrote it.
    merged: Map<String, Value>,
    /// The file that last set each parameter, and its layer in words
    /// («по умолчанию», «регионального профиля «omsk»», «из ФАЙЛ»).
    /// With the layer's place in the stack (0: base), which the range
    /// check blames.
    origin: BTreeMap<String, (String, String, usize)>,
    /// Rule ids switched off, in layer order.
    disabled: Vec<Named>,
    /// Severity overrides, in layer order (the upper one wins).
    severity: Vec<(Named, Severity)>,
}

/// One parameter as it stands on a date, for reports.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ParamInForce {
    pub name: String,
    pub value: Value,
    /// The date this value applies from; `None`: always.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub from: Option<NaiveDate>,
    /// The act that set the value, as the layer wrote it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub basis: Option<String>,
    /// The params.json that set it.
    pub file: String,
    /// Its layer in words, for [`ParamInForce::basis_text`].
    #[serde(skip)]
    pub set_by: String,
    /// Its layer's place in the stack (0: base), upper layers greater.
    #[serde(skip)]
    pub layer: usize,
}

impl ParamInForce {
    /// The basis a rule prints: the act, or, for a value written without
    /// one, where it comes from (never the act of another value). In
    /// Russian words: it is printed in the signed compliance report.
    pub fn basis_text(&self) -> String {
        match &self.basis {
            Some(b) => b.clone(),
            None => format!(
                "значение «{}» {}",
                params_check::title(&self.name).unwrap_or(&self.name),
                self.set_by
            ),
        }
    }
}

/// The parameters in force on one date.
#[derive(Debug, Clone, PartialEq)]
pub struct InForce {
    /// The date they were chosen for; `None`: the newest values.
    pub date: Option<NaiveDate>,
    pub params: Vec<ParamInForce>,
    /// `params` as scripts and templates see it: name → plain value, plus
    /// `disabled` (ids) and `severity` (id → level).
    pub values: Value,
    /// `params_basis` as scripts see it: name → [`ParamInForce::basis_text`].
    pub bases: Value,
}

/// Reads, checks and merges the layers of a profile and an optional user folder.
/// Every problem of every layer is reported together.
pub fn load(region: Option<&str>, user_dir: Option<&Path>) -> Result<Params> {
    load_layers(&crate::layers::Layers::builtin(region, user_dir, None)?)
}

/// [`load`] for any layers: the base, the region (built in or a folder),
/// the user's `--rules` folder.
pub fn load_layers(layers: &crate::layers::Layers) -> Result<Params> {
    let mut found: Vec<(String, String, String)> = Vec::new();
    for (file, region, text) in crate::layers::stack_layers(&RULES, layers, FILE)? {
        let set_by = match region {
            SetBy::Base => "по умолчанию".to_owned(),
            SetBy::Region(region) => format!("регионального профиля «{region}»"),
            SetBy::User => format!("из {file}"),
        };
        found.push((file, set_by, text));
    }
    let layers = found;
    let mut problems = Vec::new();
    let mut checked = Vec::new();
    for (file, set_by, text) in layers {
        let layer = match crate::schema::parse(&text, &file) {
            Ok(v) => v,
            Err(p) => {
                problems.push(p);
                continue;
            }
        };
        let Value::Object(map) = layer else {
            problems.push(Problem::new(
                Place::File { file },
                "файл параметров правил должен содержать объект JSON { … }",
            ));
            continue;
        };
        let found = params_check::validate(&Value::Object(map.clone()), &file);
        if found.is_empty() {
            checked.push((file, set_by, map));
        } else {
            problems.extend(found);
        }
    }
    if !problems.is_empty() {
        return Err(Error::Input(problems));
    }
    Ok(Params::merge_layers(checked))
}

impl Params {
    fn merge_layers(layers: Vec<(String, String, Map<String, Value>)>) -> Params {
        let mut out = Params {
            merged: Map::new(),
            origin: BTreeMap::new(),
            disabled: Vec::new(),
            severity: Vec::new(),
        };
        for (rank, (file, set_by, mut layer)) in layers.into_iter().enumerate() {
            if let Some(Value::Array(ids)) = layer.remove(DISABLED) {
                for (i, id) in ids.iter().enumerate() {
                    if let Some(id) = id.as_str() {
                        out.disabled.push(Named {
                            id: id.to_owned(),
                            file: file.clone(),
                            pointer: format!("/{DISABLED}/{i}"),
                        });
                    }
                }
            }
            if let Some(Value::Object(levels)) = layer.remove(SEVERITY) {
                for (id, level) in levels {
                    // The schema allows only the three levels.
                    if let Some(sev) = level.as_str().and_then(Severity::parse) {
                        let pointer = format!("/{SEVERITY}/{}", escape(&id));
                        out.severity.push((
                            Named {
                                id,
                                file: file.clone(),
                                pointer,
                            },
                            sev,
                        ));
                    }
                }
            }
            layer.remove("$schema");
            for (name, value) in layer {
                out.origin
                    .insert(name.clone(), (file.clone(), set_by.clone(), rank));
                match out.merged.get_mut(&name) {
                    Some(slot) => merge(slot, value),
                    None => {
                        out.merged.insert(name, value);
                    }
                }
            }
        }
        out
    }

    /// The rule ids switched off, each once, in layer order.
    pub fn disabled(&self) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for n in &self.disabled {
            if !out.contains(&n.id) {
                out.push(n.id.clone());
            }
        }
        out
    }

    /// Every rule id named in `disabled` or `severity` must be a rule of
    /// the profile: a misspelt id would leave the rule running while the
    /// profile says it is off.
    pub fn check_rule_ids(&self, rules: &[RuleMeta]) -> Result<()> {
        let ids: Vec<&str> = rules.iter().map(|r| r.id.as_str()).collect();
        let mut problems: Vec<Problem> = self
            .disabled
            .iter()
            .chain(self.severity.iter().map(|(n, _)| n))
            .filter(|n| !ids.contains(&n.id.as_str()))
            .map(|n| {
                Problem::new(
                    Place::Pointer {
                        file: n.file.clone(),
                        pointer: n.pointer.clone(),
                    },
                    format!(
                        "нет правила «{}» среди загруженных{}",
                        n.id,
                        suggest::hint(&n.id, ids.iter().copied())
                    ),
                )
            })
            .collect();
        // A rule that keeps people or pairs out of the documents (a consent
        // missing or refused, a pair the law does not allow) is the law's,
        // not the profile's: switched off, a refusal would be printed in an
        // order. Its level may change; it may not be switched off.
        problems.extend(
            self.disabled
                .iter()
                .filter(|n| rules.iter().any(|r| r.id == n.id && r.hold_back))
                .map(|n| {
                    Problem::new(
                        Place::Pointer {
                            file: n.file.clone(),
                            pointer: n.pointer.clone(),
                        },
                        format!(
                            "правило «{}» удерживает из документов участников без согласия или с отказом и недопустимые пары: его нельзя отключить (уровень можно изменить в severity)",
                            n.id
                        ),
                    )
                }),
        );
        if problems.is_empty() {
            Ok(())
        } else {
            Err(Error::Input(problems))
        }
    }

    /// Gives the rules the severities the profile sets.
    pub fn apply_severity(&self, rules: &mut [RuleMeta]) {
        for (n, sev) in &self.severity {
            for r in rules.iter_mut().filter(|r| r.id == n.id) {
                r.severity = *sev;
            }
        }
    }

    /// The parameters in force on `date` (see the module note); `None`: the
    /// newest value of each. A parameter with no value in force yet is an
    /// input error at its pointer.
    pub fn in_force(&self, date: Option<NaiveDate>) -> Result<InForce> {
        let mut params = Vec::new();
        let mut problems = Vec::new();
        for (name, raw) in &self.merged {
            let (file, set_by, layer) = self.origin.get(name).cloned().unwrap_or_default();
            match pick(raw, date) {
                Ok((value, from, basis)) => params.push(ParamInForce {
                    name: name.clone(),
                    value,
                    from,
                    basis,
                    file,
                    set_by,
                    layer,
                }),
                Err(message) => problems.push(Problem::new(
                    Place::Pointer {
                        file,
                        pointer: format!("/{}", escape(name)),
                    },
                    message,
                )),
            }
        }
        problems.extend(bounds_crossed(&params, date));
        if !problems.is_empty() {
            return Err(Error::Input(problems));
        }
        let mut values = Map::new();
        let mut bases = Map::new();
        for p in &params {
            values.insert(p.name.clone(), p.value.clone());
            bases.insert(p.name.clone(), Value::String(p.basis_text()));
        }
        values.insert(
            DISABLED.to_owned(),
            Value::Array(self.disabled().into_iter().map(Value::String).collect()),
        );
        let mut levels = Map::new();
        for (n, sev) in &self.severity {
            levels.insert(n.id.clone(), Value::String(sev.as_str().to_owned()));
        }
        values.insert(SEVERITY.to_owned(), Value::Object(levels));
        Ok(InForce {
            date,
            params,
            values: Value::Object(values),
            bases: Value::Object(bases),
        })
    }
}

/// Parameters that bound one range: the lower one may not exceed the upper
/// one. The schema checks each value alone and each layer alone; a range
/// crossed only after merging (a region's minimum above the base's
/// maximum) or only from a date would make every pair fail, so it is
/// refused where the upper layer wrote it.
const RANGES: [(&str, &str); 1] = [("teacher_pair_min_months", "teacher_pair_max_months")];

fn bounds_crossed(params: &[ParamInForce], date: Option<NaiveDate>) -> Vec<Problem> {
    let find = |name: &str| params.iter().find(|p| p.name == name);
    let mut out = Vec::new();
    for (low, high) in RANGES {
        let (Some(lo), Some(hi)) = (find(low), find(high)) else {
            continue;
        };
        let (Some(a), Some(b)) = (lo.value.as_f64(), hi.value.as_f64()) else {
            continue;
        };
        if a <= b {
            continue;
        }
        // Blame the layer written last of the two: the one that crossed them.
        let (blamed, other) = if hi.layer >= lo.layer {
            (hi, lo)
        } else {
            (lo, hi)
        };
        let on = date
            .map(|d| format!(" на {}", crate::russian::date_short(d)))
            .unwrap_or_default();
        out.push(Problem::new(
            Place::Pointer {
                file: blamed.file.clone(),
                pointer: format!("/{}", escape(&blamed.name)),
            },
            format!(
                "«{}» ({}) больше, чем «{}» ({}){on}, а пустой диапазон отвергнет каждую пару; «{}» задано {}",
                params_check::title(low).unwrap_or(low),
                lo.value,
                params_check::title(high).unwrap_or(high),
                hi.value,
                params_check::title(&other.name).unwrap_or(&other.name),
                other.set_by,
            ),
        ));
    }
    out
}

/// The value of one parameter on `date`, with its `from` and basis.
type Picked = (Value, Option<NaiveDate>, Option<String>);

fn pick(raw: &Value, date: Option<NaiveDate>) -> std::result::Result<Picked, String> {
    let Some(entries) = dated_entries(raw) else {
        return Ok((raw.clone(), None, None));
    };
    // The schema checked the dates' form and the order of a list.
    let from = |e: &Map<String, Value>| {
        e.get("from")
            .and_then(Value::as_str)
            .and_then(|t| NaiveDate::parse_from_str(t, "%Y-%m-%d").ok())
    };
    let chosen = match date {
        None => entries.last().copied(),
        Some(d) => entries
            .iter()
            .rev()
            .find(|e| from(e).is_none_or(|f| f <= d))
            .copied(),
    };
    match chosen {
        Some(e) => Ok((
            e.get("value").cloned().unwrap_or(Value::Null),
            from(e),
            e.get("basis").and_then(Value::as_str).map(str::to_owned),
        )),
        None => {
            let first = entries.first().and_then(|e| from(e));
            Err(format!(
                "на дату начала программы {} значение не действует (первое — с {}): добавьте значение без «from» или с более ранней датой",
                date.map(crate::russian::date_short).unwrap_or_default(),
                first.map(crate::russian::date_short).unwrap_or_default()
            ))
        }
    }
}

/// Deep merge: objects key by key, everything else replaced; a value in
/// the dated form (`{"value": …}`) on either side is replaced whole.
pub fn merge(base: &mut Value, upper: Value) {
    let dated = |v: &Value| v.as_object().is_some_and(|o| o.contains_key("value"));
    if dated(base) || dated(&upper) {
        *base = upper;
        return;
    }
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

    fn newest(region: Option<&str>, dir: Option<&Path>) -> Value {
        load(region, dir)
            .and_then(|p| p.in_force(None))
            .map(|f| f.values)
            .unwrap_or_else(|e| panic!("{e}"))
    }

    fn user(text: &str) -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        std::fs::write(dir.path().join(FILE), text).unwrap_or_else(|e| panic!("{e}"));
        dir
    }

    fn day(s: &str) -> Option<NaiveDate> {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()
    }

    #[test]
    fn a_range_crossed_after_merging_or_from_a_date_is_refused_at_the_upper_layer() {
        let dir = user(r#"{"teacher_pair_min_months": 13}"#);
        let got = load(None, Some(dir.path()))
            .and_then(|p| p.in_force(day("2026-09-01")))
            .map(|_| ())
            .map_err(|e| e.to_string());
        let Err(message) = got else {
            panic!("a minimum of 13 months above the base's maximum was accepted")
        };
        assert!(
            message.contains("params.json › /teacher_pair_min_months:")
                && message.contains("(13) больше, чем")
                && message.contains("на 01.09.2026"),
            "{message}"
        );
        // The same range crossed only from a date: fine before, refused after.
        let dir = user(
            r#"{"teacher_pair_max_months": [{"value": 12}, {"value": 6, "from": "2027-01-01"}],
                "teacher_pair_min_months": 9}"#,
        );
        let params = load(None, Some(dir.path())).unwrap_or_else(|e| panic!("{e}"));
        assert!(params.in_force(day("2026-09-01")).is_ok());
        let message = params
            .in_force(day("2027-02-01"))
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(
            message.contains("(9) больше, чем") && message.contains("(6)"),
            "{message}"
        );
    }

    #[test]
    fn merge_is_deep_for_objects_only() {
        let mut a = json!({"a": 1, "m": {"x": 1, "y": 2}, "l": [1, 2]});
        merge(&mut a, json!({"m": {"y": 3}, "l": [9], "n": null}));
        assert_eq!(
            a,
            json!({"a": 1, "m": {"x": 1, "y": 3}, "l": [9], "n": null})
        );
        let mut d = json!({"value": 3, "from": "2020-01-01", "basis": "A"});
        merge(&mut d, json!({"value": 5}));
        assert_eq!(d, json!({"value": 5}));
    }

    #[test]
    fn base_parameters_have_the_names_templates_use() {
        let p = newest(None, None);
        assert_eq!(p["coverage_target_percent"], json!(70));
        assert_eq!(p["young_specialist_max_experience_years"], json!(3));
        assert_eq!(p["young_specialist_max_age"], json!(35));
        assert_eq!(p["mentor_consent_required_from"], json!("2025-03-01"));
        assert_eq!(p["region_name"], Value::Null);
        assert!(p["max_mentees_per_mentor"].is_object());
        assert_eq!(p["regional_acts"], json!([]));
    }

    #[test]
    fn every_form_has_a_limit_and_its_categories_in_every_built_in_profile() {
        for region in [None, Some("omsk")] {
            let p = newest(region, None);
            for form in crate::model::Form::ALL {
                let name = form.name();
                assert!(
                    p["max_mentees_per_mentor"][name]
                        .as_u64()
                        .is_some_and(|n| n >= 1),
                    "{region:?}: нет предела для «{name}»"
                );
                for role in ["mentor", "mentee"] {
                    assert!(
                        p["form_categories"][name][role]
                            .as_array()
                            .is_some_and(|a| !a.is_empty()),
                        "{region:?}: нет категорий {role} для «{name}»"
                    );
                }
            }
        }
        let p = newest(None, None);
        assert_eq!(
            p["form_categories"]["студент – студент"],
            json!({"mentor": ["студент"], "mentee": ["студент"]})
        );
    }

    #[test]
    fn omsk_changes_parameters_over_the_base() {
        let p = newest(Some("omsk"), None);
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
        let dir = user(
            r#"{"young_specialist_max_age": 30, "max_mentees_per_mentor": {"учитель – учитель": 1}, "disabled": ["stage4.mentor-training"]}"#,
        );
        let params = load(Some("omsk"), Some(dir.path())).unwrap_or_else(|e| panic!("{e}"));
        let p = params
            .in_force(None)
            .unwrap_or_else(|e| panic!("{e}"))
            .values;
        assert_eq!(p["young_specialist_max_age"], json!(30));
        assert_eq!(p["max_mentees_per_mentor"]["учитель – учитель"], json!(1));
        assert_eq!(p["max_mentees_per_mentor"]["ученик – ученик"], json!(5));
        // Switch-offs add up over the layers: the user's on top of Omsk's.
        let both = vec![
            "stage7.coverage".to_owned(),
            "stage4.mentor-training".to_owned(),
        ];
        assert_eq!(params.disabled(), both);
        assert_eq!(p[DISABLED], json!(both));
    }

    #[test]
    fn broken_user_params_name_the_place() {
        let dir = user("{\n  \"a\": ,\n}");
        let err = load(None, Some(dir.path()))
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(err.contains("params.json:2:"), "{err}");
        assert!(err.contains("ошибка синтаксиса JSON"), "{err}");
    }

    #[test]
    fn every_bad_layer_is_refused_with_its_file() {
        let dir = user(r#"{"min_mentee_age": "100", "coverage_target_percent": "80 %"}"#);
        let err = load(None, Some(dir.path()))
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        let file = dir.path().join(FILE).display().to_string();
        assert!(
            err.contains(&format!("{file} › /min_mentee_age: ")),
            "{err}"
        );
        assert!(
            err.contains(&format!("{file} › /coverage_target_percent: ")),
            "{err}"
        );
    }

    #[test]
    fn the_value_in_force_is_the_latest_not_after_the_start() {
        let dir = user(
            r#"{"young_specialist_max_experience_years": [
                {"value": 3, "basis": "Письмо № АЗ-1128/08"},
                {"value": 5, "from": "2026-09-01", "basis": "Приказ № 7"}]}"#,
        );
        let params = load(None, Some(dir.path())).unwrap_or_else(|e| panic!("{e}"));
        let at = |d: &str| params.in_force(day(d)).unwrap_or_else(|e| panic!("{e}"));
        let key = "young_specialist_max_experience_years";
        assert_eq!(at("2026-08-31").values[key], json!(3));
        assert_eq!(at("2026-08-31").bases[key], json!("Письмо № АЗ-1128/08"));
        assert_eq!(at("2026-09-01").values[key], json!(5));
        assert_eq!(at("2026-09-01").bases[key], json!("Приказ № 7"));
        let newest = params.in_force(None).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(newest.values[key], json!(5));
        let user = at("2026-09-01").bases["coverage_target_percent"].clone();
        assert!(
            user.as_str().is_some_and(|b| b.starts_with("Распоряжение")),
            "{user}"
        );
        // A plain value's basis names the file that set it.
        let plain = at("2026-09-01").bases["max_mentees_per_mentor"].clone();
        assert_eq!(
            plain,
            json!("значение «Наставляемых у одного наставника» по умолчанию")
        );
    }

    #[test]
    fn a_value_not_yet_in_force_is_an_error_at_its_pointer() {
        let dir = user(r#"{"min_mentee_age": {"value": 12, "from": "2027-01-01"}}"#);
        let params = load(None, Some(dir.path())).unwrap_or_else(|e| panic!("{e}"));
        let err = params
            .in_force(day("2026-09-01"))
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(err.contains("params.json › /min_mentee_age: "), "{err}");
        assert!(
            err.contains("01.09.2026") && err.contains("01.01.2027"),
            "{err}"
        );
    }

    #[test]
    fn a_fifo_or_folder_is_refused_at_once() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        std::fs::create_dir(dir.path().join(FILE)).unwrap_or_else(|e| panic!("{e}"));
        let err = load(None, Some(dir.path()))
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(err.contains("а не обычный файл"), "{err}");
    }
}
