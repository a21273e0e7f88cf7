//! Which documents a programme gets: the catalogue file
//! (`templates/catalogue.json`), layered base → `regions/NAME/` → the
//! user's `--templates` folder like the templates themselves.
//!
//! Each entry declares a document's id, title, template, what it repeats
//! over (nothing, each pair or group, each employee-mentor, each minor, each
//! outside mentor) and what data it needs. An upper layer replaces an entry
//! with the same id, adds new ones at the end, or switches one off with
//! `"disabled": true`; a region adds a document by adding a template and an
//! entry, without recompiling.
//!
//! A document whose data is missing is not printed empty: it is listed in
//! [`Catalogue::skipped`] with a Russian reason naming what to fill in.

use crate::diag::{Error, Place, Problem, Result};
use crate::layers::{self, TEMPLATES};
use crate::model::{MenteeCategory, MentorCategory, Model};
use serde::{Deserialize, Serialize};
use std::path::Path;

/// What a per-item document is about, decided once by the plan.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Subject {
    /// A plan's group id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub group: Option<String>,
    /// An agreement's mentor.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mentor: Option<String>,
    /// A consent's (or an agreement's) person and the role they sign in:
    /// `mentee`, `mentor`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub person: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub role: Option<&'static str>,
    /// The document's number among those of its kind.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub number: Option<u64>,
}

impl Subject {
    fn person(name: &str, role: &'static str, number: usize) -> Subject {
        Subject {
            person: Some(name.to_owned()),
            role: Some(role),
            number: u64::try_from(number).ok(),
            ..Subject::default()
        }
    }
}

/// The catalogue's file name in each layer.
pub const FILE: &str = "catalogue.json";
/// At most this many entries in one catalogue file (README «Limits»).
pub const MAX_ENTRIES: usize = 200;

/// One document to write.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DocPlan {
    /// File stem and id in the manifest: `order-pairs`, `plan-003`.
    pub id: String,
    pub title: String,
    /// Template name (file stem): `order-pairs`, `plan`, `agreement`.
    pub template: String,
    /// What a per-item document is about (a plan's group, an
    /// agreement's mentor, a consent's person); `None` for a document
    /// about the whole programme.
    pub extra: Option<Subject>,
    /// A document whose subject lies after the package's date (the order
    /// on results before the final event): a draft, marked «ПРОЕКТ» with
    /// the day from which it may be signed.
    pub draft: Option<Draft>,
    /// A numbered order: whom its «С приказом ознакомлены» sheet lists.
    pub order: Option<NumberedOrder>,
    /// The numbered order that approves this document (a regulation, a
    /// roadmap): printed in its approval stamp.
    pub approved_by: Option<String>,
    /// The document's date ([`date_of`]): what it may cite is what was
    /// issued by it, and `manifest.json › documents` states it.
    pub date: Option<chrono::NaiveDate>,
    /// The registered order whose date and number the document carries:
    /// its own, or the order approving it (orders of one day follow their
    /// numbers); `None` when dated otherwise.
    pub dated_by: Option<String>,
    /// Its statements are those of its own date ([`Entry::as_of_own_date`]).
    pub as_of_own_date: bool,
}

impl DocPlan {
    /// Whether it is stated from the pipeline run at its own date, earlier
    /// than the package's `date`: a document of [`Entry::as_of_own_date`]
    /// dated before it, not a draft.
    pub fn stated_earlier(&self, date: Option<chrono::NaiveDate>) -> Option<chrono::NaiveDate> {
        let own = self.date?;
        (self.as_of_own_date && self.draft.is_none() && date.is_some_and(|d| own < d))
            .then_some(own)
    }
}

/// A numbered order (`"order"` of a catalogue entry): programme.json's
/// `orders` may register it with its number and date, every other document
/// cites it as issued (`issued_before`, `order_ref`) or to be issued, and
/// its last page lists those to be acquainted with it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NumberedOrder {
    /// Who signs «С приказом ознакомлены», in this order; each person
    /// once, the head (who signs the order) never.
    #[serde(default)]
    pub acquainted: Vec<Audience>,
    /// Whom its text names beyond those acquainted (the pupils of the pairs
    /// it fixes): a person of these audiences or of `acquainted` whom a
    /// finding holds back is listed with this order in `manifest.json ›
    /// held_back` ([`crate::cast::Cast::name_documents`]).
    #[serde(default)]
    pub names: Vec<Audience>,
}

/// A group of people an order is addressed to, for its acquaintance sheet.
/// Always those in force ([`crate::cast`]): a person held back is not
/// acquainted with an order that does not name them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Audience {
    /// The programme's curator.
    Curator,
    /// The working group (`team`).
    Team,
    /// Every mentor the order on mentors appoints.
    Mentors,
    /// The mentors of the pairs and groups fixed.
    PairedMentors,
    /// The mentors who are employees of the organisation.
    EmployeeMentors,
    /// The one responsible for the final event.
    FinalEventResponsible,
    /// The mentors to be rewarded.
    Rewarded,
    /// The mentees of the pairs fixed who are employees (teachers): the
    /// order governs their work too.
    PairedEmployeeMentees,
    /// Every mentee of the pairs fixed (pupils are named, not acquainted).
    PairedMentees,
}

