//! `<chart>`: a native Word chart in the text, with its caption
//! «Рисунок N — …» under it (ГОСТ 7.32 sets figures so), numbered through
//! the document.
//!
//! The body gets an inline `w:drawing` naming the chart part by its
//! relationship id (`rIdChartN`), written here as text in place of a
//! the body (docx-rs has no chart API); `super::blocks` keeps the chart,
//! and `docx::package` writes its parts: the chart XML
//! ([`super::chart_space`]), the embedded workbook ([`super::chart_data`]),
//! their relationships and content types.

use super::page::TEXT_WIDTH;
use super::para::{Ids, Para, RunLook};
use crate::render::markup::{Align, Chart, Direction};
use std::fmt::Write;

/// EMU per centimetre (DrawingML lengths).
const EMU_PER_CM: u32 = 360_000;

/// `docPr` ids of charts start here, clear of the pictures docx-rs numbers
/// from 1 (docx-rs's pictures did; none are left, the base stays so the
/// bytes do not change): ids must be unique.
const DOC_PR_BASE: usize = 1000;

/// The relationship id of chart `n` (from 1) in `document.xml.rels`.
pub fn rel_id(n: usize) -> String {
    format!("rIdChart{n}")
}

/// The chart's height: horizontal bars get room for each category's
/// bars and a two-line label; columns a fixed 8 cm; a legend 0.8 cm more.
fn height_emu(chart: &Chart) -> u32 {
    let categories = chart.labels().count() as f64;
    // A target drawn over a single figure's bars takes no room of its own.
    let overlaid = chart.series.len() == 2 && chart.series.iter().any(|s| s.target);
    let series = if overlaid {
        1.0
    } else {
        chart.series.len() as f64
    };
    let legend = if chart.series.iter().any(|s| s.name.is_some()) {
        0.8
    } else {
        0.0
    };
    let cm = match chart.direction {
        Direction::Bar => (1.8 + legend + categories * (0.45 + 0.45 * series)).clamp(5.0, 18.0),
        Direction::Column => 8.0 + legend,
    };
    (cm * f64::from(EMU_PER_CM)) as u32
}

/// Chart `n`'s paragraph (an inline drawing naming the chart part), with
/// the paragraph id `id`.
pub fn drawing(id: &str, n: usize, chart: &Chart) -> String {
    // Twips → EMU: 635 per twip.
    let width = TEXT_WIDTH * 635;
    let height = height_emu(chart);
    let mut x = String::with_capacity(1024);
    let _ = write!(
        x,
        concat!(
            r#"<w:p w14:paraId="{id}"><w:pPr><w:keepNext /><w:spacing w:before="120" w:after="0" w:line="240" w:lineRule="auto" />"#,
            r#"<w:ind w:left="0" w:firstLine="0" /><w:jc w:val="center" /></w:pPr>"#,
            r#"<w:r><w:drawing><wp:inline distT="0" distB="0" distL="0" distR="0">"#,
            r#"<wp:extent cx="{width}" cy="{height}" /><wp:effectExtent l="0" t="0" r="0" b="0" />"#,
            r#"<wp:docPr id="{doc_pr}" name="Диаграмма {n}" /><wp:cNvGraphicFramePr />"#,
            r#"<a:graphic xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main">"#,
            r#"<a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/chart">"#,
            r#"<c:chart xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" r:id="{rel}" />"#,
            r#"</a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>"#
        ),
        id = id,
        width = width,
        height = height,
        doc_pr = DOC_PR_BASE + n,
        n = n,
        rel = rel_id(n),
    );
    x
}

/// The caption under chart `n`: «Рисунок N — title», centred.
pub fn caption(ids: &mut Ids, n: usize, chart: &Chart) -> Para {
    let caption = if chart.title.is_empty() {
        format!("Рисунок\u{a0}{n}")
    } else {
        format!("Рисунок\u{a0}{n}\u{a0}— {}", chart.title)
    };
    let mut p = Para::new(ids.next()).laid(Align::Center, (0, 0), Some((6, 12)));
    p.text(&caption, RunLook::default());
    p
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::markup::{Bar, Series};

    fn chart(categories: usize, series: usize, direction: Direction) -> Chart {
        Chart {
            title: String::new(),
            direction,
            max: None,
            category_axis: None,
            value_axis: None,
            series: (0..series)
                .map(|s| Series {
                    name: (series > 1).then(|| format!("Ряд {s}")),
                    bars: (0..categories)
                        .map(|i| Bar {
                            label: i.to_string(),
                            value: Some(1.0),
                        })
                        .collect(),
                    target: false,
                })
                .collect(),
        }
    }

    #[test]
    fn charts_stay_within_a_page() {
        let cm = |c: &Chart| f64::from(height_emu(c)) / f64::from(EMU_PER_CM);
        assert!(cm(&chart(1, 1, Direction::Bar)) >= 5.0);
        assert!(cm(&chart(60, 1, Direction::Bar)) <= 18.0);
        assert!(cm(&chart(6, 2, Direction::Bar)) > cm(&chart(6, 1, Direction::Bar)));
        assert_eq!(cm(&chart(10, 1, Direction::Column)), 8.0);
    }
}
