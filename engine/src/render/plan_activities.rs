//! What a pair or group does month by month, for its individual plan.
//!
//! The work follows from the mentee's request, the form and the role
//! model (a teacher's adaptation, a pupil's academic help, drawing a
//! passive pupil in, a joint project, a student's subject help, an
//! employer's career guidance). What the request asks comes right after
//! the track's opening (the diagnosis, the introduction, the safety
//! briefing) and before the rest of the track: each theme it names (`THEMES`: a demonstration exam, a debt, discipline at a
//! lesson, a choice of practice…) is an activity of its own, and a pair's
//! first one quotes the request, so two mentees asking different things
//! never get the same plan. Every part of every mentee's request is
//! answered (a group's plan left half its mentees' requests out, a
//! reviewer found): when they ask more than half the months hold, their
//! activities share rows, none is dropped; a group's plan names themes,
//! never a child's request. Adaptation comes first among them, and a
//! project worked on to a preliminary defence is defended later, before
//! the track's culmination. Each activity is planned once, over a span of
//! months, with its result: a plan that printed the same monthly topics in
//! October and again in February was the complaint (issue 11). The first
//! month is for getting acquainted and the plan, the last for summing up.
//! An enterprise's work with learners happens there only under a contract
//! on practical training, after a safety briefing ([`Venue`]).

use crate::model::Form;
use serde_json::{json, Value};

/// The line of work of a pair or group, named for the templates
/// (`group.track`): they choose the goals and tasks by it.
pub fn track(form: Form, role_model: Option<&str>) -> &'static str {
    let model = role_model.map(crate::text::key).unwrap_or_default();
    let passive = model.contains("пассив") || model.contains("равнодуш");
    match form {
        Form::TeacherTeacher => "teacher",
        Form::EmployerPupil | Form::EmployerStudent => "profession",
        Form::StudentPupil if model.contains("неуспева") => "academic",
        Form::StudentPupil if passive => "involvement",
        Form::StudentPupil if model.contains("проект") => "project",
        Form::StudentPupil => "subject",
        Form::PupilPupil | Form::StudentStudent | Form::EducatorLearner
            if model.contains("неуспева") =>
        {
            "academic"
        }
        Form::PupilPupil | Form::StudentStudent | Form::EducatorLearner if passive => "involvement",
        Form::PupilPupil | Form::StudentStudent | Form::EducatorLearner => "project",
    }
}

/// The line of work in neutral words, printed where a role model would
/// stand beside named people (the pairs order, a plan): «лидер –
/// пассивный» or «активный профессионал – равнодушный потребитель» label
/// the mentee, «вовлечение в деятельность» does not. The role model itself
/// is the methodology's, printed in the regulation only. In the kind's
/// words: `{kind.…}` is filled by [`crate::render::kinds::fill`].
pub fn direction(track: &str) -> &'static str {
    match track {
        "teacher" => "профессиональное становление педагога",
        "academic" => "помощь в учёбе",
        "involvement" => "вовлечение в деятельность",
        "project" => "совместный проект",
        "subject" => "углублённое изучение {kind.subject.gen}",
        _ => "профессиональное самоопределение",
    }
}

/// Where the profession track's work happens.
#[derive(Debug, Clone, Copy)]
pub enum Venue<'a> {
    /// At the organisation: no contract on practical training in force,
    /// so the learners are not sent to the enterprise.
    Organisation,
    /// At the enterprise `name` (its short name), under the contract on
    /// practical training of `date` № `number`, after a safety briefing.
    Enterprise {
        name: &'a str,
        number: &'a str,
        date: chrono::NaiveDate,
    },
}

impl Venue<'_> {
    /// «по договору о практической подготовке обучающихся от 15.09.2025 № ПП-14/25».
    fn contract(&self) -> String {
        let Venue::Enterprise { number, date, .. } = self else {
            return String::new();
        };
        let number = number.trim();
        let date = crate::russian::date_short(*date);
        format!("по договору о практической подготовке обучающихся от {date} №\u{a0}{number}")
    }
}

/// The mentee as the activities name them: `gen` and `ins` («наставляемой»,
/// «наставляемым», «наставляемых»), `poss` («его», «её», «их»); the
/// context chooses them by the mentee's gender and the group's size.
#[derive(Debug, Clone, Copy)]
pub struct Mentee<'a> {
    pub gen: &'a str,
    pub ins: &'a str,
    pub poss: &'a str,
    /// The words of the organisation's kind (`{kind.KEY.CASE}`).
    pub kind: &'a Value,
}

impl Mentee<'_> {
    /// An activity's text with `{gen}`, `{ins}`, `{poss}` and the kind's
    /// words filled in.
    fn fill(&self, text: &str) -> String {
        super::kinds::fill(text, self.kind)
            .replace("{gen}", self.gen)
            .replace("{ins}", self.ins)
            .replace("{poss}", self.poss)
    }

    /// `fill`, and the enterprise and its contract of `venue`.
    fn fill_at(&self, text: &str, venue: &Venue) -> String {
        let text = self.fill(text);
        match venue {
            Venue::Enterprise { name, .. } => text
                .replace("{enterprise}", name)
                .replace("{contract}", &venue.contract()),
            Venue::Organisation => text,
        }
    }
}

