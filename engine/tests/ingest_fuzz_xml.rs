//! Structure-aware fuzzing, bounded so that it runs in every `cargo test`:
//! the example's real workbook with its XML parts mutated where a reader
//! trusts them (cell references, types, values, shared-string indexes,
//! the sheet's dimension, the shared-string count, any attribute, cuts and
//! inserted bytes), and the example's programme.json with any value
//! replaced (wrong types, huge numbers, control characters, long strings,
//! deep nesting). Loading must return `Ok` or `Error::Input`, and nothing
//! may panic, not even inside calamine where `workbook::guarded` would
//! catch it: a panic hook counts every panic of this test binary.

#[path = "support/hostile.rs"]
mod hostile;

#[path = "support/seeded.rs"]
mod seeded;
use hostile::*;
use nastavnik_engine::ingest::workbook::Workbook;
use nastavnik_engine::{example, load, Error};
use proptest::prelude::*;
use proptest::sample::Index;
use serde_json::Value;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Once, OnceLock};

static PANICS: AtomicUsize = AtomicUsize::new(0);

/// Counts every panic from now on (caught or not), still printing it,
/// except proptest's own report of a failed case in this file: the two
/// tests run in parallel and one's failure is not the other's panic.
fn count_panics() {
    static HOOK: Once = Once::new();
    HOOK.call_once(|| {
        let default = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            let harness = info
                .location()
                .is_some_and(|l| l.file().ends_with("ingest_fuzz_xml.rs"));
            if !harness {
                PANICS.fetch_add(1, Ordering::SeqCst);
            }
            default(info);
        }));
    });
}

const PARTS: [&str; 5] = [
    "xl/worksheets/sheet1.xml",
    "xl/worksheets/sheet2.xml",
    "xl/worksheets/sheet3.xml",
    "xl/sharedStrings.xml",
    "xl/workbook.xml",
];

/// One change to one XML part.
#[derive(Debug, Clone)]
enum Mutation {
    /// The `n`-th value of attribute `name` replaced.
    Attribute {
        part: usize,
        name: &'static str,
        n: Index,
        value: String,
    },
    /// The `n`-th `<v>` text replaced.
    Value {
        part: usize,
        n: Index,
        value: String,
    },
    /// The part cut at a point.
    Cut { part: usize, at: Index },
    /// Bytes inserted at a point.
    Insert {
        part: usize,
        at: Index,
        bytes: Vec<u8>,
    },
}

fn reference() -> impl Strategy<Value = String> {
    prop_oneof![
        "[A-Z]{1,3}[1-9][0-9]{0,6}",
        "[A-Za-z]{0,12}[0-9]{0,14}",
        Just("XFD1048576".to_owned()),
        Just("XFE1".to_owned()),
        Just("GR200000".to_owned()),
        Just("GS1".to_owned()),
        Just("A200001".to_owned()),
        Just("ZZZZZZZZ15".to_owned()),
        Just("A0".to_owned()),
        Just("$A$1".to_owned()),
        Just("".to_owned()),
        Just("B2:A1".to_owned()),
        Just("A1:XFD1048576".to_owned()),
        ".{0,10}",
    ]
}

fn number() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<f64>().prop_map(|f| f.to_string()),
        any::<i64>().prop_map(|i| i.to_string()),
        Just("1e308".to_owned()),
        Just("-1e308".to_owned()),
        Just("1e999".to_owned()),
        Just("NaN".to_owned()),
        Just("inf".to_owned()),
        Just("-700000".to_owned()),
        Just("2958466".to_owned()),
        Just("18446744073709551615".to_owned()),
        Just("99999999999999999999999".to_owned()),
        Just("1000000000".to_owned()),
        Just("-1".to_owned()),
        Just("#DIV/0!".to_owned()),
        Just("#N/A".to_owned()),
        Just("#BOGUS".to_owned()),
        Just("TRUE".to_owned()),
        "[0-9]{1,25}",
    ]
}

