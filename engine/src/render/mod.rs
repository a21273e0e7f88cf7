//! Rendering documents: templates → markup → DOCX.
//!
//! Owners: markup/docx (layout), templates/helpers/context (content).

pub mod docx;
pub mod markup;
