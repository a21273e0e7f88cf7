//! A record of the model (a mentor, a pair, a survey answer…) as scripts
//! see it: read-only, its fields read as `p.mentor` or `p["mentor"]`.
//!
//! Why not a Rhai map: converting the model of a 5,000-pair school into
//! maps (23,000 records, each with its `source`) took 0.1 s and 44 MiB, and
//! dropping them again another 30 ms — more than reading the XLSX tables
//! (`docs/bench.md`); a map taken out of an array was even copied field by
//! field. A record is a handle into the model's own lists (one copy of the
//! Rust model per run, shared by every rule and thread): copying one is a
//! reference count, and a field is converted only when a script reads it,
//! through the record's `Serialize` (`rules::pick`), so it reads exactly
//! as the map did. Each field name has a property getter
//! ([`register_fields`]), `p["name"]` goes to the string indexer; as with
//! the model's maps, reading a field the record does not have is an error,
//! writing is refused. The model around the lists (`programme`, `orders`…)
//! stays a map.

use super::pick;
use crate::model::{
    Group, Mentee, Mentor, Model, Pair, Reward, RoadmapEvent, Staff, SurveyResponse, TrainingEvent,
};
use rhai::{Array, Dynamic, Engine, EvalAltResult, Map, Position, INT};
use std::collections::BTreeSet;
use std::sync::Arc;

/// The model's lists of records, moved out of the run's copy of the model.
struct Lists {
    mentors: Vec<Mentor>,
    mentees: Vec<Mentee>,
    pairs: Vec<Pair>,
    groups: Vec<Group>,
    roadmap: Vec<RoadmapEvent>,
    responses: Vec<SurveyResponse>,
    team: Vec<Staff>,
    training: Vec<TrainingEvent>,
    rewards: Vec<Reward>,
    /// `check --explain`: every field read, by record. `None` in a plain
    /// run, where a read costs only this check.
    trace: Option<std::sync::Mutex<BTreeSet<(List, usize, String)>>>,
}

/// Which of [`Lists`] a record is in.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Debug)]
enum List {
    Mentors,
    Mentees,
    Pairs,
    Groups,
    Roadmap,
    Responses,
    Team,
    Training,
    Rewards,
}

/// One record of the model, shared.
#[derive(Clone)]
pub struct Record {
    lists: Arc<Lists>,
    list: List,
    index: usize,
}

/// Runs `$body` with `$x` bound to the record's struct, whatever its type.
macro_rules! with_record {
    ($r:expr, |$x:ident| $body:expr) => {{
        let lists = &$r.lists;
        let i = $r.index;
        match $r.list {
            List::Mentors => lists.mentors.get(i).and_then(|$x| $body),
            List::Mentees => lists.mentees.get(i).and_then(|$x| $body),
            List::Pairs => lists.pairs.get(i).and_then(|$x| $body),
            List::Groups => lists.groups.get(i).and_then(|$x| $body),
            List::Roadmap => lists.roadmap.get(i).and_then(|$x| $body),
            List::Responses => lists.responses.get(i).and_then(|$x| $body),
            List::Team => lists.team.get(i).and_then(|$x| $body),
            List::Training => lists.training.get(i).and_then(|$x| $body),
            List::Rewards => lists.rewards.get(i).and_then(|$x| $body),
        }
    }};
}

impl Record {
    fn get(&self, name: &str) -> Option<Dynamic> {
        if let Some(trace) = &self.lists.trace {
            // A poisoned lock only loses the trace, never the verdict.
            if let Ok(mut t) = trace.lock() {
                t.insert((self.list, self.index, name.to_owned()));
            }
        }
        self.read(name)
    }

    /// A field, untraced.
    fn read(&self, name: &str) -> Option<Dynamic> {
        with_record!(self, |x| pick::field(x, name))
    }

    /// The whole record as a map, as `to_dynamic` makes it.
    fn to_map(&self) -> Map {
        with_record!(self, |x| rhai::serde::to_dynamic(x)
            .ok()
            .and_then(|d| d.try_cast::<Map>()))
        .unwrap_or_default()
    }
}

/// A field of a map or of a record; `None` when the value is neither or has
/// no such field.
pub fn field(value: &Dynamic, name: &str) -> Option<Dynamic> {
    if let Some(record) = value.read_lock::<Record>() {
        return record.get(name);
    }
    value.read_lock::<Map>().and_then(|m| m.get(name).cloned())
}

