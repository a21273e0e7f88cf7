//! Every correction nastavnik makes to docx-rs's output, and nothing else.
//!
//! docx-rs 0.4.22 builds the parts the page setup decides (`super::skeleton`:
//! styles, numbering, settings, headers, the section properties, content
//! types, relationships) through its API. Some of what it writes breaks the
//! Open XML schema, and some of what nastavnik needs it has no API for;
//! those are corrected here, on its serialised text, once a run. Each
//! correction names its case in `docs/docx-rs-bugs.md` and has a test
//! below that asserts docx-rs's raw output still has the defect: when that
//! test fails, docx-rs has fixed it and the correction can go.
//!
//! | correction | docx-rs bug (`docs/docx-rs-bugs.md`) |
//! |---|---|
//! | [`schema_order`]: children of `w:settings`, `w:style`, `w:pPr`, `w:rPr`, `w:sectPr`, `w:lvl`, `w:numPr` (and `w:tblPr`, `w:tcPr`) in schema order | 1, 3, 4, 5, 6, 7, 8 |
//! | [`general_ppr`]: no `w:rPr` in CT_PPrGeneral (styles, numbering levels) | 2 |
//! | [`with_language`]: `w:lang` ru-RU in the run defaults | missing API |
//! | [`split_document`]: the body, written as text, between `w:body` and `w:sectPr` | missing API |
//! | [`with_charts`]: the charts' relationships and content types | missing API |
//!
//! Nothing else in `docx` edits docx-rs's text.

use crate::diag::{Error, Result};
use std::borrow::Cow;
use std::collections::HashMap;

/// Schema order (bugs 1, 3–8). docx-rs writes the children of
/// `w:settings`, `w:style`, `w:pPr`, `w:rPr`, `w:sectPr`, `w:lvl` and
/// `w:numPr` in its own order (`w:zoom` after `w:defaultTabStop`, `w:rPr`
/// first in a paragraph's properties, `w:sz` before `w:b`, `w:suff` after
/// `w:rPr`, `w:headerReference` after `w:pgMar`, `w:numId` before
/// `w:ilvl`). This pass sorts the children of those elements, stably, by
/// their place in the schema sequence (ECMA-376 part 1: CT_Settings,
/// CT_Style, CT_PPr, CT_RPr, CT_TblPr, CT_TcPr, CT_SectPr, CT_Lvl,
/// CT_NumPr). It works on text docx-rs wrote, which has no text content
/// inside these elements, only child elements. Containers repeat (every
/// level has the same properties), so each distinct container text is
/// sorted once.
pub fn schema_order(xml: &str) -> String {
    let mut memo: HashMap<&str, String> = HashMap::new();
    fix_with(xml, &mut memo)
}