impl Audience {
    /// The people of this audience, nominative full names, in table order.
    pub fn people(self, model: &Model) -> Vec<&str> {
        match self {
            Audience::Curator => vec![model.curator.name.as_str()],
            Audience::Team => model.team.iter().map(|s| s.name.as_str()).collect(),
            Audience::Mentors => model.mentors.iter().map(|m| m.name.as_str()).collect(),
            Audience::PairedMentors => model.groups.iter().map(|g| g.mentor.as_str()).collect(),
            Audience::EmployeeMentors => model
                .mentors
                .iter()
                .filter(|m| m.employee)
                .map(|m| m.name.as_str())
                .collect(),
            Audience::FinalEventResponsible => model
                .final_event
                .as_ref()
                .and_then(|f| f.responsible.as_deref())
                .into_iter()
                .collect(),
            Audience::Rewarded => model.rewards.iter().map(|r| r.mentor.as_str()).collect(),
            Audience::PairedEmployeeMentees => {
                let paired: std::collections::BTreeSet<&str> = model
                    .groups
                    .iter()
                    .flat_map(|g| g.mentees.iter().map(String::as_str))
                    .collect();
                model
                    .mentees
                    .iter()
                    .filter(|m| {
                        m.category == crate::model::MenteeCategory::Educator
                            && paired.contains(m.name.as_str())
                    })
                    .map(|m| m.name.as_str())
                    .collect()
            }
            Audience::PairedMentees => {
                let mut seen = std::collections::BTreeSet::new();
                model
                    .groups
                    .iter()
                    .flat_map(|g| g.mentees.iter().map(String::as_str))
                    .filter(|n| seen.insert(*n))
                    .collect()
            }
        }
    }
}

/// A document written as a draft, and from when it may be signed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Draft {
    pub id: String,
    pub title: String,
    /// The first day it may be signed; `None` when it may no longer be
    /// signed at all (an order on an event already held: [`SignBefore`]).
    pub sign_from: Option<chrono::NaiveDate>,
    /// Why not before, in words.
    pub reason: String,
}

/// What a document's subject waits for (`sign_after` in the catalogue).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SignAfter {
    /// Signed after the final event (the orders on results and rewards).
    FinalEvent,
    /// Dated by the tables (an additional agreement «№ 14 от 10.10.2026»):
    /// a date after the package's makes it a draft until that day.
    OwnDate,
    /// The minutes of the council: dated by its meeting (`council.date`);
    /// a council after the package's date is not cited
    /// ([`crate::calendar::issued_by`]), and the minutes stay a form.
    Council,
}

impl SignAfter {
    /// The first day a document waiting for this may be signed, and why;
    /// `None` when that day has come by the package's date (or no date
    /// is known: then nothing can be said to lie after it).
    fn draft(self, model: &Model) -> Option<(chrono::NaiveDate, String)> {
        match self {
            SignAfter::FinalEvent => {
                let f = model.final_event.as_ref()?;
                let event = f.date?;
                let date = model.report_date?;
                let from = event.succ_opt()?;
                if date < from {
                    return Some((
                        from,
                        format!(
                            "издаётся после итогового мероприятия {}, назначенного на {}",
                            crate::russian::quote(&f.title),
                            crate::russian::date_short(event)
                        ),
                    ));
                }
                // Its day has passed, but the roadmap, where the
                // organisation records what was held, does not say it was:
                // an order on its results would state what no record shows.
                let row = final_event_row(model, event)?;
                // Named as the roadmap document numbers it (7.3): the
                // reason is printed in the draft's header, read by a
                // director, not in the words of a file.
                let number = model
                    .roadmap
                    .iter()
                    .filter(|e| e.stage == row.stage)
                    .position(|e| std::ptr::eq(e, row))
                    .map_or(String::new(), |i| {
                        format!(" (мероприятие {}.{})", row.stage, i + 1)
                    });
                (row.done != Some(true)).then(|| {
                    (
                        from,
                        format!(
                            "итоговое мероприятие {} {} не отмечено проведённым в дорожной карте{number}: подписывается после этой отметки",
                            crate::russian::quote(&f.title),
                            crate::russian::date_short(event),
                        ),
                    )
                })
            }
            // Per document: see `own_date_draft`.
            SignAfter::OwnDate | SignAfter::Council => None,
        }
    }
}

/// What a document must be signed before (`sign_before` in the catalogue):
/// past it, unregistered, the document could only be back-dated.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SignBefore {
    /// The order on the final event, issued before it is held.
    FinalEvent,
}

impl SignBefore {
    /// Why a document `id` that waits for this may no longer be signed:
    /// its event was held before the package's date and the document is
    /// not registered; `None` otherwise.
    fn draft(self, model: &Model, id: &str) -> Option<String> {
        match self {
            SignBefore::FinalEvent => {
                let f = model.final_event.as_ref()?;
                let event = f.date?;
                (event < model.report_date? && !model.orders.contains_key(id)).then(|| {
                    format!(
                        "итоговое мероприятие назначено на {}, а приказ о его проведении до этой даты не издан; датировать приказ задним числом недопустимо. Итоги мероприятия оформляются приказом об итогах реализации программы наставничества",
                        crate::russian::date_short(event)
                    )
                })
            }
        }
    }
}

