//! The document markup (docs/markup.md) parsed into typed blocks.
//!
//! Templates render a small XML vocabulary; this module turns it into a
//! [`Document`] that the DOCX writer lays out. Everything a template can get
//! wrong (an unknown element or attribute, text outside a block, a bad
//! number) is reported here in Russian with the template name and the
//! line and column in the rendered markup, so the writer never sees bad input.
//!
//! Whitespace follows HTML: runs of ASCII white space collapse to one space
//! and blocks are trimmed; U+00A0 is kept.

use crate::diag::{Error, Place, Problem, Result};
use roxmltree::{Node, ParsingOptions, TextPos};

/// The deepest nesting of elements accepted; guards the recursion.
const MAX_DEPTH: usize = 40;
/// The most empty lines one `<space lines=N/>` may ask for.
const MAX_SPACE_LINES: u32 = 40;
/// The most bars in one `<chart>`: more would not be readable on a page.
const MAX_BARS: usize = 60;

/// A parsed document: the blocks of `<document>` in order.
#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    pub blocks: Vec<Block>,
}

/// One block of the markup.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// `<p>`.
    Paragraph(Paragraph),
    /// `<title>`: the document type line («ПРИКАЗ»).
    Title {
        text: Vec<Inline>,
        size: Option<u32>,
    },
    /// `<h level>`: an unnumbered heading.
    Heading { level: u8, text: Vec<Inline> },
    /// `<section title>`: a numbered section heading and the blocks it holds.
    Section { title: String, blocks: Vec<Block> },
    /// `<item>`: a numbered item.
    Item(Item),
    /// `<ul>`: a bulleted list.
    List(Vec<ListItem>),
    /// `<table>`.
    Table(Table),
    /// `<stamp>`: the approval stamp, one entry per `<line>`.
    Stamp(Vec<Vec<Inline>>),
    /// `<signature position name/>`.
    Signature { position: String, name: String },
    /// `<space lines=N/>`: N empty lines.
    Space(u32),
    /// `<pagebreak/>`.
    PageBreak,
    /// `<annex>`: a new page and a restart of the legal numbering.
    Annex(Vec<Block>),
    /// `<chart>`: a horizontal bar chart.
    Chart(Chart),
}

/// Horizontal alignment of a paragraph or cell.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    Justify,
    Left,
    Center,
    Right,
}

/// A `<p>` (also inside `<td>`). Unset options take the defaults of the
/// place the paragraph stands in (body text or table cell).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Paragraph {
    pub text: Vec<Inline>,
    pub align: Option<Align>,
    /// `Some(false)` for `indent="0"`.
    pub indent: Option<bool>,
    pub bold: bool,
    pub italic: bool,
    /// Points.
    pub size: Option<u32>,
    /// Spacing before and after, points.
    pub before: Option<u32>,
    pub after: Option<u32>,
    pub keep: bool,
}

/// A numbered `<item>`: its text, then nested items and lists.
#[derive(Debug, Clone, PartialEq)]
pub struct Item {
    pub text: Vec<Inline>,
    pub children: Vec<Block>,
}

/// A `<li>`: its text, then nested lists.
#[derive(Debug, Clone, PartialEq)]
pub struct ListItem {
    pub text: Vec<Inline>,
    pub children: Vec<Vec<ListItem>>,
}

/// A `<table>`, checked: every row spans exactly `columns` columns.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    /// Relative widths, one per column.
    pub widths: Vec<f64>,
    pub borders: bool,
    pub rows: Vec<Row>,
}

/// A `<tr>`.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    pub header: bool,
    /// `keep="1"`: the row stays on the page of the next row (a signature
    /// block of a child and a parent is never split between pages).
    pub keep: bool,
    pub cells: Vec<Cell>,
}

/// A `<td>`: its paragraphs (inline content becomes one paragraph).
#[derive(Debug, Clone, PartialEq)]
pub struct Cell {
    pub span: u32,
    pub align: Option<Align>,
    pub bold: bool,
    pub paragraphs: Vec<Paragraph>,
}

/// A `<chart>`: a bar chart of one or more series over the same
/// categories, written as a native DrawingML chart.
#[derive(Debug, Clone, PartialEq)]
pub struct Chart {
    /// The caption, printed as «Рисунок N — title» under the chart.
    pub title: String,
    pub direction: Direction,
    /// The value at the end of the value axis; the largest bar if unset.
    pub max: Option<f64>,
    /// The titles of the category and value axes.
    pub category_axis: Option<String>,
    pub value_axis: Option<String>,
    /// At least one; every series has the same labels in the same order.
    pub series: Vec<Series>,
}

/// Which way the bars run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    /// Horizontal bars, categories down the left (long labels read well).
    Bar,
    /// Vertical columns, categories along the bottom.
    Column,
}

/// A `<series name>` of a chart, or the bars of a chart without series.
#[derive(Debug, Clone, PartialEq)]
pub struct Series {
    /// The name in the legend; `None` for a chart of one unnamed series.
    pub name: Option<String>,
    pub bars: Vec<Bar>,
    /// `<series target="1">`: a target to reach rather than a figure
    /// («Целевое значение — 70 %»): drawn over the other series' bars as
    /// a dashed outline ending at the target, without values beside it,
    /// so each bar reads against it; at most one, never the only series.
    pub target: bool,
}

