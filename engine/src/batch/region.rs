//! `region-summary.docx`: the regional mentoring centre's report on the
//! schools of a batch, with the indicators of seed 004 («сбор результатов
//! мониторинга реализации программ наставничества»): learners aged 10–19
//! and 15–19 covered, teachers covered, satisfaction of mentees and of
//! mentors, enterprises taking part, schools with every stage complete.
//!
//! Every number is summed from the schools' own figures
//! ([`crate::figures`], [`crate::figures::monitoring`]); shares are taken of
//! the region's sums, not averaged over schools, so a school of 2,000
//! pupils weighs more than one of 200. The document is markup
//! (`docs/markup.md`) laid out by the same writer as every other, native
//! charts included.

use super::{BatchReport, Status};
use crate::diag::Result;
use crate::figures::monitoring::Monitoring;
use crate::figures::Figures;
use crate::model::{MentorCategory, Model};
use crate::render::docx::{self, DocProps};
use crate::render::markup;
use crate::russian;
use serde::Serialize;
use std::collections::BTreeSet;

/// The file name in `OUT`.
pub const SUMMARY_DOCX: &str = "region-summary.docx";

/// What the region's report needs of one school beyond its [`Figures`].
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct SchoolSurvey {
    /// Mentors, then mentees: (satisfied, judged) at the latest monitoring
    /// stage answered; (0, 0) without answers.
    pub satisfied: [(usize, usize); 2],
    /// Outside organisations whose people mentor (enterprises, universities).
    pub enterprises: Vec<String>,
}

impl SchoolSurvey {
    pub fn of(model: &Model, figures: &Figures, satisfied_from: f64) -> SchoolSurvey {
        let m = Monitoring::of(model, figures, satisfied_from);
        let satisfied = m.roles.clone().map(|r| {
            r.stages
                .iter()
                .rev()
                .flatten()
                .next()
                .map_or((0, 0), |s| (s.satisfied, s.judged))
        });
        let paired: BTreeSet<&str> = model.groups.iter().map(|g| g.mentor.as_str()).collect();
        let enterprises: BTreeSet<String> = model
            .mentors
            .iter()
            .filter(|m| m.category == MentorCategory::Employer && paired.contains(m.name.as_str()))
            .filter_map(|m| m.organisation.as_deref())
            .map(str::trim)
            .filter(|o| !o.is_empty())
            .map(str::to_owned)
            .collect();
        SchoolSurvey {
            satisfied,
            enterprises: enterprises.into_iter().collect(),
        }
    }
}

/// Part over whole as «42,5 %», or «—» without a whole.
fn share(part: usize, whole: usize) -> (Option<f64>, String) {
    if whole == 0 {
        return (None, "—".to_owned());
    }
    let p = part as f64 * 100.0 / whole as f64;
    (Some(p), russian::percent(p))
}

