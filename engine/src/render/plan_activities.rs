//! What a pair or group does month by month, for its individual plan.
//!
//! The work follows from the form and the role model (a teacher's
//! adaptation, a pupil's academic help, drawing a passive pupil in, a joint
//! project, a student's subject help, an employer's career guidance), and
//! the first meeting from the mentee's request. Each activity is planned
//! once, over a span of months, with its result: a plan that printed the
//! same monthly topics in October and again in February was the complaint
//! (issue 11). The first month is for getting acquainted and the plan, the
//! last for summing up.

use crate::model::Form;
use serde_json::{json, Value};

/// The line of work of a pair or group, named for the templates
/// (`group.track`): they choose the goals and tasks by it.
pub fn track(form: Form, role_model: Option<&str>) -> &'static str {
    let model = role_model.map(crate::text::key).unwrap_or_default();
    match form {
        Form::TeacherTeacher => "teacher",
        Form::EmployerPupil | Form::EmployerStudent => "profession",
        Form::StudentPupil => "subject",
        Form::PupilPupil | Form::StudentStudent | Form::EducatorLearner
            if model.contains("неуспева") =>
        {
            "academic"
        }
        Form::PupilPupil | Form::StudentStudent | Form::EducatorLearner
            if model.contains("пассив") =>
        {
            "involvement"
        }
        Form::PupilPupil | Form::StudentStudent | Form::EducatorLearner => "project",
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
            ("Выявление затруднений по предметам, выбор тем для совместной проработки", "перечень тем для проработки"),
            ("Совместная проработка трудных тем, помощь в выполнении домашних заданий", "пробелы по выбранным темам устранены"),
            ("Приёмы самоорганизации: планирование учёбы и подготовки к {kind.lesson.pl_dat}", "составлен и соблюдается график подготовки"),
            ("Подготовка к контрольным и проверочным работам", "контрольные работы написаны не ниже прежнего"),
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
            ("Определение образовательных целей, проверка знаний по предмету", "план подготовки"),
            ("Занятия по трудным темам, разбор заданий олимпиад и экзаменов", "решённые задания, устранённые пробелы"),
            ("Знакомство с вузом: день открытых дверей, лаборатории, студенческие проекты", "посещение вуза"),
            ("Пробная работа или олимпиада, разбор результатов", "результаты пробной работы"),
            ("Выбор профиля обучения и дальнейшей образовательной траектории", "выбран профиль (направление) обучения"),
        ],
        _ => &[
            ("Знакомство с предприятием и профессиями отрасли, экскурсия на производство", "экскурсия проведена"),
            ("Профессиональные пробы на рабочем месте под руководством наставника", "пройдены профессиональные пробы"),
            ("Мини-проект по реальной задаче предприятия", "выполнен мини-проект"),
            ("Требования профессии: где ей учат в регионе, какие предметы сдавать", "составлен план образовательной траектории"),
            ("Представление проекта специалистам предприятия", "проект представлен"),
        ],
    }
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
    let work = list(track);
    if middle > 0 {
        // Each activity once, over a span of months; with fewer months than
        // activities, an even choice of them (the last one always kept).
        let n = work.len().min(middle);
        for i in 0..n {
            let (from, to) = (1 + i * middle / n, 1 + (i + 1) * middle / n);
            let pick = if n == work.len() {
                i
            } else {
                i * (work.len() - 1) / (n - 1).max(1)
            };
            let (content, result) = work[pick];
            rows.push(json!({
                "period": span(months, from, to),
                "content": mentee.fill(content),
                "result": mentee.fill(result),
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
                "content": "Завершение работы: обсуждение итогового мероприятия, самооценка достигнутого, планы на следующий учебный год",
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
            let rows = activities(track, false, HE(), &YEAR, None);
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
        let rows = activities("project", true, THEY(), &YEAR, None);
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
            for r in activities(track, false, mentee, &YEAR, None) {
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

    #[test]
    fn nothing_is_prepared_for_a_final_event_already_held() {
        // The event in May (index 8): summing up in May, June only closes.
        let rows = activities("teacher", false, HE(), &YEAR, Some(8));
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
        let text: String = activities("teacher", false, she, &YEAR, None)
            .iter()
            .filter_map(|r| r["content"].as_str().map(str::to_owned))
            .collect();
        assert!(text.contains("Посещение наставляемой уроков наставника"));
        assert!(text.contains("анализ её уроков"));
        assert!(!text.contains('{'), "a placeholder left: {text}");
        let text: String = activities("involvement", false, she, &YEAR, None)
            .iter()
            .filter_map(|r| r["result"].as_str().map(str::to_owned))
            .collect();
        assert!(text.contains("выступление наставляемой перед классом"));
    }

    #[test]
    fn short_terms_keep_the_last_activity() {
        let rows = activities("teacher", false, HE(), &YEAR[..5], None);
        assert_eq!(rows.len(), 5);
        assert!(rows[3]["content"]
            .as_str()
            .is_some_and(|c| c.contains("методического")));
        assert_eq!(
            activities("teacher", false, HE(), &YEAR[..1], None).len(),
            1
        );
        assert!(activities("teacher", false, HE(), &[], None).is_empty());
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