fn mutation() -> impl Strategy<Value = Mutation> {
    let part = 0..PARTS.len();
    prop_oneof![
        (
            part.clone(),
            prop_oneof![Just("r"), Just("ref")],
            any::<Index>(),
            reference()
        )
            .prop_map(|(part, name, n, value)| Mutation::Attribute {
                part,
                name,
                n,
                value
            }),
        (
            part.clone(),
            any::<Index>(),
            prop_oneof![
                Just("s"),
                Just("n"),
                Just("b"),
                Just("e"),
                Just("str"),
                Just("inlineStr"),
                Just("d"),
                Just("x"),
                Just("")
            ]
        )
            .prop_map(|(part, n, t)| Mutation::Attribute {
                part,
                name: "t",
                n,
                value: t.to_owned()
            }),
        (
            part.clone(),
            prop_oneof![
                Just("s"),
                Just("uniqueCount"),
                Just("count"),
                Just("spans"),
                Just("sheetId"),
                Just("r:id")
            ],
            any::<Index>(),
            number()
        )
            .prop_map(|(part, name, n, value)| Mutation::Attribute {
                part,
                name,
                n,
                value
            }),
        (part.clone(), any::<Index>(), number()).prop_map(|(part, n, value)| Mutation::Value {
            part,
            n,
            value
        }),
        (part.clone(), any::<Index>()).prop_map(|(part, at)| Mutation::Cut { part, at }),
        (
            part,
            any::<Index>(),
            prop_oneof![
                proptest::collection::vec(any::<u8>(), 1..16),
                Just(b"<c r=\"XFD1048576\"><v>1</v></c>".to_vec()),
                Just(b"<row r=\"1048576\"><c><v>1</v></c></row>".to_vec()),
                Just(b"<dimension ref=\"A1:ZZZZZZZZ9\"/>".to_vec()),
                Just(b"<si><t>\x01</t></si>".to_vec()),
                Just(b"</sheetData>".to_vec()),
                Just(b"&#1;&lt;&bogus;".to_vec()),
                Just(b"<!DOCTYPE x [<!ENTITY a \"aaaa\">]>".to_vec()),
            ]
        )
            .prop_map(|(part, at, bytes)| Mutation::Insert { part, at, bytes }),
    ]
}

/// `text` with the `n`-th occurrence of ` name="…"` given `value`.
fn set_attribute(text: &str, name: &str, n: &Index, value: &str) -> Vec<u8> {
    let needle = format!(" {name}=\"");
    let starts: Vec<usize> = text
        .match_indices(&needle)
        .map(|(i, _)| i + needle.len())
        .collect();
    if starts.is_empty() {
        return text.as_bytes().to_vec();
    }
    let at = starts[n.index(starts.len())];
    let end = at + text[at..].find('"').unwrap_or(0);
    [
        &text.as_bytes()[..at],
        value.as_bytes(),
        &text.as_bytes()[end..],
    ]
    .concat()
}

fn apply(bytes: &[u8], mutations: &[Mutation]) -> Vec<u8> {
    let mut all = parts(bytes);
    for m in mutations {
        let part = match m {
            Mutation::Attribute { part, .. }
            | Mutation::Value { part, .. }
            | Mutation::Cut { part, .. }
            | Mutation::Insert { part, .. } => PARTS[*part],
        };
        let Some((_, content)) = all.iter_mut().find(|(n, _)| n == part) else {
            continue;
        };
        let text = String::from_utf8_lossy(content).into_owned();
        *content = match m {
            Mutation::Attribute { name, n, value, .. } => set_attribute(&text, name, n, value),
            Mutation::Value { n, value, .. } => {
                let starts: Vec<usize> = text.match_indices("<v>").map(|(i, _)| i + 3).collect();
                if starts.is_empty() {
                    continue;
                }
                let at = starts[n.index(starts.len())];
                let end = at + text[at..].find('<').unwrap_or(0);
                [
                    &text.as_bytes()[..at],
                    value.as_bytes(),
                    &text.as_bytes()[end..],
                ]
                .concat()
            }
            Mutation::Cut { at, .. } => content[..at.index(content.len() + 1)].to_vec(),
            Mutation::Insert { at, bytes, .. } => {
                let at = at.index(content.len() + 1);
                [&content[..at], bytes.as_slice(), &content[at..]].concat()
            }
        };
    }
    zip_of(&all)
}

/// One example programme per test, its file overwritten by each case
/// (writing the example anew for each case took most of the time).
fn programme(slot: &'static OnceLock<tempfile::TempDir>) -> &'static std::path::Path {
    slot.get_or_init(|| programme_with(real_workbook())).path()
}

static FOR_XLSX: OnceLock<tempfile::TempDir> = OnceLock::new();
static FOR_JSON: OnceLock<tempfile::TempDir> = OnceLock::new();

fn real_workbook() -> &'static [u8] {
    static BYTES: OnceLock<Vec<u8>> = OnceLock::new();
    BYTES.get_or_init(participants)
}