/// A value for the markup: typography as the templates' escape gives it
/// («№ 17», quotes), then XML escaping.
fn esc(text: &str) -> String {
    russian::typograph(text)
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// The report's markup: indicators, their chart, the schools.
pub fn markup(report: &BatchReport) -> String {
    let taken: Vec<_> = report
        .schools
        .iter()
        .filter(|s| s.status != Status::Refused)
        .collect();
    let refused = report.schools.len() - taken.len();
    let sum = |f: &dyn Fn(&Figures) -> (usize, usize)| {
        taken
            .iter()
            .filter_map(|s| s.figures.as_ref())
            .map(f)
            .fold((0, 0), |(a, b), (x, y)| (a + x, b + y))
    };
    let aged_10 = sum(&|f| (f.learners_10_19.covered, f.learners_10_19.total as usize));
    let aged_15 = sum(&|f| (f.learners_15_19.covered, f.learners_15_19.total as usize));
    let teachers = sum(&|f| (f.teachers.covered, f.teachers.total as usize));
    let satisfied = |role: usize| {
        taken
            .iter()
            .filter_map(|s| s.survey.as_ref())
            .map(|s| s.satisfied[role])
            .fold((0, 0), |(a, b), (x, y)| (a + x, b + y))
    };
    let (mentors, mentees) = (satisfied(0), satisfied(1));
    let enterprises: BTreeSet<&str> = taken
        .iter()
        .filter_map(|s| s.survey.as_ref())
        .flat_map(|s| s.enterprises.iter().map(String::as_str))
        .collect();
    let complete = taken.iter().filter(|s| s.stages_complete == 7).count();

    let rows: [(&str, (usize, usize)); 5] = [
        ("Доля обучающихся в возрасте от 10 до 19 лет, вовлечённых в различные формы наставничества", aged_10),
        ("Доля обучающихся в возрасте от 15 до 19 лет, вовлечённых в различные формы наставничества", aged_15),
        ("Доля педагогических работников, вовлечённых в различные формы наставничества", teachers),
        ("Удовлетворённость наставляемых участием в программах наставничества (доля удовлетворённых)", mentees),
        ("Удовлетворённость наставников участием в программах наставничества (доля удовлетворённых)", mentors),
    ];
    let mut x = String::from("<document>\n<title>СВОДНЫЙ ОТЧЁТ</title>\n");
    x.push_str("<h>о результатах мониторинга реализации программ наставничества в образовательных организациях</h>\n<space/>\n");
    x.push_str(&format!(
        "<p>Сведения собраны по {} программам наставничества образовательных организаций{}. Доли посчитаны по суммам региона: численность вовлечённых во всех организациях к общей численности; удовлетворённость — по последнему проведённому этапу мониторинга в каждой организации.</p>\n",
        taken.len(),
        if refused > 0 {
            format!(
                "; не приняты к обработке из-за ошибок во входных данных — {} (перечень — в region-summary.xlsx, лист «Не приняты»), их данные не учтены",
                refused
            )
        } else {
            String::new()
        }
    ));
    x.push_str("<section title=\"Показатели внедрения целевой модели наставничества\"/>\n");
    x.push_str("<table widths=\"0.9,10.1,2.6,3.4\">\n<tr header=\"1\"><td>№</td><td>Показатель</td><td>Значение</td><td>Основа расчёта</td></tr>\n");
    let mut bars = String::new();
    for (i, (title, (part, whole))) in rows.iter().enumerate() {
        let (p, text) = share(*part, *whole);
        x.push_str(&format!(
            "<tr><td align=\"center\">{}</td><td>{}</td><td align=\"center\">{}</td><td align=\"center\">{} из {}</td></tr>\n",
            i + 1,
            esc(title),
            esc(&text),
            part,
            whole
        ));
        if let Some(p) = p {
            bars.push_str(&format!(
                "<bar label=\"{}. {}\" value=\"{}\"/>",
                i + 1,
                esc(short(title)),
                russian::decimal(p, 1)
            ));
        }
    }
    x.push_str(&format!(
        "<tr><td align=\"center\">6</td><td>Предприятий (организаций), работники которых участвуют в наставничестве</td><td align=\"center\">{}</td><td align=\"center\">—</td></tr>\n",
        enterprises.len()
    ));
    x.push_str(&format!(
        "<tr><td align=\"center\">7</td><td>Образовательных организаций, завершивших все семь этапов внедрения целевой модели</td><td align=\"center\">{}</td><td align=\"center\">{} из {}</td></tr>\n</table>\n",
        share(complete, taken.len()).1,
        complete,
        taken.len()
    ));
    if !bars.is_empty() {
        x.push_str(
            "<space/>\n<chart title=\"Показатели региона, %\" max=\"100\" value-axis=\"Доля, %\">",
        );
        x.push_str(&bars);
        x.push_str("</chart>\n");
    }
    if !taken.is_empty() {
        let mut by_stages = [0usize; 8];
        for s in &taken {
            by_stages[s.stages_complete.min(7)] += 1;
        }
        x.push_str("<chart title=\"Образовательные организации по числу завершённых этапов\" direction=\"column\" category-axis=\"Завершено этапов из 7\" value-axis=\"Организаций\">");
        for (n, count) in by_stages.iter().enumerate() {
            x.push_str(&format!("<bar label=\"{n}\" value=\"{count}\"/>"));
        }
        x.push_str("</chart>\n");
        x.push_str("<section title=\"Показатели образовательных организаций\"/>\n");
        x.push_str("<table widths=\"0.9,4.1,2.4,2.4,2.4,2.4,2.4\">\n<tr header=\"1\"><td>№</td><td>Организация</td><td>Охват обучаю-<br/>щихся 10–19 лет</td><td>Охват педаго-<br/>гов</td><td>Удовлетво-<br/>рены настав-<br/>ляемые</td><td>Удовлетво-<br/>рены настав-<br/>ники</td><td>Этапов завер-<br/>шено</td></tr>\n");
        for (i, s) in taken.iter().enumerate() {
            let cov = |c: Option<&crate::figures::Coverage>| {
                c.and_then(|c| c.percent_text.clone())
                    .unwrap_or_else(|| "—".to_owned())
            };
            let f = s.figures.as_ref();
            let sat = |role: usize| {
                s.survey.as_ref().map_or("—".to_owned(), |v| {
                    share(v.satisfied[role].0, v.satisfied[role].1).1
                })
            };
            x.push_str(&format!(
                "<tr><td align=\"center\">{}</td><td>{}</td><td align=\"center\">{}</td><td align=\"center\">{}</td><td align=\"center\">{}</td><td align=\"center\">{}</td><td align=\"center\">{}</td></tr>\n",
                i + 1,
                esc(s.organisation.as_deref().unwrap_or(&s.folder)),
                esc(&cov(f.map(|f| &f.learners_10_19))),
                esc(&cov(f.map(|f| &f.teachers))),
                esc(&sat(1)),
                esc(&sat(0)),
                s.stages_complete
            ));
        }
        x.push_str("</table>\n");
    }
    x.push_str("</document>\n");
    x
}

/// An indicator's title as a chart label: up to the first comma.
fn short(title: &str) -> &str {
    let end = [", вовлечённых", " участием", " (доля"]
        .iter()
        .filter_map(|m| title.find(m))
        .min()
        .unwrap_or(title.len());
    &title[..end]
}

/// The report as DOCX bytes.
pub fn summary_docx(report: &BatchReport) -> Result<Vec<u8>> {
    let text = markup(report);
    let doc = markup::parse(&text, SUMMARY_DOCX)?;
    docx::write(
        &doc,
        &DocProps {
            title: "Сводный отчёт о результатах мониторинга реализации программ наставничества"
                .to_owned(),
            subject: "Мониторинг реализации программ наставничества".to_owned(),
            author: "Региональный наставнический центр".to_owned(),
            gost: String::new(),
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::batch::School;

    fn school(folder: &str, survey: SchoolSurvey, stages: usize) -> School {
        let model = crate::example::model();
        School {
            folder: folder.into(),
            organisation: Some(format!("Школа {folder}")),
            status: Status::Ok,
            documents: 1,
            errors: 0,
            warnings: 0,
            stages_complete: stages,
            held_back: 0,
            problems: Vec::new(),
            figures: Some(Figures::of(&model)),
            survey: Some(survey),
        }
    }

    #[test]
    fn shares_are_of_the_regions_sums() {
        let model = crate::example::model();
        let f = Figures::of(&model);
        let own = SchoolSurvey::of(&model, &f, 8.0);
        // Two copies of the example and a school without answers.
        let other = SchoolSurvey {
            satisfied: [(1, 4), (0, 0)],
            enterprises: vec![own.enterprises[0].clone(), "АО «Новое»".into()],
        };
        let report = BatchReport {
            generator: String::new(),
            schools: vec![school("a", own.clone(), 7), school("b", other.clone(), 5)],
        };
        let text = markup(&report);
        // Mentors: the example's own plus one of four.
        let (s, j) = (own.satisfied[0].0 + 1, own.satisfied[0].1 + 4);
        assert!(text.contains(&format!("{} из {}", s, j)), "{text}");
        assert!(text.contains(&russian::percent(s as f64 * 100.0 / j as f64)));
        // Learners 10–19: twice the example's over twice its headcount.
        let a = &f.learners_10_19;
        assert!(text.contains(&format!("{} из {}", 2 * a.covered, 2 * a.total)));
        // Enterprises counted once across schools.
        assert!(text.contains(&format!(
            "<td align=\"center\">{}</td><td align=\"center\">—</td>",
            own.enterprises.len() + 1
        )));
        assert!(
            text.contains("<td align=\"center\">50\u{a0}%</td><td align=\"center\">1 из 2</td>")
        );
        let docx = summary_docx(&report).expect("written");
        assert!(docx.starts_with(b"PK"));
        assert_eq!(summary_docx(&report).expect("written"), docx);
    }
}
