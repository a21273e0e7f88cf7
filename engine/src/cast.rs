//! Who and what the documents may state, decided from the rules' verdicts.
//!
//! This is the step between the rules' [`Report`] and the templates. The
//! documents must never state what the inputs or the check contradict, so:
//! - a participant at the row of a finding of a rule declared `hold_back`
//!   (no parents' consent for a minor, no written consent of an employee
//!   under ТК РФ ст. 351.8, …) is left out of every document that states
//!   participation: the orders, their annexes, the plans, the agreements.
//!   Their pairs go with them; a group keeps its other mentees. They are
//!   listed in [`Cast::held_back`] with the rule and the place, printed by
//!   `generate` and written to `manifest.json`. Consent forms, which exist
//!   to be signed by exactly these people, still see the whole model;
//! - no term starts before the order that creates it ([`Terms`]): mentors
//!   serve from the date of their order, pairs (and so plans and
//!   agreements) start no earlier than the pairs order.
//!
//! The figures (coverage, counts) are not touched here: they are computed
//! once from the tables ([`crate::figures`]) so that both reports and
//! `check` print the same numbers.

use crate::figures::{Figures, HeldOut};
use crate::load::groups;
use crate::model::{Model, RowSource};
use crate::rules::{Finding, Report, Source};
use crate::russian;
use chrono::NaiveDate;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

/// A person left out of the documents, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct HeldBack {
    /// Full name as in the tables.
    pub name: String,
    /// `наставник` or `наставляемый`.
    pub role: &'static str,
    /// Ids of the documents of this package they would have appeared in;
    /// `plan` or `agreement` alone where their own plan or agreement is not
    /// written at all.
    pub documents: Vec<String>,
    /// The rule whose finding holds them back.
    pub rule: String,
    /// The finding's message.
    pub reason: String,
    pub source: Source,
    /// Whether the person is a woman (the gender given in `declensions`,
    /// else the patronymic), for «не включена», «наставляемая».
    pub female: bool,
    /// The other member of the pair, when the person is left without a pair
    /// only because that one is held back (`rule`, `reason` and `source`
    /// are then the partner's finding, the cell that caused it); `None` when
    /// the finding is the person's own.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub partner: Option<String>,
    /// The cell the finding names says «нет»: the person refused (ТК РФ
    /// ст. 351.8 makes mentoring voluntary, 152-ФЗ ст. 9 the consent to
    /// processing). No consent form is prefilled for them and no document
    /// asks to obtain it: they do not take part. `false` for a blank cell,
    /// where a consent form is what is needed.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub refused: bool,
    /// Left without a pair because the partner refused (not because the
    /// partner's consent is still to come): no new pair is waited for with
    /// that partner.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub partner_refused: bool,
    /// The refusal (their own, or the partner's) is of the written consent
    /// to mentoring an employee gives (ТК РФ ст. 351.8), not of the
    /// processing of personal data: documents give that article.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub refused_mentoring: bool,
    /// Held back by a finding that is not about a consent (its cell is no
    /// consent column: a mentee younger than the regulation allows): no
    /// consent would let them in, so none is asked for.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub ineligible: bool,
}

/// A numbered order of the profile and whom the hold-back takes out of it:
/// the people its audiences hold in the tables and not in force.
#[derive(Debug, Clone)]
pub struct OrderLoss {
    pub id: String,
    /// It fixes pairs (names their mentors or mentees): a pair not formed
    /// is missing from it.
    pub fixes_pairs: bool,
    pub lost: std::collections::BTreeSet<String>,
}

/// The people of `held`, each once, in order: a person held back by two
/// findings is one person left out (`manifest.json › held_back` lists each
/// finding). Pairs held back as pairs are not people: both members stay.
pub fn names(held: &[HeldBack]) -> Vec<&str> {
    let mut names: Vec<&str> = Vec::new();
    for h in held.iter().filter(|h| h.role != PAIR) {
        if !names.contains(&h.name.as_str()) {
            names.push(&h.name);
        }
    }
    names
}

