//! The parts of a document that do not depend on its text, built by
//! docx-rs once per run for each number of numbering scopes.
//!
//! Styles, numbering, the page-number headers, the font table, the
//! relationships and the content types depend only on the page setup
//! (`super::page`) and on how many legal numbering scopes the document
//! opens (the document itself and one per annex). docx-rs builds them
//! through its API from an empty body; `super::corrections` fixes what it
//! writes against the schema and adds what it has no API for, once, and
//! every document of that shape takes the same parts, deflated once
//! (`super::zip`). The body is written by `super::blocks` between the head
//! and the section properties of docx-rs's `document.xml`, so the page
//! setup stays docx-rs's.

use super::corrections::{self, general_ppr, schema_order, utf8};
use super::numbering::{self, Shape};
use super::page;
use super::zip::{Deflated, Packed};
use crate::diag::{Error, Result};
use docx_rs::Docx;
use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};

/// What every document with the same numbering scopes shares.
pub struct Skeleton {
    /// `document.xml` up to and including `<w:body>`.
    pub document_head: String,
    /// `document.xml` from the section properties to the end.
    pub document_tail: String,
    pub styles: String,
    pub numbering: String,
    pub settings: String,
    pub headers: Vec<String>,
    pub header_rels: Vec<Vec<u8>>,
    pub footers: Vec<Vec<u8>>,
    pub footer_rels: Vec<Vec<u8>>,
    pub content_types: String,
    pub rels: Vec<u8>,
    pub document_rels: String,
    pub app: Vec<u8>,
    pub custom: Vec<u8>,
    pub font_table: Vec<u8>,
    pub comments: Vec<u8>,
    pub comments_extended: Vec<u8>,
    pub footnotes: Vec<u8>,
    /// The parts above that every document takes as they are, deflated
    /// once (a consent form's 13 shared parts are 30 KB: looking each up
    /// by its bytes and copying them cost more than the lookup by name).
    pub packed: Packed,
}

/// The skeleton of a document of this shape, built on first use. A
/// school's documents have one to a few scopes, so the cache stays a
/// handful of entries.
pub fn of(shape: Shape) -> Result<Arc<Skeleton>> {
    static CACHE: OnceLock<Mutex<HashMap<Shape, Arc<Skeleton>>>> = OnceLock::new();
    let cache = CACHE.get_or_init(Mutex::default);
    let lock = || {
        cache
            .lock()
            .map_err(|_| Error::internal("кэш частей DOCX: поток упал, держа его".to_owned()))
    };
    if let Some(found) = lock()?.get(&shape) {
        return Ok(found.clone());
    }
    let built = Arc::new(build(shape)?);
    Ok(lock()?.entry(shape).or_insert(built).clone())
}

/// Header paragraph ids: a range of their own, far above any body id
/// (which count from 1 in each document), so ids stay unique.
const HEADER_IDS: u32 = 0x7000_0000;

fn build(shape: Shape) -> Result<Skeleton> {
    let mut header_id = HEADER_IDS;
    let mut next_id = || {
        header_id += 1;
        format!("{header_id:08X}")
    };
    let mut docx = numbering::add(page::setup(Docx::new(), &mut next_id), shape.scopes);
    docx.document_rels.has_numberings = shape.numbered;
    let xml = docx.build();
    let (head, tail) =
        corrections::split_document(&schema_order(utf8(&xml.document, "document.xml")?))?;
    let headers = xml
        .headers
        .iter()
        .map(|h| Ok(schema_order(utf8(h, "header.xml")?)))
        .collect::<Result<Vec<_>>>()?;
    let styles = corrections::with_language(utf8(&xml.styles, "styles.xml")?)?;
    let mut sk = Skeleton {
        document_head: head,
        document_tail: tail,
        styles: general_ppr(&schema_order(&styles)),
        numbering: general_ppr(&schema_order(utf8(&xml.numberings, "numbering.xml")?)),
        headers,
        header_rels: xml.header_rels,
        footers: xml.footers,
        footer_rels: xml.footer_rels,
        content_types: utf8(&xml.content_type, "[Content_Types].xml")?.to_owned(),
        rels: xml.rels,
        document_rels: utf8(&xml.document_rels, "document.xml.rels")?.to_owned(),
        app: xml.doc_props.app,
        custom: xml.doc_props.custom,
        font_table: xml.font_table,
        comments: xml.comments,
        comments_extended: xml.comments_extended,
        footnotes: xml.footnotes,
        settings: schema_order(utf8(&xml.settings, "settings.xml")?),
        packed: Packed::new(),
    };
    sk.packed = sk
        .fixed_parts()
        .into_iter()
        .map(|(name, bytes)| Ok((name.clone(), Deflated::new(&name, bytes)?)))
        .collect::<Result<Packed>>()?;
    Ok(sk)
}