/// The roadmap's row of the final event: a stage 7 event on its day, or
/// one titled as the final event («итоговое мероприятие»).
fn final_event_row(model: &Model, event: chrono::NaiveDate) -> Option<&crate::model::RoadmapEvent> {
    let stage7 = || model.roadmap.iter().filter(|e| e.stage == 7);
    stage7()
        .find(|e| e.deadline_date == Some(event))
        .or_else(|| {
            stage7().find(|e| {
                let t = crate::text::key(&e.title);
                t.contains("итогов") && t.contains("мероприят")
            })
        })
}

/// The date an agreement carries (its mentor's row of «Наставники»).
fn own_date(model: &Model, extra: Option<&Subject>) -> Option<chrono::NaiveDate> {
    let name = extra?.mentor.as_deref()?;
    let m = model.mentors.iter().find(|m| m.name == name)?;
    crate::docref::parse(m.agreement.as_deref()?).ok()?.date
}

/// A document's date, the one place deciding it. `model` is the package
/// at its date with only what was issued by then
/// ([`crate::calendar::issued_by`]):
/// - a draft (its subject after the package's date) — the package's date;
/// - a registered order — its own date;
/// - a document a registered order approves — that order's date (an
///   approved report is never later than its order);
/// - a document dated by the tables (`sign_after: own_date`) — that date;
/// - the council's minutes (`sign_after: council`) — the meeting's date;
/// - otherwise the package's date.
///
/// Returns the date and the order dating it ([`DocPlan::dated_by`]).
/// `sign_after`: its entry's (`own_date`, `council` date it by the tables).
pub fn date_of(
    model: &Model,
    doc: &DocPlan,
    sign_after: Option<SignAfter>,
) -> (Option<chrono::NaiveDate>, Option<String>) {
    if doc.draft.is_some() {
        return (model.report_date, None);
    }
    let registered = |id: &str| {
        model
            .orders
            .get(id)
            .map(|o| (Some(o.date), Some(id.to_owned())))
    };
    if let Some(own) = doc.order.as_ref().and_then(|_| registered(&doc.id)) {
        return own;
    }
    if let Some(by) = doc.approved_by.as_deref().and_then(registered) {
        return by;
    }
    let signed = match sign_after {
        Some(SignAfter::OwnDate) => own_date(model, doc.extra.as_ref()),
        Some(SignAfter::Council) => model.council.as_ref().map(|c| c.date),
        _ => None,
    }
    .filter(|d| model.report_date.is_none_or(|r| *d <= r));
    (signed.or(model.report_date), None)
}

/// An agreement dated (by its mentor's row) after the package's date: a
/// draft until that day.
fn own_date_draft(model: &Model, extra: Option<&Subject>) -> Option<(chrono::NaiveDate, String)> {
    let signed = own_date(model, extra)?;
    let date = model.report_date?;
    (signed > date).then(|| {
        (
            signed,
            format!(
                "соглашение датировано {} в таблице «Наставники»",
                crate::russian::date_short(signed)
            ),
        )
    })
}

/// An order programme.json registers after the package's date, or a
/// document such an order approves: on the package's date it has not been
/// signed, so it is a draft until the day the inputs give it
/// ([`crate::calendar::issued_by`] moved the order to `orders_after_date`).
/// Printed as a form to sign now, it would contradict the inputs' date.
fn issued_later(model: &Model, e: &Entry) -> Option<(Option<chrono::NaiveDate>, String)> {
    if e.order.is_some() {
        let o = model.orders_after_date.get(&e.id)?;
        return Some((
            Some(o.date),
            format!(
                "по данным программы наставничества приказ издаётся {}",
                crate::russian::date_short(o.date)
            ),
        ));
    }
    // An interim report (`as_of_own_date`) states its own day's figures;
    // the one the later order approves is rendered at that order's date.
    let by = e.approved_by.as_deref().filter(|_| !e.as_of_own_date)?;
    let o = model.orders_after_date.get(by)?;
    Some((
        Some(o.date),
        format!(
            "утверждается приказом, который по данным программы наставничества издаётся {}",
            crate::russian::date_short(o.date)
        ),
    ))
}

/// A document not written, and why.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Skipped {
    pub id: String,
    pub title: String,
    /// Russian: which data is missing.
    pub reason: String,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Catalogue {
    pub documents: Vec<DocPlan>,
    pub skipped: Vec<Skipped>,
    /// Documents written as drafts ([`DocPlan::draft`]).
    pub drafts: Vec<Draft>,
}

/// What a document repeats over.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Each {
    /// One document.
    #[default]
    None,
    /// One per pair or group: `ID-001`.
    Group,
    /// One per employee-mentor (a «педагог» of the organisation): `ID-001`.
    EmployeeMentor,
    /// One per minor participant, mentee or pupil mentor: `ID-001`.
    Minor,
    /// One per adult outside mentor (an employer, a student of another
    /// organisation): `ID-001`.
    ExternalMentor,
    /// One per adult who signs their own consent to participate and to the
    /// processing of their data: a mentee of 18 or over at the start of
    /// their pair (a student, a young teacher), and a student mentor of
    /// the organisation itself: `ID-001`. Never a parent's form for them.
    Adult,
}

/// Data a document cannot be written without.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Need {
    Roadmap,
    Mentors,
    Groups,
    FinalEvent,
    Rewards,
}