impl HeldBack {
    /// One line for the person who runs `generate`: «Зайцева Вера Петровна
    /// (наставляемая): не включена в order-pairs, plan — правило …».
    pub fn line(&self) -> String {
        let gender = self.gender();
        let role = self.role_text();
        // No document of the package would have named them (a mentor of
        // no pair): nothing to list, only why.
        let left_out = if self.documents.is_empty() {
            String::new()
        } else {
            format!(
                ": {} в {}",
                gender.choose("не включён", "не включена"),
                self.documents.join(", ")
            )
        };
        format!(
            "{} ({role}){left_out} — правило {}: {}; место: {}",
            self.name, self.rule, self.reason, self.source
        )
    }
}

impl HeldBack {
    fn gender(&self) -> russian::Gender {
        if self.female {
            russian::Gender::Female
        } else {
            russian::Gender::Male
        }
    }

    /// The role in the person's gender: «наставляемая», «наставник».
    pub fn role_text(&self) -> &'static str {
        if self.role == MENTEE {
            self.gender().choose("наставляемый", "наставляемая")
        } else {
            self.role
        }
    }
}

/// The people held back from a package, counted by what follows for
/// each: a consent still to be signed (a blank cell), a refusal («нет»:
/// nobody is asked again), a partner held back (a new pair is needed).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct FollowUps {
    /// People held back, each once.
    pub held: usize,
    /// Of them, those who refused.
    pub refused: usize,
    /// Left without a pair by a partner held back (not their own finding).
    pub unpaired: usize,
    /// Held back by a requirement no consent meets (too young).
    pub ineligible: usize,
    /// Awaiting a consent: the rest.
    pub pending: usize,
    /// Pairs (rows of «Пары») the check rejected: not people.
    pub rejected_pairs: usize,
}

impl FollowUps {
    fn of(held: &[HeldBack]) -> FollowUps {
        let all = names(held).len();
        let refused: BTreeSet<&str> = held
            .iter()
            .filter(|h| h.refused)
            .map(|h| h.name.as_str())
            .collect();
        let unpaired: BTreeSet<&str> = held
            .iter()
            .filter(|h| h.partner.is_some() && !refused.contains(h.name.as_str()))
            .map(|h| h.name.as_str())
            .filter(|n| !held.iter().any(|h| h.name == *n && h.partner.is_none()))
            .collect();
        let rejected: BTreeSet<&str> = held
            .iter()
            .filter(|h| h.role == PAIR)
            .map(|h| h.name.as_str())
            .collect();
        let ineligible: BTreeSet<&str> = held
            .iter()
            .filter(|h| h.ineligible && h.role != PAIR && h.partner.is_none())
            .map(|h| h.name.as_str())
            .filter(|n| !refused.contains(n))
            .collect();
        FollowUps {
            held: all,
            refused: refused.len(),
            unpaired: unpaired.len(),
            ineligible: ineligible.len(),
            pending: all.saturating_sub(refused.len() + unpaired.len() + ineligible.len()),
            rejected_pairs: rejected.len(),
        }
    }
}

/// Those kept out of one document, by the follow-up each needs: three
/// kinds — a consent still to be signed, a refusal (ТК РФ ст. 351.8 makes
/// mentoring voluntary), a pair the check rejects (re-pair its members) —
/// and those left without a pair by their partner.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FollowUpsHere {
    /// Awaiting a consent of their own.
    pub held: usize,
    pub refused: usize,
    pub rejected_pairs: usize,
    /// Left without a pair for a partner held back: they need a new one.
    pub unpaired: usize,
    /// Left without a pair because the partner refused.
    pub unpaired_refused: usize,
    /// Of them, a mentor who refused the written consent to mentoring
    /// (ТК РФ ст. 351.8) …
    pub unpaired_refused_mentoring: usize,
    /// … and a partner who refused the processing of personal data: two
    /// articles, two sentences.
    pub unpaired_refused_pd: usize,
}

