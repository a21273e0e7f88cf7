//! `region-summary.docx`: the regional mentoring centre's report on the
//! region's schools, rendered from `templates/summary/region-summary.hbs`
//! (layered like every template) through the same markup and DOCX writer
//! as a school's documents.

use super::{indicators, Region};
use crate::batch::{BatchReport, Status};
use crate::diag::Result;
use crate::render::templates::Templates;
use crate::render::{docx, markup};
use chrono::NaiveDate;
use serde_json::{json, Value};

/// The template's name (`templates/summary/region-summary.hbs`).
pub const TEMPLATE: &str = "region-summary";

/// Renders the summary; `params` are the profile's parameters (its
/// `region_name` and `regional_centre` name the region and its centre,
/// `regional_centre_head` who signs),
/// `date` the report's date (a blank to fill in when `None`: never the clock).
pub fn write(
    templates: &Templates,
    params: &Value,
    report: &BatchReport,
    region: &Region,
    date: Option<NaiveDate>,
) -> Result<Vec<u8>> {
    let context = context(params, report, region, date);
    let text = templates.render_owned(TEMPLATE, context)?;
    let file = templates.file_of(TEMPLATE).unwrap_or(TEMPLATE);
    let parsed = markup::parse(&text, file)?;
    docx::write(
        &parsed,
        &docx::DocProps {
            title: "Сводный отчёт о реализации программ наставничества".to_owned(),
            subject: params["region_name"]
                .as_str()
                .unwrap_or_default()
                .to_owned(),
            author: params["regional_centre"]
                .as_str()
                .unwrap_or("nastavnik")
                .to_owned(),
            gost: "2025".to_owned(),
        },
    )
}

/// What the template sees: the region's figures and indicators (the same
/// values the XLSX prints), each municipality's, the schools.
fn context(
    params: &Value,
    report: &BatchReport,
    region: &Region,
    date: Option<NaiveDate>,
) -> Value {
    let municipalities: Vec<Value> = region
        .municipalities
        .iter()
        .map(|m| {
            json!({
                "name": m.name,
                "figures": m.figures,
                "indicators": indicators(&m.figures),
            })
        })
        .collect();
    let schools: Vec<Value> = report
        .schools
        .iter()
        .map(|s| {
            json!({
                "folder": s.folder,
                "organisation": s.organisation,
                "municipality": s.municipality,
                "accepted": s.status != Status::Refused,
                "complete": s.stages_complete >= super::STAGES,
                "stages_complete": s.stages_complete,
                "errors": s.errors,
                "warnings": s.warnings,
                "problems": s.problems.len(),
                "figures": s.figures,
            })
        })
        .collect();
    json!({
        "region_name": params["region_name"],
        "regional_centre": params["regional_centre"],
        "head": params["regional_centre_head"],
        "date": date.map(|d| d.to_string()),
        "total": region.total,
        "indicators": indicators(&region.total),
        "municipalities": municipalities,
        "schools": schools,
        "stages": super::STAGES,
    })
}
