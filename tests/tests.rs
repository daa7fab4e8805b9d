//! Integration tests, one binary: each module covers one behaviour users rely on.

mod bad_input;
mod cli;
mod hostile;
mod incremental;
mod manifest;
mod mentions;
mod metadata;
mod recall;
mod repair;
mod safety;
mod shared_corpus;
mod trend;
mod util;
