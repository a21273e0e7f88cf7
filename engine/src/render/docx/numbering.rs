//! Legal numbering (1. / 1.1. / 1.1.1.).
//!
//! Ids start at 2: docx-rs keeps id 1 for a built-in default, and a clash
//! renders lists as "(1)". Every numbering scope (the document, each annex)
//! gets its own abstract numbering and a `Numbering` instance whose level
//! overrides restart at 1, so LibreOffice and Word both restart the count.

use super::page::INDENT;
use docx_rs::{
    AbstractNumbering, Docx, Level, LevelJc, LevelOverride, LevelSuffixType, LevelText,
    NumberFormat, Numbering, SpecialIndentType, Start,
};

/// Levels of legal numbering: 1., 1.1., … down to five levels.
pub const LEGAL_LEVELS: usize = 5;
/// The numbering id of scope `n` (0 for the document, 1.. for annexes).
pub fn legal_id(scope: usize) -> usize {
    2 + scope
}

/// The shape of a document, as far as its shared parts go.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub struct Shape {
    /// Numbering scopes: the document and each annex.
    pub scopes: usize,
    /// Does any paragraph use the legal numbering? Only then does the
    /// document relate `numbering.xml` (docx-rs: Word Online calls a
    /// related numbering part nothing uses an error).
    pub numbered: bool,
}

/// Adds one legal numbering per scope.
pub fn add(mut docx: Docx, scopes: usize) -> Docx {
    for scope in 0..scopes {
        let id = legal_id(scope);
        let mut legal = AbstractNumbering::new(id);
        let mut overrides = Vec::new();
        for level in 0..LEGAL_LEVELS {
            let text: String = (1..=level + 1).map(|n| format!("%{n}.")).collect();
            legal = legal.add_level(
                Level::new(
                    level,
                    Start::new(1),
                    NumberFormat::new("decimal"),
                    LevelText::new(text),
                    LevelJc::new("left"),
                )
                .suffix(LevelSuffixType::Space)
                .indent(
                    Some(0),
                    Some(SpecialIndentType::FirstLine(INDENT)),
                    None,
                    None,
                ),
            );
            overrides.push(LevelOverride::new(level).start(1));
        }
        docx = docx
            .add_abstract_numbering(legal)
            .add_numbering(Numbering::new(id, id).overrides(overrides));
    }
    docx
}
