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

/// One document from its template: context → Handlebars → markup → DOCX,
/// the one path every document takes (a school's, the region's summary).
/// A markup error is moved to the template or partial line that printed it
/// ([`templates::Templates::locate`]) and names the template's file as the
/// user knows it.
pub fn document(
    templates: &templates::Templates,
    template: &str,
    context: serde_json::Value,
    props: &docx::DocProps,
) -> crate::diag::Result<Vec<u8>> {
    use crate::diag::Error;
    let text = templates.render_owned(template, context)?;
    let shown = templates.file_of(template).unwrap_or(template);
    let parsed = markup::parse(&text, shown).map_err(|e| match e {
        Error::Input(problems) => Error::Input(
            problems
                .into_iter()
                .map(|p| templates.locate(template, &text, p))
                .collect(),
        ),
        e => e,
    })?;
    docx::write(&parsed, props)
}
