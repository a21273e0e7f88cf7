//! Rendering documents: templates → markup → DOCX.
//!
//! Owners: markup/docx (layout), templates/helpers/context (content).

pub mod catalogue;
pub mod check;
pub mod context;
pub mod docx;
pub mod helpers;
pub mod kinds;
pub mod markup;
pub mod partials;
pub mod plan_activities;
pub mod steps;
pub mod templates;
pub mod unused;
