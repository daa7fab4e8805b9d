//! Reading PDFs in a child process. The PDF reader (`pdf-extract`) is a large parser of
//! a hostile format: an 857-byte file whose form draws itself overflows its stack (an
//! abort no thread can catch), a page tree that loops spins forever, a small compressed
//! stream inflates to gigabytes. Run in a helper process with a memory limit, a CPU
//! limit and a wall-clock deadline, such a file costs its own helper, never the run:
//! it is skipped with the reason and indexing goes on.
//!
//! The helper is the `gongwen` binary itself, started with [`HELPER_ARG`]; its `main`
//! hands over to [`helper_main`]. A library user that trusts its PDFs may read them in
//! process ([`Sandbox::InProcess`], the default).

use std::io::{Read, Write};
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// First argument that makes the `gongwen` binary a PDF helper.
pub const HELPER_ARG: &str = "--gongwen-pdf-helper";
/// Address space a helper may use (limits what a decompression bomb can take; its
/// resident memory stays below it, the run's under 500 MB).
pub const HELPER_MEMORY_BYTES: u64 = 384 << 20;
/// Wall-clock time a helper may take over one PDF.
pub const HELPER_SECONDS: u64 = 15;
/// Exit code of a helper that read the PDF and refuses it (the reason on stdout).
const REFUSED: i32 = 3;

/// Where PDFs are read.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum Sandbox {
    /// In this process: no protection from hostile PDFs.
    #[default]
    InProcess,
    /// In a child process of this executable (the `gongwen` binary), under budgets.
    Helper(PathBuf),
}

impl Sandbox {
    /// The text layer of a PDF, or why it cannot be had.
    pub fn pdf_to_text(&self, bytes: &[u8]) -> Result<String, String> {
        match self {
            Sandbox::InProcess => super::formats::pdf_to_text(bytes),
            Sandbox::Helper(exe) => in_helper(exe, bytes),
        }
    }
}

/// Reads one PDF in a helper process, within [`HELPER_SECONDS`].
fn in_helper(exe: &std::path::Path, bytes: &[u8]) -> Result<String, String> {
    let mut child = Command::new(exe)
        .arg(HELPER_ARG)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| format!("the PDF helper {} cannot start: {e}", exe.display()))?;
    let mut stdin = child.stdin.take().expect("stdin is piped");
    let mut stdout = child.stdout.take().expect("stdout is piped");
    let output = std::thread::scope(|scope| {
        // Written and read on threads: a helper that stops reading or writing cannot
        // block the run, only run out its deadline.
        scope.spawn(move || {
            let _ = stdin.write_all(bytes);
        });
        let reader = scope.spawn(move || {
            let mut out = Vec::new();
            let limit = super::MAX_DOCUMENT_BYTES;
            let _ = (&mut stdout).take(limit).read_to_end(&mut out);
            out
        });
        let status = wait_until(&mut child, Duration::from_secs(HELPER_SECONDS));
        (status, reader.join().unwrap_or_default())
    });
    let (status, out) = output;
    let text = String::from_utf8_lossy(&out).into_owned();
    match status {
        None => Err(format!(
            "reading it took longer than {HELPER_SECONDS} s (a page tree that loops, or too many pages)"
        )),
        Some(status) if status.success() => Ok(text),
        Some(status) if status.code() == Some(REFUSED) => Err(text),
        Some(_) => Err(format!(
            "the PDF reader failed on it (it recurses without end or needs more than {} MB)",
            HELPER_MEMORY_BYTES >> 20
        )),
    }
}

/// Waits for `child` up to `deadline`; kills it past that and returns `None`.
fn wait_until(
    child: &mut std::process::Child,
    deadline: Duration,
) -> Option<std::process::ExitStatus> {
    let started = Instant::now();
    let mut pause = Duration::from_millis(1);
    loop {
        match child.try_wait() {
            Ok(Some(status)) => return Some(status),
            Ok(None) if started.elapsed() < deadline => {
                std::thread::sleep(pause);
                pause = (pause * 2).min(Duration::from_millis(50));
            }
            _ => {
                let _ = child.kill();
                let _ = child.wait();
                return None;
            }
        }
    }
}

/// The helper's side: limits itself, reads a PDF from stdin, writes its text (exit 0)
/// or the reason it has none (exit [`REFUSED`]) to stdout.
pub fn helper_main() -> i32 {
    limit(libc::RLIMIT_AS, HELPER_MEMORY_BYTES);
    limit(libc::RLIMIT_CPU, HELPER_SECONDS * 2);
    let mut bytes = Vec::new();
    if std::io::stdin()
        .take(super::MAX_DOCUMENT_BYTES)
        .read_to_end(&mut bytes)
        .is_err()
    {
        return REFUSED;
    }
    let (text, code) = match super::formats::pdf_to_text(&bytes) {
        Ok(text) => (text, 0),
        Err(reason) => (reason, REFUSED),
    };
    let mut stdout = std::io::stdout().lock();
    if stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush())
        .is_err()
    {
        return REFUSED;
    }
    code
}

/// Lowers one resource limit of this process.
fn limit(resource: libc::__rlimit_resource_t, value: u64) {
    let limit = libc::rlimit {
        rlim_cur: value,
        rlim_max: value,
    };
    // SAFETY: setrlimit reads the struct passed by reference and changes only this
    // process's limits; a failure leaves the limit as it was.
    unsafe {
        libc::setrlimit(resource, &limit);
    }
}