/// A `<bar label value/>`; inside a `<series>` the value may be absent
/// (no answer at that stage), and the chart leaves a gap.
#[derive(Debug, Clone, PartialEq)]
pub struct Bar {
    pub label: String,
    pub value: Option<f64>,
}

impl Chart {
    /// The category labels (those of the first series).
    pub fn labels(&self) -> impl Iterator<Item = &str> {
        self.series
            .first()
            .into_iter()
            .flat_map(|s| s.bars.iter().map(|b| b.label.as_str()))
    }
}

/// Inline content: styled text and line breaks.
#[derive(Debug, Clone, PartialEq)]
pub enum Inline {
    Text { text: String, style: Style },
    Break,
}

/// Character formatting from `<b>`, `<i>`, `<u>`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Style {
    pub bold: bool,
    pub italic: bool,
    pub underline: bool,
}

/// The plain text of inline content (breaks as line feeds), for tests and
/// for attributes of the writer such as chart labels.
pub fn plain_text(inlines: &[Inline]) -> String {
    let mut out = String::new();
    for inline in inlines {
        match inline {
            Inline::Text { text, .. } => out.push_str(text),
            Inline::Break => out.push('\n'),
        }
    }
    out
}

/// Parses rendered markup. `template` names the template in messages.
pub fn parse(source: &str, template: &str) -> Result<Document> {
    let options = ParsingOptions {
        allow_dtd: false,
        nodes_limit: 5_000_000,
        ..ParsingOptions::default()
    };
    let xml = roxmltree::Document::parse_with_options(source, options)
        .map_err(|e| Error::input(xml_problem(&e, source, template)))?;
    let parser = Parser {
        xml: &xml,
        template,
    };
    let root = xml.root_element();
    if root.tag_name().name() != "document" {
        return Err(parser.error(
            root,
            format!(
                "корневой элемент разметки должен быть <document>, а не <{}>",
                root.tag_name().name()
            ),
        ));
    }
    parser.attributes(root, &[])?;
    let blocks = parser.blocks(root, 0)?;
    Ok(Document { blocks })
}

/// A Russian message for a syntax error of the XML itself.
fn xml_problem(error: &roxmltree::Error, source: &str, template: &str) -> Problem {
    use roxmltree::Error as E;
    let end = || {
        let line = source.lines().count().max(1);
        let column = source.lines().last().map_or(0, |l| l.chars().count()) + 1;
        TextPos::new(line as u32, column as u32)
    };
    let (message, pos) = match error {
        E::UnexpectedCloseTag(expected, actual, pos) => (
            format!("закрывающий тег </{actual}> не соответствует открытому <{expected}>"),
            *pos,
        ),
        E::UnknownEntityReference(name, pos) => (
            format!("неизвестная ссылка на символ «&{name};»: знак & в тексте должен быть экранирован как &amp;"),
            *pos,
        ),
        E::MalformedEntityReference(pos) => (
            "знак & в тексте должен быть экранирован как &amp;".to_string(),
            *pos,
        ),
        E::DuplicatedAttribute(name, pos) => (format!("атрибут «{name}» указан дважды"), *pos),
        E::InvalidAttributeValue(pos) => (
            "неверное значение атрибута: знак < в значении должен быть экранирован".to_string(),
            *pos,
        ),
        E::UnclosedRootNode | E::UnexpectedEndOfStream => (
            "разметка оборвалась: не закрыт элемент (нет </document> или другого закрывающего тега)"
                .to_string(),
            end(),
        ),
        E::NoRootNode => ("разметка пуста: нет элемента <document>".to_string(), end()),
        E::DtdDetected => (
            "объявления DTD в разметке не допускаются".to_string(),
            TextPos::new(1, 1),
        ),
        E::NodesLimitReached => (
            "разметка слишком велика".to_string(),
            TextPos::new(1, 1),
        ),
        other => (
            format!("разметка не является правильным XML ({other})"),
            other.pos(),
        ),
    };
    Problem::new(
        Place::Text {
            file: template.to_string(),
            line: pos.row as usize,
            column: pos.col as usize,
        },
        message,
    )
}

struct Parser<'a, 'input> {
    xml: &'a roxmltree::Document<'input>,
    template: &'a str,
}

impl<'a, 'input> Parser<'a, 'input> {
    fn place(&self, offset: usize) -> Place {
        let pos = self.xml.text_pos_at(offset);
        Place::Text {
            file: self.template.to_string(),
            line: pos.row as usize,
            column: pos.col as usize,
        }
    }

    fn error(&self, node: Node, message: impl Into<String>) -> Error {
        Error::input(Problem::new(self.place(node.range().start), message))
    }

    fn attr_error(&self, node: Node, name: &str, message: impl Into<String>) -> Error {
        let offset = node
            .attributes()
            .find(|a| a.name() == name)
            .map_or(node.range().start, |a| a.range().start);
        Error::input(Problem::new(self.place(offset), message))
    }