/// The model as scripts see it: a map whose lists of records hold
/// [`Record`]s; also the field names those records have, for
/// [`register_fields`].
pub fn model(model: &Model) -> Result<(Dynamic, BTreeSet<String>), Box<EvalAltResult>> {
    build(model, false).map(|(m, f, _)| (m, f))
}

/// What a rule read of one record ([`model_traced`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Read {
    /// The list in the model (`mentees`) and the record's index in it.
    pub list: &'static str,
    pub index: usize,
    /// Where the record is: its row of a table, or its JSON pointer.
    pub place: ReadPlace,
    /// The fields read: name → the value as the rule saw it.
    pub fields: std::collections::BTreeMap<String, String>,
}

/// Where a read record is, for an auditor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReadPlace {
    Row(crate::model::RowSource),
    /// A group is made of rows of «Пары».
    Rows(Vec<crate::model::RowSource>),
    Pointer(String),
}

/// The reads of a traced model so far.
pub struct Trace(Arc<Lists>);

impl Trace {
    /// Every record read, in list order then index order, with its fields.
    pub fn reads(&self) -> Vec<Read> {
        let Some(trace) = &self.0.trace else {
            return Vec::new();
        };
        let seen = match trace.lock() {
            Ok(t) => t.clone(),
            Err(p) => p.into_inner().clone(),
        };
        let mut out: Vec<Read> = Vec::new();
        for (list, index, field) in seen {
            let record = Record {
                lists: self.0.clone(),
                list,
                index,
            };
            let value = match record.read(&field) {
                Some(v) if v.is_string() => format!("«{v}»"),
                Some(v) if v.is_unit() => "пусто".to_owned(),
                Some(v) if v.is_float() || v.is_bool() => match (v.as_float(), v.as_bool()) {
                    (Ok(x), _) => crate::russian::number(x),
                    (_, Ok(true)) => "да".to_owned(),
                    _ => "нет".to_owned(),
                },
                Some(v) => v.to_string(),
                None => "нет такого поля".to_owned(),
            };
            match out.last_mut() {
                Some(last) if last.list == list.name() && last.index == index => {
                    last.fields.insert(field, value);
                }
                _ => out.push(Read {
                    list: list.name(),
                    index,
                    place: self.place(list, index),
                    fields: std::collections::BTreeMap::from([(field, value)]),
                }),
            }
        }
        out
    }

    fn place(&self, list: List, i: usize) -> ReadPlace {
        let l = &self.0;
        let row = |s: Option<&crate::model::RowSource>| match s {
            Some(s) => ReadPlace::Row(s.clone()),
            None => ReadPlace::Pointer(format!("/{}/{i}", list.name())),
        };
        match list {
            List::Mentors => row(l.mentors.get(i).map(|x| &x.source)),
            List::Mentees => row(l.mentees.get(i).map(|x| &x.source)),
            List::Pairs => row(l.pairs.get(i).map(|x| &x.source)),
            List::Roadmap => row(l.roadmap.get(i).map(|x| &x.source)),
            List::Responses => row(l.responses.get(i).map(|x| &x.source)),
            List::Groups => match l.groups.get(i) {
                Some(g) => ReadPlace::Rows(g.rows.clone()),
                None => ReadPlace::Pointer(format!("/groups/{i}")),
            },
            List::Team | List::Training | List::Rewards => {
                ReadPlace::Pointer(format!("/{}/{i}", list.name()))
            }
        }
    }
}

impl List {
    /// The list's key in the model as scripts see it.
    fn name(self) -> &'static str {
        match self {
            List::Mentors => "mentors",
            List::Mentees => "mentees",
            List::Pairs => "pairs",
            List::Groups => "groups",
            List::Roadmap => "roadmap",
            List::Responses => "survey.responses",
            List::Team => "team",
            List::Training => "mentor_training",
            List::Rewards => "rewards",
        }
    }
}

/// [`model`] that records every field a script reads of every record
/// (`check --explain`).
pub fn model_traced(
    model: &Model,
) -> Result<(Dynamic, BTreeSet<String>, Trace), Box<EvalAltResult>> {
    build(model, true)
}

