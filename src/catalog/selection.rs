//! Which of a corpus's files an index holds: every one, one shard of N (decided by the
//! file's path alone, so a file stays in its shard as the corpus grows and shards never
//! overlap), or those a list names. Shards of one corpus, indexed apart (on the machines
//! of a cluster), hold every file exactly once between them.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::corpus::{Listing, Skipped};
use crate::error::{Error, Result};

/// The files of the corpus an index holds.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Selection {
    #[default]
    All,
    /// Shard `index` (0-based) of `count`.
    Shard { index: u32, count: u32 },
    /// The files a list names, one path relative to the corpus folder a line.
    Listed(PathBuf),
}

impl Selection {
    /// `I/N` (0 ≤ I < N): shard I of N.
    pub fn shard(text: &str) -> std::result::Result<Selection, String> {
        let (index, count) = one_of(text)
            .ok_or_else(|| format!("{text:?} is not a shard: give I/N, 0 ≤ I < N (0/4 … 3/4)"))?;
        Ok(Selection::Shard { index, count })
    }

    /// Keeps in `listing` only the files selected; a listed file the corpus lacks is
    /// reported as skipped.
    pub fn apply(&self, listing: &mut Listing) -> Result<()> {
        match self {
            Selection::All => {}
            Selection::Shard { index, count } => listing
                .files
                .retain(|f| shard_of(&f.relative, *count) == *index),
            Selection::Listed(list) => {
                let mut wanted = listed(list)?;
                listing.files.retain(|f| wanted.remove(&f.relative));
                let mut missing: Vec<String> = wanted.into_iter().collect();
                missing.sort_unstable();
                listing
                    .skipped
                    .extend(missing.into_iter().map(|path| Skipped {
                        path,
                        reason: format!(
                            "listed in {} but not a text file of the corpus",
                            list.display()
                        ),
                    }));
            }
        }
        Ok(())
    }

    /// How the selection is written back as options (`--shard 1/4`), for messages.
    pub fn describe(&self) -> Option<String> {
        match self {
            Selection::All => None,
            Selection::Shard { index, count } => Some(format!("shard {index}/{count}")),
            Selection::Listed(list) => Some(format!("the files listed in {}", list.display())),
        }
    }
}

/// `I/N` with 0 ≤ I < N: one of N parts (a shard, a share of work).
pub fn one_of(text: &str) -> Option<(u32, u32)> {
    let (index, count) = text.split_once('/')?;
    let index: u32 = index.trim().parse().ok()?;
    let count: u32 = count.trim().parse().ok()?;
    (count > 0 && index < count).then_some((index, count))
}

/// The shard of `count` holding the file at `relative` (its path in the corpus).
pub fn shard_of(relative: &str, count: u32) -> u32 {
    (xxhash_rust::xxh3::xxh3_64(relative.as_bytes()) % u64::from(count.max(1))) as u32
}

/// The paths a list names: one a line, relative to the corpus folder (`./` and blank
/// lines allowed, `#` starts a comment line).
fn listed(list: &Path) -> Result<std::collections::HashSet<String>> {
    let text = std::fs::read_to_string(list).map_err(|e| Error::io(list, e))?;
    Ok(text
        .lines()
        .map(|l| l.trim().trim_start_matches("./").replace('\\', "/"))
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shards_split_the_files_once_each_and_stay_put_as_more_are_counted() {
        let paths: Vec<String> = (0..2000).map(|n| format!("docs/{n:05}.txt")).collect();
        let mut sizes = [0usize; 4];
        for p in &paths {
            sizes[shard_of(p, 4) as usize] += 1;
            assert_eq!(shard_of(p, 4), shard_of(p, 4));
        }
        assert_eq!(sizes.iter().sum::<usize>(), 2000);
        assert!(sizes.iter().all(|&s| (400..600).contains(&s)), "{sizes:?}");
    }

    #[test]
    fn a_shard_is_written_i_of_n() {
        assert_eq!(
            Selection::shard("1/4"),
            Ok(Selection::Shard { index: 1, count: 4 })
        );
        for bad in ["4/4", "1", "a/4", "0/0", "-1/4"] {
            assert!(Selection::shard(bad).is_err(), "{bad}");
        }
    }
}
