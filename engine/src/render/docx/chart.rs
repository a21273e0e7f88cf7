//! `<chart>`: a horizontal bar chart drawn as a PNG, with its labels and
//! values printed as a small table under the picture.
//!
//! The picture carries no text but the bar numbers and the scale under the
//! bars, drawn from a built-in 3×5 digit font: no system fonts, so the bytes
//! are the same on every machine. The PNG is made here, so docx-rs never
//! decodes unchecked bytes, and each picture gets an explicit relationship
//! id (docx-rs would take one from a process-wide counter, and two runs
//! would differ).

use super::blocks::{spacing, Writer};
use super::page::TEXT_WIDTH;
use crate::render::markup::{
    Block, Cell, Chart, Inline, Paragraph as MParagraph, Row, Style, Table,
};
use docx_rs::{AlignmentType, Pic, Run, SpecialIndentType};

const WIDTH: u32 = 1200;
/// The tallest bar; many bars get thinner so the picture stays under
/// about 11 cm (`MAX_PLOT` pixels at 1200 px per 17 cm).
const BAR_HEIGHT: u32 = 36;
const MIN_BAR_HEIGHT: u32 = 8;
const MAX_PLOT: u32 = 780;
const LEFT: u32 = 90;
const RIGHT: u32 = 30;
const TOP: u32 = 16;
const SCALE: u32 = 5;

const WHITE: [u8; 3] = [255, 255, 255];
const GRID: [u8; 3] = [200, 200, 200];
const AXIS: [u8; 3] = [40, 40, 40];
const BAR: [u8; 3] = [68, 94, 140];

/// Digits 0–9, 3 columns × 5 rows, one bit per pixel, rows top to bottom.
const DIGITS: [[u8; 5]; 10] = [
    [0b111, 0b101, 0b101, 0b101, 0b111],
    [0b010, 0b110, 0b010, 0b010, 0b111],
    [0b111, 0b001, 0b111, 0b100, 0b111],
    [0b111, 0b001, 0b111, 0b001, 0b111],
    [0b101, 0b101, 0b111, 0b001, 0b001],
    [0b111, 0b100, 0b111, 0b001, 0b111],
    [0b111, 0b100, 0b111, 0b101, 0b111],
    [0b111, 0b001, 0b010, 0b010, 0b010],
    [0b111, 0b101, 0b111, 0b101, 0b111],
    [0b111, 0b101, 0b111, 0b001, 0b111],
];

/// The decimal comma of the scale («7,5»): a dot on the baseline with a
/// tail one row below it, so that it does not read as a slash or a point.
const COMMA: [u8; 6] = [0b000, 0b000, 0b000, 0b010, 0b010, 0b100];

/// An RGB canvas.
struct Canvas {
    width: u32,
    height: u32,
    pixels: Vec<u8>,
}

impl Canvas {
    fn new(width: u32, height: u32) -> Self {
        Canvas {
            width,
            height,
            pixels: WHITE.repeat((width * height) as usize),
        }
    }

    fn rect(&mut self, x: u32, y: u32, w: u32, h: u32, color: [u8; 3]) {
        for yy in y..(y + h).min(self.height) {
            for xx in x..(x + w).min(self.width) {
                let i = ((yy * self.width + xx) * 3) as usize;
                if let Some(px) = self.pixels.get_mut(i..i + 3) {
                    px.copy_from_slice(&color);
                }
            }
        }
    }

    /// Pixels from one glyph's left edge to the next: a comma is narrower.
    fn advance(c: char, scale: u32) -> u32 {
        (if c == ',' { 3 } else { 4 }) * scale
    }

    /// Width in pixels of `text` (digits and commas) at `scale`.
    fn text_width(text: &str, scale: u32) -> u32 {
        text.chars()
            .map(|c| Self::advance(c, scale))
            .sum::<u32>()
            .saturating_sub(scale)
    }

    /// Draws digits and commas from `left`, the glyphs' top at `top`.
    fn text(&mut self, text: &str, left: u32, top: u32, scale: u32) {
        let mut x = left;
        for c in text.chars() {
            let glyph: &[u8] = match c {
                ',' => &COMMA,
                d => match d.to_digit(10) {
                    Some(n) => &DIGITS[n as usize],
                    None => continue,
                },
            };
            for (row, bits) in glyph.iter().enumerate() {
                for col in 0..3u32 {
                    if bits & (0b100 >> col) != 0 {
                        self.rect(
                            x + col * scale,
                            top + row as u32 * scale,
                            scale,
                            scale,
                            AXIS,
                        );
                    }
                }
            }
            x += Self::advance(c, scale);
        }
    }

