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