/// Content and result of each activity of a track, in the order done;
/// `{gen}`, `{ins}`, `{poss}` stand for the mentee ([`Mentee`]).
fn list(track: &str) -> &'static [(&'static str, &'static str)] {
    match track {
        "teacher" => &[
            ("Изучение нормативных документов и локальных актов организации, {kind.teacher_documents}", "{kind.teacher_documents_done}"),
            ("Посещение {ins} {kind.lesson.pl_gen} наставника, разбор приёмов организации {kind.lesson.gen} и работы с {kind.group.ins}", "отобраны приёмы для своих {kind.lesson.pl_gen}"),
            ("Проектирование {kind.lesson.pl_gen} {ins}, посещение и совместный анализ {poss} {kind.lesson.pl_gen}", "{kind.lesson_plans}, анализ посещённых {kind.lesson.pl_gen}"),
            ("Практика {kind.parents_work}: дисциплина на {kind.lesson.loc}, трудные ситуации, подготовка {kind.parents_meeting.gen}", "{kind.parents_meeting.done}"),
            ("Оценивание результатов обучающихся, подготовка к {kind.tests_work}", "подготовлены материалы для оценивания"),
            ("Подготовка и проведение {kind.open_lesson.gen}, самоанализ", "{kind.open_lesson.done}"),
            ("Участие в работе {kind.methodical.gen}, представление своего опыта", "выступление на заседании {kind.methodical.gen}"),
        ],
        "academic" => &[
            ("Выявление затруднений в освоении {kind.subjects_gen}, выбор тем для совместной проработки", "перечень тем для проработки"),
            ("Совместная проработка трудных тем, {kind.homework}", "пробелы по выбранным темам устранены"),
            ("Приёмы самоорганизации: планирование учёбы и подготовки к {kind.lesson.pl_dat}", "составлен и соблюдается график подготовки"),
            ("Подготовка к {kind.tests_work}", "{kind.tests_done}"),
            ("Участие в {kind.subject_week}", "{kind.subject_week_result}"),
        ],
        "involvement" => &[
            ("Знакомство с жизнью {kind.org_life.gen}: {kind.activities_intro}", "{kind.interest_choice}"),
            ("Совместная подготовка {kind.event.gen}", "мероприятие проведено с участием {gen}"),
            ("Тренировка общения и выступления перед группой", "выступление {gen} перед {kind.group.ins}"),
            ("Участие в социальном проекте или волонтёрской акции", "участие в акции (проекте)"),
            ("Собственная инициатива {gen} при поддержке наставника", "инициатива представлена {kind.group.dat}"),
        ],
        "project" => &[
            ("Выбор темы совместного проекта, распределение ролей", "тема и план проекта"),
            ("Сбор материала и работа над проектом", "материалы проекта"),
            ("Обмен навыками и опытом, {kind.mutual_help}", "освоенные навыки"),
            ("Подготовка презентации проекта", "презентация проекта"),
            ("Защита проекта {kind.conference.loc}", "проект защищён"),
        ],
        "subject" => &[
            ("Определение образовательных целей, проверка знаний по {kind.subject.dat}", "план подготовки"),
            ("Занятия по трудным темам, {kind.contest_tasks}", "решённые задания, устранённые пробелы"),
            ("Знакомство с вузом: день открытых дверей, лаборатории, студенческие проекты", "посещение вуза"),
            ("Пробная работа или олимпиада, разбор результатов", "результаты пробной работы"),
            ("{kind.profile_step.content}", "{kind.profile_step.result}"),
        ],
        _ => &[
            ("Знакомство с предприятием наставника и профессиями отрасли: рассказ наставника, фото- и видеоматериалы, образцы продукции", "знакомство с предприятием и профессиями состоялось"),
            ("Практические задания по профессии под руководством наставника на встречах в образовательной организации", "выполнены практические задания"),
            ("Мини-проект по реальной задаче предприятия", "выполнен мини-проект"),
            ("Требования профессии: {kind.profession_path}", "составлен план образовательной траектории"),
            ("Представление проекта наставнику и специалистам предприятия в образовательной организации", "проект представлен"),
        ],
    }
}

/// The profession track at the enterprise, under a contract on practical
/// training ([`Venue::Enterprise`]): `{enterprise}`, `{contract}`.
const AT_ENTERPRISE: &[(&str, &str)] = &[
    ("Инструктаж по охране труда, знакомство с {enterprise} и профессиями отрасли, экскурсия на производство", "инструктаж проведён, экскурсия проведена"),
    ("Профессиональные пробы на рабочем месте в {enterprise} под руководством наставника {contract}, после инструктажа по охране труда", "пройдены профессиональные пробы"),
    ("Мини-проект по реальной задаче предприятия", "выполнен мини-проект"),
    ("Требования профессии: {kind.profession_path}", "составлен план образовательной траектории"),
    ("Представление проекта специалистам предприятия", "проект представлен"),
];

/// A theme a request may name: the words that name it (lower case, `ё`
/// as `е`, parts of words), whether it is a teacher's (the teacher
/// track) or a learner's, its title, what is done and its result.
struct Theme {
    words: &'static [&'static str],
    /// Words that give the request to another theme: «демонстрационному
    /// экзамену» is not also an exam of school.
    unless: &'static [&'static str],
    teacher: bool,
    /// Where its activity comes in the work.
    stage: Stage,
    /// What crowns it later, when the track does not: the defence after a
    /// project's preliminary defence (the project track ends in one).
    then: Option<(&'static str, &'static str)>,
    title: &'static str,
    work: &'static str,
    result: &'static str,
}

