//! Page geometry and the page-number header (ГОСТ Р 7.0.97).
//!
//! All lengths are in twips (1/20 pt; 1 mm ≈ 56.7 twips) unless named
//! otherwise; font sizes for docx-rs are in half-points.

use docx_rs::{
    AlignmentType, Docx, FieldCharType, Header, InstrPAGE, InstrText, LineSpacing, LineSpacingType,
    PageMargin, Paragraph, Run, RunFonts, Style, StyleType,
};

/// A4 width and height.
pub const PAGE_WIDTH: u32 = 11906;
pub const PAGE_HEIGHT: u32 = 16838;
/// Margins: left 30 mm, right 10 mm, top and bottom 20 mm.
pub const MARGIN_LEFT: i32 = 1701;
pub const MARGIN_RIGHT: i32 = 567;
pub const MARGIN_TOP: i32 = 1134;
pub const MARGIN_BOTTOM: i32 = 1134;
/// Distance from the top edge to the page number: 10 mm.
pub const HEADER_DISTANCE: i32 = 567;
/// The width of the text between the margins: 170 mm.
pub const TEXT_WIDTH: u32 = PAGE_WIDTH - MARGIN_LEFT as u32 - MARGIN_RIGHT as u32;
/// Paragraph (first-line) indent: 1.25 cm.
pub const INDENT: i32 = 709;
/// Where the approval stamp starts: 8 cm from the left margin, so the
/// stamp is 9 cm wide and «приказом МБОУ «СОШ № 17» г. Омска» fits a line.
pub const STAMP_INDENT: i32 = 4536;

/// Body text 14 pt, tables 12 pt (half-points).
pub const BODY_SIZE: usize = 28;
pub const TABLE_SIZE: usize = 24;
pub const FONT: &str = "Times New Roman";
/// Paragraph style of data-table cells: 12 pt. Cells name it instead of
/// repeating the size on every paragraph and run, which halves the XML of
/// a long table (a 5,000-pair order was 8.8 MB, 2.4 KB a row).
pub const TABLE_STYLE: &str = "TableText";

/// Applies page size, margins, fonts, sizes, single spacing and the
/// headers: none on the first page, the page number centred on the others.
pub fn setup(docx: Docx, next_para_id: &mut impl FnMut() -> String) -> Docx {
    let fonts = RunFonts::new()
        .ascii(FONT)
        .hi_ansi(FONT)
        .cs(FONT)
        .east_asia(FONT);
    let number = Paragraph::new()
        .id(next_para_id())
        .align(AlignmentType::Center)
        .add_run(Run::new().add_field_char(FieldCharType::Begin, false))
        .add_run(Run::new().add_instr_text(InstrText::PAGE(InstrPAGE::new())))
        .add_run(Run::new().add_field_char(FieldCharType::Separate, false))
        .add_run(Run::new().add_text("2"))
        .add_run(Run::new().add_field_char(FieldCharType::End, false));
    let first = Paragraph::new().id(next_para_id());
    docx.page_size(PAGE_WIDTH, PAGE_HEIGHT)
        .page_margin(
            PageMargin::new()
                .top(MARGIN_TOP)
                .bottom(MARGIN_BOTTOM)
                .left(MARGIN_LEFT)
                .right(MARGIN_RIGHT)
                .header(HEADER_DISTANCE)
                .footer(HEADER_DISTANCE)
                .gutter(0),
        )
        .default_tab_stop(INDENT as usize)
        .default_fonts(fonts)
        .default_size(BODY_SIZE)
        .default_line_spacing(
            LineSpacing::new()
                .line(240)
                .line_rule(LineSpacingType::Auto)
                .before(0)
                .after(0),
        )
        .add_style(
            Style::new(TABLE_STYLE, StyleType::Paragraph)
                .name("Table Text")
                .based_on("Normal")
                .size(TABLE_SIZE),
        )
        .header(Header::new().add_paragraph(number))
        .first_header(Header::new().add_paragraph(first))
}
