//! The validated model of one mentoring programme.
//!
//! Everything downstream (rules, documents) sees only this model, never the
//! input files. It is built by [`crate::load`] from `programme.json` and the
//! XLSX tables, after every check has passed. The model is plain data with
//! `serde` derives: rules get it as a read-only Rhai map, templates as JSON,
//! and rule test cases patch its JSON form.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Where a row of a table came from: what the user sees in the spreadsheet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct RowSource {
    /// File name as written in programme.json (`inputs/participants.xlsx`).
    pub file: String,
    pub sheet: String,
    /// 1-based row number as the spreadsheet shows it (title rows counted).
    pub row: u32,
}

/// The whole programme: `programme.json` plus every table.
#[derive(Debug, Clone, Serialize, Deserialize, Default)]
pub struct Model {
    /// Regional profile (`omsk`), if any.
    pub region: Option<String>,
    pub layout: Layout,
    pub organisation: Organisation,
    pub programme: ProgrammeInfo,
    pub curator: Staff,
    #[serde(default)]
    pub team: Vec<Staff>,
    /// Orders already registered, by document id (`order-curator`, …),
    /// by the package's date.
    #[serde(default)]
    pub orders: BTreeMap<String, RegisteredOrder>,
    /// Orders programme.json registers with a date after the package's:
    /// at that date they are not issued ([`crate::calendar::issued_by`]
    /// moves them here from `orders`), so no document cites them and a
    /// rule says so.
    #[serde(default)]
    pub orders_after_date: BTreeMap<String, RegisteredOrder>,
    /// Protocols of the councils (`council`, `pupils_council`,
    /// `parents_council`) dated after the package's: at that date the
    /// decision is not taken ([`crate::calendar::issued_by`] moves them
    /// here), so no document cites it and a rule says so.
    #[serde(default)]
    pub protocols_after_date: BTreeMap<String, Protocol>,
    pub council: Option<Council>,
    /// The council of pupils' opinion on the regulation, where the council
    /// exists (ч. 3 ст. 30 273-ФЗ): its protocol.
    #[serde(default)]
    pub pupils_council: Option<Protocol>,
    /// The council of parents' opinion on the regulation, where it exists.
    #[serde(default)]
    pub parents_council: Option<Protocol>,
    #[serde(default)]
    pub mentor_training: Vec<TrainingEvent>,
    pub final_event: Option<FinalEvent>,
    #[serde(default)]
    pub rewards: Vec<Reward>,
    /// Organisations the programme works with (`/partners`): the
    /// enterprises and universities outside mentors come from, with the
    /// agreement on cooperation the documents cite ([`Model::partner_of`]).
    #[serde(default)]
    pub partners: Vec<Partner>,
    /// Declined forms given by hand where the rules get a name wrong,
    /// keyed by the nominative full name.
    #[serde(default)]
    pub declensions: BTreeMap<String, NameForms>,
    /// Declined forms of positions given by hand, keyed by the position as
    /// typed (nominative).
    #[serde(default)]
    pub position_forms: BTreeMap<String, PositionForms>,
    #[serde(default)]
    pub mentors: Vec<Mentor>,
    #[serde(default)]
    pub mentees: Vec<Mentee>,
    /// One entry per row of the «Пары» sheet.
    #[serde(default)]
    pub pairs: Vec<Pair>,
    /// Pairs and groups: rows with the same mentor and form, in order of
    /// first appearance. `groups[i].id` is `001`, `002`, …
    #[serde(default)]
    pub groups: Vec<Group>,
    #[serde(default)]
    pub roadmap: Vec<RoadmapEvent>,
    #[serde(default)]
    pub survey: Survey,
    /// Where each column of each table is, so findings name cells.
    #[serde(default)]
    pub layouts: Vec<TableLayout>,
    /// The files the model was read from, with their SHA-256: what an
    /// auditor's report says was checked.
    #[serde(default)]
    pub files: Vec<InputFile>,
    /// The date the reports are dated (`/report_date`, or `generate --date`);
    /// never the clock, so the package stays reproducible.
    #[serde(default)]
    pub report_date: Option<NaiveDate>,
    /// The monitoring report's number (`/report_number`), as typed.
    #[serde(default)]
    pub report_number: Option<String>,
}