/// The themes of requests, in the order their activities come.
const THEMES: &[Theme] = &[
    Theme { words: &["демонстрационн", "демоэкзамен"], unless: &[], teacher: false, stage: Stage::Work, then: None,
        title: "Подготовка к демонстрационному экзамену",
        work: "разбор заданий и критериев оценки, отработка модулей под руководством наставника",
        result: "выполнено пробное задание демонстрационного экзамена" },
    Theme { words: &["огэ", "егэ", "экзамен"], unless: &["демонстрационн", "демоэкзамен"], teacher: false, stage: Stage::Work, then: None,
        title: "Подготовка к экзамену",
        work: "разбор заданий прошлых лет и критериев оценки, пробная работа",
        result: "пробная работа выполнена, ошибки разобраны" },
    Theme { words: &["олимпиад", "чемпионат"], unless: &[], teacher: false, stage: Stage::Work, then: None,
        title: "Подготовка к олимпиаде",
        work: "разбор заданий прошлых лет, тренировочные задания с разбором",
        result: "тренировочные задания олимпиады выполнены" },
    Theme { words: &["конкурс", "выставк", "фестивал"], unless: &[], teacher: false, stage: Stage::Work, then: None,
        title: "Подготовка работы к конкурсу (выставке)",
        work: "выбор идеи, исполнение, оформление и представление работы",
        result: "работа подготовлена и представлена" },
    Theme { words: &["задолженн", "неуспева", "отстава", "пробел", "помощь в освоении", "трудности с", "затруднени"], unless: &[], teacher: false, stage: Stage::Work, then: None,
        title: "Устранение затруднений в учёбе",
        work: "выявление пробелов, совместная проработка тем, график сдачи работ",
        result: "пробелы устранены, работы сданы в срок" },
    Theme { words: &["адаптац", "знакомств", "общежит"], unless: &[], teacher: false, stage: Stage::Opening, then: None,
        title: "Адаптация к новым условиям",
        work: "знакомство с правилами, людьми и возможностями {kind.org_life.gen}, помощь в трудных ситуациях",
        result: "трудности адаптации сняты" },
    Theme { words: &["пассив", "не участву", "вовлеч"], unless: &[], teacher: false, stage: Stage::Work, then: None,
        title: "Вовлечение в общие дела",
        work: "выбор дела по интересам, первое поручение при поддержке наставника",
        result: "выбрано дело по интересам, выполнено первое поручение" },
    Theme { words: &["выступлен", "неуверенн", "сцен", "публичн"], unless: &[], teacher: false, stage: Stage::Work, then: None,
        title: "Тренировка выступлений",
        work: "подготовка короткого выступления, репетиции, разбор с наставником",
        result: "выступление подготовлено и проведено" },
    Theme { words: &["проект", "курсов"], unless: &[], teacher: false, stage: Stage::Work,
        then: Some(("Защита проекта: итоговая защита с учётом замечаний предварительной защиты", "проект защищён")),
        title: "Работа над проектом",
        work: "план работы, консультации наставника по этапам, предварительная защита",
        result: "проект выполнен по плану" },
    Theme { words: &["чертеж", "черчени"], unless: &[], teacher: false, stage: Stage::Work, then: None,
        title: "Работа с чертежом",
        work: "чтение и выполнение чертежей и эскизов по заданиям, разбор ошибок с наставником",
        result: "чертежи (эскизы) выполнены по заданию" },
    Theme { words: &["практик", "предприят"], unless: &[], teacher: false, stage: Stage::Work, then: None,
        title: "Выбор места практики",
        work: "требования предприятий к практикантам, подготовка резюме и собеседования",
        result: "выбрано место практики" },
    Theme { words: &["выбор направлени", "выбор професси", "выбор профил", "выбор колледж", "выбор вуз", "самоопредел", "выбор дальнейш", "траектор", "профориент"], unless: &[], teacher: false, stage: Stage::Work, then: None,
        title: "Выбор дальнейшей траектории",
        work: "интересы и возможности, беседы о профессиях и направлениях обучения",
        result: "составлен личный план дальнейшего обучения" },
    Theme { words: &["журнал", "документац", "рабочая программа", "рабочей программ", "общеобразовательная программа"], unless: &[], teacher: true, stage: Stage::Work, then: None,
        title: "Ведение документации",
        work: "требования к журналу и программе, разбор образцов наставника, проверка своих записей",
        result: "документация ведётся без замечаний" },
    Theme { words: &["дисциплина на", "дисциплины на", "дисциплиной", "поддержани", "поведени"], unless: &[], teacher: true, stage: Stage::Work, then: None,
        title: "Дисциплина на {kind.lesson.loc}",
        work: "приёмы управления {kind.group.ins}, разбор трудных ситуаций с наставником",
        result: "отобраны и опробованы приёмы поддержания дисциплины" },
    Theme { words: &["демонстрационн", "демоэкзамен", "экзамен"], unless: &[], teacher: true, stage: Stage::Work, then: None,
        title: "Подготовка {kind.learner.pl_gen} к экзамену",
        work: "требования и критерии оценки, план подготовки, пробное задание",
        result: "составлен и выполняется план подготовки" },
    Theme { words: &["конкурс", "выставк"], unless: &[], teacher: true, stage: Stage::Work, then: None,
        title: "Подготовка {kind.learner.pl_gen} к конкурсам и выставкам",
        work: "выбор конкурсов, план подготовки, разбор работ с наставником",
        result: "работы подготовлены к конкурсу (выставке)" },
    Theme { words: &["практик", "мастерск"], unless: &[], teacher: true, stage: Stage::Work, then: None,
        title: "Организация практического обучения",
        work: "план практики, рабочие места, разбор занятий наставника",
        result: "составлен план практического обучения" },
    Theme { words: &["охран", "безопасн"], unless: &[], teacher: true, stage: Stage::Work, then: None,
        title: "Охрана труда на занятиях",
        work: "инструкции по охране труда, проведение и оформление инструктажей",
        result: "инструктажи проводятся и оформляются по требованиям" },
    Theme { words: &["родител"], unless: &[], teacher: true, stage: Stage::Work, then: None,
        title: "Работа с родителями",
        work: "подготовка к встречам и беседам, разбор трудных разговоров с наставником",
        result: "проведены встречи с родителями" },
    Theme { words: &["удержан", "мотивац"], unless: &[], teacher: true, stage: Stage::Work, then: None,
        title: "Интерес {kind.learner.pl_gen} к занятиям",
        work: "приёмы поддержания интереса и удержания {kind.learner.pl_gen}, разбор с наставником",
        result: "опробованы приёмы поддержания интереса" },
    Theme { words: &["коллектив"], unless: &[], teacher: true, stage: Stage::Opening, then: None,
        title: "Вхождение в коллектив",
        work: "знакомство с коллегами, традициями и правилами организации, участие в общих делах",
        result: "установлены рабочие связи с коллегами" },
];

