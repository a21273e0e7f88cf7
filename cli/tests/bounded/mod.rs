//! Running the real binary as a hostile input would meet it: under a
//! 1 GiB address-space cap (`prlimit --as`, util-linux) and a time limit
//! (`timeout -s KILL`, coreutils), with its peak memory measured by GNU
//! time. A run that is killed, aborts or runs past its limit fails the test.
#![allow(dead_code)]

use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// The address-space cap every run gets: the issue's 1 GiB.
pub const MEMORY_CAP: u64 = 1 << 30;

/// A refusal must come within this (the issue's 5 s).
pub const REFUSAL: Duration = Duration::from_secs(5);

/// What one bounded run did.
#[derive(Debug)]
pub struct Run {
    pub code: Option<i32>,
    pub stdout: String,
    pub stderr: String,
    pub elapsed: Duration,
    /// Peak resident memory, KiB.
    pub peak_kib: u64,
}

/// Runs `nastavnik ARGS` bounded by [`MEMORY_CAP`] and `limit`, and
/// asserts it kept to both.
pub fn run<S: AsRef<OsStr>>(args: &[S], limit: Duration) -> Run {
    run_in(None, args, limit)
}

/// [`run`] in the working folder `cwd`.
pub fn run_in<S: AsRef<OsStr>>(cwd: Option<&Path>, args: &[S], limit: Duration) -> Run {
    let child = spawn(cwd, args, limit);
    finish(child, args, limit)
}

/// A bounded run started but not waited for (two runs at once).
pub struct Started {
    child: std::process::Child,
    files: tempfile::TempDir,
    start: Instant,
}

impl Started {
    /// The PID of nastavnik itself (`timeout` forks it, so not the child's).
    pub fn pid(&self) -> Option<u32> {
        std::fs::read_to_string(self.files.path().join("pid"))
            .ok()
            .and_then(|s| s.trim().parse().ok())
    }

    /// Whether the run has already ended.
    pub fn ended(&mut self) -> bool {
        matches!(self.child.try_wait(), Ok(Some(_)))
    }

    pub fn kill(&mut self) {
        if let Some(pid) = self.pid() {
            let _ = Command::new("kill")
                .arg("-KILL")
                .arg(pid.to_string())
                .status();
        }
        let _ = self.child.wait();
    }
}

pub fn spawn<S: AsRef<OsStr>>(cwd: Option<&Path>, args: &[S], limit: Duration) -> Started {
    let files = tempfile::tempdir().expect("tempdir");
    let out = std::fs::File::create(files.path().join("stdout")).expect("stdout file");
    let err = std::fs::File::create(files.path().join("stderr")).expect("stderr file");
    // sh records nastavnik's PID, then becomes prlimit, which becomes nastavnik.
    let script = r#"echo $$ > "$0"; exec prlimit --as="$1" -- "$2" "${@:3}""#;
    let mut cmd = Command::new("/usr/bin/time");
    cmd.arg("-f")
        .arg("%M")
        .arg("-o")
        .arg(files.path().join("time"))
        .arg("timeout")
        .arg("-s")
        .arg("KILL")
        .arg(format!("{}", limit.as_secs_f64()))
        .arg("bash")
        .arg("-c")
        .arg(script)
        .arg(files.path().join("pid"))
        .arg(MEMORY_CAP.to_string())
        .arg(env!("CARGO_BIN_EXE_nastavnik"))
        .args(args)
        .env("LC_ALL", "C.UTF-8")
        .stdin(Stdio::null())
        .stdout(out)
        .stderr(err);
    if let Some(cwd) = cwd {
        cmd.current_dir(cwd);
    }
    let child = cmd
        .spawn()
        .expect("GNU time, timeout, bash and prlimit run");
    Started {
        child,
        files,
        start: Instant::now(),
    }
}

pub fn finish<S: AsRef<OsStr>>(mut started: Started, args: &[S], limit: Duration) -> Run {
    let status = started.child.wait().expect("wait");
    let elapsed = started.start.elapsed();
    let read = |name: &str| {
        String::from_utf8_lossy(&std::fs::read(started.files.path().join(name)).unwrap_or_default())
            .into_owned()
    };
    let shown: Vec<String> = args
        .iter()
        .map(|a| a.as_ref().to_string_lossy().into_owned())
        .collect();
    let stderr = read("stderr");
    let peak_kib = read("time")
        .lines()
        .last()
        .and_then(|l| l.trim().parse().ok())
        .unwrap_or_else(|| panic!("no peak memory for {shown:?}: {}", read("time")));
    let code = status.code();
    assert!(
        !matches!(code, Some(124) | Some(137)) && elapsed < limit,
        "nastavnik {shown:?} ran past {limit:?}: {stderr}"
    );
    assert!(
        code.is_some_and(|c| c < 128),
        "nastavnik {shown:?} died (exit {code:?}), a crash or the memory cap: {stderr}"
    );
    assert!(
        peak_kib * 1024 < MEMORY_CAP,
        "nastavnik {shown:?} peaked at {peak_kib} KiB"
    );
    assert!(
        !stderr.contains("panicked") && !stderr.contains("RUST_BACKTRACE"),
        "a panic: {stderr}"
    );
    Run {
        code,
        stdout: read("stdout"),
        stderr,
        elapsed,
        peak_kib,
    }
}

/// `nastavnik init` into a fresh temporary folder: (tempdir, programme folder).
pub fn example() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = tmp.path().join("school");
    let out = Command::new(env!("CARGO_BIN_EXE_nastavnik"))
        .arg("init")
        .arg(&dir)
        .output()
        .expect("run nastavnik init");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    (tmp, dir)
}

/// Waits (at most 30 s) until a run started on the school `dir` holds its
/// lock `.out.lock`: from before it renders until it has written.
pub fn wait_for_lock(dir: &Path) {
    let lock = dir.join(".out.lock");
    let deadline = Instant::now() + Duration::from_secs(30);
    while !lock.exists() {
        assert!(Instant::now() < deadline, "the run never locked");
        std::thread::sleep(Duration::from_millis(5));
    }
}

/// Makes a FIFO at `path` (coreutils `mkfifo`).
pub fn mkfifo(path: &Path) {
    let status = Command::new("mkfifo")
        .arg(path)
        .status()
        .expect("mkfifo runs");
    assert!(status.success(), "mkfifo {}", path.display());
}

/// Asserts a refusal: exit code 2 and `expected` (the place and the
/// Russian message) in stderr.
pub fn assert_refused(run: &Run, expected: &str) {
    assert_eq!(run.code, Some(2), "{run:?}");
    assert!(
        run.stderr.contains(expected),
        "expected «{expected}» in:\n{}",
        run.stderr
    );
}

/// Every file under `dir`, with its bytes, sorted by path.
pub fn snapshot(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let mut entries: Vec<_> = std::fs::read_dir(&d)
            .expect("read_dir")
            .map(|e| e.expect("entry").path())
            .collect();
        entries.sort();
        for p in entries {
            if p.is_dir() {
                stack.push(p);
            } else {
                let bytes = std::fs::read(&p).expect("read");
                out.push((p, bytes));
            }
        }
    }
    out.sort();
    out
}