    /// Refuses attributes outside `allowed` and any namespaced attribute.
    fn attributes(&self, node: Node, allowed: &[&str]) -> Result<()> {
        for attr in node.attributes() {
            if attr.namespace().is_some() || !allowed.contains(&attr.name()) {
                let list = if allowed.is_empty() {
                    "атрибутов у него нет".to_string()
                } else {
                    format!("допустимы: {}", allowed.join(", "))
                };
                return Err(Error::input(Problem::new(
                    self.place(attr.range().start),
                    format!(
                        "неизвестный атрибут «{}» у <{}>: {list}",
                        attr.name(),
                        node.tag_name().name()
                    ),
                )));
            }
        }
        Ok(())
    }

    fn flag(&self, node: Node, name: &str) -> Result<Option<bool>> {
        match node.attribute(name) {
            None => Ok(None),
            Some(v) => match v.trim() {
                "1" | "true" | "yes" => Ok(Some(true)),
                "0" | "false" | "no" => Ok(Some(false)),
                other => Err(self.attr_error(
                    node,
                    name,
                    format!("атрибут «{name}» должен быть 1 или 0, а не «{other}»"),
                )),
            },
        }
    }

    fn number(&self, node: Node, name: &str, min: u32, max: u32) -> Result<Option<u32>> {
        match node.attribute(name) {
            None => Ok(None),
            Some(v) => match v.trim().parse::<u32>() {
                Ok(n) if (min..=max).contains(&n) => Ok(Some(n)),
                _ => Err(self.attr_error(
                    node,
                    name,
                    format!(
                        "атрибут «{name}» должен быть целым числом от {min} до {max}, а не «{v}»"
                    ),
                )),
            },
        }
    }

    fn decimal(&self, node: Node, name: &str) -> Result<Option<f64>> {
        match node.attribute(name) {
            None => Ok(None),
            Some(v) => match v.trim().replace(',', ".").parse::<f64>() {
                Ok(n) if n.is_finite() && n >= 0.0 => Ok(Some(n)),
                _ => Err(self.attr_error(
                    node,
                    name,
                    format!("атрибут «{name}» должен быть неотрицательным числом, а не «{v}»"),
                )),
            },
        }
    }

    fn align(&self, node: Node) -> Result<Option<Align>> {
        match node.attribute("align") {
            None => Ok(None),
            Some(v) => match v.trim() {
                "justify" => Ok(Some(Align::Justify)),
                "left" => Ok(Some(Align::Left)),
                "center" => Ok(Some(Align::Center)),
                "right" => Ok(Some(Align::Right)),
                other => Err(self.attr_error(
                    node,
                    "align",
                    format!(
                        "атрибут «align» должен быть justify, left, center или right, а не «{other}»"
                    ),
                )),
            },
        }
    }

    fn required(&self, node: Node, name: &str) -> Result<String> {
        match node.attribute(name) {
            Some(v) => Ok(collapse(v)),
            None => Err(self.error(
                node,
                format!(
                    "у <{}> нет обязательного атрибута «{name}»",
                    node.tag_name().name()
                ),
            )),
        }
    }

    fn check_depth(&self, node: Node, depth: usize) -> Result<()> {
        if depth > MAX_DEPTH {
            return Err(self.error(node, "слишком глубокая вложенность элементов разметки"));
        }
        Ok(())
    }

    /// The blocks inside a container (`<document>`, `<section>`, `<annex>`).
    fn blocks(&self, parent: Node, depth: usize) -> Result<Vec<Block>> {
        self.check_depth(parent, depth)?;
        let mut out = Vec::new();
        for child in parent.children() {
            if child.is_text() {
                self.only_whitespace(child, parent)?;
            } else if child.is_element() {
                out.push(self.block(child, depth + 1)?);
            }
        }
        Ok(out)
    }

    /// Text that is not white space where only blocks may stand is an error.
    fn only_whitespace(&self, text: Node, parent: Node) -> Result<()> {
        let t = text.text().unwrap_or("");
        if t.chars().all(is_markup_space) {
            return Ok(());
        }
        let offset = text.range().start + t.len() - t.trim_start_matches(is_markup_space).len();
        let shown: String = t.trim().chars().take(40).collect();
        Err(Error::input(Problem::new(
            self.place(offset),
            format!(
                "текст вне блока внутри <{}>: «{shown}»; оберните его в <p>",
                parent.tag_name().name()
            ),
        )))
    }

