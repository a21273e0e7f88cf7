//! Puts property elements in the order the OOXML schema demands.
//!
//! docx-rs writes `w:pPr`, `w:rPr`, `w:lvl` and others with children in
//! its own order (`w:rPr` first in a paragraph's properties, `w:sz` before
//! `w:rFonts`, `w:suff` after `w:rPr`). LibreOffice does not mind; Word
//! validates sequences and may call such a file damaged. This pass sorts
//! the children of those elements, stably, by their place in the schema
//! sequence (ECMA-376 part 1, CT_PPr, CT_RPr, CT_TblPr, CT_TcPr,
//! CT_SectPr, CT_Lvl). It works on the text docx-rs wrote, which has no
//! text content inside these elements, only child elements.

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
        _ => return None,
    })
}

/// The element name of a tag starting at `s[0] == '<'`.
fn tag_name(s: &str) -> &str {
    let body = &s[1..];
    let end = body
        .find(|c: char| c.is_whitespace() || c == '/' || c == '>')
        .unwrap_or(body.len());
    &body[..end]
}

/// The index just past the `>` of the tag starting at `s[0]`, skipping quoted values.
fn tag_end(s: &str) -> Option<usize> {
    let mut quote: Option<char> = None;
    for (i, c) in s.char_indices() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"') | (None, '\'') => quote = Some(c),
            (None, '>') => return Some(i + 1),
            _ => {}
        }
    }
    None
}

/// The length of the whole element starting at `s[0]` (start tag to matching end tag).
fn element_len(s: &str) -> Option<usize> {
    let name = tag_name(s);
    let start_end = tag_end(s)?;
    if s[..start_end].ends_with("/>") {
        return Some(start_end);
    }
    let open = format!("<{name}");
    let close = format!("</{name}>");
    let mut depth = 1usize;
    let mut at = start_end;
    while depth > 0 {
        let rest = &s[at..];
        let next_close = rest.find(&close)?;
        // Opens of the same name before that close (name followed by a delimiter).
        let mut search = 0;
        while let Some(o) = rest[search..next_close].find(&open) {
            let after = search + o + open.len();
            if rest[after..]
                .chars()
                .next()
                .is_some_and(|c| c.is_whitespace() || c == '>' || c == '/')
            {
                let inner_end = tag_end(&rest[search + o..])?;
                if !rest[search + o..search + o + inner_end].ends_with("/>") {
                    depth += 1;
                }
            }
            search = after;
        }
        depth -= 1;
        at += next_close + close.len();
    }
    Some(at)
}

/// Reorders every container in `xml`; text that is not such a container is copied.
pub fn fix(xml: &str) -> String {
    let mut out = String::with_capacity(xml.len());
    let mut rest = xml;
    while let Some(lt) = rest.find('<') {
        out.push_str(&rest[..lt]);
        let here = &rest[lt..];
        let name = tag_name(here);
        let Some(order) = sequence(name) else {
            let end = tag_end(here).unwrap_or(here.len());
            out.push_str(&here[..end]);
            rest = &here[end..];
            continue;
        };
        let (Some(start_end), Some(len)) = (tag_end(here), element_len(here)) else {
            out.push_str(here);
            return out;
        };
        if len == start_end {
            out.push_str(&here[..len]);
        } else {
            let close_len = name.len() + 3;
            out.push_str(&here[..start_end]);
            out.push_str(&sorted(&here[start_end..len - close_len], order));
            out.push_str(&here[len - close_len..len]);
        }
        rest = &here[len..];
    }
    out.push_str(rest);
    out
}

/// The children of one container, each fixed inside, in schema order.
fn sorted(inner: &str, order: &[&str]) -> String {
    let mut children: Vec<(usize, String)> = Vec::new();
    let mut rest = inner;
    while let Some(lt) = rest.find('<') {
        let here = &rest[lt..];
        let Some(len) = element_len(here) else {
            return inner.to_string();
        };
        let name = tag_name(here);
        let rank = order.iter().position(|n| *n == name).unwrap_or(order.len());
        children.push((rank, fix(&here[..len])));
        rest = &here[len..];
    }
    children.sort_by_key(|(rank, _)| *rank);
    children.into_iter().map(|(_, c)| c).collect()
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
