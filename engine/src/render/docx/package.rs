//! Patching docx-rs's XML parts and packing them deterministically.
//!
//! docx-rs has no API for the document language, stores parts
//! uncompressed, writes core properties with its own defaults and the
//! settings out of schema order (`super::settings` writes them instead). Its `Docx::build()` hands out the XML parts, so this module
//! edits them as text (anchored on the exact elements docx-rs writes,
//! checked by tests) and writes the zip itself: deflated, every entry dated
//! 1980-01-01, in a fixed order.

use super::blocks::Built;
use super::order;
use super::settings;
use super::xml::escape;
use super::DocProps;
use super::{chart, chart_data, chart_space};
use crate::diag::{Error, Result};
use std::io::{Cursor, Write};
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipWriter};

/// Run defaults get Russian as the language, so LibreOffice and Word
/// hyphenate and check spelling in Russian.
const LANG: &str = r#"<w:lang w:val="ru-RU" w:eastAsia="ru-RU" w:bidi="ar-SA" />"#;

pub fn pack(built: Built, props: &DocProps) -> Result<Vec<u8>> {
    let mut xml = built.docx.build();
    // The body is the big part (9 MB for a 5,000-pair order): each pass
    // frees its input at once, so at most two copies live together.
    let raw = std::mem::take(&mut xml.document);
    let fixed = order::fix(utf8(&raw, "document.xml")?);
    drop(raw);
    let document = splice_tables(&number_pictures(fixed), built.tables)?;
    let styles = general_ppr(&order::fix(&add_language(&xml.styles)?));
    let numbering = general_ppr(&order::fix(utf8(&xml.numberings, "numbering.xml")?));
    let headers = xml
        .headers
        .iter()
        .map(|h| utf8(h, "header.xml").map(order::fix))
        .collect::<Result<Vec<_>>>()?;
    let core = core_properties(props);
    let settings = settings::settings();
    let charts = ChartParts::of(&built.charts)?;
    let content_types = charts.content_types(utf8(&xml.content_type, "[Content_Types].xml")?)?;
    let document_rels = charts.document_rels(utf8(&xml.document_rels, "document.xml.rels")?)?;

    let mut parts: Vec<(String, &[u8])> = vec![
        ("[Content_Types].xml".into(), content_types.as_bytes()),
        ("_rels/.rels".into(), &xml.rels),
        ("docProps/app.xml".into(), &xml.doc_props.app),
        ("docProps/core.xml".into(), core.as_bytes()),
        ("docProps/custom.xml".into(), &xml.doc_props.custom),
        (
            "word/_rels/document.xml.rels".into(),
            document_rels.as_bytes(),
        ),
        ("word/document.xml".into(), document.as_bytes()),
        ("word/styles.xml".into(), styles.as_bytes()),
        ("word/settings.xml".into(), settings.as_bytes()),
        ("word/fontTable.xml".into(), &xml.font_table),
        ("word/comments.xml".into(), &xml.comments),
        ("word/numbering.xml".into(), numbering.as_bytes()),
        ("word/commentsExtended.xml".into(), &xml.comments_extended),
        ("word/footnotes.xml".into(), &xml.footnotes),
    ];
    for (i, header) in headers.iter().enumerate() {
        parts.push((format!("word/header{}.xml", i + 1), header.as_bytes()));
        if let Some(rels) = xml.header_rels.get(i) {
            parts.push((format!("word/_rels/header{}.xml.rels", i + 1), rels));
        }
    }
    for (i, footer) in xml.footers.iter().enumerate() {
        parts.push((format!("word/footer{}.xml", i + 1), footer));
        if let Some(rels) = xml.footer_rels.get(i) {
            parts.push((format!("word/_rels/footer{}.xml.rels", i + 1), rels));
        }
    }
    for (id, bytes) in &xml.media {
        parts.push((format!("word/media/{id}.png"), bytes));
    }
    for (i, chart) in charts.charts.iter().enumerate() {
        let n = i + 1;
        parts.push((format!("word/charts/chart{n}.xml"), chart.xml.as_bytes()));
        parts.push((
            format!("word/charts/_rels/chart{n}.xml.rels"),
            chart.rels.as_bytes(),
        ));
        parts.push((
            format!("word/embeddings/Microsoft_Excel_Worksheet{n}.xlsx"),
            &chart.workbook,
        ));
    }

    let fail = |e: zip::result::ZipError| Error::io("упаковка DOCX", std::io::Error::other(e));
    let options = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Deflated)
        .compression_level(Some(6))
        .last_modified_time(DateTime::default())
        .unix_permissions(0o644);
    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    for (name, bytes) in parts {
        zip.start_file(name, options).map_err(fail)?;
        zip.write_all(bytes)
            .map_err(|e| Error::io("упаковка DOCX", e))?;
    }
    let cursor = zip.finish().map_err(fail)?;
    Ok(cursor.into_inner())
}

/// The parts of one chart: its XML, its relationships, its workbook.
struct ChartPart {
    xml: String,
    rels: String,
    workbook: Vec<u8>,
}

/// Every chart of the document, and what the package says of them.
struct ChartParts {
    charts: Vec<ChartPart>,
}