    fn block(&self, node: Node, depth: usize) -> Result<Block> {
        self.check_depth(node, depth)?;
        let name = node.tag_name().name();
        if node.tag_name().namespace().is_some() {
            return Err(self.error(
                node,
                format!("элементы с пространством имён не допускаются: <{name}>"),
            ));
        }
        match name {
            "p" => Ok(Block::Paragraph(self.paragraph(node, depth)?)),
            "title" => {
                self.attributes(node, &["size"])?;
                Ok(Block::Title {
                    size: self.number(node, "size", 6, 72)?,
                    text: self.inline_only(node, depth)?,
                })
            }
            "h" => {
                self.attributes(node, &["level"])?;
                let level = self.number(node, "level", 1, 2)?.unwrap_or(1) as u8;
                Ok(Block::Heading {
                    level,
                    text: self.inline_only(node, depth)?,
                })
            }
            "section" => {
                self.attributes(node, &["title"])?;
                Ok(Block::Section {
                    title: self.required(node, "title")?,
                    blocks: self.blocks(node, depth)?,
                })
            }
            "item" => Ok(Block::Item(self.item(node, depth)?)),
            "ul" => Ok(Block::List(self.list(node, depth)?)),
            "table" => Ok(Block::Table(self.table(node, depth)?)),
            "stamp" => {
                self.attributes(node, &[])?;
                let mut lines = Vec::new();
                for child in node.children() {
                    if child.is_text() {
                        self.only_whitespace(child, node)?;
                    } else if child.is_element() {
                        if child.tag_name().name() != "line" {
                            return Err(self.error(
                                child,
                                format!(
                                    "внутри <stamp> допустимы только <line>, а не <{}>",
                                    child.tag_name().name()
                                ),
                            ));
                        }
                        self.attributes(child, &[])?;
                        lines.push(self.inline_only(child, depth + 1)?);
                    }
                }
                Ok(Block::Stamp(lines))
            }
            "signature" => {
                self.attributes(node, &["position", "name"])?;
                self.empty(node)?;
                Ok(Block::Signature {
                    position: self.required(node, "position")?,
                    name: self.required(node, "name")?,
                })
            }
            "space" => {
                self.attributes(node, &["lines"])?;
                self.empty(node)?;
                Ok(Block::Space(
                    self.number(node, "lines", 1, MAX_SPACE_LINES)?.unwrap_or(1),
                ))
            }
            "pagebreak" => {
                self.attributes(node, &[])?;
                self.empty(node)?;
                Ok(Block::PageBreak)
            }
            "annex" => {
                self.attributes(node, &[])?;
                Ok(Block::Annex(self.blocks(node, depth)?))
            }
            "chart" => Ok(Block::Chart(self.chart(node)?)),
            "b" | "i" | "u" | "br" | "line" | "li" | "tr" | "td" | "bar" => Err(self.error(
                node,
                format!("<{name}> не может стоять здесь: он допустим только внутри своего блока (см. docs/markup.md)"),
            )),
            other => Err(self.error(node, format!("неизвестный элемент разметки <{other}>"))),
        }
    }

    /// An element that must have no content (`<space/>`, `<signature/>`).
    fn empty(&self, node: Node) -> Result<()> {
        for child in node.children() {
            if child.is_element() {
                return Err(self.error(
                    child,
                    format!("<{}> должен быть пустым", node.tag_name().name()),
                ));
            }
            if child.is_text() {
                self.only_whitespace(child, node)?;
            }
        }
        Ok(())
    }

    fn paragraph(&self, node: Node, depth: usize) -> Result<Paragraph> {
        self.attributes(
            node,
            &[
                "align", "indent", "bold", "italic", "size", "before", "after", "keep",
            ],
        )?;
        Ok(Paragraph {
            align: self.align(node)?,
            indent: self.flag(node, "indent")?,
            bold: self.flag(node, "bold")?.unwrap_or(false),
            italic: self.flag(node, "italic")?.unwrap_or(false),
            size: self.number(node, "size", 6, 72)?,
            before: self.number(node, "before", 0, 200)?,
            after: self.number(node, "after", 0, 200)?,
            keep: self.flag(node, "keep")?.unwrap_or(false),
            text: self.inline_only(node, depth)?,
        })
    }

    fn item(&self, node: Node, depth: usize) -> Result<Item> {
        self.attributes(node, &[])?;
        let (text, blocks) = self.text_then(node, depth, &["item", "ul"])?;
        let mut children = Vec::new();
        for child in blocks {
            children.push(match child.tag_name().name() {
                "item" => Block::Item(self.item(child, depth + 1)?),
                _ => Block::List(self.list(child, depth + 1)?),
            });
        }
        Ok(Item { text, children })
    }

    fn list(&self, node: Node, depth: usize) -> Result<Vec<ListItem>> {
        self.check_depth(node, depth)?;
        self.attributes(node, &[])?;
        let mut items = Vec::new();
        for child in node.children() {
            if child.is_text() {
                self.only_whitespace(child, node)?;
            } else if child.is_element() {
                if child.tag_name().name() != "li" {
                    return Err(self.error(
                        child,
                        format!(
                            "внутри <ul> допустимы только <li>, а не <{}>",
                            child.tag_name().name()
                        ),
                    ));
                }
                self.attributes(child, &[])?;
                let (text, lists) = self.text_then(child, depth + 1, &["ul"])?;
                let mut children = Vec::new();
                for list in lists {
                    children.push(self.list(list, depth + 2)?);
                }
                items.push(ListItem { text, children });
            }
        }
        Ok(items)
    }