impl FollowUpsHere {
    fn of(held: &[HeldBack], doc: &str) -> FollowUpsHere {
        let here = |keep: &dyn Fn(&HeldBack) -> bool| -> BTreeSet<&str> {
            held.iter()
                .filter(|h| h.documents.iter().any(|d| d == doc) && keep(h))
                .map(|h| h.name.as_str())
                .collect()
        };
        let partnerless = here(&|h| h.partner.is_some() && !h.partner_refused);
        let partner_refused = here(&|h| h.partner_refused);
        let refused_mentoring = here(&|h| h.partner_refused && h.refused_mentoring);
        let refused = here(&|h| h.refused);
        let pairs = here(&|h| h.role == PAIR);
        let ineligible = here(&|h| h.ineligible && h.partner.is_none() && h.role != PAIR);
        let own = here(&|h| h.partner.is_none() && !h.refused && h.role != PAIR)
            .into_iter()
            .filter(|n| {
                !partnerless.contains(n)
                    && !partner_refused.contains(n)
                    && !refused.contains(n)
                    && !ineligible.contains(n)
            })
            .count();
        FollowUpsHere {
            held: own,
            refused: refused.len(),
            rejected_pairs: pairs.len(),
            unpaired: partnerless.len(),
            unpaired_refused: partner_refused.len(),
            unpaired_refused_mentoring: refused_mentoring.len(),
            unpaired_refused_pd: partner_refused.len() - refused_mentoring.len(),
        }
    }
}

/// Dates from which the documents' terms run. Each is the date of the
/// registered order that creates the term, or the programme's start when
/// that is later; `None` while the order is not registered (the documents
/// then say «со дня издания настоящего приказа»).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Terms {
    /// Mentors are appointed from this day (`order-mentors`).
    pub mentors_from: Option<NaiveDate>,
    /// No pair, plan or agreement starts before this day (`order-pairs`).
    pub pairs_from: Option<NaiveDate>,
    /// The regulation comes into force on this day (`order-regulation`).
    pub regulation_from: Option<NaiveDate>,
}

/// What the documents are made from.
#[derive(Debug, Clone)]
pub struct Cast {
    /// The model the documents print: held-back people and their pairs
    /// removed, groups formed again, pair and group starts moved to
    /// [`Terms::pairs_from`] where earlier.
    pub model: Model,
    pub held_back: Vec<HeldBack>,
    pub terms: Terms,
}

/// The role of a held-back person.
const MENTOR: &str = "наставник";
const MENTEE: &str = "наставляемый";
/// A pair held back by a finding at its row of the «Пары» sheet: its
/// `name` is «наставник — наставляемый».
pub const PAIR: &str = "пара";

/// A table row, as findings name it.
fn row_key(s: &RowSource) -> (String, String, u32) {
    (s.file.clone(), s.sheet.clone(), s.row)
}

/// A pair as held back: «наставник — наставляемый» ([`PAIR`]).
pub fn pair_name(p: &crate::model::Pair) -> String {
    format!("{} — {}", p.mentor, p.mentee)
}

/// The pair `p` held back by `f`.
fn pair_entry(p: &crate::model::Pair, f: &Finding) -> HeldBack {
    HeldBack {
        name: pair_name(p),
        role: PAIR,
        documents: Vec::new(),
        rule: f.rule.clone(),
        reason: f.message.clone(),
        source: f.source.clone().unwrap_or(Source::Row {
            file: p.source.file.clone(),
            sheet: p.source.sheet.clone(),
            row: p.source.row,
            cell: None,
            column: None,
        }),
        // «пара» is feminine: «не включена».
        female: true,
        partner: None,
        refused: false,
        partner_refused: false,
        refused_mentoring: false,
        ineligible: false,
    }
}

impl Cast {
    /// Decides the cast of `model` from `report`.
    pub fn decide(model: &Model, report: &Report) -> Cast {
        Cast::of_verdicts(model, &report.rules)
    }

