//! Markup blocks → WordprocessingML paragraphs and tables, in document order.
//!
//! The body is written as text straight into a `String`, like
//! [`table`]: building it with docx-rs structures and serialising them was
//! most of a document's cost (≈1.6 ms of CPU a document, `docs/bench.md`).
//! Each paragraph's properties are written in the order of CT_PPr and its
//! runs' in the order of CT_RPr, so the body needs no reordering pass.
//!
//! The writer keeps the state the page needs: which legal numbering scope
//! is open (the document or an annex), whether a section heading has been
//! seen in it (items then count one level deeper), a page break waiting
//! for the next paragraph and sequential paragraph ids ([`Ids`]).
//!
//! Data tables are not written when met: the writer keeps the markup's
//! table with the ids its paragraphs will take, and [`Built::write_body`]
//! writes it row by row into the package's deflating zip entry, so the
//! annex of a 5,000-pair order is never held as one XML text.

use super::numbering::{self, Shape, LEGAL_LEVELS};
use super::page::{INDENT, STAMP_INDENT};
use super::para::{Ids, Para, RunLook};
use super::xml::Out;
use super::{chart, table};
use crate::render::markup::{
    Align, Block, Chart, Item, ListItem, Paragraph as MParagraph, Table as MTable,
};

/// A top-level child of the document body.
enum Child<'a> {
    /// A paragraph, written when the body is finished: the signature may
    /// still mark it keep-with-next.
    Paragraph(Box<Para>),
    /// A data or layout table, written by [`table::table`] when the body
    /// is, with the ids it was given when met.
    Table(&'a MTable, Ids),
    /// A signature line by [`table::signature`], or a chart's paragraph by
    /// [`chart::drawing`].
    Xml(String),
}

/// Paragraphs of text kept on the page of the signature.
const SIGNED_WITH: usize = 2;

/// Lays out blocks in order; see the module comment for the state it keeps.
pub struct Writer<'a> {
    children: Vec<Child<'a>>,
    ids: Ids,
    scope: usize,
    in_section: bool,
    page_break: bool,
    /// The charts met so far; their parts are written by `docx::package`.
    charts: Vec<&'a Chart>,
}

/// What [`Writer::finish`] hands to `docx::package`: the body, still to
/// be written ([`Built::write_body`]), and what the other parts need.
pub struct Built<'a> {
    children: Vec<Child<'a>>,
    /// What the shared parts depend on: numbering scopes and their use.
    pub shape: Shape,
    /// The charts, in document order: chart `n` is `word/charts/chart{n}.xml`.
    pub charts: Vec<&'a Chart>,
}

impl<'a> Writer<'a> {
    pub fn new() -> Self {
        Writer {
            children: Vec::new(),
            ids: Ids::default(),
            scope: 0,
            in_section: false,
            page_break: false,
            charts: Vec::new(),
        }
    }

    /// A new paragraph with its id; body paragraphs take a pending page break.
    fn paragraph(&mut self) -> Para {
        Para::new(self.ids.next())
    }

    fn push_paragraph(&mut self, mut p: Para) {
        if self.page_break {
            p.page_break_before = true;
            self.page_break = false;
        }
        self.children.push(Child::Paragraph(Box::new(p)));
    }

    fn push_table(&mut self, t: Child<'a>) {
        if self.page_break {
            // A table cannot carry a page break: an empty paragraph does.
            let mut p = self.paragraph();
            p.mark.size = Some(2);
            self.push_paragraph(p);
        }
        self.children.push(t);
    }

