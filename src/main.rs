//! The `gongwen` binary: parses arguments ([`cli`]), resolves them into a `Config`
//! once, runs the command and maps the outcome to an exit code (0 hits, 1 none,
//! 2 error). A closed pipe (`| head`) ends the run quietly. Hints that name flags are
//! added here, not in the library.

mod cli;
mod counting_args;
mod flag_values;
mod raw_args;
mod research_args;

use std::io::{self, BufWriter, Write};
use std::process::ExitCode;

use clap::Parser;
use gongwen::Error;

use cli::Cli;

/// mimalloc reuses freed memory where the system allocator hands large blocks back
/// and faults fresh pages in again: indexing the sample corpus takes 5.7 s instead of
/// 6.9 s, the concordance of 的 as JSON 0.63 s instead of 0.80 s. It commits its arenas
/// as used (`.cargo/config.toml`) and returns freed memory at once
/// ([`allocator_options`]): with its defaults, every command peaked higher than with the
/// system allocator (a quarter to a half; `names` 97 MB instead of 72 MB even with the
/// arenas committed as used).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// mimalloc reads its options from the environment as the process starts.
const ARENA_RESERVE: (&str, &str) = ("MIMALLOC_ARENA_RESERVE", "4MiB");

/// The PDF helper limits its address space (the PDF reader's memory budget), and
/// mimalloc reserves address space a gigabyte at a time, before `main`: a helper would
/// fail on its first PDF. Started again with small reserves (once: the environment says
/// so), its address space follows what it uses and the limit bounds its memory. When
/// that start fails, the helper goes on as it is and reports the PDF unread.
fn small_arenas() {
    let (name, value) = ARENA_RESERVE;
    if std::env::var_os(name).is_some_and(|v| v == value) {
        return;
    }
    let Ok(exe) = std::env::current_exe() else {
        return;
    };
    use std::os::unix::process::CommandExt;
    // Returns only when the start failed; stdin and stdout (the PDF, its text) carry over.
    let _ = std::process::Command::new(exe)
        .args(std::env::args_os().skip(1))
        .env(name, value)
        .exec();
}

/// Freed memory goes back to the system at once, not a second later (mimalloc's
/// default), so that a command's peak is what it holds, not what it held.
fn allocator_options() {
    // `mi_option_purge_delay` in mimalloc 3's `mi_option_t` (include/mimalloc.h,
    // counting from `mi_option_show_errors` = 0); the Rust bindings do not name it.
    const PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;
    // SAFETY: setting an option stores a number in mimalloc's option table; nothing else
    // runs yet, and every later read takes the number as it is.
    unsafe { libmimalloc_sys::mi_option_set(PURGE_DELAY, 0) };
}

fn main() -> ExitCode {
    allocator_options();
    // Started by an indexing run to read one PDF in a process of its own.
    if std::env::args_os()
        .nth(1)
        .is_some_and(|a| a == gongwen::corpus::sandbox::HELPER_ARG)
    {
        small_arenas();
        return ExitCode::from(gongwen::corpus::sandbox::helper_main() as u8);
    }
    let cli = Cli::parse_from(raw_args::prepare_args(std::env::args_os()));
    let stdout = io::stdout();
    // Large writes: a concordance can be half a million lines.
    let mut out = BufWriter::with_capacity(1 << 16, stdout.lock());
    let mut err = io::stderr();
    let outcome = cli.into_config().and_then(|config| {
        let code = gongwen::commands::run(config, &mut out, &mut err)?;
        out.flush().map_err(|e| Error::io("<stdout>", e))?;
        Ok(code)
    });
    match outcome {
        Ok(code) => ExitCode::from(code as u8),
        Err(e) if is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            let _ = writeln!(err, "gongwen: {e}{}", hint(&e));
            ExitCode::from(2)
        }
    }
}

/// What the user can type to get past an error, if a command does it.
fn hint(e: &Error) -> String {
    let text = match e {
        Error::MissingIndex(path) => {
            return format!(
                ": check the folder's name, or build it with `gongwen index --index {}`",
                path.display()
            );
        }
        Error::NothingToOpen { .. } => {
            ": run gongwen in the folder that holds corpus/ (the project folder), or pass \
             --corpus DIR (and --index DIR)"
        }
        Error::MissingCorpus(_) => {
            ": pass the folder of your documents with --corpus DIR, or run gongwen in the \
             project folder (the one holding corpus/)"
        }
        Error::IncompatibleIndex { .. } => ": run `gongwen index --rebuild`",
        Error::OverBudget { .. } => {
            "; narrow the sets (year:, doc_type:, --vs …), or allow more with --memory SIZE"
        }
        Error::NewerIndex { .. } => {
            ": use the gongwen that wrote it, or build it again for this one with \
             `gongwen index` (the newer gongwen then builds it again in turn)"
        }
        Error::Damaged { .. } => {
            ": run `gongwen index --rebuild` to build it again from the corpus"
        }
        Error::NotAnIndexFolder { .. } => {
            ": give --index an empty or new folder (gongwen writes only into its own)"
        }
        Error::Tantivy { .. } => {
            " (the index may be damaged: `gongwen index --verify` checks every file)"
        }
        _ => "",
    };
    text.to_string()
}

fn is_broken_pipe(e: &Error) -> bool {
    matches!(e, Error::Io { source, .. } if source.kind() == io::ErrorKind::BrokenPipe)
}