impl Need {
    /// Why the document is skipped when the data is missing.
    fn missing(self, model: &Model) -> Option<&'static str> {
        match self {
            Need::Roadmap if model.roadmap.is_empty() => {
                Some("в таблице «Дорожная карта» нет ни одного мероприятия")
            }
            Need::Mentors if model.mentors.is_empty() => {
                Some("в таблице «Наставники» нет ни одного наставника, которого можно назначить")
            }
            Need::Groups if model.groups.is_empty() => {
                Some("в таблице «Пары» нет ни одной наставнической пары или группы, которую можно закрепить")
            }
            Need::FinalEvent if model.final_event.is_none() => Some(
                "в programme.json не описано итоговое мероприятие (final_event: название, дата, формат, ответственный)",
            ),
            Need::Rewards if model.rewards.is_empty() => {
                Some("в programme.json не указан ни один наставник к поощрению (rewards)")
            }
            _ => None,
        }
    }
}

/// One entry of the catalogue file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    /// The document id; repeated documents get `ID-001`, `ID-002`, …
    pub id: String,
    /// Required unless the entry only switches a document off.
    #[serde(default)]
    pub title: String,
    /// Template file stem; the id when not given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub template: Option<String>,
    #[serde(default)]
    pub each: Each,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub needs: Vec<Need>,
    /// Repeats over the people of the tables, those held back by a finding
    /// included: consent forms are to be signed by exactly them.
    #[serde(default)]
    pub including_held_back: bool,
    /// Switched off by an upper layer.
    #[serde(default)]
    pub disabled: bool,
    /// What the document's subject waits for: before it, by the package's
    /// date, the document is a draft («ПРОЕКТ», with the day it may be
    /// signed), listed in `manifest.json › drafts`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sign_after: Option<SignAfter>,
    /// What the document must be signed before: past it by the package's
    /// date and unregistered, it is a draft that may not be signed
    /// («ПРОЕКТ», `manifest.json › drafts` without `sign_from`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sign_before: Option<SignBefore>,
    /// A numbered order ([`NumberedOrder`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub order: Option<NumberedOrder>,
    /// The id of the numbered order that approves this document.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub approved_by: Option<String>,
    /// What it states depends on the date (figures in force, the survey,
    /// the roadmap's execution, the period of results): dated before the
    /// package ([`date_of`]: a registered order, or a document one
    /// approves), it states them as of its own date, from the rules and
    /// figures run at that date (`package`, once per distinct date). Other
    /// documents state the package's figures; what they cite is still
    /// what was issued by their own date (`issued_before`).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub as_of_own_date: bool,
}

impl Entry {
    pub fn template(&self) -> &str {
        self.template.as_deref().unwrap_or(&self.id)
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    documents: Vec<Entry>,
}

/// The layered catalogue: entries in package order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entries(pub Vec<Entry>);

impl Entries {
    /// Reads the catalogue of the base, of `region` and of the user's
    /// templates folder; a broken file is an input error naming it.
    pub fn load(region: Option<&str>, user_dir: Option<&Path>) -> Result<Entries> {
        Entries::of(&layers::Layers::builtin(region, None, user_dir)?)
    }