    /// Prepares the body for a signature: a signature must never stand alone
    /// at the top of a page, cut off from the text it signs (ГОСТ Р 7.0.97
    /// places it right after the text). The last paragraphs with text ([`SIGNED_WITH`]) get
    /// keep-with-next. Empty lines just before the signature are taken out
    /// and returned as a count, to become spacing above the signature:
    /// LibreOffice (7.4, measured) does not carry a keep-with-next chain
    /// through empty paragraphs, so with them the signature still fell
    /// alone onto the next page. After a table, one empty paragraph stays
    /// to keep the two tables apart.
    fn take_space_before_signature(&mut self) -> u32 {
        let mut lines = 0;
        while let Some(Child::Paragraph(p)) = self.children.last() {
            if !p.is_empty() || p.page_break_before {
                break;
            }
            // Two tables in a row merge into one in Word and LibreOffice:
            // the last empty line before a table stays a paragraph.
            let n = self.children.len();
            if n < 2 || !matches!(self.children[n - 2], Child::Paragraph(_)) {
                break;
            }
            self.children.pop();
            lines += 1;
        }
        // The last two paragraphs go with the signature: with the last one
        // alone, a page could hold only «Контроль … оставляю за собой» and
        // the signature, which reads as a page cut off from the order.
        for child in self.children.iter_mut().rev().take(SIGNED_WITH) {
            match child {
                Child::Paragraph(p) if !p.is_empty() => p.keep_next = true,
                _ => break,
            }
        }
        lines
    }

    pub fn blocks(&mut self, blocks: &'a [Block]) {
        for block in blocks {
            self.block(block);
        }
    }

    /// A centred bold heading kept with what follows.
    fn heading(&mut self, before: u32, after: u32) -> Para {
        let mut p = self
            .paragraph()
            .laid(Align::Center, (0, 0), Some((before, after)));
        p.keep_next = true;
        p.mark.bold = true;
        p
    }

    fn block(&mut self, block: &'a Block) {
        match block {
            Block::Paragraph(p) => {
                let built = self.body_paragraph(p);
                self.push_paragraph(built);
            }
            Block::Title { text, size } => {
                let look = RunLook {
                    bold: true,
                    size: size.map(|s| s as usize * 2),
                    ..RunLook::default()
                };
                let mut p = self.heading(12, 12);
                p.inlines(text, look);
                self.push_paragraph(p);
            }
            Block::Heading { level, text } => {
                let (before, after) = if *level == 1 { (12, 6) } else { (6, 6) };
                let mut p = self.heading(before, after);
                let look = RunLook {
                    bold: true,
                    ..RunLook::default()
                };
                p.inlines(text, look);
                self.push_paragraph(p);
            }
            Block::Section { title, blocks } => {
                self.in_section = true;
                let mut p = self.heading(12, 6);
                p.numbering = Some((numbering::legal_id(self.scope), 0));
                let look = RunLook {
                    bold: true,
                    ..RunLook::default()
                };
                p.text(title, look);
                self.push_paragraph(p);
                self.blocks(blocks);
            }
            Block::Item(item) => self.item(item, 0),
            Block::List(items) => self.list(items, 0),
            Block::Table(t) => {
                // The table's ids come first, then a page break's paragraph.
                let ids = self.ids.take(table::paragraphs(t));
                self.push_table(Child::Table(t, ids));
            }
            Block::Stamp(lines) => {
                let count = lines.len();
                for (i, line) in lines.iter().enumerate() {
                    let after = if i + 1 == count { 12 } else { 0 };
                    let mut p =
                        self.paragraph()
                            .laid(Align::Left, (STAMP_INDENT, 0), Some((0, after)));
                    p.keep_next = i + 1 < count;
                    p.inlines(line, RunLook::default());
                    self.push_paragraph(p);
                }
            }
            Block::Signature { position, name } => {
                let lines = self.take_space_before_signature();
                let built = table::signature(&mut self.ids, position, name, lines);
                self.push_table(Child::Xml(built));
            }
            Block::Space(lines) => {
                for _ in 0..*lines {
                    let p = self.paragraph();
                    self.push_paragraph(p);
                }
            }
            // Nothing before it: no empty first page.
            Block::PageBreak => self.page_break = !self.children.is_empty(),
            Block::Annex(blocks) => {
                self.page_break = !self.children.is_empty();
                self.scope += 1;
                self.in_section = false;
                self.blocks(blocks);
            }
            Block::Chart(c) => {
                self.charts.push(c);
                let n = self.charts.len();
                let id = self.ids.next_hex();
                self.push_table(Child::Xml(chart::drawing(&id, n, c)));
                let caption = chart::caption(&mut self.ids, n, c);
                self.push_paragraph(caption);
            }
        }
    }

