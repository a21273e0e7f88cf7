//! Tables: full text width, 12 pt, fixed column widths from the markup,
//! header rows that repeat on every page; and the signature line, which is
//! a borderless two-column table so a long position wraps on the left while
//! «И. О. Фамилия» stays at the right margin.

use super::page::{BODY_SIZE, INDENT, TABLE_SIZE, TABLE_STYLE, TEXT_WIDTH};
use super::para::{jc, run_properties, runs_into, Ids, RunLook};
use super::xml::{escape_into, Out};
use crate::render::markup::{Align, Paragraph as MParagraph, Table as MTable};
use std::fmt::Write as _;

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
///
/// Written as WordprocessingML text, not as docx-rs structures: a table is
/// the one block that grows with the school (1,884 rows in the order on
/// 5,000 pairs), and docx-rs spent 130 ms and some 60 MB building and
/// serialising that order's cells (`docs/bench.md`). The elements are the
/// ones docx-rs would write, in schema order (tested with
/// [`super::corrections::schema_order`]); header rows carry `w:tblHeader`
/// directly. Each row is handed to `x` as it is done ([`Out::row_done`]),
/// so a long table is never held whole: the package deflates it as it goes.
/// Its paragraphs take [`paragraphs`] ids from `ids`.
pub fn table(x: &mut Out, ids: &mut Ids, t: &MTable) {
    let grid = column_widths(&t.widths, TEXT_WIDTH);
    let size = if t.borders { TABLE_SIZE } else { BODY_SIZE };
    table_start(x, &grid, t.borders);
    // The last row never stands alone at the top of a page: the row before
    // it keeps with it (one keep-with-next, cheap for Word and LibreOffice;
    // a table of two rows is left as it is).
    let second_last = (t.rows.len() >= 3).then(|| t.rows.len() - 2);
    for (index, row) in t.rows.iter().enumerate() {
        // Keep-with-next on every paragraph of a row keeps it with the next row.
        let keep = row.keep || Some(index) == second_last;
        // Rows stay whole: a row split over two pages reads as two entries.
        x.push_str("<w:tr><w:trPr><w:cantSplit />");
        if row.header {
            x.push_str("<w:tblHeader />");
        }
        x.push_str("</w:trPr>");
        let mut column = 0usize;
        for cell in &row.cells {
            let span = cell.span.max(1) as usize;
            let width: usize = grid.iter().skip(column).take(span).sum();
            column += span;
            let align = cell.align.unwrap_or(if row.header {
                Align::Center
            } else {
                Align::Left
            });
            let bold = cell.bold || row.header;
            let _ = write!(x, r#"<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa" />"#);
            if span > 1 {
                let _ = write!(x, r#"<w:gridSpan w:val="{span}" />"#);
            }
            let valign = if row.header { "center" } else { "top" };
            let _ = write!(x, r#"<w:vAlign w:val="{valign}" /></w:tcPr>"#);
            let look = CellLook {
                align,
                bold,
                size,
                keep,
            };
            if cell.paragraphs.is_empty() {
                // A cell must hold a paragraph.
                cell_paragraph(ids, x, &MParagraph::default(), look);
            }
            for p in &cell.paragraphs {
                cell_paragraph(ids, x, p, look);
            }
            x.push_str("</w:tc>");
        }
        x.push_str("</w:tr>");
        x.row_done();
    }
    x.push_str("</w:tbl>");
}

/// How many paragraph ids [`table`] takes for `t`: one a cell paragraph,
/// one for a cell without any.
pub fn paragraphs(t: &MTable) -> u32 {
    t.rows
        .iter()
        .flat_map(|row| &row.cells)
        .map(|cell| cell.paragraphs.len().max(1) as u32)
        .sum()
}

/// `<w:tbl>`, its properties and its grid (CT_Tbl: tblPr, tblGrid, then
/// the rows). A data table has single ½ pt borders all round and inside; a
/// layout table none, and no cell margins, so its text lines up with the
/// page margins. Grid columns carry only their width: CT_TblGridCol has no
/// `w:type` (docx-rs writes one, `docs/docx-rs-bugs.md`).
fn table_start(x: &mut String, grid: &[usize], borders: bool) {
    x.push_str("<w:tbl><w:tblPr>");
    let _ = write!(
        x,
        r#"<w:tblW w:w="{TEXT_WIDTH}" w:type="dxa" /><w:jc w:val="left" />"#
    );
    if borders {
        x.push_str("<w:tblBorders>");
        for side in ["top", "left", "bottom", "right", "insideH", "insideV"] {
            let _ = write!(
                x,
                r#"<w:{side} w:val="single" w:sz="4" w:space="0" w:color="000000" />"#
            );
        }
        x.push_str("</w:tblBorders>");
        x.push_str(r#"<w:tblLayout w:type="fixed" />"#);
    } else {
        x.push_str(r#"<w:tblBorders /><w:tblLayout w:type="fixed" /><w:tblCellMar>"#);
        for side in ["top", "left", "bottom", "right"] {
            let _ = write!(x, r#"<w:{side} w:w="0" w:type="dxa" />"#);
        }
        x.push_str("</w:tblCellMar>");
    }
    x.push_str("</w:tblPr><w:tblGrid>");
    for width in grid {
        let _ = write!(x, r#"<w:gridCol w:w="{width}" />"#);
    }
    x.push_str("</w:tblGrid>");
}

/// A paragraph in a cell: 12 pt, no first-line indent, aligned as the cell.
///
/// Only what differs from the defaults is written: the document defaults
/// are single spacing, no spacing, no indent, left alignment, and the 12 pt
/// of data tables comes from [`TABLE_STYLE`]; a long table's XML (and with
/// it the time to pack and open it) stays small.
/// What a cell gives its paragraphs: alignment, weight, size (half-points)
/// and whether its row keeps with the next one.
#[derive(Clone, Copy)]
struct CellLook {
    align: Align,
    bold: bool,
    size: usize,
    keep: bool,
}

fn cell_paragraph(ids: &mut Ids, x: &mut String, p: &MParagraph, cell: CellLook) {
    let CellLook {
        align,
        bold,
        size: default_size,
        keep,
    } = cell;
    let align = p.align.unwrap_or(align);
    let size = p.size.map_or(default_size, |s| s as usize * 2);
    let styled = default_size == TABLE_SIZE;
    let inherited = if styled { TABLE_SIZE } else { BODY_SIZE };
    let direct_size = (size != inherited).then_some(size);
    let bold = bold || p.bold;
    let _ = write!(x, r#"<w:p w14:paraId="{}"><w:pPr>"#, ids.next_hex());
    if styled {
        let _ = write!(x, r#"<w:pStyle w:val="{TABLE_STYLE}" />"#);
    }
    if keep {
        x.push_str("<w:keepNext />");
    }
    if p.before.is_some() || p.after.is_some() {
        let before = p.before.unwrap_or(0) * 20;
        let after = p.after.unwrap_or(0) * 20;
        let _ = write!(
            x,
            r#"<w:spacing w:before="{before}" w:after="{after}" w:line="240" w:lineRule="auto" />"#
        );
    }
    if p.indent == Some(true) {
        let _ = write!(
            x,
            r#"<w:ind w:left="0" w:right="0" w:firstLine="{INDENT}" />"#
        );
    }
    if align != Align::Left {
        let _ = write!(x, r#"<w:jc w:val="{}" />"#, jc(align));
    }
    let look = RunLook {
        bold,
        italic: p.italic,
        size: direct_size,
    };
    // The paragraph mark looks like the text.
    let mark = RunLook {
        bold,
        italic: false,
        size: direct_size,
    };
    run_properties(x, mark, false);
    x.push_str("</w:pPr>");
    runs_into(x, &p.text, look);
    x.push_str("</w:p>");
}

/// The signature line: position at the left, name at the right margin,
/// both on the last line of the position: a layout table of two cells
/// aligned to the bottom, its row kept whole.
/// `lines_before` empty 14 pt lines of space above it (see
/// `Writer::take_space_before_signature`).
pub fn signature(ids: &mut Ids, position: &str, name: &str, lines_before: u32) -> String {
    let grid = column_widths(&[3.0, 2.0], TEXT_WIDTH);
    // One single-spaced line of Times New Roman 14 pt is 16.1 pt high.
    let before = lines_before * 322;
    let mut x = String::with_capacity(1536);
    table_start(&mut x, &grid, false);
    x.push_str("<w:tr><w:trPr><w:cantSplit /></w:trPr>");
    for (width, text, align) in [(grid[0], position, "left"), (grid[1], name, "right")] {
        let _ = write!(
            x,
            concat!(
                r#"<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa" /><w:vAlign w:val="bottom" /></w:tcPr>"#,
                r#"<w:p w14:paraId="{id}"><w:pPr><w:spacing w:before="{before}" w:after="0" />"#,
                r#"<w:ind w:left="0" w:right="0" w:firstLine="0" /><w:jc w:val="{align}" /></w:pPr>"#,
                r#"<w:r><w:t xml:space="preserve">"#
            ),
            width = width,
            id = ids.next_hex(),
            before = before,
            align = align,
        );
        escape_into(&mut x, text);
        x.push_str("</w:t></w:r></w:p></w:tc>");
    }
    x.push_str("</w:tr></w:tbl>");
    x
}

#[cfg(test)]
mod tests {
    use super::super::corrections::schema_order;
    use super::*;
    use crate::render::markup::{self, Block};

    fn table_text(t: &MTable) -> String {
        let mut x = Out::text();
        let mut ids = Ids::default();
        table(&mut x, &mut ids, t);
        assert_eq!(ids.next() - 1, paragraphs(t), "ids taken as counted");
        x.finish().expect("no writer to fail")
    }

    fn first_table(markup_text: &str) -> MTable {
        let doc = markup::parse(markup_text, "test").expect("markup parses");
        doc.blocks
            .into_iter()
            .find_map(|b| match b {
                Block::Table(t) => Some(t),
                _ => None,
            })
            .expect("a table")
    }

    #[test]
    fn table_xml_is_in_schema_order_and_escaped() {
        let t = first_table(
            r#"<document><table widths="1,3"><tr header="1"><td>№</td><td>ФИО</td></tr><tr><td align="center"><b>1</b></td><td>Иванов &amp; «Сыновья» &lt;b&gt;<br/>второй</td></tr></table></document>"#,
        );
        let xml = table_text(&t);
        // The pass that fixes docx-rs's order leaves ours unchanged.
        assert_eq!(schema_order(&xml), xml);
        assert_eq!(xml.matches("<w:tblHeader />").count(), 1);
        assert_eq!(xml.matches("<w:tr>").count(), 2);
        assert!(xml.contains("Иванов &amp; «Сыновья» &lt;b&gt;"));
        assert!(xml.contains(r#"<w:br w:type="textWrapping" />"#));
        assert!(xml.contains(r#"<w:pStyle w:val="TableText" />"#));
        // Widths add up to the text width, ids are the writer's.
        let grid: u32 = xml
            .split(r#"<w:gridCol w:w=""#)
            .skip(1)
            .map(|s| s.split('"').next().unwrap().parse::<u32>().unwrap())
            .sum();
        assert_eq!(grid, TEXT_WIDTH);
        assert!(xml.contains(r#"w14:paraId="00000001""#));
    }

    #[test]
    fn a_layout_table_has_no_borders_or_cell_margins() {
        let t = first_table(
            r#"<document><table widths="1,1" border="none"><tr><td>15.10.2025</td><td align="right">№ 1</td></tr></table></document>"#,
        );
        let xml = table_text(&t);
        assert!(xml.contains("<w:tblBorders />"));
        assert!(xml.contains(r#"<w:left w:w="0" w:type="dxa" />"#));
        assert!(!xml.contains("TableText"));
        assert!(xml.contains(r#"<w:jc w:val="right" />"#));
    }

    #[test]
    fn the_signature_is_a_schema_ordered_layout_table() {
        let xml = signature(&mut Ids::default(), "Директор", "А. Б. «В» & Г", 2);
        assert_eq!(schema_order(&xml), xml);
        assert!(roxmltree::Document::parse(&format!(
            r#"<r xmlns:w="w" xmlns:w14="w14">{xml}</r>"#
        ))
        .is_ok());
        assert!(!xml.contains(r#"<w:gridCol w:w="5782" w:type"#));
        assert!(xml.contains(r#"<w:gridCol w:w="5782" />"#));
        assert_eq!(xml.matches(r#"<w:vAlign w:val="bottom" />"#).count(), 2);
        assert!(xml.contains(r#"<w:spacing w:before="644" w:after="0" />"#));
        assert!(xml.contains("А. Б. «В» &amp; Г</w:t>"));
        assert!(xml.contains(r#"<w:jc w:val="right" />"#));
    }

    #[test]
    fn widths_fill_the_text_width_exactly() {
        let w = column_widths(&[1.0, 5.0, 3.0, 2.0], TEXT_WIDTH);
        assert_eq!(w.iter().sum::<usize>(), TEXT_WIDTH as usize);
        assert!(w[1] > w[2] && w[2] > w[3] && w[3] > w[0]);
        assert_eq!(column_widths(&[1.0], 100), vec![100]);
    }
}
