//! Markup blocks → docx-rs paragraphs and tables, in document order.
//!
//! The writer keeps what docx-rs cannot know: which legal numbering scope is
//! open (the document or an annex), whether a section heading has been seen
//! in it (items then count one level deeper), a page break waiting for the
//! next paragraph and sequential paragraph ids (docx-rs takes them from a
//! thread-wide counter, which would make two documents differ).

use super::numbering::{self, LEGAL_LEVELS};
use super::page::{self, INDENT, STAMP_INDENT};
use super::{chart, table};
use crate::render::markup::{Align, Block, Inline, Item, ListItem, Paragraph as MParagraph};
use docx_rs::{
    AlignmentType, BreakType, Docx, IndentLevel, LineSpacing, NumberingId, Paragraph, Run,
    SpecialIndentType,
};

/// A top-level child of the document body.
pub enum Child {
    Paragraph(Box<Paragraph>),
    /// A table written as XML by [`table::table`] or [`table::signature`],
    /// or a chart's paragraph by [`chart::chart`]; docx-rs gets a
    /// placeholder paragraph that `package` replaces with it.
    Xml(String),
}

/// The id of the placeholder paragraph of the n-th XML table: not a valid
/// paragraph id (those are hex), so no paragraph of ours can carry it.
pub fn placeholder_id(n: usize) -> String {
    format!("TABLE{n}")
}

/// The docx-rs document being assembled, plus the tables it leaves out.
pub struct Built {
    pub docx: Docx,
    /// The XML tables (and chart paragraphs), in the order of their placeholders.
    pub tables: Vec<String>,
    /// The charts, in document order: chart `n` is `word/charts/chart{n}.xml`.
    pub charts: Vec<crate::render::markup::Chart>,
}

/// Paragraphs of text kept on the page of the signature.
const SIGNED_WITH: usize = 2;

/// Lays out blocks in order; see the module comment for the state it keeps.
pub struct Writer {
    children: Vec<Child>,
    para_id: u32,
    scope: usize,
    in_section: bool,
    page_break: bool,
    /// The charts met so far; their parts are written by `docx::package`.
    pub(super) charts: Vec<crate::render::markup::Chart>,
}

/// Run properties of a paragraph as a whole.
#[derive(Clone, Copy, Default)]
pub struct RunLook {
    pub bold: bool,
    pub italic: bool,
    /// Half-points.
    pub size: Option<usize>,
}

impl Writer {
    pub fn new() -> Self {
        Writer {
            children: Vec::new(),
            para_id: 0,
            scope: 0,
            in_section: false,
            page_break: false,
            charts: Vec::new(),
        }
    }

    /// The next paragraph id, counted per document.
    pub fn next_id(&mut self) -> String {
        self.para_id += 1;
        format!("{:08X}", self.para_id)
    }

    /// A new paragraph with its id; body paragraphs take a pending page break.
    pub fn paragraph(&mut self) -> Paragraph {
        Paragraph::new().id(self.next_id())
    }

    pub fn push_paragraph(&mut self, mut p: Paragraph) {
        if self.page_break {
            p = p.page_break_before(true);
            self.page_break = false;
        }
        self.children.push(Child::Paragraph(Box::new(p)));
    }

    pub fn push_table(&mut self, t: Child) {
        if self.page_break {
            // A table cannot carry a page break: an empty paragraph does.
            let p = self.paragraph().size(2);
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
            if !p.children.is_empty() || p.property.page_break_before == Some(true) {
                break;
            }
            // Two tables in a row merge into one in Word and LibreOffice:
            // the last empty line before a table stays a paragraph.
            let n = self.children.len();
            if n < 2 || matches!(self.children[n - 2], Child::Xml(_)) {
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
                Child::Paragraph(p) if !p.children.is_empty() => {
                    p.property = std::mem::take(&mut p.property).keep_next(true);
                }
                _ => break,
            }
        }
        lines
    }

    pub fn blocks(&mut self, blocks: &[Block]) {
        for block in blocks {
            self.block(block);
        }
    }