    /// [`Cast::decide`] from the verdicts alone (the first pass of the
    /// rules holds every hold-back rule: no report needs building for it).
    pub fn of_verdicts(model: &Model, verdicts: &[crate::rules::RuleVerdict]) -> Cast {
        let holding: Vec<&Finding> = verdicts
            .iter()
            .filter(|r| r.meta.hold_back)
            .flat_map(|r| r.findings.iter())
            .collect();
        // Holding findings by the row they are at, in rule order.
        let mut by_row: BTreeMap<(String, String, u32), Vec<&Finding>> = BTreeMap::new();
        for f in holding {
            if let Some(Source::Row {
                file, sheet, row, ..
            }) = &f.source
            {
                by_row
                    .entry((file.clone(), sheet.clone(), *row))
                    .or_default()
                    .push(f);
            }
        }
        let findings_at = |s: &RowSource| -> &[&Finding] {
            by_row
                .get(&(s.file.clone(), s.sheet.clone(), s.row))
                .map_or(&[], Vec::as_slice)
        };

        let mut held_back = Vec::new();
        let mut out_mentors = BTreeSet::new();
        let mut out_mentees = BTreeSet::new();
        for m in &model.mentors {
            let found = findings_at(&m.source);
            if !found.is_empty() {
                out_mentors.insert(m.name.clone());
                for f in found {
                    let mut h = entry(model, &m.name, MENTOR, f, &m.source);
                    h.refused = says_no(m, f);
                    h.refused_mentoring =
                        h.refused && f.field.as_deref() == Some("consent_mentoring");
                    held_back.push(h);
                }
            }
        }
        for m in &model.mentees {
            let found = findings_at(&m.source);
            if !found.is_empty() {
                out_mentees.insert(m.name.clone());
                for f in found {
                    let mut h = entry(model, &m.name, MENTEE, f, &m.source);
                    h.refused = says_no(m, f);
                    h.refused_mentoring =
                        h.refused && f.field.as_deref() == Some("consent_mentoring");
                    held_back.push(h);
                }
            }
        }

        // A pair an error-level rule rejects (a form not allowed for the
        // categories, a row past the mentor's limit, a term outside the
        // programme's) is held back like a person without consent: the
        // order does not fix it, no plan is written for it.
        let mut out_pairs: BTreeSet<(String, String, u32)> = BTreeSet::new();
        for p in &model.pairs {
            if out_mentors.contains(&p.mentor) || out_mentees.contains(&p.mentee) {
                continue;
            }
            let found = findings_at(&p.source);
            if found.is_empty() {
                continue;
            }
            out_pairs.insert(row_key(&p.source));
            for f in found {
                let entry = pair_entry(p, f);
                // One pair, one rule, several findings (the mentor's and the
                // mentee's category): one entry with both reasons.
                match held_back.last_mut() {
                    Some(last)
                        if last.role == PAIR
                            && last.name == entry.name
                            && last.rule == entry.rule =>
                    {
                        let more = entry
                            .reason
                            .split_once(": ")
                            .map_or(entry.reason.as_str(), |(_, r)| r);
                        last.reason = format!("{}; {more}", last.reason);
                    }
                    _ => held_back.push(entry),
                }
            }
        }

        let terms = Terms {
            mentors_from: later(model, "order-mentors"),
            pairs_from: later(model, "order-pairs"),
            regulation_from: later(model, "order-regulation"),
        };
        let mut shown = model.clone();
        shown.mentors.retain(|m| !out_mentors.contains(&m.name));
        shown.mentees.retain(|m| !out_mentees.contains(&m.name));
        shown.pairs.retain(|p| {
            !out_mentors.contains(&p.mentor)
                && !out_mentees.contains(&p.mentee)
                && !out_pairs.contains(&row_key(&p.source))
        });
        shown.rewards.retain(|r| !out_mentors.contains(&r.mentor));
        if let Some(from) = terms.pairs_from {
            for p in &mut shown.pairs {
                if p.start < from {
                    p.start = from;
                }
            }
        }
        shown.groups = groups::assign(&mut shown.pairs);
        held_back.extend(left_without_pair(model, &shown, &held_back));

        Cast {
            model: shown,
            held_back,
            terms,
        }
    }

