//! `word/settings.xml`, written here in the schema's order.
//!
//! docx-rs 0.4.22 writes `w:zoom` after `w:defaultTabStop`; CT_Settings
//! puts `w:zoom` first, and Word's validation rejects the part
//! (`docs/docx-rs-bugs.md`). The content is the one docx-rs wrote, so Word
//! and LibreOffice lay the document out as before: the default tab stop at
//! the paragraph indent, and Word 2013+ compatibility (mode 15).

use super::page::INDENT;
use super::xml::W_NS;

/// The compatibility settings Word 2013 and later write for a new document.
const COMPAT: &[(&str, &str)] = &[
    ("compatibilityMode", "15"),
    ("overrideTableStyleFontSizeAndJustification", "1"),
    ("enableOpenTypeFeatures", "1"),
    ("doNotFlipMirrorIndents", "1"),
    ("differentiateMultirowTableHeaders", "1"),
    ("useWord2013TrackBottomHyphenation", "0"),
];

/// The settings part: CT_Settings children in schema order (`w:zoom`,
/// `w:defaultTabStop`, `w:compat`), CT_Compat children likewise.
pub fn settings() -> String {
    let mut x = String::with_capacity(1024);
    x.push_str(r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#);
    x.push_str(&format!(r#"<w:settings xmlns:w="{W_NS}">"#));
    x.push_str(r#"<w:zoom w:percent="100" />"#);
    x.push_str(&format!(r#"<w:defaultTabStop w:val="{INDENT}" />"#));
    x.push_str("<w:compat>");
    for flag in [
        "spaceForUL",
        "balanceSingleByteDoubleByteWidth",
        "doNotLeaveBackslashAlone",
        "ulTrailSpace",
        "doNotExpandShiftReturn",
        "useFELayout",
    ] {
        x.push_str(&format!("<w:{flag} />"));
    }
    for (name, val) in COMPAT {
        x.push_str(&format!(
            r#"<w:compatSetting w:name="{name}" w:uri="http://schemas.microsoft.com/office/word" w:val="{val}" />"#
        ));
    }
    x.push_str("</w:compat></w:settings>");
    x
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zoom_comes_before_the_tab_stop_and_compat_last() {
        let xml = settings();
        let doc = roxmltree::Document::parse(&xml).expect("well-formed");
        let names: Vec<&str> = doc
            .root_element()
            .children()
            .filter(|n| n.is_element())
            .map(|n| n.tag_name().name())
            .collect();
        assert_eq!(names, ["zoom", "defaultTabStop", "compat"]);
        assert!(xml.contains(r#"<w:defaultTabStop w:val="709" />"#));
        assert!(xml.contains(r#"w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15""#));
    }
}