fn build(
    model: &Model,
    traced: bool,
) -> Result<(Dynamic, BTreeSet<String>, Trace), Box<EvalAltResult>> {
    use std::mem::take;
    let mut shell = model.clone();
    let lists = Arc::new(Lists {
        mentors: take(&mut shell.mentors),
        mentees: take(&mut shell.mentees),
        pairs: take(&mut shell.pairs),
        groups: take(&mut shell.groups),
        roadmap: take(&mut shell.roadmap),
        responses: take(&mut shell.survey.responses),
        team: take(&mut shell.team),
        training: take(&mut shell.mentor_training),
        rewards: take(&mut shell.rewards),
        trace: traced.then(|| std::sync::Mutex::new(BTreeSet::new())),
    });
    let mut map = rhai::serde::to_dynamic(&shell)?
        .try_cast::<Map>()
        .unwrap_or_default();
    let mut fields = BTreeSet::new();
    let mut records = |list: List, len: usize| -> Dynamic {
        let records: Array = (0..len)
            .map(|index| {
                Dynamic::from(Record {
                    lists: lists.clone(),
                    list,
                    index,
                })
            })
            .collect();
        if let Some(first) = records.first().and_then(|r| r.read_lock::<Record>()) {
            fields.extend(first.to_map().keys().map(|n| n.to_string()));
        }
        records.into()
    };
    // The keys are the serde names of `Model`'s fields; the test
    // `the_model_reads_as_its_maps_did` checks that none is missed.
    let top = [
        ("mentors", records(List::Mentors, lists.mentors.len())),
        ("mentees", records(List::Mentees, lists.mentees.len())),
        ("pairs", records(List::Pairs, lists.pairs.len())),
        ("groups", records(List::Groups, lists.groups.len())),
        ("roadmap", records(List::Roadmap, lists.roadmap.len())),
        ("team", records(List::Team, lists.team.len())),
        (
            "mentor_training",
            records(List::Training, lists.training.len()),
        ),
        ("rewards", records(List::Rewards, lists.rewards.len())),
    ];
    let responses = records(List::Responses, lists.responses.len());
    for (key, value) in top {
        map.insert(key.into(), value);
    }
    if let Some(mut survey) = map.get_mut("survey").and_then(|s| s.write_lock::<Map>()) {
        survey.insert("responses".into(), responses);
    }
    Ok((Dynamic::from_map(map), fields, Trace(lists)))
}

/// Registers a property getter for each of `fields` (names taken from the
/// model by [`model`]). Without one, `p.mentor` first misses a getter and
/// then calls the string indexer with the name made a string value: a
/// quarter of the rules' CPU time on 5,000 pairs went there.
pub fn register_fields(engine: &mut Engine, fields: &BTreeSet<String>) {
    for name in fields {
        let key = name.clone();
        engine.register_get(
            name,
            move |r: &mut Record| -> Result<Dynamic, Box<EvalAltResult>> {
                r.get(key.as_str()).ok_or_else(|| no_field(&key))
            },
        );
    }
}

fn no_field(name: &str) -> Box<EvalAltResult> {
    Box::new(EvalAltResult::ErrorPropertyNotFound(
        name.to_owned(),
        Position::NONE,
    ))
}

/// Registers the record type: field access, `in`, `keys`, `values`, `len`,
/// printing and comparison.
pub fn register(engine: &mut Engine) {
    engine.register_type_with_name::<Record>("Record");
    // `p.name` (Rhai falls back to this indexer for properties) and `p["name"]`.
    engine.register_indexer_get(
        |r: &mut Record, name: &str| -> Result<Dynamic, Box<EvalAltResult>> {
            r.get(name).ok_or_else(|| no_field(name))
        },
    );
    engine.register_fn("contains", |r: &mut Record, name: &str| {
        r.get(name).is_some()
    });
    engine.register_fn("keys", |r: &mut Record| -> Array {
        r.to_map()
            .keys()
            .map(|k| Dynamic::from(k.clone()))
            .collect()
    });
    engine.register_fn("values", |r: &mut Record| -> Array {
        r.to_map().into_values().collect()
    });
    engine.register_fn("len", |r: &mut Record| r.to_map().len() as INT);
    // A copy a script may change, for the rare rule that needs one.
    engine.register_fn("to_map", |r: &mut Record| -> Map { r.to_map() });
    engine.register_fn("to_string", |r: &mut Record| {
        Dynamic::from_map(r.to_map()).to_string()
    });
    engine.register_fn("to_debug", |r: &mut Record| {
        format!("{:?}", Dynamic::from_map(r.to_map()))
    });
    engine.register_fn("==", |a: &mut Record, b: Record| same(a, &b));
    engine.register_fn("!=", |a: &mut Record, b: Record| !same(a, &b));
}

/// Two records are equal when they are the same record of the model.
fn same(a: &Record, b: &Record) -> bool {
    Arc::ptr_eq(&a.lists, &b.lists) && a.list == b.list && a.index == b.index
}

#[cfg(test)]
mod tests {
    use crate::model::Model;
    use crate::rules::sandbox;
    use rhai::{Array, Dynamic, Map, Scope};

