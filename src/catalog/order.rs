//! How the catalog writes [`Catalog::order`](super::Catalog::order): as runs, not one
//! number per document. A fresh index numbers its documents in (path, section) order,
//! so the ranks are one run `[0, n]`; updates add a run per stretch of new or removed
//! documents. At 100× the sample corpus the list was 2.6 MB of the catalog's 2.8 MB of
//! JSON, parsed by every command (an eighth of a rare name's mentions).

use serde::de::Error as _;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::NO_DOCUMENT;

/// Entries a catalog may hold: more is a damaged catalog, not a corpus (a run's length
/// is read before anything is allocated).
const MAX_ENTRIES: u64 = 1 << 30;

/// `[first, len]`: `len` entries counting up from `first`, or `len` times
/// [`NO_DOCUMENT`] when `first` is it.
type Run = (u32, u32);

/// Writes `order` as runs.
pub fn serialize<S: Serializer>(order: &[u32], serializer: S) -> Result<S::Ok, S::Error> {
    runs(order).serialize(serializer)
}

/// Reads runs back into one entry per document id.
pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Vec<u32>, D::Error> {
    let runs = Vec::<Run>::deserialize(deserializer)?;
    let total: u64 = runs.iter().map(|&(_, len)| u64::from(len)).sum();
    if total > MAX_ENTRIES {
        return Err(D::Error::custom(format!(
            "document order of {total} entries"
        )));
    }
    let mut order = Vec::with_capacity(total as usize);
    for (first, len) in runs {
        if first == NO_DOCUMENT {
            order.extend(std::iter::repeat_n(NO_DOCUMENT, len as usize));
        } else if u64::from(first) + u64::from(len) <= u64::from(NO_DOCUMENT) {
            order.extend(first..first + len);
        } else {
            return Err(D::Error::custom(format!(
                "document order run {first}+{len}"
            )));
        }
    }
    Ok(order)
}

fn runs(order: &[u32]) -> Vec<Run> {
    let mut runs: Vec<Run> = Vec::new();
    for &rank in order {
        match runs.last_mut() {
            Some((first, len))
                if (*first == NO_DOCUMENT && rank == NO_DOCUMENT)
                    || (*first != NO_DOCUMENT
                        && rank != NO_DOCUMENT
                        && u64::from(*first) + u64::from(*len) == u64::from(rank)) =>
            {
                *len += 1
            }
            _ => runs.push((rank, 1)),
        }
    }
    runs
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Serialize, Deserialize, PartialEq, Debug)]
    struct Holder(#[serde(with = "super")] Vec<u32>);

    #[test]
    fn orders_read_back_as_written_in_few_runs() {
        let fresh: Vec<u32> = (0..100_000).collect();
        let json = serde_json::to_string(&Holder(fresh.clone())).unwrap();
        assert_eq!(json, "[[0,100000]]");
        // An updated index: documents removed, new ones sorted in between.
        let mut updated = fresh;
        updated[10..20].fill(NO_DOCUMENT);
        updated.extend([5, 4, NO_DOCUMENT, NO_DOCUMENT, 7, 8, 9, 0]);
        let json = serde_json::to_string(&Holder(updated.clone())).unwrap();
        let back: Holder = serde_json::from_str(&json).unwrap();
        assert_eq!(back.0, updated);
        assert_eq!(runs(&updated).len(), 8);
        assert_eq!(
            serde_json::from_str::<Holder>("[]").unwrap().0,
            Vec::<u32>::new()
        );
    }

    #[test]
    fn damaged_runs_are_refused_before_allocating() {
        for damaged in [
            "[[0,4294967295]]",
            "[[4294967290,10]]",
            "[[0,1073741824],[0,1]]",
            "[[0]]",
        ] {
            assert!(
                serde_json::from_str::<Holder>(damaged).is_err(),
                "{damaged}"
            );
        }
    }
}
