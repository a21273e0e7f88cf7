//! The example school's roadmap (`inputs/roadmap.xlsx`) and monitoring
//! survey (`inputs/monitoring.xlsx`). Roadmap events follow the seven stages
//! of the target model (seeds 000 and 002): work inside the school and with
//! the outside world.

use super::school::day;
use super::{source, MONITORING_FILE, ROADMAP_FILE, ROADMAP_SHEET, SURVEY_SHEET};
use crate::model::{
    Mentee, MenteeCategory, Mentor, RoadmapEvent, Survey, SurveyResponse, SurveyRole,
};
use chrono::NaiveDate;

/// How a deadline stands in the sheet: a real date or text as typed.
#[derive(Clone, Copy)]
pub(crate) enum Deadline {
    Date(i32, u32, u32),
    Text(&'static str),
}

/// Stage, event, responsible, deadline, result, done mark.
pub(crate) type EventRow = (
    u8,
    &'static str,
    &'static str,
    Deadline,
    &'static str,
    &'static str,
);

const CURATOR: &str = "Кравченко И. В., куратор";
const DIRECTOR: &str = "Рябова Е. А., директор";
const PSYCHOLOGIST: &str = "Сафронова Ю. К., педагог-психолог";
const DEPUTY: &str = "Тихонов П. Г., заместитель директора по ВР";
const SOCIAL: &str = "Исаева М. Р., социальный педагог";
const IT: &str = "Лукин Д. О., учитель информатики";

pub(crate) const EVENTS: [EventRow; 32] = [
    (1, "Рассмотрение на педагогическом совете вопроса о внедрении целевой модели наставничества", DIRECTOR, Deadline::Date(2025, 8, 29), "протокол педагогического совета", "выполнено"),
    (1, "Издание приказа о внедрении целевой модели наставничества и назначении куратора", DIRECTOR, Deadline::Date(2025, 9, 1), "приказы о внедрении и о назначении куратора", "выполнено"),
    (1, "Разработка и утверждение Положения о программе наставничества", CURATOR, Deadline::Date(2025, 9, 1), "Положение утверждено приказом", "выполнено"),
    (1, "Информирование педагогического коллектива, обучающихся и родителей о подготовке программы, сбор предварительных запросов", CURATOR, Deadline::Text("до 05.09.2025"), "информация на сайте школы, протоколы родительских собраний", "выполнено"),
    (1, "Разработка и утверждение дорожной карты внедрения целевой модели, определение форм наставничества и ресурсов", CURATOR, Deadline::Date(2025, 9, 5), "приказ об утверждении дорожной карты", "выполнено"),
    (2, "Информирование родителей, педагогов и обучающихся о возможностях и целях программы", SOCIAL, Deadline::Text("сентябрь 2025"), "родительские собрания, классные часы", "выполнено"),
    (2, "Сбор данных о наставляемых: анкетирование, беседы с классными руководителями, профориентационные тесты", PSYCHOLOGIST, Deadline::Text("до 20.09.2025"), "анкеты и запросы наставляемых", "выполнено"),
    (2, "Сбор согласий на обработку персональных данных от законных представителей обучающихся", SOCIAL, Deadline::Date(2025, 9, 25), "согласия родителей (законных представителей)", "выполнено"),
    (2, "Формирование базы наставляемых и включение данных в систему мониторинга", CURATOR, Deadline::Date(2025, 9, 30), "база наставляемых", "выполнено"),
    (3, "Информирование коллектива и обучающихся старших классов о запуске программы, приглашение наставников", CURATOR, Deadline::Text("сентябрь 2025"), "объявления, встречи с классами", "выполнено"),
    (3, "Сбор данных о потенциальных наставниках из числа педагогов и обучающихся 9–11 классов", CURATOR, Deadline::Text("до 25.09.2025"), "анкеты потенциальных наставников", "выполнено"),
    (3, "Привлечение наставников из ОмГПУ и предприятий-партнёров, встречи на профильных мероприятиях", DEPUTY, Deadline::Text("сентябрь – октябрь 2025"), "соглашения с ОмГПУ и предприятиями", "выполнено"),
    (3, "Формирование базы наставников", CURATOR, Deadline::Date(2025, 9, 30), "база наставников", "выполнено"),
    (4, "Разработка критериев отбора наставников под собранные запросы", CURATOR, Deadline::Date(2025, 9, 26), "критерии отбора", "выполнено"),
    (4, "Собеседования и отбор наставников", PSYCHOLOGIST, Deadline::Text("до 01.10.2025"), "список отобранных наставников", "выполнено"),
    (4, "Обучение наставников: «Школа наставника» и практикум педагога-психолога", PSYCHOLOGIST, Deadline::Text("02.10.2025 – 08.10.2025"), "наставники обучены", "выполнено"),
    (4, "Издание приказа о назначении наставников", DIRECTOR, Deadline::Date(2025, 10, 10), "приказ о назначении наставников", "выполнено"),
    (5, "Организация встреч наставников и наставляемых для формирования пар и групп (формат «быстрых встреч»)", CURATOR, Deadline::Text("до 14.10.2025"), "протоколы встреч, анкеты предпочтений", "выполнено"),
    (5, "Закрепление наставнических пар и групп приказом", DIRECTOR, Deadline::Date(2025, 10, 15), "приказ о закреплении пар и групп", "выполнено"),
    (5, "Психологическое сопровождение наставляемых, не сформировавших пару или группу", PSYCHOLOGIST, Deadline::Text("октябрь 2025"), "индивидуальные консультации", "выполнено"),
    (6, "Составление индивидуальных планов развития для каждой пары и группы", CURATOR, Deadline::Date(2025, 10, 31), "индивидуальные планы", "выполнено"),
    (6, "Регулярные встречи наставников и наставляемых", CURATOR, Deadline::Text("в течение учебного года"), "журналы встреч", ""),
    (6, "Методическая поддержка наставников: консультации, рекомендации по взаимодействию с наставляемыми", PSYCHOLOGIST, Deadline::Text("ежемесячно"), "методические материалы", ""),
    (6, "Промежуточный мониторинг: анкетирование наставников и наставляемых", PSYCHOLOGIST, Deadline::Date(2025, 12, 20), "анкеты, справка о промежуточных результатах", "выполнено"),
    (6, "Информирование партнёров и родителей о промежуточных результатах программы", IT, Deadline::Text("январь 2026"), "публикации на сайте и в сообществе школы", "да"),
    (6, "Разработка системы поощрения наставников", CURATOR, Deadline::Text("до 01.03.2026"), "положение о поощрении наставников", ""),
    (7, "Итоговый мониторинг: анкетирование наставников и наставляемых, рефлексия", PSYCHOLOGIST, Deadline::Text("май 2026"), "аналитическая справка по итогам мониторинга", ""),
    (7, "Направление результатов итогового мониторинга в региональный наставнический центр", CURATOR, Deadline::Date(2026, 6, 5), "отчёт о реализации программы наставничества", ""),
    (7, "Проведение итогового мероприятия — фестиваля наставнических практик «Вместе к успеху»", CURATOR, Deadline::Date(2026, 5, 22), "фестиваль, лучшие практики представлены", ""),
    (7, "Поощрение лучших наставников", DIRECTOR, Deadline::Text("май 2026"), "приказ о поощрении наставников", ""),
    (7, "Публикация лучших практик наставничества на сайте школы и в СМИ", IT, Deadline::Text("июнь 2026"), "публикации", ""),
    (7, "Формирование долгосрочной базы наставников, в том числе из числа завершивших программу наставляемых", CURATOR, Deadline::Date(2026, 6, 30), "обновлённая база наставников", ""),
];

/// The deadline cell as a model value: text as typed, date when it is one.
pub(crate) fn deadline(d: Deadline) -> (String, Option<NaiveDate>) {
    match d {
        Deadline::Date(y, m, dd) => {
            let date = day(y, m, dd);
            (crate::russian::date_short(date), Some(date))
        }
        Deadline::Text(t) => (t.to_owned(), None),
    }
}

/// «выполнено», «да» → yes; an empty mark → unknown.
fn done(mark: &str) -> Option<bool> {
    match mark {
        "" => None,
        _ => Some(true),
    }
}

pub(crate) fn roadmap() -> Vec<RoadmapEvent> {
    EVENTS
        .iter()
        .enumerate()
        .map(|(i, &(stage, title, responsible, dl, result, mark))| {
            let (deadline, deadline_date) = deadline(dl);
            RoadmapEvent {
                stage,
                title: title.into(),
                responsible: responsible.into(),
                deadline,
                deadline_date,
                result: (!result.is_empty()).then(|| result.to_owned()),
                done_mark: (!mark.is_empty()).then(|| mark.to_owned()),
                done: done(mark),
                source: source(ROADMAP_FILE, ROADMAP_SHEET, i),
            }
        })
        .collect()
}

/// Questions of the monitoring survey, as in the target model's surveys
/// (quality of the process in phase 1, influence on participants in phase 2).
pub(crate) const QUESTIONS: [&str; 6] = [
    "Насколько комфортно было общение в паре (группе)?",
    "Насколько полезными были встречи?",
    "Насколько понятны цели и задачи совместной работы?",
    "Насколько регулярными были встречи?",
    "Насколько изменились ваши результаты (учебные, профессиональные)?",
    "Насколько вы удовлетворены участием в программе?",
];

/// Deterministic scores 1–10 that look like real answers: 5–10, higher in
/// phase 2 (about two in five satisfied at stage 1, four in five at 2). The question on results (the
/// fifth) is asked in phase 2 only, the influence on participants, so the
/// report shows a question that differs between the stages; in phase 2
/// one answer in four leaves the regularity of meetings blank.
fn scores(seed: usize, phase: u8) -> Vec<Option<u8>> {
    (0..QUESTIONS.len())
        .map(|q| {
            if (q == 4 && phase == 1) || (q == 3 && phase == 2 && seed.is_multiple_of(4)) {
                return None;
            }
            // Each respondent has a mood (0–3) of their own, so their
            // means differ and some are satisfied, some not; stage 2 adds
            // one or two points (a third of them gain two).
            let mood = (seed * 5 % 7) / 2;
            let gain = match phase {
                1 => 0,
                _ if seed.is_multiple_of(3) => 2,
                _ => 1,
            };
            let score = 5 + mood + (seed + 2 * q) % 3 + gain;
            Some(score.min(10) as u8)
        })
        .collect()
}

pub(crate) fn survey(mentors: &[Mentor], mentees: &[Mentee]) -> Survey {
    let mut responses = Vec::new();
    for phase in [1u8, 2] {
        for (i, m) in mentors.iter().enumerate() {
            responses.push(SurveyResponse {
                respondent: Some(m.name.clone()),
                role: SurveyRole::Mentor,
                phase,
                scores: scores(i, phase),
                source: Default::default(),
            });
        }
        // Mentees answer too; pupils' answers are anonymous, teachers sign.
        for (i, m) in mentees.iter().enumerate().filter(|(i, _)| i % 2 == 0) {
            responses.push(SurveyResponse {
                respondent: (m.category == MenteeCategory::Educator).then(|| m.name.clone()),
                role: SurveyRole::Mentee,
                phase,
                scores: scores(i + 3, phase),
                source: Default::default(),
            });
        }
    }
    for (i, r) in responses.iter_mut().enumerate() {
        r.source = source(MONITORING_FILE, SURVEY_SHEET, i);
    }
    Survey {
        questions: QUESTIONS.iter().map(|q| (*q).to_owned()).collect(),
        responses,
    }
}