/// CT_Settings, in schema order (the `w14:`/`w15:` extensions follow it).
const SETTINGS: &[&str] = &[
    "w:writeProtection",
    "w:view",
    "w:zoom",
    "w:removePersonalInformation",
    "w:removeDateAndTime",
    "w:doNotDisplayPageBoundaries",
    "w:displayBackgroundShape",
    "w:printPostScriptOverText",
    "w:printFractionalCharacterWidth",
    "w:printFormsData",
    "w:embedTrueTypeFonts",
    "w:embedSystemFonts",
    "w:saveSubsetFonts",
    "w:saveFormsData",
    "w:mirrorMargins",
    "w:alignBordersAndEdges",
    "w:bordersDoNotSurroundHeader",
    "w:bordersDoNotSurroundFooter",
    "w:gutterAtTop",
    "w:hideSpellingErrors",
    "w:hideGrammaticalErrors",
    "w:activeWritingStyle",
    "w:proofState",
    "w:formsDesign",
    "w:attachedTemplate",
    "w:linkStyles",
    "w:stylePaneFormatFilter",
    "w:stylePaneSortMethod",
    "w:documentType",
    "w:mailMerge",
    "w:revisionView",
    "w:trackRevisions",
    "w:doNotTrackMoves",
    "w:doNotTrackFormatting",
    "w:documentProtection",
    "w:autoFormatOverride",
    "w:styleLockTheme",
    "w:styleLockQFSet",
    "w:defaultTabStop",
    "w:autoHyphenation",
    "w:consecutiveHyphenLimit",
    "w:hyphenationZone",
    "w:doNotHyphenateCaps",
    "w:showEnvelope",
    "w:summaryLength",
    "w:clickAndTypeStyle",
    "w:defaultTableStyle",
    "w:evenAndOddHeaders",
    "w:bookFoldRevPrinting",
    "w:bookFoldPrinting",
    "w:bookFoldPrintingSheets",
    "w:drawingGridHorizontalSpacing",
    "w:drawingGridVerticalSpacing",
    "w:displayHorizontalDrawingGridEvery",
    "w:displayVerticalDrawingGridEvery",
    "w:doNotUseMarginsForDrawingGridOrigin",
    "w:drawingGridHorizontalOrigin",
    "w:drawingGridVerticalOrigin",
    "w:doNotShadeFormData",
    "w:noPunctuationKerning",
    "w:characterSpacingControl",
    "w:printTwoOnOne",
    "w:strictFirstAndLastChars",
    "w:noLineBreaksAfter",
    "w:noLineBreaksBefore",
    "w:savePreviewPicture",
    "w:doNotValidateAgainstSchema",
    "w:saveInvalidXml",
    "w:ignoreMixedContent",
    "w:alwaysShowPlaceholderText",
    "w:doNotDemarcateInvalidXml",
    "w:saveXmlDataOnly",
    "w:useXSLTWhenSaving",
    "w:saveThroughXslt",
    "w:showXMLTags",
    "w:alwaysMergeEmptyNamespace",
    "w:updateFields",
    "w:hdrShapeDefaults",
    "w:footnotePr",
    "w:endnotePr",
    "w:compat",
    "w:docVars",
    "w:rsids",
    "w:mathPr",
    "w:attachedSchema",
    "w:themeFontLang",
    "w:clrSchemeMapping",
    "w:doNotIncludeSubdocsInStats",
    "w:doNotAutoCompressPictures",
    "w:forceUpgrade",
    "w:captions",
    "w:readModeInkLockDown",
    "w:smartTagType",
    "w:schemaLibrary",
    "w:shapeDefaults",
    "w:doNotEmbedSmartTags",
    "w:decimalSymbol",
    "w:listSeparator",
];

