//! The package benchmarks of issue 3 (in process, release build):
//! - the pairs order of a school with 5,000 pairs, read from its XLSX
//!   (load + validate + rules + render `order-pairs`);
//! - the whole package of a 1,000-participant school (from the model);
//! - a batch of 20 schools of 250 participants, rendered with rayon.
//!
//! Whole-process time and peak memory of the binary: `scripts/bench.sh`.

use criterion::{criterion_group, criterion_main, Criterion};
use nastavnik_engine::example;
use nastavnik_engine::load::{self, Loaded};
use nastavnik_engine::model::Model;
use nastavnik_engine::package::{self, Options};
use nastavnik_engine::render::{context, docx, markup, templates::Templates};
use rayon::prelude::*;
use std::hint::black_box;
use std::path::{Path, PathBuf};

fn loaded(model: Model) -> Loaded {
    Loaded {
        model,
        programme_path: PathBuf::from("programme.json"),
        base_dir: PathBuf::from("."),
        inputs: Vec::new(),
        notices: Vec::new(),
    }
}

fn write_school(dir: &Path, model: &Model) {
    for (name, bytes) in example::files_of(model).expect("files") {
        let path = dir.join(name);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("dir");
        std::fs::write(path, bytes).expect("write");
    }
}

fn bytes(files: &[package::DocxFile]) -> usize {
    files.iter().map(|(_, b)| b.len()).sum()
}

fn bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("package");
    group.sample_size(10);

    // 5,000 pairs, from the XLSX tables.
    let tmp = tempfile::tempdir().expect("tempdir");
    let pairs_school = example::with_pairs(5000);
    write_school(tmp.path(), &pairs_school);
    let only = Options {
        only: Some(vec!["order-pairs".to_owned()]),
        ..Options::default()
    };
    let run_pairs = || {
        let l = load::load(tmp.path()).expect("loads");
        package::render(&l, &only).expect("renders").0
    };
    let files = run_pairs();
    eprintln!(
        "order-pairs: {} pairs, {} groups, {} KiB",
        pairs_school.pairs.len(),
        pairs_school.groups.len(),
        bytes(&files) / 1024
    );
    group.bench_function("order-pairs, 5000 pairs from XLSX", |b| {
        b.iter(|| black_box(run_pairs().len()))
    });
    // The order alone, from the model: context → Handlebars → markup → DOCX,
    // without reading the tables or running the rules.
    let templates = Templates::load(None, None).expect("templates");
    let checked = package::Checked::with_profile(&pairs_school, None, None).expect("rules run");
    let plan = checked.plan();
    let doc = plan
        .documents
        .iter()
        .find(|d| d.id == "order-pairs")
        .expect("order-pairs planned");
    let props = docx::DocProps {
        title: doc.title.clone(),
        subject: pairs_school.programme.title.clone(),
        author: pairs_school.organisation.short_name.clone(),
        gost: pairs_school.layout.gost.clone(),
    };
    let sources = checked.sources();
    group.bench_function("order-pairs, 5000 pairs, render only", |b| {
        b.iter(|| {
            let ctx = context::build(&sources, doc);
            let text = templates.render(&doc.template, &ctx).expect("renders");
            let parsed = markup::parse(&text, &doc.template).expect("parses");
            docx::write(&parsed, &props).expect("writes").len()
        })
    });

    // The whole package of a 1,000-participant school.
    let big = loaded(example::scaled(1000));
    let (files, _) = package::render(&big, &Options::default()).expect("renders");
    eprintln!(
        "package: {} participants, {} documents, {} KiB",
        big.model.mentors.len() + big.model.mentees.len(),
        files.len(),
        bytes(&files) / 1024
    );
    group.bench_function("whole package, 1000 participants", |b| {
        b.iter(|| {
            package::render(black_box(&big), &Options::default())
                .map(|(f, _)| f.len())
                .expect("renders")
        })
    });

    // A batch: 20 schools of 250 participants.
    let schools: Vec<Loaded> = (0..20).map(|_| loaded(example::scaled(250))).collect();
    group.bench_function("batch of 20 schools, 250 participants each", |b| {
        b.iter(|| {
            schools
                .par_iter()
                .map(|s| {
                    package::render(s, &Options::default())
                        .map(|(f, _)| f.len())
                        .expect("renders")
                })
                .sum::<usize>()
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
