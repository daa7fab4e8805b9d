//! Names in text: the rules that tell an enterprise's, a body's or a place's name
//! ([`rules`]: a suffix and the words before it, short names a text defines), the names
//! of government listed whole ([`official`]), and [`discover`], which the indexer runs
//! on every document so that `names` only gathers and counts what was found.

mod lexicon;
pub mod official;
pub mod rules;

use std::collections::BTreeMap;
use std::str::FromStr;

use jieba_rs::Jieba;
use serde::{Deserialize, Serialize};

use rules::NameRules;

/// What a name names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum NameKind {
    /// Companies, groups, banks, works (…有限公司, …集团, …银行, …厂).
    Enterprise,
    /// Government and party bodies (…人民政府, …委员会, …部, …局).
    Organisation,
    /// Provinces, cities, counties, districts, towns (…省, …市, …县, …区).
    Place,
}

impl NameKind {
    /// The names `--kind` takes.
    pub const NAMES: &'static [&'static str] = &["enterprise", "organisation", "place"];
    pub const ALL: [NameKind; 3] = [
        NameKind::Enterprise,
        NameKind::Organisation,
        NameKind::Place,
    ];

    pub fn name(self) -> &'static str {
        NameKind::NAMES[self as usize]
    }
}

impl FromStr for NameKind {
    type Err = String;
    fn from_str(s: &str) -> std::result::Result<Self, String> {
        NameKind::ALL
            .into_iter()
            .find(|k| k.name() == s)
            .ok_or_else(|| format!("no kind of name {s}"))
    }
}

/// A name the rules read in one document: how many times they read it there, and the
/// full name it stands for if it is a short name (defined by the text or standard).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FoundName {
    pub name: String,
    pub kind: NameKind,
    pub times: u32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub short_for: Option<String>,
}

/// Every name the rules read in a document's texts (header and passages, folded), each
/// once with the times it was read, in name order.
pub fn discover<'a>(
    rules: &NameRules,
    jieba: &Jieba,
    texts: impl IntoIterator<Item = &'a str>,
) -> Vec<FoundName> {
    let mut found: BTreeMap<String, FoundName> = BTreeMap::new();
    let mut add = |name: String, kind: NameKind, short_for: Option<String>| {
        let entry = found.entry(name.clone()).or_insert(FoundName {
            name,
            kind,
            times: 0,
            short_for: None,
        });
        entry.times += 1;
        if entry.short_for.is_none() {
            entry.short_for = short_for;
        }
    };
    for text in texts {
        let (names, short) = rules.find(jieba, text);
        for (name, kind, _) in names {
            add(name, kind, None);
        }
        for s in short {
            add(s.short, s.kind, Some(s.full));
        }
    }
    found.into_values().collect()
}