/// One file read: its path as written in programme.json, its hash and size.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct InputFile {
    pub file: String,
    pub sha256: String,
    pub bytes: usize,
}

impl InputFile {
    pub fn of(file: &str, bytes: &[u8]) -> InputFile {
        use sha2::{Digest, Sha256};
        InputFile {
            file: file.to_owned(),
            sha256: crate::text::hex(&Sha256::digest(bytes)),
            bytes: bytes.len(),
        }
    }
}

/// The columns of one table as found in its sheet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct TableLayout {
    pub file: String,
    pub sheet: String,
    /// Column id (`start`, `experience`) → where it is.
    pub columns: BTreeMap<String, ColumnRef>,
}

/// One column of a table: its letter and its header as typed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct ColumnRef {
    pub letter: String,
    pub header: String,
}

impl Model {
    /// A person's gender, the one way it is decided: the gender given in
    /// `declensions` wins, then the patronymic
    /// ([`crate::russian::person_gender`]).
    pub fn gender_of(&self, name: &str) -> crate::russian::Gender {
        let given = self.declensions.get(name).and_then(|d| d.gender.as_deref());
        crate::russian::person_gender(name, given)
    }

    /// The cell of column `field` on the row `source`, with the header.
    pub fn cell(&self, source: &RowSource, field: &str) -> Option<(String, String)> {
        let layout = self
            .layouts
            .iter()
            .find(|l| l.file == source.file && l.sheet == source.sheet)?;
        let c = layout.columns.get(field)?;
        Some((format!("{}{}", c.letter, source.row), c.header.clone()))
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct Layout {
    /// Edition of ГОСТ Р 7.0.97 the documents follow: `2025` (default) or `2016`.
    /// The schema's default is applied here too: `"layout": {}` is valid.
    #[serde(default = "Layout::default_gost")]
    pub gost: String,
}

impl Layout {
    fn default_gost() -> String {
        "2025".to_owned()
    }

    /// The edition followed: the one given, else the default (a blank
    /// string typed in programme.json is no edition).
    pub fn gost_edition(&self) -> String {
        match self.gost.trim() {
            "" => Layout::default_gost(),
            given => given.to_owned(),
        }
    }
}

impl Default for Layout {
    fn default() -> Self {
        Layout {
            gost: Layout::default_gost(),
        }
    }
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq, Default)]
#[serde(rename_all = "snake_case")]
pub enum OrgKind {
    /// Общеобразовательная организация.
    #[default]
    School,
    /// Профессиональная образовательная организация.
    College,
    /// Организация дополнительного образования.
    AdditionalEducation,
}

#[derive(Debug, Clone, Serialize, Deserialize, Default)]
pub struct Organisation {
    pub full_name: String,
    pub short_name: String,
    pub kind: OrgKind,
    pub city: String,
    pub address: Option<String>,
    /// Founder or municipal body, printed above the name in headers.
    pub founder: Option<String>,
    pub head: Staff,
    pub students: u32,
    pub teachers: u32,
    /// The local act on pay (or the collective agreement) that sets the
    /// extra pay for mentoring, in the nominative as it is titled:
    /// «Положение об оплате труда работников МБОУ …».
    #[serde(default)]
    pub pay_act: Option<String>,
    /// The municipality the school belongs to («городской округ город
    /// Омск»): the region's summary has a table per municipality.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub municipality: Option<String>,
    /// Young specialists among the teachers (the headcount the regional
    /// indicator «молодые учителя-специалисты» is a share of).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub young_teachers: Option<u32>,
    /// Pupils aged 10–19 (the headcount the regional indicator «дети от 10
    /// до 19 лет» is a share of); `None` when not given: the indicator is
    /// «нет данных» for the school, never a share of all its pupils.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub students_10_19: Option<u32>,
    /// Pupils aged 15–19 (the indicator «подростки от 15 до 19 лет»).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub students_15_19: Option<u32>,
}

#[derive(Debug, Clone, Serialize, Deserialize, Default, PartialEq)]
pub struct Staff {
    pub name: String,
    pub position: String,
    /// Role in the project team (for `team`).
    pub role: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, Default)]
