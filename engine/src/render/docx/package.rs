//! Assembling a document's parts and packing them deterministically.
//!
//! The body comes from `super::blocks` as text; everything the page setup
//! decides (styles, numbering, headers, relationships, content types)
//! from `super::skeleton`, built by docx-rs once per run. This module adds
//! what differs per document (core properties without a clock, the
//! charts' parts and their relationships) and writes the zip itself:
//! deflated, every entry dated 1980-01-01, in a fixed order.

use super::blocks::Built;
use super::skeleton::{self, broken};
use super::xml::escape;
use super::DocProps;
use super::{chart, chart_data, chart_space};
use crate::diag::{Error, Result};
use std::io::{Cursor, Write};
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipWriter};

pub fn pack(built: Built, props: &DocProps) -> Result<Vec<u8>> {
    let parts_of = skeleton::of(built.shape)?;
    let sk = &*parts_of;
    let mut document =
        String::with_capacity(sk.document_head.len() + built.body.len() + sk.document_tail.len());
    document.push_str(&sk.document_head);
    document.push_str(&built.body);
    drop(built.body);
    document.push_str(&sk.document_tail);
    let core = core_properties(props);
    let charts = ChartParts::of(&built.charts)?;
    let content_types = charts.content_types(&sk.content_types)?;
    let document_rels = charts.document_rels(&sk.document_rels)?;

    let mut parts: Vec<(String, &[u8])> = vec![
        ("[Content_Types].xml".into(), content_types.as_bytes()),
        ("_rels/.rels".into(), &sk.rels),
        ("docProps/app.xml".into(), &sk.app),
        ("docProps/core.xml".into(), core.as_bytes()),
        ("docProps/custom.xml".into(), &sk.custom),
        (
            "word/_rels/document.xml.rels".into(),
            document_rels.as_bytes(),
        ),
        ("word/document.xml".into(), document.as_bytes()),
        ("word/styles.xml".into(), sk.styles.as_bytes()),
        ("word/settings.xml".into(), sk.settings.as_bytes()),
        ("word/fontTable.xml".into(), &sk.font_table),
        ("word/comments.xml".into(), &sk.comments),
        ("word/numbering.xml".into(), sk.numbering.as_bytes()),
        ("word/commentsExtended.xml".into(), &sk.comments_extended),
        ("word/footnotes.xml".into(), &sk.footnotes),
    ];
    for (i, header) in sk.headers.iter().enumerate() {
        parts.push((format!("word/header{}.xml", i + 1), header.as_bytes()));
        if let Some(rels) = sk.header_rels.get(i) {
            parts.push((format!("word/_rels/header{}.xml.rels", i + 1), rels));
        }
    }
    for (i, footer) in sk.footers.iter().enumerate() {
        parts.push((format!("word/footer{}.xml", i + 1), footer));
        if let Some(rels) = sk.footer_rels.get(i) {
            parts.push((format!("word/_rels/footer{}.xml.rels", i + 1), rels));
        }
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

    zip_parts(&parts, Some(&sk.packed))
}

/// The zip of `parts`, in their order. With `packed` (the skeleton's parts,
/// deflated when it was built, by name), those parts are raw-copied and
/// the others every document has (see [`shared`]) are deflated once a run.
fn zip_parts(parts: &[(String, &[u8])], packed: Option<&Packed>) -> Result<Vec<u8>> {
    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    for (name, bytes) in parts {
        let found = packed.and_then(|p| p.get(name.as_str()));
        if let Some(archive) = found {
            shared::copy_from(&mut zip, archive)?;
        } else if packed.is_some() && shared::is_shared(name) {
            shared::copy_into(&mut zip, name, bytes)?;
        } else {
            zip.start_file(name.as_str(), entry_options())
                .map_err(zip_failed)?;
            zip.write_all(bytes)
                .map_err(|e| Error::io("упаковка DOCX", e))?;
        }
    }
    Ok(zip.finish().map_err(zip_failed)?.into_inner())
}

/// How every entry is written: deflated at level 6, dated 1980-01-01.
fn entry_options() -> SimpleFileOptions {
    SimpleFileOptions::default()
        .compression_method(CompressionMethod::Deflated)
        .compression_level(Some(6))
        .last_modified_time(DateTime::default())
        .unix_permissions(0o644)
}

/// Parts deflated once, by name: a one-entry archive each ([`one_entry`]).
pub type Packed = std::collections::HashMap<String, Vec<u8>>;

/// A zip archive holding only `name`, deflated as every entry is, to be
/// raw-copied into each package.
pub fn one_entry(name: &str, bytes: &[u8]) -> Result<Vec<u8>> {
    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    zip.start_file(name, entry_options()).map_err(zip_failed)?;
    zip.write_all(bytes)
        .map_err(|e| Error::io("упаковка DOCX", e))?;
    Ok(zip.finish().map_err(zip_failed)?.into_inner())
}

fn zip_failed(e: zip::result::ZipError) -> Error {
    Error::io("упаковка DOCX", std::io::Error::other(e))
}

/// Parts that do not carry the document's own text, deflated once a run.
///
/// A consent form is 18 parts of 34 KB; setting up the deflate state for
/// each part cost more than deflating the body (a 1,000-participant
/// school's 1,304 documents spent a third of their CPU in the zip step).
/// Styles, settings, numbering, font table, relationships, content types,
/// headers and the like are the same bytes in most documents of a run, so
/// each distinct (name, bytes) is deflated once into a one-entry archive
/// and raw-copied from it afterwards: the entry written is the one
/// deflating it again would give (same method, level, date, permissions),
/// so the package's bytes do not change. The cache is bounded (it starts
/// again when full).
mod shared {
    use super::{one_entry, zip_failed};
    use crate::diag::{Error, Result};
    use std::collections::HashMap;
    use std::io::Cursor;
    use std::sync::{Arc, Mutex, OnceLock};
    use zip::{ZipArchive, ZipWriter};

    /// At most this many parts, and this many bytes of them, are kept.
    const MAX_PARTS: usize = 512;
    const MAX_BYTES: usize = 8 << 20;

    type Key = (String, Vec<u8>);

    /// The parts of the page setup and the package's plumbing, which most
    /// documents of a run share, and the core properties (the same for
    /// every document of a kind: 782 consent forms of one school); never
    /// the body, pictures or charts.
    pub fn is_shared(name: &str) -> bool {
        matches!(
            name,
            "[Content_Types].xml"
                | "docProps/core.xml"
                | "_rels/.rels"
                | "docProps/app.xml"
                | "docProps/custom.xml"
                | "word/_rels/document.xml.rels"
                | "word/styles.xml"
                | "word/settings.xml"
                | "word/fontTable.xml"
                | "word/comments.xml"
                | "word/numbering.xml"
                | "word/commentsExtended.xml"
                | "word/footnotes.xml"
        ) || name.starts_with("word/header")
            || name.starts_with("word/footer")
            || name.starts_with("word/_rels/header")
            || name.starts_with("word/_rels/footer")
    }

    #[derive(Default)]
    struct Cache {
        /// (name, bytes) → a one-entry archive of the part deflated.
        parts: HashMap<Key, Arc<Vec<u8>>>,
        bytes: usize,
    }

    impl Cache {
        /// Makes room for `size` bytes more: a full cache starts again
        /// (a batch moves from school to school; the parts every school
        /// shares come back at once).
        fn room(&mut self, size: usize) {
            if self.parts.len() >= MAX_PARTS || self.bytes + size > MAX_BYTES {
                *self = Cache::default();
            }
            self.bytes += size;
        }
    }

    fn cache() -> &'static Mutex<Cache> {
        static CACHE: OnceLock<Mutex<Cache>> = OnceLock::new();
        CACHE.get_or_init(Mutex::default)
    }

    /// Writes `bytes` as the entry `name` of `zip`, deflating them only if
    /// this part has not been deflated before.
    pub fn copy_into(zip: &mut ZipWriter<Cursor<Vec<u8>>>, name: &str, bytes: &[u8]) -> Result<()> {
        let key = (name.to_owned(), bytes.to_vec());
        let found = lock()?.parts.get(&key).cloned();
        let archive = match found {
            Some(a) => a,
            None => {
                let a = Arc::new(one_entry(name, bytes)?);
                let mut c = lock()?;
                c.room(key.0.len() + key.1.len() + a.len());
                c.parts.insert(key, a.clone());
                a
            }
        };
        copy_from(zip, &archive)
    }

    /// Copies the one entry of `archive` into `zip` as it is.
    pub fn copy_from(zip: &mut ZipWriter<Cursor<Vec<u8>>>, archive: &[u8]) -> Result<()> {
        let mut source = ZipArchive::new(Cursor::new(archive)).map_err(zip_failed)?;
        let entry = source.by_index_raw(0).map_err(zip_failed)?;
        zip.raw_copy_file(entry).map_err(zip_failed)
    }

    fn lock() -> Result<std::sync::MutexGuard<'static, Cache>> {
        cache()
            .lock()
            .map_err(|_| Error::internal("кэш частей DOCX: поток упал, держа его".to_owned()))
    }
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
    fn shared_parts_are_the_bytes_deflating_them_again_gives() {
        let styles = "<w:styles>".repeat(200);
        let body = "<w:body>".repeat(500);
        let parts: Vec<(String, &[u8])> = vec![
            ("[Content_Types].xml".into(), b"<Types/>"),
            ("word/document.xml".into(), body.as_bytes()),
            ("word/styles.xml".into(), styles.as_bytes()),
            ("word/header1.xml".into(), b"<w:hdr/>"),
        ];
        let direct = zip_parts(&parts, None).expect("zip");
        let mut packed = Packed::new();
        let first = zip_parts(&parts, Some(&packed)).expect("zip, parts deflated into the cache");
        let again = zip_parts(&parts, Some(&packed)).expect("zip, parts copied from the cache");
        packed.insert(
            "word/styles.xml".into(),
            one_entry("word/styles.xml", styles.as_bytes()).expect("deflates"),
        );
        let skeleton = zip_parts(&parts, Some(&packed)).expect("zip, styles deflated before");
        assert_eq!(first, direct);
        assert_eq!(again, direct);
        assert_eq!(skeleton, direct);
        let mut archive = zip::ZipArchive::new(Cursor::new(again)).expect("a zip");
        let mut text = String::new();
        std::io::Read::read_to_string(
            &mut archive.by_name("word/styles.xml").expect("styles"),
            &mut text,
        )
        .expect("inflates");
        assert_eq!(text, styles);
        assert!(!shared::is_shared("word/document.xml"));
        assert!(!shared::is_shared("word/media/rId1.png"));
    }

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