/// The schema sequence of each container we reorder.
fn sequence(container: &str) -> Option<&'static [&'static str]> {
    Some(match container {
        "w:settings" => SETTINGS,
        "w:pPr" => &[
            "w:pStyle",
            "w:keepNext",
            "w:keepLines",
            "w:pageBreakBefore",
            "w:framePr",
            "w:widowControl",
            "w:numPr",
            "w:suppressLineNumbers",
            "w:pBdr",
            "w:shd",
            "w:tabs",
            "w:suppressAutoHyphens",
            "w:kinsoku",
            "w:wordWrap",
            "w:overflowPunct",
            "w:topLinePunct",
            "w:autoSpaceDE",
            "w:autoSpaceDN",
            "w:bidi",
            "w:adjustRightInd",
            "w:snapToGrid",
            "w:spacing",
            "w:ind",
            "w:contextualSpacing",
            "w:mirrorIndents",
            "w:suppressOverlap",
            "w:jc",
            "w:textDirection",
            "w:textAlignment",
            "w:textboxTightWrap",
            "w:outlineLvl",
            "w:divId",
            "w:cnfStyle",
            "w:rPr",
            "w:sectPr",
            "w:pPrChange",
        ],
        "w:rPr" => &[
            "w:rStyle",
            "w:rFonts",
            "w:b",
            "w:bCs",
            "w:i",
            "w:iCs",
            "w:caps",
            "w:smallCaps",
            "w:strike",
            "w:dstrike",
            "w:outline",
            "w:shadow",
            "w:emboss",
            "w:imprint",
            "w:noProof",
            "w:snapToGrid",
            "w:vanish",
            "w:webHidden",
            "w:color",
            "w:spacing",
            "w:w",
            "w:kern",
            "w:position",
            "w:sz",
            "w:szCs",
            "w:highlight",
            "w:u",
            "w:effect",
            "w:bdr",
            "w:shd",
            "w:fitText",
            "w:vertAlign",
            "w:rtl",
            "w:cs",
            "w:em",
            "w:lang",
            "w:eastAsianLayout",
            "w:specVanish",
            "w:oMath",
        ],
        "w:tblPr" => &[
            "w:tblStyle",
            "w:tblpPr",
            "w:tblOverlap",
            "w:bidiVisual",
            "w:tblStyleRowBandSize",
            "w:tblStyleColBandSize",
            "w:tblW",
            "w:jc",
            "w:tblCellSpacing",
            "w:tblInd",
            "w:tblBorders",
            "w:shd",
            "w:tblLayout",
            "w:tblCellMar",
            "w:tblLook",
            "w:tblCaption",
            "w:tblDescription",
        ],
        "w:tcPr" => &[
            "w:cnfStyle",
            "w:tcW",
            "w:gridSpan",
            "w:hMerge",
            "w:vMerge",
            "w:tcBorders",
            "w:shd",
            "w:noWrap",
            "w:tcMar",
            "w:textDirection",
            "w:tcFitText",
            "w:vAlign",
            "w:hideMark",
        ],
        "w:sectPr" => &[
            "w:headerReference",
            "w:footerReference",
            "w:footnotePr",
            "w:endnotePr",
            "w:type",
            "w:pgSz",
            "w:pgMar",
            "w:paperSrc",
            "w:pgBorders",
            "w:lnNumType",
            "w:pgNumType",
            "w:cols",
            "w:formProt",
            "w:vAlign",
            "w:noEndnote",
            "w:titlePg",
            "w:textDirection",
            "w:bidi",
            "w:rtlGutter",
            "w:docGrid",
            "w:printerSettings",
        ],
        "w:lvl" => &[
            "w:start",
            "w:numFmt",
            "w:lvlRestart",
            "w:pStyle",
            "w:isLgl",
            "w:suff",
            "w:lvlText",
            "w:lvlPicBulletId",
            "w:legacy",
            "w:lvlJc",
            "w:pPr",
            "w:rPr",
        ],
        "w:numPr" => &["w:ilvl", "w:numId", "w:numberingChange", "w:ins"],
        "w:style" => &[
            "w:name",
            "w:aliases",
            "w:basedOn",
            "w:next",
            "w:link",
            "w:autoRedefine",
            "w:hidden",
            "w:uiPriority",
            "w:semiHidden",
            "w:unhideWhenUsed",
            "w:qFormat",
            "w:locked",
            "w:personal",
            "w:personalCompose",
            "w:personalReply",
            "w:rsid",
            "w:pPr",
            "w:rPr",
            "w:tblPr",
            "w:trPr",
            "w:tcPr",
            "w:tblStylePr",
        ],
        _ => return None,
    })
}

/// The element name of a tag starting at `s[0] == '<'`.
fn tag_name(s: &str) -> &str {
    let bytes = s.as_bytes();
    let mut end = 1;
    while end < bytes.len() && !matches!(bytes[end], b' ' | b'/' | b'>' | b'\t' | b'\n' | b'\r') {
        end += 1;
    }
    &s[1..end]
}

/// The index just past the `>` of the tag starting at `s[0]`. docx-rs
/// escapes `>` in attribute values, so the first `>` closes the tag.
fn tag_end(s: &str) -> Option<usize> {
    s.find('>').map(|i| i + 1)
}

/// The length of the element starting at `s[0]`, start tag to end tag.
/// None of the elements docx-rs writes nests inside one of its own name
/// (no `w:pPrChange`, no tables in cells), so the first end tag closes it.
fn element_len(s: &str) -> Option<usize> {
    let start_end = tag_end(s)?;
    if s[..start_end].ends_with("/>") {
        return Some(start_end);
    }
    let name = tag_name(s);
    let mut close = String::with_capacity(name.len() + 3);
    close.push_str("</");
    close.push_str(name);
    close.push('>');
    let at = s[start_end..].find(&close)?;
    Some(start_end + at + close.len())
}

