//! The index stays usable: a killed indexing run leaves the last complete index
//! searchable, a second run is refused while one is live, and a stale lock is taken over.

use std::process::{Command, Stdio};
use std::time::Duration;

use crate::util::{corpus_copy, gongwen, stderr, stdout};

/// A corpus big enough for `index` to be mid-run when killed: the samples many times.
fn big_corpus(copies: usize) -> tempfile::TempDir {
    let dir = corpus_copy(&[]);
    let corpus = dir.path().join("corpus");
    let samples: Vec<_> = std::fs::read_dir(&corpus)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    for n in 0..copies {
        let sub = corpus.join(format!("copy{n:03}"));
        std::fs::create_dir(&sub).unwrap();
        for s in &samples {
            std::fs::copy(s, sub.join(s.file_name().unwrap())).unwrap();
        }
    }
    dir
}

#[test]
fn killed_index_runs_leave_the_last_complete_index_searchable() {
    // Big enough for an optimised build to be still running 1.5 s after it starts.
    let dir = big_corpus(300);
    assert_eq!(gongwen(dir.path(), &["index"]).status.code(), Some(0));
    let before = stdout(&gongwen(
        dir.path(),
        &["search", "尧柏水泥", "--limit", "0"],
    ));
    assert!(
        before.starts_with("602 passages in 301 documents"),
        "{before}"
    );
    let lock = dir.path().join("index/LOCK");
    for delay_ms in [0, 100, 400, 1500] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_gongwen"))
            .args(["index", "--rebuild"])
            .current_dir(dir.path())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        // Kill at points after the run has taken its lock and started its generation.
        let started = std::time::Instant::now();
        while !lock.exists() && started.elapsed() < Duration::from_secs(20) {
            std::thread::sleep(Duration::from_millis(5));
        }
        std::thread::sleep(Duration::from_millis(delay_ms));
        let finished = child.try_wait().unwrap().is_some();
        let _ = child.kill(); // SIGKILL
        let _ = child.wait();
        assert!(
            !finished,
            "the run ended before the kill at {delay_ms} ms: corpus too small"
        );
        assert!(
            lock.exists(),
            "the lock file stays (its OS lock died with the run)"
        );
        let after = gongwen(dir.path(), &["search", "尧柏水泥", "--limit", "0"]);
        assert_eq!(
            after.status.code(),
            Some(0),
            "after a kill at {delay_ms} ms: {}",
            stderr(&after)
        );
        assert_eq!(stdout(&after), before, "after a kill at {delay_ms} ms");
    }
    // The next run takes over the dead run's lock and completes; partial generations go.
    let out = gongwen(dir.path(), &["index"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(
        stdout(&gongwen(
            dir.path(),
            &["search", "尧柏水泥", "--limit", "0"]
        )),
        before
    );
    let generations = std::fs::read_dir(dir.path().join("index"))
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .file_name()
                .to_string_lossy()
                .starts_with("gen-")
        })
        .count();
    assert!(generations <= 2, "{generations} generations left");
}

#[test]
fn a_live_lock_refuses_a_second_run_and_a_stale_one_is_taken_over() {
    let dir = corpus_copy(&[]);
    let index = dir.path().join("index");
    assert_eq!(gongwen(dir.path(), &["index"]).status.code(), Some(0));
    // An OS lock held by a live run (this test process) refuses a second run.
    let lock = std::fs::OpenOptions::new()
        .write(true)
        .open(index.join("LOCK"))
        .unwrap();
    lock.try_lock().unwrap();
    std::fs::write(index.join("LOCK"), std::process::id().to_string()).unwrap();
    let out = gongwen(dir.path(), &["index", "--rebuild"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains(&format!(
            "locked by another indexing run (pid {})",
            std::process::id()
        )),
        "{}",
        stderr(&out)
    );
    // An empty lock file (the holder had not written its pid yet): no "pid 0".
    std::fs::write(index.join("LOCK"), "").unwrap();
    let out = gongwen(dir.path(), &["index", "--rebuild"]);
    assert!(
        stderr(&out).contains("locked by another indexing run; try again"),
        "{}",
        stderr(&out)
    );
    // A search meanwhile answers from the index as it is.
    let out = gongwen(dir.path(), &["search", "稳增长", "--limit", "1"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    drop(lock);
    // The pid of a run that has ended (or of another process since a reboot) holds
    // nothing: only the OS lock counts, and it dies with its holder.
    let mut ended = Command::new("true").spawn().unwrap();
    let dead = ended.id();
    ended.wait().unwrap();
    std::fs::write(index.join("LOCK"), dead.to_string()).unwrap();
    let out = gongwen(dir.path(), &["index", "--rebuild"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let lock = std::fs::File::open(index.join("LOCK")).unwrap();
    assert!(lock.try_lock().is_ok(), "the lock is released at the end");
}
