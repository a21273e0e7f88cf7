//! A large school: the pairs order with 5,000 pairs and the whole package of
//! contexts and markup render correctly; the time is printed (debug build,
//! for orientation only — the benchmarks measure release builds).

mod templates_support;

use nastavnik_engine::model::{Group, Pair};
use nastavnik_engine::render::{context, templates::Templates};
use std::time::Instant;
use templates_support as fx;

fn big_model(pairs: usize) -> nastavnik_engine::Model {
    let mut model = fx::model();
    let template_pair = model.pairs[1].clone();
    let template_group = model.groups[1].clone();
    model.pairs.clear();
    model.groups.clear();
    for i in 0..pairs {
        let mentor = format!("Наставников{} Пётр Ильич", i / 2);
        let mentee = format!("Учеников{i} Иван Сергеевич");
        let id = format!("{:03}", i / 2 + 1);
        model.pairs.push(Pair {
            mentor: mentor.clone(),
            mentee: mentee.clone(),
            group: id.clone(),
            ..template_pair.clone()
        });
        if i % 2 == 0 {
            model.groups.push(Group {
                id,
                mentor,
                mentees: vec![mentee],
                ..template_group.clone()
            });
        } else if let Some(g) = model.groups.last_mut() {
            g.mentees.push(mentee);
        }
    }
    model
}

#[test]
fn the_pairs_order_of_5000_pairs_lists_them_all() {
    let model = big_model(5000);
    let t = Templates::load(None, None).expect("templates");
    let checked = fx::checked(&model);
    let cat = checked.plan();
    let doc = cat
        .documents
        .iter()
        .find(|d| d.id == "order-pairs")
        .expect("planned");
    let start = Instant::now();
    let ctx = context::build(&checked.sources(), doc);
    let built = start.elapsed();
    let markup = t.render(&doc.template, &ctx).expect("renders");
    eprintln!(
        "order-pairs, 5000 pairs: context {built:?}, context + markup {:?}, {} KiB",
        start.elapsed(),
        markup.len() / 1024
    );
    assert!(markup.contains("Учеников4999 Иван Сергеевич"));
    assert!(markup.contains("Наставников2499 Пётр Ильич"));
    // One annex row per pair or group (here 2,500 groups of two), plus the
    // «ознакомлены» sheet, which lists the mentors and the curator.
    assert_eq!(
        markup.matches("<tr><td align=\"center\">").count(),
        2500 + 2501
    );
    assert_eq!(markup.matches(" Иван Сергеевич").count(), 5000);
}

#[test]
fn the_package_of_a_1000_participant_school_renders() {
    let model = big_model(600);
    let t = Templates::load(None, None).expect("templates");
    let checked = fx::checked(&model);
    let cat = checked.plan();
    let start = Instant::now();
    let mut total = 0;
    for doc in &cat.documents {
        let ctx = context::build(&checked.sources(), doc);
        total += t.render(&doc.template, &ctx).expect("renders").len();
    }
    eprintln!(
        "package of {} documents: context + markup {:?}, {} KiB",
        cat.documents.len(),
        start.elapsed(),
        total / 1024
    );
    assert!(cat.documents.len() > 300);
}
