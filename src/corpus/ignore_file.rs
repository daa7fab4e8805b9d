//! `.gongwenignore`: what in the corpus folder is not a document — a README, notes, a
//! folder of drafts — written as a `.gitignore` is (one pattern a line, `#` comments,
//! `!` to take a pattern back, `/` anchoring, `**`), as `rg` and `fd` honour `.ignore`.
//! Only the file at the top of the corpus folder is read.

use std::path::Path;

use ignore::gitignore::{Gitignore, GitignoreBuilder};

use super::Skipped;

/// The ignore file's name, at the top of the corpus folder.
pub const IGNORE_FILE: &str = ".gongwenignore";

/// The patterns of a corpus's ignore file (none without one).
pub struct Ignored {
    matcher: Option<Gitignore>,
}

impl Ignored {
    /// Reads `root`'s ignore file, within the side-file budget. A line that is no valid
    /// pattern, or a file that cannot be read, is named in the summary; the rest holds.
    pub fn load(root: &Path, problems: &mut Vec<Skipped>) -> Ignored {
        let path = root.join(IGNORE_FILE);
        if !path.is_file() {
            return Ignored { matcher: None };
        }
        let text = match super::read_side_text(&path) {
            Ok(t) => t,
            Err(e) => {
                problems.push(Skipped {
                    path: IGNORE_FILE.to_string(),
                    reason: format!("not read: {e}"),
                });
                return Ignored { matcher: None };
            }
        };
        let mut builder = GitignoreBuilder::new(root);
        for (n, line) in text.lines().enumerate() {
            if let Err(e) = builder.add_line(Some(path.clone()), line) {
                problems.push(Skipped {
                    path: format!("{IGNORE_FILE}:{}", n + 1),
                    reason: format!("pattern left out: {e}"),
                });
            }
        }
        Ignored {
            matcher: builder.build().ok(),
        }
    }

    /// The pattern that leaves `path` (below the corpus folder) out, if one does.
    pub fn pattern(&self, path: &Path, is_dir: bool) -> Option<String> {
        let matched = self
            .matcher
            .as_ref()?
            .matched_path_or_any_parents(path, is_dir);
        matched
            .is_ignore()
            .then(|| matched.inner().map(|g| g.original().to_string()))
            .flatten()
    }
}
