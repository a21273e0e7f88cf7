//! Filling a blank form as a spreadsheet program saves it: the example's
//! rows typed into each data sheet's XML under the headers of the same
//! title. Used by `engine/tests/forms_blank.rs` and the page's tests
//! (`web/tests`, through `#[path]`).

#![allow(dead_code)]

use calamine::{Data, Reader, Xlsx};
use std::io::{Cursor, Read, Write};

/// Every part of a zip, in order.
pub fn parts(bytes: &[u8]) -> Vec<(String, Vec<u8>)> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).expect("a form is a zip");
    (0..zip.len())
        .map(|i| {
            let mut f = zip.by_index(i).expect("part");
            let mut out = Vec::new();
            f.read_to_end(&mut out).expect("part reads");
            (f.name().expect("a part name").to_string(), out)
        })
        .collect()
}

pub fn part(bytes: &[u8], name: &str) -> String {
    let (_, b) = parts(bytes)
        .into_iter()
        .find(|(n, _)| n == name)
        .unwrap_or_else(|| panic!("{name} in the form"));
    String::from_utf8(b).expect("XML is UTF-8")
}

/// The sheets' names in workbook order; sheet `i` is `sheet{i+1}.xml`.
pub fn sheet_names(bytes: &[u8]) -> Vec<String> {
    let wb = part(bytes, "xl/workbook.xml");
    let doc = roxmltree::Document::parse(&wb).expect("workbook.xml");
    doc.descendants()
        .filter(|n| n.has_tag_name("sheet"))
        .map(|n| n.attribute("name").expect("name").to_owned())
        .collect()
}

pub fn sheet_xml(bytes: &[u8], sheet: &str) -> String {
    let i = sheet_names(bytes)
        .iter()
        .position(|n| n == sheet)
        .unwrap_or_else(|| panic!("sheet {sheet}"));
    part(bytes, &format!("xl/worksheets/sheet{}.xml", i + 1))
}

pub fn escape(t: &str) -> String {
    t.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

pub fn letters(mut j: usize) -> String {
    let mut s = Vec::new();
    loop {
        s.push(b'A' + (j % 26) as u8);
        if j < 26 {
            break;
        }
        j = j / 26 - 1;
    }
    s.reverse();
    String::from_utf8(s).expect("ASCII")
}

/// The example's rows of `sheet` by header: (header row, data rows).
pub fn example_rows(book: &[u8], sheet: &str) -> (Vec<String>, Vec<Vec<Data>>) {
    let mut x: Xlsx<_> = Xlsx::new(Cursor::new(book.to_vec())).expect("example opens");
    let range = x.worksheet_range(sheet).expect("example sheet");
    let rows: Vec<Vec<Data>> = range.rows().map(<[Data]>::to_vec).collect();
    // Row 1 the title, row 2 the header, data below (FIRST_DATA_ROW).
    let header = rows[1]
        .iter()
        .map(|d| d.to_string().trim().to_owned())
        .collect();
    (header, rows[2..].to_vec())
}

/// Types the example's rows into the blank form's sheet, each value under
/// the blank's header of the same title; dates typed as `дд.мм.гггг`.
pub fn fill(blank: &[u8], example: &[u8], sheet: &str) -> (Vec<u8>, usize) {
    let target = sheet_xml(blank, sheet);
    let doc = roxmltree::Document::parse(&target).expect("sheet XML");
    let headers: Vec<String> = {
        // Row 2 of the blank: its headers, as shared strings.
        let shared = part(blank, "xl/sharedStrings.xml");
        let sdoc = roxmltree::Document::parse(&shared).expect("shared strings");
        let strings: Vec<String> = sdoc
            .descendants()
            .filter(|n| n.has_tag_name("si"))
            .map(|si| {
                si.descendants()
                    .filter(|n| n.has_tag_name("t"))
                    .filter_map(|t| t.text())
                    .collect()
            })
            .collect();
        doc.descendants()
            .filter(|n| n.has_tag_name("row") && n.attribute("r") == Some("2"))
            .flat_map(|r| r.children().filter(|c| c.has_tag_name("c")))
            .map(|c| {
                let v = c
                    .descendants()
                    .find(|n| n.has_tag_name("v"))
                    .and_then(|v| v.text())
                    .expect("header value");
                strings[v.parse::<usize>().expect("index")].clone()
            })
            .collect()
    };
    let (ex_header, ex_rows) = example_rows(example, sheet);
    let mut xml = String::new();
    for (i, row) in ex_rows.iter().enumerate() {
        let r = i + 3;
        xml.push_str(&format!("<row r=\"{r}\">"));
        for (j, h) in headers.iter().enumerate() {
            // An optional column the example does not fill (the mentors'
            // birth date) stays blank in the form too.
            let from = ex_header.iter().position(|e| e == h);
            let at = format!("{}{r}", letters(j));
            match from.and_then(|from| row.get(from)).unwrap_or(&Data::Empty) {
                Data::Empty => {}
                Data::Float(f) => xml.push_str(&format!("<c r=\"{at}\"><v>{f}</v></c>")),
                Data::Int(n) => xml.push_str(&format!("<c r=\"{at}\"><v>{n}</v></c>")),
                Data::DateTime(d) => {
                    let d = d.as_datetime().expect("a date");
                    xml.push_str(&format!(
                        "<c r=\"{at}\" t=\"inlineStr\"><is><t>{}</t></is></c>",
                        d.format("%d.%m.%Y")
                    ));
                }
                other => xml.push_str(&format!(
                    "<c r=\"{at}\" t=\"inlineStr\"><is><t xml:space=\"preserve\">{}</t></is></c>",
                    escape(&other.to_string())
                )),
            }
        }
        xml.push_str("</row>");
    }
    let filled = target.replacen("</sheetData>", &format!("{xml}</sheetData>"), 1);
    assert_ne!(filled, target, "{sheet}: rows typed in");
    let i = sheet_names(blank)
        .iter()
        .position(|n| n == sheet)
        .expect("sheet");
    let name = format!("xl/worksheets/sheet{}.xml", i + 1);
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for (n, b) in parts(blank) {
        out.start_file(n.as_str(), zip::write::SimpleFileOptions::default())
            .expect("zip");
        if n == name {
            out.write_all(filled.as_bytes()).expect("zip");
        } else {
            out.write_all(&b).expect("zip");
        }
    }
    (
        out.finish().expect("zip").into_inner(),
        ex_rows
            .iter()
            .filter(|r| r.iter().any(|d| *d != Data::Empty))
            .count(),
    )
}

/// Every data sheet of `blank` (all but «Инструкция») filled with the rows
/// of the same sheet of `example`; the number of rows typed.
pub fn fill_all(blank: &[u8], example: &[u8]) -> (Vec<u8>, usize) {
    let mut book = blank.to_vec();
    let mut typed = 0;
    for sheet in sheet_names(blank).iter().filter(|s| *s != "Инструкция") {
        let (b, n) = fill(&book, example, sheet);
        book = b;
        typed += n;
    }
    (book, typed)
}
