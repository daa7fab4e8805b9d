//! Alias groups: one entity under several names (中石油 / 中国石油 /
//! 中国石油天然气集团有限公司). A query term that is any name of a group stands for all of
//! them, in `search`, `mentions` and `trend`.
//!
//! The file is TOML, one `[[group]]` per entity:
//!
//! ```toml
//! [[group]]
//! name = "国家发展和改革委员会"
//! aliases = ["国家发改委", "发改委"]
//! ```
//!
//! Names are compared after folding (width, case), like everything else.

use std::path::Path;

use serde::Deserialize;

use crate::error::{Error, Result};
use crate::text::fold_str;

/// Most names an alias group may have (an entity has a handful; each is a literal
/// every query naming the group looks for).
pub const MAX_NAMES_PER_GROUP: usize = 64;

/// Name of the alias file looked for in the corpus folder.
pub const ALIAS_FILE: &str = "aliases.toml";

/// One entity and its other names.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AliasGroup {
    pub name: String,
    #[serde(default)]
    pub aliases: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct AliasFile {
    #[serde(default)]
    group: Vec<AliasGroup>,
}

/// A term to look for: the name it is reported under and the literals that count as it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entity {
    pub name: String,
    /// The literals, the name included; more than one only for an alias group.
    pub variants: Vec<String>,
}

/// The alias groups in force (none when aliases are off or there is no file).
#[derive(Debug, Clone, Default)]
pub struct Aliases {
    groups: Vec<AliasGroup>,
}

impl Aliases {
    /// Reads an alias file.
    pub fn load(path: &Path) -> Result<Aliases> {
        let text = crate::corpus::read_side_text(path).map_err(|e| Error::io(path, e))?;
        Aliases::parse(&text).map_err(|message| Error::Metadata {
            path: path.to_path_buf(),
            message,
        })
    }

    /// Parses the TOML text of an alias file.
    pub fn parse(text: &str) -> std::result::Result<Aliases, String> {
        let file: AliasFile = toml::from_str(text).map_err(|e| e.message().to_string())?;
        for g in &file.group {
            if g.name.trim().is_empty() || g.aliases.iter().any(|a| a.trim().is_empty()) {
                return Err(format!("group {:?} has an empty name", g.name));
            }
            // Each name is one more literal to find in every query naming the group.
            if g.aliases.len() >= MAX_NAMES_PER_GROUP {
                return Err(format!(
                    "group {:?} has {} names; a group may have up to {MAX_NAMES_PER_GROUP}",
                    g.name,
                    g.aliases.len() + 1
                ));
            }
        }
        Ok(Aliases { groups: file.group })
    }

    /// The groups, in file order.
    pub fn groups(&self) -> &[AliasGroup] {
        &self.groups
    }

    /// The alias groups of the corpus an index was built from (its `aliases.toml`), or
    /// none when it has no such file.
    pub fn of_corpus(handle: &crate::catalog::IndexHandle) -> Result<Aliases> {
        let default = handle.catalog.corpus.join(ALIAS_FILE);
        if default.is_file() {
            Aliases::load(&default)
        } else {
            Ok(Aliases::default())
        }
    }

    /// The entity a term stands for: its alias group if it names one, else itself.
    pub fn entity(&self, term: &str) -> Entity {
        let key = fold_str(term.trim());
        for g in &self.groups {
            if std::iter::once(&g.name)
                .chain(&g.aliases)
                .any(|n| fold_str(n.trim()) == key)
            {
                let mut variants = vec![g.name.clone()];
                variants.extend(g.aliases.iter().filter(|a| **a != g.name).cloned());
                return Entity {
                    name: g.name.clone(),
                    variants,
                };
            }
        }
        Entity {
            name: term.to_string(),
            variants: vec![term.to_string()],
        }
    }

    /// Replaces every literal of a query that names a group with all the group's names.
    pub fn expand(&self, query: &mut super::Query) {
        for clause in &mut query.clauses {
            let mut expanded: Vec<String> = Vec::new();
            for literal in &clause.alternatives {
                for v in self.entity(literal).variants {
                    if !expanded.contains(&v) {
                        expanded.push(v);
                    }
                }
            }
            clause.alternatives = expanded;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const FILE: &str = r#"
[[group]]
name = "中国石油天然气集团有限公司"
aliases = ["中石油", "中国石油"]

[[group]]
name = "国家发展和改革委员会"
aliases = ["国家发改委"]
"#;

    #[test]
    fn any_name_stands_for_the_group() {
        let aliases = Aliases::parse(FILE).unwrap();
        let e = aliases.entity("中石油");
        assert_eq!(e.name, "中国石油天然气集团有限公司");
        assert_eq!(e.variants.len(), 3);
        assert_eq!(
            aliases.entity("国家发改委").variants,
            vec!["国家发展和改革委员会", "国家发改委"]
        );
        assert_eq!(aliases.entity("稳增长").variants, vec!["稳增长"]);
    }

    #[test]
    fn bad_files_are_errors() {
        assert!(Aliases::parse("[[group]]\naliases = [\"x\"]").is_err());
        assert!(Aliases::parse("[[group]]\nname = \"\"").is_err());
        assert!(Aliases::parse("[[group]]\nname = \"a\"\nalias = [\"b\"]").is_err());
    }
}