impl ChartParts {
    fn of(charts: &[crate::render::markup::Chart]) -> Result<ChartParts> {
        let charts = charts
            .iter()
            .enumerate()
            .map(|(i, c)| {
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
                        n = i + 1
                    ),
                    workbook: chart_data::workbook(c)?,
                })
            })
            .collect::<Result<Vec<_>>>()?;
        Ok(ChartParts { charts })
    }

    /// docx-rs's content types with the charts' parts and workbooks.
    fn content_types(&self, types: &str) -> Result<String> {
        if self.charts.is_empty() {
            return Ok(types.to_owned());
        }
        let mut add = String::from(
            r#"<Default Extension="xlsx" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" />"#,
        );
        for n in 1..=self.charts.len() {
            add.push_str(&format!(
                r#"<Override PartName="/word/charts/chart{n}.xml" ContentType="application/vnd.openxmlformats-officedocument.drawingml.chart+xml" />"#
            ));
        }
        insert_before(types, "</Types>", &add, "[Content_Types].xml")
    }

    /// docx-rs's document relationships with one to each chart.
    fn document_rels(&self, rels: &str) -> Result<String> {
        if self.charts.is_empty() {
            return Ok(rels.to_owned());
        }
        let add: String = (1..=self.charts.len())
            .map(|n| {
                format!(
                    r#"<Relationship Id="{}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/chart" Target="charts/chart{n}.xml" />"#,
                    chart::rel_id(n)
                )
            })
            .collect();
        insert_before(rels, "</Relationships>", &add, "document.xml.rels")
    }
}

/// `text` with `add` put before the last `close`.
fn insert_before(text: &str, close: &str, add: &str, name: &str) -> Result<String> {
    let at = text
        .rfind(close)
        .ok_or_else(|| broken(name, &format!("нет {close}")))?;
    let mut out = String::with_capacity(text.len() + add.len());
    out.push_str(&text[..at]);
    out.push_str(add);
    out.push_str(&text[at..]);
    Ok(out)
}

fn utf8<'a>(part: &'a [u8], name: &str) -> Result<&'a str> {
    std::str::from_utf8(part)
        .map_err(|e| Error::io(format!("часть {name} не в UTF-8"), std::io::Error::other(e)))
}

fn broken(name: &str, what: &str) -> Error {
    Error::io(
        format!("docx-rs записал {name} не так, как ожидалось: {what}"),
        std::io::Error::other("unexpected XML"),
    )
}

/// Adds `w:lang` at the end of the run defaults (`w:lang` comes after the
/// font, size and other run properties in CT_RPr, so the end is its place).
fn add_language(styles: &[u8]) -> Result<String> {
    let text = utf8(styles, "styles.xml")?;
    let start = text
        .find("<w:rPrDefault>")
        .ok_or_else(|| broken("styles.xml", "нет w:rPrDefault"))?;
    let close = text[start..]
        .find("</w:rPr>")
        .map(|i| start + i)
        .ok_or_else(|| broken("styles.xml", "нет w:rPr в w:rPrDefault"))?;
    let mut out = String::with_capacity(text.len() + LANG.len());
    out.push_str(&text[..close]);
    out.push_str(LANG);
    out.push_str(&text[close..]);
    Ok(out)
}

/// Paragraph properties in styles and numbering levels (CT_PPrGeneral)
/// may not hold run properties; docx-rs writes an empty `<w:rPr />` there,
/// which `order::fix` has moved to the end.
fn general_ppr(xml: &str) -> String {
    xml.replace("<w:rPr /></w:pPr>", "</w:pPr>")
}

/// docx-rs gives every picture `wp:docPr id="1"`; Word wants them unique.
fn number_pictures(document: String) -> String {
    const DOC_PR: &str = r#"<wp:docPr id="1" name="Figure" />"#;
    if !document.contains(DOC_PR) {
        return document;
    }
    let mut out = String::with_capacity(document.len() + 64);
    for (n, piece) in document.split(DOC_PR).enumerate() {
        if n > 0 {
            out.push_str(&format!(r#"<wp:docPr id="{n}" name="Диаграмма {n}" />"#));
        }
        out.push_str(piece);
    }
    out
}

/// Puts each XML table in place of its placeholder paragraph.
fn splice_tables(document: &str, tables: Vec<String>) -> Result<String> {
    if tables.is_empty() {
        return Ok(document.to_string());
    }
    let size = document.len() + tables.iter().map(String::len).sum::<usize>();
    let mut out = String::with_capacity(size);
    let mut rest = document;
    for (n, table) in tables.into_iter().enumerate() {
        let open = format!(r#"<w:p w14:paraId="{}""#, super::blocks::placeholder_id(n));
        let missing = || broken("document.xml", &format!("нет места таблицы {n}"));
        let at = rest.find(&open).ok_or_else(missing)?;
        let end = rest[at..].find("</w:p>").ok_or_else(missing)? + at + "</w:p>".len();
        out.push_str(&rest[..at]);
        out.push_str(&table);
        rest = &rest[end..];
    }
    out.push_str(rest);
    Ok(out)
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