impl Skeleton {
    /// The parts every document of this shape takes unchanged, by name
    /// in the package (not the content types and document relationships,
    /// to which charts add, nor the core properties).
    fn fixed_parts(&self) -> Vec<(String, &[u8])> {
        let mut out: Vec<(String, &[u8])> = vec![
            ("_rels/.rels".into(), &self.rels),
            ("docProps/app.xml".into(), &self.app),
            ("docProps/custom.xml".into(), &self.custom),
        ];
        out.extend(self.after_document());
        out
    }

    /// The parts that follow `word/document.xml` in the package, in order.
    pub fn after_document(&self) -> Vec<(String, &[u8])> {
        let mut out: Vec<(String, &[u8])> = vec![
            ("word/styles.xml".into(), self.styles.as_bytes()),
            ("word/settings.xml".into(), self.settings.as_bytes()),
            ("word/fontTable.xml".into(), &self.font_table),
            ("word/comments.xml".into(), &self.comments),
            ("word/numbering.xml".into(), self.numbering.as_bytes()),
            ("word/commentsExtended.xml".into(), &self.comments_extended),
            ("word/footnotes.xml".into(), &self.footnotes),
        ];
        for (i, header) in self.headers.iter().enumerate() {
            out.push((format!("word/header{}.xml", i + 1), header.as_bytes()));
            if let Some(rels) = self.header_rels.get(i) {
                out.push((format!("word/_rels/header{}.xml.rels", i + 1), rels));
            }
        }
        for (i, footer) in self.footers.iter().enumerate() {
            out.push((format!("word/footer{}.xml", i + 1), footer));
            if let Some(rels) = self.footer_rels.get(i) {
                out.push((format!("word/_rels/footer{}.xml.rels", i + 1), rels));
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_skeleton_is_built_once_per_scope_count() {
        let shape = |scopes, numbered| Shape { scopes, numbered };
        let one = of(shape(1, false)).expect("skeleton");
        assert!(Arc::ptr_eq(&one, &of(shape(1, false)).expect("skeleton")));
        let three = of(shape(3, true)).expect("skeleton");
        assert!(three.numbering.len() > one.numbering.len());
        assert!(three.document_rels.contains("numbering.xml"));
        assert!(!one.document_rels.contains("numbering.xml"));
        assert!(one.document_head.ends_with("<w:body>"));
        assert!(one.document_tail.starts_with("<w:sectPr>"));
        assert!(one.document_tail.ends_with("</w:body></w:document>"));
        assert!(one.styles.contains(corrections::LANG));
        assert!(one.headers.iter().any(|h| h.contains("70000001")));
        // Every fixed part is deflated once; what charts change is not.
        assert!(one.packed.contains_key("word/styles.xml"));
        assert!(one.packed.contains_key("word/header1.xml"));
        assert!(!one.packed.contains_key("[Content_Types].xml"));
        assert!(!one.packed.contains_key("word/_rels/document.xml.rels"));
    }
}
