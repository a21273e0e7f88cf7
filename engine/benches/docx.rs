//! What the DOCX writer costs per document (issue 23): every document of
//! a 1,000-participant school's package, rendered to markup once, then
//! written to DOCX (`docx::write`: the body as text, the skeleton's parts
//! built by docx-rs once a run per shape and raw-copied, the zip).
//!
//! `cargo bench --locked -p nastavnik-engine --bench docx`; the time of
//! one iteration divided by the document count printed first is the
//! writer's cost per document.

use criterion::{criterion_group, criterion_main, Criterion};
use nastavnik_engine::example;
use nastavnik_engine::package;
use nastavnik_engine::render::{context, docx, markup, templates::Templates};
use std::hint::black_box;

fn bench(c: &mut Criterion) {
    let school = example::scaled(1000);
    let templates = Templates::load(None, None).expect("templates");
    let checked = package::Checked::with_profile(&school, None, None).expect("rules run");
    let plan = checked.plan();
    let sources = checked.sources();
    let props = docx::DocProps {
        title: "Документ".to_owned(),
        subject: school.programme.title.clone(),
        author: school.organisation.short_name.clone(),
        gost: school.layout.gost.clone(),
    };
    let docs: Vec<markup::Document> = plan
        .documents
        .iter()
        .map(|doc| {
            let ctx = context::build(&sources, doc);
            let text = templates.render(&doc.template, &ctx).expect("renders");
            markup::parse(&text, &doc.template).expect("parses")
        })
        .collect();
    let bytes: usize = docs
        .iter()
        .map(|d| docx::write(d, &props).expect("writes").len())
        .sum();
    eprintln!(
        "docx: {} documents of a 1,000-participant school, {} KiB",
        docs.len(),
        bytes / 1024
    );
    let mut group = c.benchmark_group("docx");
    group.sample_size(10);
    group.bench_function("write every document of a 1,000-participant school", |b| {
        b.iter(|| {
            docs.iter()
                .map(|d| docx::write(black_box(d), &props).expect("writes").len())
                .sum::<usize>()
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
