//! `word/charts/chartN.xml`: a `<chart>` as a DrawingML bar chart
//! (ECMA-376 part 1, §21.2), each element's children in the order of its
//! schema type (CT_ChartSpace, CT_Chart, CT_PlotArea, CT_BarChart,
//! CT_BarSer, CT_CatAx, CT_ValAx), checked by the Open XML SDK validator in
//! `engine/tests/ooxml_valid.rs`.
//!
//! The values are cached in the part (`c:strCache`, `c:numCache`), so Word
//! and LibreOffice draw the chart without opening the embedded workbook
//! ([`super::chart_data`]), which the formulas name for editing. Text is
//! Times New Roman, the document's font (LibreOffice substitutes Liberation
//! Serif, metric-compatible); bars are black, grey and white with black
//! outlines and the values are printed beside them, so the chart reads the
//! same printed in black and white.

use super::chart_data::{self, SHEET};
use super::xml::escape_into;
use crate::render::markup::{Chart, Direction};
use std::fmt::Write;

const C_NS: &str = "http://schemas.openxmlformats.org/drawingml/2006/chart";
const A_NS: &str = "http://schemas.openxmlformats.org/drawingml/2006/main";
const R_NS: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

/// The relationship id of the embedded workbook in the chart's own rels.
pub const WORKBOOK_REL: &str = "rId1";

/// Fills of the series in order: black, mid grey, white (all outlined),
/// told apart in black-and-white print; a fourth series and later repeat.
const FILLS: [&str; 3] = ["262626", "A6A6A6", "FFFFFF"];

/// Text sizes in hundredths of a point: labels 11 pt, axis titles 11 pt bold.
const TEXT_SIZE: u32 = 1100;

/// Ids of the two axes (any numbers, unique within the chart).
const CAT_AX: u32 = 111_111_111;
const VAL_AX: u32 = 222_222_222;