    /// Inline content first, then only the block elements named in `blocks`.
    fn text_then<'n>(
        &self,
        node: Node<'n, 'input>,
        depth: usize,
        blocks: &[&str],
    ) -> Result<(Vec<Inline>, Vec<Node<'n, 'input>>)> {
        self.check_depth(node, depth)?;
        let mut raw = Vec::new();
        let mut nested = Vec::new();
        for child in node.children() {
            if child.is_element() && blocks.contains(&child.tag_name().name()) {
                nested.push(child);
                continue;
            }
            if !nested.is_empty() {
                if child.is_text() {
                    self.only_whitespace(child, node)?;
                    continue;
                }
                if child.is_element() {
                    return Err(self.error(
                        child,
                        format!(
                            "после вложенных <{}> внутри <{}> может быть только {}",
                            blocks.join("> и <"),
                            node.tag_name().name(),
                            blocks
                                .iter()
                                .map(|b| format!("<{b}>"))
                                .collect::<Vec<_>>()
                                .join(" или ")
                        ),
                    ));
                }
                continue;
            }
            self.inline_node(child, Style::default(), depth + 1, &mut raw)?;
        }
        Ok((normalize(raw), nested))
    }

    /// An element whose content is inline only.
    fn inline_only(&self, node: Node, depth: usize) -> Result<Vec<Inline>> {
        self.check_depth(node, depth)?;
        let mut raw = Vec::new();
        for child in node.children() {
            self.inline_node(child, Style::default(), depth + 1, &mut raw)?;
        }
        Ok(normalize(raw))
    }

    fn inline_node(
        &self,
        node: Node,
        style: Style,
        depth: usize,
        out: &mut Vec<Inline>,
    ) -> Result<()> {
        self.check_depth(node, depth)?;
        if node.is_text() {
            out.push(Inline::Text {
                text: node.text().unwrap_or("").to_string(),
                style,
            });
            return Ok(());
        }
        if !node.is_element() {
            return Ok(()); // comments and processing instructions
        }
        let name = node.tag_name().name();
        let style = match name {
            "b" => Style {
                bold: true,
                ..style
            },
            "i" => Style {
                italic: true,
                ..style
            },
            "u" => Style {
                underline: true,
                ..style
            },
            "br" => {
                self.attributes(node, &[])?;
                self.empty(node)?;
                out.push(Inline::Break);
                return Ok(());
            }
            other => {
                return Err(self.error(
                    node,
                    format!(
                    "<{other}> не допускается внутри <{}>: в тексте допустимы <b>, <i>, <u>, <br/>",
                    node.parent_element().map_or("", |p| p.tag_name().name())
                ),
                ))
            }
        };
        self.attributes(node, &[])?;
        for child in node.children() {
            self.inline_node(child, style, depth + 1, out)?;
        }
        Ok(())
    }

    fn table(&self, node: Node, depth: usize) -> Result<Table> {
        self.attributes(node, &["widths", "border"])?;
        let borders = match node.attribute("border") {
            None => true,
            Some(v) if v.trim() == "none" => false,
            Some(v) if v.trim() == "single" => true,
            Some(v) => {
                return Err(self.attr_error(
                    node,
                    "border",
                    format!("атрибут «border» может быть none или single, а не «{v}»"),
                ))
            }
        };
        let widths = match node.attribute("widths") {
            None => None,
            Some(v) => {
                let mut list = Vec::new();
                for part in v.split(',') {
                    match part.trim().parse::<f64>() {
                        Ok(w) if w.is_finite() && w > 0.0 => list.push(w),
                        _ => {
                            return Err(self.attr_error(
                                node,
                                "widths",
                                format!(
                                    "атрибут «widths» должен быть списком положительных чисел через запятую, а не «{v}»"
                                ),
                            ))
                        }
                    }
                }
                Some(list)
            }
        };
        let mut rows = Vec::new();
        let mut row_nodes = Vec::new();
        for child in node.children() {
            if child.is_text() {
                self.only_whitespace(child, node)?;
            } else if child.is_element() {
                if child.tag_name().name() != "tr" {
                    return Err(self.error(
                        child,
                        format!(
                            "внутри <table> допустимы только <tr>, а не <{}>",
                            child.tag_name().name()
                        ),
                    ));
                }
                rows.push(self.row(child, depth + 1)?);
                row_nodes.push(child);
            }
        }
        if rows.is_empty() {
            return Err(self.error(node, "в таблице нет ни одной строки <tr>"));
        }
        let spans: Vec<u32> = rows
            .iter()
            .map(|r| r.cells.iter().map(|c| c.span).sum())
            .collect();
        let columns = match &widths {
            Some(w) => w.len() as u32,
            None => spans.iter().copied().max().unwrap_or(1),
        };
        for (span, row_node) in spans.iter().zip(&row_nodes) {
            if *span != columns {
                return Err(self.error(
                    *row_node,
                    format!(
                        "в строке таблицы {span} столбцов (с учётом span), а в таблице {columns}"
                    ),
                ));
            }
        }
        let widths = widths.unwrap_or_else(|| vec![1.0; columns as usize]);
        Ok(Table {
            widths,
            borders,
            rows,
        })
    }

    fn row(&self, node: Node, depth: usize) -> Result<Row> {
        self.attributes(node, &["header", "keep"])?;
        let header = self.flag(node, "header")?.unwrap_or(false);
        let keep = self.flag(node, "keep")?.unwrap_or(false);
        let mut cells = Vec::new();
        for child in node.children() {
            if child.is_text() {
                self.only_whitespace(child, node)?;
            } else if child.is_element() {
                if child.tag_name().name() != "td" {
                    return Err(self.error(
                        child,
                        format!(
                            "внутри <tr> допустимы только <td>, а не <{}>",
                            child.tag_name().name()
                        ),
                    ));
                }
                cells.push(self.cell(child, depth + 1)?);
            }
        }
        if cells.is_empty() {
            return Err(self.error(node, "в строке таблицы нет ни одной ячейки <td>"));
        }
        Ok(Row {
            header,
            keep,
            cells,
        })
    }

    fn cell(&self, node: Node, depth: usize) -> Result<Cell> {
        self.check_depth(node, depth)?;
        self.attributes(node, &["span", "align", "bold"])?;
        let span = self.number(node, "span", 1, 63)?.unwrap_or(1);
        let align = self.align(node)?;
        let bold = self.flag(node, "bold")?.unwrap_or(false);
        let has_blocks = node
            .children()
            .any(|c| c.is_element() && c.tag_name().name() == "p");
        let paragraphs = if has_blocks {
            let mut list = Vec::new();
            for child in node.children() {
                if child.is_text() {
                    self.only_whitespace(child, node)?;
                } else if child.is_element() {
                    if child.tag_name().name() != "p" {
                        return Err(self.error(
                            child,
                            "в ячейке с абзацами <p> всё содержимое должно быть в <p>",
                        ));
                    }
                    list.push(self.paragraph(child, depth + 1)?);
                }
            }
            list
        } else {
            vec![Paragraph {
                text: self.inline_only(node, depth)?,
                ..Paragraph::default()
            }]
        };
        Ok(Cell {
            span,
            align,
            bold,
            paragraphs,
        })
    }

    fn chart(&self, node: Node) -> Result<Chart> {
        self.attributes(
            node,
            &["title", "max", "direction", "category-axis", "value-axis"],
        )?;
        let title = node.attribute("title").map(collapse).unwrap_or_default();
        let max = self.decimal(node, "max")?;
        let direction = match node.attribute("direction").map(str::trim) {
            None | Some("bar") => Direction::Bar,
            Some("column") => Direction::Column,
            Some(other) => {
                return Err(self.attr_error(
                    node,
                    "direction",
                    format!("атрибут «direction» должен быть bar или column, а не «{other}»"),
                ))
            }
        };
        let axis = |name| {
            node.attribute(name)
                .map(collapse)
                .filter(|t: &String| !t.is_empty())
        };
        let (category_axis, value_axis) = (axis("category-axis"), axis("value-axis"));
        let mut bars = Vec::new();
        let mut series = Vec::new();
        for child in node.children() {
            if child.is_text() {
                self.only_whitespace(child, node)?;
            } else if child.is_element() {
                match child.tag_name().name() {
                    "bar" if series.is_empty() => bars.push(self.bar(child, false)?),
                    "series" if bars.is_empty() => {
                        self.attributes(child, &["name", "target"])?;
                        let name = self.required(child, "name")?;
                        let target = match child.attribute("target").map(str::trim) {
                            None | Some("0") => false,
                            Some("1") => true,
                            Some(other) => {
                                return Err(self.attr_error(
                                    child,
                                    "target",
                                    format!("атрибут «target» должен быть 1 или 0, а не «{other}»"),
                                ))
                            }
                        };
                        let mut own = Vec::new();
                        for b in child.children() {
                            if b.is_text() {
                                self.only_whitespace(b, child)?;
                            } else if b.is_element() {
                                if b.tag_name().name() != "bar" {
                                    return Err(self.error(
                                        b,
                                        format!(
                                            "внутри <series> допустимы только <bar>, а не <{}>",
                                            b.tag_name().name()
                                        ),
                                    ));
                                }
                                own.push(self.bar(b, true)?);
                            }
                        }
                        series.push((
                            child,
                            Series {
                                name: Some(name),
                                bars: own,
                                target,
                            },
                        ));
                    }
                    "bar" | "series" => {
                        return Err(self.error(
                            child,
                            "в <chart> либо столбцы <bar>, либо ряды <series>, но не вместе",
                        ))
                    }
                    other => {
                        return Err(self.error(
                            child,
                            format!(
                                "внутри <chart> допустимы только <bar> и <series>, а не <{other}>"
                            ),
                        ))
                    }
                }
            }
        }
        let series: Vec<Series> = if series.is_empty() {
            vec![Series {
                name: None,
                bars,
                target: false,
            }]
        } else {
            let first: Vec<String> = series[0].1.bars.iter().map(|b| b.label.clone()).collect();
            for (at, s) in &series[1..] {
                let labels: Vec<&String> = s.bars.iter().map(|b| &b.label).collect();
                if labels.len() != first.len() || labels.iter().zip(&first).any(|(a, b)| *a != b) {
                    return Err(self.error(
                        *at,
                        "у рядов <series> одной диаграммы должны быть одни и те же столбцы в том же порядке",
                    ));
                }
            }
            series.into_iter().map(|(_, s)| s).collect()
        };
        let targets = series.iter().filter(|s| s.target).count();
        if targets > 1 || (targets == 1 && series.len() == 1) {
            return Err(self.error(
                node,
                "в диаграмме может быть один ряд <series target=\"1\"> (целевое значение), и только рядом с рядами показателей",
            ));
        }
        let count = series[0].bars.len();
        if count == 0 {
            return Err(self.error(node, "в диаграмме нет ни одного столбца <bar>"));
        }
        if count * series.len() > MAX_BARS {
            return Err(self.error(
                node,
                format!(
                    "в диаграмме {} столбцов, допустимо не больше {MAX_BARS}",
                    count * series.len()
                ),
            ));
        }
        Ok(Chart {
            title,
            direction,
            max,
            category_axis,
            value_axis,
            series,
        })
    }

    /// A `<bar label value/>`; `gap` allows a bar without a value.
    fn bar(&self, node: Node, gap: bool) -> Result<Bar> {
        self.attributes(node, &["label", "value"])?;
        self.empty(node)?;
        let label = self.required(node, "label")?;
        // A series' bar may stand empty: `value=""` is what a template
        // prints for a stage without answers.
        let blank = node.attribute("value").is_some_and(|v| v.trim().is_empty());
        let value = if gap && blank {
            None
        } else {
            self.decimal(node, "value")?
        };
        if value.is_none() && !gap {
            return Err(self.error(node, "у <bar> нет обязательного атрибута «value»"));
        }
        Ok(Bar { label, value })
    }
}

