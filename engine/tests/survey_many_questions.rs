//! A survey of more questions than one chart may hold (60 bars: 30
//! questions side by side for two stages) is drawn as several charts, each
//! with the range of questions it shows in its caption — `generate` never
//! fails on the number of questions `validate` accepted.

use nastavnik_engine::package::Checked;
use nastavnik_engine::render::docx::{write, DocProps};
use nastavnik_engine::render::markup::parse;
use nastavnik_engine::render::{context, templates::Templates};
use std::io::{Cursor, Read};

/// The example school with `n` questions (the extra ones answered 7 by
/// everyone), only the responses of `phases` kept.
fn model_with(n: usize, phases: &[u8]) -> nastavnik_engine::Model {
    let mut model = nastavnik_engine::example::model();
    let had = model.survey.questions.len();
    assert!(had < n);
    for i in had..n {
        model
            .survey
            .questions
            .push(format!("Вопрос {}: насколько вы довольны работой?", i + 1));
    }
    model.survey.responses.retain(|r| phases.contains(&r.phase));
    for r in &mut model.survey.responses {
        r.scores.resize(n, Some(7));
    }
    model
}

/// The monitoring report: its document text (w:t runs) and the number of
/// bars of each chart part, in order.
fn report(model: &nastavnik_engine::Model) -> (String, Vec<usize>) {
    let checked = Checked::with_profile(model, None, None).expect("checked");
    let t = Templates::load(None, None).expect("templates");
    let plan = checked.plan();
    let doc = plan
        .documents
        .iter()
        .find(|d| d.id == "report-monitoring")
        .expect("planned");
    let ctx = context::build(&checked.sources(), doc);
    let markup = t.render(&doc.template, &ctx).expect("renders");
    let parsed = parse(&markup, "report-monitoring.hbs").expect("parses: no chart over its limit");
    let bytes = write(&parsed, &DocProps::default()).expect("written");
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).expect("zip");
    let mut names: Vec<String> = zip
        .file_names()
        .filter_map(|n| n.ok().map(|n| n.into_owned()))
        .filter(|n| n.starts_with("word/charts/chart") && n.ends_with(".xml"))
        .collect();
    names.sort_by_key(|n| {
        n.trim_start_matches("word/charts/chart")
            .trim_end_matches(".xml")
            .parse::<u32>()
            .unwrap_or(0)
    });
    let mut bars = Vec::new();
    for name in names {
        let mut xml = String::new();
        zip.by_name(&name)
            .expect("chart")
            .read_to_string(&mut xml)
            .expect("UTF-8");
        // Every series' categories: the bars drawn.
        let doc = roxmltree::Document::parse(&xml).expect("chart XML");
        let n: usize = doc
            .descendants()
            .filter(|n| n.tag_name().name() == "val")
            .filter_map(|v| {
                v.descendants()
                    .find(|c| c.tag_name().name() == "ptCount")
                    .and_then(|c| c.attribute("val"))
                    .and_then(|c| c.parse::<usize>().ok())
            })
            .sum();
        bars.push(n);
    }
    let mut xml = String::new();
    zip.by_name("word/document.xml")
        .expect("document")
        .read_to_string(&mut xml)
        .expect("UTF-8");
    let doc = roxmltree::Document::parse(&xml).expect("document XML");
    let text: String = doc
        .descendants()
        .filter(|n| n.tag_name().name() == "t")
        .filter_map(|n| n.text())
        .collect::<Vec<_>>()
        .join("");
    (text, bars)
}

#[test]
fn thirty_one_questions_at_two_stages_give_two_comparison_charts_a_role() {
    let (text, bars) = report(&model_with(31, &[1, 2]));
    for role in ["наставники", "наставляемые"] {
        for range in ["вопросы 1–16", "вопросы 17–31"] {
            let caption = format!("Средние оценки по вопросам, {role}: этапы 1 и 2, {range}");
            assert!(text.contains(&caption), "{caption} in the report");
        }
    }
    assert!(bars.iter().all(|&b| b <= 60), "{bars:?}");
    // Both stages' means of all 31 questions are drawn, for each role.
    assert_eq!(
        bars.iter().filter(|&&b| b == 32 || b == 30).count(),
        4,
        "{bars:?}"
    );
}

#[test]
fn sixty_questions_give_charts_within_their_limit_at_one_stage_and_at_two() {
    let (text, bars) = report(&model_with(60, &[1, 2]));
    assert!(
        text.contains("Средние оценки по вопросам, наставники: этапы 1 и 2, вопросы 31–60"),
        "second comparison chart"
    );
    assert!(bars.iter().all(|&b| b <= 60), "{bars:?}");
    let (text, bars) = report(&model_with(61, &[1]));
    for range in ["вопросы 1–21", "вопросы 22–41", "вопросы 42–61"] {
        for role in ["наставники", "наставляемые"] {
            let caption = format!("Средние оценки по вопросам, {role}: этап 1, {range}");
            assert!(text.contains(&caption), "{caption} in the report");
        }
    }
    assert!(bars.iter().all(|&b| b <= 60), "{bars:?}");
    // Up to 30 questions stay one chart, with no range in its caption.
    let (text, _) = report(&model_with(30, &[1, 2]));
    assert!(text.contains("Средние оценки по вопросам, наставники: этапы 1 и 2"));
    assert!(!text.contains(", вопросы 1–"), "one chart a role");
}