    /// Fills [`HeldBack::documents`]: the package's documents that would have
    /// named each person. `orders` are the profile's numbered orders with
    /// whom each loses to the hold-back (`catalogue::Entries::order_losses`),
    /// so an order a region or a user adds is listed like the base's.
    pub fn name_documents(&mut self, full: &Model, orders: &[OrderLoss]) {
        let shown = &self.model;
        let fixing_pairs = || {
            orders
                .iter()
                .filter(|o| o.fixes_pairs)
                .map(|o| o.id.clone())
        };
        for h in &mut self.held_back {
            let mut docs: Vec<String> = Vec::new();
            if h.role == PAIR {
                // The pair alone is not formed: both stay in the base and
                // in the other documents that name them.
                let (mentor, _) = h.name.split_once(" — ").unwrap_or((h.name.as_str(), ""));
                docs.extend(fixing_pairs());
                let form = full
                    .pairs
                    .iter()
                    .find(|p| pair_name(p) == h.name)
                    .map(|p| p.form);
                match shown
                    .groups
                    .iter()
                    .find(|g| g.mentor == mentor && Some(g.form) == form)
                {
                    Some(g) => docs.push(format!("plan-{}", g.id)),
                    None => docs.push("plan".into()),
                }
                h.documents = docs;
                continue;
            }
            if h.partner.is_some() {
                // Still a mentor (or a mentee of the base) in every other
                // document: only the pair and its plan are not formed.
                docs.extend(fixing_pairs());
                docs.push("plan".into());
                h.documents = docs;
                continue;
            }
            docs.extend(
                orders
                    .iter()
                    .filter(|o| o.lost.contains(&h.name))
                    .map(|o| o.id.clone()),
            );
            if h.role == MENTOR {
                if full.pairs.iter().any(|p| p.mentor == h.name) {
                    docs.push("plan".into());
                }
                if full.mentors.iter().any(|m| m.name == h.name && m.employee) {
                    docs.push("agreement".into());
                }
            } else {
                for p in full.pairs.iter().filter(|p| p.mentee == h.name) {
                    // The plan of the group they would have been in, where
                    // that group still has other mentees.
                    match shown
                        .groups
                        .iter()
                        .find(|g| g.mentor == p.mentor && g.form == p.form)
                    {
                        Some(g) => docs.push(format!("plan-{}", g.id)),
                        None => docs.push("plan".into()),
                    }
                }
            }
            docs.dedup();
            h.documents = docs;
        }
    }

    /// The figures in force: `tables` (the tables' figures) as this cast
    /// leaves them ([`Figures::as_stated`]), with who is held back and why
    /// for the rules' second pass.
    pub fn stated(&self, tables: &Figures) -> Figures {
        let fixed = Figures::of(&self.model);
        // The pairs at work by the package's date: a pair starting later
        // covers nobody yet.
        let working = match self.model.report_date {
            Some(date) if self.model.pairs.iter().any(|p| p.start > date) => {
                let mut m = self.model.clone();
                m.pairs.retain(|p| p.start <= date);
                m.groups = groups::assign(&mut m.pairs);
                Figures::of(&m)
            }
            _ => fixed.clone(),
        };
        let mut stated = tables.as_stated(&fixed, &working);
        stated.held_back = self
            .held_back
            .iter()
            .map(|h| HeldOut {
                name: h.name.clone(),
                role: h.role.to_owned(),
                female: h.female,
                rule: h.rule.clone(),
                reason: h.reason.clone(),
                refused: h.refused,
                ineligible: h.ineligible,
                partner: h.partner.clone(),
                partner_refused: h.partner_refused,
            })
            .collect();
        stated
    }

    /// Names of the people held back, each once.
    pub fn held_back_names(&self) -> Vec<&str> {
        names(&self.held_back)
    }

    /// Those held back, by the follow-up each needs: the package's
    /// ([`FollowUps::of`]).
    pub fn follow_ups(&self) -> FollowUps {
        FollowUps::of(&self.held_back)
    }

    /// [`Cast::follow_ups`] over those with a row in `full`'s «Пары» (the
    /// base the reports count people in pairs and groups on), and how many
    /// held back have no such row at all: a report saying «в парах — 22,
    /// не включены 4» of whom one is in no pair would not add up.
    pub fn follow_ups_paired(&self, full: &Model) -> (FollowUps, usize) {
        let paired: BTreeSet<&str> = full
            .pairs
            .iter()
            .flat_map(|p| [p.mentor.as_str(), p.mentee.as_str()])
            .collect();
        let (kept, no_pair): (Vec<HeldBack>, Vec<HeldBack>) = self
            .held_back
            .iter()
            .cloned()
            .partition(|h| h.role == PAIR || paired.contains(h.name.as_str()));
        (FollowUps::of(&kept), names(&no_pair).len())
    }

