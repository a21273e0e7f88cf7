//! Markup → a signable DOCX with the ГОСТ Р 7.0.97 layout.
//!
//! The templates decide the words; this writer decides the page: A4,
//! margins 30/10/20/20 mm, Times New Roman 14 pt (12 in tables), justified
//! text with a 1.25 cm first-line indent, legal numbering restarting per
//! document and annex, page numbers from the second page at the top centre,
//! Russian as the document language. The body (paragraphs, tables,
//! charts) and the settings are written here as schema-ordered text;
//! docx-rs builds the parts the page setup decides (styles, numbering,
//! headers, relationships) once per run (`skeleton`; `ARCHITECTURE.md`
//! lists who writes which part); what it has no API for (`w:lang`, core
//! properties without a clock) is added to its XML, and the parts are
//! deflated into a zip with fixed timestamps and order, so the same markup
//! always gives the same bytes.

mod blocks;
mod chart;
mod chart_data;
mod chart_space;
mod numbering;
mod order;
mod package;
mod page;
mod settings;
mod skeleton;
mod table;
mod xml;

use crate::diag::Result;
use crate::render::markup::Document;

/// Document properties written to `docProps/core.xml`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DocProps {
    /// The document's title («Приказ о назначении наставников»).
    pub title: String,
    /// What the document belongs to: the programme's title.
    pub subject: String,
    /// The organisation's short name, as the author.
    pub author: String,
    /// The edition of ГОСТ Р 7.0.97 followed: `"2025"` (default) or `"2016"`.
    /// Both editions give the same page layout here; the edition is
    /// recorded in the document's keywords.
    pub gost: String,
}

/// Writes the document as .docx bytes.
pub fn write(doc: &Document, props: &DocProps) -> Result<Vec<u8>> {
    let mut writer = blocks::Writer::new();
    writer.blocks(&doc.blocks);
    let docx = writer.finish();
    package::pack(docx, props)
}
