//! Template files a region or a user's folder adds that nothing would use.
//!
//! A file replaces the base's file of the same name, so a misspelt name
//! (`order-curtor.hbs`, `partials/signatur.hbs`) is not an override but a
//! new file: without this check `generate` would print the base's text and
//! the methodologist's edit would pass silently. A new document template is
//! used when a catalogue entry names it, a new partial when a template
//! calls it, a new summary never (the summaries are built in).

use super::catalogue::Entries;
use super::partials;
use super::templates::{Kind, Templates};
use crate::diag::{Place, Problem};
use crate::rules::suggest::closest;
use std::collections::BTreeSet;

/// Each added file nothing uses, with the closest name it may have meant.
/// `entries` is the catalogue in force; `base` the built-in one, whose
/// documents a layer may switch off (their templates are then no typo).
pub fn unused(templates: &Templates, entries: &Entries, base: &Entries) -> Vec<Problem> {
    let named: BTreeSet<&str> = entries
        .templates()
        .into_iter()
        .chain(base.templates())
        .collect();
    let called: BTreeSet<String> = templates.texts().flat_map(partials::called).collect();
    let mut problems = Vec::new();
    for (name, kind) in templates.added() {
        let used = match kind {
            Kind::Document => named.contains(name),
            Kind::Partial => called.contains(name),
            Kind::Summary => false,
        };
        if used {
            continue;
        }
        let file = templates.file_of(name).unwrap_or(name).to_owned();
        let (what, meant) = match kind {
            Kind::Document => (
                "шаблон документа, которого нет в каталоге (catalogue.json)",
                closest(name, named.iter().copied()),
            ),
            Kind::Partial => (
                "вставка, которую не вызывает ни один шаблон",
                closest(name, templates.of_kind(Kind::Partial)),
            ),
            Kind::Summary => (
                "шаблон сводки, которой программа не строит",
                closest(name, templates.of_kind(Kind::Summary)),
            ),
        };
        let hint = meant
            .map(|m| format!("; возможно, имелось в виду «{m}» — назовите файл так же, как заменяемый"))
            .unwrap_or_else(|| {
                "; чтобы заменить встроенный файл, назовите свой так же, а новый документ добавьте в catalogue.json".to_owned()
            });
        problems.push(Problem::new(
            Place::File { file },
            format!("«{name}» — {what}: файл не будет использован{hint}"),
        ));
    }
    problems
}
