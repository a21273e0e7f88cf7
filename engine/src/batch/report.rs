//! What `batch` gives of each school: its identity, status, figures in
//! force and the reasons it was refused — the typed report the region's
//! summary (`crate::region`) is made from and nothing else. This module
//! depends on no summary: `batch` runs the schools, `region` adds them up.

use crate::figures::Figures;
use serde::Serialize;

/// What became of one school.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Package written, no rule errors.
    Ok,
    /// Package written; the rules report errors (stages incomplete).
    Errors,
    /// Input refused: no package.
    Refused,
}

/// One line of `batch.json`.
#[derive(Debug, Clone, Serialize)]
pub struct School {
    /// The subfolder's name.
    pub folder: String,
    pub organisation: Option<String>,
    /// `/organisation/short_name`: how the region's report lists the school.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub short_name: Option<String>,
    /// `/organisation/municipality` of the school's programme.json.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub municipality: Option<String>,
    /// `/organisation/city`, `/organisation/head/name` and
    /// `/programme/title`: what the summary's data-quality notes compare
    /// across schools and with the municipality.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub city: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub head: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub programme_title: Option<String>,
    pub status: Status,
    pub documents: usize,
    pub errors: usize,
    pub warnings: usize,
    pub stages_complete: usize,
    /// Stages due by the date and not complete (`manifest.json › check`).
    pub stages_overdue: usize,
    /// The people held back from the school's documents.
    pub held_back: usize,
    /// `/programme/start`: the earliest of the accepted schools opens the
    /// summary's reporting period.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub programme_start: Option<chrono::NaiveDate>,
    /// The profile the school's package was made in (its region, built in
    /// or a folder as written); `None` for the base profile.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub profile: Option<String>,
    /// Why the school was refused, each problem with its place.
    pub problems: Vec<String>,
    /// The first of them in words, its place inside the school's folder
    /// («inputs/roadmap.xlsx: …»): what the centre's report says.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// The name of the file the first problem is in («programme.json»,
    /// «roadmap.xlsx»), from its typed place: what a letter names.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub refused_in: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub figures: Option<Figures>,
    /// Satisfied respondents of the latest monitoring stage answered, of
    /// those judged: mentors, then mentees (`satisfied_from` of the profile).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub satisfied: Option<[Satisfied; 2]>,
}

impl School {
    /// How a list in running text names the school: its short name, else
    /// its full name, else its folder.
    pub fn name(&self) -> String {
        self.short_name
            .clone()
            .or_else(|| self.organisation.clone())
            .unwrap_or_else(|| format!("папка {}", self.folder))
    }
}

/// Satisfied respondents of one role, of those judged.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Satisfied {
    pub satisfied: usize,
    pub judged: usize,
    /// Every score of that stage by value (1 to 10): the region's mean
    /// score is over all of them, never a mean of the schools' means.
    pub scores: [usize; 10],
}