/// Is `name` one of the containers this pass reorders?
fn is_container(name: &str) -> bool {
    matches!(
        name,
        "w:settings"
            | "w:pPr"
            | "w:rPr"
            | "w:tblPr"
            | "w:tcPr"
            | "w:sectPr"
            | "w:lvl"
            | "w:style"
            | "w:numPr"
    )
}

fn fix_with<'a>(xml: &'a str, memo: &mut HashMap<&'a str, String>) -> String {
    let mut out = String::with_capacity(xml.len() + 16);
    let mut copied = 0;
    let mut at = 0;
    while let Some(lt) = xml[at..].find('<') {
        let start = at + lt;
        let here = &xml[start..];
        let name = tag_name(here);
        if !is_container(name) {
            at = start + 1;
            continue;
        }
        let Some(len) = element_len(here) else {
            break;
        };
        let element = &here[..len];
        out.push_str(&xml[copied..start]);
        if let Some(done) = memo.get(element) {
            out.push_str(done);
        } else {
            let done = sort_container(element, memo);
            out.push_str(&done);
            memo.insert(element, done);
        }
        at = start + len;
        copied = at;
    }
    out.push_str(&xml[copied..]);
    out
}

/// One container with its children sorted and fixed inside.
fn sort_container<'a>(element: &'a str, memo: &mut HashMap<&'a str, String>) -> String {
    let name = tag_name(element);
    let (Some(order), Some(start_end)) = (sequence(name), tag_end(element)) else {
        return element.to_string();
    };
    if start_end == element.len() {
        return element.to_string();
    }
    let close_len = name.len() + 3;
    let inner = &element[start_end..element.len() - close_len];
    let mut children: Vec<(usize, String)> = Vec::new();
    let mut rest = inner;
    while let Some(lt) = rest.find('<') {
        let here = &rest[lt..];
        let Some(len) = element_len(here) else {
            return element.to_string();
        };
        let child = tag_name(here);
        let rank = order
            .iter()
            .position(|n| *n == child)
            .unwrap_or(order.len());
        children.push((rank, fix_with(&here[..len], memo)));
        rest = &here[len..];
    }
    children.sort_by_key(|(rank, _)| *rank);
    let mut out = String::with_capacity(element.len());
    out.push_str(&element[..start_end]);
    for (_, child) in children {
        out.push_str(&child);
    }
    out.push_str(&element[element.len() - close_len..]);
    out
}

/// Paragraph properties in styles and numbering levels (CT_PPrGeneral)
/// may not hold run properties (bug 2); docx-rs writes an empty
/// `<w:rPr />` there, which [`schema_order`] has moved to the end.
pub fn general_ppr(xml: &str) -> String {
    xml.replace("<w:rPr /></w:pPr>", "</w:pPr>")
}

/// Run defaults get Russian as the language, so LibreOffice and Word
/// hyphenate and check spelling in Russian (docx-rs has no API for
/// `w:lang` in the defaults).
pub const LANG: &str = r#"<w:lang w:val="ru-RU" w:eastAsia="ru-RU" w:bidi="ar-SA" />"#;

/// `styles` with [`LANG`] at the end of the run defaults (`w:lang` comes
/// after the font, size and other run properties in CT_RPr).
pub fn with_language(styles: &str) -> Result<String> {
    let start = styles
        .find("<w:rPrDefault>")
        .ok_or_else(|| broken("styles.xml", "нет w:rPrDefault"))?;
    let close = styles[start..]
        .find("</w:rPr>")
        .map(|i| start + i)
        .ok_or_else(|| broken("styles.xml", "нет w:rPr в w:rPrDefault"))?;
    Ok(insert_at(styles, close, LANG))
}

/// Where the body's children go in docx-rs's `document.xml`.
const BODY_OPEN: &str = "<w:body>";
const SECTION: &str = "<w:sectPr";

