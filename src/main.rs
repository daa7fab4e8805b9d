//! The `gongwen` binary: parses arguments, runs the command, maps the outcome to an
//! exit code (0 hits, 1 none, 2 error). A closed pipe (`| head`) ends the run quietly.

use std::io::{self, BufWriter, Write};
use std::process::ExitCode;

use clap::Parser;
use gongwen::cli::Cli;

fn main() -> ExitCode {
    let cli = Cli::parse_from(gongwen::cli::prepare_args(std::env::args_os()));
    let stdout = io::stdout();
    // Large writes: a concordance can be half a million lines.
    let mut out = BufWriter::with_capacity(1 << 16, stdout.lock());
    let mut err = io::stderr();
    let outcome = gongwen::commands::run(cli, &mut out, &mut err).and_then(|code| {
        out.flush().map_err(|e| gongwen::Error::io("<stdout>", e))?;
        Ok(code)
    });
    match outcome {
        Ok(code) => ExitCode::from(code as u8),
        Err(e) if is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            let _ = writeln!(err, "gongwen: {e}");
            ExitCode::from(2)
        }
    }
}

fn is_broken_pipe(e: &gongwen::Error) -> bool {
    matches!(e, gongwen::Error::Io { source, .. } if source.kind() == io::ErrorKind::BrokenPipe)
}