    /// Draws a number right-aligned so that it ends at `right`.
    fn number(&mut self, n: usize, right: u32, top: u32, scale: u32) {
        let text = n.to_string();
        let left = right.saturating_sub(Self::text_width(&text, scale));
        self.text(&text, left, top, scale);
    }

    fn png(&self) -> Option<Vec<u8>> {
        let mut out = Vec::new();
        let mut encoder = png::Encoder::new(&mut out, self.width, self.height);
        encoder.set_color(png::ColorType::Rgb);
        encoder.set_depth(png::BitDepth::Eight);
        let mut writer = encoder.write_header().ok()?;
        writer.write_image_data(&self.pixels).ok()?;
        writer.finish().ok()?;
        Some(out)
    }
}

/// Draws the bars; returns the PNG and its size in pixels.
pub fn draw(chart: &Chart) -> Option<(Vec<u8>, u32, u32)> {
    let count = (chart.bars.len() as u32).max(1);
    let bar_height = (MAX_PLOT / count).clamp(MIN_BAR_HEIGHT, BAR_HEIGHT + BAR_HEIGHT / 3) * 3 / 4;
    let gap = bar_height / 3;
    let scale = if bar_height >= 5 * SCALE + 4 {
        SCALE
    } else {
        (bar_height / 6).max(1)
    };
    let bars_bottom = TOP * 2 + count * bar_height + (count - 1) * gap;
    // Under the bars: a tick and a value at each gridline, so the reader
    // sees the scale the lengths are measured on.
    let tick = 10;
    // Six glyph rows: the comma's tail goes one below the digits.
    let height = bars_bottom + tick + 6 + 6 * SCALE + 4;
    let mut canvas = Canvas::new(WIDTH, height);
    let largest = chart.bars.iter().map(|b| b.value).fold(0.0_f64, f64::max);
    let max = match chart.max.filter(|m| *m >= largest && *m > 0.0) {
        Some(m) => m,
        None => nice_ceiling(largest),
    };
    let plot = WIDTH - LEFT - RIGHT;
    for quarter in 0..=4u32 {
        let x = (LEFT + plot * quarter / 4).min(WIDTH - 2);
        if quarter > 0 {
            canvas.rect(x, 0, 2, bars_bottom, GRID);
        }
        canvas.rect(x, bars_bottom, 2, tick, AXIS);
        let label = format_value(max * f64::from(quarter) / 4.0);
        let half = Canvas::text_width(&label, SCALE) / 2;
        let left = (x + 1).saturating_sub(half).min(WIDTH - 2 * half);
        canvas.text(&label, left, bars_bottom + tick + 6, SCALE);
    }
    canvas.rect(LEFT - 3, bars_bottom, plot + 3, 2, AXIS);
    for (i, bar) in chart.bars.iter().enumerate() {
        let top = TOP + i as u32 * (bar_height + gap);
        let length = ((bar.value / max) * f64::from(plot)).round() as u32;
        canvas.rect(LEFT, top, length.min(plot), bar_height, BAR);
        let glyph_top = top + (bar_height.saturating_sub(5 * scale)) / 2;
        canvas.number(i + 1, LEFT - 16, glyph_top, scale);
    }
    canvas.rect(LEFT - 3, 0, 3, bars_bottom, AXIS);
    let bytes = canvas.png()?;
    Some((bytes, WIDTH, height))
}

/// The smallest of 1, 2, 4 or 10 times a power of ten that is at least
/// `largest`: its quarters (0,5; 1; 2,5…) read well on the scale.
fn nice_ceiling(largest: f64) -> f64 {
    if largest.is_nan() || largest <= 0.0 || largest.is_infinite() {
        return 1.0;
    }
    let power = 10f64.powf(largest.log10().floor());
    [1.0, 2.0, 4.0, 10.0]
        .iter()
        .map(|m| m * power)
        .find(|v| *v >= largest)
        .unwrap_or(10.0 * power)
}