/// ASCII white space as the markup treats it (U+00A0 is not).
fn is_markup_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\r')
}

/// Collapses ASCII white space in an attribute value and trims it.
fn collapse(text: &str) -> String {
    text.split(is_markup_space)
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Applies the whitespace rules to raw inline content: white space runs
/// become one space (also across `<b>`/`<i>` boundaries), nothing at the start
/// or end of the block or around `<br/>`; adjacent runs of one style merge.
fn normalize(raw: Vec<Inline>) -> Vec<Inline> {
    let mut out: Vec<Inline> = Vec::new();
    let mut pending_space = false;
    let mut line_start = true;
    for inline in raw {
        match inline {
            Inline::Break => {
                pending_space = false;
                line_start = true;
                out.push(Inline::Break);
            }
            Inline::Text { text, style } => {
                let mut piece = String::new();
                for c in text.chars() {
                    if is_markup_space(c) {
                        if !line_start {
                            pending_space = true;
                        }
                        continue;
                    }
                    if pending_space {
                        piece.push(' ');
                        pending_space = false;
                    }
                    piece.push(c);
                    line_start = false;
                }
                if piece.is_empty() {
                    continue;
                }
                match out.last_mut() {
                    Some(Inline::Text { text, style: last }) if *last == style => {
                        text.push_str(&piece)
                    }
                    _ => out.push(Inline::Text { text: piece, style }),
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(s: &str) -> Inline {
        Inline::Text {
            text: s.to_string(),
            style: Style::default(),
        }
    }

    fn one_paragraph(src: &str) -> Paragraph {
        let doc = parse(src, "t.hbs").expect("parses");
        match doc.blocks.into_iter().next() {
            Some(Block::Paragraph(p)) => p,
            other => panic!("not a paragraph: {other:?}"),
        }
    }

    fn error(src: &str) -> Problem {
        match parse(src, "order.hbs") {
            Err(Error::Input(mut p)) => p.remove(0),
            other => panic!("expected an input error, got {other:?}"),
        }
    }

    #[test]
    fn whitespace_collapses_and_blocks_are_trimmed() {
        let p = one_paragraph(
            "<document>\n  <p>\n    Назначить\t  куратором\n    Иванову  </p>\n</document>",
        );
        assert_eq!(p.text, vec![text("Назначить куратором Иванову")]);
    }

    #[test]
    fn non_breaking_spaces_are_kept() {
        let p = one_paragraph("<document><p>И.\u{a0}И.\u{a0}Иванов \u{a0} </p></document>");
        assert_eq!(p.text, vec![text("И.\u{a0}И.\u{a0}Иванов \u{a0}")]);
    }

    #[test]
    fn spaces_across_styles_collapse_once_and_breaks_trim() {
        let p = one_paragraph("<document><p>один <b> два </b> три <br/>  четыре</p></document>");
        let bold = Style {
            bold: true,
            ..Style::default()
        };
        assert_eq!(
            p.text,
            vec![
                text("один"),
                Inline::Text {
                    text: " два".into(),
                    style: bold
                },
                text(" три"),
                Inline::Break,
                text("четыре"),
            ]
        );
    }

    #[test]
    fn escaped_characters_arrive_literally() {
        let p = one_paragraph("<document><p>{{x}} &lt;b&gt; &amp; «ООО» &#x3D;</p></document>");
        assert_eq!(plain_text(&p.text), "{{x}} <b> & «ООО» =");
    }

    #[test]
    fn unknown_element_names_template_line_and_column() {
        let e = error("<document>\n  <p>ok</p>\n  <para>x</para>\n</document>");
        assert_eq!(
            e.place,
            Place::Text {
                file: "order.hbs".into(),
                line: 3,
                column: 3
            }
        );
        assert!(
            e.message.contains("неизвестный элемент разметки <para>"),
            "{}",
            e.message
        );
    }

    #[test]
    fn unknown_attribute_is_refused_at_its_position() {
        let e = error("<document>\n<p colour=\"red\">x</p></document>");
        assert_eq!(
            e.place,
            Place::Text {
                file: "order.hbs".into(),
                line: 2,
                column: 4
            }
        );
        assert!(
            e.message.contains("неизвестный атрибут «colour» у <p>"),
            "{}",
            e.message
        );
    }

    #[test]
    fn text_outside_blocks_is_an_error() {
        let e = error("<document>\n   стray text\n</document>");
        assert_eq!(
            e.place,
            Place::Text {
                file: "order.hbs".into(),
                line: 2,
                column: 4
            }
        );
        assert!(e.message.contains("текст вне блока"), "{}", e.message);
    }

    #[test]
    fn unescaped_ampersand_is_explained() {
        let e = error("<document><p>ООО Рога & Копыта</p></document>");
        assert!(e.message.contains("&amp;"), "{}", e.message);
        assert!(matches!(e.place, Place::Text { line: 1, .. }));
    }

    #[test]
    fn chart_series_share_their_labels() {
        let ok = parse(
            "<document><chart title=\"t\" direction=\"column\" value-axis=\"Баллы\"><series name=\"Этап 1\"><bar label=\"a\" value=\"\"/><bar label=\"b\" value=\"2,5\"/></series><series name=\"Этап 2\"><bar label=\"a\" value=\"3\"/><bar label=\"b\" value=\"4\"/></series></chart></document>",
            "t.hbs",
        )
        .expect("parses");
        let Block::Chart(c) = &ok.blocks[0] else {
            panic!("a chart")
        };
        assert_eq!(c.direction, Direction::Column);
        assert_eq!(c.value_axis.as_deref(), Some("Баллы"));
        assert_eq!(c.series.len(), 2);
        assert_eq!(c.series[0].bars[0].value, None, "a gap");
        assert_eq!(c.series[0].bars[1].value, Some(2.5));
        assert_eq!(c.labels().collect::<Vec<_>>(), ["a", "b"]);
        let e = error("<document><chart><series name=\"1\"><bar label=\"a\" value=\"1\"/></series><series name=\"2\"><bar label=\"b\" value=\"1\"/></series></chart></document>");
        assert!(e.message.contains("одни и те же столбцы"), "{}", e.message);
        let e = error("<document><chart><bar label=\"a\" value=\"1\"/><series name=\"2\"><bar label=\"a\" value=\"1\"/></series></chart></document>");
        assert!(e.message.contains("не вместе"), "{}", e.message);
        // Outside a series a bar needs its value.
        let e = error("<document><chart><bar label=\"a\" value=\"\"/></chart></document>");
        assert!(e.message.contains("value"), "{}", e.message);
        let e = error(
            "<document><chart direction=\"pie\"><bar label=\"a\" value=\"1\"/></chart></document>",
        );
        assert!(e.message.contains("bar или column"), "{}", e.message);
    }

    #[test]
    fn bad_values_are_refused() {
        assert!(error("<document><p align=\"middle\">x</p></document>")
            .message
            .contains("align"));
        assert!(error("<document><space lines=\"x\"/></document>")
            .message
            .contains("lines"));
        assert!(
            error("<document><chart><bar label=\"a\" value=\"-1\"/></chart></document>")
                .message
                .contains("value")
        );
        assert!(
            error("<document><signature name=\"И. И. Иванов\"/></document>")
                .message
                .contains("position")
        );
    }

    #[test]
    fn table_rows_must_match_columns() {
        let e = error(
            "<document><table widths=\"1,2,3\">\n<tr><td>a</td><td span=\"2\">b</td></tr>\n<tr><td>c</td></tr></table></document>",
        );
        assert!(e.message.contains("1 столбцов"), "{}", e.message);
        assert!(matches!(e.place, Place::Text { line: 3, .. }));
    }

    #[test]
    fn nested_items_and_lists() {
        let doc = parse(
            "<document><section title=\" Общие\n положения \"><item>Текст <item>вложенный</item><ul><li>пункт</li></ul></item></section></document>",
            "t",
        )
        .expect("parses");
        let Some(Block::Section { title, blocks }) = doc.blocks.first() else {
            panic!("no section")
        };
        assert_eq!(title, "Общие положения");
        let Some(Block::Item(item)) = blocks.first() else {
            panic!("no item")
        };
        assert_eq!(item.text, vec![text("Текст")]);
        assert_eq!(item.children.len(), 2);
    }

    #[test]
    fn text_after_nested_items_is_refused() {
        let e = error("<document><item>a<item>b</item>хвост</item></document>");
        assert!(e.message.contains("текст вне блока"), "{}", e.message);
    }

    #[test]
    fn deep_nesting_is_refused_not_overflowed() {
        let src = format!(
            "<document>{}x{}</document>",
            "<item>".repeat(200),
            "</item>".repeat(200)
        );
        assert!(error(&src).message.contains("вложенность"));
    }

    #[test]
    fn root_must_be_document_and_unclosed_is_reported() {
        assert!(error("<doc/>").message.contains("<document>"));
        let e = error("<document>\n<p>x</p>\n");
        assert!(e.message.contains("оборвалась"), "{}", e.message);
        assert!(matches!(e.place, Place::Text { line: 2, .. }));
    }
}