    /// A `<p>` in the body: justified with the paragraph indent unless told.
    fn body_paragraph(&mut self, p: &MParagraph) -> Para {
        let align = p.align.unwrap_or(Align::Justify);
        let centred = matches!(align, Align::Center | Align::Right);
        let indent = if p.indent.unwrap_or(!centred) {
            INDENT
        } else {
            0
        };
        let spacing = (p.before.unwrap_or(0), p.after.unwrap_or(0));
        let mut out = self.paragraph().laid(align, (0, indent), Some(spacing));
        out.keep_next = p.keep;
        let look = RunLook {
            bold: p.bold,
            italic: p.italic,
            size: p.size.map(|s| s as usize * 2),
        };
        out.mark = look;
        out.inlines(&p.text, look);
        out
    }

    /// A numbered item: level = nesting depth, one deeper inside a section.
    fn item(&mut self, item: &'a Item, depth: usize) {
        let level = (depth + usize::from(self.in_section)).min(LEGAL_LEVELS - 1);
        let mut p = self.paragraph();
        p.numbering = Some((numbering::legal_id(self.scope), level));
        p.align = Some(Align::Justify);
        p.indent = Some((0, INDENT));
        p.inlines(&item.text, RunLook::default());
        self.push_paragraph(p);
        for child in &item.children {
            match child {
                Block::Item(nested) => self.item(nested, depth + 1),
                Block::List(items) => self.list(items, 0),
                other => self.block(other),
            }
        }
    }

    /// A bulleted list: «–» and a non-breaking space written into the
    /// text of a paragraph with the usual first-line indent, as Russian
    /// documents set lists; nested lists step in by the same indent.
    fn list(&mut self, items: &'a [ListItem], depth: usize) {
        let level = depth.min(4) as i32;
        for li in items {
            let mut p =
                self.paragraph()
                    .laid(Align::Justify, (INDENT * level, INDENT), Some((0, 0)));
            p.text("–\u{a0}", RunLook::default());
            p.inlines(&li.text, RunLook::default());
            self.push_paragraph(p);
            for nested in &li.children {
                self.list(nested, depth + 1);
            }
        }
    }

    /// The body still to write, the numbering scopes and the charts.
    pub fn finish(self) -> Built<'a> {
        let numbered = self
            .children
            .iter()
            .any(|c| matches!(c, Child::Paragraph(p) if p.numbering.is_some()));
        Built {
            children: self.children,
            shape: Shape {
                scopes: self.scope + 1,
                numbered,
            },
            charts: self.charts,
        }
    }
}

impl Built<'_> {
    /// Writes the children of `w:body` (without the section properties)
    /// into `x`, a child or a table row at a time.
    pub fn write_body(&self, x: &mut Out) {
        for child in &self.children {
            match child {
                Child::Paragraph(p) => p.write_into(x),
                Child::Xml(xml) => x.push_str(xml),
                Child::Table(t, ids) => table::table(x, &mut ids.clone(), t),
            }
            x.row_done();
        }
    }

    /// The body as one text (tests).
    #[cfg(test)]
    fn body(&self) -> String {
        let mut x = Out::text();
        self.write_body(&mut x);
        x.finish().expect("no writer to fail")
    }
}

#[cfg(test)]
mod tests {
    use super::super::corrections::schema_order;
    use super::*;
    use crate::render::markup;

    /// The body written, and its shape.
    struct Done {
        body: String,
        shape: Shape,
    }

    fn body(markup_text: &str) -> Done {
        let doc = markup::parse(markup_text, "test").expect("markup parses");
        let mut w = Writer::new();
        w.blocks(&doc.blocks);
        let built = w.finish();
        Done {
            body: built.body(),
            shape: built.shape,
        }
    }

