//! A record of the model (a mentor, a pair, a survey answer…) as scripts
//! see it: read-only, its fields read as `p.mentor` or `p["mentor"]`.
//!
//! Why not a Rhai map: a map is copied field by field every time a script
//! takes it out of an array (`for p in model.pairs`, `mentors[name]`), and
//! dropped field by field afterwards; with 5,000 pairs the rules spent most
//! of their time allocating and freeing copies (`docs/bench.md`). A record
//! shares its fields: a copy is one reference count. Scripts read it as they
//! read a map — each field name of the model has a property getter
//! ([`register_fields`]), `p["name"]` goes to the string indexer — and, as
//! with the model's maps, reading a field the record does not have is an
//! error, writing is refused.

use rhai::{Array, Dynamic, Engine, EvalAltResult, Map, Position, INT};
use std::collections::BTreeSet;
use std::sync::Arc;

/// One record of the model, shared.
#[derive(Clone)]
pub struct Record(Arc<Map>);

/// Calls `f` with the fields of a map or of a record; `None` for other values.
pub fn with_fields<R>(value: &Dynamic, f: impl FnOnce(&Map) -> R) -> Option<R> {
    if let Some(record) = value.read_lock::<Record>() {
        return Some(f(&record.0));
    }
    value.read_lock::<Map>().map(|m| f(&m))
}

/// Turns every map found in an array of `value`, at any depth, into a
/// [`Record`]; maps outside arrays (the model itself, `programme`, a
/// record's `source`) stay maps. Also returns the field names the records
/// have, for [`register_fields`].
pub fn share_with_fields(mut value: Dynamic) -> (Dynamic, BTreeSet<String>) {
    let mut fields = BTreeSet::new();
    share_in_place(&mut value, &mut fields);
    (value, fields)
}

// In place: the model of a big school holds some 200,000 values, and
// rebuilding every map and array doubled the cost of handing it to scripts.
fn share_in_place(value: &mut Dynamic, fields: &mut BTreeSet<String>) {
    if value.is_array() {
        let Some(mut items) = value.write_lock::<Array>() else {
            return;
        };
        for item in items.iter_mut() {
            if item.is_map() {
                let mut map = std::mem::take(item).cast::<Map>();
                for (k, v) in map.iter_mut() {
                    if !fields.contains(k.as_str()) {
                        fields.insert(k.to_string());
                    }
                    share_in_place(v, fields);
                }
                *item = Dynamic::from(Record(Arc::new(map)));
            } else {
                share_in_place(item, fields);
            }
        }
    } else if let Some(mut map) = value.write_lock::<Map>() {
        map.values_mut().for_each(|v| share_in_place(v, fields));
    }
}

/// Registers a property getter for each of `fields` (names taken from the
/// model by [`share_with_fields`]). Without one, `p.mentor` first misses a
/// getter and then calls the string indexer with the name made a string
/// value: a quarter of the rules' CPU time on 5,000 pairs went there.
pub fn register_fields(engine: &mut Engine, fields: &BTreeSet<String>) {
    for name in fields {
        let key = name.clone();
        engine.register_get(
            name,
            move |r: &mut Record| -> Result<Dynamic, Box<EvalAltResult>> {
                r.0.get(key.as_str()).cloned().ok_or_else(|| no_field(&key))
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
            r.0.get(name).cloned().ok_or_else(|| no_field(name))
        },
    );
    engine.register_fn("contains", |r: &mut Record, name: &str| {
        r.0.contains_key(name)
    });
    engine.register_fn("keys", |r: &mut Record| -> Array {
        r.0.keys().map(|k| Dynamic::from(k.clone())).collect()
    });
    engine.register_fn("values", |r: &mut Record| -> Array {
        r.0.values().cloned().collect()
    });
    engine.register_fn("len", |r: &mut Record| r.0.len() as INT);
    // A copy a script may change, for the rare rule that needs one.
    engine.register_fn("to_map", |r: &mut Record| -> Map { (*r.0).clone() });
    engine.register_fn("to_string", |r: &mut Record| {
        Dynamic::from_map((*r.0).clone()).to_string()
    });
    engine.register_fn("to_debug", |r: &mut Record| {
        format!("{:?}", Dynamic::from_map((*r.0).clone()))
    });
    engine.register_fn("==", |a: &mut Record, b: Record| same(a, &b));
    engine.register_fn("!=", |a: &mut Record, b: Record| !same(a, &b));
}

/// Two records are equal when they are the same record of the model.
fn same(a: &Record, b: &Record) -> bool {
    Arc::ptr_eq(&a.0, &b.0)
}

#[cfg(test)]
mod tests {
    use crate::rules::sandbox;
    use rhai::{Array, Dynamic, Map, Scope};

    /// Runs `script` over two people, with field getters or through the
    /// indexer alone: both must read alike.
    fn run_with(script: &str, getters: bool) -> Result<Array, Box<rhai::EvalAltResult>> {
        let mut e = sandbox::engine(100_000);
        let mut model = Map::new();
        let people: Array = ["Иванов", "Петров"]
            .iter()
            .enumerate()
            .map(|(i, n)| {
                let mut m = Map::new();
                m.insert("name".into(), (*n).into());
                m.insert("age".into(), Dynamic::from_int(30 + i as rhai::INT));
                m.insert("experience".into(), Dynamic::UNIT);
                if i == 1 {
                    m.insert("class".into(), "5 «А»".into());
                }
                Dynamic::from_map(m)
            })
            .collect();
        model.insert("people".into(), people.into());
        let mut scope = Scope::new();
        let (model, fields) = super::share_with_fields(Dynamic::from_map(model));
        if getters {
            super::register_fields(&mut e, &fields);
        }
        scope.push_constant_dynamic("model", model);
        e.eval_with_scope::<Array>(&mut scope, script)
    }

    fn run(script: &str) -> Result<Array, Box<rhai::EvalAltResult>> {
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
        let with = run_with(script, true);
        let without = run_with(script, false);
        assert_eq!(
            outcome(&with),
            outcome(&without),
            "getters and indexer disagree"
        );
        with
    }

    #[test]
    fn records_read_like_maps() {
        let v = run(r#"
            let out = [];
            for p in model.people { out.push(p.name); out.push(p["age"]); }
            let p = model.people[0];
            out.push(p.experience == ());
            out.push("age" in p);
            out.push("город" in p);
            out.push(p.keys().len());
            out.push(index_by(model.people, "name")["Петров"].age);
            out.push(model.people[1] in model.people);
            out.push(model.people[0] == model.people[1]);
            out
        "#)
        .unwrap_or_default();
        let text: Vec<String> = v.iter().map(|d| d.to_string()).collect();
        assert_eq!(
            text,
            [
                "Иванов",
                "30",
                "Петров",
                "31",
                "true",
                "true",
                "false",
                "3",
                "31",
                "true",
                "false"
            ]
        );
    }

    #[test]
    fn unknown_fields_and_writes_are_errors() {
        // `city` is no record's field; `class` is the second person's only.
        for (script, field) in [
            ("[model.people[0].city]", "city"),
            ("[model.people[0].class]", "class"),
        ] {
            let err = run(script).map(|_| ()).unwrap_err();
            assert!(
                matches!(*err, rhai::EvalAltResult::ErrorPropertyNotFound(ref n, _) if n == field),
                "{err}"
            );
        }
        assert_eq!(
            run("[model.people[1].class]").unwrap_or_default()[0].to_string(),
            "5 «А»"
        );
        assert!(run("let p = model.people[0]; p.age = 1; []").is_err());
    }
}
