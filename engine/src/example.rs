//! The example school written by `nastavnik init`.
//!
//! Owner: foundation (issue 2).

use crate::diag::Result;
use crate::model::Model;
use std::path::Path;

/// The example programme as a model (what `init` writes, read back).
pub fn model() -> Model {
    Model::default()
}

/// Writes programme.json and inputs/*.xlsx into `dir`, refusing a non-empty folder.
pub fn write(dir: &Path, region: Option<&str>) -> Result<()> {
    let _ = (dir, region);
    Ok(())
}