    fn block(&mut self, block: &Block) {
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
                let p = self
                    .paragraph()
                    .align(AlignmentType::Center)
                    .indent(Some(0), Some(SpecialIndentType::FirstLine(0)), None, None)
                    .line_spacing(spacing(12, 12))
                    .keep_next(true)
                    .bold();
                let p = add_inlines(p, text, look);
                self.push_paragraph(p);
            }
            Block::Heading { level, text } => {
                let (before, after) = if *level == 1 { (12, 6) } else { (6, 6) };
                let p = self
                    .paragraph()
                    .align(AlignmentType::Center)
                    .indent(Some(0), Some(SpecialIndentType::FirstLine(0)), None, None)
                    .line_spacing(spacing(before, after))
                    .keep_next(true)
                    .bold();
                let look = RunLook {
                    bold: true,
                    ..RunLook::default()
                };
                let p = add_inlines(p, text, look);
                self.push_paragraph(p);
            }
            Block::Section { title, blocks } => {
                self.in_section = true;
                let p = self
                    .paragraph()
                    .numbering(
                        NumberingId::new(numbering::legal_id(self.scope)),
                        IndentLevel::new(0),
                    )
                    .align(AlignmentType::Center)
                    .indent(Some(0), Some(SpecialIndentType::FirstLine(0)), None, None)
                    .line_spacing(spacing(12, 6))
                    .keep_next(true)
                    .bold()
                    .add_run(Run::new().bold().add_text(title.as_str()));
                self.push_paragraph(p);
                self.blocks(blocks);
            }
            Block::Item(item) => self.item(item, 0),
            Block::List(items) => self.list(items, 0),
            Block::Table(t) => {
                let built = table::table(self, t);
                self.push_table(Child::Xml(built));
            }
            Block::Stamp(lines) => {
                let count = lines.len();
                for (i, line) in lines.iter().enumerate() {
                    let after = if i + 1 == count { 12 } else { 0 };
                    let p = self
                        .paragraph()
                        .align(AlignmentType::Left)
                        .indent(
                            Some(STAMP_INDENT),
                            Some(SpecialIndentType::FirstLine(0)),
                            None,
                            None,
                        )
                        .line_spacing(spacing(0, after))
                        .keep_next(i + 1 < count);
                    let p = add_inlines(p, line, RunLook::default());
                    self.push_paragraph(p);
                }
            }
            Block::Signature { position, name } => {
                let lines = self.take_space_before_signature();
                let built = table::signature(self, position, name, lines);
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
            Block::Chart(c) => chart::chart(self, c),
        }
    }

    /// A `<p>` in the body: justified with the paragraph indent unless told.
    fn body_paragraph(&mut self, p: &MParagraph) -> Paragraph {
        let align = p.align.unwrap_or(Align::Justify);
        let centred = matches!(align, Align::Center | Align::Right);
        let indent = p.indent.unwrap_or(!centred);
        let mut out = self
            .paragraph()
            .align(alignment(align))
            .indent(
                Some(0),
                Some(SpecialIndentType::FirstLine(if indent {
                    INDENT
                } else {
                    0
                })),
                None,
                None,
            )
            .line_spacing(spacing(p.before.unwrap_or(0), p.after.unwrap_or(0)))
            .keep_next(p.keep);
        let look = RunLook {
            bold: p.bold,
            italic: p.italic,
            size: p.size.map(|s| s as usize * 2),
        };
        if p.bold {
            out = out.bold();
        }
        if let Some(size) = look.size {
            out = out.size(size);
        }
        add_inlines(out, &p.text, look)
    }

    /// A numbered item: level = nesting depth, one deeper inside a section.
    fn item(&mut self, item: &Item, depth: usize) {
        let level = (depth + usize::from(self.in_section)).min(LEGAL_LEVELS - 1);
        let p = self
            .paragraph()
            .numbering(
                NumberingId::new(numbering::legal_id(self.scope)),
                IndentLevel::new(level),
            )
            .align(AlignmentType::Both)
            .indent(
                Some(0),
                Some(SpecialIndentType::FirstLine(INDENT)),
                None,
                None,
            );
        let p = add_inlines(p, &item.text, RunLook::default());
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
    fn list(&mut self, items: &[ListItem], depth: usize) {
        let level = depth.min(4) as i32;
        for li in items {
            let p = self
                .paragraph()
                .align(AlignmentType::Both)
                .indent(
                    Some(INDENT * level),
                    Some(SpecialIndentType::FirstLine(INDENT)),
                    None,
                    None,
                )
                .line_spacing(spacing(0, 0))
                .add_run(Run::new().add_text("–\u{a0}"));
            let p = add_inlines(p, &li.text, RunLook::default());
            self.push_paragraph(p);
            for nested in &li.children {
                self.list(nested, depth + 1);
            }
        }
    }

    /// The assembled document with page setup and numbering.
    pub fn finish(mut self) -> Built {
        let mut docx = Docx::new();
        docx = page::setup(docx, &mut || self.next_id_value());
        docx = numbering::add(docx, self.scope + 1);
        let mut tables = Vec::new();
        for child in self.children {
            docx = match child {
                Child::Paragraph(p) => docx.add_paragraph(*p),
                Child::Xml(xml) => {
                    let id = placeholder_id(tables.len());
                    tables.push(xml);
                    docx.add_paragraph(Paragraph::new().id(id))
                }
            };
        }
        Built {
            docx,
            tables,
            charts: self.charts,
        }
    }

    /// Ids for the header parts: a separate range so body ids stay stable.
    fn next_id_value(&mut self) -> String {
        self.para_id += 1;
        format!("7{:07X}", self.para_id)
    }
}

pub fn alignment(a: Align) -> AlignmentType {
    match a {
        Align::Justify => AlignmentType::Both,
        Align::Left => AlignmentType::Left,
        Align::Center => AlignmentType::Center,
        Align::Right => AlignmentType::Right,
    }
}

/// Spacing before and after in points, single line spacing.
pub fn spacing(before_pt: u32, after_pt: u32) -> LineSpacing {
    LineSpacing::new()
        .before(before_pt * 20)
        .after(after_pt * 20)
        .line(240)
        .line_rule(docx_rs::LineSpacingType::Auto)
}

/// Appends inline content as runs; `look` applies to every run.
pub fn add_inlines(mut p: Paragraph, inlines: &[Inline], look: RunLook) -> Paragraph {
    for inline in inlines {
        let mut run = Run::new();
        match inline {
            Inline::Break => run = run.add_break(BreakType::TextWrapping),
            Inline::Text { text, style } => {
                run = run.add_text(text.as_str());
                if style.bold || look.bold {
                    run = run.bold();
                }
                if style.italic || look.italic {
                    run = run.italic();
                }
                if style.underline {
                    run = run.underline("single");
                }
            }
        }
        if let Some(size) = look.size {
            run = run.size(size);
        }
        p = p.add_run(run);
    }
    p
}
