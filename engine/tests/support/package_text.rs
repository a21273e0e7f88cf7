//! A package rendered in memory and each document's visible text, read
//! from the DOCX itself (word/document.xml): what the property and calendar
//! tests assert on.

use nastavnik_engine::load::Loaded;
use nastavnik_engine::package::{self, Options};
use nastavnik_engine::{Model, NaiveDate};
use std::collections::BTreeMap;
use std::io::Read;

pub fn loaded(model: Model) -> Loaded {
    Loaded {
        model,
        programme_path: "programme.json".into(),
        base_dir: ".".into(),
        inputs: Vec::new(),
        notices: Vec::new(),
    }
}

/// Every document's visible text, by file name.
#[allow(dead_code)] // Not every test binary including this uses each.
pub fn package_at(model: Model, date: NaiveDate) -> (BTreeMap<String, String>, package::Manifest) {
    let options = Options {
        date: Some(date),
        ..Options::default()
    };
    package_with(model, &options)
}

/// The same with any options (a templates folder, a region).
pub fn package_with(
    model: Model,
    options: &Options,
) -> (BTreeMap<String, String>, package::Manifest) {
    let (files, manifest) =
        package::render(&loaded(model), options).unwrap_or_else(|e| panic!("{e}"));
    let texts = files
        .into_iter()
        .map(|(name, bytes)| {
            let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes))
                .unwrap_or_else(|e| panic!("{name}: {e}"));
            let mut xml = String::new();
            zip.by_name("word/document.xml")
                .unwrap_or_else(|e| panic!("{name}: {e}"))
                .read_to_string(&mut xml)
                .unwrap_or_else(|e| panic!("{name}: {e}"));
            (name, text_of(&xml))
        })
        .collect();
    (texts, manifest)
}

/// The runs' text, paragraphs on lines.
pub fn text_of(xml: &str) -> String {
    let doc = roxmltree::Document::parse(xml).unwrap_or_else(|e| panic!("{e}"));
    let mut out = String::new();
    for p in doc.descendants().filter(|n| n.has_tag_name("p")) {
        for t in p.descendants().filter(|n| n.has_tag_name("t")) {
            out.push_str(t.text().unwrap_or(""));
        }
        out.push('\n');
    }
    out
}

/// Every «от ДД.ММ.ГГГГ № …» a text cites (an order, a protocol, a
/// contract, an act), as dates.
#[allow(dead_code)]
pub fn cited(text: &str) -> Vec<NaiveDate> {
    text.split("от\u{a0}")
        .chain(text.split("от ").skip(1))
        .skip(1)
        .filter_map(|rest| {
            let date: String = rest.chars().take(10).collect();
            let after: String = rest.chars().skip(10).take(3).collect();
            after
                .trim_start_matches(['\u{a0}', ' '])
                .starts_with('№')
                .then(|| NaiveDate::parse_from_str(&date, "%d.%m.%Y").ok())
                .flatten()
        })
        .collect()
}

/// No document of the package cites or approves a dated document later
/// than itself (`manifest.json › documents[].date`); the first one that
/// does, as a message. The compliance report is not read: it quotes the
/// rules' findings, which name an input dated after the package to say
/// that it is (rule stage3.partner-agreement), not as issued.
#[allow(dead_code)]
pub fn later_cited(
    texts: &BTreeMap<String, String>,
    manifest: &package::Manifest,
) -> Option<String> {
    manifest.documents.iter().find_map(|d| {
        let own = d.date.filter(|_| d.id != "report-compliance")?;
        cited(texts.get(&d.file)?)
            .into_iter()
            .find(|c| *c > own)
            .map(|c| format!("{} dated {own} cites a document of {c}", d.id))
    })
}

/// [`later_cited`] as an assertion.
#[allow(dead_code)]
pub fn assert_nothing_later_cited(texts: &BTreeMap<String, String>, manifest: &package::Manifest) {
    if let Some(wrong) = later_cited(texts, manifest) {
        panic!("{wrong}");
    }
}
