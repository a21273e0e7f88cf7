//! nastavnik engine: a mentoring programme's inputs in, its legal package out.
//!
//! The pipeline runs one way (see ARCHITECTURE.md):
//!
//! 1. [`load`]: `programme.json` (JSON Schema, [`schema`]) and the XLSX tables
//!    ([`ingest`]) become a validated [`model::Model`], or every problem is
//!    reported with its place ([`diag`]).
//! 2. [`rules`]: Rhai scripts, layered base → region → user ([`layers`]),
//!    read the model and return findings per stage.
//! 3. [`render`]: Handlebars templates turn the model into a small document
//!    markup, which becomes DOCX; [`package`] writes the whole set atomically.

pub mod batch;
pub mod calendar;
pub mod cast;
pub mod diag;
pub mod docref;
pub mod example;
pub mod fields;
pub mod figures;
pub mod forms;
pub mod fsread;
pub mod ingest;
pub mod layers;
pub mod load;
pub mod model;
pub mod output;
pub mod package;
pub mod pdf;
pub mod region;
pub mod render;
pub mod rules;
pub mod schema;
pub mod text;

pub use chrono::{Datelike, Days, NaiveDate};
pub use diag::{Error, Place, Problem, Result};
pub use model::Model;
pub use nastavnik_russian as russian;
