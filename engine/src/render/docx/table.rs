//! Tables: full text width, 12 pt, fixed column widths from the markup,
//! header rows that repeat on every page; and the signature line, which is
//! a borderless two-column table so a long position wraps on the left while
//! «И. О. Фамилия» stays at the right margin.

use super::blocks::{add_inlines, alignment, spacing, RunLook, Writer};
use super::page::{BODY_SIZE, TABLE_SIZE, TABLE_STYLE, TEXT_WIDTH};
use crate::render::markup::{Align, Paragraph as MParagraph, Table as MTable};
use docx_rs::{
    AlignmentType, LineSpacing, SpecialIndentType, Table, TableBorder, TableBorderPosition,
    TableBorders, TableCell, TableCellMargins, TableLayoutType, TableRow, VAlignType, WidthType,
};

/// Column widths in twips: `relative` scaled to the text width, the last
/// column taking the rounding remainder so the sum is exact.
pub fn column_widths(relative: &[f64], total: u32) -> Vec<usize> {
    let sum: f64 = relative.iter().sum();
    let count = relative.len().max(1);
    let mut out: Vec<usize> = if sum > 0.0 {
        relative
            .iter()
            .map(|w| ((w / sum) * f64::from(total)).floor() as usize)
            .collect()
    } else {
        vec![total as usize / count; count]
    };
    let used: usize = out.iter().sum();
    if let Some(last) = out.last_mut() {
        *last += (total as usize).saturating_sub(used);
    }
    out
}

/// A table of data (12 pt, borders) or, with `border="none"`, a layout
/// table: body size, no cell margins, so its text lines up with the margins.
pub fn table(w: &mut Writer, t: &MTable) -> Table {
    let grid = column_widths(&t.widths, TEXT_WIDTH);
    let size = if t.borders { TABLE_SIZE } else { BODY_SIZE };
    let mut rows = Vec::new();
    for row in &t.rows {
        let mut cells = Vec::new();
        let mut column = 0usize;
        for cell in &row.cells {
            let span = cell.span as usize;
            let width: usize = grid.iter().skip(column).take(span).sum();
            column += span;
            let align = cell.align.unwrap_or(if row.header {
                Align::Center
            } else {
                Align::Left
            });
            let bold = cell.bold || row.header;
            let mut c = TableCell::new()
                .width(width, WidthType::Dxa)
                .vertical_align(if row.header {
                    VAlignType::Center
                } else {
                    VAlignType::Top
                });
            if span > 1 {
                c = c.grid_span(span);
            }
            for p in &cell.paragraphs {
                let para = cell_paragraph(w, p, align, bold, size);
                c = c.add_paragraph(para);
            }
            cells.push(c);
        }
        // Rows stay whole: a row split over two pages reads as two entries.
        let r = TableRow::new(cells).cant_split();
        w.header_rows.push(row.header);
        rows.push(r);
    }
    let table = if t.borders {
        Table::new(rows).set_borders(half_point_borders())
    } else {
        Table::without_borders(rows).margins(TableCellMargins::new().margin(0, 0, 0, 0))
    };
    table
        .set_grid(grid)
        .width(TEXT_WIDTH as usize, WidthType::Dxa)
        .layout(TableLayoutType::Fixed)
}

/// Single ½ pt borders all round and inside (docx-rs defaults to ¼ pt).
fn half_point_borders() -> TableBorders {
    [
        TableBorderPosition::Top,
        TableBorderPosition::Left,
        TableBorderPosition::Bottom,
        TableBorderPosition::Right,
        TableBorderPosition::InsideH,
        TableBorderPosition::InsideV,
    ]
    .into_iter()
    .fold(TableBorders::new(), |borders, position| {
        borders.set(TableBorder::new(position).size(4))
    })
}

/// A paragraph in a cell: 12 pt, no first-line indent, aligned as the cell.
///
/// Only what differs from the defaults is written: the document defaults
/// are single spacing, no spacing, no indent, left alignment, and the 12 pt
/// of data tables comes from [`TABLE_STYLE`]; a long table's XML (and with
/// it the time to build, pack and open it) stays small.
fn cell_paragraph(
    w: &mut Writer,
    p: &MParagraph,
    align: Align,
    bold: bool,
    default_size: usize,
) -> docx_rs::Paragraph {
    let align = p.align.unwrap_or(align);
    let size = p.size.map_or(default_size, |s| s as usize * 2);
    let styled = default_size == TABLE_SIZE;
    let inherited = if styled { TABLE_SIZE } else { BODY_SIZE };
    let direct_size = (size != inherited).then_some(size);
    let mut out = w.paragraph();
    if styled {
        out = out.style(TABLE_STYLE);
    }
    if align != Align::Left {
        out = out.align(alignment(align));
    }
    if p.indent == Some(true) {
        out = out.indent(
            Some(0),
            Some(SpecialIndentType::FirstLine(super::page::INDENT)),
            None,
            None,
        );
    }
    if p.before.is_some() || p.after.is_some() {
        out = out.line_spacing(spacing(p.before.unwrap_or(0), p.after.unwrap_or(0)));
    }
    if let Some(size) = direct_size {
        out = out.size(size);
    }
    if bold || p.bold {
        out = out.bold();
    }
    let look = RunLook {
        bold: bold || p.bold,
        italic: p.italic,
        size: direct_size,
    };
    add_inlines(out, &p.text, look)
}

/// The signature line: position at the left, name at the right margin,
/// both on the last line of the position.
/// `lines_before` empty 14 pt lines of space above it (see
/// `Writer::take_space_before_signature`).
pub fn signature(w: &mut Writer, position: &str, name: &str, lines_before: u32) -> Table {
    let grid = column_widths(&[3.0, 2.0], TEXT_WIDTH);
    // One single-spaced line of Times New Roman 14 pt is 16.1 pt high.
    let before = LineSpacing::new().before(lines_before * 322).after(0);
    let left = w
        .paragraph()
        .line_spacing(before.clone())
        .align(AlignmentType::Left)
        .indent(Some(0), Some(SpecialIndentType::FirstLine(0)), None, None)
        .add_run(docx_rs::Run::new().add_text(position));
    let right = w
        .paragraph()
        .line_spacing(before)
        .align(AlignmentType::Right)
        .indent(Some(0), Some(SpecialIndentType::FirstLine(0)), None, None)
        .add_run(docx_rs::Run::new().add_text(name));
    let cells = vec![
        TableCell::new()
            .width(grid[0], WidthType::Dxa)
            .vertical_align(VAlignType::Bottom)
            .add_paragraph(left),
        TableCell::new()
            .width(grid[1], WidthType::Dxa)
            .vertical_align(VAlignType::Bottom)
            .add_paragraph(right),
    ];
    w.header_rows.push(false);
    Table::without_borders(vec![TableRow::new(cells).cant_split()])
        .set_grid(grid)
        .width(TEXT_WIDTH as usize, WidthType::Dxa)
        .layout(TableLayoutType::Fixed)
        .margins(TableCellMargins::new().margin(0, 0, 0, 0))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_fill_the_text_width_exactly() {
        let w = column_widths(&[1.0, 5.0, 3.0, 2.0], TEXT_WIDTH);
        assert_eq!(w.iter().sum::<usize>(), TEXT_WIDTH as usize);
        assert!(w[1] > w[2] && w[2] > w[3] && w[3] > w[0]);
        assert_eq!(column_widths(&[1.0], 100), vec![100]);
    }
}
