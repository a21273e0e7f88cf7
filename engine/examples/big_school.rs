//! Writes a large school for the benchmarks (`scripts/bench.sh`): the
//! example of `nastavnik init` scaled up, as programme.json + XLSX.
//!
//! ```sh
//! cargo run --release -p nastavnik-engine --example big_school -- DIR --participants 1000
//! cargo run --release -p nastavnik-engine --example big_school -- DIR --pairs 5000
//! ```

use nastavnik_engine::example;
use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let usage = "big_school DIR (--participants N | --pairs N)";
    let (Some(dir), Some(flag), Some(n)) = (args.first(), args.get(1), args.get(2)) else {
        eprintln!("{usage}");
        return ExitCode::from(2);
    };
    let Ok(n) = n.parse::<usize>() else {
        eprintln!("{usage}: N — целое число");
        return ExitCode::from(2);
    };
    let model = match flag.as_str() {
        "--participants" => example::scaled(n),
        "--pairs" => example::with_pairs(n),
        _ => {
            eprintln!("{usage}");
            return ExitCode::from(2);
        }
    };
    let dir = PathBuf::from(dir);
    let files = match example::files_of(&model) {
        Ok(f) => f,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(2);
        }
    };
    for (name, bytes) in files {
        let path = dir.join(name);
        if let Some(parent) = path.parent() {
            if let Err(e) = std::fs::create_dir_all(parent) {
                eprintln!("{}: {e}", parent.display());
                return ExitCode::from(2);
            }
        }
        if let Err(e) = std::fs::write(&path, bytes) {
            eprintln!("{}: {e}", path.display());
            return ExitCode::from(2);
        }
    }
    println!(
        "{}: {} наставников, {} наставляемых, {} пар, {} пар и групп",
        dir.display(),
        model.mentors.len(),
        model.mentees.len(),
        model.pairs.len(),
        model.groups.len()
    );
    ExitCode::SUCCESS
}
