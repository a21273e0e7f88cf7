//! Profiling aid: renders the 5,000-pair order N times from the model
//! (`perf record … target/release/examples/render_pairs 5`).
use nastavnik_engine::example;
use nastavnik_engine::package;
use nastavnik_engine::render::{context, docx, markup, templates::Templates};
use std::time::Instant;

fn main() {
    let n: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(5);
    let model = example::with_pairs(5000);
    let templates = Templates::load(None, None).expect("templates");
    let checked = package::Checked::with_profile(&model, None, None).expect("rules run");
    let plan = checked.plan();
    let doc = plan
        .documents
        .iter()
        .find(|d| d.id == "order-pairs")
        .expect("planned");
    let props = docx::DocProps {
        title: doc.title.clone(),
        subject: model.programme.title.clone(),
        author: model.organisation.short_name.clone(),
        gost: model.layout.gost.clone(),
    };
    let sources = checked.sources();
    for _ in 0..n {
        let t = Instant::now();
        let ctx = context::build(&sources, doc);
        let t1 = t.elapsed();
        let text = templates.render_owned(&doc.template, ctx).expect("renders");
        let t2 = t.elapsed();
        let parsed = markup::parse(&text, &doc.template).expect("parses");
        let t3 = t.elapsed();
        let bytes = docx::write(&parsed, &props).expect("writes");
        let t4 = t.elapsed();
        eprintln!(
            "context {t1:?}, handlebars {:?}, markup {:?}, docx {:?}; {} KiB markup, {} KiB docx",
            t2 - t1,
            t3 - t2,
            t4 - t3,
            text.len() / 1024,
            bytes.len() / 1024
        );
    }
}