/// docx-rs's `document.xml` of an empty body, cut where the body's
/// children go: up to and including `<w:body>`, and from the section
/// properties to the end. docx-rs takes a body only as its own structures,
/// which cost most of a document's time and memory (ARCHITECTURE.md, «The
/// body skips docx-rs»); the body is written as text between the two.
pub fn split_document(document: &str) -> Result<(String, String)> {
    let body = document
        .find(BODY_OPEN)
        .map(|i| i + BODY_OPEN.len())
        .ok_or_else(|| broken("document.xml", "нет w:body"))?;
    let section = document[body..]
        .find(SECTION)
        .map(|i| body + i)
        .ok_or_else(|| broken("document.xml", "нет w:sectPr"))?;
    if section != body {
        return Err(broken("document.xml", "в пустом документе есть текст"));
    }
    Ok((document[..body].to_owned(), document[section..].to_owned()))
}

/// docx-rs's content types and document relationships with `charts`
/// charts added (docx-rs has no chart API): chart `n` is
/// `word/charts/chart{n}.xml`, related as `rel_id(n)`, its workbook an
/// `.xlsx` part.
pub fn with_charts<'a>(
    content_types: &'a str,
    document_rels: &'a str,
    charts: usize,
    rel_id: impl Fn(usize) -> String,
) -> Result<(Cow<'a, str>, Cow<'a, str>)> {
    if charts == 0 {
        return Ok((Cow::Borrowed(content_types), Cow::Borrowed(document_rels)));
    }
    let mut types = String::from(
        r#"<Default Extension="xlsx" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" />"#,
    );
    for n in 1..=charts {
        types.push_str(&format!(
            r#"<Override PartName="/word/charts/chart{n}.xml" ContentType="application/vnd.openxmlformats-officedocument.drawingml.chart+xml" />"#
        ));
    }
    let rels: String = (1..=charts)
        .map(|n| {
            format!(
                r#"<Relationship Id="{}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/chart" Target="charts/chart{n}.xml" />"#,
                rel_id(n)
            )
        })
        .collect();
    Ok((
        insert_before(content_types, "</Types>", &types, "[Content_Types].xml")?.into(),
        insert_before(
            document_rels,
            "</Relationships>",
            &rels,
            "document.xml.rels",
        )?
        .into(),
    ))
}

/// `text` with `add` put before the last `close`.
fn insert_before(text: &str, close: &str, add: &str, name: &str) -> Result<String> {
    let at = text
        .rfind(close)
        .ok_or_else(|| broken(name, &format!("нет {close}")))?;
    Ok(insert_at(text, at, add))
}

fn insert_at(text: &str, at: usize, add: &str) -> String {
    let mut out = String::with_capacity(text.len() + add.len());
    out.push_str(&text[..at]);
    out.push_str(add);
    out.push_str(&text[at..]);
    out
}

/// A part docx-rs wrote, as text.
pub fn utf8<'a>(part: &'a [u8], name: &str) -> Result<&'a str> {
    std::str::from_utf8(part)
        .map_err(|e| Error::io(format!("часть {name} не в UTF-8"), std::io::Error::other(e)))
}