pub struct ProgrammeInfo {
    pub title: String,
    pub start: NaiveDate,
    pub end: NaiveDate,
    pub forms: Vec<Form>,
    #[serde(default)]
    pub goals: Vec<String>,
    #[serde(default)]
    pub tasks: Vec<String>,
    /// Year of study the programme starts in («2025/2026 учебный год»), free text.
    pub academic_year: Option<String>,
}

/// An organisation the programme works with (`/partners/N`): an
/// enterprise whose specialists mentor, a university whose students do.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct Partner {
    /// The full name, as in its charter.
    pub name: String,
    /// The short name: printed after «с» («соглашение о сотрудничестве с
    /// АО «Омсктрансмаш»»), where a full name would have to decline.
    pub short_name: String,
    /// The agreement on cooperation (соглашение о сотрудничестве); `None`
    /// when not concluded or not known: no document then names one.
    #[serde(default)]
    pub agreement: Option<Contract>,
    /// The contract on practical training of learners (договор о
    /// практической подготовке обучающихся, ст. 13 273-ФЗ): learners work
    /// at the enterprise under it; without it their meetings take place at
    /// the organisation.
    #[serde(default)]
    pub practice_contract: Option<Contract>,
}

impl Partner {
    /// Whether `organisation` (a mentor's cell, as typed) names this
    /// partner: its full or short name, as [`crate::text::key`] compares.
    pub fn is_named(&self, organisation: &str) -> bool {
        partner_named(&self.name, &self.short_name, organisation)
    }
}

/// Whether `organisation` names the partner of `name` and `short_name`
/// ([`Partner::is_named`]; the rules' `partner_of` asks it too).
pub fn partner_named(name: &str, short_name: &str, organisation: &str) -> bool {
    let typed = crate::text::key(organisation);
    !typed.is_empty() && (typed == crate::text::key(name) || typed == crate::text::key(short_name))
}

impl Model {
    /// The partner an outside mentor's organisation names, if any: the one
    /// place a mentor is matched to a partner (documents and rules, through
    /// the sandbox's `partner_of`, both ask it).
    pub fn partner_of(&self, organisation: &str) -> Option<&Partner> {
        self.partners.iter().find(|p| p.is_named(organisation))
    }

    /// The partner of mentor `m`: an outside mentor (not staff) whose
    /// organisation is a partner's.
    pub fn mentor_partner(&self, m: &Mentor) -> Option<&Partner> {
        if m.employee {
            return None;
        }
        m.organisation.as_deref().and_then(|o| self.partner_of(o))
    }
}

