//! The DOCX package itself: deterministic bytes, deflated parts, valid XML
//! in schema order, Russian language, repeating header rows, pictures with
//! fixed ids, and no panic on odd input.

#[path = "support/seeded.rs"]
mod seeded;
use nastavnik_engine::render::docx::{write, DocProps};
use nastavnik_engine::render::markup::parse;
use proptest::prelude::*;
use sha2::{Digest, Sha256};
use std::io::{Cursor, Read};
use std::process::Command;

const SAMPLE: &str = r#"<document>
  <stamp><line>УТВЕРЖДЕНО</line><line>приказом от 05.11.2026 № 1</line></stamp>
  <title>ПОЛОЖЕНИЕ</title>
  <h level="2">о наставничестве</h>
  <section title="Общие положения">
    <item>Первый <b>пункт</b> <i>с</i> <u>разметкой</u>.<item>Вложенный.</item></item>
    <ul><li>элемент<ul><li>вложенный</li></ul></li></ul>
  </section>
  <table widths="1,3">
    <tr header="1"><td>№</td><td>ФИО</td></tr>
    <tr><td>1</td><td>Иванова Мария Петровна</td></tr>
    <tr><td span="2"><p align="right">итого</p><p>1</p></td></tr>
  </table>
  <chart title="Доли" max="10"><bar label="a" value="3"/><bar label="b" value="7,5"/></chart>
  <signature position="Директор" name="И.&#xA0;И.&#xA0;Иванов"/>
  <space lines="2"/><pagebreak/>
  <annex><section title="Приложение"><item>Раз.</item></section>
    <chart title="Ещё"><bar label="c" value="1"/></chart>
  </annex>
</document>"#;

fn props() -> DocProps {
    DocProps {
        title: "Положение".into(),
        subject: "МБОУ «СОШ № 1»".into(),
        author: "МБОУ «СОШ № 1»".into(),
        gost: "2025".into(),
    }
}

fn build(markup: &str) -> Vec<u8> {
    let doc = parse(markup, "sample.hbs").expect("parses");
    write(&doc, &props()).expect("writes")
}

