//! Rendering documents: templates → markup → DOCX.
//!
//! Owners: markup/docx (layout), templates/helpers/context (content).

pub mod catalogue;
pub mod check;
pub mod context;
pub mod helpers;
pub mod templates;