/// A contract or agreement: its number and date, as registered.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct Contract {
    pub number: String,
    pub date: NaiveDate,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct RegisteredOrder {
    pub number: String,
    pub date: NaiveDate,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Council {
    pub date: NaiveDate,
    pub number: String,
    pub chair: Option<String>,
    pub secretary: Option<String>,
    pub present: Option<u32>,
    /// Votes on the decisions; blanks in the protocol when not given.
    #[serde(default)]
    pub votes_for: Option<u32>,
    #[serde(default)]
    pub votes_against: Option<u32>,
    #[serde(default)]
    pub abstained: Option<u32>,
}

/// The protocol of a meeting: number and date.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct Protocol {
    pub number: String,
    pub date: NaiveDate,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct TrainingEvent {
    pub title: String,
    pub date: NaiveDate,
    pub hours: Option<u32>,
    pub organiser: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct FinalEvent {
    pub title: String,
    pub date: Option<NaiveDate>,
    pub format: Option<String>,
    pub place: Option<String>,
    pub responsible: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Reward {
    /// Mentor's full name, as in the «Наставники» sheet.
    pub mentor: String,
    /// «благодарность», «почётная грамота», «премия», …
    pub kind: String,
    pub reason: Option<String>,
}

/// Hand-given declined forms of a full name. Missing cases fall back to the rules.
#[derive(Debug, Clone, Serialize, Deserialize, Default)]
pub struct NameForms {
    pub gender: Option<String>,
    pub genitive: Option<String>,
    pub dative: Option<String>,
    pub accusative: Option<String>,
    pub instrumental: Option<String>,
    pub prepositional: Option<String>,
}

/// Hand-given forms of a position. Missing cases fall back to the rules;
/// `female` holds the forms a woman's title takes where they differ.
#[derive(Debug, Clone, Serialize, Deserialize, Default)]
pub struct PositionForms {
    pub genitive: Option<String>,
    pub dative: Option<String>,
    pub accusative: Option<String>,
    pub instrumental: Option<String>,
    pub prepositional: Option<String>,
    pub female: Option<FemalePositionForms>,
}

/// A woman's forms of a position, the nominative included («слушательница»).
#[derive(Debug, Clone, Serialize, Deserialize, Default)]
pub struct FemalePositionForms {
    pub nominative: Option<String>,
    pub genitive: Option<String>,
    pub dative: Option<String>,
    pub accusative: Option<String>,
    pub instrumental: Option<String>,
    pub prepositional: Option<String>,
}

/// The stages of the target model by number, 1 to 7 ([`STAGE_TITLES`]):
/// the one place their count is stated.
pub const STAGE_NUMBERS: std::ops::RangeInclusive<u8> = 1..=STAGE_TITLES.len() as u8;

/// The 7 stages of the target model (Р-145, domain.md), index = stage − 1:
/// the titles rules report under and documents print.
pub const STAGE_TITLES: [&str; 7] = [
    "Подготовка условий для запуска программы наставничества",
    "Формирование базы наставляемых",
    "Формирование базы наставников",
    "Отбор и обучение наставников",
    "Формирование наставнических пар / групп",
    "Организация работы наставнических пар / групп",
    "Завершение наставничества",
];

/// Form of mentoring (Р-145, п. 1.5; seed 002 for «педагог – обучающийся»,
/// seed 004 for «студент – студент», the variation of «ученик – ученик»
/// colleges use).
/// Serialised as the Russian name with an en dash.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Form {
    #[serde(rename = "ученик – ученик")]
    PupilPupil,
    #[serde(rename = "учитель – учитель")]
    TeacherTeacher,
    #[serde(rename = "студент – ученик")]
    StudentPupil,
    #[serde(rename = "работодатель – ученик")]
    EmployerPupil,
    #[serde(rename = "работодатель – студент")]
    EmployerStudent,
    #[serde(rename = "педагог – обучающийся")]
    EducatorLearner,
    #[serde(rename = "студент – студент")]
    StudentStudent,
}

impl Form {
    pub const ALL: [Form; 7] = [
        Form::PupilPupil,
        Form::TeacherTeacher,
        Form::StudentPupil,
        Form::EmployerPupil,
        Form::EmployerStudent,
        Form::EducatorLearner,
        Form::StudentStudent,
    ];

    /// The canonical Russian name, `ученик – ученик`.
    pub fn name(self) -> &'static str {
        match self {
            Form::PupilPupil => "ученик – ученик",
            Form::TeacherTeacher => "учитель – учитель",
            Form::StudentPupil => "студент – ученик",
            Form::EmployerPupil => "работодатель – ученик",
            Form::EmployerStudent => "работодатель – студент",
            Form::EducatorLearner => "педагог – обучающийся",
            Form::StudentStudent => "студент – студент",
        }
    }

    /// Reads a form as people type it: any case, any dash or hyphen, any spacing.
    pub fn parse(text: &str) -> Option<Form> {
        let key = crate::text::form_key(text);
        Form::ALL
            .into_iter()
            .find(|f| crate::text::form_key(f.name()) == key)
    }
}

impl std::fmt::Display for Form {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// Category of a mentor, as in the «Категория» column.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq)]
pub enum MentorCategory {
    #[serde(rename = "педагог")]
    Educator,
    #[serde(rename = "обучающийся")]
    Pupil,
    #[serde(rename = "студент")]
    Student,
    #[serde(rename = "работодатель")]
    Employer,
}

impl MentorCategory {
    /// The category as the tables and the documents spell it: «педагог».
    pub fn name(self) -> &'static str {
        match self {
            MentorCategory::Educator => "педагог",
            MentorCategory::Pupil => "обучающийся",
            MentorCategory::Student => "студент",
            MentorCategory::Employer => "работодатель",
        }
    }
}

/// Category of a mentee.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq)]
pub enum MenteeCategory {
    #[serde(rename = "обучающийся")]
    Pupil,
    #[serde(rename = "педагог")]
    Educator,
    #[serde(rename = "студент")]
    Student,
}

impl MenteeCategory {
    /// The category as the tables and the documents spell it: «обучающийся».
    pub fn name(self) -> &'static str {
        match self {
            MenteeCategory::Pupil => "обучающийся",
            MenteeCategory::Educator => "педагог",
            MenteeCategory::Student => "студент",
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Mentor {
    /// Full name, trimmed, inner spaces collapsed: «Иванова Мария Петровна».
    pub name: String,
    pub category: MentorCategory,
    /// «Должность или класс».
    pub position: Option<String>,
    /// External organisation (employer, university); empty for our own staff.
    pub organisation: Option<String>,
    /// For a pupil or a student mentor: whether they sign their consent
    /// themselves or a parent does ([`crate::render::catalogue::minor_mentor`]).
    #[serde(default)]
    pub birth_date: Option<NaiveDate>,
    /// Experience, years.
    pub experience: Option<f64>,
    /// Consent to personal data processing (152-ФЗ).
    pub consent_pd: Option<bool>,
    /// Written consent to be a mentor (ТК РФ ст. 351.8), employees only.
    pub consent_mentoring: Option<bool>,
    /// Additional agreement to the employment contract, as typed («№ 12 от 01.09.2025»).
    pub agreement: Option<String>,
    /// Extra pay for mentoring, as typed («10 % ставки заработной платы»).
    pub pay: Option<String>,
    /// The employment contract, as typed («№ 27 от 01.09.2019»): cited by
    /// the additional agreement ([`crate::docref`]).
    #[serde(default)]
    pub employment_contract: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
    /// A member of the organisation's staff: a «педагог» with no outside organisation.
    pub employee: bool,
    /// A student mentor's group, course, specialty from their own columns.
    #[serde(default)]
    pub study: Study,
    /// Full years on the start of the mentor's first pair (the programme's
    /// start when in none), when the birth date is known
    /// (`load::groups::ages_at_start`).
    #[serde(default)]
    pub age: Option<u32>,
    /// A learner mentor whose consent a parent signs: a pupil, or the
    /// organisation's own student under 18 at the start of the first pair
    /// (`load::groups::ages_at_start`, the one place it is decided; the
    /// catalogue and the consent rules read it).
    #[serde(default)]
    pub minor: bool,
    pub source: RowSource,
}

/// A learner's group, course and specialty or profession as a college
/// types them in separate columns («Группа», «Курс», «Специальность»,
/// «Профессия»); all empty when the table has them in one column
/// («Группа / курс»: `Mentee::class_or_position`, `Mentor::position`).
/// Printed beside the name in the kind's words
/// (`render::kinds::study_phrase`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Study {
    #[serde(default)]
    pub group: Option<String>,
    /// 1–6 ([`crate::ingest::people::COURSES`]).
    #[serde(default)]
    pub course: Option<u8>,
    /// «15.02.16 Технология машиностроения».
    #[serde(default)]
    pub specialty: Option<String>,
    /// «15.01.05 Сварщик (ручной и частично механизированной сварки (наплавки))».
    #[serde(default)]
    pub profession: Option<String>,
}

impl Study {
    pub fn is_empty(&self) -> bool {
        *self == Study::default()
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Mentee {
    pub name: String,
    pub category: MenteeCategory,
    /// «Класс или должность».
    pub class_or_position: Option<String>,
    pub birth_date: Option<NaiveDate>,
    /// Full years on the start of the mentee's first pair (the programme's
    /// start when in none), when the birth date is known: the age at which
    /// a consent is given (`load::groups::ages_at_start`).
    pub age: Option<u32>,
    pub experience: Option<f64>,
    /// «Запрос»: what the mentee asks help with.
    pub request: Option<String>,
    /// Consent to personal data processing; for a minor, the parent's.
    pub consent_pd: Option<bool>,
    /// A student's group, course, specialty from their own columns.
    #[serde(default)]
    pub study: Study,
    pub source: RowSource,
}

impl Mentee {
    /// A minor of 14 and over signs the consent beside the parent (common
    /// practice: ГК РФ ст. 26 gives a minor of 14 a will of their own).
    pub fn signs_too(&self) -> bool {
        self.age.is_some_and(|a| (14..18).contains(&a))
    }
}

/// One row of the «Пары» sheet.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Pair {
    pub mentor: String,
    pub mentee: String,
    pub form: Form,
    pub role_model: Option<String>,
    pub start: NaiveDate,
    pub end: Option<NaiveDate>,
    /// Id of the pair or group this row belongs to (`001`).
    pub group: String,
    pub source: RowSource,
}

/// A pair (one mentee) or a group (several) under one mentor in one form.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Group {
    /// `001`, `002`, … in order of first appearance in the «Пары» sheet.
    pub id: String,
    pub mentor: String,
    pub form: Form,
    pub mentees: Vec<String>,
    pub role_model: Option<String>,
    pub start: NaiveDate,
    pub end: Option<NaiveDate>,
    /// Rows of the «Пары» sheet that make it up.
    pub rows: Vec<RowSource>,
}

impl Group {
    pub fn is_group(&self) -> bool {
        self.mentees.len() > 1
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct RoadmapEvent {
    /// Stage 1–7.
    pub stage: u8,
    pub title: String,
    pub responsible: String,
    /// «Срок» as typed: a date, a month, «в течение года».
    pub deadline: String,
    /// The deadline as a date when it is one.
    pub deadline_date: Option<NaiveDate>,
    pub result: Option<String>,
    /// «Отметка о выполнении» as typed.
    pub done_mark: Option<String>,
    /// The mark read as yes/no where it is one («выполнено», «да», «+»).
    pub done: Option<bool>,
    pub source: RowSource,
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq, PartialOrd, Ord)]
pub enum SurveyRole {
    #[serde(rename = "наставник")]
    Mentor,
    #[serde(rename = "наставляемый")]
    Mentee,
}

#[derive(Debug, Clone, Serialize, Deserialize, Default)]
pub struct Survey {
    /// Question columns, in sheet order.
    pub questions: Vec<String>,
    pub responses: Vec<SurveyResponse>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SurveyResponse {
    pub respondent: Option<String>,
    pub role: SurveyRole,
    /// Monitoring phase: 1 (process quality) or 2 (influence on participants).
    pub phase: u8,
    /// One score 1–10 per question (same order as `Survey::questions`); blank is `None`.
    pub scores: Vec<Option<u8>>,
    pub source: RowSource,
}