fn example_json() -> &'static Value {
    static JSON: OnceLock<Value> = OnceLock::new();
    JSON.get_or_init(|| {
        let files = example::files(None).expect("example");
        serde_json::from_slice(&files[0].1).expect("programme.json")
    })
}

/// Every JSON pointer of `v`, the root included.
fn pointers(v: &Value, at: String, out: &mut Vec<String>) {
    out.push(at.clone());
    match v {
        Value::Object(m) => {
            for (k, x) in m {
                pointers(
                    x,
                    format!("{at}/{}", k.replace('~', "~0").replace('/', "~1")),
                    out,
                );
            }
        }
        Value::Array(a) => {
            for (i, x) in a.iter().enumerate() {
                pointers(x, format!("{at}/{i}"), out);
            }
        }
        _ => {}
    }
}

/// A replacement value, as JSON text (some are not representable as a
/// serde `Value`: `1e400`, nesting deeper than serde_json reads).
fn json_value() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("null".to_owned()),
        Just("true".to_owned()),
        Just("{}".to_owned()),
        Just("[]".to_owned()),
        Just("1e400".to_owned()),
        Just("-1e308".to_owned()),
        Just("18446744073709551616".to_owned()),
        Just("-9223372036854775809".to_owned()),
        Just("0.0000000000000000000001".to_owned()),
        any::<i64>().prop_map(|i| i.to_string()),
        any::<f64>()
            .prop_filter("finite", |f| f.is_finite())
            .prop_map(|f| f.to_string()),
        Just("\"\\u0001\"".to_owned()),
        Just("\"\\uffff\"".to_owned()),
        Just("\"\\ud800\"".to_owned()),
        (1usize..300).prop_map(|d| format!("{}1{}", "[".repeat(d), "]".repeat(d))),
        (1usize..200_000).prop_map(|n| format!("\"{}\"", "я".repeat(n))),
        ".{0,20}".prop_map(|s| serde_json::to_string(&s).expect("string")),
        Just("\"2025-02-30\"".to_owned()),
        Just("\"99999-01-01\"".to_owned()),
    ]
}

proptest! {
    #![proptest_config(seeded::config(64))]

    #[test]
    fn mutated_workbook_parts_never_panic(mutations in proptest::collection::vec(mutation(), 1..4)) {
        count_panics();
        let before = PANICS.load(Ordering::SeqCst);
        let bytes = apply(real_workbook(), &mutations);
        if let Ok(mut book) = Workbook::from_bytes(bytes.clone(), "x.xlsx") {
            for name in book.sheet_names() {
                let _ = book.sheet(&name);
            }
        }
        let dir = programme(&FOR_XLSX);
        std::fs::write(dir.join("inputs/participants.xlsx"), &bytes).expect("write");
        match load::load(dir) {
            Ok(_) | Err(Error::Input(_)) => {}
            Err(e) => prop_assert!(false, "not an input error: {e}"),
        }
        prop_assert_eq!(PANICS.load(Ordering::SeqCst), before, "a panic (perhaps caught) on {:?}", mutations);
    }

    #[test]
    fn mutated_programme_json_never_panics(at in any::<Index>(), value in json_value()) {
        count_panics();
        let before = PANICS.load(Ordering::SeqCst);
        let json = example_json();
        let mut all = Vec::new();
        pointers(json, String::new(), &mut all);
        let pointer = &all[at.index(all.len())];
        // The value goes in as text, marked and then replaced.
        let mut marked = json.clone();
        const MARK: &str = "\u{1}MARK\u{1}";
        match marked.pointer_mut(pointer) {
            Some(slot) => *slot = Value::String(MARK.to_owned()),
            None => prop_assert!(false, "pointer {pointer}"),
        }
        let text = serde_json::to_string_pretty(&marked)
            .expect("json")
            .replace(&serde_json::to_string(MARK).expect("mark"), &value);
        let dir = programme(&FOR_JSON);
        std::fs::write(dir.join("programme.json"), text).expect("write");
        match load::load(dir) {
            Ok(_) | Err(Error::Input(_)) => {}
            Err(e) => prop_assert!(false, "not an input error: {e}"),
        }
        prop_assert_eq!(PANICS.load(Ordering::SeqCst), before, "a panic at {}", pointer);
    }
}
