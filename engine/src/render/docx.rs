//! Markup → a signable DOCX with the ГОСТ Р 7.0.97 layout.
//!
//! The templates decide the words; this writer decides the page: A4,
//! margins 30/10/20/20 mm, Times New Roman 14 pt (12 in tables), justified
//! text with a 1.25 cm first-line indent, legal numbering restarting per
//! document and annex, page numbers from the second page at the top centre,
//! Russian as the document language.
//!
//! The body (paragraphs, tables, charts) is written here as
//! schema-ordered text and streamed into its zip entry; docx-rs builds the
//! parts the page setup decides (styles, numbering, settings, headers,
//! relationships) through its API once per run (`skeleton`), and
//! `corrections` is the one place its output is corrected
//! (`docs/docx-rs-bugs.md`; `ARCHITECTURE.md` lists who writes which part).
//! The parts are deflated into a zip with fixed timestamps and order
//! (`zip`), so the same markup always gives the same bytes.
//!
//! Modules depend one way, none on a later one:
//! `xml` ← `para` ← `table`, `chart` ← `blocks` ← `package`;
//! `corrections`, `zip` ← `skeleton` ← `package`; `chart_data` ←
//! `chart_space` ← `package`; `page` and `numbering` (the page setup, on
//! docx-rs alone) beside them, used by `blocks` and `skeleton`. The tests
//! of `blocks` and `table` check their text with `corrections`.

mod blocks;
mod chart;
mod chart_data;
mod chart_space;
mod corrections;
mod numbering;
mod package;
mod page;
mod para;
mod skeleton;
mod table;
mod xml;
mod zip;

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