/// Where an activity asked by a request comes in the work.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Stage {
    /// Getting used to the new place (adaptation, joining the staff):
    /// right after the track's opening.
    Opening,
    /// The work asked, in the order of the requests.
    Work,
    /// What crowns work asked (a project's defence): just before the
    /// track's culmination.
    Finale,
}

/// An activity asked by a request: `title`, `work` and `result` filled
/// in; `part` is the part of the request («работа с чертежом») when no
/// theme names it.
struct Asked {
    title: String,
    work: String,
    result: String,
    stage: Stage,
    part: Option<String>,
}

/// The themes a request names, in [`THEMES`] order.
fn themes(request: &str, teacher: bool) -> impl Iterator<Item = &'static Theme> {
    let text = request.to_lowercase().replace('ё', "е");
    THEMES.iter().filter(move |t| {
        t.teacher == teacher
            && t.words.iter().any(|w| text.contains(w))
            && !t.unless.iter().any(|w| text.contains(w))
    })
}

/// What no theme names is worked on as it is asked.
const OWN_WORK: &str =
    "беседы с наставником, подбор заданий и материалов, проба и обсуждение результата";
const OWN_RESULT: &str = "тема проработана, намечены дальнейшие шаги";

/// The activities the requests ask for, rows `(content, result, stage)`:
/// every part of every request (split at commas and semicolons) is
/// answered, by the themes it names or, when it names none, by work on
/// it as a theme of its own (a pair's «Работа по теме «…»», a group's
/// «Работа по индивидуальным запросам наставляемых»). A pair's first
/// activity quotes its request; a group's quote no one child's request
/// in a plan several families sign, they name its themes.
/// Openings (adaptation) first, then the work asked in the order of the
/// requests, then what crowns it (a project's defence, unless the track
/// ends in one).
fn from_requests(
    track: &str,
    is_group: bool,
    mentee: &Mentee,
    requests: &[&str],
) -> Vec<(String, String, Stage)> {
    let teacher = track == "teacher";
    let mut asked: Vec<Asked> = Vec::new();
    let add = |a: Asked, asked: &mut Vec<Asked>| {
        if !asked.iter().any(|b| b.title == a.title) {
            asked.push(a);
        }
    };
    for request in requests.iter().map(|r| r.trim()).filter(|r| !r.is_empty()) {
        let parts = request
            .split([',', ';'])
            .map(str::trim)
            .filter(|p| !p.is_empty());
        for part in parts {
            let mut named = false;
            for t in themes(part, teacher) {
                named = true;
                add(
                    Asked {
                        title: mentee.fill(t.title),
                        work: mentee.fill(t.work),
                        result: mentee.fill(t.result),
                        stage: t.stage,
                        part: None,
                    },
                    &mut asked,
                );
                if let (Some((work, result)), false) = (t.then, track == "project") {
                    let (title, work) = work.split_once(": ").unwrap_or((work, ""));
                    add(
                        Asked {
                            title: title.to_owned(),
                            work: work.to_owned(),
                            result: result.to_owned(),
                            stage: Stage::Finale,
                            part: None,
                        },
                        &mut asked,
                    );
                }
            }
            if !named {
                // A group's plan names no child's request: what no theme
                // names is one activity on the mentees' own requests.
                let title = if is_group {
                    "Работа по индивидуальным запросам наставляемых".to_owned()
                } else {
                    format!("Работа по теме {}", crate::russian::quote(part))
                };
                add(
                    Asked {
                        title,
                        work: OWN_WORK.to_owned(),
                        result: OWN_RESULT.to_owned(),
                        stage: Stage::Work,
                        part: Some(part.to_owned()),
                    },
                    &mut asked,
                );
            }
        }
    }
    asked.sort_by_key(|a| a.stage);
    let request = requests.iter().map(|r| r.trim()).find(|r| !r.is_empty());
    asked
        .into_iter()
        .enumerate()
        .map(|(i, a)| {
            let content = match (i, is_group, request, &a.part) {
                (0, false, Some(r), Some(_)) => format!(
                    "Работа по запросу {} ({}): {}",
                    mentee.gen,
                    crate::russian::quote(r),
                    a.work
                ),
                (0, false, Some(r), None) => format!(
                    "{} по запросу {} ({}): {}",
                    a.title,
                    mentee.gen,
                    crate::russian::quote(r),
                    a.work
                ),
                _ => format!("{}: {}", a.title, a.work),
            };
            (content, a.result, a.stage)
        })
        .collect()
}