/// The chart part's XML.
pub fn chart_space(chart: &Chart) -> String {
    let mut x = String::with_capacity(4096);
    x.push_str(r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#);
    let _ = write!(
        x,
        r#"<c:chartSpace xmlns:c="{C_NS}" xmlns:a="{A_NS}" xmlns:r="{R_NS}">"#
    );
    x.push_str(r#"<c:date1904 val="0"/><c:lang val="ru-RU"/><c:roundedCorners val="0"/>"#);
    x.push_str("<c:chart>");
    // The caption «Рисунок N — …» is a paragraph under the chart, as ГОСТ
    // sets figures; no title inside the picture.
    x.push_str(r#"<c:autoTitleDeleted val="1"/>"#);
    x.push_str("<c:plotArea><c:layout/>");
    bar_chart(&mut x, chart);
    axes(&mut x, chart);
    x.push_str("</c:plotArea>");
    if chart.series.iter().any(|s| s.name.is_some()) {
        x.push_str(r#"<c:legend><c:legendPos val="b"/><c:overlay val="0"/>"#);
        text_properties(&mut x);
        x.push_str("</c:legend>");
    }
    x.push_str(r#"<c:plotVisOnly val="1"/><c:dispBlanksAs val="gap"/></c:chart>"#);
    // No border around the chart: it stands in the text like a figure.
    x.push_str("<c:spPr><a:noFill/><a:ln><a:noFill/></a:ln></c:spPr>");
    text_properties(&mut x);
    let _ = write!(
        x,
        r#"<c:externalData r:id="{WORKBOOK_REL}"><c:autoUpdate val="0"/></c:externalData>"#
    );
    x.push_str("</c:chartSpace>");
    x
}

/// Whether every value is whole: labels print «12», else «7,5».
fn whole(chart: &Chart) -> bool {
    chart
        .series
        .iter()
        .flat_map(|s| &s.bars)
        .filter_map(|b| b.value)
        .all(|v| v.fract() == 0.0)
}

/// The values' format: Russian (`[$-419]`: LibreOffice then prints a
/// decimal comma whatever its own locale), each value as the document's
/// tables print it («4», «6,2»: the template gives values already rounded,
/// and a fixed «0.0» had labelled «4,0» beside a table's «4 %»), and
/// nothing for a zero (the third section is empty): a distribution's
/// empty scores do not crowd the chart with «0».
const NUMBER_FORMAT: &str = "[$-419]General;-General;";

fn bar_chart(x: &mut String, chart: &Chart) {
    let dir = match chart.direction {
        Direction::Bar => "bar",
        Direction::Column => "col",
    };
    let _ = write!(
        x,
        r#"<c:barChart><c:barDir val="{dir}"/><c:grouping val="clustered"/><c:varyColors val="0"/>"#
    );
    let rows = chart.series.first().map_or(0, |s| s.bars.len());
    let format = NUMBER_FORMAT;
    for (i, series) in chart.series.iter().enumerate() {
        let col = chart_data::column(i + 1);
        let _ = write!(x, r#"<c:ser><c:idx val="{i}"/><c:order val="{i}"/>"#);
        x.push_str("<c:tx><c:strRef>");
        let _ = write!(x, "<c:f>{}!${col}$1</c:f>", SHEET);
        x.push_str(r#"<c:strCache><c:ptCount val="1"/><c:pt idx="0"><c:v>"#);
        escape_into(x, &chart_data::series_name(chart, i));
        x.push_str("</c:v></c:pt></c:strCache></c:strRef></c:tx>");
        let _ = write!(
            x,
            r#"<c:spPr><a:solidFill><a:srgbClr val="{}"/></a:solidFill><a:ln w="9525"><a:solidFill><a:srgbClr val="000000"/></a:solidFill></a:ln></c:spPr>"#,
            FILLS[i % FILLS.len()]
        );
        x.push_str(r#"<c:invertIfNegative val="0"/>"#);
        // The value beside each bar: the figure is readable without the axis.
        x.push_str("<c:dLbls>");
        let _ = write!(x, r#"<c:numFmt formatCode="{format}" sourceLinked="0"/>"#);
        x.push_str("<c:spPr><a:noFill/><a:ln><a:noFill/></a:ln></c:spPr>");
        text_properties(x);
        x.push_str(concat!(
            r#"<c:dLblPos val="outEnd"/><c:showLegendKey val="0"/><c:showVal val="1"/>"#,
            r#"<c:showCatName val="0"/><c:showSerName val="0"/><c:showPercent val="0"/>"#,
            r#"<c:showBubbleSize val="0"/></c:dLbls>"#
        ));
        x.push_str("<c:cat><c:strRef>");
        let _ = write!(x, "<c:f>{}!$A$2:$A${}</c:f>", SHEET, rows + 1);
        let _ = write!(x, r#"<c:strCache><c:ptCount val="{rows}"/>"#);
        for (j, label) in chart.labels().enumerate() {
            let _ = write!(x, r#"<c:pt idx="{j}"><c:v>"#);
            escape_into(x, label);
            x.push_str("</c:v></c:pt>");
        }
        x.push_str("</c:strCache></c:strRef></c:cat>");
        x.push_str("<c:val><c:numRef>");
        let _ = write!(x, "<c:f>{}!${col}$2:${col}${}</c:f>", SHEET, rows + 1);
        let _ = write!(
            x,
            r#"<c:numCache><c:formatCode>{format}</c:formatCode><c:ptCount val="{rows}"/>"#
        );
        // A bar without a value has no point: the chart leaves a gap.
        for (j, bar) in series.bars.iter().enumerate() {
            if let Some(v) = bar.value {
                let _ = write!(x, r#"<c:pt idx="{j}"><c:v>{v}</c:v></c:pt>"#);
            }
        }
        x.push_str("</c:numCache></c:numRef></c:val></c:ser>");
    }
    let _ = write!(
        x,
        r#"<c:gapWidth val="60"/><c:overlap val="0"/><c:axId val="{CAT_AX}"/><c:axId val="{VAL_AX}"/></c:barChart>"#
    );
}

fn axes(x: &mut String, chart: &Chart) {
    let (cat_pos, val_pos) = match chart.direction {
        Direction::Bar => ("l", "b"),
        Direction::Column => ("b", "l"),
    };
    // Horizontal bars read top to bottom in the order written: the
    // category axis runs from its maximum, and the value axis then crosses
    // it at the maximum to stay at the bottom.
    let (orientation, crosses) = match chart.direction {
        Direction::Bar => ("maxMin", "max"),
        Direction::Column => ("minMax", "autoZero"),
    };
    let _ = write!(
        x,
        r#"<c:catAx><c:axId val="{CAT_AX}"/><c:scaling><c:orientation val="{orientation}"/></c:scaling><c:delete val="0"/><c:axPos val="{cat_pos}"/>"#
    );
    if let Some(t) = &chart.category_axis {
        axis_title(x, t, chart.direction == Direction::Bar);
    }
    x.push_str(r#"<c:numFmt formatCode="General" sourceLinked="0"/><c:majorTickMark val="out"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>"#);
    line(x, "000000");
    text_properties(x);
    let _ = write!(
        x,
        r#"<c:crossAx val="{VAL_AX}"/><c:crosses val="autoZero"/><c:auto val="1"/><c:lblAlgn val="ctr"/><c:lblOffset val="100"/><c:tickLblSkip val="1"/><c:noMultiLvlLbl val="1"/></c:catAx>"#
    );

    let largest = chart
        .series
        .iter()
        .flat_map(|s| &s.bars)
        .filter_map(|b| b.value)
        .fold(0.0_f64, f64::max);
    x.push_str("<c:valAx>");
    let _ = write!(
        x,
        r#"<c:axId val="{VAL_AX}"/><c:scaling><c:orientation val="minMax"/>"#
    );
    if let Some(max) = chart.max.filter(|m| *m >= largest && *m > 0.0) {
        let _ = write!(x, r#"<c:max val="{max}"/>"#);
    }
    let _ = write!(
        x,
        r#"<c:min val="0"/></c:scaling><c:delete val="0"/><c:axPos val="{val_pos}"/>"#
    );
    x.push_str(
        r#"<c:majorGridlines><c:spPr><a:ln w="6350"><a:solidFill><a:srgbClr val="BFBFBF"/></a:solidFill><a:prstDash val="dash"/></a:ln></c:spPr></c:majorGridlines>"#,
    );
    if let Some(t) = &chart.value_axis {
        axis_title(x, t, chart.direction == Direction::Column);
    }
    x.push_str(r#"<c:numFmt formatCode="General" sourceLinked="0"/><c:majorTickMark val="out"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>"#);
    line(x, "000000");
    text_properties(x);
    let _ = write!(
        x,
        r#"<c:crossAx val="{CAT_AX}"/><c:crosses val="{crosses}"/><c:crossBetween val="between"/>"#
    );
    // Whole steps on a scale of scores or counts up to 10; a longer given
    // scale (a share up to 100) in fifths, so the ticks do not crowd when
    // long category labels leave the plot narrow.
    match chart.max.filter(|m| *m >= largest && *m > 0.0) {
        Some(m) if m <= 10.0 => x.push_str(r#"<c:majorUnit val="1"/>"#),
        Some(m) => {
            let _ = write!(x, r#"<c:majorUnit val="{}"/>"#, m / 5.0);
        }
        None if largest > 0.0 && largest <= 10.0 && whole(chart) => {
            x.push_str(r#"<c:majorUnit val="1"/>"#)
        }
        None => {}
    }
    x.push_str("</c:valAx>");
}

fn line(x: &mut String, color: &str) {
    let _ = write!(
        x,
        r#"<c:spPr><a:ln w="9525"><a:solidFill><a:srgbClr val="{color}"/></a:solidFill></a:ln></c:spPr>"#
    );
}

/// An axis title; `rotated` for a title along a vertical axis.
fn axis_title(x: &mut String, text: &str, rotated: bool) {
    x.push_str("<c:title><c:tx><c:rich>");
    body(x, rotated);
    x.push_str("<a:p><a:pPr>");
    run_properties(x, "a:defRPr", true);
    x.push_str("</a:pPr><a:r>");
    run_properties(x, "a:rPr", true);
    x.push_str("<a:t>");
    escape_into(x, text);
    x.push_str("</a:t></a:r></a:p></c:rich></c:tx><c:overlay val=\"0\"/></c:title>");
}

fn body(x: &mut String, rotated: bool) {
    if rotated {
        x.push_str(r#"<a:bodyPr rot="-5400000" vert="horz"/>"#);
    } else {
        x.push_str("<a:bodyPr/>");
    }
    x.push_str("<a:lstStyle/>");
}

/// `c:txPr`: the text of an element (labels, legend) in the document's font.
fn text_properties(x: &mut String) {
    x.push_str("<c:txPr>");
    body(x, false);
    x.push_str("<a:p><a:pPr>");
    run_properties(x, "a:defRPr", false);
    x.push_str(r#"</a:pPr><a:endParaRPr lang="ru-RU"/></a:p></c:txPr>"#);
}

/// CT_TextCharacterProperties: fill, then the fonts (a:latin, a:ea, a:cs).
fn run_properties(x: &mut String, tag: &str, bold: bool) {
    let _ = write!(
        x,
        r#"<{tag} lang="ru-RU" sz="{TEXT_SIZE}" b="{}"><a:solidFill><a:srgbClr val="000000"/></a:solidFill><a:latin typeface="Times New Roman"/><a:ea typeface="Times New Roman"/><a:cs typeface="Times New Roman"/></{tag}>"#,
        u8::from(bold)
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::markup::{Bar, Series};

    fn chart() -> Chart {
        let bars = |a: Option<f64>, b| {
            vec![
                Bar {
                    label: "Общение <в паре>".into(),
                    value: a,
                },
                Bar {
                    label: "Польза".into(),
                    value: Some(b),
                },
            ]
        };
        Chart {
            title: "Средние оценки".into(),
            direction: Direction::Bar,
            max: Some(10.0),
            category_axis: None,
            value_axis: Some("Средняя оценка, баллов".into()),
            series: vec![
                Series {
                    name: Some("Этап 1".into()),
                    bars: bars(None, 7.5),
                },
                Series {
                    name: Some("Этап 2".into()),
                    bars: bars(Some(8.0), 9.0),
                },
            ],
        }
    }

    #[test]
    fn the_part_is_well_formed_and_caches_every_value() {
        let xml = chart_space(&chart());
        let doc = roxmltree::Document::parse(&xml).expect("well-formed");
        let c = |name: &str| {
            doc.descendants()
                .filter(|n| n.tag_name().name() == name && n.tag_name().namespace() == Some(C_NS))
                .count()
        };
        assert_eq!(c("ser"), 2);
        assert_eq!(c("legend"), 1);
        // Category labels cached in both series, escaped once.
        assert_eq!(xml.matches("Общение &lt;в паре&gt;").count(), 2);
        // Stage 1 has no value for the first bar: three points in all.
        assert_eq!(c("numCache"), 2);
        let points: Vec<&str> = doc
            .descendants()
            .filter(|n| n.tag_name().name() == "numCache")
            .flat_map(|n| n.descendants().filter(|p| p.tag_name().name() == "v"))
            .filter_map(|v| v.text())
            .collect();
        assert_eq!(points, ["7.5", "8", "9"]);
        assert!(xml.contains("<c:f>Лист1!$B$2:$B$3</c:f>"));
        assert!(xml.contains("<c:f>Лист1!$C$1</c:f>"));
        assert!(xml.contains(r#"<c:max val="10"/>"#));
        assert!(xml.contains(r#"<c:majorUnit val="1"/>"#));
        assert!(xml.contains(r#"<c:externalData r:id="rId1">"#));
        assert!(xml.contains(r#"typeface="Times New Roman""#));
    }

    #[test]
    fn one_unnamed_series_has_no_legend() {
        let mut one = chart();
        one.series.truncate(1);
        one.series[0].name = None;
        let xml = chart_space(&one);
        assert!(!xml.contains("<c:legend>"));
        assert_eq!(chart_space(&one), xml, "same chart, same bytes");
        // A share up to 100 is scaled in fifths.
        one.max = Some(100.0);
        assert!(chart_space(&one).contains(r#"<c:majorUnit val="20"/>"#));
    }
}
