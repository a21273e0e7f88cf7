//! What both the HTTP and the browser tests use.

use std::io::{Read, Write};

/// The example's participants workbook with «много» typed as a mentor's
/// experience (cell E3 of «Наставники»).
pub fn broken_participants() -> Vec<u8> {
    let files = nastavnik_engine::example::files(None).unwrap();
    let (_, book) = files
        .into_iter()
        .find(|(n, _)| n == "inputs/participants.xlsx")
        .unwrap();
    let mut from = zip::ZipArchive::new(std::io::Cursor::new(book)).unwrap();
    let mut to = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for i in 0..from.len() {
        let mut f = from.by_index(i).unwrap();
        let name = f.name().unwrap().to_string();
        let mut bytes = Vec::new();
        f.read_to_end(&mut bytes).unwrap();
        if name == "xl/worksheets/sheet1.xml" {
            let xml = String::from_utf8(bytes).unwrap();
            let cell = regex_free_cell(&xml, "E3");
            let xml = xml.replace(
                &cell,
                r#"<c r="E3" s="3" t="inlineStr"><is><t>много</t></is></c>"#,
            );
            bytes = xml.into_bytes();
        }
        to.start_file(name, zip::write::SimpleFileOptions::default())
            .unwrap();
        to.write_all(&bytes).unwrap();
    }
    to.finish().unwrap().into_inner()
}

/// The whole `<c r="REF" …>…</c>` element.
fn regex_free_cell(xml: &str, reference: &str) -> String {
    let start = xml.find(&format!("<c r=\"{reference}\"")).unwrap();
    let end = start + xml[start..].find("</c>").unwrap() + 4;
    xml[start..end].to_owned()
}