/// The activities asked merged into at most `most` rows, so that every
/// request is answered within the months there are: consecutive ones
/// share a row, as evenly as they go; a merged row keeps its first one's
/// stage.
fn merge(asked: Vec<(String, String, Stage)>, most: usize) -> Vec<(String, String, Stage)> {
    let (n, m) = (asked.len(), most.max(1));
    if n <= m {
        return asked;
    }
    let mut rows: Vec<(String, String, Stage)> = Vec::with_capacity(m);
    for (i, (content, result, stage)) in asked.into_iter().enumerate() {
        let started = rows.len() > i * m / n;
        match rows.last_mut() {
            Some(row) if started => {
                row.0 = format!("{}. {}", row.0, content);
                row.1 = format!("{}; {}", row.1, result);
            }
            _ => rows.push((content, result, stage)),
        }
    }
    rows
}

/// The plan's rows: `period` («октябрь 2025», «ноябрь – декабрь 2025»),
/// `content`, `result`, `first` / `last`. `months` are the months of the
/// pair's term with their years, `(name, year)`; `mentee` names the
/// mentee (or the group's mentees). `final_event` is the index in `months`
/// of the month of the programme's final event, when the term holds it:
/// the summing up and the preparation for the event fall in that month,
/// and the months after it only close the work (nothing is prepared for
/// an event already held).
pub fn activities(
    track: &str,
    is_group: bool,
    mentee: Mentee,
    requests: &[&str],
    venue: Venue,
    months: &[(&str, i32)],
    final_event: Option<usize>,
) -> Vec<Value> {
    let total = months.len();
    let mut rows = Vec::new();
    if total == 0 {
        return rows;
    }
    let summing = match final_event {
        Some(e) if e >= 1 && e < total => e,
        _ => total - 1,
    };
    let whose = if is_group {
        "общих целей группы".to_owned()
    } else {
        format!("запроса и целей {}", mentee.gen)
    };
    rows.push(json!({
        "period": span(months, 0, 1),
        "content": format!("Знакомство, уточнение {whose}, составление и согласование индивидуального плана"),
        "result": "индивидуальный план согласован с куратором",
        "first": true,
        "last": false,
    }));
    let middle = summing.saturating_sub(1);
    let own: Vec<(String, String)> = match (track, venue) {
        ("profession", Venue::Enterprise { .. }) => AT_ENTERPRISE,
        _ => list(track),
    }
    .iter()
    .map(|(c, r)| (mentee.fill_at(c, &venue), mentee.fill_at(r, &venue)))
    .collect();
    let asked = from_requests(track, is_group, &mentee, requests);
    if middle > 0 {
        // Each activity once, over a span of months, in the order the
        // work goes: the track's opening (what diagnoses or introduces:
        // the difficulties found, the documents studied, the enterprise's
        // safety briefing), then what the requests ask (adaptation first),
        // then the rest of the track; what crowns the work asked (a
        // project's defence after its preliminary one) and the track's
        // culmination (an exhibition, a defence, a talk) last. The
        // requests take at most half the months, merged into fewer rows
        // when they ask more: every one is answered. With fewer months
        // than activities: the requests' first, then the track's first steps
        // and its culmination.
        let asked = merge(asked, middle.div_ceil(2));
        let asked_n = asked.len();
        let own_n = own.len().min(middle - asked_n);
        // Short of months: the track's first steps in order (its opening
        // and what it is about: the enterprise's trials follow its safety
        // briefing) and its culmination; the steps between give way.
        let picks: Vec<usize> = (0..own_n)
            .map(|i| if i + 1 == own_n { own.len() - 1 } else { i })
            .collect();
        let opening = picks
            .first()
            .filter(|p| **p == 0 && own_n > 1)
            .map(|p| &own[*p]);
        let culmination = picks
            .last()
            .filter(|p| **p + 1 == own.len())
            .map(|p| &own[*p]);
        let mut work: Vec<(&String, &String)> = opening.map(|(c, r)| (c, r)).into_iter().collect();
        let finale = |a: &&(String, String, Stage)| a.2 == Stage::Finale;
        work.extend(asked.iter().filter(|a| !finale(a)).map(|(c, r, _)| (c, r)));
        work.extend(
            picks
                .iter()
                .skip(usize::from(opening.is_some()))
                .filter(|p| **p + 1 != own.len())
                .map(|p| (&own[*p].0, &own[*p].1)),
        );
        work.extend(asked.iter().filter(finale).map(|(c, r, _)| (c, r)));
        work.extend(culmination.map(|(c, r)| (c, r)));
        let n = work.len();
        for (i, (content, result)) in work.into_iter().enumerate() {
            let (from, to) = (1 + i * middle / n, 1 + (i + 1) * middle / n);
            rows.push(json!({
                "period": span(months, from, to),
                "content": content,
                "result": result,
                "first": false,
                "last": false,
            }));
        }
    }
    if total > 1 {
        let after = summing + 1 < total;
        rows.push(json!({
            "period": span(months, summing, summing + 1),
            "content": "Подведение итогов: оценка достижения целей, анкетирование, подготовка к итоговому мероприятию программы",
            "result": "итоговая оценка работы, выступление на итоговом мероприятии",
            "first": false,
            "last": !after,
        }));
        if after {
            rows.push(json!({
                "period": span(months, summing + 1, total),
                "content": "Завершение работы: обсуждение итогового мероприятия, самооценка достигнутого, планы дальнейшей работы",
                "result": "отзыв наставника, заключение куратора",
                "first": false,
                "last": true,
            }));
        }
    }
    rows
}