fn sha(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

fn entry_names(zip: &mut zip::ZipArchive<Cursor<&Vec<u8>>>) -> Vec<String> {
    (0..zip.len())
        .map(|i| {
            zip.by_index(i)
                .ok()
                .and_then(|f| f.name().ok().map(|n| n.to_string()))
                .unwrap_or_default()
        })
        .collect()
}

fn part(docx: &[u8], name: &str) -> String {
    let mut zip = zip::ZipArchive::new(Cursor::new(docx)).expect("zip");
    let mut file = zip.by_name(name).expect(name);
    let mut text = String::new();
    file.read_to_string(&mut text).expect("utf-8 part");
    text
}

#[test]
fn same_markup_same_bytes_in_one_process() {
    let first = build(SAMPLE);
    // Another document in between moves docx-rs's global counters.
    let _ = build("<document><chart><bar label=\"x\" value=\"1\"/></chart><p>x</p></document>");
    let second = build(SAMPLE);
    assert_eq!(sha(&first), sha(&second));
    // A different text gives different bytes: the check has teeth.
    assert_ne!(sha(&first), sha(&build(&SAMPLE.replace("Раз.", "Два."))));
}

/// Prints the sample's hash when asked by the cross-process test.
#[test]
fn print_sample_hash() {
    if std::env::var_os("LAYOUT_PRINT_HASH").is_some() {
        println!("HASH={}", sha(&build(SAMPLE)));
    }
}

#[test]
fn same_markup_same_bytes_across_processes() {
    let exe = std::env::current_exe().expect("test binary");
    let run = || {
        let out = Command::new(&exe)
            .args([
                "--exact",
                "print_sample_hash",
                "--nocapture",
                "--test-threads=1",
            ])
            .env("LAYOUT_PRINT_HASH", "1")
            .output()
            .expect("runs");
        let text = String::from_utf8_lossy(&out.stdout).to_string();
        text.lines()
            .find_map(|l| {
                l.find("HASH=")
                    .map(|at| l[at + 5..].chars().take(64).collect::<String>())
            })
            .expect("hash printed")
    };
    let here = sha(&build(SAMPLE));
    assert_eq!(run(), here);
    assert_eq!(run(), here);
}

#[test]
fn parts_are_deflated_dated_1980_and_ordered() {
    let docx = build(SAMPLE);
    let mut zip = zip::ZipArchive::new(Cursor::new(&docx)).expect("zip");
    let names = entry_names(&mut zip);
    assert_eq!(
        names.first().map(String::as_str),
        Some("[Content_Types].xml")
    );
    for (i, name) in names.iter().enumerate() {
        let file = zip.by_index(i).expect("entry");
        assert_eq!(
            file.compression(),
            zip::CompressionMethod::Deflated,
            "{name}"
        );
        let t = file.last_modified().expect("date");
        assert_eq!((t.year(), t.month(), t.day()), (1980, 1, 1), "{name}");
    }
    let stored: u64 = (0..zip.len())
        .map(|i| zip.by_index(i).map(|f| f.size()).unwrap_or(0))
        .sum();
    assert!(
        (docx.len() as u64) < stored / 2,
        "not compressed: {} of {stored}",
        docx.len()
    );
}

#[test]
fn every_xml_part_parses_and_properties_follow_the_schema() {
    let docx = build(SAMPLE);
    let mut zip = zip::ZipArchive::new(Cursor::new(&docx)).expect("zip");
    let names = entry_names(&mut zip);
    let ppr_order = [
        "keepNext",
        "pageBreakBefore",
        "numPr",
        "spacing",
        "ind",
        "jc",
        "rPr",
    ];
    for name in names
        .iter()
        .filter(|n| n.ends_with(".xml") || n.ends_with(".rels"))
    {
        let mut text = String::new();
        zip.by_name(name)
            .expect("entry")
            .read_to_string(&mut text)
            .expect("utf-8");
        let xml = roxmltree::Document::parse(&text).unwrap_or_else(|e| panic!("{name}: {e}"));
        for ppr in xml.descendants().filter(|n| n.has_tag_name((W, "pPr"))) {
            let ranks: Vec<usize> = ppr
                .children()
                .filter(|c| c.is_element())
                .filter_map(|c| ppr_order.iter().position(|o| *o == c.tag_name().name()))
                .collect();
            assert!(
                ranks.windows(2).all(|w| w[0] <= w[1]),
                "{name}: pPr out of order"
            );
        }
        for rpr in xml
            .descendants()
            .filter(|n| n.has_tag_name((W, "rPrDefault")))
        {
            let names: Vec<&str> = rpr
                .descendants()
                .filter(|c| c.is_element())
                .map(|c| c.tag_name().name())
                .collect();
            let fonts = names.iter().position(|n| *n == "rFonts");
            let size = names.iter().position(|n| *n == "sz");
            assert!(fonts < size, "rFonts must precede sz: {names:?}");
        }
    }
}

const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

#[test]
fn language_header_rows_fonts_and_page() {
    let docx = build(SAMPLE);
    let styles = part(&docx, "word/styles.xml");
    assert!(styles.contains(r#"<w:lang w:val="ru-RU""#));
    assert!(styles.contains(r#"w:ascii="Times New Roman""#));
    assert!(styles.contains(r#"<w:sz w:val="28" />"#));
    let document = part(&docx, "word/document.xml");
    // The data table's header row (charts carry no table of values now).
    assert_eq!(document.matches("<w:tblHeader />").count(), 1);
    assert!(document.contains(r#"<w:pgSz w:w="11906" w:h="16838""#));
    assert!(document.contains(r#"w:left="1701""#) && document.contains(r#"w:right="567""#));
    assert!(document.contains("<w:titlePg />"));
    assert!(document.contains("И.\u{a0}И.\u{a0}Иванов"));
    // Two legal numbering scopes: the document and the annex.
    let numbering = part(&docx, "word/numbering.xml");
    assert!(numbering.contains(r#"<w:num w:numId="2">"#));
    assert!(numbering.contains(r#"<w:num w:numId="3">"#));
    assert!(numbering.contains(r#"<w:lvlText w:val="%1.%2.%3." />"#));
    let core = part(&docx, "docProps/core.xml");
    assert!(core.contains("<dc:title>Положение</dc:title>"));
    assert!(core.contains("2000-01-01T00:00:00Z"));
}

#[test]
fn charts_are_native_parts_numbered_through_the_document() {
    let docx = build(SAMPLE);
    let rels = part(&docx, "word/_rels/document.xml.rels");
    assert!(rels.contains(r#"Id="rIdChart1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/chart" Target="charts/chart1.xml""#));
    assert!(rels.contains(r#"Id="rIdChart2""#));
    let types = part(&docx, "[Content_Types].xml");
    assert!(types.contains(r#"<Override PartName="/word/charts/chart2.xml" ContentType="application/vnd.openxmlformats-officedocument.drawingml.chart+xml" />"#));
    let chart = part(&docx, "word/charts/chart1.xml");
    assert!(chart.contains("<c:barChart>") && chart.contains("<c:v>7.5</c:v>"));
    let mut zip = zip::ZipArchive::new(Cursor::new(&docx)).expect("zip");
    let mut book = Vec::new();
    zip.by_name("word/embeddings/Microsoft_Excel_Worksheet2.xlsx")
        .expect("workbook")
        .read_to_end(&mut book)
        .expect("bytes");
    assert!(book.starts_with(b"PK"));
    assert!(
        zip.by_name("word/media/rIdChart1.png").is_err(),
        "no PNG any more"
    );
    let document = part(&docx, "word/document.xml");
    assert!(document.contains(r#"<c:chart xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" r:id="rIdChart1" />"#));
    assert!(document.contains(r#"<wp:docPr id="1001" name="Диаграмма 1" />"#));
    assert!(document.contains(r#"<wp:docPr id="1002" name="Диаграмма 2" />"#));
    // Captions count through the document, the annex included.
    assert!(document.contains("Рисунок\u{a0}1\u{a0}— Доли"));
    assert!(document.contains("Рисунок\u{a0}2\u{a0}— Ещё"));
    assert!(document.contains(r#"<w:numPr><w:ilvl w:val="0" /><w:numId w:val="2" /></w:numPr>"#));
}

proptest! {
    #![proptest_config(seeded::config(64))]

    /// Any text a template could put in (after escaping) is written without panic
    /// and comes back literally.
    #[test]
    fn any_text_writes(text in "\\PC{0,80}") {
        let escaped = text
            .replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
            .replace('"', "&quot;");
        let markup = format!(
            "<document><p>{escaped}</p><table><tr><td>{escaped}</td></tr></table><signature position=\"{escaped}\" name=\"{escaped}\"/></document>"
        );
        let doc = parse(&markup, "p.hbs");
        // Control characters are not XML: the parser must refuse them, not panic.
        if let Ok(doc) = doc {
            let bytes = write(&doc, &props()).expect("writes");
            prop_assert!(!bytes.is_empty());
        }
    }

    /// Arbitrary markup never panics the parser.
    #[test]
    fn any_markup_parses_or_errs(src in "<document>[<>/a-z =\"&;0-9 ]{0,60}</document>") {
        let _ = parse(&src, "p.hbs");
    }
}

#[test]
fn same_bytes_when_built_on_many_threads_at_once() {
    let here = sha(&build(SAMPLE));
    let hashes: Vec<String> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..4).map(|_| s.spawn(|| sha(&build(SAMPLE)))).collect();
        handles
            .into_iter()
            .map(|h| h.join().expect("thread"))
            .collect()
    });
    assert!(hashes.iter().all(|h| *h == here), "{hashes:?}");
}
