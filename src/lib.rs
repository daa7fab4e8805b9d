//! gongwen (公文): full-text search for Chinese government speeches and reports.
//!
//! Data flows one way through small stages, each its own module:
//! [`corpus`] (walk, decode) → [`document`] (repair, metadata, passages) →
//! [`analysis`] (normalise, segment, register tokenizers) → [`indexer`] (schema, writer)
//! → [`search`] (query, filters, ranking, highlights) → [`output`] (terminal, JSON).
//! [`commands`] wires the stages together, one function per subcommand.

pub mod analysis;
pub mod cli;
pub mod commands;
pub mod corpus;
pub mod document;
pub mod error;
pub mod formats;
pub mod indexer;
pub mod manifest;
pub mod output;
pub mod search;

pub use error::{Error, Result};