/// Months `from..to` as a period: «октябрь 2025», «ноябрь – декабрь 2025»,
/// «декабрь 2025 – январь 2026».
fn span(months: &[(&str, i32)], from: usize, to: usize) -> String {
    let (Some(a), Some(b)) = (months.get(from), months.get(to.saturating_sub(1))) else {
        return String::new();
    };
    if to <= from + 1 {
        format!("{} {}", a.0, a.1)
    } else if a.1 == b.1 {
        format!("{} – {} {}", a.0, b.0, b.1)
    } else {
        format!("{} {} – {} {}", a.0, a.1, b.0, b.1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const YEAR: [(&str, i32); 10] = [
        ("сентябрь", 2025),
        ("октябрь", 2025),
        ("ноябрь", 2025),
        ("декабрь", 2025),
        ("январь", 2026),
        ("февраль", 2026),
        ("март", 2026),
        ("апрель", 2026),
        ("май", 2026),
        ("июнь", 2026),
    ];

    #[test]
    fn no_activity_repeats_and_every_month_is_covered() {
        for track in [
            "teacher",
            "academic",
            "involvement",
            "project",
            "subject",
            "profession",
        ] {
            let rows = activities(track, false, HE(), &[], Venue::Organisation, &YEAR, None);
            let contents: Vec<&str> = rows.iter().filter_map(|r| r["content"].as_str()).collect();
            let mut unique = contents.clone();
            unique.sort_unstable();
            unique.dedup();
            assert_eq!(unique.len(), contents.len(), "{track}: {contents:?}");
            assert_eq!(rows[0]["period"], "сентябрь 2025");
            assert_eq!(
                rows.last().map(|r| r["period"].clone()),
                Some(json!("июнь 2026"))
            );
        }
        // Eight working months over five activities: spans cross the year.
        let rows = activities(
            "project",
            true,
            THEY(),
            &[],
            Venue::Organisation,
            &YEAR,
            None,
        );
        let periods: Vec<&str> = rows.iter().filter_map(|r| r["period"].as_str()).collect();
        assert_eq!(
            periods,
            [
                "сентябрь 2025",
                "октябрь 2025",
                "ноябрь – декабрь 2025",
                "январь 2026",
                "февраль – март 2026",
                "апрель – май 2026",
                "июнь 2026"
            ]
        );
    }

    fn words(kind: crate::model::OrgKind) -> &'static Value {
        static KINDS: std::sync::OnceLock<crate::render::kinds::Kinds> = std::sync::OnceLock::new();
        KINDS
            .get_or_init(crate::render::kinds::Kinds::base)
            .of_kind(kind)
    }

    fn school() -> &'static Value {
        words(crate::model::OrgKind::School)
    }

    #[allow(non_snake_case)]
    fn HE() -> Mentee<'static> {
        Mentee {
            gen: "наставляемого",
            ins: "наставляемым",
            poss: "его",
            kind: school(),
        }
    }

    #[allow(non_snake_case)]
    fn THEY() -> Mentee<'static> {
        Mentee {
            gen: "наставляемых",
            ins: "наставляемыми",
            poss: "их",
            kind: school(),
        }
    }

    #[test]
    fn a_college_plan_speaks_of_its_groups_and_lessons() {
        let college = words(crate::model::OrgKind::College);
        let mut text = String::new();
        for track in ["teacher", "academic", "involvement", "project"] {
            let mentee = Mentee {
                kind: college,
                ..HE()
            };
            for r in activities(track, false, mentee, &[], Venue::Organisation, &YEAR, None) {
                text += r["content"].as_str().unwrap_or("");
                text += r["result"].as_str().unwrap_or("");
            }
        }
        assert!(!text.contains('{'), "a placeholder left: {text}");
        for school in [
            "урок",
            "класс",
            "школ",
            "родительского собрания",
            "методического объединения",
        ] {
            assert!(
                !text.contains(school),
                "«{school}» in a college's plan: {text}"
            );
        }
        assert!(text.contains("предметно-цикловой комиссии"), "{text}");
        assert!(text.contains("учебных занятий"), "{text}");
    }

    /// A centre's plans in every track (a university student with a
    /// learner of 14 too, a reader found «профиль обучения» there) and
    /// their directions speak of its programme and associations: no
    /// subject, homework, test, profile of a school.
    #[test]
    fn a_centres_plan_speaks_of_its_programme_in_every_track() {
        let centre = words(crate::model::OrgKind::AdditionalEducation);
        let at = Venue::Enterprise {
            name: "АО «Завод»",
            number: "ПП-1",
            date: chrono::NaiveDate::from_ymd_opt(2025, 9, 15).unwrap_or_default(),
        };
        let mut text = String::new();
        for track in [
            "teacher",
            "academic",
            "involvement",
            "project",
            "subject",
            "profession",
        ] {
            let mentee = Mentee {
                kind: centre,
                ..HE()
            };
            for venue in [Venue::Organisation, at] {
                for r in activities(track, false, mentee, &[], venue, &YEAR, None) {
                    text += r["content"].as_str().unwrap_or("");
                    text += "\n";
                    text += r["result"].as_str().unwrap_or("");
                    text += "\n";
                }
            }
            text += &crate::render::kinds::fill(direction(track), centre);
            text += "\n";
        }
        assert!(!text.contains('{'), "a placeholder left: {text}");
        let lower = text.to_lowercase();
        for school in [
            "предмет",
            "домашн",
            "контрольн",
            "профил",
            "урок",
            "класс",
            "школ",
            "учител",
        ] {
            assert!(
                !lower.contains(school),
                "«{school}» in a centre's plan: {text}"
            );
        }
        assert!(text.contains("избранного направления"), "{text}");
    }

    /// The plan's activities as one text.
    fn plan_text(track: &str, is_group: bool, mentee: Mentee, requests: &[&str]) -> String {
        activities(
            track,
            is_group,
            mentee,
            requests,
            Venue::Organisation,
            &YEAR,
            None,
        )
        .iter()
        .map(|r| {
            format!(
                "{} | {}\n",
                r["content"].as_str().unwrap_or(""),
                r["result"].as_str().unwrap_or("")
            )
        })
        .collect()
    }

    #[test]
    fn different_requests_never_give_the_same_plan() {
        // Requests of every kind's examples and ones no theme names; two
        // naming the same theme («задолженность», «неуспеваемость»).
        let requests = [
            "задолженность по инженерной графике",
            "неуспеваемость по технической механике",
            "подготовка к демонстрационному экзамену по специальности",
            "подготовка к ОГЭ по математике",
            "адаптация в коллективе, ведение электронного журнала",
            "дисциплина на уроке, работа с родителями",
            "хочу научиться играть в шахматы",
            "",
        ];
        for kind in [
            crate::model::OrgKind::School,
            crate::model::OrgKind::College,
            crate::model::OrgKind::AdditionalEducation,
        ] {
            let mentee = Mentee {
                kind: words(kind),
                ..HE()
            };
            for track in [
                "teacher",
                "academic",
                "involvement",
                "project",
                "subject",
                "profession",
            ] {
                let plans: Vec<String> = requests
                    .iter()
                    .map(|r| plan_text(track, false, mentee, &[r]))
                    .collect();
                for (i, a) in plans.iter().enumerate() {
                    assert!(!a.contains('{'), "a placeholder left: {a}");
                    for (j, b) in plans.iter().enumerate().skip(i + 1) {
                        assert_ne!(
                            a, b,
                            "{kind:?}, {track}: «{}» and «{}» give the same plan",
                            requests[i], requests[j]
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn a_request_follows_the_diagnosis_and_a_group_quotes_no_one() {
        let pair = plan_text(
            "academic",
            false,
            HE(),
            &["подготовка к демонстрационному экзамену"],
        );
        // The track's diagnosis first, then what the request asks.
        assert!(
            pair.lines()
                .nth(1)
                .is_some_and(|l| l.starts_with("Выявление затруднений")),
            "{pair}"
        );
        let request_work = pair.lines().nth(2).unwrap_or("");
        assert!(
            request_work.starts_with("Подготовка к демонстрационному экзамену по запросу наставляемого («подготовка к демонстрационному экзамену»)"),
            "{pair}"
        );
        // The exam of a school is not also planned for a demonstration exam.
        assert!(!pair.contains("Подготовка к экзамену:"), "{pair}");
        let group = plan_text(
            "academic",
            true,
            THEY(),
            &["задолженность по черчению", "подготовка к олимпиаде"],
        );
        assert!(!group.contains("черчению"), "{group}");
        assert!(group.contains("Устранение затруднений в учёбе:"), "{group}");
        assert!(group.contains("Подготовка к олимпиаде:"), "{group}");
        // A teacher's «рабочая программа дисциплины» is no discipline at a lesson.
        let teacher = plan_text("teacher", false, HE(), &["рабочая программа дисциплины"]);
        assert!(!teacher.contains("Дисциплина на"), "{teacher}");
        assert!(
            teacher.contains("Ведение документации по запросу"),
            "{teacher}"
        );
    }

    /// A group whose four mentees ask four different things, over a
    /// school year and over four months: each is answered, none quoted,
    /// adaptation right after the diagnosis, the project defended after
    /// its preliminary defence and before the track's culmination.
    #[test]
    fn every_request_of_a_group_is_answered_in_order() {
        let requests = [
            "подготовка к олимпиаде профессионального мастерства",
            "выбор предприятия для производственной практики",
            "курсовой проект по технологии машиностроения, работа с чертежом",
            "адаптация к обучению в техникуме",
            "хочу научиться играть в шахматы",
        ];
        for months in [&YEAR[..], &YEAR[..6]] {
            let rows = activities(
                "academic",
                true,
                THEY(),
                &requests,
                Venue::Organisation,
                months,
                None,
            );
            let contents: Vec<&str> = rows.iter().filter_map(|r| r["content"].as_str()).collect();
            let text = contents.join("\n");
            for answer in [
                "Подготовка к олимпиаде:",
                "Выбор места практики:",
                "Работа над проектом:",
                "Работа с чертежом:",
                "Работа по индивидуальным запросам наставляемых:",
                "Адаптация к новым условиям:",
                "Защита проекта:",
            ] {
                assert!(text.contains(answer), "{answer}: {text}");
            }
            assert!(!text.contains("по запросу"), "{text}");
            assert!(!text.contains("шахмат"), "a child's request quoted: {text}");
            assert!(contents[2].starts_with("Адаптация"), "{text}");
            let pre = text.find("предварительная защита").unwrap_or(usize::MAX);
            let defence = text.find("Защита проекта:").unwrap_or(0);
            let culmination = text.find("Участие в").unwrap_or(0);
            assert!(pre < defence && defence < culmination, "{text}");
            assert_eq!(rows.len(), months.len(), "{text}");
        }
    }

    #[test]
    fn an_enterprise_hosts_learners_only_under_a_practice_contract() {
        let at = Venue::Enterprise {
            name: "АО «Завод»",
            number: "ПП-14/25",
            date: chrono::NaiveDate::from_ymd_opt(2025, 9, 15).unwrap_or_default(),
        };
        let text: String = activities("profession", false, HE(), &[], at, &YEAR, None)
            .iter()
            .map(|r| format!("{}\n", r["content"].as_str().unwrap_or("")))
            .collect();
        assert!(
            text.contains("Профессиональные пробы на рабочем месте в АО «Завод» под руководством наставника по договору о практической подготовке обучающихся от 15.09.2025 №\u{a0}ПП-14/25, после инструктажа по охране труда"),
            "{text}"
        );
        let home = plan_text("profession", false, HE(), &[]);
        assert!(!home.contains("на рабочем месте"), "{home}");
        assert!(!home.contains("экскурсия на производство"), "{home}");
        assert!(home.contains("в образовательной организации"), "{home}");
    }

    #[test]
    fn a_direction_names_no_one() {
        for (form, model) in [
            (Form::PupilPupil, Some("лидер – пассивный")),
            (Form::StudentPupil, Some("лидер – равнодушный")),
            (
                Form::EmployerStudent,
                Some("активный профессионал – равнодушный потребитель"),
            ),
            (Form::PupilPupil, Some("успевающий – неуспевающий")),
        ] {
            let d = direction(track(form, model));
            for label in ["пассив", "равнодуш", "неуспева", "потребител"]
            {
                assert!(!d.contains(label), "{d}");
            }
        }
        assert_eq!(
            direction(track(Form::StudentPupil, Some("лидер – равнодушный"))),
            "вовлечение в деятельность"
        );
    }

    #[test]
    fn nothing_is_prepared_for_a_final_event_already_held() {
        // The event in May (index 8): summing up in May, June only closes.
        let rows = activities(
            "teacher",
            false,
            HE(),
            &[],
            Venue::Organisation,
            &YEAR,
            Some(8),
        );
        let n = rows.len();
        assert_eq!(rows[n - 2]["period"], "май 2026");
        assert!(rows[n - 2]["content"]
            .as_str()
            .is_some_and(|c| c.contains("подготовка к итоговому мероприятию")));
        assert_eq!(rows[n - 1]["period"], "июнь 2026");
        assert!(rows[n - 1]["content"]
            .as_str()
            .is_some_and(|c| !c.contains("подготовка")));
        assert_eq!(rows[n - 1]["last"], true);
        assert_eq!(rows[n - 2]["last"], false);
        // Every activity of the track still fits before May.
        assert_eq!(n, 1 + list("teacher").len() + 2);
    }

    #[test]
    fn activities_name_a_woman_mentee_in_her_gender() {
        let she = Mentee {
            gen: "наставляемой",
            ins: "наставляемой",
            poss: "её",
            kind: school(),
        };
        let text: String = activities("teacher", false, she, &[], Venue::Organisation, &YEAR, None)
            .iter()
            .filter_map(|r| r["content"].as_str().map(str::to_owned))
            .collect();
        assert!(text.contains("Посещение наставляемой уроков наставника"));
        assert!(text.contains("анализ её уроков"));
        assert!(!text.contains('{'), "a placeholder left: {text}");
        let text: String = activities(
            "involvement",
            false,
            she,
            &[],
            Venue::Organisation,
            &YEAR,
            None,
        )
        .iter()
        .filter_map(|r| r["result"].as_str().map(str::to_owned))
        .collect();
        assert!(text.contains("выступление наставляемой перед классом"));
    }

    #[test]
    fn short_terms_keep_the_last_activity() {
        let rows = activities(
            "teacher",
            false,
            HE(),
            &[],
            Venue::Organisation,
            &YEAR[..5],
            None,
        );
        assert_eq!(rows.len(), 5);
        assert!(rows[3]["content"]
            .as_str()
            .is_some_and(|c| c.contains("методического")));
        assert_eq!(
            activities(
                "teacher",
                false,
                HE(),
                &[],
                Venue::Organisation,
                &YEAR[..1],
                None
            )
            .len(),
            1
        );
        assert!(activities("teacher", false, HE(), &[], Venue::Organisation, &[], None).is_empty());
    }

    #[test]
    fn the_track_follows_form_and_role_model() {
        assert_eq!(
            track(Form::PupilPupil, Some("успевающий – неуспевающий")),
            "academic"
        );
        assert_eq!(
            track(Form::PupilPupil, Some("лидер – пассивный")),
            "involvement"
        );
        assert_eq!(track(Form::PupilPupil, None), "project");
        assert_eq!(track(Form::EmployerStudent, None), "profession");
    }
}
