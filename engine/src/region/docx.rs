//! `region-summary.docx`: the regional mentoring centre's report on the
//! region's schools, rendered from `templates/summary/region-summary.hbs`
//! (layered like every template) through the same markup and DOCX writer
//! as a school's documents.

use super::{indicators, Centre, Region};
use crate::batch::report::{School, Status};
use crate::diag::Result;
use crate::figures::{Coverage, Figures};
use crate::render::docx;
use crate::render::templates::Templates;
use crate::russian;
use chrono::NaiveDate;
use serde_json::{json, Value};

/// The template's name (`templates/summary/region-summary.hbs`).
pub const TEMPLATE: &str = "region-summary";

/// Renders the summary through the path of every document
/// ([`crate::render::document`]: a template error is reported at its
/// line); `centre` is who sends it (the shared profile's parameters),
/// `requisites` its date and number.
pub fn write(
    templates: &Templates,
    centre: &Centre,
    schools: &[School],
    region: &Region,
    requisites: &super::Requisites,
) -> Result<Vec<u8>> {
    let context = context(centre, schools, region, requisites);
    crate::render::document(
        templates,
        TEMPLATE,
        context,
        &docx::DocProps {
            title: "Сводный отчёт о реализации программ наставничества".to_owned(),
            subject: centre.region_name.clone().unwrap_or_default(),
            author: centre
                .regional_centre
                .clone()
                .unwrap_or_else(|| "nastavnik".to_owned()),
            gost: "2025".to_owned(),
        },
    )
}

/// What the template sees: the region's figures and indicators (the same
/// values the XLSX prints), each municipality's, the schools, and what the
/// conclusions follow from (the coverage target and the satisfaction
/// threshold of the profile, the schools below the target, not complete,
/// refused).
fn context(
    centre: &Centre,
    schools: &[School],
    region: &Region,
    requisites: &super::Requisites,
) -> Value {
    let date = requisites.date;
    // The reporting period: from the earliest start of the accepted
    // schools' programmes to the report's date.
    let period_from: Option<NaiveDate> = schools
        .iter()
        .filter(|s| s.status != Status::Refused)
        .filter_map(|s| s.programme_start)
        .min();
    let target = centre.target;
    let satisfied_from = centre.satisfied_from;
    let municipalities: Vec<Value> = region
        .municipalities
        .iter()
        .map(|m| {
            json!({
                "name": m.name,
                "figures": m.figures,
                "indicators": indicator_rows(&m.figures, target),
                "by_form": form_rows(&m.figures),
            })
        })
        .collect();
    // A list of schools in running text reads by their short names.
    let name = School::name;
    let accepted: Vec<&School> = schools
        .iter()
        .filter(|s| s.status != Status::Refused)
        .collect();
    let reaching = |f: fn(&Figures) -> &Coverage| {
        accepted
            .iter()
            .filter(|s| {
                s.figures
                    .as_ref()
                    .is_some_and(|x| f(x).reaches(target) == Some(true))
            })
            .count()
    };
    // The schools below the target for pupils or teachers, each with its
    // shares: «МБОУ «СОШ № 101» г. Калачинска (обучающиеся 4,8 %,
    // педагоги 12,3 %)».
    let below: Vec<String> = accepted
        .iter()
        .filter_map(|s| {
            let f = s.figures.as_ref()?;
            let short = |c: &Coverage| c.reaches(target) == Some(false);
            (short(&f.learners) || short(&f.teachers)).then(|| {
                format!(
                    "{} (обучающиеся {}, педагоги {})",
                    name(s),
                    f.learners.percent_text.as_deref().unwrap_or("—"),
                    f.teachers.percent_text.as_deref().unwrap_or("—")
                )
            })
        })
        .collect();
    let rows: Vec<Value> = schools
        .iter()
        .map(|s| {
            json!({
                "folder": s.folder,
                "organisation": s.organisation,
                "short_name": s.short_name,
                "municipality": s.municipality,
                "accepted": s.status != Status::Refused,
                "complete": s.stages_overdue == 0,
                "stages_complete": s.stages_complete,
                "stages_overdue": s.stages_overdue,
                "reason": s.reason,
                "errors": s.errors,
                "warnings": s.warnings,
                "problems": s.problems.len(),
                "figures": s.figures,
            })
        })
        .collect();
    let t = &region.total;
    let coverage = |c: &Coverage| {
        json!({
            "text": c.percent_text,
            "reached": c.reaches(target),
            "covered_text": table_number(c.covered as f64),
            "total_text": table_number(f64::from(c.total)),
        })
    };
    let satisfied = |c: &Coverage| {
        json!({
            "text": c.percent_text,
            "judged": c.total,
            "satisfied": c.covered,
            // Fewer than half satisfied: the centre asks the schools why.
            "few": c.percent.is_some_and(|p| p < 50.0),
        })
    };
    json!({
        "region_name": centre.region_name,
        "regional_centre": centre.regional_centre,
        "place": centre.place,
        "head": centre.head,
        "addressee": centre.addressee,
        "executor": centre.executor,
        "date": date.map(|d| d.to_string()),
        "number": requisites.number,
        "tables_differ": t.in_tables != t.in_force,
        "changes": requisites.changes,
        "notes": super::quality::notes(schools),
        "period_from": period_from.map(|d| d.to_string()),
        "total": t,
        "indicators": indicator_rows(t, target),
        "by_form": form_rows(t),
        "municipalities": municipalities,
        "schools": rows,
        "stages": super::STAGES,
        "target_text": russian::percent(target),
        "satisfied_from_text": russian::count_of(satisfied_from, "балла", "баллов", "баллов"),
        "conclusions": {
            "pupils": coverage(&t.learners),
            "teachers": coverage(&t.teachers),
            "pupils_reached_in": reaching(|f| &f.learners),
            "teachers_reached_in": reaching(|f| &f.teachers),
            "mentees": satisfied(&t.satisfied_mentees),
            "mentors": satisfied(&t.satisfied_mentors),
            "surveyed": t.accepted - t.schools_without_survey,
            "below": below,
            "mean_mentees": t.mean_score[1].map(|m| russian::decimal(m, 1)),
            "mean_mentors": t.mean_score[0].map(|m| russian::decimal(m, 1)),
            "incomplete_count": accepted.iter().filter(|s| s.stages_overdue > 0).count(),
            "refused_count": t.refused,
            "incomplete": accepted
                .iter()
                .filter(|s| s.stages_overdue > 0)
                .map(|s| name(s))
                .collect::<Vec<_>>(),
            "refused": schools
                .iter()
                .filter(|s| s.status == Status::Refused)
                .map(|s| {
                    // «МБОУ «СОШ № 110» г. Тары (Тарский муниципальный
                    // район) — inputs/roadmap.xlsx: …»
                    let mut line = name(s);
                    if let Some(m) = &s.municipality {
                        line.push_str(&format!(" ({m})"));
                    }
                    // A letter to the ministry names where the error is,
                    // not the fix a school's staff makes (the xlsx sheet
                    // «Не приняты» gives the full message).
                    if s.reason.is_some() {
                        line.push_str(" — ");
                        line.push_str(&where_refused(s.refused_in.as_deref()));
                    }
                    line
                })
                .collect::<Vec<_>>(),
        },
    })
}

