//! `check` over a 10,000-participant programme: the example school scaled
//! up (`example::scaled`: mentors, mentees, pairs and survey answers copied
//! under new names and rows). Whole-process figure (XLSX load included):
//! `scripts/bench.sh`.

use criterion::{criterion_group, criterion_main, Criterion};
use nastavnik_engine::example;
use nastavnik_engine::rules::RuleSet;
use std::hint::black_box;

fn bench(c: &mut Criterion) {
    let model = example::scaled(10_000);
    let set = match RuleSet::load(None, None) {
        Ok(s) => s,
        Err(e) => panic!("{e}"),
    };
    // The rules must pass their limits on this size, or the figure means nothing.
    match set.check(&model) {
        Ok(r) => eprintln!(
            "{} participants, {} pairs: {} findings, {} rules in force",
            model.mentors.len() + model.mentees.len(),
            model.pairs.len(),
            r.findings.len(),
            r.summary.rules_in_force
        ),
        Err(e) => panic!("{e}"),
    }
    let mut group = c.benchmark_group("check");
    group.sample_size(10);
    group.bench_function("10000 participants", |b| {
        b.iter(|| set.check(black_box(&model)).map(|r| r.summary.errors))
    });
    group.bench_function("load rules (compile)", |b| {
        b.iter(|| RuleSet::load(None, None).map(|s| s.rules().len()))
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
