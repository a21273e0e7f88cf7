//! One paragraph of WordprocessingML as text: its properties in the order
//! of CT_PPr, its runs' in the order of CT_RPr, and the paragraph ids.
//!
//! Shared by the body (`super::blocks`), the tables (`super::table`) and
//! the charts' captions (`super::chart`); it depends on nothing of theirs.

use super::xml::escape_into;
use crate::render::markup::{Align, Inline};
use std::fmt::Write as _;

/// Paragraph ids (`w14:paraId`), counted per document from 1 in document
/// order, so two documents never differ by a shared counter.
#[derive(Debug, Default, Clone, Copy)]
pub struct Ids {
    last: u32,
}

impl Ids {
    /// The next id.
    pub fn next(&mut self) -> u32 {
        self.last += 1;
        self.last
    }

    /// The next id as `w14:paraId` writes it (eight hex digits).
    pub fn next_hex(&mut self) -> String {
        format!("{:08X}", self.next())
    }

    /// Takes `count` ids for a block written later; its first id is
    /// returned's `next()`.
    pub fn take(&mut self, count: u32) -> Ids {
        let taken = *self;
        self.last += count;
        taken
    }
}

/// A body paragraph: its properties and its runs, already written.
#[derive(Default)]
pub struct Para {
    id: u32,
    /// `w:keepNext`: on the page of the next paragraph.
    pub keep_next: bool,
    /// `w:pageBreakBefore`.
    pub page_break_before: bool,
    /// `w:numPr`: the numbering id and the level.
    pub numbering: Option<(usize, usize)>,
    /// `w:spacing` before and after in points, single line spacing.
    pub spacing: Option<(u32, u32)>,
    /// `w:ind`: the left and the first-line indent in twips.
    pub indent: Option<(i32, i32)>,
    /// `w:jc`.
    pub align: Option<Align>,
    /// The run properties of the paragraph mark (bold, size).
    pub mark: RunLook,
    runs: String,
}

impl Para {
    /// An empty paragraph with this id.
    pub fn new(id: u32) -> Para {
        Para {
            id,
            ..Para::default()
        }
    }

    /// Aligned, with a left and a first-line indent, single-spaced with
    /// `before` and `after` points around it: most paragraphs of the body.
    pub fn laid(mut self, align: Align, indent: (i32, i32), spacing: Option<(u32, u32)>) -> Para {
        self.align = Some(align);
        self.indent = Some(indent);
        self.spacing = spacing;
        self
    }

    /// Does the paragraph hold any run?
    pub fn is_empty(&self) -> bool {
        self.runs.is_empty()
    }

    /// Appends a run of plain text with the given look.
    pub fn text(&mut self, text: &str, look: RunLook) {
        self.runs.push_str("<w:r>");
        run_properties(&mut self.runs, look, false);
        self.runs.push_str(r#"<w:t xml:space="preserve">"#);
        escape_into(&mut self.runs, text);
        self.runs.push_str("</w:t></w:r>");
    }

    /// Appends inline content as runs; `look` applies to every run.
    pub fn inlines(&mut self, inlines: &[Inline], look: RunLook) {
        runs_into(&mut self.runs, inlines, look);
    }

    /// The paragraph as `w:p`, its properties in CT_PPr order (keepNext,
    /// pageBreakBefore, numPr, spacing, ind, jc, rPr).
    pub fn write_into(&self, x: &mut String) {
        let _ = write!(x, r#"<w:p w14:paraId="{:08X}"><w:pPr>"#, self.id);
        if self.keep_next {
            x.push_str("<w:keepNext />");
        }
        if self.page_break_before {
            x.push_str("<w:pageBreakBefore />");
        }
        if let Some((id, level)) = self.numbering {
            let _ = write!(
                x,
                r#"<w:numPr><w:ilvl w:val="{level}" /><w:numId w:val="{id}" /></w:numPr>"#
            );
        }
        if let Some((before, after)) = self.spacing {
            let _ = write!(
                x,
                r#"<w:spacing w:before="{}" w:after="{}" w:line="240" w:lineRule="auto" />"#,
                before * 20,
                after * 20
            );
        }
        if let Some((left, first)) = self.indent {
            let _ = write!(
                x,
                r#"<w:ind w:left="{left}" w:right="0" w:firstLine="{first}" />"#
            );
        }
        if let Some(align) = self.align {
            let _ = write!(x, r#"<w:jc w:val="{}" />"#, jc(align));
        }
        let mark = RunLook {
            italic: false,
            ..self.mark
        };
        run_properties(x, mark, false);
        x.push_str("</w:pPr>");
        x.push_str(&self.runs);
        x.push_str("</w:p>");
    }
}

/// Run properties of a paragraph as a whole.
#[derive(Clone, Copy, Default)]
pub struct RunLook {
    pub bold: bool,
    pub italic: bool,
    /// Half-points.
    pub size: Option<usize>,
}

/// `w:jc` values.
pub fn jc(a: Align) -> &'static str {
    match a {
        Align::Justify => "both",
        Align::Left => "left",
        Align::Center => "center",
        Align::Right => "right",
    }
}

/// Inline content as `w:r` runs; `look` applies to every run (a line
/// break takes only its size).
pub fn runs_into(x: &mut String, inlines: &[Inline], look: RunLook) {
    for inline in inlines {
        x.push_str("<w:r>");
        match inline {
            Inline::Break => {
                let size_only = RunLook {
                    size: look.size,
                    ..RunLook::default()
                };
                run_properties(x, size_only, false);
                x.push_str(r#"<w:br w:type="textWrapping" /></w:r>"#);
            }
            Inline::Text { text, style } => {
                let styled = RunLook {
                    bold: style.bold || look.bold,
                    italic: style.italic || look.italic,
                    size: look.size,
                };
                run_properties(x, styled, style.underline);
                x.push_str(r#"<w:t xml:space="preserve">"#);
                escape_into(x, text);
                x.push_str("</w:t></w:r>");
            }
        }
    }
}

/// `w:rPr` in CT_RPr order (b, bCs, i, iCs, sz, szCs, u); nothing when
/// no property is set.
pub fn run_properties(x: &mut String, look: RunLook, underline: bool) {
    if !(look.bold || look.italic || underline || look.size.is_some()) {
        return;
    }
    x.push_str("<w:rPr>");
    if look.bold {
        x.push_str("<w:b /><w:bCs />");
    }
    if look.italic {
        x.push_str("<w:i /><w:iCs />");
    }
    if let Some(size) = look.size {
        let _ = write!(x, r#"<w:sz w:val="{size}" /><w:szCs w:val="{size}" />"#);
    }
    if underline {
        x.push_str(r#"<w:u w:val="single" />"#);
    }
    x.push_str("</w:rPr>");
}