    /// Those kept out of the document `doc` by the follow-up each needs:
    /// it tells the curator to follow them up (by count: they are not
    /// named before their consent).
    pub fn follow_ups_in(&self, doc: &str) -> FollowUpsHere {
        FollowUpsHere::of(&self.held_back, doc)
    }

    /// The survey the figures may process: `full`'s, with only the answers
    /// of people in force. A signed answer counts when its respondent is a
    /// mentor (mentee) of a pair or group the package fixes, in that role:
    /// the figures divide by those participants, so no rate passes 100 %;
    /// the answers of those held back for want of consent to process their
    /// personal data are not processed at all (152-ФЗ ст. 9). Anonymous
    /// answers name nobody and count. A monitoring stage whose time has
    /// not come by the package's date has no answers yet. Returns the
    /// signed answers left out; borrowed when nothing is left out.
    pub fn surveyed<'m>(&self, full: &'m Model) -> (std::borrow::Cow<'m, Model>, usize) {
        use crate::model::SurveyRole;
        let mentors: BTreeSet<&str> = self
            .model
            .groups
            .iter()
            .map(|g| g.mentor.as_str())
            .collect();
        let mentees: BTreeSet<&str> = self
            .model
            .groups
            .iter()
            .flat_map(|g| g.mentees.iter().map(String::as_str))
            .collect();
        let outside = |r: &crate::model::SurveyResponse| {
            r.respondent.as_deref().is_some_and(|n| match r.role {
                SurveyRole::Mentor => !mentors.contains(n),
                SurveyRole::Mentee => !mentees.contains(n),
            })
        };
        let calendar = crate::calendar::Calendar::of(full);
        let future = |r: &crate::model::SurveyResponse| !calendar.survey_open(r.phase);
        let early = |r: &crate::model::SurveyResponse| future(r);
        let left_out = full
            .survey
            .responses
            .iter()
            .filter(|r| outside(r) && !early(r))
            .count();
        if left_out == 0 && !full.survey.responses.iter().any(early) {
            return (std::borrow::Cow::Borrowed(full), 0);
        }
        let mut m = full.clone();
        m.survey.responses.retain(|r| !outside(r) && !early(r));
        (std::borrow::Cow::Owned(m), left_out)
    }
}

/// Those left without any pair only because the other member of each of
/// their pairs is held back: a mentee whose mentor gave no consent, a
/// mentor whose only mentee has none. They stay in the documents that do
/// not state a pair; `generate` lists them with the partner's finding, so
/// no one disappears from the pairs order unexplained.
fn left_without_pair(full: &Model, shown: &Model, held: &[HeldBack]) -> Vec<HeldBack> {
    let held_names: BTreeSet<&str> = held.iter().map(|h| h.name.as_str()).collect();
    let first_finding = |name: &str| held.iter().find(|h| h.name == name);
    let mut out = Vec::new();
    let mut seen = BTreeSet::new();
    for p in &full.pairs {
        for (name, role, partner) in [
            (&p.mentee, MENTEE, &p.mentor),
            (&p.mentor, MENTOR, &p.mentee),
        ] {
            if held_names.contains(name.as_str()) || seen.contains(name.as_str()) {
                continue;
            }
            let Some(why) = first_finding(partner) else {
                continue;
            };
            let still_paired = shown.pairs.iter().any(|q| {
                let member = if role == MENTEE { &q.mentee } else { &q.mentor };
                member == name
            });
            if still_paired {
                continue;
            }
            seen.insert(name.as_str());
            let partner_female = why.female;
            let partner_role = why.role_text();
            out.push(HeldBack {
                female: full.gender_of(name) == russian::Gender::Female,
                name: name.clone(),
                role,
                documents: Vec::new(),
                rule: why.rule.clone(),
                reason: format!(
                    "пара не закреплена: {partner_role} {partner} {} в документы — {}",
                    if partner_female {
                        "не включена"
                    } else {
                        "не включён"
                    },
                    // The partner's finding, without their name again.
                    why.reason
                        .strip_prefix(partner.as_str())
                        .map_or(why.reason.as_str(), |r| r
                            .trim_start_matches([':', ',', ' ']))
                ),
                source: why.source.clone(),
                partner: Some(partner.clone()),
                refused: false,
                partner_refused: why.refused,
                refused_mentoring: why.refused_mentoring,
                ineligible: false,
            });
        }
    }
    out
}