    /// [`Entries::load`] for any layers: a region built in or a folder,
    /// and `--templates`.
    pub fn of(layers: &layers::Layers) -> Result<Entries> {
        let mut entries: Vec<Entry> = Vec::new();
        for (shown, text) in layers::stack(&TEMPLATES, layers, FILE)? {
            let file: File = serde_json::from_str(&text).map_err(|e| {
                Error::input(Problem::new(
                    Place::File {
                        file: shown.clone(),
                    },
                    format!(
                        "каталог документов не прочитан (строка {}, столбец {}): {}",
                        e.line(),
                        e.column(),
                        crate::schema::serde_message(&e)
                    ),
                ))
            })?;
            crate::schema::unique_keys(&text, &shown).map_err(Error::input)?;
            if file.documents.len() > MAX_ENTRIES {
                // Each entry is rendered, checked and written: 2,000 ran
                // past a minute; a package has about twenty kinds.
                return Err(Error::input(Problem::new(
                    Place::Pointer {
                        file: shown.clone(),
                        pointer: "/documents".to_owned(),
                    },
                    format!(
                        "в каталоге {} записей — больше предела {MAX_ENTRIES}: документ, который повторяется для каждой пары или участника, описывается одной записью с «each»",
                        file.documents.len()
                    ),
                )));
            }
            let mut problems = Vec::new();
            let mut seen = std::collections::BTreeSet::new();
            for (i, e) in file.documents.iter().enumerate() {
                let at = |field: &str| Place::Pointer {
                    file: shown.clone(),
                    pointer: format!("/documents/{i}/{field}"),
                };
                if !is_file_id(&e.id) {
                    problems.push(Problem::new(
                        at("id"),
                        format!(
                            "«{}» не годится как id документа: id становится именем файла в папке результатов, допустимы строчные латинские буквы, цифры и дефис (например order-pairs), до 64 знаков",
                            e.id
                        ),
                    ));
                } else if !seen.insert(e.id.as_str()) {
                    problems.push(Problem::new(
                        at("id"),
                        format!("документ «{}» описан в этом каталоге дважды", e.id),
                    ));
                }
                if let Some(t) = e.template.as_deref().filter(|t| !is_file_id(t)) {
                    problems.push(Problem::new(
                        at("template"),
                        format!("«{t}» не годится как имя шаблона: допустимы строчные латинские буквы, цифры и дефис (файл templates/ИМЯ.hbs)"),
                    ));
                }
                let known = entries.iter().any(|x| x.id == e.id);
                if e.disabled && !known {
                    let ids: Vec<&str> = entries.iter().map(|x| x.id.as_str()).collect();
                    let close = crate::rules::suggest::closest(&e.id, ids.iter().copied())
                        .map(|c| format!("; возможно, имелось в виду «{c}»"))
                        .unwrap_or_default();
                    problems.push(Problem::new(
                        at("id"),
                        format!(
                            "отключается документ «{}», которого нет в нижних слоях каталога{close}",
                            e.id
                        ),
                    ));
                }
                if !e.disabled && e.title.trim().is_empty() {
                    problems.push(Problem::new(
                        at("title"),
                        format!("у документа «{}» нет названия (title)", e.id),
                    ));
                }
            }
            if !problems.is_empty() {
                return Err(Error::Input(problems));
            }
            let mut merged = entries.clone();
            for e in &file.documents {
                match merged.iter_mut().find(|x| x.id == e.id) {
                    Some(x) => *x = e.clone(),
                    None => merged.push(e.clone()),
                }
            }
            // Every file name of the package is one document's: this
            // layer's entries against every entry in force (lower layers'
            // were checked against each other already).
            for (i, e) in file.documents.iter().enumerate() {
                if e.disabled {
                    continue;
                }
                let clash = merged
                    .iter()
                    .filter(|f| !f.disabled && f.id != e.id)
                    .find_map(|f| {
                        // A clash of two entries of this file is told once,
                        // at the entry whose id is taken.
                        let here = file.documents.iter().any(|x| x.id == f.id && !x.disabled);
                        if generates(f, &e.id) {
                            Some((f, e.id.as_str()))
                        } else {
                            (generates(e, &f.id) && !here).then_some((e, f.id.as_str()))
                        }
                    });
                if let Some((repeated, id)) = clash {
                    problems.push(Problem::new(
                        Place::Pointer {
                            file: shown.clone(),
                            pointer: format!("/documents/{i}/id"),
                        },
                        format!(
                            "id «{id}» совпадает с id одного из документов «{}», который повторяется {} ({}-001, {}-002, …): два документа записали бы один файл {id}.docx; выберите другой id",
                            repeated.id,
                            each_shown(repeated.each),
                            repeated.id,
                            repeated.id
                        ),
                    ));
                }
            }
            if !problems.is_empty() {
                return Err(Error::Input(problems));
            }
            entries = merged;
        }
        entries.retain(|e| !e.disabled);
        let entries = Entries(entries);
        // An approval stamp citing what is not a numbered order would print
        // an order nobody issues.
        let dangling: Vec<Problem> = entries
            .0
            .iter()
            .filter_map(|e| {
                let by = e.approved_by.as_deref()?;
                (!entries.orders().any(|o| o == by)).then(|| {
                    Problem::new(
                        Place::File {
                            file: FILE.to_owned(),
                        },
                        format!(
                            "документ «{}» утверждается (approved_by) «{by}», но такого приказа (записи с \"order\") в каталоге нет; приказы: {}",
                            e.id,
                            entries.orders().collect::<Vec<_>>().join(", ")
                        ),
                    )
                })
            })
            .collect();
        if !dangling.is_empty() {
            return Err(Error::Input(dangling));
        }
        Ok(entries)
    }

    /// The entries of the base catalogue only (cannot fail: it is tested).
    pub fn base() -> Result<Entries> {
        Entries::load(None, None)
    }

    /// Template names the catalogue uses.
    pub fn templates(&self) -> Vec<&str> {
        self.0.iter().map(Entry::template).collect()
    }

    /// Each numbered order with whom the hold-back takes out of it: the
    /// people of its audiences (`acquainted` and `names`) in `full`, the
    /// tables, and not in `shown`, what is in force.
    pub fn order_losses(&self, full: &Model, shown: &Model) -> Vec<crate::cast::OrderLoss> {
        self.0
            .iter()
            .filter_map(|e| e.order.as_ref().map(|o| (e.id.as_str(), o)))
            .map(|(id, o)| {
                let audiences = || o.acquainted.iter().chain(&o.names).copied();
                let in_force: std::collections::BTreeSet<&str> =
                    audiences().flat_map(|a| a.people(shown)).collect();
                crate::cast::OrderLoss {
                    id: id.to_owned(),
                    fixes_pairs: audiences().any(|a| {
                        matches!(
                            a,
                            Audience::PairedMentors
                                | Audience::PairedMentees
                                | Audience::PairedEmployeeMentees
                        )
                    }),
                    lost: audiences()
                        .flat_map(|a| a.people(full))
                        .filter(|n| !in_force.contains(n))
                        .map(str::to_owned)
                        .collect(),
                }
            })
            .collect()
    }

    /// The ids of the numbered orders, in package order.
    pub fn orders(&self) -> impl Iterator<Item = &str> {
        self.0
            .iter()
            .filter(|e| e.order.is_some())
            .map(|e| e.id.as_str())
    }

