//! Puts property elements in the order the OOXML schema demands.
//!
//! docx-rs writes `w:pPr`, `w:rPr`, `w:lvl` and others with children in
//! its own order (`w:rPr` first in a paragraph's properties, `w:sz` before
//! `w:rFonts`, `w:suff` after `w:rPr`). LibreOffice does not mind; Word
//! validates sequences and may call such a file damaged. This pass sorts
//! the children of those elements, stably, by their place in the schema
//! sequence (ECMA-376 part 1, CT_PPr, CT_RPr, CT_TblPr, CT_TcPr,
//! CT_SectPr, CT_Lvl, CT_Style, CT_NumPr). It works on the text docx-rs wrote, which has no
//! text content inside these elements, only child elements.

use std::collections::HashMap;

/// The schema sequence of each container we reorder.
fn sequence(container: &str) -> Option<&'static [&'static str]> {
    Some(match container {
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
        "w:pPr" | "w:rPr" | "w:tblPr" | "w:tcPr" | "w:sectPr" | "w:lvl" | "w:style" | "w:numPr"
    )
}

/// Reorders every container in `xml`; everything else is copied as is.
/// Containers repeat (every cell has the same properties), so each distinct
/// container text is sorted once.
pub fn fix(xml: &str) -> String {
    let mut memo: HashMap<&str, String> = HashMap::new();
    fix_with(xml, &mut memo)
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraph_properties_follow_the_schema() {
        let xml = r#"<w:p><w:pPr><w:rPr><w:sz w:val="24" /><w:b /></w:rPr><w:jc w:val="both" /><w:ind w:left="0" /><w:spacing w:after="0" /><w:keepNext /></w:pPr><w:r><w:rPr><w:b /></w:rPr><w:t>a &lt;w:pPr&gt; b</w:t></w:r></w:p>"#;
        assert_eq!(
            fix(xml),
            r#"<w:p><w:pPr><w:keepNext /><w:spacing w:after="0" /><w:ind w:left="0" /><w:jc w:val="both" /><w:rPr><w:b /><w:sz w:val="24" /></w:rPr></w:pPr><w:r><w:rPr><w:b /></w:rPr><w:t>a &lt;w:pPr&gt; b</w:t></w:r></w:p>"#
        );
    }

    #[test]
    fn levels_and_nested_containers_are_fixed() {
        let xml = r#"<w:lvl w:ilvl="0"><w:start w:val="1" /><w:lvlText w:val="%1." /><w:pPr><w:rPr /><w:ind w:left="0" /></w:pPr><w:rPr /><w:suff w:val="space" /></w:lvl>"#;
        assert_eq!(
            fix(xml),
            r#"<w:lvl w:ilvl="0"><w:start w:val="1" /><w:suff w:val="space" /><w:lvlText w:val="%1." /><w:pPr><w:ind w:left="0" /><w:rPr /></w:pPr><w:rPr /></w:lvl>"#
        );
    }

    #[test]
    fn self_closing_and_unknown_children_are_kept() {
        let xml =
            r#"<a><w:rPr /><w:tcPr><w:vAlign w:val="top" /><w:x /><w:tcW w:w="1" /></w:tcPr></a>"#;
        assert_eq!(
            fix(xml),
            r#"<a><w:rPr /><w:tcPr><w:tcW w:w="1" /><w:vAlign w:val="top" /><w:x /></w:tcPr></a>"#
        );
    }
}