fn entry(model: &Model, name: &str, role: &'static str, f: &Finding, at: &RowSource) -> HeldBack {
    HeldBack {
        female: model.gender_of(name) == russian::Gender::Female,
        name: name.to_owned(),
        role,
        documents: Vec::new(),
        rule: f.rule.clone(),
        reason: f.message.clone(),
        source: f.source.clone().unwrap_or(Source::Row {
            file: at.file.clone(),
            sheet: at.sheet.clone(),
            row: at.row,
            cell: None,
            column: None,
        }),
        partner: None,
        refused: false,
        partner_refused: false,
        refused_mentoring: false,
        ineligible: !f
            .field
            .as_deref()
            .is_some_and(|field| field.starts_with("consent")),
    }
}

/// Whether the cell `f` names on `person`'s row holds «нет» (the field
/// read as `false`): a refusal, not a blank.
fn says_no(person: &impl Serialize, f: &Finding) -> bool {
    let Some(field) = f.field.as_deref() else {
        return false;
    };
    serde_json::to_value(person)
        .ok()
        .and_then(|v| v.get(field).cloned())
        == Some(serde_json::Value::Bool(false))
}

impl Cast {
    /// The people no consent form is written for: those who said «нет»
    /// (nobody asks them again) and those a requirement other than a
    /// consent keeps out (too young: a consent would not let them in).
    pub fn not_asked(&self) -> BTreeSet<&str> {
        self.held_back
            .iter()
            .filter(|h| h.refused || (h.ineligible && h.partner.is_none() && h.role != PAIR))
            .map(|h| h.name.as_str())
            .collect()
    }

    /// The pairs of `full` a consent form of `name` asks consent to: those
    /// the orders may fix. A pair the check rejects (its form, the
    /// mentor's limit, its term) is in none, nor a pair whose other member
    /// refused: it will not be formed.
    pub fn consent_pairs<'m>(&self, full: &'m Model, name: &str) -> Vec<&'m crate::model::Pair> {
        let rejected: BTreeSet<&str> = self
            .held_back
            .iter()
            .filter(|h| h.role == PAIR)
            .map(|h| h.name.as_str())
            .collect();
        let refused = self.not_asked();
        full.pairs
            .iter()
            .filter(|p| p.mentor == name || p.mentee == name)
            .filter(|p| !rejected.contains(pair_name(p).as_str()))
            .filter(|p| {
                !refused.contains(p.mentor.as_str()) && !refused.contains(p.mentee.as_str())
            })
            .collect()
    }

    /// `full` without those who refused: the model consent forms are
    /// written from (a blank cell gets a form to sign, a «нет» none).
    pub fn consenting(&self, full: &Model) -> Model {
        let refused = self.not_asked();
        let mut m = full.clone();
        m.mentors.retain(|p| !refused.contains(p.name.as_str()));
        m.mentees.retain(|p| !refused.contains(p.name.as_str()));
        m
    }
}

/// The rules run as `check` and `generate` run them: the second pass
/// (`after_hold_back`) sees what is in force as the cast decides it. Here,
/// not in `rules`, so that the rules know nothing of the cast.
impl crate::rules::RuleSet {
    /// Runs the rules over a model, with the parameters in force at its
    /// start ([`crate::rules::RuleSet::check_with`]).
    pub fn check(&self, model: &Model) -> crate::diag::Result<Report> {
        self.check_with(model, |verdicts, tables| {
            Cast::of_verdicts(model, verdicts).stated(tables)
        })
    }