    /// programme.json's `orders` against the catalogue: each registered id
    /// must be a numbered order of the profile (a region or a user folder
    /// may add one), else the registration would silently be ignored.
    pub fn check_registered(&self, model: &Model) -> Result<()> {
        let problems: Vec<Problem> = model
            .orders
            .keys()
            .filter(|id| !self.orders().any(|o| o == id.as_str()))
            .map(|id| {
                let close = crate::rules::suggest::closest(id, self.orders())
                    .map(|c| format!("; возможно, имелось в виду «{c}»"))
                    .unwrap_or_default();
                Problem::new(
                    Place::Pointer {
                        file: crate::load::PROGRAMME_FILE.to_owned(),
                        pointer: format!("/orders/{id}"),
                    },
                    format!(
                        "«{id}» — не приказ каталога документов (приказы: {}){close}; приказ, добавленный в своей папке шаблонов или в профиле региона, виден, когда они указаны: --templates ПАПКА или --region ИМЯ|ПАПКА",
                        self.orders().collect::<Vec<_>>().join(", ")
                    ),
                )
            })
            .collect();
        if problems.is_empty() {
            Ok(())
        } else {
            Err(Error::Input(problems))
        }
    }
}

/// Whether the repeated entry `repeated` may give a document the id `id`:
/// `ID-001` (a number, or a group's number, in digits).
fn generates(repeated: &Entry, id: &str) -> bool {
    repeated.each != Each::None
        && id
            .strip_prefix(repeated.id.as_str())
            .and_then(|rest| rest.strip_prefix('-'))
            .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
}

/// What a repeated document repeats over, for messages.
fn each_shown(each: Each) -> &'static str {
    match each {
        Each::None => "один раз",
        Each::Group => "для каждой пары или группы",
        Each::EmployeeMentor => "для каждого наставника-работника",
        Each::Minor => "для каждого несовершеннолетнего участника",
        Each::ExternalMentor => "для каждого стороннего наставника",
        Each::Adult => "для каждого совершеннолетнего участника, подписывающего согласие сам",
    }
}

impl Catalogue {
    /// An id planned twice: the catalogue's check makes it impossible, so
    /// one would be a bug (two documents writing one file).
    pub fn duplicate(&self) -> Option<&str> {
        let mut seen = std::collections::BTreeSet::new();
        self.documents
            .iter()
            .map(|d| d.id.as_str())
            .find(|id| !seen.insert(*id))
    }
}

/// Whether `id` may name a document's file (and a template): it becomes
/// `OUT/ID.docx`, so nothing that could leave the folder or differ by
/// case between file systems.
pub fn is_file_id(id: &str) -> bool {
    let b = id.as_bytes();
    (1..=64).contains(&b.len())
        && b[0].is_ascii_lowercase() | b[0].is_ascii_digit()
        && b.iter()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || *c == b'-')
}

/// A minor: under 18 at the start of their first pair (`Mentee::age`), or
/// a pupil of unknown age.
pub fn minor_mentee(m: &crate::model::Mentee) -> bool {
    match m.age {
        Some(age) => age < 18,
        None => m.category == MenteeCategory::Pupil,
    }
}

/// A mentor whose consent a parent signs: a pupil, or a student of the
/// organisation under 18 at the start of their first pair (the
/// programme's start when in none) by the birth date the table gives
/// ([`crate::model::Mentor::minor`], decided once at loading). A student
/// of unknown age signs for themselves, as before the column existed; an
/// outside mentor signs the external consent.
pub fn minor_mentor(_model: &Model, m: &crate::model::Mentor) -> bool {
    m.minor
}

/// A learner mentor of the organisation itself (a pupil, or a student
/// with no outside organisation): an adult one signs their own consent.
fn own_learner(m: &crate::model::Mentor) -> bool {
    matches!(m.category, MentorCategory::Student | MentorCategory::Pupil)
        && !m.employee
        && m.organisation
            .as_deref()
            .is_none_or(|o| o.trim().is_empty())
}

/// Those who sign their own consent ([`Each::Adult`]), with their role:
/// mentees who are no minors ([`minor_mentee`], age at the start of their
/// first pair), then the organisation's own student mentors.
pub fn adults(model: &Model) -> impl Iterator<Item = (&str, &'static str)> {
    model
        .mentees
        .iter()
        .filter(|m| !minor_mentee(m))
        .map(|m| (m.name.as_str(), "mentee"))
        .chain(
            model
                .mentors
                .iter()
                .filter(|m| own_learner(m) && !minor_mentor(model, m))
                .map(|m| (m.name.as_str(), "mentor")),
        )
}

/// The mentors who get an additional agreement (ТК РФ ст. 351.8): staff
/// members, in the order of the «Наставники» sheet.
pub fn employee_mentors(model: &Model) -> impl Iterator<Item = &crate::model::Mentor> {
    model.mentors.iter().filter(|m| m.employee)
}

