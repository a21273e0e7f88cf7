//! The step limit of template work ([`steps::MAX_STEPS`]) leaves real
//! documents far below it: the pairs order of a 5,000-pair school and
//! every document of a large school take a small share of it.

mod templates_support;

use nastavnik_engine::model::{Group, Pair};
use nastavnik_engine::render::{context, steps, templates::Templates};
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
fn real_documents_take_a_small_share_of_the_step_limit() {
    let model = big_model(5000);
    let t = Templates::load(None, None).expect("templates");
    let checked = fx::checked(&model);
    let cat = checked.plan();
    let mut most = (0, String::new());
    for doc in cat.documents.iter().filter(|d| !d.id.contains("-0")) {
        let ctx = context::build(&checked.sources(), doc);
        t.render(&doc.template, &ctx).expect("renders");
        if steps::taken() > most.0 {
            most = (steps::taken(), doc.id.clone());
        }
    }
    eprintln!("most steps: {most:?} of {}", steps::MAX_STEPS);
    assert!(most.0 * 20 < steps::MAX_STEPS, "{most:?}");
}