/// docx-rs wrote a part otherwise than these corrections expect.
fn broken(name: &str, what: &str) -> Error {
    Error::io(
        format!("docx-rs записал {name} не так, как ожидалось: {what}"),
        std::io::Error::other("unexpected XML"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// docx-rs's raw output of `docx`, part by part.
    fn raw(docx: docx_rs::Docx) -> docx_rs::XMLDocx {
        docx.build()
    }

    fn text(part: &[u8]) -> String {
        String::from_utf8(part.to_vec()).expect("UTF-8")
    }

    /// Is `first` before `second` in `xml`?
    fn before(xml: &str, first: &str, second: &str) -> bool {
        let a = xml.find(first).expect("first is there");
        let b = xml.find(second).expect("second is there");
        a < b
    }

    // Each `docx_rs_still_*` test asserts docx-rs's raw output still has
    // the defect its correction is for: when one fails, docx-rs has fixed
    // it; drop the correction and the case in docs/docx-rs-bugs.md.

    #[test]
    fn docx_rs_still_writes_zoom_after_the_tab_stop() {
        let settings = text(&raw(docx_rs::Docx::new()).settings);
        assert!(
            before(&settings, "<w:defaultTabStop", "<w:zoom"),
            "bug 1 fixed upstream"
        );
        let fixed = schema_order(&settings);
        assert!(before(&fixed, "<w:zoom", "<w:defaultTabStop"));
        assert!(before(&fixed, "<w:defaultTabStop", "<w:compat>"));
        assert!(roxmltree::Document::parse(&fixed).is_ok());
    }

    #[test]
    fn docx_rs_still_writes_run_properties_in_general_paragraph_properties() {
        let styles = text(&raw(docx_rs::Docx::new()).styles);
        assert!(
            styles.contains("<w:pPrDefault><w:pPr><w:rPr />"),
            "bug 2 fixed upstream"
        );
        let fixed = general_ppr(&schema_order(&styles));
        assert!(!fixed.contains("<w:rPr /></w:pPr>"));
    }

    #[test]
    fn docx_rs_still_writes_style_children_out_of_order() {
        use docx_rs::{Docx, Style, StyleType};
        let docx = Docx::new().add_style(Style::new("T", StyleType::Paragraph).name("T").size(24));
        let styles = text(&raw(docx).styles);
        let style = &styles[styles.find(r#"w:styleId="T""#).expect("the style")..];
        assert!(before(style, "<w:rPr>", "<w:pPr>"), "bug 3 fixed upstream");
        let fixed = schema_order(&styles);
        let style = &fixed[fixed.find(r#"w:styleId="T""#).expect("the style")..];
        assert!(before(style, "<w:pPr>", "<w:rPr>"));
    }

    #[test]
    fn docx_rs_still_writes_paragraph_and_run_properties_out_of_order() {
        use docx_rs::{AlignmentType, Docx, Paragraph, Run};
        let p = Paragraph::new()
            .align(AlignmentType::Center)
            .add_run(Run::new().add_text("a").size(24).bold());
        let document = text(&raw(Docx::new().add_paragraph(p)).document);
        let ppr = &document[document.find("<w:pPr>").expect("pPr")..];
        assert!(before(ppr, "<w:rPr", "<w:jc"), "bug 4 fixed upstream");
        let run = &document[document.find("<w:r>").expect("a run")..];
        assert!(before(run, "<w:sz ", "<w:b "), "bug 5 fixed upstream");
        let fixed = schema_order(&document);
        let ppr = &fixed[fixed.find("<w:pPr>").expect("pPr")..];
        assert!(before(ppr, "<w:jc", "<w:rPr"));
        let run = &fixed[fixed.find("<w:r>").expect("a run")..];
        assert!(before(run, "<w:b ", "<w:sz "));
    }

    #[test]
    fn docx_rs_still_writes_the_header_reference_after_the_page_size() {
        use docx_rs::{Docx, Header, Paragraph};
        let docx = Docx::new().header(Header::new().add_paragraph(Paragraph::new()));
        let document = text(&raw(docx).document);
        assert!(
            before(&document, "<w:pgSz", "<w:headerReference"),
            "bug 6 fixed upstream"
        );
        let (_, tail) = split_document(&schema_order(&document)).expect("an empty body");
        assert!(tail.starts_with("<w:sectPr>"));
        assert!(before(&tail, "<w:headerReference", "<w:pgSz"));
    }

    #[test]
    fn docx_rs_still_writes_the_suffix_and_the_level_out_of_order() {
        use docx_rs::*;
        let level = Level::new(
            0,
            Start::new(1),
            NumberFormat::new("decimal"),
            LevelText::new("%1."),
            LevelJc::new("left"),
        )
        .suffix(LevelSuffixType::Space);
        let docx = Docx::new()
            .add_abstract_numbering(AbstractNumbering::new(2).add_level(level))
            .add_numbering(Numbering::new(2, 2))
            .add_paragraph(Paragraph::new().numbering(NumberingId::new(2), IndentLevel::new(0)));
        let xml = raw(docx);
        let numbering = text(&xml.numberings);
        let lvl = &numbering[numbering.rfind("<w:lvl ").expect("a level")..];
        assert!(before(lvl, "<w:lvlText", "<w:suff"), "bug 7 fixed upstream");
        let fixed = schema_order(&numbering);
        let lvl = &fixed[fixed.rfind("<w:lvl ").expect("a level")..];
        assert!(before(lvl, "<w:suff", "<w:lvlText"));
        let document = text(&xml.document);
        assert!(
            before(&document, "<w:numId", "<w:ilvl"),
            "bug 8 fixed upstream"
        );
        assert!(before(&schema_order(&document), "<w:ilvl", "<w:numId"));
    }

    #[test]
    fn docx_rs_still_has_no_language_body_or_chart_api() {
        let xml = raw(docx_rs::Docx::new().default_size(28));
        let styles = text(&xml.styles);
        assert!(!styles.contains("<w:lang"), "docx-rs writes a language now");
        let with = with_language(&styles).expect("run defaults");
        let defaults = &with[with.find("<w:rPrDefault>").expect("defaults")..];
        assert!(before(defaults, LANG, "</w:rPrDefault>"));
        let (head, tail) = split_document(&text(&xml.document)).expect("an empty body");
        assert!(head.ends_with("<w:body>"));
        assert!(tail.ends_with("</w:body></w:document>"));
        let (types, rels) = (text(&xml.content_type), text(&xml.document_rels));
        let (types, rels) =
            with_charts(&types, &rels, 2, |n| format!("rIdChart{n}")).expect("charts added");
        assert!(roxmltree::Document::parse(&types).is_ok());
        assert!(types.contains(r#"PartName="/word/charts/chart2.xml""#));
        assert!(rels.contains(r#"Id="rIdChart2""#));
        assert!(roxmltree::Document::parse(&rels).is_ok());
    }

    #[test]
    fn paragraph_properties_follow_the_schema() {
        let xml = r#"<w:p><w:pPr><w:rPr><w:sz w:val="24" /><w:b /></w:rPr><w:jc w:val="both" /><w:ind w:left="0" /><w:spacing w:after="0" /><w:keepNext /></w:pPr><w:r><w:rPr><w:b /></w:rPr><w:t>a &lt;w:pPr&gt; b</w:t></w:r></w:p>"#;
        assert_eq!(
            schema_order(xml),
            r#"<w:p><w:pPr><w:keepNext /><w:spacing w:after="0" /><w:ind w:left="0" /><w:jc w:val="both" /><w:rPr><w:b /><w:sz w:val="24" /></w:rPr></w:pPr><w:r><w:rPr><w:b /></w:rPr><w:t>a &lt;w:pPr&gt; b</w:t></w:r></w:p>"#
        );
    }

    #[test]
    fn levels_and_nested_containers_are_fixed() {
        let xml = r#"<w:lvl w:ilvl="0"><w:start w:val="1" /><w:lvlText w:val="%1." /><w:pPr><w:rPr /><w:ind w:left="0" /></w:pPr><w:rPr /><w:suff w:val="space" /></w:lvl>"#;
        assert_eq!(
            schema_order(xml),
            r#"<w:lvl w:ilvl="0"><w:start w:val="1" /><w:suff w:val="space" /><w:lvlText w:val="%1." /><w:pPr><w:ind w:left="0" /><w:rPr /></w:pPr><w:rPr /></w:lvl>"#
        );
    }

    #[test]
    fn self_closing_and_unknown_children_are_kept() {
        let xml =
            r#"<a><w:rPr /><w:tcPr><w:vAlign w:val="top" /><w:x /><w:tcW w:w="1" /></w:tcPr></a>"#;
        assert_eq!(
            schema_order(xml),
            r#"<a><w:rPr /><w:tcPr><w:tcW w:w="1" /><w:vAlign w:val="top" /><w:x /></w:tcPr></a>"#
        );
    }
}