    /// Runs `script` over the example school, with field getters or through
    /// the indexer alone: both must read alike.
    fn run_with(
        script: &str,
        model: &Model,
        getters: bool,
    ) -> Result<Array, Box<rhai::EvalAltResult>> {
        let mut e = sandbox::engine(100_000);
        let (model, fields) = super::model(model)?;
        if getters {
            super::register_fields(&mut e, &fields);
        }
        let mut scope = Scope::new();
        scope.push_constant_dynamic("model", model);
        e.eval_with_scope::<Array>(&mut scope, script)
    }

    fn run(script: &str, model: &Model) -> Result<Array, Box<rhai::EvalAltResult>> {
        // Positions may differ by a column; the outcome may not.
        let outcome = |r: &Result<Array, Box<rhai::EvalAltResult>>| match r {
            Ok(v) => format!("{v:?}"),
            Err(e) => match &**e {
                rhai::EvalAltResult::ErrorPropertyNotFound(name, _) => format!("no field {name}"),
                other => format!(
                    "error {}",
                    other.to_string().split(" (").next().unwrap_or("")
                ),
            },
        };
        let with = run_with(script, model, true);
        let without = run_with(script, model, false);
        assert_eq!(
            outcome(&with),
            outcome(&without),
            "getters and indexer disagree"
        );
        with
    }

    #[test]
    fn records_read_like_maps() {
        let model = crate::example::model();
        let (a, b) = (&model.mentees[0], &model.mentees[1]);
        let v = run(
            r#"
            let out = [];
            for p in model.mentees { out.push(p.name); out.push(p["age"]); }
            let p = model.mentees[0];
            out.push(p.experience == ());
            out.push("age" in p);
            out.push("город" in p);
            out.push(p.keys().len());
            out.push(p.len());
            out.push(index_by(model.mentees, "name")[model.mentees[1].name].category);
            out.push(model.mentees[1] in model.mentees);
            out.push(model.mentees[0] == model.mentees[1]);
            out.push(model.mentees[0] == model.mentees[0]);
            out.push(p.source.row);
            out
        "#,
            &model,
        )
        .unwrap_or_default();
        let text: Vec<String> = v.iter().map(|d| d.to_string()).collect();
        let age = |m: &crate::model::Mentee| m.age.map(|a| a.to_string()).unwrap_or_default();
        let mut expected: Vec<String> = model
            .mentees
            .iter()
            .flat_map(|m| [m.name.clone(), age(m)])
            .collect();
        let category = rhai::serde::to_dynamic(b.category).expect("converts");
        expected.extend([
            a.experience.is_none().to_string(),
            "true".into(),
            "false".into(),
            "10".into(),
            "10".into(),
            category.to_string(),
            "true".into(),
            "false".into(),
            "true".into(),
            a.source.row.to_string(),
        ]);
        assert_eq!(text, expected);
    }

    #[test]
    fn unknown_fields_and_writes_are_errors() {
        let model = crate::example::model();
        let err = run("[model.mentees[0].city]", &model)
            .map(|_| ())
            .unwrap_err();
        assert!(
            matches!(*err, rhai::EvalAltResult::ErrorPropertyNotFound(ref n, _) if n == "city"),
            "{err}"
        );
        assert!(run("let p = model.mentees[0]; p.age = 1; []", &model).is_err());
        assert!(run("let p = model.pairs[0]; p[\"form\"] = 1; []", &model).is_err());
    }

    /// Records turned back into maps, at any depth.
    fn as_maps(value: Dynamic) -> Dynamic {
        if let Some(record) = value.read_lock::<super::Record>() {
            return Dynamic::from_map(record.to_map());
        }
        if value.is_array() {
            let items = value.cast::<Array>();
            return items.into_iter().map(as_maps).collect::<Array>().into();
        }
        if value.is_map() {
            let map = value.cast::<Map>();
            return Dynamic::from_map(map.into_iter().map(|(k, v)| (k, as_maps(v))).collect());
        }
        value
    }

    /// Every value a script can read is the one the whole model converted
    /// to maps gives: no list left out, no field read differently.
    #[test]
    fn the_model_reads_as_its_maps_did() {
        for model in [crate::example::model(), crate::example::scaled(300)] {
            let maps = rhai::serde::to_dynamic(&model).expect("converts");
            let (records, fields) = super::model(&model).expect("converts");
            assert_eq!(format!("{:?}", as_maps(records)), format!("{maps:?}"));
            for name in [
                "mentor", "mentee", "form", "source", "scores", "role", "stage",
            ] {
                assert!(fields.contains(name), "no getter for {name}");
            }
        }
    }
}
