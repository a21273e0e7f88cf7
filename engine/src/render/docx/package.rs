//! Assembling a document's parts and packing them deterministically.
//!
//! The body comes from `super::blocks`, written into its zip entry as it
//! is made; everything the page setup decides (styles, numbering, headers,
//! relationships, content types) from `super::skeleton`, built by docx-rs
//! once per run. This module adds what differs per document (core
//! properties without a clock, the charts' parts, their relationships by
//! `super::corrections::with_charts`) and hands the parts in a fixed order
//! to `super::zip`.

use super::blocks::Built;
use super::xml::{escape, Out};
use super::zip::Zip;
use super::DocProps;
use super::{chart, chart_data, chart_space, corrections, skeleton};
use crate::diag::Result;

/// The document's zip: the skeleton's parts around the body, which is
/// written straight into its deflating entry ([`Built::write_body`]).
pub fn pack(built: Built, props: &DocProps) -> Result<Vec<u8>> {
    let parts_of = skeleton::of(built.shape)?;
    let sk = &*parts_of;
    let core = core_properties(props);
    let (content_types, document_rels) = corrections::with_charts(
        &sk.content_types,
        &sk.document_rels,
        built.charts.len(),
        chart::rel_id,
    )?;

    let mut zip = Zip::new(Some(&sk.packed));
    zip.part("[Content_Types].xml", content_types.as_bytes())?;
    zip.part("_rels/.rels", &sk.rels)?;
    zip.part("docProps/app.xml", &sk.app)?;
    zip.part("docProps/core.xml", core.as_bytes())?;
    zip.part("docProps/custom.xml", &sk.custom)?;
    zip.part("word/_rels/document.xml.rels", document_rels.as_bytes())?;
    // A document under [`Out::CHUNK`] reaches the deflater in one piece,
    // as before the body was streamed, and keeps its bytes.
    zip.streamed("word/document.xml", |w| {
        let mut document = Out::to(w);
        document.push_str(&sk.document_head);
        built.write_body(&mut document);
        document.push_str(&sk.document_tail);
        document.finish().map(drop)
    })?;
    for (name, bytes) in sk.after_document() {
        zip.part(&name, bytes)?;
    }
    for (i, c) in built.charts.iter().enumerate() {
        let n = i + 1;
        let part = ChartPart::of(c, n)?;
        zip.part(&format!("word/charts/chart{n}.xml"), part.xml.as_bytes())?;
        zip.part(
            &format!("word/charts/_rels/chart{n}.xml.rels"),
            part.rels.as_bytes(),
        )?;
        zip.part(
            &format!("word/embeddings/Microsoft_Excel_Worksheet{n}.xlsx"),
            &part.workbook,
        )?;
    }
    zip.finish()
}

/// The parts of one chart: its XML, its relationships, its workbook.
struct ChartPart {
    xml: String,
    rels: String,
    workbook: Vec<u8>,
}

impl ChartPart {
    /// Chart `n`'s parts.
    fn of(c: &crate::render::markup::Chart, n: usize) -> Result<ChartPart> {
        Ok(ChartPart {
            xml: chart_space::chart_space(c),
            rels: format!(
                concat!(
                    r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
                    r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#,
                    r#"<Relationship Id="{id}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/package" Target="../embeddings/Microsoft_Excel_Worksheet{n}.xlsx"/>"#,
                    "</Relationships>"
                ),
                id = chart_space::WORKBOOK_REL,
                n = n
            ),
            workbook: chart_data::workbook(c)?,
        })
    }
}

/// Core properties with fixed dates: the document's identity, not the
/// moment it was built.
fn core_properties(props: &DocProps) -> String {
    let gost = if props.gost.trim() == "2016" {
        "2016"
    } else {
        "2025"
    };
    format!(
        concat!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
            r#"<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">"#,
            "<dc:title>{title}</dc:title>",
            "<dc:subject>{subject}</dc:subject>",
            "<dc:creator>{author}</dc:creator>",
            "<cp:keywords>ГОСТ Р 7.0.97-{gost}</cp:keywords>",
            "<dc:language>ru-RU</dc:language>",
            "<cp:lastModifiedBy>{author}</cp:lastModifiedBy>",
            "<cp:revision>1</cp:revision>",
            r#"<dcterms:created xsi:type="dcterms:W3CDTF">2000-01-01T00:00:00Z</dcterms:created>"#,
            r#"<dcterms:modified xsi:type="dcterms:W3CDTF">2000-01-01T00:00:00Z</dcterms:modified>"#,
            "</cp:coreProperties>"
        ),
        title = escape(&props.title),
        subject = escape(&props.subject),
        author = escape(&props.author),
        gost = gost,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn core_properties_are_escaped_and_dated_fixed() {
        let core = core_properties(&DocProps {
            title: "Приказ <о> & «наставниках»".into(),
            subject: "МБОУ «СОШ № 1»".into(),
            author: "МБОУ «СОШ № 1»".into(),
            gost: "2016".into(),
        });
        assert!(core.contains("<dc:title>Приказ &lt;о&gt; &amp; «наставниках»</dc:title>"));
        assert!(core.contains("ГОСТ Р 7.0.97-2016"));
        assert!(roxmltree::Document::parse(&core).is_ok());
    }
}
