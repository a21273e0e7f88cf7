//! `nastavnik templates check`: lints a template folder before a
//! methodologist relies on it.
//!
//! Every template must parse, and every document template must render
//! against a model (the example school unless another is given): strict
//! mode then reports each unknown variable or helper with file:line:column.
//! Each rendered document then goes through the same markup parser and
//! DOCX writer as in `generate`, so a template `generate` would refuse
//! (an unknown attribute, `widths="0,0"`) is refused here too.
//! A document template whose name matches no document is reported too,
//! since it would silently never be used (a typo in a file name).

use super::catalogue::{DocPlan, Each};
use super::context;
use super::templates::Templates;
use super::{docx, markup};
use crate::diag::{Place, Problem};
use crate::model::Model;
use serde_json::Value;
use std::path::Path;

/// What the check found.
#[derive(Debug, Default)]
pub struct CheckReport {
    /// Document templates rendered without error.
    pub documents: usize,
    pub problems: Vec<Problem>,
}

/// Checks the templates layered from `region` and `user_dir` against `model`.
pub fn check(region: Option<&str>, user_dir: Option<&Path>, model: &Model) -> CheckReport {
    let templates = match Templates::load(region, user_dir) {
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
    let checked = match crate::package::Checked::with_profile(model, region, user_dir) {
        Ok(c) => c,
        Err(e) => {
            return CheckReport {
                documents: 0,
                problems: e.problems().to_vec(),
            }
        }
    };
    let sources = checked.sources();
    let mut out = CheckReport::default();
    let cat = checked.plan();
    let known: Vec<&str> = checked.entries.templates();
    for name in known.iter().filter(|n| !templates.has(n)) {
        out.problems.push(Problem::nowhere(format!(
            "нет шаблона документа «{name}.hbs»"
        )));
    }
    for name in templates.documents() {
        if !known.contains(&name.as_str()) {
            out.problems.push(Problem::new(
                Place::File {
                    file: templates.file_of(name).unwrap_or(name).to_owned(),
                },
                format!(
                    "шаблон «{name}» не соответствует ни одному документу и не будет использован; документы: {}",
                    known.join(", ")
                ),
            ));
            continue;
        }
        let planned = cat.documents.iter().find(|d| d.template == *name).cloned();
        let repeated = checked
            .entries
            .0
            .iter()
            .any(|e| e.template() == name && e.each != Each::None);
        let doc = match planned {
            Some(doc) => doc,
            None if repeated => {
                // Nothing to render it for in this model: say so rather than fail.
                out.problems.push(Problem::nowhere(format!(
                    "шаблон «{name}» не проверен: в модели нет ни одного документа этого вида"
                )));
                continue;
            }
            None => DocPlan {
                id: name.clone(),
                title: name.clone(),
                template: name.clone(),
                extra: Value::Null,
            },
        };
        let ctx = context::build(&sources, &doc);
        // The same three steps as `generate` (package.rs): render, parse
        // the markup (unknown elements and attributes, `widths="0,0"`, …),
        // build the DOCX; so exit 0 here means `generate` accepts them.
        let built = templates
            .render_owned(name, ctx)
            .and_then(|text| markup::parse(&text, templates.file_of(name).unwrap_or(name)))
            .and_then(|parsed| {
                let props = docx::DocProps {
                    title: doc.title.clone(),
                    subject: checked.cast.model.programme.title.clone(),
                    author: checked.cast.model.organisation.short_name.clone(),
                    gost: checked.cast.model.layout.gost.clone(),
                };
                docx::write(&parsed, &props)
            });
        match built {
            Ok(_) => out.documents += 1,
            Err(e) => {
                let problems = e.problems();
                if problems.is_empty() {
                    out.problems.push(Problem::new(
                        Place::File {
                            file: templates.file_of(name).unwrap_or(name).to_owned(),
                        },
                        format!("документ не собран: {e}"),
                    ));
                }
                out.problems.extend(problems.iter().cloned());
            }
        }
    }
    out
}