/// Where a school's refusal lies, in a letter's words: «ошибка в описании
/// программы (programme.json)», «ошибка в таблице roadmap.xlsx».
fn where_refused(file: Option<&str>) -> String {
    match file {
        Some(f) if f.eq_ignore_ascii_case("programme.json") => {
            "ошибка в описании программы (programme.json)".to_owned()
        }
        Some(f) if f.to_lowercase().ends_with(".xlsx") => format!("ошибка в таблице {f}"),
        _ => "ошибка во входных данных".to_owned(),
    }
}

/// The indicators with their counts as a table prints them: a share no
/// school gave the base of is «нет данных», a count has no share.
fn indicator_rows(f: &super::RegionFigures, target: f64) -> Vec<Value> {
    indicators(f)
        .into_iter()
        .enumerate()
        .map(|(n, i)| {
            let no_data = i.no_data();
            json!({
                "number": n + 1,
                "title": i.title,
                "covered_text": if no_data { "—".to_owned() } else { table_number(i.covered as f64) },
                "of_text": i.of.map_or_else(|| "—".to_owned(), |x| table_number(x as f64)),
                "percent": i.percent,
                "percent_text": i.percent_text,
                "share_text": i.percent_text.clone().unwrap_or_else(|| if no_data { "нет данных" } else { "—" }.to_owned()),
                "base": i.base,
                "missing": i.missing,
                "missing_count": i.missing.len(),
                "of_schools": i.of_schools,
                "charted": i.percent.is_some(),
                // The target the chart draws on this bar; "" (a gap) where
                // none applies.
                "target": if i.against_target { target.to_string() } else { String::new() },
            })
        })
        .collect()
}

/// Each form's pairs, groups and people as a table prints them.
fn form_rows(f: &super::RegionFigures) -> Vec<Value> {
    f.by_form
        .iter()
        .map(|x| {
            json!({
                "form": x.form,
                "pairs": table_number(x.pairs as f64),
                "groups": table_number(x.groups as f64),
                "mentors": table_number(x.mentors as f64),
                "mentees": table_number(x.mentees as f64),
                "people": table_number(x.people as f64),
            })
        })
        .collect()
}

/// A count in a table column: grouped by thousands from four digits on
/// («1 700» under «42 600»), so the digits of one column line up; running
/// text keeps «1700» together (`russian::grouped`).
fn table_number(x: f64) -> String {
    let text = russian::grouped(x);
    if text.len() == 4 && text.bytes().all(|b| b.is_ascii_digit()) {
        format!("{}{}{}", &text[..1], russian::NBSP, &text[1..])
    } else {
        text
    }
}

#[cfg(test)]
mod tests {
    use super::table_number;

    #[test]
    fn a_column_groups_four_digits_too() {
        let nb = crate::russian::NBSP;
        assert_eq!(table_number(1700.0), format!("1{nb}700"));
        assert_eq!(table_number(42600.0), format!("42{nb}600"));
        assert_eq!(table_number(600.0), "600");
    }
}