    #[test]
    fn the_body_is_in_schema_order_and_escaped() {
        let built = body(concat!(
            r#"<document><title>Приказ</title><section title="Общие"><item>Пункт &amp; «а» &lt;b&gt;</item>"#,
            r#"<item>Второй<item>вложенный</item></item></section>"#,
            r#"<p align="center" size="12" bold="1" keep="1">Текст<br/><i>курсив</i> <u>подчёркнуто</u></p>"#,
            r#"<ul><li>раз</li></ul><stamp><line>УТВЕРЖДЕНО</line><line>приказом</line></stamp></document>"#
        ));
        let xml = &built.body;
        // Nothing for the pass that fixes docx-rs's order to change.
        assert_eq!(schema_order(xml), *xml);
        assert!(roxmltree::Document::parse(&format!(
            r#"<r xmlns:w="w" xmlns:w14="w14">{xml}</r>"#
        ))
        .is_ok());
        assert!(xml.contains("Пункт &amp; «а» &lt;b&gt;</w:t>"));
        assert!(xml.contains(
            r#"<w:numPr><w:ilvl w:val="2" /><w:numId w:val="2" /></w:numPr><w:ind w:left="0" w:right="0" w:firstLine="709" /><w:jc w:val="both" /></w:pPr>"#
        ));
        assert!(xml.contains(concat!(
            r#"<w:pPr><w:keepNext /><w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto" />"#,
            r#"<w:ind w:left="0" w:right="0" w:firstLine="0" /><w:jc w:val="center" />"#,
            r#"<w:rPr><w:b /><w:bCs /><w:sz w:val="24" /><w:szCs w:val="24" /></w:rPr></w:pPr>"#
        )));
        assert!(xml.contains(r#"<w:r><w:rPr><w:sz w:val="24" /><w:szCs w:val="24" /></w:rPr><w:br w:type="textWrapping" /></w:r>"#));
        assert!(xml.contains(r#"<w:rPr><w:b /><w:bCs /><w:i /><w:iCs /><w:sz w:val="24" /><w:szCs w:val="24" /></w:rPr><w:t xml:space="preserve">курсив</w:t>"#));
        let underlined = xml
            .split(r#"<w:u w:val="single" /></w:rPr><w:t xml:space="preserve">"#)
            .nth(1)
            .expect("an underlined run");
        assert!(underlined.trim_start().starts_with("подчёркнуто</w:t>"));
        assert!(xml.contains("–\u{a0}</w:t>"));
        assert!(xml.contains(r#"<w:ind w:left="4536" w:right="0" w:firstLine="0" />"#));
        assert!(built.shape.numbered);
        assert_eq!(built.shape.scopes, 1);
        // Ids count from 1 in document order.
        assert!(xml.starts_with(r#"<w:p w14:paraId="00000001">"#));
    }

    #[test]
    fn an_annex_breaks_the_page_and_opens_a_numbering_scope() {
        let built = body(concat!(
            r#"<document><p>Текст</p><annex><table widths="1"><tr><td>а</td></tr></table>"#,
            r#"<item>пункт</item></annex></document>"#
        ));
        let xml = &built.body;
        // A table cannot break the page: an empty 1 pt paragraph before it does.
        assert!(xml.contains(
            r#"<w:pPr><w:pageBreakBefore /><w:rPr><w:sz w:val="2" /><w:szCs w:val="2" /></w:rPr></w:pPr></w:p><w:tbl>"#
        ));
        assert!(xml.contains(r#"<w:numId w:val="3" />"#));
        assert_eq!(built.shape.scopes, 2);
        let plain = body("<document><p>Текст</p></document>");
        assert!(!plain.shape.numbered);
    }

    #[test]
    fn the_text_before_a_signature_keeps_with_it() {
        let built = body(concat!(
            r#"<document><p>Первый</p><p>Второй</p><p>Третий</p><space lines="2"/>"#,
            r#"<signature position="Директор" name="А. Б. Иванов"/></document>"#
        ));
        let xml = &built.body;
        let keeps: Vec<&str> = xml
            .split("<w:p ")
            .filter(|p| p.contains("<w:keepNext />"))
            .filter_map(|p| p.split(r#"<w:t xml:space="preserve">"#).nth(1))
            .map(|t| t.split('<').next().unwrap_or_default())
            .collect();
        assert_eq!(keeps, ["Второй", "Третий"]);
        // The two empty lines became space above the signature.
        assert!(xml.contains(r#"<w:spacing w:before="644" w:after="0" />"#));
        assert_eq!(xml.matches("<w:p ").count(), 5);
    }

    #[test]
    fn control_characters_never_reach_the_xml() {
        let mut p = Para::new(1);
        p.text("a\u{1}b\u{b}c", RunLook::default());
        let mut x = String::new();
        p.write_into(&mut x);
        assert!(x.contains(">abc</w:t>"));
    }
}