/// Title, picture and the table of labels and values.
pub fn chart(w: &mut Writer, chart: &Chart) {
    if !chart.title.is_empty() {
        let p = w
            .paragraph()
            .align(AlignmentType::Center)
            .indent(Some(0), Some(SpecialIndentType::FirstLine(0)), None, None)
            .line_spacing(spacing(6, 6))
            .keep_next(true)
            .bold()
            .add_run(Run::new().bold().add_text(chart.title.as_str()));
        w.push_paragraph(p);
    }
    if let Some((bytes, px_w, px_h)) = draw(chart) {
        w.pictures += 1;
        // Twips → EMU: 635 per twip.
        let width_emu = TEXT_WIDTH * 635;
        let height_emu = (u64::from(width_emu) * u64::from(px_h) / u64::from(px_w)) as u32;
        let pic = Pic::new_with_dimensions(bytes, px_w, px_h)
            .size(width_emu, height_emu)
            .id(format!("rIdChart{}", w.pictures));
        let p = w
            .paragraph()
            .align(AlignmentType::Center)
            .indent(Some(0), Some(SpecialIndentType::FirstLine(0)), None, None)
            .keep_next(true)
            .add_run(Run::new().add_image(pic));
        w.push_paragraph(p);
    }
    let cell = |text: String, bold: bool| Cell {
        span: 1,
        align: None,
        bold,
        paragraphs: vec![MParagraph {
            text: vec![Inline::Text {
                text,
                style: Style::default(),
            }],
            ..MParagraph::default()
        }],
    };
    let mut rows = vec![Row {
        header: true,
        cells: vec![
            cell("№".into(), true),
            cell("Показатель".into(), true),
            cell("Значение".into(), true),
        ],
    }];
    for (i, bar) in chart.bars.iter().enumerate() {
        let mut value = cell(format_value(bar.value), false);
        value.align = Some(crate::render::markup::Align::Right);
        let mut number = cell((i + 1).to_string(), false);
        number.align = Some(crate::render::markup::Align::Center);
        rows.push(Row {
            header: false,
            cells: vec![number, cell(bar.label.clone(), false), value],
        });
    }
    let table = Table {
        widths: vec![1.0, 9.0, 2.5],
        borders: true,
        rows,
    };
    w.blocks(&[Block::Table(table)]);
}

/// A value as a Russian reader writes it: `7,5`, `12`.
pub fn format_value(v: f64) -> String {
    let rounded = (v * 100.0).round() / 100.0;
    let text = if rounded.fract() == 0.0 {
        format!("{rounded:.0}")
    } else {
        let s = format!("{rounded:.2}");
        s.trim_end_matches('0').to_string()
    };
    text.replace('.', ",")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::markup::Bar;

    #[test]
    fn values_are_written_the_russian_way() {
        assert_eq!(format_value(7.5), "7,5");
        assert_eq!(format_value(12.0), "12");
        assert_eq!(format_value(0.125), "0,13");
    }

    #[test]
    fn the_picture_is_a_png_of_the_expected_size() {
        let chart = Chart {
            title: String::new(),
            max: Some(10.0),
            bars: vec![
                Bar {
                    label: "a".into(),
                    value: 10.0,
                },
                Bar {
                    label: "b".into(),
                    value: 2.5,
                },
            ],
        };
        let (bytes, w, h) = draw(&chart).expect("drawn");
        assert!(bytes.starts_with(&[137, 80, 78, 71, 13, 10, 26, 10]));
        assert_eq!(w, WIDTH);
        assert!(
            h > 2 * TOP + 2 * MIN_BAR_HEIGHT && h < 2 * TOP + MAX_PLOT,
            "{h}"
        );
        assert_eq!(draw(&chart).map(|d| d.0), Some(bytes));
    }

    #[test]
    fn the_scale_ends_on_a_round_value() {
        assert_eq!(nice_ceiling(7.6), 10.0);
        assert_eq!(nice_ceiling(10.0), 10.0);
        assert_eq!(nice_ceiling(12.0), 20.0);
        assert_eq!(nice_ceiling(3.0), 4.0);
        assert_eq!(nice_ceiling(0.3), 0.4);
        assert_eq!(nice_ceiling(0.0), 1.0);
        assert_eq!(nice_ceiling(f64::NAN), 1.0);
        // Quarters of 10 as the scale prints them.
        let labels: Vec<String> = (0..=4)
            .map(|q| format_value(10.0 * f64::from(q) / 4.0))
            .collect();
        assert_eq!(labels, ["0", "2,5", "5", "7,5", "10"]);
    }

    #[test]
    fn many_bars_stay_within_a_page() {
        let chart = Chart {
            title: String::new(),
            max: None,
            bars: (0..60)
                .map(|i| Bar {
                    label: i.to_string(),
                    value: f64::from(i),
                })
                .collect(),
        };
        let (_, _, h) = draw(&chart).expect("drawn");
        assert!(h <= 2 * TOP + MAX_PLOT + 60, "{h}");
    }
}