    /// `check --explain ID` ([`crate::rules::RuleSet::explain_with`]).
    pub fn explain(
        &self,
        model: &Model,
        id: &str,
    ) -> crate::diag::Result<crate::rules::explain::Explained> {
        self.explain_with(model, id, |verdicts, tables| {
            Cast::of_verdicts(model, verdicts).stated(tables)
        })
    }
}

/// The date of the registered order `id`, or the programme's start if later.
fn later(model: &Model, id: &str) -> Option<NaiveDate> {
    model
        .orders
        .get(id)
        .map(|o| o.date.max(model.programme.start))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn held(female: bool, role: &'static str) -> HeldBack {
        HeldBack {
            name: "Зайцева Вера Петровна".into(),
            role,
            documents: vec!["order-pairs".into(), "plan".into()],
            rule: "stage2.parent-consent".into(),
            reason: "Нет согласия родителей".into(),
            source: Source::Row {
                file: "mentees.xlsx".into(),
                sheet: "Наставляемые".into(),
                row: 4,
                cell: Some("H4".into()),
                column: Some("Согласие родителей".into()),
            },
            female,
            partner: None,
            refused: false,
            partner_refused: false,
            refused_mentoring: false,
            ineligible: false,
        }
    }

    #[test]
    fn only_the_answers_of_people_in_force_are_counted() {
        let model = crate::example::model();
        let mentor = model.groups[0].mentor.clone();
        let signed = model
            .survey
            .responses
            .iter()
            .filter(|r| r.respondent.as_deref() == Some(mentor.as_str()))
            .count();
        assert!(signed > 0, "the example's mentors sign their answers");
        let cast = |shown: Model| Cast {
            model: shown,
            held_back: Vec::new(),
            terms: Terms {
                mentors_from: None,
                pairs_from: None,
                regulation_from: None,
            },
        };
        let everyone = cast(model.clone());
        let (same, none) = everyone.surveyed(&model);
        assert_eq!(
            (same.survey.responses.len(), none),
            (model.survey.responses.len(), 0)
        );
        // The mentor's pairs not fixed: their signed answers do not count,
        // nor those of their mentees left in no other pair.
        let mut shown = model.clone();
        shown.groups.retain(|g| g.mentor != mentor);
        let still: BTreeSet<&str> = shown
            .groups
            .iter()
            .flat_map(|g| g.mentees.iter().map(String::as_str))
            .collect();
        let gone: BTreeSet<&str> = model
            .groups
            .iter()
            .filter(|g| g.mentor == mentor)
            .flat_map(|g| g.mentees.iter().map(String::as_str))
            .filter(|n| !still.contains(n))
            .collect();
        let theirs = model
            .survey
            .responses
            .iter()
            .filter(|r| {
                r.respondent
                    .as_deref()
                    .is_some_and(|n| n == mentor || gone.contains(n))
            })
            .count();
        assert!(theirs >= signed);
        let (kept, left_out) = cast(shown.clone()).surveyed(&model);
        assert_eq!(left_out, theirs);
        assert_eq!(
            kept.survey.responses.len(),
            model.survey.responses.len() - theirs
        );
        assert!(kept
            .survey
            .responses
            .iter()
            .all(|r| r.respondent.as_deref() != Some(mentor.as_str())));
    }

    #[test]
    fn the_printed_line_agrees_with_the_persons_gender() {
        let she = held(true, MENTEE).line();
        assert!(
            she.contains("(наставляемая): не включена в order-pairs, plan"),
            "{she}"
        );
        let he = held(false, MENTEE).line();
        assert!(he.contains("(наставляемый): не включён в"), "{he}");
        let mentor = held(true, MENTOR).line();
        assert!(mentor.contains("(наставник): не включена в"), "{mentor}");
        assert!(she.contains("правило stage2.parent-consent"));
    }

    #[test]
    fn a_person_no_document_would_name_gets_no_empty_list() {
        let mut h = held(false, MENTOR);
        h.documents.clear();
        let line = h.line();
        assert!(!line.contains(" в  "), "{line}");
        assert!(!line.contains("не включён"), "{line}");
        assert!(
            line.contains("(наставник) — правило stage2.parent-consent"),
            "{line}"
        );
    }
}
