//! gongwen (公文): full-text search for Chinese government speeches and reports.
//!
//! Data flows one way through small stages, each its own module, and no module imports
//! one that stands after it:
//!
//! [`text`] (folding, literals: a leaf) → [`corpus`] (walk, decode, formats, manifests)
//! → [`document`] (split, repair, metadata, passages; `ingest` applies every metadata
//! source) → [`analysis`] (tokenizers, segmenter, registration) → [`catalog`] (what an
//! index holds: schema, document list, generations, the read-side handle) →
//! [`indexer`] (plan, write, publish) and, beside it, the readers of the catalog:
//! [`search`] (query, filters, ranking, highlights) → [`mentions`] (every occurrence,
//! counts) → [`trend`] (per period) → [`output`] (terminal, JSON, CSV, SVG).
//!
//! [`parts`] is what one shard of a corpus prints of an answer for the others to sum.
//! [`config`] holds a command's resolved settings; [`commands`] is the front end that
//! wires stages together for one [`config::Config`], and [`server`] the other front end
//! (`gongwen serve`: web pages and a JSON API over the same library calls).

/// Gives an enum of plain values the names users type for them: a `NAMES` list (in
/// variant order) and a `FromStr` that names the choices when a name is wrong. Front ends
/// parse choices with it; the library's enums stay the only definition of each choice.
macro_rules! named_values {
    ($enum:ident { $($name:literal => $variant:ident),+ $(,)? }) => {
        impl $enum {
            /// The names a user gives for each value, in order.
            pub const NAMES: &[&str] = &[$($name),+];
        }

        impl std::str::FromStr for $enum {
            type Err = String;
            fn from_str(name: &str) -> std::result::Result<$enum, String> {
                match name {
                    $($name => Ok($enum::$variant),)+
                    other => Err(format!("{other:?} is not one of {}", $enum::NAMES.join(", "))),
                }
            }
        }
    };
}

pub mod analysis;
pub mod catalog;
pub mod commands;
pub mod config;
pub mod corpus;
pub mod document;
pub mod error;
pub mod export;
pub mod indexer;
pub mod mentions;
pub mod output;
pub mod parts;
pub mod research;
pub mod reuse;
pub mod search;
pub mod server;
pub mod text;
pub mod trend;

pub use error::{Error, Overrun, Result};
