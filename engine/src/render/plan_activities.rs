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
        Form::PupilPupil | Form::EducatorLearner if model.contains("неуспева") => {
            "academic"
        }
        Form::PupilPupil | Form::EducatorLearner if model.contains("пассив") => "involvement",
        Form::PupilPupil | Form::EducatorLearner => "project",
    }
}

/// Content and result of each activity of a track, in the order done.
fn list(track: &str) -> &'static [(&'static str, &'static str)] {
    match track {
        "teacher" => &[
            ("Изучение нормативных документов и локальных актов организации, требований к рабочей программе и электронному журналу", "рабочая программа и журнал ведутся по требованиям"),
            ("Посещение наставляемым уроков наставника, разбор приёмов организации урока и работы с классом", "отобраны приёмы для своих уроков"),
            ("Проектирование уроков наставляемым, посещение и совместный анализ его уроков", "технологические карты уроков, анализ посещённых уроков"),
            ("Работа с классом и родителями: дисциплина на уроке, трудные ситуации, подготовка родительского собрания", "проведено родительское собрание"),
            ("Оценивание результатов обучающихся, подготовка к контрольным работам и промежуточной аттестации", "подготовлены материалы для оценивания"),
            ("Подготовка и проведение открытого урока, самоанализ", "открытый урок проведён и проанализирован"),
            ("Участие в работе методического объединения, представление своего опыта", "выступление на заседании методического объединения"),
        ],
        "academic" => &[
            ("Выявление затруднений по предметам, выбор тем для совместной проработки", "перечень тем для проработки"),
            ("Совместная проработка трудных тем, помощь в выполнении домашних заданий", "пробелы по выбранным темам устранены"),
            ("Приёмы самоорганизации: планирование учёбы и подготовки к урокам", "составлен и соблюдается график подготовки"),
            ("Подготовка к контрольным и проверочным работам", "контрольные работы написаны не ниже прежнего"),
            ("Участие в предметной неделе или конкурсе", "участие в предметной неделе (конкурсе)"),
        ],
        "involvement" => &[
            ("Знакомство с жизнью класса и школы: кружки, секции, ученическое самоуправление", "выбрано объединение или общее дело"),
            ("Совместная подготовка классного или школьного мероприятия", "мероприятие проведено с участием наставляемого"),
            ("Тренировка общения и выступления перед группой", "выступление наставляемого перед классом"),
            ("Участие в социальном проекте или волонтёрской акции", "участие в акции (проекте)"),
            ("Собственная инициатива наставляемого при поддержке наставника", "инициатива представлена классу"),
        ],
        "project" => &[
            ("Выбор темы совместного проекта, распределение ролей", "тема и план проекта"),
            ("Сбор материала и работа над проектом", "материалы проекта"),
            ("Обмен навыками и опытом, взаимная помощь в учёбе", "освоенные навыки"),
            ("Подготовка презентации проекта", "презентация проекта"),
            ("Защита проекта на школьной конференции или конкурсе", "проект защищён"),
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
/// pair's term with their years, `(name, year)`; `mentee_gen` is the
/// mentee of a pair in the genitive as the plan names them («наставляемой»
/// for a girl, from `engine/russian`).
pub fn activities(
    track: &str,
    is_group: bool,
    mentee_gen: &str,
    months: &[(&str, i32)],
) -> Vec<Value> {
    let total = months.len();
    let mut rows = Vec::new();
    if total == 0 {
        return rows;
    }
    let whose = if is_group {
        "общих целей группы".to_owned()
    } else {
        format!("запроса и целей {mentee_gen}")
    };
    rows.push(json!({
        "period": span(months, 0, 1),
        "content": format!("Знакомство, уточнение {whose}, составление и согласование индивидуального плана"),
        "result": "индивидуальный план согласован с куратором",
        "first": true,
        "last": false,
    }));
    let middle = total.saturating_sub(2);
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
                "content": content,
                "result": result,
                "first": false,
                "last": false,
            }));
        }
    }
    if total > 1 {
        rows.push(json!({
            "period": span(months, total - 1, total),
            "content": "Подведение итогов: оценка достижения целей, анкетирование, подготовка к итоговому мероприятию программы",
            "result": "итоговая оценка работы, выступление на итоговом мероприятии",
            "first": false,
            "last": true,
        }));
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
            let rows = activities(track, false, "наставляемого", &YEAR);
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
        let rows = activities("project", true, "наставляемых", &YEAR);
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

    #[test]
    fn short_terms_keep_the_last_activity() {
        let rows = activities("teacher", false, "наставляемого", &YEAR[..5]);
        assert_eq!(rows.len(), 5);
        assert!(rows[3]["content"]
            .as_str()
            .is_some_and(|c| c.contains("методического")));
        assert_eq!(
            activities("teacher", false, "наставляемого", &YEAR[..1]).len(),
            1
        );
        assert!(activities("teacher", false, "наставляемого", &[]).is_empty());
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