/// Plans the package: `shown` is the model the documents may state (held
/// back people removed, [`crate::cast`]), `full` every person of the tables.
pub fn plan(entries: &Entries, shown: &Model, full: &Model) -> Catalogue {
    let mut cat = Catalogue::default();
    // After the programme's end a consent can no longer let anyone join:
    // the forms of those held back are not written (the included keep
    // theirs, signed when they joined).
    let over = shown.report_date.is_some_and(|d| d > shown.programme.end);
    for e in &entries.0 {
        let model = if e.including_held_back && !over {
            full
        } else {
            shown
        };
        if let Some(reason) = e.needs.iter().find_map(|n| n.missing(model)) {
            cat.skipped.push(skipped(e, reason));
            continue;
        }
        let template = e.template().to_owned();
        // A registered order is issued: it is stated at its own date
        // (`date_of`), never a draft; whether it was issued too early is
        // the check's (`stage7.results-after-event`).
        let registered = e.order.is_some() && shown.orders.contains_key(&e.id);
        let draft = e
            .sign_after
            .filter(|_| !registered)
            .and_then(|s| s.draft(shown))
            .map(|(from, reason)| (Some(from), reason))
            .or_else(|| {
                e.sign_before
                    .and_then(|s| s.draft(shown, &e.id))
                    .map(|reason| (None, reason))
            })
            .or_else(|| issued_later(shown, e));
        let one = |id: String, title: String, extra: Option<Subject>| DocPlan {
            draft: draft.clone().map(|(sign_from, reason)| Draft {
                id: id.clone(),
                title: title.clone(),
                sign_from,
                reason,
            }),
            id,
            title,
            template: template.clone(),
            extra,
            order: e.order.clone(),
            approved_by: e.approved_by.clone(),
            date: None,
            dated_by: None,
            as_of_own_date: e.as_of_own_date,
        };
        let before = cat.documents.len();
        match e.each {
            Each::None => cat.documents.push(one(e.id.clone(), e.title.clone(), None)),
            Each::Group => {
                for g in &model.groups {
                    let who = if g.is_group() {
                        "группы"
                    } else {
                        "пары"
                    };
                    cat.documents.push(one(
                        format!("{}-{}", e.id, g.id),
                        format!("{} {who} № {} ({})", e.title, g.id, g.mentor),
                        Some(Subject {
                            group: Some(g.id.clone()),
                            ..Subject::default()
                        }),
                    ));
                }
            }
            Each::EmployeeMentor => {
                for (i, m) in employee_mentors(model).enumerate() {
                    let n = i + 1;
                    cat.documents.push(one(
                        format!("{}-{n:03}", e.id),
                        format!("{} ({})", e.title, m.name),
                        Some(Subject {
                            mentor: Some(m.name.clone()),
                            ..Subject::person(&m.name, "mentor", n)
                        }),
                    ));
                }
            }
            Each::Minor => {
                let minors = model
                    .mentees
                    .iter()
                    .filter(|m| minor_mentee(m))
                    .map(|m| (m.name.as_str(), "mentee"))
                    .chain(
                        model
                            .mentors
                            .iter()
                            .filter(|m| minor_mentor(model, m))
                            .map(|m| (m.name.as_str(), "mentor")),
                    );
                for (i, (name, role)) in minors.enumerate() {
                    let n = i + 1;
                    cat.documents.push(one(
                        format!("{}-{n:03}", e.id),
                        format!("{} ({name})", e.title),
                        Some(Subject::person(name, role, n)),
                    ));
                }
            }
            Each::Adult => {
                for (i, (name, role)) in adults(model).enumerate() {
                    let n = i + 1;
                    cat.documents.push(one(
                        format!("{}-{n:03}", e.id),
                        format!("{} ({name})", e.title),
                        Some(Subject::person(name, role, n)),
                    ));
                }
            }
            Each::ExternalMentor => {
                let external = model.mentors.iter().filter(|m| {
                    !m.employee
                        && m.category != MentorCategory::Pupil
                        && (m.category == MentorCategory::Employer
                            || m.organisation
                                .as_deref()
                                .is_some_and(|o| !o.trim().is_empty()))
                });
                for (i, m) in external.enumerate() {
                    let n = i + 1;
                    cat.documents.push(one(
                        format!("{}-{n:03}", e.id),
                        format!("{} ({})", e.title, m.name),
                        Some(Subject::person(&m.name, "mentor", n)),
                    ));
                }
            }
        }
        if e.sign_after == Some(SignAfter::OwnDate) {
            for d in &mut cat.documents[before..] {
                d.draft =
                    own_date_draft(shown, d.extra.as_ref()).map(|(sign_from, reason)| Draft {
                        id: d.id.clone(),
                        title: d.title.clone(),
                        sign_from: Some(sign_from),
                        reason,
                    });
            }
        }
        for d in &mut cat.documents[before..] {
            (d.date, d.dated_by) = date_of(shown, d, e.sign_after);
        }
        cat.drafts.extend(
            cat.documents[before..]
                .iter()
                .filter_map(|d| d.draft.clone()),
        );
        if e.each != Each::None && cat.documents.len() == before {
            cat.skipped.push(skipped(e, none_reason(e.each)));
        }
    }
    cat
}

fn skipped(e: &Entry, reason: &str) -> Skipped {
    Skipped {
        id: e.id.clone(),
        title: e.title.clone(),
        reason: reason.to_owned(),
    }
}

