//! `gongwen serve`: builds or updates the index as any command does, then hands it to
//! the server, which follows it as new generations are published.

use std::io::Write;

use super::open_or_build;
use crate::catalog::LiveIndex;
use crate::config::ServeConfig;
use crate::error::Result;

pub fn run(config: &ServeConfig, out: &mut dyn Write, err: &mut dyn Write) -> Result<i32> {
    drop(open_or_build(&config.location, err)?);
    let live = LiveIndex::open(&config.location.index)?;
    crate::server::serve(live, config, out, err)?;
    Ok(0)
}
