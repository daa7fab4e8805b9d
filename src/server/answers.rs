//! Answers kept while the index is unchanged. A broad search (发展, 的, 经济 改革) takes the
//! one heavy slot for tens of milliseconds to a second; under load the same few broad
//! queries are asked again and again, and queue behind each other. An answer computed
//! once is kept for its generation and handed out without waiting for a slot; a new
//! generation empties the cache (its answers may differ). Bounded by count, least
//! recently used out first.

use std::any::Any;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

/// Answers kept at most (a search's page and its facets: tens to hundreds of KB each).
const MAX_ANSWERS: usize = 128;

type Answer = Arc<dyn Any + Send + Sync>;

#[derive(Default)]
pub(crate) struct Answers {
    inner: Mutex<Inner>,
    /// One lock per key being computed: a burst of the same broad request computes it
    /// once, the others wait for that answer instead of queueing for slots of their own.
    computing: Mutex<HashMap<String, Arc<tokio::sync::Mutex<()>>>>,
}

#[derive(Default)]
struct Inner {
    generation: PathBuf,
    /// By request key: the answer and when it was last used.
    entries: HashMap<String, (Answer, u64)>,
    clock: u64,
}

impl Answers {
    /// The answer kept for `key` in `generation`, if any.
    pub(crate) fn get<T: Send + Sync + 'static>(
        &self,
        generation: &Path,
        key: &str,
    ) -> Option<Arc<T>> {
        let mut inner = self.inner.lock().unwrap_or_else(|e| e.into_inner());
        if inner.generation != generation {
            return None;
        }
        inner.clock += 1;
        let now = inner.clock;
        let (answer, used) = inner.entries.get_mut(key)?;
        *used = now;
        Arc::clone(answer).downcast::<T>().ok()
    }

    /// The lock of `key`'s computation (held while it is computed; dropped with the
    /// last holder's [`Answers::done`]).
    pub(crate) fn computing(&self, key: &str) -> Arc<tokio::sync::Mutex<()>> {
        let mut computing = self.computing.lock().unwrap_or_else(|e| e.into_inner());
        Arc::clone(computing.entry(key.to_string()).or_default())
    }

    /// Forgets `key`'s lock once no request holds it.
    pub(crate) fn done(&self, key: &str, lock: Arc<tokio::sync::Mutex<()>>) {
        let mut computing = self.computing.lock().unwrap_or_else(|e| e.into_inner());
        // The map's and this one: no other request is waiting on it.
        if Arc::strong_count(&lock) <= 2 {
            computing.remove(key);
        }
    }

    /// Keeps `answer` for `key` in `generation` (an older generation's answers go).
    pub(crate) fn put<T: Send + Sync + 'static>(
        &self,
        generation: &Path,
        key: String,
        answer: Arc<T>,
    ) {
        let mut inner = self.inner.lock().unwrap_or_else(|e| e.into_inner());
        if inner.generation != generation {
            inner.entries.clear();
            inner.generation = generation.to_path_buf();
        }
        inner.clock += 1;
        let now = inner.clock;
        inner.entries.insert(key, (answer, now));
        if inner.entries.len() > MAX_ANSWERS {
            let oldest = inner
                .entries
                .iter()
                .min_by_key(|(_, (_, used))| *used)
                .map(|(k, _)| k.clone());
            if let Some(k) = oldest {
                inner.entries.remove(&k);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_new_generation_empties_it_and_the_least_used_goes_first() {
        let answers = Answers::default();
        let (g1, g2) = (Path::new("gen-1"), Path::new("gen-2"));
        answers.put(g1, "发展".into(), Arc::new(1u32));
        assert_eq!(answers.get::<u32>(g1, "发展").as_deref(), Some(&1));
        assert!(answers.get::<u32>(g2, "发展").is_none());
        answers.put(g2, "的".into(), Arc::new(2u32));
        assert!(answers.get::<u32>(g1, "发展").is_none());
        for n in 0..MAX_ANSWERS {
            answers.put(g2, n.to_string(), Arc::new(0u32));
            assert!(answers.get::<u32>(g2, "的").is_some());
        }
        assert!(
            answers.get::<u32>(g2, "0").is_none(),
            "the least recently used went"
        );
        assert!(answers.get::<u32>(g2, "的").is_some());
    }
}
