//! `nastavnik templates check`: lints a template folder before a
//! methodologist relies on it.
//!
//! Every template must parse, and every document template must render
//! against a model (the example school unless another is given): strict
//! mode then reports each unknown variable or helper with file:line:column.
//! Each rendered document then goes through the same markup parser and
//! DOCX writer as in `generate`, so a template `generate` would refuse
//! (an unknown attribute, `widths="0,0"`) is refused here too.
//! A template or partial that nothing would use is reported too, as
//! `generate` refuses it ([`super::unused`]: a typo in a file name).

use super::catalogue::{DocPlan, Each};
use super::context;
use super::templates::Templates;
use crate::diag::{Place, Problem};
use crate::layers::Layers;
use crate::model::Model;
use std::path::Path;

/// What the check found.
#[derive(Debug, Default)]
pub struct CheckReport {
    /// Document templates rendered without error.
    pub documents: usize,
    pub problems: Vec<Problem>,
}

/// Checks the templates of a built-in region and a templates folder.
pub fn check(region: Option<&str>, user_dir: Option<&Path>, model: &Model) -> CheckReport {
    match Layers::builtin(region, None, user_dir) {
        Ok(layers) => check_layers(&layers, model),
        Err(e) => CheckReport {
            documents: 0,
            problems: e.problems().to_vec(),
        },
    }
}

/// Checks the templates of `layers` against `model`, with the rules and
/// parameters of the same layers (so `--rules DIR` changes what the
/// documents print, as in `generate`).
pub fn check_layers(layers: &Layers, model: &Model) -> CheckReport {
    let templates = match Templates::of(layers) {
        Ok(t) => t,
        Err(e) => {
            return CheckReport {
                documents: 0,
                problems: e.problems().to_vec(),
            }
        }
    };
    // The documents are checked as `generate` renders them: after the
    // profile's rules, with the people and terms their verdicts leave.
    let checked = match crate::package::Checked::of_layers(model, layers) {
        Ok(c) => c,
        Err(e) => {
            return CheckReport {
                documents: 0,
                problems: e.problems().to_vec(),
            }
        }
    };
    let sources = checked.sources();
    let common = context::Common::new(&sources);
    let mut out = CheckReport::default();
    let cat = checked.plan();
    let known: Vec<&str> = checked.entries.templates();
    for name in known.iter().filter(|n| !templates.has(n)) {
        out.problems.push(Problem::nowhere(format!(
            "нет шаблона документа «{name}.hbs»"
        )));
    }
    // A file that would never be used (a misspelt override), as `generate`
    // refuses it.
    match super::catalogue::Entries::base() {
        Ok(base) => out
            .problems
            .extend(super::unused::unused(&templates, &checked.entries, &base)),
        Err(e) => out.problems.extend(e.problems().iter().cloned()),
    }
    // Every document of the catalogue in force, each entry on its own: two
    // entries may share a template with different data (a new entry
    // reusing `roadmap` gets its own id, order and stamp).
    for entry in &checked.entries.0 {
        let name = entry.template();
        if !templates.has(name) {
            continue;
        }
        let own = |d: &&DocPlan| {
            d.id == entry.id
                || d.id
                    .strip_prefix(entry.id.as_str())
                    .and_then(|rest| rest.strip_prefix('-'))
                    .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
        };
        let planned = cat.documents.iter().find(own).cloned();
        let doc = match planned {
            Some(doc) => doc,
            None if entry.each != Each::None => {
                // Nothing to render it for in this model: say so rather than fail.
                out.problems.push(Problem::nowhere(format!(
                    "документ «{}» (шаблон «{name}») не проверен: в модели нет ни одного документа этого вида",
                    entry.id
                )));
                continue;
            }
            None => DocPlan {
                id: entry.id.clone(),
                title: entry.title.clone(),
                template: name.to_owned(),
                extra: None,
                draft: None,
                order: entry.order.clone(),
                approved_by: entry.approved_by.clone(),
                date: sources.full.report_date,
                dated_by: None,
                as_of_own_date: entry.as_of_own_date,
            },
        };
        // The very function `generate` renders with (context, template,
        // markup, DOCX): exit 0 here means `generate` accepts them.
        let built = crate::package::render_one(&sources, &common, &templates, &doc);
        match built {
            Ok(_) => out.documents += 1,
            Err(e) => {
                let problems = e.problems();
                if problems.is_empty() {
                    out.problems.push(Problem::new(
                        Place::File {
                            file: templates.file_of(name).unwrap_or(name).to_owned(),
                        },
                        format!("документ «{}» не собран: {e}", doc.id),
                    ));
                }
                out.problems.extend(problems.iter().cloned());
            }
        }
    }
    // A partial's mistake is found once per document using it: say it once.
    let mut unique: Vec<Problem> = Vec::new();
    for p in out.problems.drain(..) {
        if !unique.contains(&p) {
            unique.push(p);
        }
    }
    out.problems = unique;
    out
}