fn none_reason(each: Each) -> &'static str {
    match each {
        Each::None => "",
        Each::Group => "в таблице «Пары» нет ни одной наставнической пары или группы",
        Each::EmployeeMentor => {
            "среди наставников, которых можно назначить, нет работников организации (категория «педагог» без сторонней организации, с письменным согласием)"
        }
        Each::Minor => "среди участников нет несовершеннолетних",
        Each::Adult => "среди участников нет совершеннолетних наставляемых и студентов-наставников",
        Each::ExternalMentor => "среди наставников нет сторонних специалистов и студентов других организаций",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_base_catalogue_reads_and_names_a_template_per_entry() {
        let e = Entries::base().expect("base catalogue");
        assert!(e.0.iter().any(|x| x.id == "order-pairs"));
        assert!(e.0.iter().any(|x| x.each == Each::Group));
        let mut ids: Vec<&str> = e.0.iter().map(|x| x.id.as_str()).collect();
        ids.sort_unstable();
        let n = ids.len();
        ids.dedup();
        assert_eq!(ids.len(), n, "ids are unique");
    }

    #[test]
    fn a_user_layer_replaces_adds_and_switches_off() {
        let dir = tempfile::tempdir().expect("tempdir");
        std::fs::write(
            dir.path().join(FILE),
            r#"{"documents": [
                {"id": "order-curator", "title": "Приказ о назначении куратора и рабочей группы"},
                {"id": "order-rewards", "title": "x", "disabled": true},
                {"id": "memo", "title": "Памятка наставнику"}
            ]}"#,
        )
        .expect("written");
        let e = Entries::load(None, Some(dir.path())).expect("layered");
        let curator = e.0.iter().find(|x| x.id == "order-curator").expect("kept");
        assert_eq!(
            curator.title,
            "Приказ о назначении куратора и рабочей группы"
        );
        assert!(e.0.iter().all(|x| x.id != "order-rewards"));
        assert_eq!(e.0.last().map(|x| x.id.as_str()), Some("memo"));
    }

    #[test]
    fn a_typo_in_the_catalogue_is_named() {
        let dir = tempfile::tempdir().expect("tempdir");
        std::fs::write(
            dir.path().join(FILE),
            r#"{"documents": [{"id": "memo", "title": "Памятка", "eahc": "group"}]}"#,
        )
        .expect("written");
        let err = Entries::load(None, Some(dir.path())).expect_err("refused");
        let text = err.to_string();
        assert!(text.contains(FILE) && text.contains("eahc"), "{text}");
    }

    #[test]
    fn a_catalogue_past_its_limit_is_refused_at_once() {
        let entries: Vec<String> = (0..=MAX_ENTRIES)
            .map(|i| format!(r#"{{"id": "memo-{i}", "title": "Памятка", "template": "roadmap"}}"#))
            .collect();
        let text = refused(&format!(r#"{{"documents": [{}]}}"#, entries.join(",")));
        assert!(
            text.contains("/documents") && text.contains("больше предела 200"),
            "{text}"
        );
    }

    fn refused(json: &str) -> String {
        let dir = tempfile::tempdir().expect("tempdir");
        std::fs::write(dir.path().join(FILE), json).expect("written");
        Entries::load(None, Some(dir.path()))
            .expect_err("refused")
            .to_string()
    }

    #[test]
    fn an_id_that_could_leave_the_output_folder_is_refused() {
        for id in ["../victim", "/tmp/abs", "sub/x", "Order", "", "a b"] {
            let text = refused(&format!(
                r#"{{"documents": [{{"id": "{id}", "title": "A", "template": "order-curator"}}]}}"#
            ));
            assert!(
                text.contains("/documents/0/id") && text.contains("не годится"),
                "{id}: {text}"
            );
        }
        let text = refused(r#"{"documents": [{"id": "memo", "title": "A", "template": "../x"}]}"#);
        assert!(text.contains("/documents/0/template"), "{text}");
    }

    #[test]
    fn an_id_a_repeated_document_takes_is_refused_in_any_layer() {
        // Beside the base's plans (`plan`, each group).
        let text = refused(
            r#"{"documents": [{"id": "plan-001", "title": "A", "template": "order-curator"}]}"#,
        );
        assert!(
            text.contains("/documents/0/id")
                && text.contains("id «plan-001» совпадает с id одного из документов «plan»"),
            "{text}"
        );
        // A repeated entry added over a plain one of the same shape.
        let text = refused(
            r#"{"documents": [{"id": "order", "title": "A", "template": "order-curator", "each": "minor"},
                              {"id": "order-12", "title": "B", "template": "order-curator"}]}"#,
        );
        assert!(text.contains("«order-12»"), "{text}");
        // Not a clash: another stem, or the repeated one switched off.
        let dir = tempfile::tempdir().expect("tempdir");
        std::fs::write(
            dir.path().join(FILE),
            r#"{"documents": [{"id": "plan-extra", "title": "A", "template": "order-curator"},
                              {"id": "consent", "title": "C", "template": "order-curator", "each": "minor"},
                              {"id": "agreement", "disabled": true},
                              {"id": "agreement-001", "title": "B", "template": "order-curator"}]}"#,
        )
        .expect("written");
        Entries::load(None, Some(dir.path())).expect("no clash");
    }

    #[test]
    fn duplicates_and_switching_off_what_is_not_there_are_refused() {
        let text = refused(
            r#"{"documents": [{"id": "memo", "title": "A"}, {"id": "memo", "title": "B"}]}"#,
        );
        assert!(
            text.contains("/documents/1/id") && text.contains("дважды"),
            "{text}"
        );
        let text = refused(r#"{"documents": [{"id": "order-curatr", "disabled": true}]}"#);
        assert!(
            text.contains("возможно, имелось в виду «order-curator»"),
            "{text}"
        );
        let text = refused(r#"{"documents": [{"id": "memo"}]}"#);
        assert!(text.contains("/documents/0/title"), "{text}");
        // Switching off needs no title.
        let dir = tempfile::tempdir().expect("tempdir");
        std::fs::write(
            dir.path().join(FILE),
            r#"{"documents": [{"id": "order-rewards", "disabled": true}]}"#,
        )
        .expect("written");
        let e = Entries::load(None, Some(dir.path())).expect("switched off");
        assert!(e.0.iter().all(|x| x.id != "order-rewards"));
    }
}
