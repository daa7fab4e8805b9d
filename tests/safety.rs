//! The index stays usable: a killed indexing run leaves the last complete index
//! searchable, a second run is refused while one is live, and a stale lock is taken over.

use std::path::Path;
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
        before.starts_with("301 documents match 尧柏水泥 (602 passages"),
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

/// Every path under `dir` with its size and modification time.
fn snapshot(dir: &std::path::Path) -> Vec<(String, u64, std::time::SystemTime)> {
    let mut all: Vec<_> = walkdir::WalkDir::new(dir)
        .into_iter()
        .map(|e| {
            let e = e.unwrap();
            let meta = e.metadata().unwrap();
            (
                e.path().display().to_string(),
                meta.len(),
                meta.modified().unwrap(),
            )
        })
        .collect();
    all.sort();
    all
}

#[test]
fn a_fresh_clones_index_folder_is_used_and_its_gitignore_kept() {
    // The clone holds `index/.gitignore` (issue 22: the README's first command refused it).
    let dir = corpus_copy(&[]);
    let keeper = Path::new(env!("CARGO_MANIFEST_DIR")).join("index/.gitignore");
    std::fs::create_dir_all(dir.path().join("index")).unwrap();
    std::fs::copy(&keeper, dir.path().join("index/.gitignore")).unwrap();
    let out = gongwen(dir.path(), &["search", "稳增长"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stdout(&out).contains("稳增长"), "{}", stdout(&out));
    assert_eq!(
        std::fs::read(dir.path().join("index/.gitignore")).unwrap(),
        std::fs::read(&keeper).unwrap()
    );
    // A second run reads the index it built.
    assert_eq!(gongwen(dir.path(), &["index"]).status.code(), Some(0));
    assert!(dir.path().join("index/.gitignore").is_file());
}

#[test]
fn only_gongwens_own_folders_are_written_or_removed() {
    let dir = corpus_copy(&[]);
    // A folder of someone else's, with names gongwen uses.
    let foreign = dir.path().join("foreign");
    std::fs::create_dir_all(foreign.join("gen-2021")).unwrap();
    std::fs::write(foreign.join("gen-2021/notes.txt"), "keep me").unwrap();
    std::fs::write(foreign.join("CURRENT"), "their file").unwrap();
    std::fs::write(foreign.join("LOCK"), "their lock").unwrap();
    let before = snapshot(&foreign);
    for args in [
        &["index", "--index", "foreign"][..],
        &["search", "稳", "--index", "foreign"][..],
    ] {
        let out = gongwen(dir.path(), args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(
            stderr(&out).contains("foreign cannot hold an index"),
            "{}",
            stderr(&out)
        );
    }
    assert_eq!(snapshot(&foreign), before, "nothing of theirs changed");
    // The corpus itself, a folder inside it, a file, a folder whose parent is missing.
    let corpus_before = snapshot(&dir.path().join("corpus"));
    for (index, says) in [
        ("corpus", "inside the corpus folder"),
        ("corpus/idx", "inside the corpus folder"),
        ("corpus/000_5761af68b6670f66.txt", "it is a file"),
        ("missing/idx", "its parent folder missing does not exist"),
    ] {
        let out = gongwen(dir.path(), &["index", "--index", index]);
        assert_eq!(out.status.code(), Some(2), "{index}");
        assert!(stderr(&out).contains(says), "{index}: {}", stderr(&out));
    }
    assert_eq!(snapshot(&dir.path().join("corpus")), corpus_before);
    assert!(!dir.path().join("missing").exists());
    // In gongwen's own index, a folder it did not record survives every run.
    assert_eq!(gongwen(dir.path(), &["index"]).status.code(), Some(0));
    let stranger = dir.path().join("index/gen-2021");
    std::fs::create_dir(&stranger).unwrap();
    for _ in 0..3 {
        assert_eq!(
            gongwen(dir.path(), &["index", "--rebuild"]).status.code(),
            Some(0)
        );
    }
    assert!(stranger.is_dir(), "an unrecorded folder is never removed");
    let generations = std::fs::read_dir(dir.path().join("index"))
        .unwrap()
        .filter(|e| {
            let name = e.as_ref().unwrap().file_name();
            name.to_string_lossy().starts_with("gen-1")
        })
        .count();
    assert_eq!(generations, 1, "runs remove the generations they recorded");
}

#[test]
fn damaged_files_are_named_and_rebuilt_never_answered_wrongly() {
    let dir = corpus_copy(&[]);
    assert_eq!(gongwen(dir.path(), &["index"]).status.code(), Some(0));
    let query = ["search", "稳", "--json"];
    let expected = stdout(&gongwen(dir.path(), &query));
    let generation = gongwen::catalog::current_generation(&dir.path().join("index")).unwrap();
    let mut names: Vec<String> = std::fs::read_dir(&generation)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| !n.starts_with(".tantivy") && n != "READERS")
        .collect();
    names.sort();
    let pristine = dir.path().join("pristine");
    std::fs::rename(dir.path().join("index"), &pristine).unwrap();
    for name in &names {
        let index = dir.path().join("index");
        let _ = std::fs::remove_dir_all(&index);
        copy_dir(&pristine, &index);
        let path = index.join(generation.file_name().unwrap()).join(name);
        let mut bytes = std::fs::read(&path).unwrap();
        let at = bytes.len() / 2;
        bytes[at] ^= 0x10;
        std::fs::write(&path, bytes).unwrap();
        let verify = gongwen(dir.path(), &["index", "--verify"]);
        assert_eq!(verify.status.code(), Some(2), "{name}: {}", stdout(&verify));
        let shown = name.rsplit('.').next().unwrap();
        assert!(
            stdout(&verify).contains(shown) && stderr(&verify).contains("index --rebuild"),
            "{name}: {}{}",
            stdout(&verify),
            stderr(&verify)
        );
        // A search answers rightly (after a rebuild it announces) or refuses, for every
        // file a search checks; postings, positions and stored text are checked by
        // `--verify` and by every indexing run only (the README says so).
        let out = gongwen(dir.path(), &query);
        let checked_by_search =
            !name.ends_with(".idx") && !name.ends_with(".pos") && !name.ends_with(".store");
        match out.status.code() {
            Some(0) if checked_by_search => {
                assert_eq!(stdout(&out), expected, "{name}: a wrong answer");
            }
            Some(0) => {}
            Some(2) => assert!(stderr(&out).contains("damaged"), "{name}: {}", stderr(&out)),
            other => panic!("{name}: exit {other:?}: {}", stderr(&out)),
        }
        // And the next indexing run never builds on the damage.
        let out = gongwen(dir.path(), &["index"]);
        assert_eq!(out.status.code(), Some(0), "{name}: {}", stderr(&out));
        assert_eq!(stdout(&gongwen(dir.path(), &query)), expected, "{name}");
        let verify = gongwen(dir.path(), &["index", "--verify"]);
        assert_eq!(verify.status.code(), Some(0), "{name}: {}", stdout(&verify));
    }
}

fn copy_dir(from: &std::path::Path, to: &std::path::Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

#[test]
fn readers_keep_their_generation_while_runs_publish() {
    use gongwen::catalog::IndexHandle;
    use gongwen::indexer::{self, BuildOptions};
    use gongwen::search::{self, Filters, Sort, query};
    let dir = corpus_copy(&[]);
    let (corpus, index) = (dir.path().join("corpus"), dir.path().join("index"));
    let rebuild = BuildOptions {
        rebuild: true,
        ..BuildOptions::default()
    };
    indexer::build(&corpus, &index, &rebuild, &mut |_| {}).unwrap();
    let handle = IndexHandle::open(&index).unwrap();
    let held = handle.generation().to_path_buf();
    let count = |h: &IndexHandle| {
        let q = query::parse("尧柏水泥").unwrap();
        search::search(h, &q, &Filters::default(), Sort::Relevance, 10)
            .unwrap()
            .passages
    };
    let before = count(&handle);
    for _ in 0..3 {
        indexer::build(&corpus, &index, &rebuild, &mut |_| {}).unwrap();
    }
    assert!(held.is_dir(), "a generation a reader holds is kept");
    // Its documents are read on demand, long after newer generations were published.
    assert_eq!(count(&handle), before);
    assert!(handle.catalog.documents().is_ok());
    drop(handle);
    indexer::build(&corpus, &index, &rebuild, &mut |_| {}).unwrap();
    assert!(!held.exists(), "released, it goes at the next run");
    // A run that finds nothing changed publishes nothing.
    let current = std::fs::read_to_string(index.join("CURRENT")).unwrap();
    let summary = indexer::build(&corpus, &index, &BuildOptions::default(), &mut |_| {}).unwrap();
    assert_eq!((summary.added, summary.changed, summary.removed), (0, 0, 0));
    assert_eq!(
        std::fs::read_to_string(index.join("CURRENT")).unwrap(),
        current
    );
}

#[test]
fn searches_during_index_runs_never_fail() {
    let dir = corpus_copy(&[]);
    assert_eq!(gongwen(dir.path(), &["index"]).status.code(), Some(0));
    let expected = stdout(&gongwen(dir.path(), &["search", "尧柏水泥", "--json"]));
    use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
    let stop = AtomicBool::new(false);
    let runs = AtomicUsize::new(0);
    std::thread::scope(|scope| {
        scope.spawn(|| {
            while !stop.load(Ordering::Relaxed) {
                let out = gongwen(dir.path(), &["index", "--rebuild"]);
                assert!(matches!(out.status.code(), Some(0 | 2)), "{}", stderr(&out));
                runs.fetch_add(1, Ordering::Relaxed);
            }
        });
        // Searches go on until many runs have published under them, however fast or
        // slow this machine is.
        let mut n = 0;
        while n < 100 || runs.load(Ordering::Relaxed) < 10 {
            let out = gongwen(dir.path(), &["search", "尧柏水泥", "--json"]);
            assert_eq!(out.status.code(), Some(0), "search {n}: {}", stderr(&out));
            assert_eq!(stdout(&out), expected, "search {n}");
            n += 1;
        }
        stop.store(true, Ordering::Relaxed);
    });
}

#[test]
fn a_failed_run_removes_its_generation_and_searches_go_on() {
    let dir = corpus_copy(&[]);
    assert_eq!(gongwen(dir.path(), &["index"]).status.code(), Some(0));
    let index = dir.path().join("index");
    let before = snapshot(&index);
    let expected = stdout(&gongwen(dir.path(), &["search", "稳", "--json"]));
    // A full disk, as a file size limit: writes fail with EFBIG (the signal ignored).
    let out = Command::new("sh")
        .arg("-c")
        .arg(format!(
            "trap '' XFSZ; ulimit -f 20; exec {} index --rebuild",
            env!("CARGO_BIN_EXE_gongwen")
        ))
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("it was removed, the index in use is unchanged"),
        "{}",
        stderr(&out)
    );
    let after: Vec<_> = snapshot(&index)
        .into_iter()
        .filter(|(p, _, _)| !p.ends_with("LOCK") && !p.ends_with("gongwen-index.json"))
        .collect();
    let before: Vec<_> = before
        .into_iter()
        .filter(|(p, _, _)| !p.ends_with("LOCK") && !p.ends_with("gongwen-index.json"))
        .collect();
    assert_eq!(after.len(), before.len(), "the partial generation is gone");
    let out = gongwen(dir.path(), &["search", "稳", "--json"]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(stdout(&out), expected);
}

#[test]
fn searching_writes_nothing_and_needs_no_corpus() {
    let dir = corpus_copy(&[]);
    assert_eq!(gongwen(dir.path(), &["index"]).status.code(), Some(0));
    let index = dir.path().join("index");
    let before = snapshot(&index);
    let expected = stdout(&gongwen(dir.path(), &["search", "稳", "--json"]));
    assert_eq!(
        snapshot(&index),
        before,
        "a search writes nothing (read-only media)"
    );
    // The corpus moved away, or its mount point empty: answered from the index.
    let corpus = dir.path().join("corpus");
    std::fs::rename(&corpus, dir.path().join("moved")).unwrap();
    let out = gongwen(dir.path(), &["search", "稳", "--json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(stdout(&out), expected);
    assert!(
        stderr(&out).contains("not found; answering from the index as built on 20"),
        "{}",
        stderr(&out)
    );
    std::fs::create_dir(&corpus).unwrap();
    let out = gongwen(dir.path(), &["search", "稳", "--json"]);
    assert_eq!(stdout(&out), expected);
    assert!(
        stderr(&out).contains("is empty; answering"),
        "{}",
        stderr(&out)
    );
    assert_eq!(snapshot(&index), before);
}

#[test]
fn messages_name_what_is_wrong() {
    let dir = corpus_copy(&[]);
    let out = gongwen(dir.path(), &["search", "稳", "--speaker", "-赵"]);
    assert_eq!(
        out.status.code(),
        Some(1),
        "a value, not a flag: {}",
        stderr(&out)
    );
    let out = gongwen(
        dir.path(),
        &["search", "稳", "--from", "2025", "--to", "2020"],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("the dates from 2025 to 2020 end before they start"),
        "{}",
        stderr(&out)
    );
    std::fs::write(dir.path().join("afile"), "x").unwrap();
    let out = gongwen(dir.path(), &["index", "--index", "afile"]);
    assert!(
        stderr(&out).contains("afile cannot hold an index: it is a file, not a folder"),
        "{}",
        stderr(&out)
    );
}
